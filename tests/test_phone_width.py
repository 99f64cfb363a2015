"""Phone width (issues 19 and 20), in Chromium, one language per script (derived from locales/):

- no page is wider than the phone's screen at 360 and 390 px (document scrollWidth), one page per
  template, right-to-left included;
- the emergency box is at body size;
- axe-core at 360×800 with the navigation drawer open, the search open and the language list open,
  light and dark: no serious or critical violation; the language button's accessible name contains
  its visible text (WCAG 2.5.3)."""
from __future__ import annotations

import pytest

from conftest import REPO
from test_accessibility import FAILING_IMPACTS, SCHEMES, describe, run_axe, settle
from wayfinder.languages import load_registry
from wayfinder.writing_systems import one_per_script
# One page per template, the pages scripts/lighthouse.py measures; a language without its own lesson shows the
# Swedish one (fallback), same template.
from lighthouse import TEMPLATES

pytestmark = pytest.mark.browser

LANGUAGES = [language.code for language in one_per_script(load_registry(REPO / "locales"))]
WIDTHS = (360, 390)



def widest(page) -> dict:
    return page.evaluate("""() => {
      const root = document.documentElement, out = [];
      for (const element of document.body.querySelectorAll('*')) {
        const box = element.getBoundingClientRect();
        if (box.width && (box.right > root.clientWidth + 0.5 || box.left < -0.5)
            && getComputedStyle(element).visibility !== 'hidden')
          out.push(`${element.tagName.toLowerCase()}.${element.className} ${Math.round(box.left)}..${Math.round(box.right)}`);
      }
      // The body clips sideways overflow (wayfinder.css): article content must still fit, or scroll in its own box.
      const cut = [...document.querySelectorAll('article *')].filter(element => {
        const box = element.getBoundingClientRect();
        if (!box.width || box.right <= root.clientWidth + 0.5) return false;
        for (let up = element.parentElement; up && up.tagName !== 'ARTICLE'; up = up.parentElement)
          if (/(auto|scroll|hidden|clip)/.test(getComputedStyle(up).overflowX)) return false;
        return true;
      }).map(element => `${element.tagName.toLowerCase()}.${element.className} ..${Math.round(element.getBoundingClientRect().right)}`);
      return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, sticking: out.slice(0, 5), cut: cut.slice(0, 5)};
    }""")


@pytest.mark.parametrize("code", LANGUAGES)
def test_no_page_is_wider_than_a_phone_and_the_emergency_box_is_at_body_size(browser, base_url, site, registry, code):
    problems = []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 800}, service_workers="block")
        page = context.new_page()
        try:
            for template, path in TEMPLATES.items():
                assert (site / registry[code].url_prefix / (path or "index.html")).exists() or path.endswith("/"), path
                url = base_url + registry[code].url_prefix + path
                response = page.goto(url, wait_until="load")
                assert response is not None and response.ok, url
                found = widest(page)
                if found["scrollWidth"] > width:
                    problems.append(f"{code} {template} at {width} px: {found['scrollWidth']} px wide — {found['sticking']}")
                if found["cut"]:
                    problems.append(f"{code} {template} at {width} px: article content cut at the edge — {found['cut']}")
                # Body size: the article's running text (notices and boxes inside it are smaller on purpose).
                sizes = page.evaluate("""() => {
                  const body = document.querySelector('article.md-content__inner');
                  return [...document.querySelectorAll('.wf-emergency__title, .wf-emergency__item')]
                    .map(e => getComputedStyle(e).fontSize).concat([body ? getComputedStyle(body).fontSize : null]);
                }""")
                body = sizes.pop()
                if body and set(sizes) != {body}:
                    problems.append(f"{code} {template} at {width} px: emergency box {sorted(set(sizes))}, body text {body}")
        finally:
            context.close()
    assert not problems, "\n".join(problems)


def open_drawer(page):
    page.locator("label.md-header__button[for='__drawer']").click()
    page.wait_for_function("() => document.getElementById('__drawer').checked")


def open_search(page):
    page.locator("label.md-header__button[for='__search']").click()
    page.wait_for_function("() => document.getElementById('__search').checked")


def open_languages(page):
    page.locator(".wf-language-button").focus()
    page.wait_for_function("() => getComputedStyle(document.querySelector('.md-select__inner')).opacity === '1'")


STATES = {"drawer open": open_drawer, "search open": open_search, "language list open": open_languages}


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("code", LANGUAGES)
def test_axe_at_phone_width_with_drawer_search_and_languages_open(browser, base_url, registry, code, scheme):
    context = browser.new_context(viewport={"width": 360, "height": 800}, color_scheme=scheme, service_workers="block")
    page = context.new_page()
    failures, names = [], None
    try:
        url = base_url + registry[code].url_prefix + TEMPLATES["healthcare"]
        for state, action in STATES.items():
            page.goto(url, wait_until="networkidle")
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
            action(page)
            settle(page)
            for violation in run_axe(page):
                print(f"  {code} {scheme} {state}: {describe(violation)}")
                if violation["impact"] in FAILING_IMPACTS:
                    failures.append(f"{state}: {describe(violation)}")
            if state == "language list open":
                names = page.evaluate("""() => {
                  const button = document.querySelector('.wf-language-button');
                  const visible = button.querySelector('.wf-language-button__name');
                  return [visible ? visible.innerText.trim() : '', button.getAttribute('aria-label'),
                          button.textContent.replace(/\\s+/g, ' ').trim()];
                }""")
    finally:
        context.close()
    assert not failures, f"{code} ({scheme}) at 360 px:\n" + "\n".join(failures)
    visible, label, text = names
    assert visible == registry[code].name, names
    assert label is None and visible in text, f"the button's name {label or text!r} must contain {visible!r} (WCAG 2.5.3)"
