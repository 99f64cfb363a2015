"""The Swedish source: enough real pages, each with valid front matter (CONTRIBUTING.md), sources,
a review date, plain language and the structure readers and translators rely on."""
import re
from collections import Counter

import pytest
import yaml

from conftest import REPO
from wayfinder.content import scan
from wayfinder.frontmatter import read, split
from wayfinder.glossary import MARKER, load_source
from wayfinder.lix import lix, word_count
from wayfinder.report import LANGUAGES_MARKER
from wayfinder.schema import check_source_meta
from wayfinder.structure import default as site_structure


@pytest.fixture(scope="module")
def sources(registry):
    return scan(REPO / "content", registry).sources()


@pytest.fixture(scope="module")
def glossary_ids():
    return set(load_source(REPO / "glossary"))


def test_at_least_34_source_pages(sources):
    assert len(sources) >= 34


def test_every_source_page_passes_the_schema(sources, glossary_ids):
    findings = []
    for source in sources:
        text = source.path.read_text(encoding="utf-8")
        findings += check_source_meta(source.path.relative_to(REPO), split(text, source.path).meta, text, glossary_ids)
    # Notices never fail (a lesson nobody has checked yet carries no review date, and says so on the page).
    problems = [finding for finding in findings if finding.severity != "notice"]
    assert not problems, "\n".join(map(str, problems))


def test_every_theme_has_an_overview_and_a_deeper_page(sources):
    kinds = Counter()
    for source in sources:
        meta = read(source.path).meta
        if meta.get("theme"):
            kinds[(meta["theme"], meta.get("kind", "article"))] += 1
    for theme in site_structure().theme_ids:
        assert kinds[(theme, "overview")] == 1, theme
        assert kinds[(theme, "article")] >= 1, theme


def test_pages_have_real_content_in_plain_swedish(sources):
    for source in sources:
        document = read(source.path)
        first_line = document.body.lstrip().splitlines()[0]
        assert first_line == f"# {document.meta['title']}", f"{source.page}: the H1 must equal the title"
        if MARKER in document.body or LANGUAGES_MARKER in document.body:
            continue  # the glossary and languages pages: their main content is generated at build time
        words = word_count(document.body)
        # A reader's page stays short; a 90-minute lesson plan (cards, answers, low-literacy variants) is longer.
        most = 1200 if document.meta.get("kind") == "lesson" else 750
        assert 250 <= words <= most, f"{source.page}: {words} words"
        assert len(re.findall(r"^## ", document.body, re.M)) >= 2, f"{source.page}: give the page sections (##)"
        assert lix(document.body) <= 40, f"{source.page}: LIX {lix(document.body):.1f} is above 40 — shorter sentences and words"


def test_home_page_has_the_emergency_box(sources):
    home = next(source for source in sources if source.page == "index.md")
    body = read(home.path).body
    assert "!!! danger" in body
    for fact in ("phone.emergency", "phone.healthcare-advice", "phone.police"):  # 112, 1177, 114 14 (facts/phones.yml)
        assert f"{{{{fact:{fact}}}}}" in body


def test_language_card_on_the_interpreter_page():
    body = read(REPO / "content" / "vard" / "tolk.md").body
    assert "Jag behöver en tolk" in body


def test_glossary_has_the_key_terms_with_sources():
    data = yaml.safe_load((REPO / "glossary" / "sv.yml").read_text(encoding="utf-8"))
    for term_id in ("personnummer", "bankid", "vardcentral", "forsakringskassan", "arbetsformedlingen", "sfi",
                    "etableringsprogrammet"):
        entry = data[term_id]
        assert entry["term"] and entry["explanation"] and entry["source"].startswith("https://"), term_id


def test_schema_reports_file_line_and_advice(tmp_path):
    text = "---\ntitle: Test\ndescription: x\nsection: helth\nreviewed: 29/11/2026\nsources: []\ncolour: red\n---\n# Test\n"
    findings = [str(f) for f in check_source_meta("content/x.md", split(text).meta, text, set())]
    assert "content/x.md:4: error: section 'helth' is unknown — use one of start, civic-orientation, healthcare, teachers, about [meta.unknown-section]" in findings
    assert any(f.startswith("content/x.md:5: error: reviewed '29/11/2026' is not a date") for f in findings)
    assert any(f.startswith("content/x.md:6: error: sources must be a list") for f in findings)
    assert any(f.startswith("content/x.md:7: error: unknown front matter key 'colour'") for f in findings)
