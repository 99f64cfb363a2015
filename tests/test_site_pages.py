"""Pages the build generates or decorates (issue 17: they had no test): the Languages page, the glossary
page, the lesson card, and an article as it prints. Each is checked in the built site against the data it
comes from (status, glossary/*.yml, the lesson's front matter), in Swedish and in a right-to-left and an
Ethiopic language."""
from __future__ import annotations

import html
import re

import pytest
import yaml

from conftest import REPO
from wayfinder.content import page_url
from wayfinder.frontmatter import split
from wayfinder.project import Project
from wayfinder.status import to_json

BIDI_CONTROLS = re.compile("[\u2066-\u2069\u200e\u200f]")
LESSON = "larare/lektioner/halsa.md"
LANGUAGES_PAGE, GLOSSARY_PAGE = "om/sprak.md", "om/ordlista.md"
ARTICLE = "vard/tolk/"


def text(fragment: str) -> str:
    """What a reader sees of an HTML fragment: tags and bidi controls removed, entities and spaces resolved."""
    inline_gone = re.sub(r"</?(?:bdi|span|strong|em|a|abbr|b|i)\b[^>]*>", "", fragment)  # e.g. <bdi>1177</bdi>.se
    return " ".join(html.unescape(BIDI_CONTROLS.sub("", re.sub(r"<[^>]+>", " ", inline_gone))).split())


def built(site, language, page: str) -> str:
    return (site / language.url_prefix / page_url(page) / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def status_data(registry):
    return to_json(Project(REPO, registry=registry).status)


def test_languages_page_shows_the_status_the_build_computed(site, registry, status_data):
    for code in ("sv", "ar", "ti"):
        language = registry[code]
        page = built(site, language, LANGUAGES_PAGE)
        summary = language.t("languages.summary").replace("{count}", str(len(status_data["offered"])))
        assert text(summary) in text(page), f"{code}: the offered count is not {len(status_data['offered'])}"
        rows = re.findall(r"<tr>\s*<td>(.*?)</tr>", page.split("<tbody>", 1)[1], re.S)
        assert len(rows) == len(registry), f"{code}: {len(rows)} rows for {len(registry)} languages"
        for row, (row_code, row_data) in zip(rows, status_data["languages"].items()):
            cells = [text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", "<td>" + row, re.S)]
            pages = row_data["pages"]
            assert cells[0] == registry[row_code].name, (code, row_code, cells)
            expected = [f"{pages['translated']}/{pages['total']}", str(pages["reviewed"]), str(pages["machine"]),
                        str(pages["outdated"]), str(pages["missing"])]
            assert cells[2:] == expected, f"{code} page, {row_code} row: {cells[2:]} != {expected}"
            offered = language.t("languages.yes") if row_data["offered"] else language.t("languages.no")
            assert cells[1] == offered, (code, row_code)


def test_glossary_page_has_every_term_in_swedish_and_the_readers_language(site, registry):
    source = yaml.safe_load((REPO / "glossary" / "sv.yml").read_text(encoding="utf-8"))
    for code in ("sv", "ar", "ti"):
        language = registry[code]
        page = built(site, language, GLOSSARY_PAGE)
        terms = [re.search(r'<strong lang="sv"[^>]*>(.*?)</strong>', dt).group(1) for dt in re.findall(r"<dt>(.*?)</dt>", page, re.S)]
        expected = sorted((entry["term"] for entry in source.values()), key=str.casefold)  # alphabetical, as readers look
        assert terms == expected, f"{code}: terms missing or out of order"
        shown = text(page)
        translations = source if language.is_source else \
            yaml.safe_load((REPO / "glossary" / f"{code}.yml").read_text(encoding="utf-8"))
        for key, entry in translations.items():
            assert text(html.escape(entry["explanation"])) in shown, f"{code}: the explanation of {key} is not shown"
            if not language.is_source:
                assert text(html.escape(entry["translation"])) in shown, f"{code}: the translation of {key} is not shown"


def test_lesson_card_shows_duration_goals_materials_pages_and_versions(site, registry):
    source = split((REPO / "content" / LESSON).read_text(encoding="utf-8")).meta
    translated = sorted(path.name.split(".")[-2] for path in (REPO / "content").glob(LESSON[:-3] + ".*.md"))
    for code in ("sv", "ar", "ti"):
        language = registry[code]
        page = built(site, language, LESSON)
        card = re.search(r'<aside class="wf-lesson".*?</aside>', page, re.S)
        assert card, f"{code}: no lesson card"
        card = card.group(0)
        own = source if language.is_source else \
            split((REPO / "content" / f"{LESSON[:-3]}.{code}.md").read_text(encoding="utf-8")).meta
        shown = text(card)
        assert f"{source['lesson']['duration']} {language.t('lesson.minutes')}" in shown, code
        for goal in own["lesson"]["goals"] + own["lesson"]["materials"]:
            assert text(html.escape(goal)) in shown, f"{code}: {goal!r} is not on the card"
        linked = re.findall(r"<ul>(.*?)</ul>", card, re.S)[-1]  # the card's last list: the theme pages it uses
        assert linked.count("<li><a href=") == len(source["lesson"]["pages"]), f"{code}: {text(linked)}"
        versions = re.findall(r'hreflang="([^"]+)"', card)
        assert sorted(versions) == sorted(["sv"] + [registry[c].lang for c in translated]), f"{code}: {versions}"
        assert card.count('aria-current="page"') == 1
        assert 'class="wf-lesson__printables"' in card


@pytest.mark.browser
def test_an_article_prints_without_site_chrome_and_with_link_addresses(browser, base_url, registry):
    for code in ("sv", "ar"):
        language = registry[code]
        tab = browser.new_page(viewport={"width": 800, "height": 1100})
        tab.goto(base_url + language.url_prefix + ARTICLE, wait_until="load")
        tab.wait_for_function("() => document.querySelector('.md-typeset a[data-wf-url]')")  # wayfinder.js marks links
        tab.emulate_media(media="print")
        shown = tab.evaluate("""() => {
          const visible = (selector) => [...document.querySelectorAll(selector)].some(
            (element) => element.getClientRects().length > 0 && getComputedStyle(element).display !== 'none');
          const link = document.querySelector('article a[data-wf-url^="http"]:not(.md-content__button)');  // a source, say
          return {
            header: visible('.md-header'), sidebar: visible('.md-sidebar'), search: visible('.md-search'),
            tools: visible('.wf-tools'), article: visible('article'), emergency: visible('.wf-emergency'),
            sources: visible('.wf-facts'),
            linkAddress: link ? getComputedStyle(link, '::after').content : null,
            url: link ? link.getAttribute('data-wf-url') : null,
            telMarked: document.querySelectorAll('a[href^="tel:"][data-wf-url]').length,
          };
        }""")
        tab.close()
        assert not (shown["header"] or shown["sidebar"] or shown["search"] or shown["tools"]), f"{code}: {shown}"
        assert shown["article"] and shown["emergency"] and shown["sources"], f"{code}: {shown}"
        assert shown["url"] and shown["url"] in shown["linkAddress"], f"{code}: a printed link does not show its address"
        assert not shown["telMarked"], f"{code}: a phone link would print '(tel:…)' after its number"
