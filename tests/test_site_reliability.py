"""Reliability of the built site, every language: every source page is there (translation or Swedish
fallback), no internal link or asset reference points to a missing file, sitemap.xml lists every page
with its hreflang alternates, and each language has its own 404 page. Figures are printed (pytest -s)."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import REPO
from wayfinder.content import page_url, scan

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
HTML_LANG = re.compile(r'<html[^>]*\blang="([^"]*)"')
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)"')
NOT_FILES = ("mailto:", "tel:", "sms:", "javascript:", "data:", "blob:", "about:")



def html_lang(path: Path) -> str | None:
    match = HTML_LANG.search(path.read_text(encoding="utf-8")[:2000])
    return match.group(1) if match else None


@pytest.fixture(scope="module")
def site_root(site) -> str:
    """The site's absolute root URL (site_url), as the build wrote it in the home page's canonical link."""
    match = CANONICAL.search((site / "index.html").read_text(encoding="utf-8"))
    assert match, "the home page has no canonical link"
    return match.group(1)


@pytest.fixture(scope="module")
def expected_pages(registry) -> dict[str, list[str]]:
    """Site path of every page in every language: {'ar': ['ar/', 'ar/vard/tolk/', ...], ...}."""
    tree = scan(REPO / "content", registry)
    sources = [file.page for file in tree.sources()]
    assert sources, "no source pages in content/"
    return {language.code: [language.url_prefix + page_url(page) for page in sources] for language in registry}


def served_file(site: Path, path: str) -> Path | None:
    """The file a static server sends for site path `path` (directories: their index.html), or None."""
    path = unquote(path).lstrip("/")
    candidate = site / path
    if path.endswith("/") or not path:
        candidate = candidate / "index.html"
    elif candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def test_every_source_page_exists_in_every_language(site, registry, expected_pages):
    missing, wrong_language = [], []
    for language in registry:
        for path in expected_pages[language.code]:
            file = served_file(site, path)
            if file is None:
                missing.append(path)
            elif html_lang(file) != language.lang:
                wrong_language.append(f"{path}: lang={html_lang(file)!r}")
    pages = len(next(iter(expected_pages.values())))
    print(f"\n{pages} source pages x {len(registry)} languages = {pages * len(registry)} pages expected, "
          f"{len(missing)} missing")
    assert not missing, f"pages missing from the output: {missing}"
    assert not wrong_language, f"pages not in their reader's language: {wrong_language}"


class References(HTMLParser):
    """Every href (links, stylesheets, icons) and src (scripts, images) of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.references: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.references.append(value.strip())


def test_no_internal_link_points_to_a_missing_file(site, site_root):
    pages = sorted(site.rglob("*.html"))
    broken: dict[str, list[str]] = {}
    checked = external = 0
    root = urlsplit(site_root)
    for file in pages:
        relative = file.relative_to(site).as_posix()
        base = urljoin(site_root, relative)  # 'vard/tolk/index.html' resolves like the URL 'vard/tolk/'
        parser = References()
        parser.feed(file.read_text(encoding="utf-8"))
        for reference in parser.references:
            if reference.startswith("#") or reference.lower().startswith(NOT_FILES):
                continue
            target = urlsplit(urljoin(base, reference))
            if (target.scheme, target.netloc) != (root.scheme, root.netloc) or not target.path.startswith(root.path):
                external += 1
                continue
            checked += 1
            if served_file(site, target.path[len(root.path):]) is None:
                broken.setdefault(relative, []).append(reference)
    count = sum(len(references) for references in broken.values())
    print(f"\n{len(pages)} HTML files, {checked} internal references checked, {external} external skipped, "
          f"{count} broken on {len(broken)} pages")
    assert not broken, "internal references to missing files:\n" + "\n".join(
        f"{page}: {sorted(set(references))}" for page, references in sorted(broken.items()))


def test_sitemap_lists_every_page_with_its_hreflang_alternates(site, registry, site_root, expected_pages):
    sitemap = site / "sitemap.xml"
    assert sitemap.is_file(), "no sitemap.xml"
    entries = {}
    for url in ElementTree.parse(sitemap).getroot().findall("sm:url", NS):
        loc = url.findtext("sm:loc", namespaces=NS).strip()
        entries[loc] = {link.get("hreflang"): link.get("href")
                        for link in url.findall("xhtml:link", NS) if link.get("rel") == "alternate"}
    by_hreflang = {}
    for language in registry:  # hreflang may be the language code (ku-Arab) or its BCP 47 tag (ckb)
        by_hreflang[language.code] = by_hreflang[language.lang] = language

    expected = {site_root + path: (code, index)
                for code, paths in expected_pages.items() for index, path in enumerate(paths)}
    unlisted = sorted(set(expected) - set(entries))
    dangling = sorted(loc for loc in entries if not loc.startswith(site_root)
                      or served_file(site, loc[len(site_root):]) is None)
    problems = []
    for loc, (code, index) in sorted(expected.items()):
        alternates = entries.get(loc)
        if alternates is None:
            continue
        languages = {by_hreflang[h].code for h in alternates if h in by_hreflang}
        unknown = sorted(h for h in alternates if h not in by_hreflang and h != "x-default")
        if languages != {language.code for language in registry} or unknown:
            problems.append(f"{loc}: alternates for {sorted(languages)}, unknown hreflang {unknown}")
            continue
        for hreflang, href in alternates.items():
            if hreflang == "x-default":
                continue
            other = by_hreflang[hreflang].code
            wanted = site_root + expected_pages[other][index]
            if href != wanted:
                problems.append(f"{loc}: hreflang={hreflang} -> {href}, expected {wanted}")
    print(f"\nsitemap.xml: {len(entries)} URLs ({len(expected)} pages expected), {len(unlisted)} unlisted, "
          f"{len(dangling)} pointing to no page, {len(problems)} with wrong or missing alternates")
    assert not unlisted, f"pages missing from sitemap.xml: {unlisted}"
    assert not dangling, f"sitemap.xml URLs with no page: {dangling}"
    assert not problems, "hreflang alternates:\n" + "\n".join(problems[:40])


def test_every_language_has_its_own_404_page(site, registry):
    """A reader who follows a dead link lands on a 'page not found' page in their own language:
    site/404.html (Swedish) and site/<code>/404.html for the others."""
    missing, wrong_language = [], []
    for language in registry:
        path = site / language.url_prefix / "404.html"
        if not path.is_file():
            missing.append(path.relative_to(site).as_posix())
        elif html_lang(path) != language.lang:
            wrong_language.append(f"{path.relative_to(site).as_posix()}: lang={html_lang(path)!r}")
    print(f"\n404 pages: {len(registry) - len(missing)} of {len(registry)} languages; missing: {missing}")
    assert not missing, f"no 404 page for: {missing}"
    assert not wrong_language, f"404 pages not in their language: {wrong_language}"


def test_404_pages_speak_the_readers_language(site, registry):
    """Each language's 404 page says 'page not found' in that language (locales: page.not_found.title)."""
    problems = []
    for language in registry:
        path = site / language.url_prefix / "404.html"
        if not path.is_file():
            problems.append(f"{language.url_prefix}404.html: missing")
            continue
        html = path.read_text(encoding="utf-8")
        title = language.ui.get("page.not_found.title")
        if title and title not in html:
            problems.append(f"{language.url_prefix}404.html: no {title!r}")
    print(f"\n404 pages in their reader's language: {len(registry) - len(problems)} of {len(registry)}")
    assert not problems, problems
