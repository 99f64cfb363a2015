"""Chromium against the served site: every language's home page renders with the right lang/dir,
without console errors, 404s or third-party requests; RTL lays out right to left; the switcher keeps
the reader on the same page."""
import re
from urllib.parse import urlsplit

import pytest

from conftest import REPO

pytestmark = pytest.mark.browser
SCREENSHOTS = REPO / "test-results" / "screenshots"



def watch(page, base_url):
    """Collect console errors, failed requests and requests to any host but ours."""
    seen = {"errors": [], "failed": [], "foreign": []}
    host = urlsplit(base_url).netloc
    page.on("console", lambda message: message.type == "error" and seen["errors"].append(message.text))
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    page.on("response", lambda response: response.status >= 400 and seen["failed"].append(f"{response.status} {response.url}"))
    # A request the next navigation cancels (a lazily loaded search script) is aborted, not broken.
    page.on("requestfailed", lambda request: request.failure != "net::ERR_ABORTED"
            and seen["failed"].append(f"failed {request.url}: {request.failure}"))
    page.on("request", lambda request: urlsplit(request.url).netloc not in (host, "") and not request.url.startswith("data:") and seen["foreign"].append(request.url))
    return seen


def test_every_home_page_renders_cleanly(page, base_url, registry):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    seen = watch(page, base_url)
    for language in registry:
        page.goto(base_url + language.url_prefix, wait_until="networkidle")
        lang, direction, body_dir = page.evaluate(
            "[document.documentElement.lang, document.documentElement.dir, document.body.dir]")
        assert (lang, direction, body_dir) == (language.lang, language.direction, language.direction), language.code
        assert page.locator(".wf-emergency").is_visible()
        page.screenshot(path=str(SCREENSHOTS / f"home-{language.code}.png"))
    assert not seen["errors"], seen["errors"]
    assert not seen["failed"], seen["failed"]
    assert not seen["foreign"], seen["foreign"]


@pytest.mark.parametrize("code", ["ar", "fa-AF", "ps", "ku-Arab"])
def test_rtl_pages_lay_out_right_to_left(page, base_url, code):
    page.goto(f"{base_url}{code}/vard/tolk/", wait_until="networkidle")
    nav = page.locator(".md-sidebar--primary").bounding_box()
    content = page.locator(".md-content").bounding_box()
    assert nav["x"] > content["x"], "the navigation sidebar should be on the right in RTL"
    heading = page.locator(".md-content h1").first.bounding_box()
    assert heading["x"] + heading["width"] > content["x"] + content["width"] * 0.8, "headings start at the right"


def test_phone_viewport_rtl_and_ethiopic_screenshots(browser, base_url):
    """Screenshots a person looks at: an RTL page, a Tigrinya page, on a phone-sized viewport."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    for code in ("ar", "ti", "fa-AF"):
        page.goto(f"{base_url}{code}/", wait_until="networkidle")
        assert page.locator(".wf-emergency").is_visible()
        # The page must not scroll sideways on a phone.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), code
        page.screenshot(path=str(SCREENSHOTS / f"phone-{code}.png"))
    context.close()


@pytest.mark.parametrize("start,name,expected,lang", [
    ("vard/tolk/", "العربية", "ar/vard/tolk/", "ar"),
    ("ar/vard/tolk/", "Svenska", "vard/tolk/", "sv"),
    ("ti/vard/vardcentral/", "دری", "fa-AF/vard/vardcentral/", "fa-AF"),
])
def test_switcher_keeps_the_reader_on_the_same_page(page, base_url, start, name, expected, lang):
    seen = watch(page, base_url)
    page.goto(base_url + start, wait_until="networkidle")
    page.locator(".wf-language-button").hover()
    page.locator(".md-select__link", has_text=name).click()
    page.wait_for_load_state("networkidle")
    assert page.url == base_url + expected
    assert page.evaluate("document.documentElement.lang") == lang
    assert not seen["failed"], seen["failed"]


def test_swedish_pages_offer_the_readers_preferred_language(browser, base_url):
    """`/` stays Swedish (no redirect) and offers the browser's preferred language, linking the same page."""
    context = browser.new_context(locale="ar-SY", extra_http_headers={"Accept-Language": "ar-SY,ar;q=0.9"})
    page = context.new_page()
    response = page.goto(base_url + "vard/tolk/", wait_until="networkidle")
    assert response.url == base_url + "vard/tolk/" and response.status == 200
    suggestion = page.locator(".wf-suggestion")
    assert suggestion.get_attribute("lang") == "ar" and suggestion.get_attribute("dir") == "rtl"
    assert suggestion.locator("a").get_attribute("href").endswith("/ar/vard/tolk/")
    suggestion.locator("button").click()
    page.reload(wait_until="networkidle")
    assert page.locator(".wf-suggestion").count() == 0  # dismissed stays dismissed
    context.close()


def test_edit_links_point_at_the_file_of_that_language(site):
    html = (site / "ar" / "vard" / "tolk" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="[^"]*/edit/main/content/vard/tolk\.ar\.md" title="[^"]*" class="md-content__button', html)
    html = (site / "vard" / "tolk" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="[^"]*/edit/main/content/vard/tolk\.md"', html)
