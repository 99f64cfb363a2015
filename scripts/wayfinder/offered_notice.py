"""Notices for check.py: when the content would lower the number of languages Wayfinder is *offered* in
(l10n.yml `offered`), and why — a new required page in its grace period, a required page whose
translations a Swedish edit made outdated (they keep counting for the grace period), or a required page
whose translations are missing or outdated. Notices inform; they never fail a check or a build."""
from __future__ import annotations

from .schema import Finding


def _codes(codes: list[str]) -> str:
    return ", ".join(codes[:8]) + (f" and {len(codes) - 8} more" if len(codes) > 8 else "")


def _losing(targets: dict, page: str) -> list[str]:
    """Languages offered today that stop being offered after the grace period because of `page`."""
    return [code for code, language in targets.items()
            if language.offered and not language.offered_after_grace
            and any(blocker == page for blocker, _ in language.offered_blockers)]


def offered_findings(status, content_dir: str = "content") -> list[Finding]:
    targets = {code: language for code, language in status.languages.items() if not language.is_source}
    offered, after = len(status.offered), len(status.offered_after_grace)
    findings = []
    for page, until in sorted(status.grace.items()):
        untranslated = _losing(targets, page)
        if not untranslated:
            continue
        findings.append(Finding("offered.new-page", f"{content_dir}/{page}", 1, "notice",
                                f"new page required for 'offered' (l10n.yml offered.required): it counts from {until} "
                                f"(offered.grace_days). Not yet translated or current in {_codes(untranslated)} — on {until} "
                                f"Wayfinder is offered in {after} languages instead of {offered} unless they are translated"))
    for page, until in sorted(status.outdated_grace.items()):
        behind = _losing(targets, page)
        if not behind:
            continue
        findings.append(Finding("offered.outdated-grace", f"{content_dir}/{page}", 1, "notice",
                                f"this page is required for 'offered' and the Swedish changed: its translations in "
                                f"{_codes(behind)} are outdated and keep counting until {until} (offered.grace_days) — "
                                f"unless they are updated by then, Wayfinder is offered in {after} languages instead of "
                                f"{offered} ('.venv/bin/python scripts/l10n.py status' lists them)"))
    in_grace = set(status.grace) | set(status.outdated_grace)
    blockers: dict[str, dict[str, list[str]]] = {}
    for code, language in targets.items():
        for page, state in language.offered_blockers:
            if page not in in_grace:
                blockers.setdefault(page, {}).setdefault(state, []).append(code)
    for page, by_state in sorted(blockers.items()):
        # Languages for which this page is the only thing missing: what updating it would win back.
        only = [code for code, language in targets.items()
                if {blocker for blocker, _ in language.offered_blockers if blocker not in in_grace} == {page}]
        if not only:
            continue
        detail = "; ".join(f"{state} in {_codes(codes)}" for state, codes in sorted(by_state.items()))
        findings.append(Finding("offered.count", f"{content_dir}/{page}", 1, "notice",
                                f"this page is required for 'offered' and its translation is {detail}: Wayfinder is offered in "
                                f"{offered} languages, {offered + len(only)} with this page translated and current — "
                                f"'.venv/bin/python scripts/l10n.py status' lists what to update"))
    return findings
