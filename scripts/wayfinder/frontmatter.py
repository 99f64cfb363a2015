"""Split a Markdown file into YAML front matter and body, keeping line numbers for error messages."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

# libyaml's parser where PyYAML has it (10× faster; status reads thousands of files), same results.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class FrontMatterError(ValueError):
    """Front matter that cannot be read; carries the file and 1-based line of the problem."""

    def __init__(self, path: Path | str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path = str(path)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Document:
    meta: dict
    body: str
    body_line: int  # 1-based line number of the first body line in the file


def split(text: str, path: Path | str = "<text>") -> Document:
    """Return the front matter mapping and the body of a Markdown text.

    A file without front matter has an empty mapping. Malformed YAML raises FrontMatterError
    naming the line inside the file (not inside the YAML block)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip("\r") != "---":
        return Document({}, text, 1)
    for end, line in enumerate(lines[1:], start=1):
        if line.rstrip("\r") in ("---", "..."):
            break
    else:
        raise FrontMatterError(path, 1, "front matter opened with '---' is never closed — add a line '---' after it")
    block = "\n".join(lines[1:end])
    try:
        meta = yaml.load(block, Loader=_Loader) if block.strip() else {}
    except yaml.YAMLError as error:
        # Where the broken construct starts (an unclosed quote) is more useful than where YAML gave up.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = (mark.line + 2) if mark is not None else 1
        problem = " ".join(filter(None, [getattr(error, "context", None), getattr(error, "problem", None)])) or str(error).splitlines()[0]
        raise FrontMatterError(path, line, f"front matter is not valid YAML ({problem}) — check quotes, colons and indentation") from error
    if not isinstance(meta, dict):
        raise FrontMatterError(path, 2, "front matter must be a mapping of 'key: value' lines")
    return Document(meta, "\n".join(lines[end + 1:]), end + 2)


def read(path: Path) -> Document:
    return split(path.read_text(encoding="utf-8"), path)
