"""The offline copy for classrooms without internet: unzipped and opened from file:// in Chromium,
navigation and search work, in a right-to-left language and in Tigrinya."""
import subprocess
import sys
import zipfile

import pytest

from conftest import REPO

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def offline_copy(site, tmp_path_factory):
    directory = tmp_path_factory.mktemp("offline")
    archive = directory / "wayfinder-offline.zip"
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "offline.py"), "--site-dir", str(site),
                             "--lang", "ar", "--lang", "ti", "--output", str(archive)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(archive) as zipped:
        names = zipped.namelist()
        zipped.extractall(directory)
    assert "wayfinder/ar/index.html" in names and "wayfinder/ti/search/search_index.js" in names
    assert not any(name.startswith("wayfinder/en/") for name in names)  # only the chosen languages
    return directory / "wayfinder"


@pytest.mark.parametrize("code,query,page", [("ar", "مترجم", "vard/tolk/"), ("ti", "ተርጓሚ", "vard/tolk/")])
def test_offline_copy_navigates_and_searches_from_file_urls(browser, offline_copy, code, query, page):
    tab = browser.new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto((offline_copy / code / "index.html").as_uri())
    tab.locator(f"nav a[href$='{page}index.html']").first.click()
    tab.wait_for_load_state("load")
    assert tab.url == (offline_copy / code / page / "index.html").as_uri()
    box = tab.locator(".md-search__input")
    box.click()
    placeholder = tab.evaluate("JSON.parse(document.getElementById('__config').textContent).translations['search.result.placeholder']")
    tab.wait_for_function("t => document.querySelector('.md-search-result__meta').textContent.trim() === t", arg=placeholder)
    box.fill(query)  # an input event alone, as voice typing or paste: search follows it
    tab.wait_for_function("t => document.querySelector('.md-search-result__meta').textContent.trim() !== t", arg=placeholder)
    # The page is among the first results (a lesson on the same subject may rank above it); open it.
    links = tab.locator(".md-search-result__item > a")
    hrefs = [href.split("?")[0] for href in links.evaluate_all("els => els.slice(0, 8).map(e => e.getAttribute('href'))")]
    match = next((i for i, href in enumerate(hrefs) if href.endswith(f"{page}index.html")), None)
    assert match is not None, hrefs
    links.nth(match).click()
    tab.wait_for_load_state("load")
    assert tab.url.split("?")[0] == (offline_copy / code / page / "index.html").as_uri()
    assert not errors, errors
    tab.close()
