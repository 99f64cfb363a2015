"""Translation status: a pure function of the content tree (and, optionally, git history).

Each (language, source page) is in exactly one state:
  missing   no translation file
  machine     a machine draft following the current source
  translated  a person's translation following the current source, not yet checked by a second person
              (counted as "unreviewed" in reports: "translated" there is every existing translation)
  reviewed    reviewed by a person, following the current source
  outdated    a translation of an older version of the source (any status)
so translated = machine + unreviewed + reviewed + outdated and total = translated + missing. Translations whose
source page no longer exists are *orphans*: listed, never counted. Nothing here prints or exits."""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .content import ContentTree, scan
from .findings import Finding
from .frontmatter import FrontMatterError, split
from .hashing import hash_document
from .l10n_config import L10nConfig
from .languages import Registry
from .listen import pages_with_audio
from .lix import word_count
from .locale_check import interface_share
from .schema import translation_status_finding
from .segment_status import SourceSegments, add_up, apply_segment_states, source_segment_counts

STATES = ("missing", "machine", "translated", "reviewed", "outdated")
LABELLED = ("machine", "translated", "reviewed")  # translation.status values


@dataclass(frozen=True)
class TranslationInfo:
    status: str | None
    source_hash: str | None


@dataclass(frozen=True)
class SourceInfo:
    page: str
    path: str  # relative to the repository root
    section: str
    words: int
    hash: str


@dataclass(slots=True)  # not frozen: 100,000 of these are made per run, and frozen init is slow
class PageState:
    page: str
    source: str  # source path relative to the repository root (the JSON contract's page identifier)
    section: str
    words: int
    state: str  # one of STATES, or "source" for the source language
    translation: str | None = None
    status: str | None = None  # machine / reviewed as written in the translation
    changed_sections: tuple[str, ...] | None = None  # outdated: source sections changed since (None: unknown)
    commits_behind: int | None = None
    minor_changes_only: bool = False  # source changed only by commits marked minor
    outdated_since: dt.date | None = None  # outdated: when the source changed (from git history; None: unknown)
    segments: dict | None = None  # {"segments": {state: count}, "words": {state: words}} (wayfinder.segment_status)


@dataclass
class LanguageStatus:
    code: str
    name: str
    is_source: bool
    pages: list[PageState]
    offered: bool = False
    offered_reviewed: bool = False
    sections_offered: dict[str, bool] = field(default_factory=dict)
    orphans: list[str] = field(default_factory=list)
    offered_after_grace: bool = False  # still offered once the new required pages count
    offered_blockers: list[tuple[str, str]] = field(default_factory=list)  # (page, state) keeping it from being offered
    interface: tuple[int, int] = (0, 0)  # interface strings (translated, total): wayfinder.locale_check
    audio: list[str] = field(default_factory=list)  # pages with a recording in this language (Listen)

    def counts(self, section: str | None = None) -> dict:
        pages = [p for p in self.pages if section is None or p.section == section]
        states = {state: sum(1 for p in pages if p.state == state) for state in STATES}
        if self.is_source:
            states = {"missing": 0, "machine": 0, "translated": 0, "reviewed": len(pages), "outdated": 0}
        translated = states["machine"] + states["translated"] + states["reviewed"] + states["outdated"]
        return {
            "segments": add_up(pages),
            "pages": {"total": len(pages), "translated": translated, **{k: states[k] for k in ("reviewed", "machine", "outdated", "missing")},
                      "unreviewed": states["translated"]},
            "words": {
                "total": sum(p.words for p in pages),
                "translated": sum(p.words for p in pages if self.is_source or p.state != "missing"),
            },
        }


@dataclass
class Status:
    source: str
    languages: dict[str, LanguageStatus]
    sections: dict[str, str]  # section id -> label, from l10n.yml
    orphans: list[str] = field(default_factory=list)
    # Problems that make the status unreliable (file names, unreadable front matter, a missing
    # translation.status): wayfinder.findings objects; run_checks merges them with the content checks'.
    problems: list[Finding] = field(default_factory=list)
    grace: dict[str, dt.date] = field(default_factory=dict)  # new required page -> the day it starts to count
    # required page with outdated translations -> the day they stop counting (the earliest, over languages)
    outdated_grace: dict[str, dt.date] = field(default_factory=dict)

    @property
    def offered(self) -> list[str]:
        return [code for code, language in self.languages.items() if language.offered]

    @property
    def offered_after_grace(self) -> list[str]:
        return [code for code, language in self.languages.items() if language.offered_after_grace]

    @property
    def offered_reviewed(self) -> list[str]:
        return [code for code, language in self.languages.items() if language.offered_reviewed]

    def offered_in_section(self, section: str) -> list[str]:
        return [code for code, language in self.languages.items() if language.sections_offered.get(section)]

    def state_of(self, code: str, page: str) -> PageState | None:
        language = self.languages.get(code)
        if language is None:
            return None
        return next((p for p in language.pages if p.page == page), None)


# --- reading translation front matter fast (status must scale to 100,000 files) ---------------------

# Front matter made only of `key: value` lines with plain or simply quoted values, plus one level of
# nesting, is read with regular expressions; anything else (flow mappings, multi-line strings,
# broken quotes) goes through PyYAML, whose errors name the line.
_VALUE = r"""(?:"[^"\n\\]*"|'[^'\n]*'|(?![\[\]{}&*!|>%@`,'"]|- )[^\n:]*(?::[^ \t\n][^\n:]*)*)"""
_LINE = rf"(?:[ \t]*[A-Za-z_][\w-]*:(?:[ \t]+{_VALUE})?[ \t]*|[ \t]*(?:#[^\n]*)?)"
_SIMPLE_BLOCK = re.compile(rf"(?:{_LINE}\n)*")
_TRANSLATION_BLOCK = re.compile(r"^translation:[ \t]*\n((?:[ \t]+[^\n]*\n|[ \t]*\n)*)", re.M)
_FIELD = re.compile(r"""^[ \t]+(status|source_hash):[ \t]+["']?([^"'\s#]+)""", re.M)


def read_translation_info(text: str, path: Path | str) -> TranslationInfo:
    """`translation.status` and `translation.source_hash` of a translation file."""
    if text.startswith("---\n"):
        end = text.find("\n---", 3)
        if end != -1:
            block = text[4:end + 1]
            if _SIMPLE_BLOCK.fullmatch(block):
                nested = _TRANSLATION_BLOCK.search(block)
                fields = dict(_FIELD.findall(nested.group(1))) if nested else {}
                return TranslationInfo(fields.get("status"), fields.get("source_hash"))
    meta = split(text, path).meta
    block = meta.get("translation") if isinstance(meta.get("translation"), dict) else {}
    status, source_hash = block.get("status"), block.get("source_hash")
    return TranslationInfo(str(status) if status else None, str(source_hash) if source_hash else None)


def read_front(path: Path | str, size: int = 1024) -> str:
    """The start of a file, enough to hold its front matter (the whole file if the block is longer)."""
    with open(path, "rb") as handle:
        data = handle.read(size)
        if data.startswith(b"---\n") and data.find(b"\n---", 3) == -1:
            data += handle.read()
    # A character cut at the end of the chunk lies in the body, which is not read here.
    return data.decode("utf-8", errors="replace")


def _read_info(item: tuple[str, str]) -> tuple | FrontMatterError:
    file, shown = item
    try:
        info = read_translation_info(read_front(file), shown)
        return info.status, info.source_hash  # plain tuples: cheap to send back from a worker process
    except FrontMatterError as error:
        return error


def read_translation_infos(items: list[tuple[str, str]]):
    """Start reading many translations' provenance, on every core when there are many (opening files and
    regular expressions dominate `status` on large trees). Returns a function that waits for the results,
    so the caller can do other work meanwhile."""
    workers = min(os.cpu_count() or 1, 8)
    if len(items) < 5000 or workers < 2:
        results = [_read_info(item) for item in items]
        pool = pending = None
    else:
        import multiprocessing

        pool = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn").Pool(workers)
        pending = pool.map_async(_read_info, items, chunksize=max(1, len(items) // (workers * 2)))

    def wait() -> list[TranslationInfo | FrontMatterError]:
        nonlocal results
        if pending is not None:
            results = pending.get()
            pool.close()
            pool.join()
        return [result if isinstance(result, FrontMatterError) else TranslationInfo(*result) for result in results]

    return wait


# --- computing -----------------------------------------------------------------------------------------

def read_sources(tree: ContentTree, root: Path, problems: list[Finding]) -> dict[str, SourceInfo]:
    infos = {}
    for source in tree.sources():
        rel = source.path.relative_to(root).as_posix()
        text = source.path.read_bytes().decode("utf-8", errors="replace")  # check.py reports bad encodings
        try:
            document = split(text, rel)
        except FrontMatterError as error:
            problems.append(error.finding())
            infos[source.page] = SourceInfo(source.page, rel, "unknown", word_count(text), "")
            continue
        infos[source.page] = SourceInfo(
            source.page, rel, str(document.meta.get("section", "unknown")), word_count(document.body), hash_document(document))
    return infos


def compute_status(root: Path, registry: Registry, config: L10nConfig, history=None,
                   tree: ContentTree | None = None, today: dt.date | None = None) -> Status:
    """Status of every language. `history` (wayfinder.history.History or None) refines outdated pages:
    which sections changed, and source commits marked minor that do not invalidate translations; it also
    dates new required pages, which count for "offered" after l10n.yml's offered.grace_days."""
    tree = tree or scan(root / "content", registry)
    problems: list[Finding] = tree_findings(root, tree, registry)
    prefix_length = len(str(root)) + 1

    def rel(file: str) -> str:  # plain string slicing: pathlib is too slow for 100,000 files
        return file[prefix_length:].replace("\\", "/")

    with_source = sorted(page for page, files in tree.pages.items() if tree.source_language in files)
    wanted = [(language.code, page, tree.pages[page][language.code].file) for language in registry.targets
              for page in with_source if language.code in tree.pages[page]]
    shown_paths = [rel(file) for _, _, file in wanted]
    # Translations are read in worker processes while this one reads the sources.
    wait = read_translation_infos([(file, shown) for (_, _, file), shown in zip(wanted, shown_paths)])
    sources = read_sources(tree, root, problems)
    all_pages = sorted(sources)
    all_required = config.offered.pages(all_pages)
    section_required = {name: rule.pages(all_pages) for name, rule in config.sections.items()}
    grace = {}
    today = today or dt.date.today()
    if config.grace_days and history is not None:
        for page in sorted(set(all_required).union(*section_required.values())):
            added = history.added_on(sources[page].path, today)
            if added is not None and (today - added).days < config.grace_days:
                grace[page] = added + dt.timedelta(days=config.grace_days)
    offered_pages = [page for page in all_required if page not in grace]
    section_pages = {name: [page for page in pages if page not in grace] for name, pages in section_required.items()}
    status = Status(registry.source.code, {}, {name: rule.label for name, rule in config.sections.items()}, problems=problems,
                    grace=grace)
    infos = {(code, page): (shown, info) for (code, page, _), shown, info in zip(wanted, shown_paths, wait())}
    source_segments = SourceSegments(root)
    source_segments.prefetch([info.path for info in sources.values()])

    for language in registry:
        states: list[PageState] = []
        for page in all_pages:
            info = sources[page]
            if language.is_source:
                states.append(PageState(page, info.path, info.section, info.words, "source"))
                continue
            file = tree.pages[page].get(language.code)
            if file is None:
                states.append(PageState(page, info.path, info.section, info.words, "missing"))
                continue
            path, translation = infos[(language.code, page)]
            if isinstance(translation, FrontMatterError):
                problems.append(translation.finding())
                translation = TranslationInfo("machine", None)
            if translation.status in LABELLED:
                state = translation.status
            else:  # never present an unlabelled translation as reviewed
                state = "machine"
                problems.append(translation_status_finding(path, read_front(file.file), translation.status))
            changed, behind, minor, since = None, None, False, None
            if translation.source_hash != info.hash:
                state = "outdated"
                if history is not None and translation.source_hash:
                    verdict = history.explain(info.path, translation.source_hash, info.hash)
                    if verdict is not None:
                        changed, behind, since = verdict.changed_sections, verdict.commits_behind, verdict.since
                        if verdict.minor_only and translation.status in LABELLED:
                            state, minor = translation.status, True
            states.append(PageState(page, info.path, info.section, info.words, state, path, translation.status,
                                    changed, behind, minor, since))
        if language.is_source:
            for page_state in states:
                source_segment_counts(page_state, source_segments)
        else:  # per-segment review states; a page with recorded states takes its state from them
            apply_segment_states(root, language.code, states, source_segments, history)
        result = LanguageStatus(language.code, language.name, language.is_source, states,
                                interface=interface_share(language))

        by_page = {p.page: p for p in states}

        def outdated_until(p: PageState) -> dt.date | None:
            """An outdated translation keeps counting for grace_days after the Swedish changed (known from git):
            an edit of the Swedish never drops a language at once."""
            if p.state == "outdated" and p.outdated_since and config.grace_days and p.status in config.accept:
                until = p.outdated_since + dt.timedelta(days=config.grace_days)
                return until if today < until else None
            return None

        def complete(pages: list[str], accept: tuple[str, ...], grace: bool = True) -> bool:
            return bool(pages) and all(language.is_source or by_page[p].state in accept
                                       or (grace and outdated_until(by_page[p]) is not None) for p in pages)

        # Pages in their grace period do not count against a language; when every required page is new
        # (a new site), the rule applies to all of them.
        result.offered_after_grace = complete(all_required, config.accept, grace=False)
        result.offered = complete(all_required, config.accept) or complete(offered_pages, config.accept)
        if not language.is_source:
            result.offered_blockers = [(page, by_page[page].state) for page in all_required
                                       if by_page[page].state not in config.accept]
            for page in all_required:
                until = outdated_until(by_page[page])
                if until is not None and page not in grace:
                    status.outdated_grace[page] = min(until, status.outdated_grace.get(page, until))
        result.offered_reviewed = complete(all_required, ("reviewed",), False) or complete(offered_pages, ("reviewed",), False)
        result.sections_offered = {name: complete(section_required[name], config.accept) or complete(pages, config.accept)
                                   for name, pages in section_pages.items()}
        status.languages[language.code] = result

    for code, pages in pages_with_audio(tree, registry).items():
        if code in status.languages:
            status.languages[code].audio = pages

    for file in tree.orphans():
        orphan = rel(file.file)
        status.orphans.append(orphan)
        if file.language in status.languages:
            status.languages[file.language].orphans.append(orphan)
    problems.sort()
    return status


def tree_findings(root: Path, tree: ContentTree, registry: Registry) -> list[Finding]:
    """Problems with the names of the files under content/, before anything is read: a suffix that is not
    a language, two files for one page and language, a translation without its source. Status owns these
    (it lists orphans, and `l10n.py status` fails on them); the content checks take them from status."""
    findings = []
    codes = {code.lower(): code for code in registry.codes}
    for path in tree.unknown_suffix:
        rel = path.relative_to(root).as_posix()
        stem, _, extension = path.name.rpartition(".")
        suffix = stem.rsplit(".", 1)[1] if "." in stem else ""
        if extension != "md":
            findings.append(Finding("file.extension", rel, 1, "error",
                                    f"the file extension '.{extension}' is not '.md' — rename it to {stem}.md"))
        elif suffix.lower() in codes:
            findings.append(Finding("file.language-case", rel, 1, "error",
                                    f"'{suffix}' is not a language of this site — language codes are case-sensitive: "
                                    f"rename it to {stem.rsplit('.', 1)[0]}.{codes[suffix.lower()]}.md"))
        else:
            findings.append(Finding("file.unknown-language", rel, 1, "error",
                                    f"'{suffix}' is not a language of this site — use a code from locales/ "
                                    f"({', '.join(registry.codes[1:])}) or add the language with 'l10n.py new-language'"))
    for first, second in tree.duplicates:
        findings.append(Finding("file.duplicate", second.relative_to(root).as_posix(), 1, "error",
                                f"two files for the same page and language ({first.relative_to(root).as_posix()}) — keep one"))
    for file in tree.orphans():
        findings.append(Finding("file.orphan", file.path.relative_to(root).as_posix(), 1, "error",
                                f"translation without a Swedish source page (content/{file.page} is missing: renamed or "
                                "deleted?) — rename it to follow its source, or delete it"))
    return findings


def to_json(status: Status, languages: list[str] | None = None, section: str | None = None) -> dict:
    """The JSON contract (see scripts/l10n.py --help)."""
    codes = [code for code in status.languages if languages is None or code in languages]
    out = {
        "source": status.source,
        "offered": status.offered,
        "offered_reviewed": status.offered_reviewed,
        "sections": {name: {"label": label, "offered": status.offered_in_section(name)} for name, label in status.sections.items()},
        "languages": {},
        "orphans": status.orphans,
        # Each problem rendered as check.py prints it ("path:line: severity: message [code]"); the same as
        # objects in "findings" ({"code", "path", "line", "severity", "message"}: FINDINGS.md lists the codes).
        "problems": [str(problem) for problem in status.problems],
        "findings": [problem.as_dict() for problem in status.problems],
        # New required pages in their grace period (l10n.yml offered.grace_days) and what they will cost.
        # reason "new": a new required page; "outdated": required translations outdated by a Swedish change.
        "grace": [{"page": f"content/{page}", "until": until.isoformat(), "reason": reason,
                   "lacking_in": [code for code, language in status.languages.items()  # offered now, not after
                                  if language.offered and any(blocker == page for blocker, _ in language.offered_blockers)]}
                  for reason, pages in (("new", status.grace), ("outdated", status.outdated_grace))
                  for page, until in sorted(pages.items())],
        "offered_after_grace": status.offered_after_grace,
    }
    for code in codes:
        language = status.languages[code]
        pages = [p for p in language.pages if section is None or p.section == section]
        counts = language.counts(section)
        by_page = {p.page: p for p in language.pages}
        out["languages"][code] = {
            "name": language.name,
            "source": language.is_source,
            "offered": language.offered,
            "offered_reviewed": language.offered_reviewed,
            "sections_offered": language.sections_offered,
            "pages": counts["pages"],
            "words": counts["words"],
            "segments": counts["segments"],
            "missing_pages": [p.source for p in pages if p.state == "missing"],
            "outdated_pages": [p.source for p in pages if p.state == "outdated"],
            "outdated_details": [
                {"page": p.source, "translation": p.translation,
                 "changed_sections": list(p.changed_sections) if p.changed_sections is not None else None,
                 "commits_behind": p.commits_behind,
                 "since": p.outdated_since.isoformat() if p.outdated_since else None}
                for p in pages if p.state == "outdated"
            ],
            "orphan_pages": language.orphans,
            "offered_after_grace": language.offered_after_grace,
            "interface": {"strings": language.interface[1], "translated": language.interface[0]},
            "offered_blockers": [{"page": f"content/{page}", "state": state} for page, state in language.offered_blockers],
            "audio": {"pages": len([p for p in language.audio if section is None or by_page[p].section == section])},
            "by_section": {name: {**language.counts(name), "audio": {"pages": sum(by_page[p].section == name for p in language.audio)}}
                           for name in sorted({p.section for p in pages})},
        }
    if section is not None:
        out["section_filter"] = section
    return out
