"""Reading and updating the provenance block (`translation:`) of translation files."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from .content import PageFile
from .frontmatter import split
from .hashing import source_hash


def source_path_of(translation: Path, code: str) -> Path:
    """content/vard/tolk.ar.md → content/vard/tolk.md"""
    return translation.with_name(translation.name[: -len(f".{code}.md")] + ".md")


def set_translation_fields(text: str, fields: dict, path: Path | str = "<text>") -> str:
    """Return `text` with `translation:` updated by `fields`, leaving the rest of the file untouched."""
    document = split(text, path)
    block = dict(document.meta.get("translation") or {})
    block.update(fields)
    if block.get("status") != "reviewed":  # a review belongs to a reviewed translation only
        block.pop("reviewed_by", None)
        block.pop("reviewed_on", None)
    rendered = yaml.safe_dump({"translation": block}, allow_unicode=True, sort_keys=False, width=1000)
    lines = text.split("\n")
    end = document.body_line - 2  # index of the closing '---'
    front = lines[1:end]
    # Remove an existing translation block (the key line and its indented lines), then append ours.
    kept, skipping = [], False
    for line in front:
        if re.match(r"^translation\s*:", line):
            skipping = True
            continue
        if skipping and (line.startswith((" ", "\t")) or not line.strip()):
            continue
        skipping = False
        kept.append(line)
    new_front = kept + rendered.rstrip("\n").split("\n")
    return "\n".join(["---", *new_front, *lines[end:]])


def sync(translation: PageFile, source: PageFile, *, status: str | None = None, today: dt.date | None = None,
         reviewer: str | None = None) -> str:
    """Record that `translation` now follows the current source version. Returns the new file text."""
    text = translation.path.read_text(encoding="utf-8")
    fields: dict = {"source_hash": source_hash(source.path)}
    if status:
        fields["status"] = status
    if status == "reviewed":
        fields["reviewed_on"] = today or dt.date.today()
        if reviewer:
            fields["reviewed_by"] = reviewer
    return set_translation_fields(text, fields, translation.path)
