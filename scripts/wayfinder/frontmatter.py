"""Split a Markdown file into YAML front matter and body, keeping line numbers for error messages."""
from __future__ import annotations

import copy
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import yaml

# libyaml's parser where PyYAML has it (10× faster; status reads thousands of files), same results.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _ValueError(Exception):
    """A value YAML can parse but not build (an impossible date, a duplicated key), with its 0-based line."""

    def __init__(self, line: int, message: str, code: str):
        super().__init__(message)
        self.line = line
        self.message = message
        self.code = code


class _Loader(_BaseLoader):
    """Safe loading that refuses what PyYAML would silently resolve or crash on: a key given twice
    (PyYAML keeps the last) and a date that does not exist (PyYAML raises a bare ValueError)."""

    def construct_mapping(self, node, deep=False):
        seen: dict = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.setdefault(key, key_node.start_mark.line)
            except TypeError:  # an unhashable key (a list or mapping as key)
                raise _ValueError(key_node.start_mark.line, "a key is a list or mapping — write 'key: value'",
                                  "frontmatter.key-not-text") from None
            if first != key_node.start_mark.line:
                raise _ValueError(key_node.start_mark.line, f"the key '{key}' is given twice (first on the line "
                                                            f"{first + 2} of the file) — keep one",
                                 "frontmatter.duplicate-key")
        return super().construct_mapping(node, deep)

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            raise _ValueError(node.start_mark.line, f"'{node.value}' is not a real date — write an existing date "
                                                    "as YYYY-MM-DD, e.g. 2026-11-30", "frontmatter.bad-date") from None


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


class FrontMatterError(ValueError):
    """Front matter that cannot be read; carries the file and 1-based line of the problem, and its finding
    code (wayfinder.findings). `str(error)` is the finding's rendering."""

    def __init__(self, path: Path | str, line: int, message: str, code: str = "frontmatter.yaml"):
        self.path = str(path)
        self.line = line
        self.message = message
        self.code = code
        super().__init__(str(self.finding()))

    def __reduce__(self):  # sent back from status's worker processes
        return (FrontMatterError, (self.path, self.line, self.message, self.code))

    def finding(self):
        from .findings import Finding

        return Finding(self.code, self.path, self.line, "error", self.message)


@dataclass(frozen=True)
class Document:
    meta: dict
    body: str
    body_line: int  # 1-based line number of the first body line in the file


# Parsed documents by (text, path): status, checks, parity (once per translation), the plugin (once per
# translated page), lessons and materials all ask for the same Swedish sources; YAML is parsed once per
# version of a file and process. Bounded, so a 100,000-file benchmark tree does not stay in memory.
_PARSED: OrderedDict[tuple[str, str], Document | FrontMatterError] = OrderedDict()
_PARSED_MAX = 4096


def split(text: str, path: Path | str = "<text>") -> Document:
    """Return the front matter mapping and the body of a Markdown text.

    A file without front matter has an empty mapping. Malformed YAML raises FrontMatterError
    naming the line inside the file (not inside the YAML block). Callers get their own copy of the
    mapping: changing it changes nobody else's."""
    key = (text, str(path))
    parsed = _PARSED.get(key)
    if parsed is None:
        try:
            parsed = _split(text, path)
        except FrontMatterError as error:
            parsed = error
        _PARSED[key] = parsed
        if len(_PARSED) > _PARSED_MAX:
            _PARSED.popitem(last=False)
    if isinstance(parsed, FrontMatterError):
        raise FrontMatterError(parsed.path, parsed.line, parsed.message, parsed.code)
    return Document(copy.deepcopy(parsed.meta), parsed.body, parsed.body_line)


def _split(text: str, path: Path | str) -> Document:
    lines = text.split("\n")
    if not lines or lines[0].rstrip("\r") != "---":
        return Document({}, text, 1)
    for end, line in enumerate(lines[1:], start=1):
        if line.rstrip("\r") in ("---", "..."):
            break
    else:
        raise FrontMatterError(path, 1, "front matter opened with '---' is never closed — add a line '---' after it",
                               "frontmatter.unclosed")
    block = "\n".join(lines[1:end])
    try:
        meta = yaml.load(block, Loader=_Loader) if block.strip() else {}
    except yaml.YAMLError as error:
        # Where the broken construct starts (an unclosed quote) is more useful than where YAML gave up.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = (mark.line + 2) if mark is not None else 1
        problem = " ".join(filter(None, [getattr(error, "context", None), getattr(error, "problem", None)])) or str(error).splitlines()[0]
        raise FrontMatterError(path, line, f"front matter is not valid YAML ({problem}) — check quotes, colons and indentation",
                               "frontmatter.yaml") from error
    except _ValueError as error:
        raise FrontMatterError(path, error.line + 2, error.message, error.code) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as error:  # anything else PyYAML cannot build
        raise FrontMatterError(path, 2, f"front matter has a value that cannot be read ({error}) — "
                                        "check the values against CONTRIBUTING.md", "frontmatter.unreadable-value") from None
    if not isinstance(meta, dict):
        raise FrontMatterError(path, 2, "front matter must be a mapping of 'key: value' lines — write one 'key: value' "
                                        "per line between the two '---' lines", "frontmatter.not-mapping")
    return Document(meta, "\n".join(lines[end + 1:]), end + 2)


def read(path: Path) -> Document:
    return split(path.read_text(encoding="utf-8"), path)
