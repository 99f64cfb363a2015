"""Segment-level figures for the translation status: reviewed segments and words, words still to review.

Called by wayfinder.status.compute_status for each target language; a pure function of the files (and,
for outdated pages without recorded segment states, the git history). A page with a sidecar of segment
states (l10n/segments/<lang>/<page>.yml) takes its page state from them: reviewed when every segment is,
outdated when any is."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import NamedTuple

from .segments import ALL_STATES, SIDECAR_DIR, STATES, SegmentError, extract, read_states, segment_states, sidecar_path


class Unit(NamedTuple):
    """What status needs of a Swedish segment: its id and its words (cheap to send back from a worker)."""
    id: str
    words: int


# Parsed Swedish pages, by a hash of their bytes, in the user's cache directory (outside the repository, like
# pip's): parsing 2,000 pages costs seconds on every `status` otherwise. Content-addressed, so never stale;
# CACHE_VERSION is a hash of the code that cuts and counts segments, so a change to it (as when kept-Swedish
# boxes stopped being segmented) never reads an old cache. WAYFINDER_NO_CACHE=1 turns it off.
_SEGMENTATION_CODE = ("segments.py", "frontmatter.py", "lix.py", "parity.py")
CACHE_VERSION = hashlib.sha256(b"".join((Path(__file__).parent / name).read_bytes()
                                        for name in _SEGMENTATION_CODE)).hexdigest()[:12]


def _cache_dir() -> Path | None:
    if os.environ.get("WAYFINDER_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "wayfinder" / f"segments-{CACHE_VERSION}"


def _cached(data: bytes) -> tuple[Path | None, list[Unit] | None]:
    import json

    directory = _cache_dir()
    cached = directory / f"{hashlib.sha256(data).hexdigest()[:32]}.json" if directory else None
    if cached is not None:
        try:
            return cached, [Unit(*unit) for unit in json.loads(cached.read_text(encoding="utf-8"))]
        except (OSError, ValueError, TypeError):
            pass
    return cached, None


def _units(item: tuple[str, str]) -> list[Unit] | None:
    import json

    file, shown = item
    data = Path(file).read_bytes()
    cached, units = _cached(data)
    if units is not None:
        return units
    try:
        units = [Unit(s.id, s.words) for s in extract(data.decode("utf-8", errors="replace"), shown)]
    except SegmentError:
        return None  # the content checks report unreadable front matter
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            temporary = cached.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps(units), encoding="utf-8")
            temporary.replace(cached)
        except OSError:
            pass  # a read-only home: parse every time
    return units


class SourceSegments:
    """Swedish segments of each page, extracted once per status run and shared by all languages; on every core
    when there are many pages (parsing Markdown dominates status on large trees)."""

    def __init__(self, root: Path):
        self.root = root
        self._cache: dict[str, list[Unit] | None] = {}
        self._uniform: dict[tuple[str, str], dict] = {}

    def prefetch(self, source_paths: list[str]) -> None:
        wanted = []
        for path in source_paths:
            if path not in self._cache:
                _, units = _cached((self.root / path).read_bytes())
                if units is None:
                    wanted.append(path)
                else:
                    self._cache[path] = units
        workers = min(os.cpu_count() or 1, 8)
        if len(wanted) < 500 or workers < 2:
            return
        import multiprocessing

        with multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn").Pool(workers) as pool:
            results = pool.map(_units, [(str(self.root / path), path) for path in wanted],
                               chunksize=max(1, len(wanted) // (workers * 4)))
        self._cache.update(zip(wanted, results))

    def uniform(self, source_path: str, state: str) -> dict:
        """Figures of a page whose segments all share one state (most pages), shared by every language (read only)."""
        key = (source_path, state)
        if key not in self._uniform:
            units = self(source_path) or []
            counts, words = empty_counts(), empty_counts()
            counts["total"] = counts[state] = len(units)
            words["total"] = words[state] = sum(unit.words for unit in units)
            self._uniform[key] = {"segments": counts, "words": words}
        return self._uniform[key]

    def __call__(self, source_path: str) -> list[Unit] | None:
        if source_path not in self._cache:
            self._cache[source_path] = _units((str(self.root / source_path), source_path))
        return self._cache[source_path]


def read_followed_hash(path: Path) -> str | None:
    from .status import read_front, read_translation_info  # status imports this module

    try:
        return read_translation_info(read_front(path), path).source_hash
    except ValueError:
        return None


def empty_counts() -> dict:
    return {"total": 0, **{state: 0 for state in ALL_STATES}}


def _sidecars(root: Path, code: str) -> set[str]:
    """Pages of language `code` with recorded segment states (one directory walk instead of a failed open per page)."""
    base = root / SIDECAR_DIR / code
    found = set()
    for directory, _, files in os.walk(base):
        prefix = Path(directory).relative_to(base).as_posix()
        for name in files:
            if name.endswith(".yml"):
                found.add((name[:-4] if prefix == "." else f"{prefix}/{name[:-4]}") + ".md")
    return found


def apply_segment_states(root: Path, code: str, pages: list, sources: SourceSegments, history=None) -> None:
    """Fill `page.segments` of each PageState of language `code`; adjust the state of pages with recorded
    segment states."""
    recorded_pages = _sidecars(root, code)
    for page in pages:
        segments = sources(page.source)
        if segments is None:
            continue
        recorded = read_states(sidecar_path(root, code, page.page)) if page.page in recorded_pages and page.state != "missing" else None
        old_ids = None
        if recorded is None and page.state == "outdated" and history is not None and page.translation:
            followed = read_followed_hash(root / page.translation)
            found = history.old_text(page.source, followed) if followed else None
            if found is not None:
                try:
                    old_ids = {s.id for s in extract(found[0], page.source)}
                except SegmentError:
                    old_ids = None
        if recorded is None and old_ids is None:
            # every segment has the page's state (segment_states, without the per-segment work)
            base = page.status if page.status in STATES else "machine"
            page.segments = sources.uniform(page.source, "missing" if page.state == "missing" else
                                            "outdated" if page.state == "outdated" else base)
            continue
        states = segment_states(segments, page.state != "missing", page.status, page.state != "outdated", recorded, old_ids)
        counts, words = empty_counts(), empty_counts()
        for segment, state in zip(segments, states):
            counts[state] += 1
            counts["total"] += 1
            words[state] += segment.words
            words["total"] += segment.words
        page.segments = {"segments": counts, "words": words}
        if recorded is not None and page.state != "outdated":
            page.state = "outdated" if counts["outdated"] else "reviewed" if counts["reviewed"] == counts["total"] else "machine"


def source_segment_counts(page, sources: SourceSegments) -> None:
    segments = sources(page.source)
    if segments is not None:
        page.segments = sources.uniform(page.source, "reviewed")


def add_up(pages: list) -> dict:
    """Segments and words per state over pages, plus words to review (machine + outdated: an agency's quote)."""
    keys = ("total", *ALL_STATES)
    counts, words = dict.fromkeys(keys, 0), dict.fromkeys(keys, 0)
    for page in pages:
        figures = page.segments
        if figures:
            page_counts, page_words = figures["segments"], figures["words"]
            for key in keys:
                counts[key] += page_counts[key]
                words[key] += page_words[key]
    return {**counts, "words": words, "words_to_review": words["machine"] + words["outdated"]}
