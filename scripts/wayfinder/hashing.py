"""The version of a source page a translation follows, as a content hash: works in a shallow clone.

Only what translators translate counts: the title, the description and the body. Editing a source's
`sources:` list or `reviewed:` date does not make translations outdated (those are inherited)."""
from __future__ import annotations

import hashlib
from pathlib import Path

from .frontmatter import Document, split

HASH_LENGTH = 16  # hex digits; enough to tell versions of one page apart


def normalise(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip() + "\n"


def hash_text(text: str, path: Path | str = "<text>") -> str:
    return hash_document(split(text, path))


def hash_document(document: Document) -> str:
    meta = document.meta
    material = "\n".join([
        f"title: {normalise(str(meta.get('title', ''))).strip()}",
        f"description: {normalise(str(meta.get('description', ''))).strip()}",
        normalise(document.body),
    ])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def source_hash(path: Path) -> str:
    return hash_text(path.read_text(encoding="utf-8"), path)
