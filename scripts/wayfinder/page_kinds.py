"""Page kinds' page work, routed by structure.yml: a kind with a `module` (the lesson: wayfinder.lessons)
gets its pages' Markdown and template context from that module, so the build calls one interface for every
kind and a new kind is a line in structure.yml plus its module (and template).

A kind module may define, each optional:

    page_markdown(markdown: str, language) -> str     before Markdown, on pages of the kind
    page_context(page: Page, site: Site) -> dict|None  the template's `wayfinder_<kind id>`

`Page` and `Site` carry what the build knows; the module imports no MkDocs."""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Callable

from .structure import Structure


@dataclass(frozen=True)
class Page:
    shared: str  # path shared by all languages: 'larare/lektioner/halsa.md'
    code: str  # the language the page is written in (the Swedish original on a fallback page)
    prefix: str  # site prefix of the language being built: '' or 'ar/'
    meta: dict  # front matter, with what a translation inherits from its source
    nav_titles: Callable[[], dict[str, str]]  # {shared path: title} of the language's navigation


@dataclass(frozen=True)
class Site:
    root: Path
    registry: object  # wayfinder.languages.Registry
    tree: object  # wayfinder.content.ContentTree
    structure: Structure


def module(structure: Structure, kind_id: str | None) -> ModuleType | None:
    kind = structure.kind(kind_id)
    return importlib.import_module(f"{__package__}.{kind.module}") if kind is not None and kind.module else None


def context_keys(structure: Structure) -> dict[str, None]:
    """Every kind module's template variable, empty: a page of another kind has none."""
    return {f"wayfinder_{kind.id}": None for kind in structure.kinds if kind.module}


def page_markdown(structure: Structure, markdown: str, meta: dict, language) -> str:
    found = module(structure, meta.get("kind"))
    return found.page_markdown(markdown, language) if found is not None and hasattr(found, "page_markdown") else markdown


def page_context(structure: Structure, page: Page, site: Site) -> dict:
    """Template variables of the page's kind: {'wayfinder_lesson': {...}} on a lesson, None on other pages."""
    context = context_keys(structure)
    kind_id = page.meta.get("kind") or "article"
    found = module(structure, kind_id)
    if found is not None and hasattr(found, "page_context"):
        context[f"wayfinder_{kind_id}"] = found.page_context(page, site)
    return context
