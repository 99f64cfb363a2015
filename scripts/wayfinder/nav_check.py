"""Every page is in mkdocs.yml's `nav`, and every `nav` entry is a page: checked with the content, so a
forgotten nav line is reported by check.py (and pre-commit) with the fix, not by a strict build that stops
with "Aborted with 1 warnings" (or a `mkdocs serve` that does not start)."""
from __future__ import annotations

from pathlib import Path

import yaml

from .schema import Finding


class _NavLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's structure only: its tags (!ENV, !!python/...) are composed, never constructed."""


def nav_entries(config_path: Path) -> tuple[dict[str, int], bool] | None:
    """{page path: line in mkdocs.yml} of every page in `nav`, and whether `nav` exists; None if unreadable."""
    try:
        node = yaml.compose(config_path.read_text(encoding="utf-8"), Loader=_NavLoader)
    except (OSError, yaml.YAMLError):
        return None  # MkDocs reports its own configuration errors
    if not isinstance(node, yaml.MappingNode):
        return None
    nav = next((value for key, value in node.value if isinstance(key, yaml.ScalarNode) and key.value == "nav"), None)
    if nav is None:
        return {}, False
    pages: dict[str, int] = {}

    def walk(item) -> None:
        if isinstance(item, yaml.ScalarNode):
            if item.value.endswith(".md") and "://" not in item.value:
                pages.setdefault(item.value, item.start_mark.line + 1)
        elif isinstance(item, yaml.SequenceNode):
            for child in item.value:
                walk(child)
        elif isinstance(item, yaml.MappingNode):
            for _, child in item.value:
                walk(child)

    walk(nav)
    return pages, True


def check_nav(root: Path, source_pages: list[str], config_name: str = "mkdocs.yml") -> list[Finding]:
    found = nav_entries(root / config_name)
    if found is None or not found[1]:
        return []  # no nav: MkDocs lists every page itself
    entries, _ = found
    findings = []
    for page, line in sorted(entries.items(), key=lambda item: item[1]):
        if page not in source_pages:
            findings.append(Finding("nav.unknown-page", config_name, line, "error", f"nav lists '{page}', which is not a page in content/ "
                                    "— fix the path or remove the line"))
    for page in sorted(set(source_pages) - set(entries)):
        folder = page.rsplit("/", 1)[0] + "/" if "/" in page else ""
        siblings = [(line, entry) for entry, line in entries.items() if entry.startswith(folder) and "/" not in entry[len(folder):]]
        if not siblings:
            parent = folder.rstrip("/").rsplit("/", 1)[0] + "/" if "/" in folder.rstrip("/") else ""
            siblings = [(line, entry) for entry, line in entries.items() if entry.startswith(parent)]
        where = (f" after '{max(siblings)[1]}' (mkdocs.yml line {max(siblings)[0]}), with the same indentation"
                 if siblings else "")
        findings.append(Finding("nav.missing-page", f"content/{page}", 1, "error", f"this page is not in the site's navigation — add the line "
                                f"'- {page}' to 'nav:' in {config_name}{where}"))
    return findings
