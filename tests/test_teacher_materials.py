"""Printable materials generated per language from the lessons' data (cards, signs with the Swedish key
word and its translation from glossary/<code>.yml and a pictogram, worksheet, answers), handouts that are
worksheets, and the teachers' page that lists every lesson with its language versions and handouts — all
in the built site, none of it committed."""
import html
import re
import subprocess

import pytest
import yaml

from conftest import REPO
from wayfinder import facts, lessons, materials
from wayfinder.content import page_url, scan
from wayfinder.frontmatter import read
from wayfinder.glossary import Entry, picture_alt, render_markdown


def lesson_pages(registry):
    tree = scan(REPO / "content", registry)
    return tree, [p for p in sorted(tree.pages) if materials.is_lesson_page(p) and "sv" in tree.pages[p]
                  and read(tree.pages[p]["sv"].path).meta.get("kind") == "lesson"]


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def test_materials_of_every_lesson_in_every_language(site, registry):
    tree, pages = lesson_pages(registry)
    assert len(pages) >= 8
    glossary_sv = yaml.safe_load((REPO / "glossary" / "sv.yml").read_text(encoding="utf-8"))
    fact_registry = facts.load_facts(REPO)
    for language in registry:
        glossary = {} if language.is_source else yaml.safe_load((REPO / "glossary" / f"{language.code}.yml").read_text(encoding="utf-8"))
        for page in pages:
            built = site / language.url_prefix / materials.materials_url(page) / "index.html"
            assert built.exists(), built
            document = built.read_text(encoding="utf-8")
            assert f'<html lang="{language.lang}" dir="{language.direction}">' in document
            assert "{{fact:" not in document  # placeholders rendered as on the pages
            # Cards and answers: as many as the lesson in the language shown (the Swedish where not translated).
            shown = tree.pages[page].get(language.code, tree.pages[page]["sv"])
            lesson = lessons.parse(read(shown.path).body)
            cards = [item.text for exercise in lesson.exercises if exercise.box("cards") for item in exercise.box("cards").bullets]
            assert document.count('class="wf-card"') == len(cards), (language.code, page)
            for card in cards[:3]:
                shown_card = facts.render(card, fact_registry, language)[0]
                assert text_of(materials.inline(shown_card)) in text_of(document), (language.code, page, card)
            # Signs: the Swedish word, and its translation from the language's glossary.
            signs = read(tree.pages[page]["sv"].path).meta["lesson"]["signs"]
            found = re.findall(r'<div class="wf-sign" data-sign="([^"]+)">(.*?)</div>', document, re.S)
            assert [sign for sign, _ in found] == [str(s) for s in signs], (language.code, page)
            for sign, body in found:
                assert f'<p class="wf-sign__term" lang="sv" dir="ltr">{html.escape(glossary_sv[sign]["term"])}</p>' in body
                translation = (glossary.get(sign) or {}).get("translation")
                if translation and translation != glossary_sv[sign]["term"]:
                    assert html.escape(translation) in body, (language.code, sign)
                pictogram = REPO / "overrides" / "assets" / "pictograms" / f"{sign}.svg"
                if pictogram.exists():
                    alt = language.t(f"pictogram.{sign}")
                    assert alt.strip()
                    words = {glossary_sv[sign]["term"].casefold(), (translation or "").casefold()}
                    # A text alternative that only repeats the word beside the picture is left out (alt="").
                    assert f'alt="{"" if alt.casefold() in words else html.escape(alt)}"' in body, (language.code, sign)
            assert 'class="wf-materials__part wf-worksheet"' in document
            # Lesson page links to its materials.
            lesson_page = (site / language.url_prefix / page_url(page) / "index.html").read_text(encoding="utf-8")
            assert 'class="wf-lesson__printables"' in lesson_page


def test_health_lesson_has_the_midwife_card_sign_and_answers(site, registry):
    document = (site / "ti" / "print" / "lektioner" / "halsa" / "index.html").read_text(encoding="utf-8")
    for sign in ("112", "1177", "vardcentral", "bvc", "elevhalsa", "ungdomsmottagning", "mvc"):
        assert f'data-sign="{sign}"' in document
    assert "ሳራ ነፍሰ-ጾር እያ" in document  # Sara is pregnant: the midwife card
    answers = re.search(r'<section class="wf-materials__part wf-materials__answers">(.*?)</section>', document, re.S).group(1)
    assert answers.count("<li>") >= 7 + 3 + 3


def test_pictograms_have_a_licence_and_a_text_alternative_in_every_language(registry):
    folder = REPO / "overrides" / "assets" / "pictograms"
    assert "CC0" in (folder / "LICENSE.md").read_text(encoding="utf-8")
    ids = {path.stem for path in folder.glob("*.svg")}
    assert {"112", "1177", "vardcentral", "akutmottagning", "apotek", "tandvard", "tolk", "bvc", "mvc"} <= ids
    glossary = yaml.safe_load((REPO / "glossary" / "sv.yml").read_text(encoding="utf-8"))
    for pictogram in ids:
        assert pictogram in glossary  # named by glossary id, so signs find their picture
        for language in registry:
            assert language.ui.get(f"pictogram.{pictogram}", "").strip(), (language.code, pictogram)


def test_materials_are_not_committed():
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True).stdout.split()
    assert not [path for path in tracked if "/print/" in path or path.startswith("print/")]


@pytest.mark.parametrize("code", ["ar", "ti", "sv"])
def test_handout_is_a_worksheet_without_url_lists_or_stray_markup(site, registry, code):
    language = registry[code]
    document = (site / language.url_prefix / "print" / "halsa" / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", document).group(1)
    assert "&para;" not in title and "¶" not in title and "&amp;" not in title
    assert 'class="wf-facts' not in document  # no list of source addresses per page
    assert not re.search(r'<li><a href="https?://', document)
    assert 'class="headerlink"' not in document
    sources = re.search(r'<p class="wf-handout__sources">(.*?)</p>', document, re.S)
    assert sources and "http" not in sources.group(1)
    exercises = re.search(r'<section class="wf-handout__exercises">(.*)</section>', document, re.S)
    assert exercises and 'class="wf-line"' in exercises.group(1)


def test_printed_handout_fits_few_pages_and_prints_no_addresses(browser, base_url, tmp_path):
    tab = browser.new_page()
    tab.goto(base_url + "ar/print/halsa/")
    tab.emulate_media(media="print")
    after = tab.evaluate("""() => [...document.querySelectorAll('a[data-wf-url]')]
        .map(a => getComputedStyle(a, '::after').content).filter(c => c && c !== 'none' && c !== 'normal')""")
    assert after == []  # no "(http://…)" after links on paper
    pdf = tmp_path / "handout.pdf"
    tab.pdf(path=str(pdf), format="A4")
    pages = pdf.read_bytes().count(b"/Type /Page\n") or len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert 1 <= pages <= 12, pages
    tab.close()


def test_teachers_page_lists_every_lesson_with_languages_and_handouts(site, registry):
    tree, pages = lesson_pages(registry)
    for language in registry:
        if "larare/index.md" not in tree.pages or language.code not in tree.pages["larare/index.md"]:
            continue
        document = (site / language.url_prefix / "larare" / "index.html").read_text(encoding="utf-8")
        table = re.search(r'<table class="wf-lessons">(.*?)</table>', document, re.S)
        assert table, language.code
        rows = re.findall(r"<tr><td>(.*?)</tr>", table.group(1), re.S)
        assert len(rows) == len(pages)
        for page in pages:  # rows follow the navigation's order
            row = next(r for r in rows if f'{page_url(page)}">' in r.split("</td>")[0])
            for code in tree.pages[page]:
                other = registry[code]
                assert f'{other.url_prefix}{page_url(page)}" hreflang="{other.lang}"' in row, (language.code, page, code)
            assert f'{language.url_prefix}{materials.materials_url(page)}"' in row
            assert f'{language.url_prefix}print/' in row
        assert "kommer" not in document.split('<table class="wf-lessons">')[0].split("<h2")[-1] or language.code != "sv"
    swedish = (REPO / "content" / "larare" / "index.md").read_text(encoding="utf-8")
    assert "Lektionsupplägg kommer" not in swedish and "<!-- lessons -->" in swedish


def test_a_picture_that_only_repeats_the_word_beside_it_is_decorative():
    """Swedish 'vårdcentral' beside a picture whose text alternative is 'vårdcentral' is said once, not twice."""
    assert picture_alt("vårdcentral", "vårdcentral", None) == ""
    assert picture_alt("ማእከል ጥዕና", "vårdcentral", "ማእከል  ጥዕና") == ""  # the translation, spacing aside
    assert picture_alt("BVC, barnavårdscentral", "BVC", None) == "BVC, barnavårdscentral"  # says more
    entries = {"tolk": Entry("tolk", "tolk", "En person som översätter.")}
    rendered = render_markdown(entries, "svenska", {"tolk": ("tolk.svg", "Tolk")})
    assert '<img class="wf-pictogram" src="tolk.svg" alt="">' in rendered
