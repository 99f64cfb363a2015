"""Accessibility in Chromium, light and dark scheme (WCAG 2.1 AA; DOS-lagen):

- axe-core (axe-playwright-python), one language per script, on the home page, an article, a lesson and
  the search results (at phone width: tests/test_phone_width.py):
  no serious or critical violation (colour contrast, names, roles, links distinguishable...);
- keyboard only, every language: the first Tab reaches the skip link, every focus stop up to the search box shows a
  focus indicator, and the language switcher (button and entries) and the search box are reached by Tab.

Every violation found, of any impact, is printed (pytest -s) for the accessibility statement."""
from __future__ import annotations

from collections import Counter

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from conftest import REPO
from wayfinder.languages import load_registry
from wayfinder.writing_systems import one_per_script

pytestmark = pytest.mark.browser

# axe looks at colours, names and roles, which differ by script and direction, not by language: one
# language per script keeps the suite fast (tests/test_phone_width.py runs axe at phone width the same way).
SCRIPT_CODES = [language.code for language in one_per_script(load_registry(REPO / "locales"))]
# prefers-color-scheme as the reader's system sets it -> the Material scheme the page must show.
SCHEMES = {"light": "default", "dark": "slate"}
FAILING_IMPACTS = ("serious", "critical")
ARTICLE = "vard/tolk/"
LESSON, LESSONS_HOME = "larare/lektioner/halsa/", "larare/"
SEARCH_SUITE = yaml.safe_load((REPO / "tests" / "search_queries.yml").read_text(encoding="utf-8"))
AXE = Axe()

# What the element that has keyboard focus looks like. The scheme toggle is a pair of visually hidden
# radio inputs: what the reader sees is the one label of the pair that is not hidden.
FOCUS_STATE = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const shown = element.matches('input.md-option')
    ? element.parentElement.querySelector(':scope > label:not([hidden])') || element : element;
  const style = getComputedStyle(shown);
  const box = shown.getBoundingClientRect();
  const role = element.matches('.md-skip') ? 'skip'
    : element.matches('.md-search__input') ? 'search'
    : element.matches('.wf-language-button') ? 'language'
    : element.matches('.md-select__link') ? 'language entry' : '';
  return {
    role,
    name: (element.getAttribute('aria-label') || element.textContent || element.className || element.tagName).trim().slice(0, 40),
    indicator: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none',
    onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
      && box.top < window.innerHeight && box.left < window.innerWidth,
  };
}"""



def settle(page) -> None:
    """Wait until no CSS transition or animation runs: axe must see the final colours, not a fade."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


def new_page(browser, scheme: str):
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 800})
    return context, context.new_page()


def open_page(page, url: str, scheme: str) -> None:
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, f"{url}: {response and response.status}"
    shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert shown == SCHEMES[scheme], f"{url}: {scheme} system preference shows scheme {shown!r}"
    settle(page)


def search_results(page, url: str, scheme: str, query: str) -> None:
    open_page(page, url, scheme)
    placeholder = page.evaluate(
        "JSON.parse(document.getElementById('__config').textContent).translations['search.result.placeholder']")
    page.locator(".md-search__input").click()
    # The index is loaded when the result line shows the placeholder instead of "initialising".
    page.wait_for_function("t => document.querySelector('.md-search-result__meta').textContent.trim() === t",
                           arg=placeholder)
    page.locator(".md-search__input").fill(query)
    page.locator(".md-search__input").press("End")  # Material reacts to key events; fill() types none
    page.wait_for_selector(".md-search-result__item", state="visible")
    settle(page)


def run_axe(page) -> list[dict]:
    return AXE.run(page).response["violations"]


def describe(violation: dict) -> str:
    nodes = violation["nodes"]
    details = []
    for node in nodes[:3]:
        messages = [check["message"] for check in node.get("any", []) + node.get("all", []) + node.get("none", [])]
        details.append(f"{' '.join(node['target'])}: {messages[0] if messages else ''}")
    return f"{violation['id']} ({violation['impact']}, {len(nodes)} elements) — " + " | ".join(details)


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("code", SCRIPT_CODES)
def test_axe_finds_no_serious_violation(browser, base_url, site, registry, code, scheme):
    root = base_url + registry[code].url_prefix
    lesson = LESSON if (site / registry[code].url_prefix / LESSON / "index.html").is_file() else LESSONS_HOME
    query = SEARCH_SUITE["languages"][code][0]["query"]
    context, page = new_page(browser, scheme)
    found: dict[str, list[dict]] = {}
    try:
        for name, path in (("home", ""), ("article", ARTICLE), ("lesson", lesson)):
            open_page(page, root + path, scheme)
            found[f"{name} {path or '/'}"] = run_axe(page)
        search_results(page, root, scheme, query)
        found[f"search results for {query!r}"] = run_axe(page)
    finally:
        context.close()

    counts = Counter(v["impact"] for violations in found.values() for v in violations)
    print(f"\naxe {code} {scheme}: " + (", ".join(f"{n} {impact}" for impact, n in sorted(counts.items())) or "no violations"))
    failures = []
    for where, violations in found.items():
        for violation in violations:
            print(f"  {where}: {describe(violation)}")
            if violation["impact"] in FAILING_IMPACTS:
                failures.append(f"{where}: {describe(violation)}")
    assert not failures, f"{code} ({scheme}): " + "\n".join(failures)


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("code", SCRIPT_CODES)  # the Tab order depends on direction and script, not language
def test_keyboard_reaches_skip_link_switcher_and_search_with_visible_focus(browser, base_url, registry, code, scheme):
    context, page = new_page(browser, scheme)
    try:
        open_page(page, base_url + registry[code].url_prefix + ARTICLE, scheme)
        skip_target = page.evaluate("""() => {
          const skip = document.querySelector('.md-skip');
          const id = skip && decodeURIComponent(skip.getAttribute('href').replace(/^#/, ''));
          const target = id && document.getElementById(id);
          return Boolean(target && target.closest('.md-content'));
        }""")
        stops = []
        for _ in range(80):
            page.keyboard.press("Tab")
            state = page.evaluate(FOCUS_STATE)
            stops.append(state)
            if state and state["role"] == "search":
                break
    finally:
        context.close()

    roles = [stop["role"] if stop else None for stop in stops]
    print(f"\nkeyboard {code} {scheme}: {len(stops)} Tab stops to the search box: "
          + ", ".join(f"{stop['role'] or stop['name']}" for stop in stops if stop))
    assert roles[0] == "skip", f"the first Tab should reach the skip link, got {stops[0]}"
    assert skip_target, "the skip link should lead to the page's content"
    assert "language" in roles, "the language switcher button is not reachable by Tab"
    assert "language entry" in roles, "the languages in the switcher are not reachable by Tab"
    assert roles.index("language") < roles.index("language entry")
    assert roles[-1] == "search", "the search box is not reachable by Tab"
    hidden = [stop for stop in stops if not stop or not stop["indicator"] or not stop["onScreen"]]
    assert not hidden, f"focus not visible at: {hidden}"
