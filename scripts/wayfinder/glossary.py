"""The glossary of Swedish key terms: `glossary/sv.yml` (term + Swedish explanation) and, per language,
`glossary/<code>.yml` (the term's translation + an explanation in that language).

The Swedish term stays in Swedish on every page, in every language; translations stand beside it."""
from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from .yamlfile import load_yaml

MARKER = "<!-- glossary -->"


class GlossaryError(ValueError):
    pass


@dataclass(frozen=True)
class Entry:
    id: str
    term: str  # Swedish, as written
    explanation: str  # in the language of the glossary file
    translation: str | None = None  # the term in the reader's language (None for Swedish)
    source: str | None = None


def _load(path: Path) -> dict:
    data = load_yaml(path, GlossaryError) or {}
    if not isinstance(data, dict):
        raise GlossaryError(f"{path}:1: the glossary must be a mapping of term ids to entries")
    return {str(key): value for key, value in data.items()}


def load_source(glossary_dir: Path, source_code: str = "sv") -> dict[str, Entry]:
    path = glossary_dir / f"{source_code}.yml"
    entries = {}
    for term_id, value in _load(path).items():
        if not isinstance(value, dict) or not value.get("term") or not value.get("explanation"):
            raise GlossaryError(f"{path}: entry '{term_id}' needs 'term' and 'explanation'")
        entries[term_id] = Entry(term_id, str(value["term"]), str(value["explanation"]), None, value.get("source"))
    return entries


def load_language(glossary_dir: Path, code: str, source: dict[str, Entry]) -> dict[str, Entry]:
    """Entries of language `code`, in source order; ids without a translation are left out."""
    path = glossary_dir / f"{code}.yml"
    if not path.exists():
        return {}
    data = _load(path)
    unknown = sorted(set(data) - set(source))
    if unknown:
        raise GlossaryError(f"{path}: unknown term id(s) {', '.join(unknown)} — ids must match glossary/sv.yml")
    entries = {}
    for term_id, base in source.items():
        value = data.get(term_id)
        if value is None:
            continue
        if not isinstance(value, dict) or not value.get("translation") or not value.get("explanation"):
            raise GlossaryError(f"{path}: entry '{term_id}' needs 'translation' and 'explanation'")
        entries[term_id] = Entry(term_id, base.term, str(value["explanation"]), str(value["translation"]), base.source)
    return entries


def picture_alt(alt: str, *words_beside: str | None) -> str:
    """The text alternative of a picture shown beside a term and its translation (a lesson's signs, the
    glossary): when it only repeats one of those words the picture is decorative (alt=""), so a screen reader
    does not say the word twice."""
    said = {" ".join(word.split()).casefold() for word in words_beside if word}
    return "" if " ".join(alt.split()).casefold() in said else alt


def render_markdown(entries: dict[str, Entry], swedish_term_label: str, pictograms: dict[str, tuple[str, str]] | None = None) -> str:
    """A definition list (Python-Markdown def_list): the Swedish term, its translation, its explanation;
    `pictograms` (id → (src, text alternative)) puts the concept's picture before the term."""
    # Glossary text is text, never HTML: escaped before it goes into the Markdown (check.py refuses markup).
    def text(value: str) -> str:
        return html.escape(value, quote=False)

    blocks = []
    label = html.escape(swedish_term_label, quote=True)
    for entry in sorted(entries.values(), key=lambda e: e.term.casefold()):
        picture = (pictograms or {}).get(entry.id)
        heading = ""
        if picture:
            alt = picture_alt(picture[1], entry.term, entry.translation)
            heading = f'<img class="wf-pictogram" src="{html.escape(picture[0], quote=True)}" alt="{html.escape(alt, quote=True)}"> '
        heading += f'**{text(entry.term)}**{{: lang="sv" title="{label}" }}'
        if entry.translation and entry.translation.casefold() != entry.term.casefold():
            heading += f" – {text(entry.translation)}"
        blocks.append(f"{heading}\n:   {text(entry.explanation)}\n")
    return "\n".join(blocks)


def page_markdown(glossary_dir: Path, registry, code: str, page_url: str, pictogram_dir: str,
                  pictogram_ids) -> str:
    """The glossary page's list in language `code`, with the project's pictograms beside the terms they show
    (file name = glossary id; alt text in the language), linked relative to the page at `page_url`."""
    source = load_source(glossary_dir, registry.source.code)
    entries = source if code == registry.source.code else load_language(glossary_dir, code, source)
    language = registry[code]
    up = "../" * len([part for part in page_url.split("/") if part])
    pictograms = {term_id: (f"{up}{pictogram_dir}/{term_id}.svg", language.t(f"pictogram.{term_id}"))
                  for term_id in pictogram_ids if term_id in entries}
    return render_markdown(entries, language.ui.get("page.swedish_term", ""), pictograms)
