"""Segment-level figures for the translation status: reviewed segments and words, words still to review.

Called by wayfinder.status.compute_status for each target language; a pure function of the files (and,
for outdated pages without recorded segment states, the git history). A page with a sidecar of segment
states (l10n/segments/<lang>/<page>.yml) takes its page state from them: reviewed when every segment is,
outdated when any is."""
from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from .segments import ALL_STATES, SegmentError, extract, read_states, segment_states, sidecar_path


class Unit(NamedTuple):
    """What status needs of a Swedish segment: its id and its words (cheap to send back from a worker)."""
    id: str
    words: int


def _units(item: tuple[str, str]) -> list[Unit] | None:
    file, shown = item
    try:
        text = Path(file).read_bytes().decode("utf-8", errors="replace")
        return [Unit(s.id, s.words) for s in extract(text, shown)]
    except SegmentError:
        return None  # the content checks report unreadable front matter


class SourceSegments:
    """Swedish segments of each page, extracted once per status run and shared by all languages; on every core
    when there are many pages (parsing Markdown dominates status on large trees)."""

    def __init__(self, root: Path):
        self.root = root
        self._cache: dict[str, list[Unit] | None] = {}

    def prefetch(self, source_paths: list[str]) -> None:
        wanted = [path for path in source_paths if path not in self._cache]
        workers = min(os.cpu_count() or 1, 8)
        if len(wanted) < 500 or workers < 2:
            return
        import multiprocessing

        with multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn").Pool(workers) as pool:
            results = pool.map(_units, [(str(self.root / path), path) for path in wanted],
                               chunksize=max(1, len(wanted) // (workers * 4)))
        self._cache.update(zip(wanted, results))

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


def apply_segment_states(root: Path, code: str, pages: list, sources: SourceSegments, history=None) -> None:
    """Fill `page.segments` of each PageState of language `code`; adjust the state of pages with recorded
    segment states."""
    for page in pages:
        segments = sources(page.source)
        if segments is None:
            continue
        recorded = read_states(sidecar_path(root, code, page.page)) if page.state != "missing" else None
        old_ids = None
        if recorded is None and page.state == "outdated" and history is not None and page.translation:
            followed = read_followed_hash(root / page.translation)
            found = history.old_text(page.source, followed) if followed else None
            if found is not None:
                try:
                    old_ids = {s.id for s in extract(found[0], page.source)}
                except SegmentError:
                    old_ids = None
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
    if segments is None:
        return
    counts, words = empty_counts(), empty_counts()
    counts["total"] = counts["reviewed"] = len(segments)
    words["total"] = words["reviewed"] = sum(s.words for s in segments)
    page.segments = {"segments": counts, "words": words}


def add_up(pages: list) -> dict:
    """Segments and words per state over pages, plus words to review (machine + outdated: an agency's quote)."""
    counts, words = empty_counts(), empty_counts()
    for page in pages:
        if page.segments:
            for state in counts:
                counts[state] += page.segments["segments"][state]
                words[state] += page.segments["words"][state]
    return {**counts, "words": words, "words_to_review": words["machine"] + words["outdated"]}
