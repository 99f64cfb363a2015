"""The writing system (script) of each language, from the language's own name in locales/ — Latin,
Arabic, Ethiopic, Cyrillic ... — so tests can cover one language per script without a hand-kept list."""
from __future__ import annotations

import unicodedata

from .languages import Language, Registry


def script_of(language: Language) -> str:
    """'LATIN', 'ARABIC', 'ETHIOPIC', 'CYRILLIC' ...: the Unicode script of the first letter of its own name."""
    return script_of_text(language.name)


def script_of_text(text: str) -> str:
    """The Unicode script of the first letter of `text` ('UNKNOWN' without one)."""
    for character in text:
        if character.isalpha():
            return unicodedata.name(character, "UNKNOWN").split()[0]
    return "UNKNOWN"


def one_per_script(registry: Registry) -> list[Language]:
    """The first language of each script, in the registry's order (the source language first)."""
    chosen: dict[str, Language] = {}
    for language in registry:
        chosen.setdefault(script_of(language), language)
    return list(chosen.values())
