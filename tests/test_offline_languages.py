"""An offline copy of some languages offers only what it contains: its language lists show the languages
in the zip, a start page at the root picks a language, and the Swedish original and the side-by-side
view work from file:// (the Swedish article is embedded in each translated page)."""
import re
import subprocess
import sys
import zipfile

import pytest

from conftest import REPO

pytestmark = pytest.mark.browser


def make_copy(site, directory, *codes):
    archive = directory / "offline.zip"
    arguments = [item for code in codes for item in ("--lang", code)]
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "offline.py"), "--site-dir", str(site), *arguments,
                             "--output", str(archive)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(directory)
    return directory / "wayfinder"


@pytest.fixture(scope="module")
def arabic_copy(site, tmp_path_factory):
    return make_copy(site, tmp_path_factory.mktemp("offline-ar"), "ar")


@pytest.fixture(scope="module")
def arabic_and_swedish_copy(site, tmp_path_factory):
    return make_copy(site, tmp_path_factory.mktemp("offline-ar-sv"), "ar", "sv")


def test_a_one_language_copy_lists_one_language_and_has_a_start_page(arabic_copy, registry):
    pages = list((arabic_copy / "ar").rglob("index.html"))
    assert len(pages) > 20
    for page in pages:
        tags = re.findall(r'<li class="md-select__item">\s*<a href="[^"]*" hreflang="([^"]+)"', page.read_text(encoding="utf-8"))
        assert tags in ([], ["ar"]), (page, tags)  # print pages have no switcher
    start = (arabic_copy / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<a href="([^"]+)" hreflang', start) == ["ar/index.html"]
    assert registry["ar"].ui["offline.choose_language"] in start


def test_swedish_original_and_side_by_side_work_from_file_urls_without_the_swedish_pages(browser, arabic_copy):
    tab = browser.new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto((arabic_copy / "ar" / "larare" / "lektioner" / "halsa" / "index.html").as_uri())
    link = tab.locator(".wf-notice a[hreflang='sv']")
    link.click()
    tab.wait_for_selector(".wf-bilingual__cell--sv")
    swedish = tab.locator(".wf-bilingual__cell--sv").first.inner_text()
    assert "Lektion: Att vårda sin hälsa i Sverige" in swedish
    assert not tab.locator('[data-wf-action="bilingual"]').is_disabled()
    assert not errors, errors
    tab.close()


def test_side_by_side_works_from_file_urls_with_the_swedish_pages(browser, arabic_and_swedish_copy):
    copy = arabic_and_swedish_copy
    tab = browser.new_page()
    tab.goto((copy / "ar" / "vard" / "tolk" / "index.html").as_uri())
    tab.locator('[data-wf-action="bilingual"]').click()
    tab.wait_for_selector(".wf-bilingual__cell--sv")
    assert tab.locator(".wf-bilingual__row").count() > 1
    # The original link is a file in the copy and opens the Swedish page.
    href = tab.locator(".wf-notice a[hreflang='sv']").get_attribute("href")
    assert href.endswith("vard/tolk/index.html")
    tab.locator(".wf-notice a[hreflang='sv']").click()
    tab.wait_for_load_state("load")
    assert tab.url == (copy / "vard" / "tolk" / "index.html").as_uri()
    tags = tab.evaluate("() => [...document.querySelectorAll('.md-select__link')].map(a => a.getAttribute('hreflang'))")
    assert sorted(tags) == ["ar", "sv"]
    tab.close()
