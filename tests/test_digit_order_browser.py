"""Safety in a real browser (issue 13): every digit group of every right-to-left page displays in its own
order wherever it appears — article, navigation, table of contents, header, footer, handouts — measured by
glyph positions, at phone and desktop widths. Search results are measured in test_safety_browser.py.

Its own module so that pytest-xdist can give this, the suite's longest test, a worker of its own from the
start (tests/conftest.py orders the longest modules first)."""
import re
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.browser
# The measuring function: tests/js/digit_order.js (Range.getBoundingClientRect on each part of each group).
DETECTOR = (REPO / "tests" / "js" / "digit_order.js").read_text(encoding="utf-8")
WIDTHS = ({"width": 360, "height": 800}, {"width": 1280, "height": 800})



def rtl_languages(registry):
    return [language for language in registry if language.direction == "rtl"]


def rtl_pages(site: Path, registry) -> list[str]:
    """Every HTML page a reader of a right-to-left language can open: articles, fallbacks, handouts, 404."""
    pages = []
    for language in rtl_languages(registry):
        pages += sorted(path.relative_to(site).as_posix() for path in (site / language.code).rglob("*.html"))
    return pages


def test_every_digit_group_on_every_rtl_page_displays_in_order(browser, base_url, site, registry):
    pages = rtl_pages(site, registry)
    assert len(pages) >= 40 * len(rtl_languages(registry)), "fewer right-to-left pages than expected"
    widths = list(WIDTHS)
    page = browser.new_page(viewport=widths[0])
    # Material's bundle writes no digits into a page but its search results (test_safety_browser.py measures
    # those, with the bundle); without it each of these hundreds of loads skips building the search index in
    # a worker.
    page.route(re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$"), lambda route: route.abort())
    problems, measured = [], 0
    for path in pages:
        page.goto(base_url + path, wait_until="domcontentloaded")
        for index, viewport in enumerate(widths):  # the same page laid out again at each width: no second load
            if index:  # the first width is the one the page loaded at: no extra layout
                page.set_viewport_size(viewport)
            result = page.evaluate(DETECTOR)
            measured += result["checked"]
            problems += [f"{path} at {viewport['width']} px: {p['text']!r} in {p['where']}" for p in result["problems"]]
        widths.reverse()  # the next page loads at the width this one ended at
    page.close()
    assert measured > 10 * len(pages), f"only {measured} digit groups measured: is the detector looking?"
    assert not problems, "digit groups shown out of order:\n" + "\n".join(problems[:40])


def test_the_measurement_sees_a_group_that_is_not_isolated(browser, base_url, registry):
    """The detector can fail: the same words without isolation are caught."""
    code = rtl_languages(registry)[0].code
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{base_url}{code}/", wait_until="domcontentloaded")
    page.evaluate("""() => { const p = document.createElement('p'); p.id = 'control'
        p.textContent = 'اتصل بالرقم 114 14 الآن'; document.querySelector('article').prepend(p) }""")
    result = page.evaluate(f"({DETECTOR})(document.getElementById('control'))")
    page.close()
    assert [problem["text"] for problem in result["problems"]] == ["114 14"]
