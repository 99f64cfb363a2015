"""The strictly built site: every language builds, carries the right lang/dir, switches page-to-page,
and fetches nothing from a third party."""
import re
from pathlib import Path

import pytest

from conftest import REPO
from wayfinder.content import scan

HTML_OPEN = re.compile(r'<html lang="([^"]+)" dir="(ltr|rtl)"')
FETCHING = re.compile(r'<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc="([^"]+)"|<link\b[^>]*\bhref="([^"]+)"[^>]*>')



@pytest.fixture(scope="module")
def tree(registry):
    return scan(REPO / "content", registry)


def test_every_source_page_exists_in_every_language(site, registry, tree):
    missing = [
        f"{language.url_prefix}{source.url}index.html"
        for language in registry for source in tree.sources()
        if not (site / f"{language.url_prefix}{source.url}index.html").exists()
    ]
    assert not missing


def test_each_page_has_its_languages_lang_and_dir(site, registry, tree):
    for language in registry:
        for source in tree.sources():
            html = (site / f"{language.url_prefix}{source.url}index.html").read_text(encoding="utf-8")
            match = HTML_OPEN.search(html)
            assert match, f"{language.code} {source.page}: no <html lang dir>"
            assert match.groups() == (language.lang, language.direction), f"{language.code} {source.page}"
            assert f'<body dir="{language.direction}"' in html


def test_nothing_is_fetched_from_another_host(site):
    offenders = []
    for path in site.rglob("*"):
        if path.suffix not in (".html", ".css", ".js"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if "fonts.googleapis" in text or "fonts.gstatic" in text:
            offenders.append(f"{path}: Google Fonts")
        if path.suffix == ".html":
            for match in FETCHING.finditer(text):
                url = match.group(1) or match.group(2)
                tag = match.group(0)
                if url.startswith(("http:", "https:", "//")) and 'rel="canonical"' not in tag:
                    offenders.append(f"{path.relative_to(site)}: {tag[:120]}")
        if path.suffix == ".css":
            offenders += [f"{path}: {u}" for u in re.findall(r"url\((['\"]?)(https?:|//)", text)]
    assert not offenders, "\n".join(offenders[:20])


def test_switcher_lists_every_language_by_its_own_name_and_keeps_the_page(site, registry):
    html = (site / "ar" / "vard" / "tolk" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]*)" hreflang="([^"]+)" lang="[^"]+" dir="[^"]+" class="md-select__link[^"]*"[^>]*>\s*([^<]+?)\s*(?:<small>|</a>)', html)
    assert [name for _, _, name in links] == [language.name for language in registry]
    for href, hreflang, _ in links:
        resolved = (site / "ar" / "vard" / "tolk" / href).resolve()
        assert resolved.relative_to(site.resolve()).as_posix().endswith("vard/tolk"), (hreflang, href)
        assert (resolved / "index.html").exists()


def test_head_has_no_alternate_links_that_make_material_fetch_missing_sitemaps(site):
    html = (site / "ar" / "vard" / "tolk" / "index.html").read_text(encoding="utf-8")
    head = html.split("</head>")[0]
    assert 'rel="alternate"' not in head


def test_sitemap_lists_alternates_with_hreflang(site, registry):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for language in registry:
        assert f'hreflang="{language.lang}"' in sitemap


def test_generated_partials_are_not_in_the_repository():
    assert not list(Path(REPO / "overrides").rglob("languages/*.html"))


def test_colour_scheme_toggle_is_labelled_in_each_language(site, registry):
    for language in registry:
        html = (site / language.url_prefix / "index.html").read_text(encoding="utf-8")
        assert f'title="{language.ui["palette.dark"]}"' in html, language.code
        assert f'title="{language.ui["palette.light"]}"' in html, language.code
        if language.code != "en":
            assert 'title="Dark"' not in html and 'title="Light"' not in html, language.code
