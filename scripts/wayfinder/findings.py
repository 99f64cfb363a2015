"""Findings: what every check (and translation status) reports, as objects, and their one rendering.

A finding is `Finding(code, path, line, severity, message)`:
  code      a stable dotted id, `area.problem` (e.g. `parity.number`), registered in CODES below: the same
            problem has the same code whichever module finds it, so duplicates are merged by
            (code, path, line) instead of by comparing wording;
  severity  error (stops check.py and every build), warning (stops strict builds), notice (never fails);
  message   "what is wrong — what to do", worded in one place only (the module that owns the code).
`str(finding)` is the one rendering — `path:line: severity: message [code]` — printed by check.py,
`l10n.py check`, `l10n.py status` (its problems) and the build. FINDINGS.md lists the codes; it is
generated from CODES (`scripts/check.py --codes`) and a test keeps the two equal."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

SEVERITIES = ("error", "warning", "notice")

# Every code, with what it means. Grouped by area: the first part of a code names the data it is about.
CODES: dict[str, str] = {
    # File names and encodings under content/ (owned by wayfinder.status, which lists them too)
    "file.extension": "a file under content/ does not end in .md",
    "file.language-case": "a language suffix in the wrong case (tolk.AR.md)",
    "file.unknown-language": "a file name suffix that is not a language in locales/",
    "file.duplicate": "two files for the same page and language",
    "file.orphan": "a translation whose Swedish source page does not exist",
    "file.not-allowed": "a file under content/ that is neither a page nor a recording",
    "file.bom": "a file starting with a byte-order mark",
    "file.encoding": "a file that is not UTF-8 (pages and facts files)",
    "file.line-endings": "Windows (CRLF) line endings",
    # Front matter that cannot be read (wayfinder.frontmatter)
    "frontmatter.unclosed": "front matter opened with '---' and never closed",
    "frontmatter.yaml": "front matter that is not valid YAML",
    "frontmatter.duplicate-key": "a front matter key given twice",
    "frontmatter.bad-date": "a date that does not exist (2026-02-30)",
    "frontmatter.key-not-text": "a front matter key that is a list or mapping",
    "frontmatter.unreadable-value": "a front matter value YAML cannot build",
    "frontmatter.not-mapping": "front matter that is not 'key: value' lines",
    # Front matter of a Swedish source page (wayfinder.schema)
    "meta.missing-key": "a required front matter key is missing",
    "meta.unknown-key": "an unknown front matter key (of a source page or a translation)",
    "meta.not-text": "title or description is not text",
    "meta.description-length": "a description longer than allowed",
    "meta.unknown-section": "a section that does not exist",
    "meta.theme-misplaced": "'theme' on a page that is not civic orientation or a lesson",
    "meta.unknown-theme": "a theme that does not exist",
    "meta.unknown-kind": "a kind that does not exist",
    "meta.reviewed-not-date": "'reviewed' is not a date",
    "meta.review-due": "the page's facts were last reviewed too long ago (l10n.yml checks.review_max_age_days)",
    "meta.sources": "'sources' is not a list of sources",
    "meta.source-entry": "a source without title or url",
    "meta.source-not-https": "a source url that is not https://",
    "meta.terms": "'terms' is not a list of glossary ids",
    "meta.unknown-term": "a term id that is not in glossary/sv.yml",
    # Front matter of a translation (wayfinder.schema)
    "translation.missing-key": "a required key of a translation is missing",
    "translation.inherited-key": "a key that comes from the Swedish page, written in a translation",
    "translation.unknown-key": "an unknown key in a translation's 'translation:' block",
    "translation.lesson-block": "a lesson translation's 'lesson:' holds more than goals and materials",
    "translation.lesson-list": "a translated lesson list is not a list",
    "translation.not-text": "a translated title or description is not text",
    "translation.not-a-block": "'translation' is not a block of keys",
    "translation.status": "translation.status is missing or not machine/translated/reviewed "
                          "(also reported by status, which then counts the page as machine)",
    "translation.source-hash": "translation.source_hash is missing",
    "translation.bad-date": "translation.translated or reviewed_on is not a date",
    "translation.reviewer-missing": "a reviewed translation without reviewed_by and reviewed_on",
    "translation.reviewer-without-review": "reviewed_by or reviewed_on on a translation that is not reviewed",
    "translation.outdated": "the Swedish page changed since the translation was made (notice)",
    # Lesson plans (wayfinder.schema: front matter; wayfinder.lessons: structure)
    "lesson.unreviewed": "a lesson without a 'reviewed' date (notice)",
    "lesson.not-a-lesson": "a 'lesson:' block on a page that is not kind: lesson",
    "lesson.no-block": "a lesson without a 'lesson:' block",
    "lesson.unknown-key": "an unknown key under 'lesson:'",
    "lesson.duration": "lesson.duration is not a number of minutes",
    "lesson.not-a-list": "lesson.goals, materials or pages is not a list",
    "lesson.section": "a lesson outside section teachers",
    "lesson.signs": "lesson.signs missing or not a list of ids",
    "lesson.unknown-sign": "a sign that is not a glossary id",
    "lesson.title": "a lesson title that does not start with 'Lektion: '",
    "lesson.introduction": "a lesson without an introduction",
    "lesson.plan": "the plan section or its box is missing, misplaced or not numbered",
    "lesson.plan-time": "a plan part without its minutes",
    "lesson.plan-total": "the plan's minutes do not add up to lesson.duration",
    "lesson.break": "a long lesson without a break",
    "lesson.exercise": "a lesson without exercises",
    "lesson.exercise-number": "exercises not numbered 1, 2, 3 …",
    "lesson.exercise-box": "an exercise box missing, unknown or given twice",
    "lesson.box-order": "an exercise's boxes in the wrong order",
    "lesson.empty-box": "an empty exercise box",
    "lesson.steps": "steps not numbered, or a step without its minutes",
    "lesson.cards": "cards not a list, or not one answer per card",
    "lesson.questions": "the questions section or its box is missing",
    "lesson.unknown-section": "a section that is not part of a lesson plan",
    # Page bodies: links, HTML, Markdown (wayfinder.checks, wayfinder.markdown_lint)
    "link.missing": "a link to a page that does not exist",
    "link.anchor": "a link to a heading that does not exist",
    "link.language-file": "a link to another language's file",
    "link.absolute": "an absolute link to a page",
    "link.unsafe-scheme": "a javascript:, data: or vbscript: link",
    "link.insecure": "an http:// link (warning)",
    "html.unsafe-tag": "raw <script>, <iframe>, <object> … in content",
    "html.event-handler": "an inline event handler (onclick=…)",
    "markdown.tab-indent": "tab indentation",
    "markdown.heading-level": "a skipped heading level",
    "markdown.raw-html": "raw HTML that is not allowed",
    "markdown.missing-file": "an image or file that does not exist",
    "style.lix": "a Swedish page above the LIX limit (warning)",
    # A translation against the Swedish version it was translated from (wayfinder.parity)
    "parity.headings": "headings differ from the source",
    "parity.boxes": "fact boxes differ from the source",
    "parity.links": "links differ from the source",
    "parity.untranslated": "a paragraph still in Swedish",
    "parity.number": "a number of the source missing in the translation (or in its section)",
    "parity.number-moved": "a number that is not in the same part of the source",
    # Text safety (wayfinder.text_safety)
    "safety.bidi-control": "an invisible bidi control character",
    "safety.invisible-character": "an invisible character in or next to a number",
    "safety.markup": "markup in front matter, glossary or interface strings",
    # Facts (wayfinder.facts)
    "facts.yaml": "a facts file that is not valid YAML",
    "facts.not-mapping": "a facts file or fact that is not a mapping",
    "facts.bad-id": "a fact id that is not lower case, digits, '.', '_' and '-'",
    "facts.duplicate-id": "a fact id defined twice",
    "facts.unknown-key": "an unknown key in a fact",
    "facts.missing-key": "a fact without value, kind, valid_from or source",
    "facts.unknown-kind": "a fact kind that does not exist",
    "facts.bad-phone": "a phone number value that is not digits",
    "facts.bad-date": "a fact date that is not a date",
    "facts.bad-number": "a fact number that is not a number",
    "facts.bad-source": "a fact source without title and url",
    "facts.source-not-https": "a fact source url that is not https://",
    "facts.expired": "a fact past its valid_until",
    "facts.due": "a fact due for a check (notice)",
    "facts.unknown-id": "a {{fact:ID}} placeholder with an unknown id",
    "facts.malformed-placeholder": "something like a placeholder that is not one",
    "facts.placeholder-parity": "a translation's placeholders differ from its source's",
    "facts.amount-as-text": "an amount written as text instead of a fact (warning)",
    "facts.phone-as-text": "a phone number written as text instead of a fact (warning)",
    "facts.age-as-text": "an age written as text instead of a fact (warning)",
    # Glossary and key terms (wayfinder.glossary_use, wayfinder.key_terms)
    "glossary.unreadable": "glossary/sv.yml cannot be read",
    # The site's structure (wayfinder.structure)
    "structure.invalid": "structure.yml cannot be read or declares something inconsistent",
    "glossary.unused-translation": "a page tagged with a term that never uses its agreed translation (warning)",
    "terms.not-bold": "a lesson's key term not bold on the Swedish page",
    "terms.missing-form": "a translation lacks a bold Swedish key term",
    # Navigation, interface strings, recordings, offered languages
    "nav.unknown-page": "nav lists a page that does not exist",
    "nav.missing-page": "a page that is not in the navigation",
    "locale.untranslated": "interface strings still English placeholders (warning)",
    "locale.same-as-english": "interface strings the same as in English (warning)",
    "listen.duplicate": "two recordings of one page and language",
    "listen.orphan-chapters": "a chapters file without a recording",
    "listen.orphan-recording": "a recording without its page",
    "listen.empty": "an empty recording",
    "listen.large": "a recording too large for weak connections (warning)",
    "listen.no-chapters": "a recording without chapters (warning)",
    "listen.chapters-syntax": "a chapters file that cannot be read",
    "listen.unknown-heading": "a chapter that is not a heading of the page",
    "offered.new-page": "a new required page in its grace period (notice)",
    "offered.outdated-grace": "required translations outdated, counting until a date (notice)",
    "offered.count": "how many languages are offered with this page (notice)",
}


@dataclass(frozen=True)
class Finding:
    code: str  # a key of CODES
    path: str
    line: int
    severity: str  # one of SEVERITIES
    message: str  # "what is wrong — what to do"

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown finding code {self.code!r} — register it in wayfinder.findings.CODES")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r} of {self.code}")

    def __lt__(self, other: "Finding") -> bool:  # files in order, then lines: how editors read them
        return self.sort_key() < other.sort_key()

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.severity, self.message, self.code)

    @property
    def key(self) -> tuple[str, str, int]:
        """What makes two findings the same problem, whoever found them."""
        return (self.code, self.path, self.line)

    def __str__(self) -> str:
        return render(self)

    def as_dict(self) -> dict:
        return {"code": self.code, "path": self.path, "line": self.line, "severity": self.severity,
                "message": self.message}


def render(finding: Finding) -> str:
    """The one rendering of a finding, wherever it is printed."""
    return f"{finding.path}:{finding.line}: {finding.severity}: {finding.message} [{finding.code}]"


def merge(findings: Iterable[Finding], more: Iterable[Finding]) -> list[Finding]:
    """`findings` plus those of `more` that are not the same problem (code, path, line) as one already
    there — e.g. translation status's problems added to the content checks' — sorted, exact repeats once.
    Within `findings`, two messages with one code on one line (two broken links on a line) both stay."""
    findings = list(findings)
    known = {finding.key for finding in findings}
    for finding in more:
        if finding.key not in known:
            known.add(finding.key)
            findings.append(finding)
    return sorted(set(findings))


def codes_markdown() -> str:
    """FINDINGS.md: the table of codes (generated: `scripts/check.py --codes > FINDINGS.md`)."""
    lines = ["# Finding codes", "",
             "Every line `scripts/check.py`, `l10n.py check`, `l10n.py status` and the build print ends in a code,",
             "e.g. `[parity.number]`: the same problem has the same code wherever it is found. The message itself",
             "says what to do; this table says what each code is about. Generated from",
             "`scripts/wayfinder/findings.py` with `.venv/bin/python scripts/check.py --codes > FINDINGS.md`",
             "(a test keeps the two equal).", "", "| code | about |", "|---|---|"]
    lines += ["| `%s` | %s |" % (code, about.replace("|", "\\|")) for code, about in CODES.items()]
    return "\n".join(lines) + "\n"
