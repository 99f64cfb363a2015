"""Text that must not lie to the reader: bidi controls and invisible characters around numbers, and markup
in fields the theme prints (front matter, glossary, interface strings).

A RIGHT-TO-LEFT OVERRIDE (U+202E) around an intact "1177" makes it display as "7711" (Trojan Source,
CVE-2021-42574); text pasted from word processors often carries such controls. Every finding names the
file and line and says what to do. Plain functions of text: `checks.run_checks` calls them."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .schema import Finding

# Embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069): never needed in our sources — the
# build isolates numbers itself — and able to reorder what a reader sees.
BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
# Directional marks: harmless in running text (translators use them to fix punctuation), harmful
# between the parts of a number.
MARKS = {"\u200e", "\u200f", "\u061c"}
_SEPARATORS = " \u00a0\u202f.-–"


def _name(char: str) -> str:
    return f"U+{ord(char):04X} ({unicodedata.name(char, 'unnamed character')})"


def _invisible(char: str) -> bool:
    """Characters that take no room on screen: format controls (Cf) and the like."""
    return unicodedata.category(char) == "Cf" or char in "\u115f\u1160\u3164\uffa0"


def _number_spans(line: str):
    """(start, end) of each run of digits, separators and invisible characters that starts and ends with a
    digit: '114 14', '010-456 67 00', and '11\u202e77' alike."""
    index, length = 0, len(line)
    while index < length:
        if not line[index].isdigit():
            index += 1
            continue
        end = last_digit = index
        while end < length and (line[end].isdigit() or line[end] in _SEPARATORS or _invisible(line[end])):
            if line[end].isdigit():
                last_digit = end
            end += 1
        yield index, last_digit + 1
        index = end


def bidi_findings(rel: str, text: str, first_line: int = 1) -> list[Finding]:
    """Bidi controls anywhere, and invisible characters inside or right next to a number."""
    findings = []
    if not any(_invisible(c) for c in set(text)):  # the usual case, decided per distinct character
        return findings
    for number, line in enumerate(text.split("\n"), start=first_line):
        if not any(_invisible(c) for c in set(line)):
            continue
        for column, char in enumerate(line, start=1):
            if char in BIDI_CONTROLS:
                findings.append(Finding("safety.bidi-control", rel, number, "error", f"invisible bidi control {_name(char)} at column {column} — "
                                        "delete it (pasted text often carries it): it can make a number such as 1177 "
                                        "display as 7711, and the site keeps numbers in order by itself"))
        for start, end in _number_spans(line):
            inside = [c for c in line[start:end] if _invisible(c) and c not in BIDI_CONTROLS]
            before = line[start - 1] if start else ""
            after = line[end] if end < len(line) else ""
            beside = [c for c in (before, after) if c and _invisible(c) and c not in BIDI_CONTROLS and c not in MARKS]
            for char in inside + beside:
                where = "inside" if char in inside else "next to"
                findings.append(Finding("safety.invisible-character", rel, number, "error", f"invisible character {_name(char)} {where} the number "
                                        f"'{_visible(line[start:end])}' — delete it: readers may see or dial the number "
                                        "wrongly, and search cannot find it"))
    return findings


def _visible(text: str) -> str:
    return "".join(c for c in text if not _invisible(c))


# A tag, a comment or a processing instruction: what a browser would parse as markup.
MARKUP = re.compile(r"<\s*[A-Za-z!/?]")


def _strings(value, path: str = ""):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value, start=1):
            yield from _strings(item, f"{path}[{index}]")


def _line_of(text_lines: list[str], value: str, key: str, first_line: int, fallback: int) -> int:
    """The line that holds `value` (or its key), for pointing at it."""
    probe = value.strip().split("\n")[0][:40]
    for number, line in enumerate(text_lines, start=first_line):
        if probe and probe in line:
            return number
    leaf = re.sub(r"\[\d+\]$", "", key.rsplit(".", 1)[-1])
    for number, line in enumerate(text_lines, start=first_line):
        if re.match(rf"^\s*-?\s*{re.escape(leaf)}\s*:", line):
            return number
    return fallback


def markup_findings(rel: str, data, text: str, what: str, first_line: int = 1) -> list[Finding]:
    """Markup in any text value of `data` (parsed from `text`): the theme prints these values, and a
    value is text, never HTML — a tag here would run on hosts that send no Content-Security-Policy."""
    lines = text.split("\n")
    findings = []
    for key, value in _strings(data):
        if MARKUP.search(value):
            line = _line_of(lines, value, key, first_line, first_line)
            findings.append(Finding("safety.markup", rel, line, "error", f"{what} '{key}' contains markup ({MARKUP.search(value).group(0)}…) — "
                                    "write plain text: HTML tags are not allowed here"))
    return findings


def data_file_findings(root: Path, paths: list[Path], what: str, load) -> list[Finding]:
    """Bidi controls and markup in YAML data files whose values the site prints (locales, glossary)."""
    findings = []
    for path in paths:
        rel = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        findings += bidi_findings(rel, text)
        try:
            data = load(path)
        except Exception:  # noqa: BLE001 — the loader's own error is reported where the file is loaded
            continue
        findings += markup_findings(rel, data, text, what)
    return findings
