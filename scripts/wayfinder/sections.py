"""Split a Markdown page into sections by heading, and compare two versions section by section."""
from __future__ import annotations

import difflib
import re

from .frontmatter import Document, FrontMatterError, split

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def sections(text: str) -> list[tuple[str, list[str]]]:
    """[(heading text, lines)] — the part before the first heading is titled '(top)'. Front matter
    title and description count as a section of their own, since translators translate them."""
    try:
        document = split(text)
    except FrontMatterError:  # an old version with broken front matter: compare it as plain text
        document = Document({}, text, 1)
    meta = document.meta
    result: list[tuple[str, list[str]]] = [
        ("(front matter)", [f"title: {meta.get('title', '')}", f"description: {meta.get('description', '')}"])]
    current = ("(top)", [])
    in_code = False
    for line in document.body.split("\n"):
        if line.strip().startswith(("```", "~~~")):
            in_code = not in_code
        match = None if in_code else _HEADING.match(line)
        if match:
            result.append(current)
            current = (match.group(2), [line])
        else:
            current[1].append(line)
    result.append(current)
    return [(title, lines) for title, lines in result if any(l.strip() for l in lines)]


def changed_sections(old: str, new: str) -> list[str]:
    """Headings of the sections of `new` whose text differs from `old` (or that are new), in order,
    plus removed sections as '(removed) heading'."""
    old_sections = dict(sections(old))
    new_sections = sections(new)
    changed = [title for title, lines in new_sections if old_sections.get(title) != lines]
    new_titles = {title for title, _ in new_sections}
    changed += [f"(removed) {title}" for title in old_sections if title not in new_titles]
    return changed


def diff_by_section(old: str, new: str) -> list[tuple[str, list[str]]]:
    """Unified diff lines per changed section, for translators."""
    old_sections = dict(sections(old))
    out = []
    for title, lines in sections(new):
        before = old_sections.get(title, [])
        if before != lines:
            diff = list(difflib.unified_diff(before, lines, lineterm="", n=1))[2:]
            out.append((title, diff))
    new_titles = {title for title, _ in sections(new)}
    for title, lines in old_sections.items():
        if title not in new_titles:
            out.append((f"(removed) {title}", [f"-{line}" for line in lines]))
    return out
