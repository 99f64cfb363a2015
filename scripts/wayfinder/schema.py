"""Front matter schema of content pages, as data, and a validator that reports `path:line` findings.

The schema is documented for editors in CONTRIBUTING.md; keep the two in step."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .findings import Finding  # noqa: F401 — imported from here by other modules
from . import structure as site_structure

# Sections, themes and page kinds are declared in structure.yml (wayfinder.structure), not here.
DESCRIPTION_MAX = 200

SOURCE_REQUIRED = ("title", "description", "section", "reviewed", "sources")
SOURCE_OPTIONAL = ("theme", "kind", "terms", "lesson")
LESSON_KEYS = ("duration", "goals", "materials", "pages", "signs")  # signs: checked in lessons.py
LESSON_TRANSLATED = ("goals", "materials")  # a lesson translation translates these; duration and pages are inherited
# A translation carries only what is translated plus its provenance; section, sources, review date,
# theme, kind and terms are inherited from the Swedish source page at build time.
TRANSLATION_REQUIRED = ("title", "description", "translation")
TRANSLATION_OPTIONAL = ("lesson",)
TRANSLATION_KEYS = ("source_hash", "source_commit", "status", "translator", "translated", "reviewed_by", "reviewed_on")
# machine: a machine draft nobody has checked; translated: a person's translation not yet checked by a
# second person; reviewed: checked against the Swedish by a person (reviewed_by, reviewed_on).
TRANSLATION_STATUSES = ("machine", "translated", "reviewed")


def key_lines(text: str) -> dict[str, int]:
    """1-based line of each top-level front matter key, for pointing editors at the right line;
    the key '---' holds the line that closes the front matter (where a missing key belongs)."""
    lines = {}
    for number, line in enumerate(text.split("\n")[1:], start=2):
        if line.rstrip("\r") in ("---", "..."):
            lines["---"] = number
            break
        match = re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if match:
            lines.setdefault(match.group(1), number)
    return lines


def nested_key_line(text: str, block: str, key: str) -> int:
    """1-based line of `block.key` in the front matter (e.g. translation.status); the block's own line
    when the key is absent, the closing '---' when the block is absent too."""
    lines = key_lines(text)
    start = lines.get(block)
    if start is None:
        return lines.get("---", 1)
    for number, line in enumerate(text.split("\n")[start:], start=start + 1):
        if line.rstrip("\r") in ("---", "...") or (line.strip() and not line[:1].isspace()):
            break
        if re.match(rf"^\s+{re.escape(key)}\s*:", line):
            return number
    return start


def _is_date(value) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def check_source_meta(path: Path | str, meta: dict, text: str, glossary_ids: set[str] | None = None,
                      structure: site_structure.Structure | None = None) -> list[Finding]:
    """Findings for the front matter of a Swedish source page; sections, themes and kinds are those of
    `structure` (the repository's structure.yml when not given)."""
    structure = structure or site_structure.default()
    sections, themes, kinds = structure.section_ids, structure.theme_ids, structure.kind_ids
    themed_section = structure.themed_section
    path = str(path)
    lines = key_lines(text)
    end = lines.get("---", 1)
    findings: list[Finding] = []

    def error(code: str, key: str | None, message: str) -> None:
        findings.append(Finding(code, path, lines.get(key, 1) if key else 1, "error", message))

    for key in SOURCE_REQUIRED:
        if key == "reviewed" and key not in meta and meta.get("kind") == "lesson":
            # A lesson restates the pages it teaches; until a person has checked its own claims against its
            # sources it carries no date (the page says so) — never a date for a check nobody made.
            findings.append(Finding("lesson.unreviewed", path, end, "notice", "this lesson has no 'reviewed' date: nobody has checked its "
                                    "claims against its sources yet — check them, then add 'reviewed: YYYY-MM-DD'"))
        elif key not in meta:
            findings.append(Finding("meta.missing-key", path, end, "error", f"front matter lacks '{key}' — add it (see CONTRIBUTING.md)"))
    for key in meta:
        if key not in SOURCE_REQUIRED + SOURCE_OPTIONAL:
            error("meta.unknown-key", key, f"unknown front matter key '{key}' — check the spelling (allowed: {', '.join(SOURCE_REQUIRED + SOURCE_OPTIONAL)})")
    for key in ("title", "description"):
        if key in meta and (not isinstance(meta[key], str) or not meta[key].strip()):
            error("meta.not-text", key, f"'{key}' must be text — write it on the same line after '{key}:'")
    from .facts import strip as strip_facts  # a {{fact:ID}} renders as a short figure, not as its id

    if isinstance(meta.get("description"), str) and len(strip_facts(meta["description"])) > DESCRIPTION_MAX:
        error("meta.description-length", "description", f"description is {len(strip_facts(meta['description']))} characters — shorten it to at most {DESCRIPTION_MAX}")
    if "section" in meta and meta["section"] not in sections:
        error("meta.unknown-section", "section", f"section '{meta['section']}' is unknown — use one of {', '.join(sections)}")
    if "theme" in meta:
        if meta.get("section") != themed_section and meta.get("kind") not in structure.themed_kinds():
            error("meta.theme-misplaced", "theme", f"'theme' belongs only to {themed_section} pages and lessons — remove it or set section: {themed_section}")
        elif meta["theme"] not in themes:
            error("meta.unknown-theme", "theme", f"theme '{meta['theme']}' is unknown — use one of {', '.join(themes)}")
    if "kind" in meta and meta["kind"] not in kinds:
        error("meta.unknown-kind", "kind", f"kind '{meta['kind']}' is unknown — use one of {', '.join(kinds)}")
    if "reviewed" in meta and not _is_date(meta["reviewed"]):
        error("meta.reviewed-not-date", "reviewed", f"reviewed '{meta['reviewed']}' is not a date — write it as YYYY-MM-DD, without quotes")
    if "sources" in meta:
        sources = meta["sources"]
        if not isinstance(sources, list) or not sources:
            error("meta.sources", "sources", "sources must be a list of at least one official source — add '- title: ...' and 'url: https://...'")
        else:
            for index, source in enumerate(sources, start=1):
                if not isinstance(source, dict) or not isinstance(source.get("title"), str) or not isinstance(source.get("url"), str):
                    error("meta.source-entry", "sources", f"source {index} needs both 'title' and 'url' as text — quote titles that are numbers, e.g. \"1177\"")
                elif not source["url"].startswith("https://"):
                    error("meta.source-not-https", "sources", f"source {index} url '{source['url']}' must be an https:// address — use the official page's https address")
    if meta.get("kind") == "lesson" or "lesson" in meta:
        findings += _check_lesson(path, meta, lines, end, structure.kind("lesson"))
    if "terms" in meta:
        terms = meta["terms"]
        if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
            error("meta.terms", "terms", "terms must be a list of glossary ids — write e.g. [vardcentral, tolk]")
        elif glossary_ids is not None:
            for term in terms:
                if term not in glossary_ids:
                    error("meta.unknown-term", "terms", f"term '{term}' is not in glossary/sv.yml — add it there or fix the id")
    return findings


def _string_list(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, str) and item.strip() for item in value)


def _check_lesson(path: str, meta: dict, lines: dict[str, int], end: int, kind) -> list[Finding]:
    line = lines.get("lesson", lines.get("kind", end))
    lesson = meta.get("lesson")
    if meta.get("kind") != "lesson":
        return [Finding("lesson.not-a-lesson", path, line, "error", "'lesson' belongs to lesson pages — add 'kind: lesson' or remove it")]
    if not isinstance(lesson, dict):
        return [Finding("lesson.no-block", path, line, "error", "a lesson needs a 'lesson:' block — add one with duration, goals, materials and pages")]
    findings = []
    for key in lesson:
        if key not in LESSON_KEYS:
            findings.append(Finding("lesson.unknown-key", path, line, "error", f"unknown key 'lesson.{key}' — use only {', '.join(LESSON_KEYS)}"))
    duration = lesson.get("duration")
    if not isinstance(duration, int) or isinstance(duration, bool) or not 10 <= duration <= 480:
        findings.append(Finding("lesson.duration", path, line, "error", f"lesson.duration '{duration}' is not a length in minutes — write a whole number, e.g. 90"))
    for key in ("goals", "materials", "pages"):
        if not _string_list(lesson.get(key)):
            findings.append(Finding("lesson.not-a-list", path, line, "error", f"lesson.{key} must be a list of at least one item — add '- ...' lines under lesson.{key}"))
    home = kind.section if kind is not None else None  # structure.yml: the section lessons belong to
    if home is not None and meta.get("section") != home:
        findings.append(Finding("lesson.section", path, lines.get("section", line), "error", f"a lesson is not in section {home} — set section: {home}"))
    return findings


def translation_status_finding(path: str, text: str, status) -> Finding:
    """A missing or invalid translation.status, on its line. Worded here only: the schema check and
    translation status (wayfinder.status, which also fails `l10n.py status` on it) both report it through
    this function, and run_checks merges the two by (code, path, line)."""
    choices = (f"use one of {', '.join(TRANSLATION_STATUSES)} (machine: a machine draft; translated: your own "
               "translation; reviewed: checked by a second person)")
    message = (f"translation.status is missing — {choices}" if status is None
               else f"translation.status '{status}' is not valid — {choices}")
    return Finding("translation.status", str(path), nested_key_line(text, "translation", "status"), "error", message)


def check_translation_meta(path: Path | str, meta: dict, text: str) -> list[Finding]:
    """Findings for the front matter of a translation (`page.<code>.md`)."""
    path = str(path)
    lines = key_lines(text)
    end = lines.get("---", 1)
    findings: list[Finding] = []

    def error(code: str, key: str | None, message: str) -> None:
        findings.append(Finding(code, path, lines.get(key, end) if key else end, "error", message))

    for key in TRANSLATION_REQUIRED:
        if key not in meta:
            error("translation.missing-key", None, f"front matter lacks '{key}' — add it (see CONTRIBUTING.md, 'Translating a page')")
    for key in meta:
        if key in TRANSLATION_REQUIRED + TRANSLATION_OPTIONAL:
            continue
        if key in SOURCE_REQUIRED + SOURCE_OPTIONAL:
            error("translation.inherited-key", key, f"'{key}' is taken from the Swedish source page — remove it from the translation")
        else:
            error("meta.unknown-key", key, f"unknown front matter key '{key}' — check the spelling (allowed: {', '.join(TRANSLATION_REQUIRED + TRANSLATION_OPTIONAL)})")
    if "lesson" in meta:
        lesson = meta["lesson"]
        if not isinstance(lesson, dict) or set(lesson) - set(LESSON_TRANSLATED):
            error("translation.lesson-block", "lesson", f"a lesson translation's 'lesson:' holds only the translated {' and '.join(LESSON_TRANSLATED)} "
                            "— write them as lists under 'lesson:' (duration and pages come from the Swedish lesson)")
        else:
            for key, value in lesson.items():
                if not _string_list(value):
                    error("translation.lesson-list", "lesson", f"lesson.{key} must be a list — write the translated items as '- ...' lines")
    for key in ("title", "description"):
        if key in meta and (not isinstance(meta[key], str) or not meta[key].strip()):
            error("translation.not-text", key, f"'{key}' must be text — write the translated {key} after '{key}:'")
    block = meta.get("translation")
    if "translation" in meta:
        if not isinstance(block, dict):
            error("translation.not-a-block", "translation", "'translation' is not a block of keys — write status, source_hash ... under it (see CONTRIBUTING.md)")
            return findings

        def at(code: str, key: str, message: str) -> None:  # the line of translation.<key>, or of 'translation:'
            findings.append(Finding(code, path, nested_key_line(text, "translation", key), "error", message))

        for key in block:
            if key not in TRANSLATION_KEYS:
                at("translation.unknown-key", key, f"unknown key 'translation.{key}' — use only {', '.join(TRANSLATION_KEYS)}")
        status = block.get("status")
        if status not in TRANSLATION_STATUSES:
            findings.append(translation_status_finding(path, text, status))
        if not isinstance(block.get("source_hash"), str) or not block.get("source_hash"):
            at("translation.source-hash", "source_hash", "translation.source_hash is missing — run '.venv/bin/python scripts/l10n.py sync <file>' "
                              "to record the source version")
        for key in ("translated", "reviewed_on"):
            if key in block and not _is_date(block[key]):
                at("translation.bad-date", key, f"translation.{key} '{block[key]}' is not a date — write YYYY-MM-DD without quotes")
        if status == "reviewed" and not (block.get("reviewed_by") and block.get("reviewed_on")):
            missing = [k for k in ("reviewed_by", "reviewed_on") if not block.get(k)]
            at("translation.reviewer-missing", "status", f"a reviewed translation needs translation.{' and translation.'.join(missing)} — "
                         "'l10n.py sync --status reviewed --reviewer NAME FILE' writes them")
        elif status != "reviewed" and (block.get("reviewed_by") or block.get("reviewed_on")):
            key = "reviewed_by" if block.get("reviewed_by") else "reviewed_on"
            at("translation.reviewer-without-review", key, f"translation.{key} is set but translation.status is '{status}' — set status: reviewed, "
                    "or remove reviewed_by and reviewed_on")
    return findings
