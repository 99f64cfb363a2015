"""The translation-status rules of `l10n.yml`: what "offered in a language" means, per section too."""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path

from .yamlfile import load_yaml

STATES = ("machine", "translated", "reviewed")


class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class Rule:
    required: tuple[str, ...]  # glob patterns of shared page paths ("vard/*.md")
    label: str = ""

    def pages(self, all_pages: list[str]) -> list[str]:
        return [page for page in all_pages if any(fnmatch.fnmatchcase(page, pattern) for pattern in self.required)]


@dataclass(frozen=True)
class L10nConfig:
    offered: Rule
    accept: tuple[str, ...] = STATES
    sections: dict[str, Rule] = field(default_factory=dict)
    minor_change_keywords: tuple[str, ...] = ()
    # A page newly matching offered.required counts for "offered" this many days after its first commit
    # (wayfinder.history.added_on), so adding a page never drops a language at once.
    grace_days: int = 0


def load_config(path: Path) -> L10nConfig:
    data = load_yaml(path, ConfigError) or {}
    offered = data.get("offered") or {}
    required = offered.get("required")
    if not isinstance(required, list) or not required:
        raise ConfigError(f"{path}: offered.required must list the pages a language needs to count as offered")
    accept = tuple(offered.get("accept") or STATES)
    if not set(accept) <= set(STATES):
        raise ConfigError(f"{path}: offered.accept may hold only {', '.join(STATES)}")
    grace_days = offered.get("grace_days", 0)
    if not isinstance(grace_days, int) or isinstance(grace_days, bool) or grace_days < 0:
        raise ConfigError(f"{path}: offered.grace_days must be a whole number of days (0 for none), not '{grace_days}'")
    sections = {}
    for name, rule in (data.get("sections") or {}).items():
        if not isinstance(rule, dict) or not isinstance(rule.get("required"), list):
            raise ConfigError(f"{path}: sections.{name}.required must be a list of page patterns")
        sections[str(name)] = Rule(tuple(rule["required"]), str(rule.get("label") or name))
    return L10nConfig(
        offered=Rule(tuple(required), "all"),
        accept=accept,
        sections=sections,
        minor_change_keywords=tuple(data.get("minor_change_keywords") or ()),
        grace_days=grace_days,
    )
