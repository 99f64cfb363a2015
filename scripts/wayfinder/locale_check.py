"""Is a language's interface translated? `l10n.py new-language` writes English placeholders and lists
each one under `untranslated:` in locales/<code>.yml (the mark); translators remove a key from the list
when they translate it. check.py warns about a locale with placeholders left (a strict build and
`check.py --strict` refuse it: readers would get an English interface under lang="<code>"), and status
shows the share of interface strings translated per language."""
from __future__ import annotations

import re

from .schema import Finding

# A locale without an `untranslated:` list whose strings are mostly the English ones was copied, not translated.
COPIED_SHARE = 0.5


def interface_keys(language) -> list[str]:
    return ["site_name", "site_description"] + [f"nav.{k}" for k in language.nav] + [f"ui.{k}" for k in language.ui]


def interface_share(language) -> tuple[int, int]:
    """(translated, total) interface strings: site name and description, navigation titles, `ui:` strings."""
    keys = interface_keys(language)
    if language.is_source:
        return len(keys), len(keys)
    untranslated = set(language.untranslated) & set(keys)
    return len(keys) - len(untranslated), len(keys)


def _key_line(path, key: str) -> int:
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            if re.match(rf"^{re.escape(key)}\s*:", line):
                return number
    except OSError:
        pass
    return 1


def locale_findings(registry, root) -> list[Finding]:
    findings = []
    english = registry["en"] if "en" in registry else None
    for language in registry.targets:
        if language.path is None:
            continue
        rel = language.path.relative_to(root).as_posix() if language.path.is_relative_to(root) else str(language.path)
        translated, total = interface_share(language)
        if translated < total:
            findings.append(Finding("locale.untranslated", rel, _key_line(language.path, "untranslated"), "warning",
                                    f"{total - translated} of {total} interface strings are still English placeholders (listed "
                                    f"under 'untranslated:') — translate each and remove it from the list; until then readers "
                                    f"of {language.code} get an English interface"))
        elif english is not None and language is not english and not language.untranslated:
            same = [key for key, value in language.ui.items()
                    if key in english.ui and value == english.ui[key] and re.search(r"[^\W\d_]{3}", value)]
            if len(same) > COPIED_SHARE * max(1, len(language.ui)):
                findings.append(Finding("locale.same-as-english", rel, _key_line(language.path, "ui"), "warning",
                                        f"{len(same)} of {len(language.ui)} interface strings are the same as in English "
                                        f"(e.g. '{same[0]}') — translate them, or list the ones still to do under 'untranslated:'"))
    return findings
