"""Printable class materials of a lesson, per language, generated at build time from the lesson's data
(never hand-made files): case cards to cut out, signs (pictogram, the Swedish key word, its translation
from glossary/<code>.yml) and a worksheet, plus the answers for the teacher.

The lesson's cards, answers and questions are read from the page in the reader's language with
`lessons.parse` (translations keep every box), or from the Swedish page where no translation exists."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import markdown as md

from . import facts, lessons, structure as site_structure
from .bidi import isolate_page
from .content import page_url
from .frontmatter import read
from .glossary import Entry, picture_alt

PICTOGRAM_DIR = "assets/pictograms"
LESSON_KIND = "lesson"  # the page kind with printable materials (structure.yml: its folder and materials)


def _lesson_kind(structure: site_structure.Structure | None) -> site_structure.Kind:
    return (structure or site_structure.default()).kind(LESSON_KIND)


def is_lesson_page(page: str, structure: site_structure.Structure | None = None) -> bool:
    kind = _lesson_kind(structure)
    return page.startswith(kind.folder) and not page.endswith("index.md")


def materials_url(page: str, structure: site_structure.Structure | None = None) -> str:
    """Site path (within a language) of a lesson's materials: 'print/lektioner/halsa/'."""
    kind = _lesson_kind(structure)
    return kind.materials + page_url(page)[len(kind.folder):]


def fact_text(fact_registry) -> "callable":
    """`prepare(text, language)`: {{fact:ID}} rendered as on the pages, for what is generated from Markdown
    outside a page (materials, handouts' exercises). Raises facts.FactError for an unknown fact."""
    return lambda text, language: facts.render(text, fact_registry, language, "lesson materials")[0]


def pictogram_ids(theme_dir: Path) -> set[str]:
    return {path.stem for path in (theme_dir / PICTOGRAM_DIR).glob("*.svg")}


@dataclass
class Sign:
    id: str
    term: str  # Swedish
    translation: str | None  # in the materials' language (None in Swedish or when the glossary lacks it)
    pictogram: str | None  # site path of the SVG
    alt: str  # text alternative in the materials' language


def inline(text: str) -> str:
    """A list item's Markdown (bold, links) as inline HTML; links keep only their text on paper."""
    rendered = md.markdown(text)
    rendered = re.sub(r"^<p>|</p>$", "", rendered.strip())
    return re.sub(r"<a [^>]*>(.*?)</a>", r"\1", rendered)


def build_signs(sign_ids: list[str], source: dict[str, Entry], translated: dict[str, Entry], pictograms: set[str],
                t) -> list[Sign]:
    signs = []
    for sign_id in sign_ids:
        entry = source.get(sign_id)
        if entry is None:
            continue  # reported by the lesson schema check
        other = translated.get(sign_id)
        translation = other.translation if other and other.translation and other.translation != entry.term else None
        alt = picture_alt(t(f"pictogram.{sign_id}"), entry.term, translation) if sign_id in pictograms else ""
        signs.append(Sign(sign_id, entry.term, translation,
                          f"{PICTOGRAM_DIR}/{sign_id}.svg" if sign_id in pictograms else None, alt))
    return signs


def render(language, title: str, lesson_file: Path, signs: list[Sign], up: str, stylesheets: list[str],
           site_name: str, lesson_link: str, prepare=None) -> str:
    """The materials page: cards, signs, worksheet, answers; each part starts on a new sheet of paper.
    `prepare(text)` turns the Markdown as written into what readers see ({{fact:ID}} placeholders)."""
    t = language.t
    document = read(lesson_file)
    lesson = lessons.parse(prepare(document.body) if prepare else document.body, document.body_line)
    direction = language.direction
    parts = []

    # Case cards: every exercise's cards, numbered "exercise.card".
    card_blocks = []
    for number, exercise in enumerate(lesson.exercises, start=1):
        cards = exercise.box("cards")
        if not cards or not cards.bullets:
            continue
        items = "".join(
            f'<li class="wf-card"><span class="wf-card__number" dir="ltr">{number}.{index}</span>'
            f'<p class="wf-card__text">{inline(item.text)}</p></li>'
            for index, item in enumerate(cards.bullets, start=1))
        card_blocks.append(f'<h3>{html.escape(_plain(exercise.title))}</h3><ul class="wf-cards">{items}</ul>')
    if card_blocks:
        parts.append(f'<section class="wf-materials__part wf-materials__cards"><h2>{html.escape(t("lesson.cards"))}</h2>'
                     f'<p class="wf-materials__hint">{html.escape(t("lesson.cut_hint"))}</p>{"".join(card_blocks)}</section>')

    # Signs: one per sheet, the Swedish word large (it is what the class learns), the translation below.
    if signs:
        sign_html = []
        for sign in signs:
            picture = (f'<img class="wf-sign__pictogram" src="{up}{sign.pictogram}" alt="{html.escape(sign.alt)}">'
                       if sign.pictogram else "")
            translation = (f'<p class="wf-sign__translation" lang="{language.lang}" dir="{direction}">{html.escape(sign.translation)}</p>'
                           if sign.translation else "")
            sign_html.append(f'<div class="wf-sign" data-sign="{html.escape(sign.id)}">{picture}'
                             f'<p class="wf-sign__term" lang="sv" dir="ltr">{html.escape(sign.term)}</p>{translation}</div>')
        parts.append(f'<section class="wf-materials__part wf-materials__signs"><h2>{html.escape(t("lesson.signs"))}</h2>'
                     f'{"".join(sign_html)}</section>')

    # Worksheet: name, each exercise's cards with a line for the answer, the discussion questions with lines.
    parts.append(f'<section class="wf-materials__part wf-worksheet"><h2>{html.escape(t("lesson.worksheet"))}</h2>'
                 f'{worksheet_html(lesson, t)}</section>')

    # Answers, for the teacher: in the order of the cards.
    answer_blocks = []
    for exercise in lesson.exercises:
        answers = exercise.box("answers")
        if answers and answers.items:
            answer_blocks.append(f'<h3>{html.escape(_plain(exercise.title))}</h3><ol>' +
                                 "".join(f"<li>{inline(item.text)}</li>" for item in answers.items) + "</ol>")
        elif answers and answers.text:
            answer_blocks.append(f'<h3>{html.escape(_plain(exercise.title))}</h3><p>{inline(" ".join(answers.text))}</p>')
    if answer_blocks:
        parts.append(f'<section class="wf-materials__part wf-materials__answers"><h2>{html.escape(t("lesson.answers"))}</h2>'
                     f'{"".join(answer_blocks)}</section>')

    links = "\n".join(f'<link rel="stylesheet" href="{up}{sheet_path}">' for sheet_path in stylesheets)
    return f"""<!doctype html>
<html lang="{language.lang}" dir="{direction}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{html.escape(title)} – {html.escape(t("lesson.printables"))}</title>
{links}
</head>
<body dir="{direction}" class="wf-handout wf-materials">
<main class="md-content"><div class="md-content__inner md-typeset">
<p class="wf-handout__site">{html.escape(site_name)}</p>
<h1>{html.escape(title)}</h1>
<p class="wf-materials__back"><a href="{lesson_link}">{html.escape(title)}</a></p>
{"".join(parts)}
</div></main>
</body>
</html>
"""


def worksheet_html(lesson: "lessons.Lesson", t, heading_level: int = 3) -> str:
    """A worksheet from a lesson: a name line, each exercise with its cards and a line for each answer,
    the discussion questions with lines to write on."""
    h = f"h{heading_level}"
    sheet = [f'<p class="wf-worksheet__name">{html.escape(t("lesson.name"))}: <span class="wf-line"></span></p>']
    for exercise in lesson.exercises:
        cards, purpose = exercise.box("cards"), exercise.box("purpose")
        block = f'<{h}>{html.escape(_plain(exercise.title))}</{h}>'
        if purpose and purpose.text:
            block += f'<p>{inline(" ".join(purpose.text))}</p>'
        if cards and cards.bullets:
            block += '<ol class="wf-worksheet__tasks">' + "".join(
                f'<li>{inline(item.text)}<span class="wf-line"></span></li>' for item in cards.bullets) + "</ol>"
        else:
            block += '<div class="wf-worksheet__space"></div>'
        sheet.append(block)
    questions = lesson.questions
    if questions and questions.bullets:
        title = next((s.title for s in lesson.sections if s.box("questions")), t("lesson.questions"))
        sheet.append(f'<{h}>{html.escape(_plain(title))}</{h}><ol class="wf-worksheet__tasks">' + "".join(
            f'<li>{inline(item.text)}<span class="wf-line"></span><span class="wf-line"></span></li>'
            for item in questions.bullets) + "</ol>")
    return "".join(sheet)


def theme_exercises(tree, registry, language, folder: str, prepare=None,
                    structure: site_structure.Structure | None = None) -> str:
    """The worksheets of the lessons that belong to a handout's collection (a theme, or the healthcare
    guide for lessons without a theme), in the handout's language where the lesson is translated."""
    structure = structure or site_structure.default()
    source_code = registry.source.code
    blocks = []
    for page, files in sorted(tree.pages.items()):
        if not is_lesson_page(page, structure) or source_code not in files:
            continue
        meta = read(files[source_code].path).meta
        kind = structure.kind(meta.get("kind"))
        if kind is None or kind.handout != "exercises" or structure.theme_collection(meta.get("theme")).folder != folder:
            continue
        document = read(files.get(language.code, files[source_code]).path)
        lesson = lessons.parse(prepare(document.body) if prepare else document.body, document.body_line)
        title = str(document.meta.get("title") or page)
        title = re.sub(r"<[^>]+>", "", prepare(title)) if prepare else title
        blocks.append(f'<section class="wf-worksheet"><h2>{html.escape(str(title))}</h2>{worksheet_html(lesson, language.t)}</section>')
    return "".join(blocks)


def _plain(text: str) -> str:
    return re.sub(r"[*_`]", "", text)


def signs_for(sign_ids: list, code: str, registry, glossary_dir: Path, theme_dir: Path) -> list[Sign]:
    """A lesson's signs in language `code`: pictogram, Swedish word, its translation from glossary/<code>.yml.
    Raises GlossaryError for a broken glossary."""
    from .glossary import load_language, load_source

    source = load_source(glossary_dir, registry.source.code)
    translated = {} if code == registry.source.code else load_language(glossary_dir, code, source)
    return build_signs([str(s) for s in sign_ids], source, translated, pictogram_ids(theme_dir), registry[code].t)


def write_all(site_dir: Path, registry, tree, glossary_dir: Path, theme_dir: Path, stylesheets: list[str],
              languages=None, prepare=None, structure: site_structure.Structure | None = None) -> list[Path]:
    """Every lesson's materials page in every (or the given) language: `<lang>/print/lektioner/<lesson>/`.
    `prepare(text, language)` renders what the build renders before Markdown ({{fact:ID}})."""
    from .glossary import load_language, load_source

    structure = structure or site_structure.default()
    source_code = registry.source.code
    source_glossary = load_source(glossary_dir, source_code)
    pictograms = pictogram_ids(theme_dir)
    written = []
    for language in registry:
        if languages is not None and language.code not in languages:
            continue
        translated_glossary = {} if language.is_source else load_language(glossary_dir, language.code, source_glossary)
        prefix = language.url_prefix
        for page, files in sorted(tree.pages.items()):
            if not is_lesson_page(page, structure) or source_code not in files:
                continue
            source_meta = read(files[source_code].path).meta
            if source_meta.get("kind") != LESSON_KIND:
                continue
            lesson_file = files.get(language.code, files[source_code])
            title = str(read(lesson_file.path).meta.get("title") or page)
            render_text = (lambda text, language=language: prepare(text, language)) if prepare else None
            if render_text:
                title = re.sub(r"<[^>]+>", "", render_text(title))  # plain text: it goes into <title> and <h1>
            sign_ids = (source_meta.get("lesson") or {}).get("signs") or []
            signs = build_signs([str(s) for s in sign_ids], source_glossary, translated_glossary, pictograms, language.t)
            target_url = prefix + materials_url(page, structure)
            up = "../" * len(target_url.strip("/").split("/"))
            html_text = render(language, title, lesson_file.path, signs, up, stylesheets, language.site_name,
                               up + prefix + page_url(page), render_text)
            if language.direction == "rtl":  # "150–300", "1177.se" in reading order on paper too
                html_text = isolate_page(html_text)
            target = site_dir / target_url / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html_text, encoding="utf-8")
            written.append(target)
    return written
