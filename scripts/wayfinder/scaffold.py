"""`l10n.py new-language CODE`: a locale file for a new language from Babel/CLDR data.

Name and direction come from CLDR; every interface string is pre-filled with the English text and
listed under `untranslated:` so translators (and `l10n.py status`) see what is left to do."""
from __future__ import annotations

from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError

from .languages import CODE_PATTERN, Registry
from .theme_partials import material_languages_dir, read_material_partial, required_material_keys


class ScaffoldError(ValueError):
    pass


def scaffold(code: str, registry: Registry, locales_dir: Path, babel_locale: str | None = None) -> Path:
    if not CODE_PATTERN.match(code):
        raise ScaffoldError(f"'{code}' is not of the form xx, xx-Xxxx or xx-XX that mkdocs-static-i18n accepts "
                            "(Dari is fa-AF, Sorani ku-Arab) — choose such a code and pass the CLDR locale with --locale")
    if code in registry:
        raise ScaffoldError(f"{locales_dir / (code + '.yml')} exists already")
    try:
        locale = Locale.parse((babel_locale or code).replace("-", "_"))
    except (UnknownLocaleError, ValueError) as error:
        raise ScaffoldError(f"Babel/CLDR does not know '{babel_locale or code}' — pass --locale with a CLDR locale") from error
    english = registry["en"] if "en" in registry else registry.source
    material = read_material_partial(material_languages_dir() / "en.html")
    partial = code if (material_languages_dir() / f"{code}.html").exists() else (
        locale.language if (material_languages_dir() / f"{locale.language}.html").exists() else None)
    ui = dict(english.ui)
    if not partial:  # Material has no strings for this language: every one must be translated
        ui.update({key: material[key] for key in required_material_keys(material) if key not in ui})
    plurals = {tag: str(rule) for tag, rule in locale.plural_form.rules.items()}
    header = (
        f"# {locale.english_name} ({locale.get_display_name(locale)}): written by 'l10n.py new-language {code}'.\n"
        f"# Direction from CLDR: {locale.text_direction}. Plural categories (CLDR): "
        + ", ".join(f"{tag}: {rule}" for tag, rule in plurals.items()) + ", other.\n"
        "# The texts below are English placeholders, each listed under 'untranslated' at the end: translate each one and\n"
        "# remove its key from that list. check.py warns (and a strict build refuses this language) until it is empty.\n"
        "# Then translate pages: content/<page>.<code>.md (see CONTRIBUTING.md).\n")
    data = {
        "code": code,
        "locale": str(locale),
        "priority": 100,
        **({"material_partial": partial} if partial else {}),
        "site_name": english.site_name,
        "site_description": english.site_description,
        "nav": dict(english.nav),
        "ui": ui,
        "untranslated": sorted(["site_name", "site_description"] + [f"nav.{k}" for k in english.nav] + [f"ui.{k}" for k in ui]),
    }
    path = locales_dir / f"{code}.yml"
    path.write_text(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    return path
