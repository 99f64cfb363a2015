"""Structure parity of a translation with its Swedish source, in the spirit of FastAPI's translation check.

A translation must keep the source's headings (same levels, same order), fact boxes (admonitions of
the same type), link targets, and every number (phone numbers, amounts, ages, years) exactly as
written; and it must not leave a source paragraph untranslated. Findings name the file and line."""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from pathlib import Path

from .facts import strip as strip_facts
from .frontmatter import split
from .markdown_lines import lines_outside_code
from .schema import Finding

_HEADING = re.compile(r"^(#{1,6})\s+\S")
_ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*([\w-]+)")
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>|(?<![(\w])(https?://[^\s)>\]]+)")
# A number as readers dial or read it: digit groups joined by a single space, non-breaking space or hyphen
# ("114 14", "010-456 67 00", "1 200"). Years, ages and amounts are numbers too.
# Letters of other scripts may touch a number ("ን2026", "و112"): only Latin letters, digits, "_" and "-"
# make it part of a word ("H2", "COVID-19").
NUMBER = re.compile(r"(?<![0-9A-Za-z_-])\d+(?:[ \u00a0\u202f-]\d+)*(?![0-9A-Za-z_])")
LEFTOVER_MIN_WORDS = 8
# A box marked `!!! note keep-swedish "..."` (the interpreter language card) is meant to stay in Swedish.
KEEP_SWEDISH = "keep-swedish"


def headings(body: str, first_line: int = 1) -> list[tuple[int, int]]:
    """(line, level) of each Markdown heading."""
    return [(n, len(m.group(1))) for n, line in lines_outside_code(body, first_line) if (m := _HEADING.match(line))]


def is_kept_swedish(box_line: str) -> bool:
    """Whether a box's first line (`!!! note keep-swedish "title"`) marks it as kept in Swedish."""
    return KEEP_SWEDISH in box_line.split('"')[0].split()


def admonitions(body: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(line, kind) of each box: its type, and "keep-swedish" after it for a box kept in Swedish."""
    return [(n, m.group(1).lower() + (f" {KEEP_SWEDISH}" if is_kept_swedish(line) else ""))
            for n, line in lines_outside_code(body, first_line) if (m := _ADMONITION.match(line))]


def link_targets(body: str, first_line: int = 1) -> list[tuple[int, str]]:
    targets = []
    for n, line in lines_outside_code(body, first_line):
        for match in _LINK.finditer(line):
            targets.append((n, match.group(1)))
        stripped = _LINK.sub("]()", line)
        for match in _AUTOLINK.finditer(stripped):
            targets.append((n, match.group(1) or match.group(2)))
    return targets


# An ordered list's item numbers ("10. Ring …") are layout, not facts: renumbering a list is no error.
_LIST_MARKER = re.compile(r"^\s*\d+[.)](?=\s)")


def numbers(body: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(line, number) of every number as written, in order: each occurrence counts."""
    found = []
    for n, line in lines_outside_code(body, first_line):
        text = _AUTOLINK.sub(" ", _LINK.sub("]", strip_facts(_LIST_MARKER.sub(" ", line))))  # a {{fact:ID}} is not a number
        text = re.sub(r"\{[^}]*\}", " ", text)  # attribute lists
        found += [(n, m.group(0).replace("\u00a0", " ").replace("\u202f", " ")) for m in NUMBER.finditer(text)]
    return found


def paragraphs(body: str, first_line: int = 1) -> list[tuple[int, str]]:
    """Prose blocks (paragraphs, list items) normalised for comparison, except those in keep-swedish boxes."""
    blocks = []
    keep = False
    for n, line in lines_outside_code(body, first_line):
        if _ADMONITION.match(line):
            keep = is_kept_swedish(line)
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

    def add(code: str, line: int, message: str) -> None:
        findings.append(Finding(code, path, line, "error", message))

    s_head, t_head = headings(source.body, source.body_line), headings(translation.body, translation.body_line)
    if [level for _, level in s_head] != [level for _, level in t_head]:
        for index, (s, t) in enumerate(zip(s_head + [(0, 0)] * len(t_head), t_head + [(0, 0)] * len(s_head))):
            if s[1] != t[1]:
                line = t[0] or (t_head[-1][0] if t_head else translation.body_line)
                add("parity.headings", line, f"headings differ from the source: heading {index + 1} is "
                          f"{'H' + str(t[1]) if t[1] else 'missing'} here but {'H' + str(s[1]) if s[1] else 'absent'} in {source_path} "
                          f"(line {s[0] or '-'}) — keep the same headings in the same order")
                break

    s_adm, t_adm = admonitions(source.body, source.body_line), admonitions(translation.body, translation.body_line)
    if [kind for _, kind in s_adm] != [kind for _, kind in t_adm]:
        line = t_adm[0][0] if t_adm else translation.body_line
        add("parity.boxes", line, f"fact boxes differ from the source: {[k for _, k in t_adm]} here, {[k for _, k in s_adm]} in {source_path} "
                  "— keep every '!!! type' box as the source writes it (with 'keep-swedish' where it has it), translating only its title and text")

    s_links = sorted({target for _, target in link_targets(source.body)})
    t_links = sorted({target for _, target in link_targets(translation.body)})
    if s_links != t_links:
        missing = [target for target in s_links if target not in t_links]
        extra = [target for target in t_links if target not in s_links]
        t_by_target = {target: n for n, target in link_targets(translation.body, translation.body_line)}
        line = t_by_target.get(extra[0], translation.body_line) if extra else translation.body_line
        detail = "; ".join(filter(None, [
            f"missing {', '.join(missing)}" if missing else "", f"not in the source {', '.join(extra)}" if extra else ""]))
        add("parity.links", line, f"links differ from the source ({detail}) — link to the same pages as the source, "
                  "with the same file names (tolk.md, not tolk.ar.md): the site picks the reader's language")

    findings += number_findings(source, translation, path, str(source_path), s_head, t_head)
    seen = set()
    t_paragraphs = {text: n for n, text in paragraphs(translation.body, translation.body_line)}
    for _, text in paragraphs(source.body, source.body_line):
        if len(text.split()) >= LEFTOVER_MIN_WORDS and text in t_paragraphs and text not in seen:
            seen.add(text)
            add("parity.untranslated", t_paragraphs[text], f"this paragraph is still the Swedish source text — translate it: «{text[:60]}…»")
    return sorted(set(findings))


def number_findings(source, translation, path: str, source_path: str, s_head, t_head) -> list[Finding]:
    """Every occurrence of every number in the source must stand in the translation: turning one of three
    "1177" into "1771" fails here even though "1177" still appears, and so does the "1771" that is in no
    source. Repeating a source number is allowed. Where the headings align, occurrences are compared section
    by section, so a number moved to another section is found too."""
    s_numbers = numbers(source.body, source.body_line)
    t_numbers = numbers(translation.body, translation.body_line)
    aligned = [level for _, level in s_head] == [level for _, level in t_head]
    s_starts = [line for line, _ in s_head] if aligned else []
    t_starts = [line for line, _ in t_head] if aligned else []

    def by_section(items, starts):
        sections = [[] for _ in range(len(starts) + 1)]
        for line, number in items:
            sections[bisect_right(starts, line)].append((line, number))
        return sections

    findings = []
    t_sections = by_section(t_numbers, t_starts)
    for index, s_items in enumerate(by_section(s_numbers, s_starts)):
        t_items = t_sections[index]
        where = f"the section at line {t_starts[index - 1]}" if index else ("the page" if not aligned else "the introduction")
        start = t_starts[index - 1] if index else translation.body_line
        s_count, t_count = Counter(n for _, n in s_items), Counter(n for _, n in t_items)
        for number, wanted in s_count.items():
            if t_count[number] < wanted:
                s_line = next(line for line, n in s_items if n == number)
                findings.append(Finding("parity.number", path, start, "error", (
                    f"number '{number}' stands {wanted} time(s) in {source_path}, line {s_line}, but {t_count[number]} time(s) in "
                    f"{where} here — copy phone numbers, amounts, ages and years exactly as written in the source "
                    "(same digits, spaces and hyphens), every time")))
        for number, have in t_count.items():
            # A number the source does not have here: a changed digit, or a phone number or amount that
            # nobody checked. One or two digits alone ("24 hours" for "dygnet runt") are wording.
            if not s_count[number] and (len(number) > 2 or not number.isdigit()):
                t_line = next(line for line, n in t_items if n == number)
                findings.append(Finding("parity.number-moved", path, t_line, "error", (
                    f"number '{number}' is not in the same part of {source_path} — check the digits against the "
                    "source: a changed number sends readers to the wrong place")))
    return findings
