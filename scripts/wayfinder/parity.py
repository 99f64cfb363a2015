"""Structure parity of a translation with its Swedish source, in the spirit of FastAPI's translation check.

A translation must keep the source's headings (same levels, same order), fact boxes (admonitions of
the same type), link targets, and every number (phone numbers, amounts, ages, years) exactly as
written; and it must not leave a source paragraph untranslated. Findings name the file and line."""
from __future__ import annotations

import re
from pathlib import Path

from .facts import strip as strip_facts
from .frontmatter import split
from .schema import Finding

_FENCE = re.compile(r"^(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+\S")
_ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*([\w-]+)")
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>|(?<![(\w])(https?://[^\s)>\]]+)")
# A number as readers dial or read it: digit groups joined by a single space, non-breaking space or hyphen
# ("114 14", "010-456 67 00", "1 200"). Years, ages and amounts are numbers too.
NUMBER = re.compile(r"(?<![\w-])\d+(?:[ \u00a0\u202f-]\d+)*(?![\w])")
LEFTOVER_MIN_WORDS = 8
# A box marked `!!! note keep-swedish "..."` (the interpreter language card) is meant to stay in Swedish.
KEEP_SWEDISH = "keep-swedish"


def _lines_outside_code(body: str, first_line: int):
    in_code = False
    for offset, line in enumerate(body.split("\n")):
        if _FENCE.match(line.strip()):
            in_code = not in_code
            continue
        if not in_code:
            yield first_line + offset, line


def headings(body: str, first_line: int = 1) -> list[tuple[int, int]]:
    """(line, level) of each Markdown heading."""
    return [(n, len(m.group(1))) for n, line in _lines_outside_code(body, first_line) if (m := _HEADING.match(line))]


def admonitions(body: str, first_line: int = 1) -> list[tuple[int, str]]:
    return [(n, m.group(1).lower()) for n, line in _lines_outside_code(body, first_line) if (m := _ADMONITION.match(line))]


def link_targets(body: str, first_line: int = 1) -> list[tuple[int, str]]:
    targets = []
    for n, line in _lines_outside_code(body, first_line):
        for match in _LINK.finditer(line):
            targets.append((n, match.group(1)))
        stripped = _LINK.sub("]()", line)
        for match in _AUTOLINK.finditer(stripped):
            targets.append((n, match.group(1) or match.group(2)))
    return targets


def numbers(body: str, first_line: int = 1) -> list[tuple[int, str]]:
    found = []
    for n, line in _lines_outside_code(body, first_line):
        text = _AUTOLINK.sub(" ", _LINK.sub("]", strip_facts(line)))  # a {{fact:ID}} is not a number
        text = re.sub(r"\{[^}]*\}", " ", text)  # attribute lists
        found += [(n, m.group(0).replace("\u00a0", " ").replace("\u202f", " ")) for m in NUMBER.finditer(text)]
    return found


def paragraphs(body: str, first_line: int = 1) -> list[tuple[int, str]]:
    """Prose blocks (paragraphs, list items) normalised for comparison, except those in keep-swedish boxes."""
    blocks = []
    keep = False
    for n, line in _lines_outside_code(body, first_line):
        if _ADMONITION.match(line):
            keep = KEEP_SWEDISH in line.split('"')[0]
            continue
        if keep and line.strip() and not line.startswith((" ", "\t")):
            keep = False
        text = re.sub(r"^\s*(?:[-*+]|\d+\.|>)\s+", "", line).strip()
        if text and not keep and not text.startswith(("#", "|")):
            blocks.append((n, re.sub(r"\s+", " ", text)))
    return blocks


def check_parity(source_text: str, translation_text: str, translation_path: Path | str,
                 source_path: Path | str = "source") -> list[Finding]:
    path = str(translation_path)
    source = split(source_text, source_path)
    translation = split(translation_text, translation_path)
    findings: list[Finding] = []

    def add(line: int, message: str) -> None:
        findings.append(Finding(path, line, "error", message))

    s_head, t_head = headings(source.body, source.body_line), headings(translation.body, translation.body_line)
    if [level for _, level in s_head] != [level for _, level in t_head]:
        for index, (s, t) in enumerate(zip(s_head + [(0, 0)] * len(t_head), t_head + [(0, 0)] * len(s_head))):
            if s[1] != t[1]:
                line = t[0] or (t_head[-1][0] if t_head else translation.body_line)
                add(line, f"headings differ from the source: heading {index + 1} is "
                          f"{'H' + str(t[1]) if t[1] else 'missing'} here but {'H' + str(s[1]) if s[1] else 'absent'} in {source_path} "
                          f"(line {s[0] or '-'}) — keep the same headings in the same order")
                break

    s_adm, t_adm = admonitions(source.body, source.body_line), admonitions(translation.body, translation.body_line)
    if [kind for _, kind in s_adm] != [kind for _, kind in t_adm]:
        line = t_adm[0][0] if t_adm else translation.body_line
        add(line, f"fact boxes differ from the source: {[k for _, k in t_adm]} here, {[k for _, k in s_adm]} in {source_path} "
                  "— keep every '!!! type' box, translating only its title and text")

    s_links = sorted({target for _, target in link_targets(source.body)})
    t_links = sorted({target for _, target in link_targets(translation.body)})
    if s_links != t_links:
        missing = [target for target in s_links if target not in t_links]
        extra = [target for target in t_links if target not in s_links]
        t_by_target = {target: n for n, target in link_targets(translation.body, translation.body_line)}
        line = t_by_target.get(extra[0], translation.body_line) if extra else translation.body_line
        detail = "; ".join(filter(None, [
            f"missing {', '.join(missing)}" if missing else "", f"not in the source {', '.join(extra)}" if extra else ""]))
        add(line, f"links differ from the source ({detail}) — link to the same pages as the source, "
                  "with the same file names (tolk.md, not tolk.ar.md): the site picks the reader's language")

    t_numbers = {number for _, number in numbers(translation.body)}
    first_use = {}
    for n, number in numbers(source.body, source.body_line):
        first_use.setdefault(number, n)
    for number, n in first_use.items():
        if number not in t_numbers:
            add(translation.body_line, f"number '{number}' of {source_path}:{n} is missing — copy phone numbers, amounts, "
                                       "ages and years exactly as written in the source (same digits, spaces and hyphens)")
    seen = set()
    t_paragraphs = {text: n for n, text in paragraphs(translation.body, translation.body_line)}
    for _, text in paragraphs(source.body, source.body_line):
        if len(text.split()) >= LEFTOVER_MIN_WORDS and text in t_paragraphs and text not in seen:
            seen.add(text)
            add(t_paragraphs[text], f"this paragraph is still the Swedish source text — translate it: «{text[:60]}…»")
    return sorted(set(findings))
