"""Exchange with translators' tools: export a language's segments as XLIFF 1.2 or PO (plus the glossary as
TBX), import the translated file back into the Markdown pages.

Formats are written and read by translate-toolkit (the library behind Pootle and Weblate). Codes (facts,
numbers, links, markup, see wayfinder.segments.mark) become XLIFF inline codes `<ph id="N">original</ph>`
and, in PO, markers `{N}` (flagged python-brace-format, so Weblate, Poedit and pofilter check them) with
their meaning in an extracted comment.

Import writes only segments whose text or review state changes, checks every code, refuses segments whose
Swedish text changed since the export, and verifies each rewritten page (every other segment unchanged)
before it is saved. Nothing here prints or exits: results come back as data."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path

from translate.filters import checks
from translate.storage import po, tbx, xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables.xliff import Ph

from . import glossary as glossary_module
from .content import ContentTree, page_url, scan
from .frontmatter import split
from .hashing import hash_document
from .languages import Registry
from .segments import (text_hash, ALL_STATES, Marked, Pair, Segment, SegmentError, align, extract, mark, normal,
                       read_states, render_states, replace, segment_states, sidecar_path, unmark, MARKER, _CODE)
from .status import read_translation_info
from .translations import set_translation_fields

FORMATS = ("xliff", "po")
# translate-toolkit checks whose findings mean something for Markdown prose (the others flag our own markers).
QUALITY_CHECKS = ("numbers", "urls", "emails", "endpunc", "startpunc", "puncspacing", "doublespacing", "doublewords",
                  "xmltags", "unchanged", "escapes", "startwhitespace", "endwhitespace", "sentencecount", "long", "short")
XLIFF_REVIEWED = ("final", "signed-off")
EXPORT_STATE = {"missing": "new", "machine": "needs-review-translation", "outdated": "needs-review-translation",
                "translated": "translated", "reviewed": "final"}


class ExchangeError(ValueError):
    """A file that cannot be imported at all (wrong language, unreadable); the message says what to do."""


@dataclass
class PageSegments:
    page: str
    source_path: str  # relative to the root
    translation_path: str | None  # None: not translated
    url: str
    pairs: list[Pair]
    states: list[str]
    recorded: dict[str, str] | None
    page_status: str | None
    page_current: bool
    error: str | None = None  # alignment failure (pairs empty)


class Xliff12(xliff.xlifffile):
    """translate-toolkit's XLIFF store, writing XLIFF 1.2 (what Trados, memoQ, Phrase and OmegaT expect; the
    toolkit writes 1.1 by default and reads both)."""

    namespace = "urn:oasis:names:tc:xliff:document:1.2"
    XMLskeleton = xliff.xlifffile.XMLskeleton.replace("1.1", "1.2")


def site_url(root: Path) -> str:
    """The site's address from mkdocs.yml (`site_url: !ENV [SITE_URL, "default"]` or a plain value)."""
    import os

    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^site_url:\s*(?:!ENV\s*\[\s*(\w+)\s*,\s*[\"']?([^\"'\]]+)[\"']?\s*\]|[\"']?([^\"'\s]+))", text, re.M)
    if not match:
        return "/"
    url = (os.environ.get(match.group(1)) if match.group(1) else None) or match.group(2) or match.group(3)
    return url if url.endswith("/") else url + "/"


class LanguageSegments:
    """Segments of one language's pages, read on demand."""

    def __init__(self, root: Path, registry: Registry, code: str, tree: ContentTree | None = None, history=None):
        self.root, self.registry, self.code = root, registry, code
        self.tree = tree or scan(root / "content", registry)
        self.history = history
        self.base_url = site_url(root)
        self._pages: dict[str, PageSegments] = {}
        self._source_segments: dict[str, list[Segment]] = {}

    def rel(self, path: Path | str) -> str:
        return Path(path).resolve().relative_to(self.root.resolve()).as_posix()

    def pages(self) -> list[str]:
        source = self.registry.source.code
        return sorted(page for page, files in self.tree.pages.items() if source in files)

    def source_segments(self, page: str) -> list[Segment]:
        if page not in self._source_segments:
            file = self.tree.pages[page][self.registry.source.code]
            self._source_segments[page] = extract(file.path.read_text(encoding="utf-8"), self.rel(file.path))
        return self._source_segments[page]

    def load(self, page: str) -> PageSegments:
        if page in self._pages:
            return self._pages[page]
        files = self.tree.pages[page]
        source_file = files[self.registry.source.code]
        source_rel = self.rel(source_file.path)
        source_text = source_file.path.read_text(encoding="utf-8")
        source = self.source_segments(page)
        url = f"{self.base_url}{self.code}/{page_url(page)}"
        translation = files.get(self.code)
        if translation is None:
            result = PageSegments(page, source_rel, None, url, [Pair(s, None) for s in source], ["missing"] * len(source),
                                  None, None, False)
        else:
            rel = self.rel(translation.path)
            text = translation.path.read_text(encoding="utf-8")
            info = read_translation_info(text, rel)
            current = info.source_hash == hash_document(split(source_text, source_rel))
            recorded = read_states(sidecar_path(self.root, self.code, page))
            old_ids = None
            if recorded is None and not current and self.history is not None and info.source_hash:
                found = self.history.old_text(source_rel, info.source_hash)
                if found is not None:
                    old_ids = {s.id for s in extract(found[0], source_rel)}
            try:
                pairs = align(source, extract(text, rel), rel, source_rel)
                error = None
            except SegmentError as failure:
                pairs, error = [], str(failure)
            states = segment_states([p.source for p in pairs], True, info.status, current, recorded, old_ids)
            result = PageSegments(page, source_rel, rel, url, pairs, states, recorded, info.status, current, error)
        self._pages[page] = result
        return result


# --- export --------------------------------------------------------------------------------------------

def mark_like(target: str, source: Marked) -> str:
    """A translation's text in marked form, numbering its codes like the source's (same kind and text, in
    order); codes the source does not have stay as text."""
    free: dict[tuple[str, str], list[str]] = {}
    for number, key in source.codes.items():
        free.setdefault(key, []).append(number)

    def number_of(match: re.Match) -> str:
        key = (match.lastgroup, match.group(0))
        if free.get(key):
            return "{" + free[key].pop(0) + "}"
        return match.group(0)

    return _CODE.sub(number_of, target)


def _glossary(root: Path, code: str, source_code: str) -> tuple[dict, dict]:
    directory = root / "glossary"
    source = glossary_module.load_source(directory, source_code)
    return source, glossary_module.load_language(directory, code, source)


@lru_cache(maxsize=8192)
def _terms_in(text: str, terms: tuple[str, ...]) -> frozenset[str]:
    """The Swedish terms `text` uses (cached: every language's export asks about the same Swedish texts)."""
    return frozenset(term for term in terms if re.search(r"(?<!\w)" + re.escape(term), text, re.I))


def glossary_notes(text: str, source_terms: dict, terms: dict) -> list[str]:
    notes = []
    used = _terms_in(text, tuple(entry.term for entry in source_terms.values()))
    for term_id, entry in source_terms.items():
        if entry.term in used:
            translated = terms.get(term_id)
            target = f" = {translated.translation}" if translated else ""
            notes.append(f"Glossary: {entry.term}{target} — {entry.explanation}")
    return notes


def _legend(marked: Marked) -> str:
    return "Placeholders (copy unchanged): " + "; ".join(f"{{{n}}} = {original}" for n, (_, original) in marked.codes.items())


@dataclass
class ExportResult:
    units: int = 0
    words: int = 0
    skipped: list[str] = field(default_factory=list)  # pages that cannot be aligned, with the reason


def _rich(marked_text: str, codes: dict) -> list[StringElem]:
    parts: list = []
    position = 0
    for match in MARKER.finditer(marked_text):
        if match.group(1) not in codes:
            continue
        if match.start() > position:
            parts.append(marked_text[position:match.start()])
        parts.append(Ph(id=match.group(1), sub=[codes[match.group(1)][1]]))
        position = match.end()
    if position < len(marked_text):
        parts.append(marked_text[position:])
    return [StringElem(parts)]


def export(project: LanguageSegments, only: tuple[str, ...] = ALL_STATES, fmt: str = "xliff") -> tuple[bytes, ExportResult]:
    code = project.code
    source_code = project.registry.source.code
    source_terms, terms = _glossary(project.root, code, source_code)
    result = ExportResult()
    if fmt == "xliff":
        store = Xliff12(sourcelanguage=source_code, targetlanguage=code)
    else:
        store = po.pofile()
        # Language: gettext's ll_CC form (Babel's locale: fa_AF, ckb); X-Wayfinder-Language: the site's code.
        store.updateheader(add=True, Language=str(project.registry[code].babel), Project_Id_Version="Wayfinder",
                           Content_Type="text/plain; charset=UTF-8", X_Source_Language=source_code,
                           X_Wayfinder_Language=code)
    for page in project.pages():
        data = project.load(page)
        if data.error:
            result.skipped.append(data.error)
            continue
        for pair, state in zip(data.pairs, data.states):
            if state not in only:
                continue
            source = mark(normal(pair.source.text))
            target = mark_like(normal(pair.target.text), source) if pair.target is not None else ""
            unit_id = f"{page}#{pair.source.id}"
            # The translation as exported: import refuses to overwrite a segment someone edited since.
            base = text_hash(pair.target.text) if pair.target is not None else ""
            notes = [f"Page: {data.page} — {data.url}",
                     f"File: {data.translation_path or data.source_path + ' (not translated yet)'}:"
                     f"{pair.target.line if pair.target else pair.source.line} ({pair.source.kind})",
                     f"State: {state}" + (" — the Swedish text changed since this was translated" if state == "outdated" else
                                          " — a machine draft nobody has checked" if state == "machine" else "")]
            if source.codes:
                notes.append(_legend(source))
            notes += glossary_notes(pair.source.text, source_terms, terms)
            if fmt == "xliff":
                unit = store.addsourceunit(source.text, filename=f"content ({code})", createifmissing=True)
                unit.setid(unit_id)
                unit.rich_source = _rich(source.text, source.codes)
                if target:
                    unit.rich_target = _rich(target, source.codes)
                    unit.set_state_n(unit.statemap[EXPORT_STATE[state]])
                    if state == "machine":
                        unit.xmlelement.find(unit.namespaced("target")).set("state-qualifier", "mt-suggestion")
                    unit.xmlelement.set("approved", "yes" if state == "reviewed" else "no")
                unit.createcontextgroup("page", [("x-page", page), ("x-url", data.url), ("x-kind", pair.source.kind),
                                                 ("x-target-hash", base)],
                                        purpose="information")
                for note in notes:
                    unit.addnote(note, origin="developer")
            else:
                unit = store.addsourceunit(source.text)
                unit.setcontext(unit_id)
                unit.target = target
                if target and state != "reviewed":
                    unit.markfuzzy(True)
                if source.codes:
                    unit.settypecomment("python-brace-format")
                if base:
                    unit.addnote(f"Target-Hash: {base}", origin="developer")
                unit.addlocation(f"{data.translation_path or data.source_path}:{pair.target.line if pair.target else pair.source.line}")
                for note in notes:
                    unit.addnote(note, origin="developer")
            result.units += 1
            result.words += pair.source.words
    return bytes(store), result


def export_tbx(project: LanguageSegments) -> bytes:
    """The glossary as TBX: Swedish term, the language's term, the explanation as a note."""
    source_terms, terms = _glossary(project.root, project.code, project.registry.source.code)
    store = tbx.tbxfile(sourcelanguage=project.registry.source.code, targetlanguage=project.code)
    for term_id, entry in source_terms.items():
        translated = terms.get(term_id)
        unit = store.addsourceunit(entry.term)
        unit.setid(term_id)
        if translated:
            unit.target = translated.translation
            unit.addnote(translated.explanation, origin="translator")
        unit.addnote(entry.explanation, origin="developer")
    return bytes(store)


# --- import --------------------------------------------------------------------------------------------

@dataclass
class Incoming:
    id: str  # "page#segment"
    marked_target: str | None  # None: no target
    claim: str | None  # "reviewed", "translated" or None (the file makes no claim)
    codes: dict[str, str] = field(default_factory=dict)  # placeholder id -> text inside it (XLIFF)
    base: str | None = None  # hash of the translation as it was exported


@dataclass
class ImportResult:
    language: str = ""
    changed: list[str] = field(default_factory=list)  # "page#id: state" for segments whose text changed
    state_changed: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # Swedish changed since the export, page gone, not aligned
    errors: list[str] = field(default_factory=list)  # broken placeholders, missing numbers, wrong script
    findings: list[str] = field(default_factory=list)  # translate-toolkit quality checks
    files: list[str] = field(default_factory=list)  # files written


def _read_units(path: Path) -> tuple[str | None, list[Incoming]]:
    data = path.read_bytes()
    units: list[Incoming] = []
    if data.lstrip().startswith(b"<"):
        store = xliff.xlifffile.parsestring(data)
        language = store.gettargetlanguage()
        for unit in store.getunits():
            if unit.isheader():
                continue
            unit_id = unit.xmlelement.get("id") or ""
            target = None
            codes: dict[str, str] = {}
            if unit.target:
                parts: list[str] = []

                def walk(element) -> None:
                    if isinstance(element, str):
                        parts.append(element)
                    elif type(element) is StringElem:
                        for child in element.sub:
                            walk(child)
                    else:  # an inline code: <ph id="N">, or <x id="N"/> from tools that rewrite codes
                        number = str(getattr(element, "id", ""))
                        parts.append("{" + number + "}")
                        codes[number] = str(element)

                for element in unit.rich_target or []:
                    walk(element)
                target = "".join(parts)
            state = unit.xmlelement.find(unit.namespaced("target"))
            state = state.get("state") if state is not None else None
            approved = unit.xmlelement.get("approved") == "yes"
            # XLIFF 1.2: state final / signed-off; approved="yes" only where no state says otherwise (translate-toolkit
            # and tools built on it set approved="yes" on any target they write, so the state attribute decides).
            claim = "reviewed" if state in XLIFF_REVIEWED or (approved and state is None) else (
                "translated" if state == "translated" else None)
            base = next((text for group in unit.getcontextgroups("page") for kind, text in group
                         if kind == "x-target-hash"), None)
            units.append(Incoming(unit_id, target, claim, codes, base or None))
    else:
        store = po.pofile.parsestring(data)
        header = store.parseheader()
        language = header.get("X-Wayfinder-Language") or header.get("Language") or store.gettargetlanguage()
        for unit in store.getunits():
            if unit.isheader() or unit.isobsolete():
                continue
            target = unit.target or None
            claim = "reviewed" if target and not unit.isfuzzy() else None
            base = re.search(r"Target-Hash: ([0-9a-f]+)", unit.getnotes("developer") or "")
            units.append(Incoming(unit.getcontext(), target, claim, base=base.group(1) if base else None))
    return language, units


def _script(text: str) -> str | None:
    """The script most letters of `text` are written in (ARABIC, LATIN, CYRILLIC, ETHIOPIC, ...)."""
    counts: dict[str, int] = {}
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            script = name.split(" ")[0] if name else ""
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=counts.get) if counts else None


def _language_script(project: LanguageSegments) -> str | None:
    language = project.registry[project.code]
    return _script(" ".join(filter(None, [language.site_description, language.ui.get("notice.machine.text", "")])))


def quality_findings(name: str, source: str, target: str, code: str) -> list[str]:
    checker = checks.StandardChecker(checkerconfig=checks.CheckerConfig(targetlanguage=code))
    unit = po.pounit(source)
    unit.target = target
    failures = checker.run_filters(unit)
    return [f"{name}: {test}: {message}" for test, message in sorted(failures.items()) if test in QUALITY_CHECKS]


def import_file(path: Path, root: Path, registry: Registry, reviewer: str | None = None, today: dt.date | None = None,
                history=None, tree: ContentTree | None = None) -> ImportResult:
    language, units = _read_units(path)
    by_locale = {str(l.babel): l.code for l in registry}
    language = language if language in registry else by_locale.get(language or "", language)
    if not language or language not in registry or language == registry.source.code:
        targets = ", ".join(l.code for l in registry.targets)
        raise ExchangeError(f"{path}: the file's target language is '{language}', not one of Wayfinder's translation "
                            f"languages ({targets}) — import a file exported with 'l10n.py export LANG'")
    project = LanguageSegments(root, registry, language, tree, history)
    result = ImportResult(language)
    script = _language_script(project)
    pages = set(project.pages())
    by_page: dict[str, list[Incoming]] = {}
    for unit in units:
        page, _, segment_id = unit.id.partition("#")
        if page not in pages:
            result.refused.append(f"{unit.id}: the page {page} no longer exists (renamed or deleted)")
            continue
        by_page.setdefault(page, []).append(unit)
    today = today or dt.date.today()
    for page, incoming in by_page.items():
        data = project.load(page)
        if data.translation_path is None:
            if any(u.marked_target for u in incoming):
                _create_page(project, data, incoming, reviewer, today, script, result)
            continue
        if data.error:
            result.refused += [f"{u.id}: {data.error}" for u in incoming]
            continue
        position = {pair.source.id: index for index, pair in enumerate(data.pairs)}
        texts: dict[int, str] = {}
        states = list(data.states)
        for unit in incoming:
            segment_id = unit.id.partition("#")[2]
            index = position.get(segment_id)
            if index is None:
                result.refused.append(f"{unit.id}: the Swedish text of this segment changed since the export — "
                                      f"export {language} again and translate the new text")
                continue
            if unit.marked_target is None:
                continue
            pair = data.pairs[index]
            source = mark(normal(pair.source.text))
            current = mark_like(normal(pair.target.text), source)
            changed = normal(unit.marked_target) != current
            name = f"{unit.id} ({data.translation_path}:{pair.target.line})"
            if changed and unit.base and unit.base != text_hash(pair.target.text):
                result.refused.append(f"{name}: the translation in the page was edited since the export — not overwritten; "
                                      f"merge by hand: page «{normal(pair.target.text)[:80]}», file «{normal(unit.marked_target)[:80]}»")
                continue
            if changed:
                for number, inside in unit.codes.items():
                    if number in source.codes and inside and inside != source.codes[number][1]:
                        result.errors.append(f"{name}: placeholder {{{number}}} was changed from «{source.codes[number][1]}» "
                                             f"to «{inside}» — inline codes must stay as they are")
                        break
                else:
                    try:
                        new_text = unmark(normal(unit.marked_target), source, name)
                    except SegmentError as error:
                        result.errors.append(str(error))
                        continue
                    found = _script(MARKER.sub(" ", unit.marked_target))
                    if script and found and found != script and found != _script(pair.target.text):  # keep-swedish boxes stay Latin
                        result.errors.append(f"{name}: the text is in {found.title()} script, but {language} pages are written in "
                                             f"{script.title()} script — is this the right language?")
                        continue
                    result.findings += quality_findings(name, normal(pair.source.text), new_text, language)
                    texts[index] = new_text
                    states[index] = "reviewed" if unit.claim == "reviewed" else "translated"
                    result.changed.append(f"{unit.id}: {states[index]}")
                continue
            # Same text: only a review state the file claims can change something.
            if unit.claim == "reviewed" and states[index] != "reviewed":
                states[index] = "reviewed"
                result.state_changed.append(f"{unit.id}: reviewed")
            elif unit.claim == "translated" and states[index] == "machine":
                states[index] = "translated"
                result.state_changed.append(f"{unit.id}: translated")
        if not texts and states == data.states:
            continue
        _write_page(project, data, texts, states, reviewer, today, result)
    return result


def _create_page(project: LanguageSegments, data: PageSegments, incoming: list[Incoming], reviewer: str | None, today: dt.date,
                 script: str | None, result: ImportResult) -> None:
    """A page not translated yet, written from the Swedish page with every segment translated (a page is
    created whole or not at all: a half-Swedish page would be published as a translation)."""
    language = project.code
    by_id = {u.id.partition("#")[2]: u for u in incoming}
    texts: dict[int, str] = {}
    claims = []
    missing = []
    for index, pair in enumerate(data.pairs):
        unit = by_id.get(pair.source.id)
        if unit is None or not unit.marked_target:
            missing.append(f"{data.page}#{pair.source.id}")
            continue
        source = mark(normal(pair.source.text))
        name = f"{unit.id} (new page {data.page[:-3]}.{language}.md)"
        try:
            texts[index] = unmark(normal(unit.marked_target), source, name)
        except SegmentError as error:
            result.errors.append(str(error))
            return
        found = _script(MARKER.sub(" ", unit.marked_target))
        if script and found and found != script and found != _script(source.text):
            result.errors.append(f"{name}: the text is in {found.title()} script, but {language} pages are written in "
                                 f"{script.title()} script — is this the right language?")
            return
        result.findings += quality_findings(name, normal(pair.source.text), texts[index], language)
        claims.append(unit.claim)
    if missing:
        result.refused.append(f"{data.page}: not translated into {language} yet, and {len(missing)} of its segments have no "
                              f"translation in the file ({', '.join(missing[:5])}{' …' if len(missing) > 5 else ''}) — "
                              "a new page is imported only when every segment is translated")
        return
    import yaml

    source_path = project.root / data.source_path
    source_text = source_path.read_text(encoding="utf-8")
    source_document = split(source_text, data.source_path)
    segments = [pair.source for pair in data.pairs]
    body_changes = {i: t for i, t in texts.items() if not segments[i].kind.startswith("meta.")}
    body = replace(source_text, body_changes, segments).split("\n")[source_document.body_line - 1:]
    meta_text = {segments[i].kind[len("meta."):]: t for i, t in texts.items() if segments[i].kind.startswith("meta.")}
    front: dict = {"title": meta_text.get("title", ""), "description": meta_text.get("description", "")}
    lesson = source_document.meta.get("lesson")
    if isinstance(lesson, dict):
        translated_lesson = {}
        for key in ("goals", "materials"):
            items = [texts[i] for i, s in enumerate(segments) if s.kind == f"meta.lesson.{key}"]
            if items:
                translated_lesson[key] = items
        if translated_lesson:
            front["lesson"] = translated_lesson
    all_reviewed = all(claim == "reviewed" for claim in claims)
    block: dict = {"status": "reviewed" if all_reviewed and reviewer else "machine",
                   "translator": f"imported from a translator's file ({reviewer or 'unnamed'})", "translated": today,
                   "source_hash": hash_document(source_document)}
    if block["status"] == "reviewed":
        block.update({"reviewed_by": reviewer, "reviewed_on": today})
    front["translation"] = block
    rendered = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
    new_text = "---\n" + rendered + "---\n" + "\n".join(body)
    rel = f"{data.source_path[:-3]}.{language}.md"
    try:
        after = align(segments, extract(new_text, rel), rel, data.source_path)
    except SegmentError as error:
        result.errors.append(f"{rel}: the new page would not match the Swedish page ({error}) — nothing was written; please report this")
        return
    for index, pair in enumerate(after):
        if normal(pair.target.text) != normal(texts[index]):
            result.errors.append(f"{rel}:{pair.target.line}: segment {pair.source.id} would read «{normal(pair.target.text)[:60]}» "
                                 f"instead of «{normal(texts[index])[:60]}» — nothing was written; please report this")
            return
    (project.root / rel).write_text(new_text, encoding="utf-8")
    result.files.append(rel)
    states = ["reviewed" if claim == "reviewed" else "translated" for claim in claims]
    result.changed += [f"{data.page}#{pair.source.id}: {state}" for pair, state in zip(data.pairs, states)]
    sidecar = sidecar_path(project.root, language, data.page)
    sidecar.parent.mkdir(parents=True, exist_ok=True)
    sidecar.write_text(render_states(rel, list(zip(segments, states))), encoding="utf-8")
    result.files.append(sidecar.relative_to(project.root).as_posix())


def _write_page(project: LanguageSegments, data: PageSegments, texts: dict[int, str], states: list[str], reviewer: str | None,
                today: dt.date, result: ImportResult) -> None:
    root = project.root
    path = root / data.translation_path
    old_text = path.read_text(encoding="utf-8")
    targets = [pair.target for pair in data.pairs]
    new_text = replace(old_text, texts, targets) if texts else old_text
    # Page-level provenance: the page follows the current Swedish once no segment is outdated, and is
    # reviewed when every segment is (and someone is named as its reviewer).
    fields: dict = {}
    if "outdated" not in states and not data.page_current:
        source_file = project.tree.pages[data.page][project.registry.source.code]
        fields["source_hash"] = hash_document(split(source_file.path.read_text(encoding="utf-8"), data.source_path))
    all_reviewed = all(state == "reviewed" for state in states)
    if all_reviewed and reviewer and data.page_status != "reviewed":
        fields.update({"status": "reviewed", "reviewed_by": reviewer, "reviewed_on": today})
    elif not all_reviewed and data.page_status == "reviewed":
        fields["status"] = "machine"  # never leave a page labelled reviewed when some of it is not
    if fields:
        new_text = set_translation_fields(new_text, fields, data.translation_path)
    # Verify before saving: same structure, the new texts where they were meant to go, every other segment as it was.
    try:
        after = align([p.source for p in data.pairs], extract(new_text, data.translation_path), data.translation_path,
                      data.source_path)
    except SegmentError as error:
        result.errors.append(f"{data.translation_path}: writing the imported segments would break the page ({error}) — "
                             "nothing was written to it; please report this")
        return
    for index, (before, now) in enumerate(zip(data.pairs, after)):
        expected = normal(texts[index]) if index in texts else normal(before.target.text)
        if normal(now.target.text) != expected:
            result.errors.append(f"{data.translation_path}:{now.target.line}: segment {before.source.id} would read "
                                 f"«{normal(now.target.text)[:60]}» instead of «{expected[:60]}» — nothing was written; please report this")
            return
    if new_text != old_text:
        path.write_text(new_text, encoding="utf-8")
        result.files.append(data.translation_path)
    sidecar = sidecar_path(root, project.code, data.page)
    entries = [(pair.source, state) for pair, state in zip(data.pairs, states) if state not in ("outdated", "missing")]
    rendered = render_states(data.translation_path, entries)
    if not sidecar.exists() or sidecar.read_text(encoding="utf-8") != rendered:
        sidecar.parent.mkdir(parents=True, exist_ok=True)
        sidecar.write_text(rendered, encoding="utf-8")
        result.files.append(sidecar.relative_to(root).as_posix())


def mark_reviewed(project: LanguageSegments, page: str, segment_ids: list[str] | None, state: str, reviewer: str | None,
                  today: dt.date | None = None) -> ImportResult:
    """The community round trip: a reviewer who checked segments in the Markdown file records them as
    reviewed (or translated). `segment_ids` None: every segment of the page that is not outdated."""
    data = project.load(page)
    result = ImportResult(project.code)
    if data.translation_path is None or data.error:
        raise ExchangeError(data.error or f"{page} is not translated into {project.code}")
    states = list(data.states)
    known = {pair.source.id: index for index, pair in enumerate(data.pairs)}
    for segment_id in segment_ids if segment_ids is not None else [p.source.id for p in data.pairs]:
        index = known.get(segment_id)
        if index is None:
            result.refused.append(f"{page}#{segment_id}: no such segment in the current Swedish page")
            continue
        if segment_ids is None and states[index] == "outdated":
            continue
        if states[index] != state:
            states[index] = state
            result.state_changed.append(f"{page}#{segment_id}: {state}")
    if states != data.states:
        _write_page(project, data, {}, states, reviewer, today or dt.date.today(), result)
    return result
