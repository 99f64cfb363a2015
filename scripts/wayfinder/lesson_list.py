"""The list of lessons on the teachers' page, generated at build time from the content tree (so a new
lesson appears by itself): each lesson in the page's language, its duration, every language it is
written in, its printable materials and the theme's handout. The page asks for it with MARKER."""
from __future__ import annotations

import html

from . import materials, structure as site_structure
from .content import page_url
from .frontmatter import read

MARKER = "<!-- lessons -->"


def lesson_pages(tree, source_code: str, nav_order: list[str], structure: site_structure.Structure | None = None) -> list[str]:
    """Lesson pages with a Swedish source, in navigation order (lessons not in the nav last, by path)."""
    pages = [p for p in tree.pages if materials.is_lesson_page(p, structure) and source_code in tree.pages[p]
             and read(tree.pages[p][source_code].path).meta.get("kind") == "lesson"]
    position = {page: index for index, page in enumerate(nav_order)}
    return sorted(pages, key=lambda p: (position.get(p, len(position)), p))


def render(tree, registry, code: str, current_page: str, nav_order: list[str], site_language: str | None = None,
           structure: site_structure.Structure | None = None) -> str:
    """An HTML table in language `code`; links are relative to `current_page` as built into the site of
    `site_language` (a Swedish fallback page under /bs/ is one folder deeper than the Swedish original)."""
    structure = structure or site_structure.default()
    language = registry[code]
    t = language.t
    source_code = registry.source.code

    here = registry[site_language or code].url_prefix + page_url(current_page)
    up = "../" * len([part for part in here.split("/") if part])
    rows = []
    for page in lesson_pages(tree, source_code, nav_order, structure):
        files = tree.pages[page]
        shown = files.get(code, files[source_code])
        meta = read(shown.path).meta
        source_meta = read(files[source_code].path).meta
        duration = (source_meta.get("lesson") or {}).get("duration")
        title = html.escape(str(meta.get("title") or page))
        versions = "".join(
            f'<li><a href="{up}{l.url_prefix}{page_url(page)}" hreflang="{l.lang}" lang="{l.lang}" dir="{l.direction}">'
            f"{html.escape(l.name)}</a></li>"
            for l in registry if l.code in files)
        handout = structure.theme_collection(source_meta.get("theme")).url
        rows.append(
            f'<tr><td><a href="{up}{language.url_prefix}{page_url(page)}">{title}</a></td>'
            f'<td><bdi dir="ltr">{duration}</bdi> {html.escape(t("lesson.minutes"))}</td>'
            f'<td><ul class="wf-lessons__languages">{versions}</ul></td>'
            f'<td><a href="{up}{language.url_prefix}{materials.materials_url(page, structure)}">{html.escape(t("lesson.printables"))}</a><br>'
            f'<a href="{up}{language.url_prefix}{handout}">{html.escape(t("view.handout"))}</a></td></tr>')
    head = "".join(f"<th>{html.escape(t(key))}</th>" for key in ("teachers.lesson", "lesson.duration", "lesson.versions", "lesson.materials"))
    return (f'<table class="wf-lessons">\n<thead><tr>{head}</tr></thead>\n<tbody>\n' + "\n".join(rows) +
            "\n</tbody>\n</table>\n")
