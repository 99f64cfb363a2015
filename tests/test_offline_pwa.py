"""Reading offline after one visit (issue 19), in Chromium against the served site (http://127.0.0.1 is a
secure context, so the service worker runs): pages a reader opened open again without a connection and
say they are a saved copy; a saved language opens an unvisited page and searches offline; a changed
deploy reaches a returning reader; a manifest per language; packs within 3 MB; nothing on file://."""
from __future__ import annotations

import json
import re
import shutil

import pytest
import yaml

from conftest import REPO, serve
from wayfinder.offline import make_offline
from wayfinder.service_worker import MANIFEST, PACK, WORKER, language_pack

pytestmark = pytest.mark.browser

SEARCH_SUITE = yaml.safe_load((REPO / "tests" / "search_queries.yml").read_text(encoding="utf-8"))
PACK_BUDGET = 3 * 1024 * 1024  # bytes on the wire for one fully translated language (issue 19)


def other_page(site, language, registry, not_in=()) -> str:
    """The site path of a content page of `language` other than those in `not_in` (from the built pack)."""
    pages = json.loads((site / language.url_prefix / PACK).read_text(encoding="utf-8"))["pages"]
    return next(p for p in pages if p.count("/") >= 2 and p not in not_in and "/print/" not in p)


def open_page(tab, url: str):
    response = tab.goto(url, wait_until="load")
    return response


def wait_until_kept(tab) -> None:
    """The worker controls the page and has kept it (wayfinder-offline.js marks <html data-wf-kept>)."""
    tab.wait_for_function("() => document.documentElement.getAttribute('data-wf-kept') === '1'")


def text_of(tab) -> str:
    return tab.locator("article.md-content__inner").inner_text()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 390, "height": 800}, service_workers="allow")
    yield context
    context.close()


def test_visited_pages_open_offline_and_say_they_are_a_saved_copy(context, base_url, site, registry):
    language = registry["ar"] if "ar" in registry else registry.targets[0]
    first = base_url + language.url_prefix + "vard/tolk/"
    second = base_url + other_page(site, language, registry, not_in=(language.url_prefix + "vard/tolk/",))
    tab = context.new_page()
    open_page(tab, first)
    wait_until_kept(tab)
    online = {}
    for url in (first, second):
        open_page(tab, url)
        wait_until_kept(tab)
        online[url] = text_of(tab)
        assert tab.locator(".wf-saved-copy").count() == 0, "online, a page is not a saved copy"

    context.set_offline(True)
    notice_template = language.t("offline.saved_copy")
    before, _, after = notice_template.partition("{date}")
    for url in (first, second):
        response = open_page(tab, url)
        assert response is not None and response.ok, f"{url} did not open offline"
        assert tab.evaluate("document.documentElement.lang") == language.lang
        notice = tab.locator(".wf-saved-copy")
        notice.wait_for()
        shown = notice.inner_text()
        assert shown.startswith(before.strip()) and shown.endswith(after.strip()), shown
        assert re.search(r"[0-9٠-٩۰-۹]", shown), f"the notice gives no date: {shown}"
        assert online[url] in text_of(tab), "the saved copy is the page the reader saw"
        # Its stylesheets come from the saved copy as well: Material's layout is applied.
        assert tab.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
    context.set_offline(False)


def test_a_saved_language_opens_unvisited_pages_and_searches_offline(context, base_url, site, registry):
    language = registry["ti"] if "ti" in registry else registry.targets[-1]
    home = base_url + language.url_prefix
    tab = context.new_page()
    open_page(tab, home)
    wait_until_kept(tab)
    box = tab.locator(".wf-offline")
    box.locator("summary").click()
    button = box.locator(".wf-offline__save")
    button.wait_for(state="visible")
    pack = language_pack(site, language, registry)
    assert re.search(r"\d", button.inner_text()), "the size is shown before saving"
    intro = box.locator(".wf-offline__intro").inner_text()
    assert str(len(pack.pages)) in intro, intro
    button.click()
    tab.wait_for_function("() => document.querySelector('.wf-offline').getAttribute('data-wf-state') === 'saved'",
                          timeout=120_000)

    context.set_offline(True)
    unvisited = other_page(site, language, registry, not_in=(language.url_prefix + "vard/tolk/",))
    response = open_page(tab, base_url + unvisited)
    assert response is not None and response.ok, f"{unvisited} was not saved"
    tab.locator(".wf-saved-copy").wait_for()
    # Search works offline: the worker, its lunr scripts and the language's index come from the pack.
    query = SEARCH_SUITE["languages"][language.code][0]["query"]
    tab.locator("label.md-header__button[for='__search']").click()  # the search button of a phone's header
    search = tab.locator(".md-search__input")
    search.click()
    search.fill(query)
    search.press("End")
    tab.wait_for_selector(".md-search-result__item", state="visible")
    assert tab.locator(".md-search-result__item").count() > 0
    context.set_offline(False)


def test_a_changed_deploy_reaches_a_returning_reader(browser, site, registry, tmp_path):
    """A copy of the site is deployed, visited, then changed (a page's text, a stylesheet and sw.js, as a new
    build would): the returning reader, online, sees the new page and the new stylesheet, and offline the
    saved copy is the new deploy's page with the new deploy's stylesheet — never a mix."""
    deployed = tmp_path / "site"
    shutil.copytree(site, deployed, ignore=shutil.ignore_patterns("*.gz", "*.br"))
    server = serve(deployed)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    language = registry["ar"] if "ar" in registry else registry.targets[0]
    page_path = deployed / language.url_prefix / "vard" / "tolk" / "index.html"
    context = browser.new_context(viewport={"width": 390, "height": 800}, service_workers="allow")
    try:
        tab = context.new_page()
        open_page(tab, url + language.url_prefix + "vard/tolk/")
        wait_until_kept(tab)
        old_version = tab.evaluate("""() => new Promise(resolve => { const c = new MessageChannel();
            c.port1.onmessage = e => resolve(e.data.version);
            navigator.serviceWorker.controller.postMessage({type: 'status'}, [c.port2]) })""")

        # The new deploy: a changed page, a changed stylesheet, a new worker version.
        html = page_path.read_text(encoding="utf-8")
        page_path.write_text(html.replace("</h1>", " — NEW DEPLOY</h1>", 1), encoding="utf-8")
        css = deployed / "assets" / "stylesheets" / "wayfinder.css"
        css.write_text(css.read_text(encoding="utf-8") + "\n.md-typeset h1 { letter-spacing: 3px; }\n", encoding="utf-8")
        worker = deployed / WORKER
        worker.write_text(worker.read_text(encoding="utf-8").replace(old_version, "new0deploy0000"), encoding="utf-8")

        open_page(tab, url + language.url_prefix + "vard/tolk/")
        assert "NEW DEPLOY" in tab.locator("h1").inner_text(), "the returning reader sees the changed page"
        tab.wait_for_function("""() => new Promise(resolve => { const c = new MessageChannel();
            c.port1.onmessage = e => resolve(e.data.version === 'new0deploy0000');
            navigator.serviceWorker.controller && navigator.serviceWorker.controller.postMessage({type: 'status'}, [c.port2]) })""",
                              timeout=60_000)
        context.set_offline(True)
        open_page(tab, url + language.url_prefix + "vard/tolk/")
        tab.locator(".wf-saved-copy").wait_for()
        assert "NEW DEPLOY" in tab.locator("h1").inner_text()
        assert tab.evaluate("getComputedStyle(document.querySelector('.md-typeset h1')).letterSpacing") == "3px", \
            "the saved page of the new deploy must come with the new deploy's stylesheet"
        context.set_offline(False)
    finally:
        context.close()
        server.shutdown()


def test_every_language_has_a_manifest_in_its_language_and_a_pack_within_budget(site, registry):
    for language in registry:
        home = (site / language.url_prefix / "index.html").read_text(encoding="utf-8")
        assert f'<link rel="manifest" href="{MANIFEST}">' in home or f'href="./{MANIFEST}"' in home, language.code
        data = json.loads((site / language.url_prefix / MANIFEST).read_text(encoding="utf-8"))
        assert (data["name"], data["lang"], data["dir"]) == (language.site_name, language.lang, language.direction)
        assert data["start_url"] == "./" and data["display"] == "standalone"
        for icon in data["icons"]:
            assert (site / language.url_prefix / icon["src"]).resolve().is_file(), icon
        pack = json.loads((site / language.url_prefix / PACK).read_text(encoding="utf-8"))
        assert pack["bytes"] <= PACK_BUDGET, f"{language.code}: pack of {pack['bytes']} bytes"
        assert language.url_prefix in pack["pages"] and language.url_prefix + "search/search_index.json" in pack["files"]
        missing = [f for f in pack["pages"] + pack["files"] if not (site / (f + "index.html" if f.endswith("/") or not f else f)).is_file()]
        assert not missing, missing


def test_no_service_worker_on_file_urls(browser, site, registry, tmp_path):
    """The offline zip (scripts/offline.py) is read from file://: no worker, and the save box stays hidden."""
    copy = tmp_path / "offline"
    make_offline(site, copy, ["ar"], registry.source.code, registry.codes)
    tab = browser.new_page(service_workers="allow")  # as a reader's browser: nothing may register all the same
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto((copy / "ar" / "vard" / "tolk" / "index.html").as_uri(), wait_until="load")
    tab.wait_for_function("() => document.querySelector('[data-wf-action=\"print\"]').hidden === false")  # our scripts ran
    assert tab.evaluate("navigator.serviceWorker ? navigator.serviceWorker.controller : null") is None
    assert tab.locator(".wf-offline").count() == 1 and tab.locator(".wf-offline").is_hidden()
    assert not errors, errors
    tab.close()
