"""Material UI partials generated from locales/: complete, so no English leaks into other languages."""
import dataclasses

import pytest

from wayfinder.theme_partials import (
    MissingStringsError, material_languages_dir, partial_strings, read_material_partial, render_partial,
    required_material_keys,
)

# Languages Material ships no strings for: every string must come from our locale files.
WITHOUT_MATERIAL = ["so", "ti", "ps", "ku", "ku-Arab", "bs", "fa-AF"]
ENGLISH = read_material_partial(material_languages_dir() / "en.html")


@pytest.mark.parametrize("code", WITHOUT_MATERIAL)
def test_no_english_string_leaks_into_a_language_material_lacks(registry, code):
    strings = partial_strings(registry[code], registry)
    leaked = [key for key in required_material_keys(ENGLISH) if strings[key] == ENGLISH[key]]
    assert not leaked, f"{code}: still English: {leaked}"
    assert strings["language"] == registry[code].lang
    assert strings["direction"] == registry[code].direction


def test_every_language_has_every_key_material_renders(registry):
    for language in registry:
        strings = partial_strings(language, registry)
        assert set(required_material_keys(ENGLISH)) <= set(strings), language.code
        assert set(registry.source.ui) <= set(strings), language.code


def test_a_missing_string_stops_the_build_naming_the_file_and_key(registry):
    somali = registry["so"]
    broken = dataclasses.replace(somali, ui={k: v for k, v in somali.ui.items() if k != "action.skip"})
    with pytest.raises(MissingStringsError, match=r"so\.yml.*action\.skip"):
        partial_strings(broken, registry)


def test_rendered_partial_is_a_jinja_macro(registry):
    import jinja2

    text = render_partial(partial_strings(registry["ti"], registry))
    module = jinja2.Environment().from_string(text).module
    assert module.t("search.placeholder") == registry["ti"].ui["search.placeholder"]
    assert module.t("direction") == "ltr"


def test_partials_are_not_committed():
    from conftest import REPO

    assert not (REPO / "overrides" / "partials" / "languages").exists()
