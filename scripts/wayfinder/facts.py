"""The facts registry: every phone number, fee, fee cap, age limit, duration and date the pages state,
kept once in `facts/*.yml`, dated, sourced, and rendered into every language at build time.

A page refers to a fact as `{{fact:ID}}` (translators copy it unchanged). The build replaces the
placeholder before Markdown runs (`render`), so changing a fact changes every language at the next build
while the page text — and so the hash that says whether a translation is outdated — stays the same.

A registry file is a mapping of fact ids to facts:

    fee.care-cap:
      value: 1450            # or null when no current value can be confirmed from an official source
      kind: amount-sek       # see KINDS
      valid_from: 2025-01-01
      valid_until: 2025-12-31  # optional: after this date the check fails (the value has expired)
      source: {title: "1177: Högkostnadsskydd", url: "https://www.1177.se/..."}
      checked: 2026-12-02    # optional: when a person last compared the value with the source
      note: free text for editors (optional)

Errors name the registry file and line. Nothing here prints or exits."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import yaml
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from .markdown_lines import lines_outside_code
from .schema import Finding

FACTS_DIR = "facts"
ID_PATTERN = r"[a-z0-9][a-z0-9_.-]*"
# `{{fact:ID}}`: two braces, `fact:`, an id, two braces, no spaces (CONVENTIONS.md, decision 1).
PLACEHOLDER = re.compile(r"\{\{fact:(" + ID_PATTERN + r")\}\}")
# Anything that looks like an attempt at a placeholder, to report typos (`{{ fact:x }}`, `{{fakt:x}}`).
_ATTEMPT = re.compile(r"\{\{\s*fa[ck]?k?t\s*:[^{}\n]*\}\}|\{\{\s*fact\b[^{}\n]*\}?\}?", re.I)

# Kind -> what its value is. Numbers render with Babel in the page's locale; phone numbers exactly as written.
KINDS = {
    "phone": "a phone number as readers dial it, quoted: \"114 14\", \"010-456 67 00\"",
    "amount-sek": "an amount in Swedish kronor (a number); renders with the language's 'facts.amount' pattern",
    "age": "an age in years (a number); the page writes the unit ('år', 'years')",
    "years": "a number of years",
    "months": "a number of months",
    "weeks": "a number of weeks",
    "days": "a number of days",
    "hours": "a number of hours",
    "percent": "a percentage (4 means 4 %)",
    "number": "any other number",
    "date": "a date (YYYY-MM-DD)",
}
REQUIRED = ("value", "kind", "valid_from", "source")
OPTIONAL = ("valid_until", "checked", "note")
_PHONE_VALUE = re.compile(r"^\d[\d -]*\d$|^\d$")


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Fact:
    id: str
    value: object  # None when no current value is confirmed
    kind: str
    valid_from: dt.date
    source: Source
    path: str  # registry file relative to the repository root
    line: int  # line of the fact's id in that file
    valid_until: dt.date | None = None
    checked: dt.date | None = None
    note: str = ""
    field_lines: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class FactRegistry:
    facts: dict[str, Fact] = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)  # errors in the registry files

    def __contains__(self, fact_id: object) -> bool:
        return fact_id in self.facts

    def __getitem__(self, fact_id: str) -> Fact:
        return self.facts[fact_id]

    def __len__(self) -> int:
        return len(self.facts)


class FactError(ValueError):
    """A placeholder the build cannot render (unknown id); the message names the page and line."""


# --- loading -----------------------------------------------------------------------------------------------

def load_facts(root: Path) -> FactRegistry:
    """Every `facts/*.yml` under `root`. Problems (bad YAML, missing fields, duplicate ids) are collected
    as error findings naming file and line, never raised: the checks list them all at once."""
    registry = FactRegistry()
    directory = root / FACTS_DIR
    if not directory.is_dir():
        return registry
    for path in sorted(directory.glob("*.y*ml")):
        rel = path.relative_to(root).as_posix()
        for fact in _load_file(path, rel, registry.problems):
            earlier = registry.facts.get(fact.id)
            if earlier is not None:
                registry.problems.append(Finding("facts.duplicate-id", rel, fact.line, "error", f"fact '{fact.id}' is defined twice: here and at "
                                                 f"{earlier.where} — keep one (ids are unique across facts/)"))
                continue
            registry.facts[fact.id] = fact
    return registry


def _load_file(path: Path, rel: str, problems: list[Finding]) -> list[Fact]:
    def error(code: str, line: int, message: str) -> None:
        problems.append(Finding(code, rel, line, "error", message))

    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except UnicodeDecodeError:
        error("file.encoding", 1, "the file is not UTF-8 text — save it with UTF-8 encoding")
        return []
    except yaml.YAMLError as problem:
        # Where the broken construct starts (an unclosed quote) is more useful than where YAML gave up.
        mark = getattr(problem, "context_mark", None) or getattr(problem, "problem_mark", None)
        error("facts.yaml", mark.line + 1 if mark else 1, f"not valid YAML ({getattr(problem, 'problem', problem)}) — check quotes, "
                                            "colons and indentation")
        return []
    if node is None:
        return []
    if not isinstance(node, yaml.MappingNode):
        error("facts.not-mapping", node.start_mark.line + 1, "a facts file is a mapping of fact ids to facts — write each fact as 'id: {value: ..., kind: ...}'")
        return []
    facts, seen = [], {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        fact_id = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(fact_id, str) or not re.fullmatch(ID_PATTERN, fact_id):
            error("facts.bad-id", line, f"'{fact_id}' is not a fact id — use lower-case letters, digits, '.', '_' and '-' (e.g. fee.care-cap)")
            continue
        if fact_id in seen:
            error("facts.duplicate-id", line, f"fact '{fact_id}' is defined twice in this file (also line {seen[fact_id]}) — keep one")
            continue
        seen[fact_id] = line
        fact = _fact(fact_id, value_node, rel, line, error)
        if fact is not None:
            facts.append(fact)
    return facts


def _fact(fact_id: str, node, rel: str, line: int, error) -> Fact | None:
    if not isinstance(node, yaml.MappingNode):
        error("facts.not-mapping", line, f"fact '{fact_id}' must be a mapping with {', '.join(REQUIRED)} — see CONTRIBUTING.md, 'Facts'")
        return None
    data, lines, raw = {}, {}, {}
    for key, value in node.value:
        name = key.value
        lines[name] = key.start_mark.line + 1
        data[name] = _construct(value)
        raw[name] = value.value if isinstance(value, yaml.ScalarNode) else None
    ok = True
    for name in sorted(set(data) - set(REQUIRED) - set(OPTIONAL)):
        error("facts.unknown-key", lines[name], f"unknown key '{name}' in fact '{fact_id}' — use {', '.join(REQUIRED + OPTIONAL)}")
        ok = False
    missing = [name for name in REQUIRED if name not in data]
    if missing:
        error("facts.missing-key", line, f"fact '{fact_id}' lacks {', '.join(missing)} — every fact has a value (or null), kind, valid_from "
                    "and source")
        return None
    kind = data["kind"]
    if kind not in KINDS:
        error("facts.unknown-kind", lines["kind"], f"kind '{kind}' of fact '{fact_id}' is not known — use one of {', '.join(KINDS)}")
        return None
    value = data["value"]
    if value is not None:
        if kind == "phone":
            text = raw["value"] if isinstance(raw["value"], str) else str(value)
            if not _PHONE_VALUE.match(text):
                error("facts.bad-phone", lines["value"], f"phone number '{text}' of fact '{fact_id}' — write digits with spaces or hyphens "
                                      "as readers dial it, in quotes (\"010-456 67 00\")")
                ok = False
            value = text
        elif kind == "date":
            if not isinstance(value, dt.date):
                error("facts.bad-date", lines["value"], f"value '{value}' of fact '{fact_id}' is not a date — write YYYY-MM-DD")
                ok = False
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            error("facts.bad-number", lines["value"], f"value '{value}' of fact '{fact_id}' is not a number — write it without spaces or "
                                  "units (1450, not '1 450 kr'); the page's language formats it")
            ok = False
    dates = {}
    for name in ("valid_from", "valid_until", "checked"):
        if name in data and data[name] is not None:
            if not isinstance(data[name], dt.date) or isinstance(data[name], dt.datetime):
                error("facts.bad-date", lines[name], f"{name} '{data[name]}' of fact '{fact_id}' is not a date — write YYYY-MM-DD")
                ok = False
            else:
                dates[name] = data[name]
    if "valid_from" not in dates and ok:
        error("facts.missing-key", lines["valid_from"], f"fact '{fact_id}' needs valid_from — add the date the value applies from (YYYY-MM-DD)")
        ok = False
    source = data["source"]
    if not isinstance(source, dict) or not isinstance(source.get("title"), str) or not isinstance(source.get("url"), str) \
            or set(source) - {"title", "url"}:
        error("facts.bad-source", lines["source"], f"source of fact '{fact_id}' must be {{title: ..., url: https://...}} — name the official "
                               "page the value is taken from")
        return None
    if not source["url"].startswith("https://"):
        error("facts.source-not-https", lines["source"], f"source url '{source['url']}' of fact '{fact_id}' is not https:// — link the official page")
        ok = False
    if not ok:
        return None
    return Fact(fact_id, value, kind, dates["valid_from"], Source(source["title"].strip(), source["url"].strip()), rel, line,
                dates.get("valid_until"), dates.get("checked"), str(data.get("note") or ""), lines)


def _construct(node):
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


# --- placeholders ------------------------------------------------------------------------------------------

def placeholders(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(line, fact id) of every placeholder in `text`, in order."""
    found = []
    for offset, line in enumerate(text.split("\n")):
        if "{{" in line:
            found += [(first_line + offset, m.group(1)) for m in PLACEHOLDER.finditer(line)]
    return found


def malformed(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(line, text) of things that look like a placeholder but are not one (`{{ fact:x }}`, `{{fact:X}}`)."""
    found = []
    for offset, line in enumerate(text.split("\n")):
        if "{{" in line:
            rest = PLACEHOLDER.sub("", line)
            found += [(first_line + offset, m.group(0)) for m in _ATTEMPT.finditer(rest)]
    return found


def strip(text: str) -> str:
    """Text with every placeholder replaced by a neutral token: for code that looks for numbers or words in
    raw Markdown (a placeholder is one opaque token, not text and not a number)."""
    return PLACEHOLDER.sub("\u2063", text) if "{{" in text else text


# --- rendering ---------------------------------------------------------------------------------------------

def source_label(url: str) -> str:
    """What a reader sees for a source: its host without 'www.' ("1177.se", "forsakringskassan.se")."""
    host = urlparse(url).netloc
    return host[4:] if host.startswith("www.") else host


def format_value(fact: Fact, language, html: bool = True) -> str:
    """The fact's value in `language` (a wayfinder.languages.Language). Latin digits in every language, as
    the pages write them; separators and patterns from CLDR via Babel."""
    locale = language.babel
    if fact.value is None:
        key = "facts.null.amount" if fact.kind == "amount-sek" else "facts.null"
        label = source_label(fact.source.url)
        link = f"[{label}]({fact.source.url})" if html else label
        return language.t(key).replace("{source}", link)
    if fact.kind == "phone":
        return f'<bdi class="wf-phone" dir="ltr">{fact.value}</bdi>' if html else str(fact.value)
    if fact.kind == "date":
        return format_date(fact.value, format="long", locale=locale)
    if fact.kind == "percent":
        return format_percent(fact.value / 100, locale=locale)
    number = format_decimal(fact.value, locale=locale)
    if fact.kind == "amount-sek":
        category = locale.plural_form(fact.value)
        pattern = language.ui.get(f"facts.amount.{category}") or language.t("facts.amount")
        return pattern.replace("{amount}", number)
    return number


def render(text: str, facts: FactRegistry, language, where: str = "<page>", first_line: int = 1,
           html: bool = True) -> tuple[str, list[str]]:
    """`text` with every placeholder replaced by its fact in `language`, and the ids used (in order).
    An unknown id raises FactError naming `where` and the line."""
    if "{{" not in text:
        return text, []
    used: list[str] = []

    def replace(match: re.Match) -> str:
        fact_id = match.group(1)
        fact = facts.facts.get(fact_id)
        if fact is None:
            line = first_line + text.count("\n", 0, match.start())
            raise FactError(f"{where}:{line}: unknown fact '{fact_id}' — use an id from facts/*.yml "
                            f"(python scripts/l10n.py facts lists them) or add the fact there")
        used.append(fact_id)
        return format_value(fact, language, html)

    return PLACEHOLDER.sub(replace, text), used


def plain(text: str, facts: FactRegistry, language) -> str:
    """`text` with known placeholders as plain text in `language` (unknown ones left as they are): what a
    heading's anchor is made from, for checking links to it."""
    if "{{" not in text:
        return text
    return PLACEHOLDER.sub(lambda m: format_value(facts.facts[m.group(1)], language, html=False)
                           if m.group(1) in facts.facts else m.group(0), text)


def sources_with_facts(page_sources, facts: FactRegistry, used: list[str]) -> list:
    """The page's own sources followed by the sources of the facts it uses, each URL once."""
    merged = list(page_sources or [])
    urls = {source.get("url") for source in merged if isinstance(source, dict)}
    for fact_id in used:
        source = facts.facts[fact_id].source
        if source.url not in urls:
            urls.add(source.url)
            merged.append({"title": source.title, "url": source.url})
    return merged


# --- checks ------------------------------------------------------------------------------------------------

# Numbers as pages write them (same shape as wayfinder.parity.NUMBER).
# Arabic-script prefixes and Ethiopic suffixes join a number ("و1177", "1177ን": and 1177), so only Latin letters and
# digits next to it make it part of a word.
_NUMBER = re.compile(r"(?<![0-9A-Za-z_.,/:-])\d+(?:[ \u00a0\u202f-]\d+)*(?![0-9A-Za-z_/]|[.,]\d)")
_NOT_TEXT = [
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(r"<https?://[^>]*>|https?://\S+"),  # addresses
    re.compile(r"\b[\w.-]+\.(?:se|nu|org|com|eu|net)\b(?:/\S*)?"),  # 1177.se written in text
    re.compile(r"<[^>]+>"),  # HTML tags and their attributes
    re.compile(r"\{[:#.][^}]*\}"),  # attribute lists
    re.compile(r"`[^`]*`"),  # code
]
# An age limit in the Swedish source: "under 18 år", "har fyllt 13 år", "måste vara 20 år", "yngre än 16 år",
# "mellan 18 och 28 år", "fyller 6 år", "riktåldern är 67 år". A person's age in a case card ("Lina är 25 år") is
# not an age limit and is not matched. Translations follow their source's placeholders (compare_placeholders).
_SV_AGE_LIMIT = re.compile(
    r"(?:\b(?:under|över|fyllt|fyller|fylla|minst|högst|från|till|vara|än|åldern är)|\bmellan\s+\S+\s+och)\s+$", re.I)
_SV_YEARS = re.compile(r"år\b")


def _words(language, key: str) -> re.Pattern | None:
    """The language's word list (`facts.currency_words`: comma-separated, `word*` for
    any word starting so) as a pattern matching at the start of the text after a number."""
    words = [w.strip().lower() for w in language.ui.get(key, "").split(",") if w.strip()]
    if not words:
        return None
    parts = [re.escape(w[:-1]) if w.endswith("*") else re.escape(w) + r"(?!\w)" for w in words]
    return re.compile("(?:" + "|".join(parts) + ")")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _as_number(text: str) -> float | None:
    compact = re.sub(r"[ \u00a0\u202f]", "", text)
    return float(compact) if compact.isdigit() else None


def _text_lines(meta_lines: list[tuple[int, str]], body: str, first_line: int):
    yield from meta_lines
    yield from lines_outside_code(body, first_line)


def literal_findings(rel: str, meta_lines: list[tuple[int, str]], body: str, first_line: int, language,
                     facts: FactRegistry, is_source: bool) -> list[Finding]:
    """Warnings for phone numbers, kronor amounts and age limits written as text instead of `{{fact:ID}}`.

    Phone numbers: any number with the digits of a phone fact, or shaped like a Swedish phone number.
    Amounts: a number followed by one of the language's `facts.currency_words`.
    Ages: in the Swedish source, "N år" introduced by an age-limit word (_SV_AGE_LIMIT); a translation must use
    its source's placeholders, which compare_placeholders checks."""
    phones: dict[str, list[str]] = {}
    amounts: dict[float, list[str]] = {}
    ages: dict[float, list[str]] = {}  # value -> age facts, to suggest one
    for fact in facts.facts.values():
        if fact.value is None:
            continue
        if fact.kind == "phone":
            phones.setdefault(_digits(str(fact.value)), []).append(fact.id)
        elif fact.kind == "amount-sek":
            amounts.setdefault(float(fact.value), []).append(fact.id)
        elif fact.kind == "age":
            ages.setdefault(float(fact.value), []).append(fact.id)
    currency = _words(language, "facts.currency_words")
    findings = []

    def suggest(ids: list[str], what: str) -> str:
        if ids:
            return " or ".join(f"{{{{fact:{i}}}}}" for i in ids)
        return f"a new {what} fact in facts/ (then {{{{fact:ID}}}})"

    for number, line in _text_lines(meta_lines, body, first_line):
        text = re.sub(r"\*\*|__", "", strip(line))  # "**1177**.se" is the address 1177.se
        for pattern in _NOT_TEXT:
            text = pattern.sub(lambda m: " " * len(m.group(0)), text)
        for match in _NUMBER.finditer(text):
            literal = match.group(0).replace("\u00a0", " ").replace("\u202f", " ")
            after = text[match.end():match.end() + 30].lstrip(" \u00a0").lower()
            before = text[max(0, match.start() - 30):match.start()]
            value = _as_number(literal)
            digits = _digits(literal)
            if currency and currency.match(after) and value is not None:
                findings.append(Finding("facts.amount-as-text", rel, number, "warning", f"amount '{literal}' written as text — write "
                                        f"{suggest(amounts.get(value, []), 'amount-sek')} so it is kept current in every language"))
            elif digits in phones or re.fullmatch(r"0\d{1,3}-\d{2,3}(?: \d{2,3}){1,3}|0\d{2,3}-\d{5,8}", literal):
                findings.append(Finding("facts.phone-as-text", rel, number, "warning", f"phone number '{literal}' written as text — write "
                                        f"{suggest(phones.get(digits, []), 'phone')} so it is isolated in right-to-left "
                                        "text and kept current"))
            elif is_source and value is not None and value <= 120 and _SV_YEARS.match(after) \
                    and _SV_AGE_LIMIT.search(before):
                findings.append(Finding("facts.age-as-text", rel, number, "warning", f"age '{literal}' written as text — write "
                                        f"{suggest(ages.get(value, []), 'age')} so it is kept current in every language"))
    return findings


def check_pages(documents: dict, source_code: str, registry, facts: FactRegistry) -> list[Finding]:
    """Placeholders of every page: known ids, well-formed, the same in a translation as in its source (as a
    multiset), and no literal phone numbers, amounts or ages. `documents` maps (page, code) to
    (rel, text, wayfinder.frontmatter.Document) as wayfinder.checks reads them."""
    findings = []
    for (page, code), (rel, text, document) in sorted(documents.items()):
        meta_lines = _meta_lines(text)
        for line, fact_id in placeholders(text):
            if fact_id not in facts:
                findings.append(Finding("facts.unknown-id", rel, line, "error", f"unknown fact '{fact_id}' — use an id from facts/*.yml "
                                        "(python scripts/l10n.py facts lists them) or add the fact there"))
        for line, attempt in malformed(text):
            findings.append(Finding("facts.malformed-placeholder", rel, line, "error", f"'{attempt}' is not a fact placeholder — write {{{{fact:ID}}}} "
                                    "exactly: two braces, 'fact:', the id in lower case, two braces, no spaces"))
        if code != source_code and (page, source_code) in documents:
            findings += compare_placeholders(documents[(page, source_code)][0], documents[(page, source_code)][1], rel, text)
        if code in registry:
            findings += literal_findings(rel, meta_lines, document.body, document.body_line, registry[code], facts,
                                         code == source_code)
    return findings


def _meta_lines(text: str) -> list[tuple[int, str]]:
    """(line, text) of the front matter's title and description: translated text readers see."""
    if not text.startswith("---\n"):
        return []
    lines = []
    for number, line in enumerate(text.split("\n")[1:], start=2):
        if line.rstrip() in ("---", "..."):
            break
        if re.match(r"(title|description):\s", line):
            lines.append((number, line.split(":", 1)[1]))
    return lines


def compare_placeholders(source_rel: str, source_text: str, rel: str, text: str) -> list[Finding]:
    """A translation must use every placeholder of the source, each at least as often, and no other (order may
    differ: word order differs between languages). Repeating one of the source's facts is allowed — a
    translation may gloss a Swedish quote ("SOS 112 – vad har inträffat?") with the same number — as in the
    number parity check."""
    source_uses = placeholders(source_text)
    uses = placeholders(text)
    wanted, have = Counter(i for _, i in source_uses), Counter(i for _, i in uses)
    findings = []
    for fact_id in sorted(set(wanted) | set(have)):
        if wanted[fact_id] == have[fact_id] or (wanted[fact_id] and have[fact_id] > wanted[fact_id]):
            continue
        source_line = next((n for n, i in source_uses if i == fact_id), None)
        line = next((n for n, i in uses if i == fact_id), None) or 1
        if have[fact_id] < wanted[fact_id]:
            message = (f"{{{{fact:{fact_id}}}}} is used {wanted[fact_id]} time(s) in {source_rel} (line {source_line}) but "
                       f"{have[fact_id]} time(s) here — copy every placeholder of the source unchanged")
        else:
            where = f" (line {source_line})" if source_line else ""
            message = (f"{{{{fact:{fact_id}}}}} is used {have[fact_id]} time(s) here but {wanted[fact_id]} time(s) in "
                       f"{source_rel}{where} — use the same placeholders as the source")
        findings.append(Finding("facts.placeholder-parity", rel, line, "error", message))
    return findings


def check_registry(facts: FactRegistry, today: dt.date, max_age_days: int) -> list[Finding]:
    """Registry errors, expired facts (errors) and facts due for a check (notices: listed, never failing a build;
    `l10n.py facts --fail-on-due` gates a scheduled job on them)."""
    findings = list(facts.problems)
    for fact in facts.facts.values():
        line = fact.field_lines.get("valid_until", fact.line)
        if fact.valid_until is not None and fact.valid_until < today:
            findings.append(Finding("facts.expired", fact.path, line, "error", f"fact '{fact.id}' expired on {fact.valid_until} "
                                    "— check the source for the value in force now, then update value, valid_from and "
                                    "valid_until (or set value: null)"))
        due = review_due(fact, today, max_age_days)
        if due:
            findings.append(Finding("facts.due", fact.path, fact.field_lines.get("checked", fact.line), "notice", f"fact '{fact.id}' {due} "
                                    f"— compare it with {fact.source.url} and set checked: to the date you did"))
    return findings


def review_due(fact: Fact, today: dt.date, max_age_days: int) -> str | None:
    """Why the fact is due for a check, or None."""
    if fact.checked is None:
        return "has never been checked" if fact.value is not None else "has no confirmed value (null)"
    age = (today - fact.checked).days
    if age > max_age_days:
        return f"was last checked {fact.checked}, {age} days ago (limit {max_age_days})"
    return None


def usage(documents: dict) -> dict[str, dict[str, list[str]]]:
    """fact id -> page -> language codes using it, from (page, code) -> text."""
    used: dict[str, dict[str, list[str]]] = {}
    for (page, code), text in sorted(documents.items()):
        for _, fact_id in placeholders(text):
            codes = used.setdefault(fact_id, {}).setdefault(page, [])
            if code not in codes:
                codes.append(code)
    return used


# --- the `l10n.py facts` report ------------------------------------------------------------------------

def state_of(fact: Fact, today: dt.date, max_age_days: int) -> str:
    """expired / not-yet-valid / no-value / unchecked / due / current."""
    if fact.valid_until is not None and fact.valid_until < today:
        return "expired"
    if fact.valid_from > today:
        return "not-yet-valid"
    if fact.value is None:
        return "no-value"
    if fact.checked is None:
        return "unchecked"
    if (today - fact.checked).days > max_age_days:
        return "due"
    return "current"


def report_data(root: Path, tree, facts: FactRegistry, today: dt.date, max_age_days: int) -> dict:
    """Every fact with its value, dates, age, state and the pages and languages that use it (the JSON of
    `l10n.py facts --format json`); the registry's problems; placeholders with unknown ids."""
    texts = {}
    for page, files in tree.pages.items():
        for code, file in files.items():
            texts[(page, code)] = file.path.read_bytes().decode("utf-8", errors="replace")
    used = usage(texts)
    source_paths = {page: files[tree.source_language].path.relative_to(root).as_posix()
                    for page, files in tree.pages.items() if tree.source_language in files}
    out = {"today": today.isoformat(), "review_max_age_days": max_age_days, "facts": [],
           "problems": [str(p) for p in facts.problems],
           "unknown": sorted(fact_id for fact_id in used if fact_id not in facts)}
    for fact_id in sorted(facts.facts):
        fact = facts.facts[fact_id]
        pages = used.get(fact_id, {})
        out["facts"].append({
            "id": fact.id, "kind": fact.kind,
            "value": fact.value.isoformat() if isinstance(fact.value, dt.date) else fact.value,
            "valid_from": fact.valid_from.isoformat(),
            "valid_until": fact.valid_until.isoformat() if fact.valid_until else None,
            "checked": fact.checked.isoformat() if fact.checked else None,
            "age_days": (today - fact.checked).days if fact.checked else None,
            "state": state_of(fact, today, max_age_days),
            "source": {"title": fact.source.title, "url": fact.source.url},
            "defined_at": fact.where,
            "pages": {source_paths.get(page, page): sorted(codes) for page, codes in sorted(pages.items())},
            "languages": sorted({code for codes in pages.values() for code in codes}),
        })
    return out


REPORT_HEADER = ["id", "kind", "value", "state", "checked", "age (days)", "valid", "pages", "languages", "defined at"]


def _report_rows(data: dict) -> list[list[str]]:
    rows = []
    for fact in data["facts"]:
        valid = fact["valid_from"] + " – " + (fact["valid_until"] or "")
        rows.append([fact["id"], fact["kind"], "null" if fact["value"] is None else str(fact["value"]), fact["state"],
                     fact["checked"] or "never", "" if fact["age_days"] is None else str(fact["age_days"]), valid.strip(),
                     str(len(fact["pages"])), str(len(fact["languages"])), fact["defined_at"]])
    return rows


def _report_notes(data: dict) -> list[str]:
    counts = Counter(fact["state"] for fact in data["facts"])
    lines = [f"{len(data['facts'])} facts: " + ", ".join(f"{counts[s]} {s}" for s in
             ("current", "due", "unchecked", "no-value", "expired", "not-yet-valid") if counts[s])
             + f" (a check is due after {data['review_max_age_days']} days, l10n.yml checks.review_max_age_days)"]
    unused = [fact["id"] for fact in data["facts"] if not fact["pages"]]
    if unused:
        lines.append("Not used on any page: " + ", ".join(unused))
    if data["unknown"]:
        lines.append("Used on pages but not in facts/: " + ", ".join(data["unknown"]))
    return lines


def render_report_table(data: dict) -> str:
    rows = [REPORT_HEADER] + _report_rows(data)
    widths = [max(len(row[i]) for row in rows) for i in range(len(REPORT_HEADER))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    out = lines + [""] + _report_notes(data)
    if data["problems"]:
        out += ["", "Problems:"] + [f"  {problem}" for problem in data["problems"]]
    return "\n".join(out) + "\n"


def render_report_markdown(data: dict) -> str:
    out = ["## Facts", "", *_report_notes(data), "", "| " + " | ".join(REPORT_HEADER) + " |",
           "|" + "|".join(["---"] * 5 + ["---:"] + ["---"] + ["---:"] * 2 + ["---"]) + "|"]
    out += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in _report_rows(data)]
    details = [f"- `{fact['id']}`: " + "; ".join(f"`{page}` ({', '.join(codes)})" for page, codes in fact["pages"].items())
               for fact in data["facts"] if fact["pages"]]
    if details:
        out += ["", "<details><summary>Pages and languages that use each fact</summary>", "", *details, "", "</details>"]
    if data["problems"]:
        out += ["", "### Problems", ""] + [f"- `{problem}`" for problem in data["problems"]]
    return "\n".join(out) + "\n"


def render_report_csv(data: dict) -> str:
    """One row per fact and page (a fact no page uses has one row with an empty page)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "kind", "value", "state", "valid_from", "valid_until", "checked", "age_days", "source_url",
                     "defined_at", "page", "languages"])
    for fact in data["facts"]:
        base = [fact["id"], fact["kind"], "" if fact["value"] is None else fact["value"], fact["state"], fact["valid_from"],
                fact["valid_until"] or "", fact["checked"] or "", "" if fact["age_days"] is None else fact["age_days"],
                fact["source"]["url"], fact["defined_at"]]
        for page, codes in (fact["pages"].items() or [("", [])]):
            writer.writerow(base + [page, " ".join(codes)])
    return buffer.getvalue()
