"""Translations in the built site: the reader sees each page's honest state, translations inherit the
source's facts box, and digit groups are isolated in right-to-left pages."""
import re

import pytest

from conftest import REPO
from wayfinder.l10n_config import load_config
from wayfinder.status import compute_status


def built(site, language, page) -> str:
    from wayfinder.content import page_url

    return (site / f"{language.url_prefix}{page_url(page)}index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def status(registry):
    return compute_status(REPO, registry, load_config(REPO / "l10n.yml"))


def test_every_page_shows_its_state_in_the_readers_language(site, registry, status):
    for language in registry.targets:
        for state in status.languages[language.code].pages:
            html = built(site, language, state.page)
            notices = set(re.findall(r"wf-notice--(\w+)", html))
            expected = {"missing": {"fallback"}, "machine": {"machine"}, "translated": {"translated"}, "outdated": {"outdated"},
                        "reviewed": set()}[state.state]
            assert notices == expected, f"{language.code} {state.page}: {state.state} but notices {notices}"
            if state.state in ("machine", "translated", "outdated"):
                assert language.ui[f"notice.{state.state}.title"] in html
                assert re.search(r'<a href="[^"]*" hreflang="sv" lang="sv">', html), "a link to the Swedish original"


def test_translations_inherit_sources_and_review_date(site, registry, status):
    """Sources and the review date come from the Swedish page; a lesson nobody has checked yet says so
    instead of showing a date."""
    from wayfinder.frontmatter import read

    for language in registry.targets:
        for state in [p for p in status.languages[language.code].pages if p.state != "missing"]:
            html = built(site, language, state.page)
            assert 'class="wf-facts"' in html, (language.code, state.page)
            if "reviewed" in read(REPO / state.source).meta:
                assert "<time datetime=" in html, (language.code, state.page)
            else:
                assert "wf-facts__reviewed--not-yet" in html and "<time datetime=" not in html, (language.code, state.page)


def test_digit_groups_are_isolated_in_rtl_pages_only(site, registry, status):
    rtl = [language for language in registry if language.direction == "rtl"
           and status.state_of(language.code, "start/viktiga-nummer.md").state != "missing"]
    assert "ar" in [language.code for language in rtl]
    for language in rtl:
        html = built(site, language, "start/viktiga-nummer.md")
        # Phone numbers are facts, isolated in every language (facts/phones.yml); other digit groups in RTL only.
        assert '<bdi class="wf-phone" dir="ltr">114 14</bdi>' in html, language.code
        assert '<bdi class="wf-phone" dir="ltr">010-456 67 00</bdi>' in html, language.code
    english = built(site, registry["en"], "start/viktiga-nummer.md")
    article = english[english.index("<article"):english.index("</article>")]
    assert '<bdi class="wf-phone" dir="ltr">114 14</bdi>' in article and 'class="wf-number"' not in article


@pytest.mark.browser
def test_phone_numbers_display_in_reading_order_in_rtl(page, base_url, registry, status):
    codes = [language.code for language in registry if language.direction == "rtl"
             and status.state_of(language.code, "start/viktiga-nummer.md").state != "missing"]
    assert "ar" in codes
    for code in codes:
        page.goto(f"{base_url}{code}/start/viktiga-nummer/", wait_until="networkidle")
        order = page.evaluate(READING_ORDER)
        assert order == [True, False], f"{code}: isolated '114 14' reads left to right; the unisolated control is reversed"


READING_ORDER = """() => {
    function firstBeforeSecond(node, text) {
        const i = node.textContent.indexOf(text);
        const range = document.createRange();
        range.setStart(node, i); range.setEnd(node, i + 3);
        const first = range.getBoundingClientRect();
        range.setStart(node, i + 4); range.setEnd(node, i + 6);
        const second = range.getBoundingClientRect();
        return first.left < second.left;
    }
    const bdi = [...document.querySelectorAll('article bdi.wf-phone')].find(b => b.textContent === '114 14');
    // Control: the same digits without isolation in a right-to-left paragraph are shown reversed.
    const control = document.createElement('p');
    control.dir = 'rtl';
    control.textContent = 'اتصل 114 14 الآن';
    document.querySelector('article').appendChild(control);
    return [firstBeforeSecond(bdi.firstChild, '114 14'), firstBeforeSecond(control.firstChild, '114 14')];
}"""
