"""The language registry in locales/: one file per language, everything derived from it."""
from pathlib import Path

import pytest

from wayfinder.languages import LanguageError, load_language, load_registry

# The languages DEVELOPERS.md commits us to, in priority order.
EXPECTED = ["sv", "en", "ar", "fa-AF", "fa", "so", "ti", "uk", "ru", "ps", "ku", "ku-Arab", "tr", "bs"]
RTL = {"ar", "fa-AF", "fa", "ps", "ku-Arab"}


def test_registry_holds_the_fourteen_languages_in_priority_order(registry):
    assert list(registry.codes) == EXPECTED
    assert registry.source.code == "sv"


def test_direction_comes_from_babel(registry):
    assert {language.code for language in registry if language.direction == "rtl"} == RTL


def test_names_are_the_languages_own(registry):
    assert registry["fa-AF"].name == "دری"  # not Babel's «فارسی (افغانستان)»
    assert registry["sv"].name == "Svenska"
    assert registry["ar"].name == "العربية"
    assert registry["ti"].name == "ትግርኛ"
    assert registry["uk"].name == "Українська"


def test_babel_locales_behind_the_suffix_codes(registry):
    assert registry["fa-AF"].locale == "fa_AF"
    assert registry["ku-Arab"].locale == "ckb"
    assert registry["ku-Arab"].lang == "ckb"
    assert registry["ku"].babel.script is None or registry["ku"].direction == "ltr"


def test_the_source_sits_at_the_site_root_and_each_translation_under_its_code(registry):
    assert registry["sv"].url_prefix == ""
    assert registry["fa-AF"].url_prefix == "fa-AF/"
    assert registry["ku-Arab"].url_prefix == "ku-Arab/"


def test_plural_categories_from_cldr(registry):
    assert registry["ar"].plural_categories == ("few", "many", "one", "other", "two", "zero")
    assert registry["ti"].plural_categories == ("one", "other")


def test_every_language_translates_every_nav_title_and_ui_string(registry):
    source = registry.source
    for language in registry.targets:
        assert set(language.nav) == set(source.nav), language.code
        missing = set(source.ui) - set(language.ui)
        assert not missing, f"{language.code} lacks {sorted(missing)}"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_code_is_refused_with_file_and_advice(tmp_path):
    path = write(tmp_path / "prs.yml", "code: prs\nlocale: fa_AF\nsite_name: x\nsite_description: x\nnav: {}\nui: {}\n")
    with pytest.raises(LanguageError, match=r"prs\.yml.*fa-AF"):
        load_language(path)


def test_unknown_key_is_refused(tmp_path):
    path = write(tmp_path / "en.yml", "code: en\nlocale: en\nsite_name: x\nsite_description: x\nnav: {}\nui: {}\nsitename: y\n")
    with pytest.raises(LanguageError, match=r"unknown key\(s\) sitename"):
        load_language(path)


def test_invalid_yaml_names_the_line(tmp_path):
    path = write(tmp_path / "en.yml", "code: en\nlocale: en\nsite_name: 'unclosed\nnav: {}\n")
    with pytest.raises(LanguageError, match=r"en\.yml:\d+: not valid YAML"):
        load_language(path)


def test_unknown_babel_locale_is_refused(tmp_path):
    path = write(tmp_path / "xx.yml", "code: xx\nlocale: xx\nsite_name: x\nsite_description: x\nnav: {}\nui: {}\n")
    with pytest.raises(LanguageError, match="Babel does not know"):
        load_language(path)


def test_exactly_one_source_language(tmp_path):
    write(tmp_path / "en.yml", "code: en\nlocale: en\nsite_name: x\nsite_description: x\nnav: {}\nui: {}\n")
    with pytest.raises(LanguageError, match="source: true"):
        load_registry(tmp_path)
