"""Search, typed into the site's real search box in Chromium, in every language: own language only,
numbers, scripts, keyboard variants, Swedish key terms (tests/search_queries.yml)."""
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import REPO
from wayfinder.content import page_url

pytestmark = pytest.mark.browser
SUITE = yaml.safe_load((REPO / "tests" / "search_queries.yml").read_text(encoding="utf-8"))



class SearchBox:
    """The reader's view: open a language's site, wait until search is ready, type, read the results."""

    def __init__(self, page, base_url, language):
        self.page, self.base_url, self.language = page, base_url, language
        self.requests = []
        page.on("request", lambda request: self.requests.append(urlsplit(request.url).path))
        page.goto(base_url + language.url_prefix, wait_until="networkidle")
        self.placeholder = language.ui.get("search.result.placeholder") or page.evaluate(
            "JSON.parse(document.getElementById('__config').textContent).translations['search.result.placeholder']")
        page.locator(".md-search__input").click()
        page.wait_for_function(
            "t => document.querySelector('.md-search-result__meta').textContent.trim() === t", arg=self.placeholder)

    def search(self, query: str) -> list[str]:
        """Result pages in ranking order, as paths relative to the site root (e.g. 'ar/vard/tolk/')."""
        box = self.page.locator(".md-search__input")
        # fill() sends an `input` event and no key, as voice typing, paste and input methods do: search must
        # follow it (wayfinder.js hands it to Material). Emptying the box first brings back the placeholder,
        # so the wait below sees this query's results, not the previous query's.
        box.fill("")
        self.page.wait_for_function(
            "t => document.querySelector('.md-search-result__meta').textContent.trim() === t", arg=self.placeholder)
        box.fill(query)
        self.page.wait_for_function(
            "t => document.querySelector('.md-search-result__meta').textContent.trim() !== t", arg=self.placeholder)
        hrefs = self.page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
        pages = []
        for href in hrefs:
            path = urlsplit(href).path.lstrip("/")
            if path not in pages:
                pages.append(path)
        return pages


def cases():
    for code, queries in SUITE["languages"].items():
        for case in SUITE["every_language"] + queries:
            yield code, case["query"], case["page"]


@pytest.mark.parametrize("code", list(SUITE["languages"]))
def test_queries_find_their_page_in_the_readers_language(browser, base_url, registry, code):
    language = registry[code]
    page = browser.new_page()
    box = SearchBox(page, base_url, language)
    failures = []
    for case in SUITE["every_language"] + SUITE["languages"][code]:
        results = box.search(case["query"])
        expected = language.url_prefix + page_url(case["page"])
        own = [r for r in results if r.startswith(language.url_prefix)] if language.url_prefix else [
            r for r in results if not any(r.startswith(f"{c}/") for c in registry.codes)]
        if own != results:
            failures.append(f"{case['query']!r}: results from other languages {set(results) - set(own)}")
        if expected not in results[:SUITE["top"]]:
            failures.append(f"{case['query']!r}: {expected} not in the top {SUITE['top']}: {results[:SUITE['top']]}")
    # A visitor downloads only their language's index.
    indexes = [path for path in box.requests if path.endswith("search_index.json")]
    page.close()
    assert indexes == [f"/{language.url_prefix}search/search_index.json"], indexes
    assert not failures, "\n".join(failures)


def test_keyboard_variants_give_the_same_results(browser, base_url, registry):
    failures = []
    for case in SUITE["equivalent"]:
        page = browser.new_page()
        box = SearchBox(page, base_url, registry[case["lang"]])
        a, b = box.search(case["a"]), box.search(case["b"])
        page.close()
        if not a or a != b:
            failures.append(f"{case['lang']}: {case['a']!r} → {a[:3]} but {case['b']!r} → {b[:3]}")
    assert not failures, "\n".join(failures)


def test_results_show_title_and_snippet_in_the_readers_direction(browser, base_url, registry):
    page = browser.new_page()
    box = SearchBox(page, base_url, registry["ar"])
    assert box.search("مترجم")
    result = page.locator(".md-search-result__article").first
    assert result.locator("h1").inner_text().strip()
    assert page.evaluate("getComputedStyle(document.querySelector('.md-search-result__article')).direction") == "rtl"
    page.close()
