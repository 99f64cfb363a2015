"""Material's UI-string partials (`partials/languages/<code>.html`), generated from `locales/`.

Material ships UI strings for some languages only (not so, ti, ps, fa-AF, ku-Arab, bs ...) and silently
falls back to English for any key a partial lacks. We generate one partial per registered language:
Material's own strings for that language where it has them, overlaid with the locale file's `ui:`, and
refuse to build when a key Material renders is missing, so English never leaks into a Somali page."""
from __future__ import annotations

import json
import re
from pathlib import Path

from .languages import Language, Registry

# Material features Wayfinder does not enable; their strings are never rendered.
UNUSED_MATERIAL_KEY_PREFIXES = (
    "blog.", "rss.", "consent.", "source.file.", "select.version", "meta.comments", "readtime.",
    "announce.dismiss",
)
# Search tuning keys are not prose: they come from Material's partial or Material's English defaults.
SEARCH_CONFIG_PREFIX = "search.config."

_DICT = re.compile(r"\{\{ (\{.*\})\[key\] \}\}", re.S)


class MissingStringsError(ValueError):
    pass


def material_languages_dir() -> Path:
    import material

    return Path(material.__file__).parent / "templates" / "partials" / "languages"


def read_material_partial(path: Path) -> dict[str, str]:
    """The key → text mapping of one of Material's generated language partials."""
    match = _DICT.search(path.read_text(encoding="utf-8"))
    if not match:
        raise ValueError(f"{path}: unexpected format of Material's language partial")
    return json.loads(match.group(1))


def required_material_keys(english: dict[str, str]) -> list[str]:
    return [
        key for key in english
        if key not in ("language", "direction")
        and not key.startswith(UNUSED_MATERIAL_KEY_PREFIXES)
        and not key.startswith(SEARCH_CONFIG_PREFIX)
    ]


def wayfinder_keys(registry: Registry, english: dict[str, str]) -> list[str]:
    """Wayfinder's own interface strings: those the source language defines beyond Material's."""
    return [key for key in registry.source.ui if key not in english]


def partial_strings(language: Language, registry: Registry, languages_dir: Path | None = None) -> dict[str, str]:
    """All UI strings of `language`, complete, or MissingStringsError listing what its locale file lacks."""
    languages_dir = languages_dir or material_languages_dir()
    english = read_material_partial(languages_dir / "en.html")
    base: dict[str, str] = {}
    if language.material_partial:
        base = read_material_partial(languages_dir / f"{language.material_partial}.html")
    strings = {key: value for key, value in english.items() if key.startswith(SEARCH_CONFIG_PREFIX)}
    strings.update({key: value for key, value in base.items() if key not in ("language", "direction")})
    strings.update(language.ui)
    missing = [key for key in required_material_keys(english) + wayfinder_keys(registry, english) if key not in strings]
    if missing:
        raise MissingStringsError(
            f"{language.path}: interface strings missing for {language.name} ({language.code}): "
            f"{', '.join(missing)} — add them under 'ui:' (English texts are in locales/en.yml)"
        )
    strings["language"] = language.lang
    strings["direction"] = language.direction
    return strings


def render_partial(strings: dict[str, str]) -> str:
    # The same shape as Material's own partials: a macro looking the key up in a dict literal.
    # JSON string literals are valid Jinja string literals.
    body = json.dumps(strings, ensure_ascii=False, indent=2, sort_keys=True)
    return "{#- Generated at build time from locales/ by wayfinder.theme_partials - do not edit -#}\n" \
        "{% macro t(key) %}{{ " + body + "[key] }}{% endmacro %}\n"


def write_partials(registry: Registry, theme_dir: Path) -> list[Path]:
    """Write `partials/languages/<code>.html` for every language under `theme_dir` (a template directory)."""
    target = theme_dir / "partials" / "languages"
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for language in registry:
        path = target / f"{language.code}.html"
        path.write_text(render_partial(partial_strings(language, registry)), encoding="utf-8")
        written.append(path)
    return written
