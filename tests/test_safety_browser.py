"""Safety in a real browser (issue 13): digit groups in right-to-left search results display in their own
order (every page's groups: test_digit_order_browser.py); search follows text that arrives without key
presses (voice typing, paste, input methods) in every language; the interpreter card's Swedish reads left
to right in every other script."""
import re

import pytest

from test_digit_order_browser import DETECTOR, rtl_languages
from wayfinder.writing_systems import script_of

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("query", ["114 14", "1177"])
def test_search_results_show_numbers_and_addresses_in_order_in_rtl(browser, base_url, registry, query):
    problems, measured = [], 0
    for language in rtl_languages(registry):
        page = browser.new_page(viewport={"width": 360, "height": 800})
        page.goto(f"{base_url}{language.url_prefix}", wait_until="networkidle")
        page.locator(".md-search__input").fill(query)
        page.locator(".md-search-result__item").first.wait_for()
        result = page.evaluate(f"({DETECTOR})(document.querySelector('.md-search-result'))")
        measured += result["checked"]
        problems += [f"{language.code}: {p['text']!r}" for p in result["problems"]]
        page.close()
    assert measured >= len(rtl_languages(registry)), "no digit group or address measured in the results"
    assert not problems, problems


def results(page) -> list[str]:
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
    return page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.getAttribute('href'))")


def test_search_follows_voice_typing_and_paste_in_every_language(browser, base_url, registry):
    """`keyboard.insert_text` sends only an input event — what voice typing, a paste from the context menu
    and on-screen keyboards do — and results must appear, in every language."""
    failures = []
    for language in registry:
        page = browser.new_page()
        page.goto(base_url + language.url_prefix, wait_until="networkidle")
        page.locator(".md-search__input").focus()
        page.evaluate("() => ['keydown', 'keyup', 'keypress'].forEach(t => document.querySelector('.md-search__input')"
                      ".addEventListener(t, e => e.isTrusted && (window.__keys = (window.__keys || 0) + 1)))")
        page.keyboard.insert_text("1177")
        found = results(page)
        if not found or page.evaluate("window.__keys || 0"):
            failures.append(f"{language.code}: {found[:3]}, key events: {page.evaluate('window.__keys || 0')}")
        page.close()
    assert not failures, "\n".join(failures)


def test_search_follows_an_input_method_composition(browser, base_url, registry):
    """An input method (a Tigrinya keyboard, for one) composes text and commits it at compositionend."""
    language = registry["ti"] if "ti" in registry else registry.targets[0]
    page = browser.new_page()
    page.goto(base_url + language.url_prefix, wait_until="networkidle")
    page.locator(".md-search__input").focus()
    page.evaluate("""() => {
        const box = document.querySelector('.md-search__input')
        box.dispatchEvent(new CompositionEvent('compositionstart', {data: ''}))
        box.value = '112'
        box.dispatchEvent(new InputEvent('input', {data: '112', inputType: 'insertCompositionText', isComposing: true}))
        box.dispatchEvent(new CompositionEvent('compositionend', {data: '112'}))
    }""")
    found = results(page)
    page.close()
    assert any("viktiga-nummer" in href for href in found), found


CARD_LINE = r"""() => {
  const strong = [...document.querySelectorAll('article .admonition p strong')].find(s => /tolk\.$/.test(s.textContent))
  const node = strong.firstChild, text = node.data, range = document.createRange()
  const rect = (start, end) => { range.setStart(node, start); range.setEnd(node, end); return range.getBoundingClientRect() }
  const word = text.lastIndexOf('tolk')
  return { text, lang: strong.closest('p').lang, word: rect(word, word + 4).left, stop: rect(text.length - 1, text.length).left }
}"""


def test_the_language_card_shows_its_swedish_left_to_right_in_every_other_script(browser, base_url, registry):
    """The interpreter card is read by Swedish staff: on a page in another script its lines are Swedish and
    left to right — the full stop after «tolk» on the word's right, not at the start of the line."""
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.route(re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$"), lambda route: route.abort())
    other_scripts = [language for language in registry if script_of(language) != "LATIN"]
    assert any(language.direction == "rtl" for language in other_scripts)
    problems = []
    for language in other_scripts:
        page.goto(f"{base_url}{language.url_prefix}vard/tolk/", wait_until="domcontentloaded")
        card = page.evaluate(CARD_LINE)
        if card["lang"] != registry.source.code or not card["stop"] > card["word"]:
            problems.append(f"{language.code}: {card}")
    page.close()
    assert not problems, problems
