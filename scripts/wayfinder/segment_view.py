"""What the side-by-side view shows of a translated page: each body segment's kind and review state (the
page's `.wf-segments` element, read by wayfinder.js), and how much of the page is reviewed (its notice)."""
from __future__ import annotations

from pathlib import Path

from .segments import SegmentError, align, extract, read_states, segment_states, sidecar_path


def page_segments(root: Path, code: str, page_state) -> list[dict] | None:
    """[{"k": kind, "s": state, "l": line in the translation}] for the body segments of a translation; None
    when the page is not translated or its segments do not align with the Swedish page."""
    if page_state is None or page_state.translation is None or page_state.state == "missing":
        return None
    try:
        source = extract((root / page_state.source).read_text(encoding="utf-8"), page_state.source)
        target = extract((root / page_state.translation).read_text(encoding="utf-8"), page_state.translation)
        pairs = align(source, target, page_state.translation, page_state.source)
    except (SegmentError, OSError):
        return None
    recorded = read_states(sidecar_path(root, code, page_state.page))
    states = segment_states(source, True, page_state.status, page_state.state != "outdated", recorded)
    return [{"k": pair.source.kind, "s": state, "l": pair.target.line}
            for pair, state in zip(pairs, states) if not pair.source.kind.startswith("meta.")]


def reviewed_percent(page_state) -> int | None:
    """Share of the page's words in reviewed segments, when some but not all are reviewed."""
    segments = getattr(page_state, "segments", None)
    if not segments:
        return None
    words = segments["words"]
    if not words["total"] or not words["reviewed"] or words["reviewed"] == words["total"]:
        return None
    return max(1, min(99, round(100 * words["reviewed"] / words["total"])))
