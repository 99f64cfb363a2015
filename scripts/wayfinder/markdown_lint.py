"""Markdown mistakes caught on the page where they are made (Swedish sources and translations alike).

Uses markdown-it-py, a maintained CommonMark parser whose tokens carry line maps (`token.map`), instead
of line regexes: it knows what is a fenced code block, a heading, an image or raw HTML the way a Markdown
renderer does, so a `#` inside code or a link text is not mistaken for a heading and every finding names
its line. Material's admonition and tab syntax (`!!! type`, `??? type`, `=== "tab"`) is not CommonMark: the
indented body is un-indented first (line numbers kept) so it is checked like any other text.

Reported (path:line: error): tab indentation (Python-Markdown turns a tab-indented list into a code block),
skipped heading levels (H2 → H4), images and other local files that do not exist, raw HTML outside an
allow-list. Links to pages (`.md`) are checked by wayfinder.checks with anchors and languages."""
from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt

from .schema import Finding

# Raw HTML a page may use: inline semantics and Material's own blocks (md_in_html). Anything else is an
# error: it bypasses the theme's styling and right-to-left handling, and may not work offline.
ALLOWED_HTML = frozenset({
    "abbr", "b", "bdi", "bdo", "br", "del", "details", "div", "em", "figcaption", "figure", "i", "ins", "kbd",
    "mark", "p", "s", "small", "span", "strong", "sub", "summary", "sup", "u", "wbr",
})
# Reported with their own message by wayfinder.checks (code, embeds): not repeated here.
UNSAFE_HTML = frozenset({"script", "iframe", "object", "embed", "frame", "frameset", "applet", "form", "base",
                         "meta", "link", "style"})
_BLOCK_SYNTAX = re.compile(r"^([ \t]*)(?:!!!|\?\?\?\+?|===)[ \t]")
_TAG = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9-]*)")
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.I)

_parser = MarkdownIt("commonmark").enable("table")


def unwrap_blocks(lines: list[str]) -> list[str]:
    """Admonition and tab bodies un-indented by one level, their header lines blanked; same line count."""
    lines = list(lines)
    index = 0
    while index < len(lines):
        match = _BLOCK_SYNTAX.match(lines[index])
        if match:
            indent = match.group(1)
            lines[index] = ""
            body = indent + "    "
            following = index + 1
            while following < len(lines) and (not lines[following].strip() or lines[following].startswith(body)):
                if lines[following].strip():
                    lines[following] = indent + lines[following][len(body):]
                following += 1
        index += 1
    return lines


def _line_of(needle: str, lines: list[str], start: int, end: int) -> int:
    """The 0-based line in [start, end) holding `needle` (a link target), else `start`."""
    for number in range(start, min(end, len(lines))):
        if needle in lines[number]:
            return number
    return start


def lint_markdown(rel: str, body: str, first_line: int, directory: Path) -> list[Finding]:
    """Findings for one page body. `first_line`: the file line of the body's first line; `directory`:
    the folder of the page, against which local files are resolved."""
    original = body.split("\n")
    lines = unwrap_blocks(original)
    tokens = _parser.parse("\n".join(lines))
    findings: list[Finding] = []

    def add(code: str, line: int, message: str) -> None:
        findings.append(Finding(code, rel, first_line + line, "error", message))

    fenced: set[int] = set()
    for token in tokens:
        if token.type == "fence" and token.map:
            fenced.update(range(*token.map))
    for number, line in enumerate(original):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and number not in fenced:
            add("markdown.tab-indent", number, "tab indentation — indent with spaces (4 per list level): with a tab, the list or paragraph "
                        "is shown as a code block and its links do not work")

    previous = None  # (level, line)
    for token in tokens:
        if token.type == "heading_open" and token.map:
            level = int(token.tag[1])
            if previous and level > previous[0] + 1:
                add("markdown.heading-level", token.map[0], f"heading level skipped: H{level} after the H{previous[0]} on line "
                                  f"{first_line + previous[1]} — use H{previous[0] + 1} ({'#' * (previous[0] + 1)}) here "
                                  "(screen readers and the table of contents follow the levels)")
            previous = (level, token.map[0])
        elif token.type == "html_block" and token.map:
            _check_html(token.content, token.map[0], add)
        elif token.type == "inline" and token.map and token.children:
            start, end = token.map
            for child in token.children:
                if child.type == "html_inline":
                    _check_html(child.content, _line_of(child.content, lines, start, end), add)
                elif child.type in ("image", "link_open"):
                    target = child.attrGet("src" if child.type == "image" else "href") or ""
                    _check_local_file(target, child.type == "image", directory,
                                      _line_of(target, lines, start, end), add)
    return sorted(set(findings))


def _check_html(html: str, line: int, add) -> None:
    if html.lstrip().startswith("<!--"):
        return  # a comment
    for name in dict.fromkeys(tag.lower() for tag in _TAG.findall(html)):
        if name not in ALLOWED_HTML and name not in UNSAFE_HTML:
            add("markdown.raw-html", line, f"raw HTML <{name}> is not allowed in content — write it in Markdown (allowed tags: "
                      f"{', '.join(sorted(ALLOWED_HTML))})")


def _check_local_file(target: str, image: bool, directory: Path, line: int, add) -> None:
    from urllib.parse import unquote

    if not target or _EXTERNAL.match(target) or target.startswith("/"):
        return  # external, anchors, mailto:/tel:, absolute links: checked by wayfinder.checks
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    if not path or path.endswith(".md"):
        return  # pages: checked with their anchors and languages by wayfinder.checks
    if not (directory / path).exists():
        what = "image" if image else "file"
        add("markdown.missing-file", line, f"{what} '{path}' does not exist — check the path (relative to this page's folder) or add the {what}")
