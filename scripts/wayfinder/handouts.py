"""Printable handouts: one worksheet per language that collects a whole civic theme or the whole
healthcare guide, built from the already rendered pages of that language (translations, or the Swedish
original where a page is not translated yet, with its notice), for a teacher to print or save as PDF.

On paper a handout is the content and the exercises: the pages without their source lists (one short
source line at the end instead), the exercises of the theme's lessons (cards with answer lines,
questions), links as plain text (no addresses that a right-to-left line would scramble)."""
from __future__ import annotations

import html
import re
from pathlib import Path

from . import materials, structure as site_structure
from .content import page_url
from .frontmatter import read
from .listen import strip_control

# A collection is every page under one folder, in navigation order: the healthcare guide and each theme,
# as structure.yml declares them (handouts).

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_TOOLS = re.compile(r'<div class="wf-tools".*?</div>', re.S)
_ACTIONS = re.compile(r'<a href="[^"]*" title="[^"]*" class="md-content__button md-icon"[^>]*>.*?</a>', re.S)
_ID = re.compile(r'\sid="([^"]+)"')
_FACTS = re.compile(r'<aside class="wf-facts".*?</aside>', re.S)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_SOURCE_TITLE = re.compile(r'<li><a href="[^"]*"[^>]*>(.*?)</a></li>', re.S)
_REVIEWED = re.compile(r'<time datetime="([^"]+)"')


def handout_url(folder: str) -> str:
    """Site path (within a language) of a collection's handout: 'print/vard/', 'print/att-bo-i-sverige/'."""
    return site_structure.Collection(folder).url


def nav_pages(nav) -> list[str]:
    """Page paths of mkdocs.yml's nav, flattened in order."""
    out: list[str] = []
    for item in nav or []:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            out += nav_pages(value)
        elif isinstance(value, str) and value.endswith(".md"):
            out.append(value)
    return out


def article_of(built_page: Path, prefix: str, sources: list[str] | None = None, reviewed: list[str] | None = None) -> str:
    """The article of a built page, ids made unique per page, page tools, permalinks and the sources box
    removed (the sources' names and review dates go to `sources` and `reviewed` for one line at the end)."""
    match = _ARTICLE.search(built_page.read_text(encoding="utf-8"))
    body = match.group(1) if match else ""
    for facts in _FACTS.findall(body):
        if sources is not None:
            sources += [html.unescape(re.sub(r"<[^>]+>", "", title)).strip() for title in _SOURCE_TITLE.findall(facts)]
        if reviewed is not None:
            reviewed += _REVIEWED.findall(facts)
    body = _HEADERLINK.sub("", _FACTS.sub("", _ACTIONS.sub("", _TOOLS.sub("", body))))
    body = strip_control(body)  # Listen reads one page on screen; a handout is for paper
    return _ID.sub(lambda m: f' id="{prefix}-{m.group(1)}"', body)


def source_names(titles: list[str]) -> list[str]:
    """'1177: Hitta vård' and '1177: Tolk' → '1177': who published each source, once each, in order."""
    names: list[str] = []
    for title in titles:
        name = title.split(":", 1)[0].strip()
        if name and name not in names:
            names.append(name)
    return names


def write_handout(site_dir: Path, language, lang_prefix: str, folder: str, pages: list[str], stylesheets: list[str],
                  site_name: str, title: str, exercises: str = "") -> Path:
    target = site_dir / lang_prefix / handout_url(folder) / "index.html"
    depth = len((lang_prefix + handout_url(folder)).strip("/").split("/"))
    up = "../" * depth
    sections, sources, reviewed = [], [], []
    for index, page in enumerate(pages):
        built = site_dir / lang_prefix / page_url(page) / "index.html"
        if built.exists():
            article = article_of(built, f"p{index}", sources, reviewed)
            # Links inside a page are relative to that page; make them relative to the handout.
            article = re.sub(r'(href|src)="(?!https?:|mailto:|tel:|#|/)([^"]*)"',
                             lambda m: f'{m.group(1)}="{up}{lang_prefix}{page_url(page)}{m.group(2)}"', article)
            sections.append(f'<section class="wf-handout__page">{article}</section>')
    links = "\n".join(f'<link rel="stylesheet" href="{up}{sheet}">' for sheet in stylesheets)
    if exercises:
        sections.append(f'<section class="wf-handout__exercises"><h1>{html.escape(language.t("handout.exercises"))}</h1>{exercises}</section>')
    source_line = ""
    if sources:
        # The oldest review date: every fact in the handout was checked on that day or later.
        dated = f' · {html.escape(language.t("page.reviewed"))}: <time dir="ltr">{min(reviewed)}</time>' if reviewed else ""
        source_line = (f'<p class="wf-handout__sources"><strong>{html.escape(language.t("handout.sources"))}:</strong> '
                       f'<span lang="sv" dir="ltr">{html.escape(", ".join(source_names(sources)))}</span>{dated}</p>')
    document = f"""<!doctype html>
<html lang="{language.lang}" dir="{language.direction}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{html.escape(title)} – {html.escape(site_name)}</title>
{links}
</head>
<body dir="{language.direction}" class="wf-handout">
<main class="md-content"><div class="md-content__inner md-typeset">
<p class="wf-handout__site">{html.escape(site_name)}</p>
{''.join(sections)}
{source_line}
</div></main>
<script src="{up}assets/javascripts/wayfinder.js"></script>
</body>
</html>
"""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(document, encoding="utf-8")
    return target


def stylesheets(site_dir: Path, extra_css) -> list[str]:
    """The built site's stylesheets (Material's, then the project's), for printable pages."""
    return sorted(p.relative_to(site_dir).as_posix() for p in (site_dir / "assets" / "stylesheets").glob("*.css")) \
        + [str(path) for path in extra_css]


def printed_pages(tree, folder: str, nav_order: list[str], structure: site_structure.Structure) -> list[str]:
    """The pages of a collection, in navigation order: those whose kind is printed in handouts (structure.yml)."""
    pages = []
    for page in nav_order:
        files = tree.pages.get(page, {})
        if not page.startswith(folder) or tree.source_language not in files:
            continue
        kind = structure.kind(read(files[tree.source_language].path).meta.get("kind"))
        if kind is not None and kind.handout == "page":
            pages.append(page)
    return pages


def write_all(site_dir: Path, registry, tree, nav_order: list[str], titles: dict[tuple[str, str], str],
              stylesheet_paths: list[str], structure: site_structure.Structure, languages=None, prepare=None) -> list[Path]:
    """Every collection's handout in every (or the given) language. `titles[(code, page)]`: the page's title as
    built in the site of language `code` (a handout is titled by its collection's overview); `prepare(text,
    language)` renders what the build renders before Markdown ({{fact:ID}}) in the lessons' exercises."""
    written = []
    for language in registry:
        if languages is not None and language.code not in languages:
            continue
        prefix = language.url_prefix
        for collection in structure.collections:
            pages = printed_pages(tree, collection.folder, nav_order, structure)
            if not pages:
                continue
            title = titles.get((language.code, pages[0]), collection.folder)
            exercises = materials.theme_exercises(tree, registry, language, collection.folder,
                                                  (lambda text, language=language: prepare(text, language)) if prepare else None,
                                                  structure)
            written.append(write_handout(site_dir, language, prefix, collection.folder, pages, stylesheet_paths,
                                         language.site_name, title, exercises))
    return written
