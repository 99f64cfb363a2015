"""The search layer without a browser where it helps: the per-language index files, the Python twin of
the normalisation (checked against the JavaScript in Chromium), and lunr.py on our tokenisation."""
import json
import re

import lunr
import pytest

from conftest import REPO
from wayfinder.search_index import search_config
from wayfinder.search_text import SEPARATOR, normalize
from wayfinder.status import compute_status
from wayfinder.l10n_config import load_config

SAMPLES = [
    "Vårdcentralen", "VÅRDCENTRAL", "şeker", "İstanbul", "Ребёнок", "їжа", "tumač", "đak",
    "مستشفى", "مستشفي", "مستشفی", "الأسنان", "إسعاف", "آب", "ٱلله", "كارت", "کارت", "مدرسة",
    "الطَّوارِئ", "مـــترجم", "می‌گوید", "۱۱۲", "١١٧٧", "ተርጓሚ።", "ደውሉ፣ 112፤", "وەرگێڕ", "ژباړن", "ښځه",
]


def index_of(site, code, registry):
    path = site / registry[code].url_prefix / "search" / "search_index.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_normalisation_examples():
    assert normalize("Vårdcentralen") == "vardcentralen"
    assert normalize("مستشفى") == normalize("مستشفي") == normalize("مستشفی")
    assert normalize("كارت") == normalize("کارت")
    assert normalize("الأسنان") == normalize("الاسنان")
    assert normalize("الطَّوارِئ") == normalize("الطوارئ")
    assert normalize("می‌گوید") == "میگوید"
    assert normalize("١١٧٧") == normalize("۱۱۷۷") == "1177"
    assert normalize("ተርጓሚ።").strip() == "ተርጓሚ"
    assert normalize("وەرگێڕ") == "وەرگێڕ"  # Sorani letters are not folded away


@pytest.mark.browser
def test_javascript_and_python_normalise_identically(page, base_url):
    page.goto(base_url, wait_until="networkidle")
    page.add_script_tag(url=base_url + "assets/javascripts/wayfinder-normalize.js")
    javascript = page.evaluate("samples => samples.map(s => self.wayfinderNormalize(s))", SAMPLES)
    assert javascript == [normalize(sample) for sample in SAMPLES]


def test_each_language_index_holds_only_its_own_translated_pages(site, registry):
    status = compute_status(REPO, registry, load_config(REPO / "l10n.yml"))
    for language in registry:
        data = index_of(site, language.code, registry)
        locations = {doc["location"].split("#")[0] for doc in data["docs"]}
        translated = {p.page for p in status.languages[language.code].pages if p.state != "missing"}
        from wayfinder.content import page_url

        assert locations == {page_url(page) for page in translated}, language.code
        assert "trimmer" not in data["config"]["pipeline"]  # lunr's trimmer strips digits and Ethiopic
        assert data["config"]["separator"] == SEPARATOR


def test_stemming_only_where_lunr_languages_has_a_stemmer(registry):
    fields = {"title": {"boost": 1000}}
    assert search_config("sv", "sv", fields)["pipeline"] == ["stemmer", "stopWordFilter"]
    assert search_config("ar", "ar", fields)["lang"] == ["ar"]
    assert search_config("ti", "ti", fields) == {"lang": ["en"], "separator": SEPARATOR, "pipeline": [], "fields": fields}
    assert search_config("fa-AF", "fa", fields)["pipeline"] == []  # no Persian stemmer: prefix matching


def test_lunr_finds_numbers_and_ethiopic_with_our_tokenisation(site, registry):
    """lunr.py with our separator and normalisation on the built Tigrinya index: the digit groups and
    Ethiopic words that stock tokenisation loses are found."""
    data = index_of(site, "ti", registry)
    separator = re.compile(SEPARATOR)

    def tokenizer(obj, metadata=None):
        text = normalize(str(obj or ""))
        return [lunr.token.Token(part, dict(metadata or {})) for part in separator.split(text) if part]

    builder = lunr.builder.Builder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.tokenizer = tokenizer
    builder.ref("location")
    builder.field("title")
    builder.field("text")
    for doc in data["docs"]:
        builder.add({"location": doc["location"], "title": re.sub("<[^>]+>", " ", doc["title"]),
                     "text": re.sub("<[^>]+>", " ", doc["text"])})
    index = builder.build()
    pages = lambda query: {r["ref"].split("#")[0] for r in index.search(query)}
    assert "start/viktiga-nummer/" in pages("112")
    assert "vard/tolk/" in pages(normalize("ተርጓሚ"))
