"""Which Swedish text a translation was made from: the one its structure, links and numbers are compared with.

A translation records the source version it follows (`translation.source_hash`, optionally
`translation.source_commit`). Comparing it with *today's* Swedish would make every edit of a Swedish page
an error in every translation; like MDN and Kubernetes, Wayfinder compares a translation with the version it
was translated from, and reports an outdated translation as a notice (and in `status`/`diff`), never an error.

The old text comes from git history (wayfinder.history). Where it cannot be found (no git checkout, a
shallow clone, a hash no commit has), today's Swedish is used as a fallback and the differences are
reported as notices with the reason, so nothing blocks and nothing is silently skipped."""
from __future__ import annotations

from dataclasses import dataclass

from .hashing import hash_text


@dataclass(frozen=True)
class FollowedSource:
    text: str  # the Swedish text to compare the translation with
    exact: bool  # True: the version the translation followed (or today's, when it is current)
    current: bool  # the translation follows today's Swedish
    label: str  # how messages name that text
    reason: str = ""  # when not exact: why today's Swedish is used instead


def translation_block(meta: dict) -> dict:
    block = meta.get("translation")
    return block if isinstance(block, dict) else {}


def followed_source(source_rel: str, source_text: str, translation_meta: dict, history) -> FollowedSource:
    """`history` is a wayfinder.history.History or None (not a git checkout)."""
    block = translation_block(translation_meta)
    followed_hash = str(block.get("source_hash") or "")
    commit = str(block.get("source_commit") or "")
    try:
        current_hash = hash_text(source_text, source_rel)
    except ValueError:  # the source's own front matter is broken: reported on the source page
        current_hash = ""
    if not followed_hash or followed_hash == current_hash:
        # No recorded version (reported by the schema check) or the current one: compare with today's Swedish.
        return FollowedSource(source_text, True, followed_hash == current_hash, source_rel)
    label = f"{source_rel} (version {followed_hash} it follows)"
    if history is not None:
        found = history.old_text(source_rel, followed_hash)
        if found is not None:
            return FollowedSource(found[0], True, False, label)
        if commit:
            text = history.text_at(commit, source_rel)
            if text is not None:
                return FollowedSource(text, True, False, f"{source_rel} (commit {commit[:10]} it follows)")
    if history is None:
        reason = "this is not a git checkout"
    elif history.shallow:
        reason = "the git history is shallow — run 'git fetch --unshallow' to compare with the version it follows"
    else:
        reason = f"no commit has source version {followed_hash}"
    return FollowedSource(source_text, False, False, source_rel, reason)
