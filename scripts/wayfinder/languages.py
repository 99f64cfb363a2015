"""The language registry: one YAML file per language in `locales/` is the only place a language is defined.

Everything else (the mkdocs-static-i18n language list, Material's UI-string partials, the switcher,
file-suffix parsing, reports) is derived from the `Language` objects loaded here."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from babel import Locale, UnknownLocaleError

from .yamlfile import load_yaml

# mkdocs-static-i18n accepts only these forms of codes (see its config.RE_LOCALE).
CODE_PATTERN = re.compile(r"^[a-z]{2}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$")

REQUIRED_KEYS = ("code", "locale", "site_name", "site_description", "nav", "ui")
OPTIONAL_KEYS = ("name", "lang", "source", "material_partial", "direction", "priority", "untranslated", "speech")
# A BCP 47 language tag as speech engines report voices: "fa", "fa-AF", "sr-Latn", "ckb".
SPEECH_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{4})?(-(?:[A-Z]{2}|[0-9]{3}))?$")


class LanguageError(ValueError):
    """A locale file that cannot define a language; the message names the file and what to do."""


@dataclass(frozen=True)
class Language:
    code: str  # as used in file suffixes (page.fa-AF.md) and URL prefixes (/fa-AF/)
    locale: str  # Babel/CLDR locale identifier (fa_AF, ckb, ...)
    lang: str  # BCP 47 tag for <html lang> and hreflang
    name: str  # the language's own name, as its readers write it
    direction: str  # "ltr" or "rtl"
    site_name: str
    site_description: str
    nav: dict[str, str]  # navigation id (as in mkdocs.yml) -> title in this language
    ui: dict[str, str]  # interface strings: Material's keys and Wayfinder's own
    is_source: bool = False
    priority: int = 1000  # order in the switcher and in reports (lower first); the source is always first
    untranslated: tuple[str, ...] = ()  # strings still in English placeholder form (from new-language)
    material_partial: str | None = None  # Material's bundled partial to take default UI strings from
    speech: tuple[str, ...] = ()  # voice languages that may read this language aloud (Listen), preferred first
    path: Path | None = field(default=None, compare=False)

    @cached_property
    def babel(self) -> Locale:
        return Locale.parse(self.locale)

    @property
    def url_prefix(self) -> str:
        """Where this language's pages sit in the site: the source at the root, a translation under its code."""
        return "" if self.is_source else f"{self.code}/"

    @property
    def english_name(self) -> str:
        return self.babel.english_name

    @property
    def plural_categories(self) -> tuple[str, ...]:
        return tuple(sorted(self.babel.plural_form.tags | {"other"}))

    def t(self, key: str) -> str:
        """Interface string for `key`; raises KeyError naming the locale file when it is missing."""
        try:
            return self.ui[key]
        except KeyError:
            raise KeyError(f"{self.path}: interface string '{key}' is missing — add it under 'ui:'") from None


def load_language(path: Path) -> Language:
    data = load_yaml(path, LanguageError)
    if not isinstance(data, dict):
        raise LanguageError(f"{path}:1: a locale file must be a mapping of keys (code, locale, site_name, ...)")
    missing = [key for key in REQUIRED_KEYS if key not in data]
    if missing:
        raise LanguageError(f"{path}: missing {', '.join(missing)} — see locales/README.md for the keys a language needs")
    unknown = sorted(set(data) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS))
    if unknown:
        raise LanguageError(f"{path}: unknown key(s) {', '.join(unknown)} — check the spelling against locales/README.md")
    code = str(data["code"])
    if not CODE_PATTERN.match(code):
        raise LanguageError(
            f"{path}: code '{code}' is not of the form 'xx', 'xx-Xxxx' or 'xx-XX' that mkdocs-static-i18n accepts "
            "— use a two-letter ISO 639-1 code with an optional script or region (Dari is fa-AF, Sorani ku-Arab)"
        )
    if path.stem != code:
        raise LanguageError(f"{path}: file name must be the language code — rename it to {code}.yml")
    try:
        babel_locale = Locale.parse(str(data["locale"]).replace("-", "_"))
    except (UnknownLocaleError, ValueError) as error:
        raise LanguageError(f"{path}: Babel does not know locale '{data['locale']}' ({error}) — use a CLDR locale such as ckb or fa_AF") from error
    for key in ("nav", "ui"):
        if not isinstance(data[key], dict) or not all(isinstance(v, str) for v in data[key].values()):
            raise LanguageError(f"{path}: '{key}' must be a mapping of names to text")
    direction = data.get("direction") or babel_locale.text_direction
    if direction not in ("ltr", "rtl"):
        raise LanguageError(f"{path}: direction must be ltr or rtl, not '{direction}'")
    own_name = data.get("name") or babel_locale.get_display_name(babel_locale)
    lang = str(data.get("lang") or code)
    speech = data.get("speech", [lang])
    if not isinstance(speech, list) or not speech or not all(isinstance(t, str) and SPEECH_TAG.match(t) for t in speech):
        raise LanguageError(f"{path}: speech must be a list of voice language tags such as [fa-AF, fa] "
                            f"(BCP 47: language, optional script and region), not {speech!r}")
    return Language(
        code=code,
        locale=str(babel_locale),
        lang=lang,
        # Babel writes some names in lower case ("svenska"); a menu entry starts with a capital.
        name=own_name[:1].upper() + own_name[1:],
        direction=direction,
        site_name=str(data["site_name"]),
        site_description=str(data["site_description"]),
        nav={str(k): v for k, v in data["nav"].items()},
        ui={str(k): v for k, v in data["ui"].items()},
        is_source=bool(data.get("source", False)),
        priority=int(data.get("priority", 1000)),
        untranslated=tuple(data.get("untranslated") or ()),
        material_partial=data.get("material_partial"),
        speech=tuple(speech),
        path=path,
    )


@dataclass(frozen=True)
class Registry:
    languages: tuple[Language, ...]  # source first, then targets by priority

    @property
    def source(self) -> Language:
        return self.languages[0]

    @property
    def targets(self) -> tuple[Language, ...]:
        return self.languages[1:]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.languages)

    def __getitem__(self, code: str) -> Language:
        for language in self.languages:
            if language.code == code:
                return language
        raise KeyError(f"no language '{code}' in locales/ — known: {', '.join(self.codes)}")

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def __iter__(self):
        return iter(self.languages)

    def __len__(self) -> int:
        return len(self.languages)


def load_registry(locales_dir: Path) -> Registry:
    """Load every `<code>.yml` in `locales_dir`: the source language first, then the targets by `priority`."""
    paths = sorted(locales_dir.glob("*.yml"))
    if not paths:
        raise LanguageError(f"{locales_dir}: no locale files (*.yml) — a site needs at least its source language")
    languages = [load_language(path) for path in paths]
    sources = [language for language in languages if language.is_source]
    if len(sources) != 1:
        found = ", ".join(str(language.path) for language in sources) or "none"
        raise LanguageError(f"{locales_dir}: exactly one locale file must say 'source: true' (found: {found})")
    targets = sorted((l for l in languages if not l.is_source), key=lambda l: (l.priority, l.code))
    return Registry(tuple(sources + targets))
