"""Listen (issue 18): every content page read aloud in the reader's language.

Chromium with a controlled speechSynthesis (tests/listen_stub.js: the test decides which voices the
"device" has and records every utterance) against the built site: what is read, in which order, in which
language and voice, phone numbers digit by digit, the sentence highlighted; no voice -> help in the
reader's language and the Swedish original offered; a recording (a tone made here) plays, also from the
offline copy (file://); the classroom view; axe light and dark; what the script weighs. The recording
convention's checks and the status count run on a copy of the project."""
from __future__ import annotations

import difflib
import json
import math
import os
import re
import struct
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import REPO, copy_project
from wayfinder.checks import check_files
from wayfinder.content import scan
from wayfinder.l10n_config import load_config
from wayfinder.listen import LISTEN_ASSETS, LISTEN_BUDGET
from wayfinder.offline import make_offline
from wayfinder.page_weight import page_weight
from wayfinder.report import render_table
from wayfinder.status import compute_status, to_json

pytestmark = pytest.mark.browser

STUB = (Path(__file__).parent / "listen_stub.js").read_text(encoding="utf-8")
PAGE = "start/viktiga-nummer/"  # emergency box, phone numbers in every form
ARTICLE = "vard/tolk/"
# A regional voice for each language the issue names, as devices report them.
DEVICE_VOICE = {"sv": "sv-SE", "ar": "ar-SA", "uk": "uk-UA"}
OTHER_VOICES = [{"name": "Other sv", "lang": "sv-SE"}, {"name": "Other en", "lang": "en-US"},
                {"name": "Other ar", "lang": "ar-EG"}, {"name": "Other am", "lang": "am-ET"}]  # Amharic: Ethiopic script, not Tigrinya
WORD = re.compile(r"[^\W\d_]+")
AXE = Axe()


# ---------- helpers ---------------------------------------------------------------------------------

class ArticleText(HTMLParser):
    """The article's readable text from the built HTML, independently of the script: everything inside
    <article> except page tools, notices, the facts box, permalinks, buttons and scripts; the emergency
    (danger) boxes apart."""

    SKIP_CLASSES = {"headerlink", "md-content__button", "wf-tools", "wf-listen", "wf-facts", "wf-notice"}
    SKIP_TAGS = {"script", "style", "svg", "button", "nav"}
    VOID = {"br", "img", "hr", "input", "meta", "link", "source", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, skipped, in danger box)
        self.inside = False
        self.text, self.danger, self.h1 = [], [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        if tag == "article":
            self.inside = True
        skipped = bool(self.stack and self.stack[-1][1]) or tag in self.SKIP_TAGS or bool(classes & self.SKIP_CLASSES)
        danger = bool(self.stack and self.stack[-1][2]) or {"admonition", "danger"} <= classes
        self.stack.append((tag, skipped, danger))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        while self.stack:
            if self.stack.pop()[0] == tag:
                break
        if tag == "article":
            self.inside = False

    def handle_data(self, data):
        if not self.inside or (self.stack and self.stack[-1][1]):
            return
        if self.stack and self.stack[-1][2]:
            self.danger.append(data)
        elif any(tag == "h1" for tag, _, _ in self.stack):
            self.h1.append(data)
        else:
            self.text.append(data)


def article_words(html: str) -> dict[str, list[str]]:
    parser = ArticleText()
    parser.feed(html)
    return {part: WORD.findall(" ".join(getattr(parser, part)).lower()) for part in ("h1", "danger", "text")}


def open_with_voices(browser, url: str, voices: list[dict], auto: bool = True, viewport=(1280, 800), scheme="light"):
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(f"window.__listenVoices = {json.dumps(voices)}; window.__listenAuto = {json.dumps(auto)};\n{STUB}")
    response = page.goto(url, wait_until="load")
    assert response is None or response.ok, url  # file:// answers no response
    page.wait_for_selector(".wf-listen:not([hidden])")
    return context, page, errors


def read_all(page) -> list[dict]:
    page.locator(".wf-listen__play").click()
    finished = page.evaluate("document.querySelector('.wf-listen').dataset.wfFinished")
    page.wait_for_function("t => document.querySelector('[data-wf-listen=status]').textContent === t", arg=finished)
    return page.evaluate("window.__spoken")


def letters(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


def tone_mp3(seconds: float, rate: int = 22050) -> bytes:
    """A short test sound: a 440 Hz tone, MP3 (lameenc bundles the LAME encoder)."""
    import lameenc

    samples = b"".join(struct.pack("<h", int(6000 * math.sin(2 * math.pi * 440 * i / rate))) for i in range(int(seconds * rate)))
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(32)
    encoder.set_in_sample_rate(rate)
    encoder.set_channels(1)
    encoder.set_quality(7)
    return bytes(encoder.encode(samples) + encoder.flush())


def headings(markdown: Path) -> list[str]:
    body = markdown.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    return [line.lstrip("#").strip() for line in body.splitlines() if re.match(r"^#{1,2} ", line)]


# ---------- reading aloud ---------------------------------------------------------------------------

@pytest.mark.parametrize("code", list(DEVICE_VOICE))
def test_reads_the_article_in_order_in_the_page_language_with_phone_numbers_as_digits(browser, base_url, site, registry, code):
    language = registry[code]
    voices = [{"name": f"Device {code}", "lang": DEVICE_VOICE[code]}] + [v for v in OTHER_VOICES if not v["lang"].startswith(code)]
    html = (site / registry[code].url_prefix / PAGE / "index.html").read_text(encoding="utf-8")
    expected = article_words(html)
    context, page, errors = open_with_voices(browser, base_url + registry[code].url_prefix + PAGE, voices)
    try:
        spoken = read_all(page)
        page_lang = page.evaluate("document.documentElement.lang")
        machine = page.locator(".wf-notice--machine").count() > 0
    finally:
        context.close()
    assert not errors, errors
    assert page_lang == language.lang
    # Every utterance in the page's language, by the device's voice of that language (never sv/en/ar-EG...).
    assert spoken and all(u["lang"] == language.lang for u in spoken), {u["lang"] for u in spoken}
    assert {u["voiceName"] for u in spoken} == {f"Device {code}"}
    assert all(u["rate"] < 1 for u in spoken), "slower than normal by default, for learners"

    texts = [u["text"] for u in spoken]
    if machine:  # the machine-translation notice once, briefly: its title, first; not its text
        title = language.t("notice.machine.title")
        assert texts[0] == title and texts.count(title) == 1
        assert not any(language.t("notice.machine.text")[:30] in text for text in texts)
        texts = texts[1:]
    words = WORD.findall(" ".join(texts).lower())
    # The title, then the emergency box, then the article in reading order.
    h1, danger = expected["h1"], expected["danger"]
    assert words[: len(h1)] == h1
    assert danger and words[len(h1): len(h1) + len(danger)] == danger, "the emergency box is read first"
    rest, article = words[len(h1) + len(danger):], expected["text"]
    matcher = difflib.SequenceMatcher(None, article, rest, autojunk=False)
    in_order = sum(block.size for block in matcher.get_matching_blocks())
    print(f"\n{code}: {len(spoken)} utterances, {in_order}/{len(article)} article words read in order "
          f"({100 * in_order / len(article):.1f} %)")
    assert in_order >= 0.95 * len(article)
    covered = sum((Counter(words) & Counter(h1 + danger + article)).values())
    assert covered >= 0.95 * len(h1 + danger + article)

    # Phone numbers digit by digit, in their groups; this page has no other numbers in its text.
    joined = " ".join(texts)
    assert "1 1 2" in joined and "1 1 7 7" in joined and "1 1 4, 1 4" in joined and "1 1 3, 1 3" in joined
    assert "0 1 0, 4 5 6, 6 7, 0 0" in joined
    assert not re.findall(r"\d\d", joined), re.findall(r"\S*\d\d\S*", joined)


def test_years_and_amounts_stay_numbers_while_phone_numbers_are_spelled(browser, base_url):
    context, page, _ = open_with_voices(browser, base_url + ARTICLE, [{"name": "sv", "lang": "sv-SE"}])
    try:
        # A paragraph as an editor writes it, with no phone markup: the fallback must tell them apart.
        page.evaluate("""() => {
          const p = document.createElement('p');
          p.textContent = 'Ring 114 14 eller 010-456 67 00. År 2026 kostar det 1 300 kr och 112 kronor. Öppet 08-17.';
          const phone = document.createElement('p');
          phone.innerHTML = 'Bris: <bdi class="wf-phone" dir="ltr">116 111</bdi>.';
          const article = document.querySelector('article h1');
          article.after(p, phone);
        }""")
        texts = [u["text"] for u in read_all(page)]
    finally:
        context.close()
    spoken = next(t for t in texts if t.startswith("Ring"))
    assert spoken.startswith("Ring 1 1 4, 1 4 eller 0 1 0, 4 5 6, 6 7, 0 0"), spoken
    assert "2026" in " ".join(texts) and "1 300 kr" in " ".join(texts) and "112 kronor" in " ".join(texts)
    assert "08-17" in " ".join(texts)
    assert any("1 1 6, 1 1 1" in t for t in texts)


def test_highlights_the_sentence_being_read_and_is_operated_by_keyboard(browser, base_url, registry):
    code = "ar"
    context, page, errors = open_with_voices(browser, base_url + registry[code].url_prefix + PAGE,
                                             [{"name": "Device ar", "lang": "ar-SA"}], auto=False)
    highlighted = """() => {
      const h = CSS.highlights.get('wf-listen');
      const range = h && [...h][0];
      const current = document.querySelector('.wf-listen-current');
      return {text: range ? range.toString() : null, inBlock: !!(range && current && current.contains(range.commonAncestorContainer)),
              status: document.querySelector('[data-wf-listen=status]').textContent,
              button: document.querySelector('.wf-listen__play').innerText.trim()}
    }"""
    try:
        live = page.locator("[data-wf-listen=status]")
        assert live.get_attribute("role") == "status" and live.get_attribute("aria-live") == "polite"
        page.locator(".wf-listen__play").focus()
        page.keyboard.press("Enter")
        page.wait_for_function("window.__spoken.length === 1")
        first = page.evaluate(highlighted)
        spoken = page.evaluate("window.__spoken")
        assert first["inBlock"] and letters(first["text"]) == letters(spoken[0]["text"])
        # The button says what it does next (its name changes; no aria-pressed on top of that).
        assert first["status"] == registry[code].t("listen.reading") and first["button"] == registry[code].t("listen.pause")
        page.evaluate("window.__listenEnd()")  # the device finished the sentence: the next one is read
        page.wait_for_function("window.__spoken.length === 2")
        second = page.evaluate(highlighted)
        assert letters(second["text"]) == letters(page.evaluate("window.__spoken[1].text")) != letters(first["text"])
        page.locator("[data-wf-listen=next]").focus()
        page.keyboard.press("Space")
        page.wait_for_function("window.__spoken.length === 3")
        assert letters(page.evaluate(highlighted)["text"]) == letters(page.evaluate("window.__spoken[2].text"))
        page.locator("[data-wf-listen=previous]").focus()
        page.keyboard.press("Enter")
        page.wait_for_function("window.__spoken.length === 4")
        assert page.evaluate("window.__spoken[3].text") == page.evaluate("window.__spoken[1].text")
        # Pause, then resume: the interrupted sentence again, from its start.
        page.locator(".wf-listen__play").focus()
        page.keyboard.press("Enter")
        assert page.evaluate(highlighted)["status"] == registry[code].t("listen.paused")
        assert page.locator(".wf-listen__play").inner_text().strip() == registry[code].t("listen.resume")
        page.keyboard.press("Enter")
        page.wait_for_function("window.__spoken.length === 5")
        assert page.evaluate("window.__spoken[4].text") == page.evaluate("window.__spoken[3].text")
        page.locator("[data-wf-listen=stop]").click()
        stopped = page.evaluate(highlighted)
        assert stopped["text"] is None and stopped["status"] == registry[code].t("listen.stopped")
        assert stopped["button"] == registry[code].t("listen.play")
        assert page.locator(".wf-listen-current").count() == 0
    finally:
        context.close()
    assert not errors, errors


def test_voice_fallbacks_from_the_locale_files_and_the_remembered_choice(browser, base_url, registry):
    # Dari may be read by a Persian voice (locales/fa-AF.yml speech: [fa-AF, fa, prs]); never by Arabic.
    dari = registry["fa-AF"]
    voices = [{"name": "Arabic", "lang": "ar-SA"}, {"name": "Persian A", "lang": "fa-IR"}, {"name": "Persian B", "lang": "fa_IR"}]
    context, page, _ = open_with_voices(browser, base_url + registry["fa-AF"].url_prefix + ARTICLE, voices)
    try:
        picker = page.locator("[data-wf-listen=voice]")
        assert picker.is_visible()
        assert page.evaluate("[...document.querySelectorAll('[data-wf-listen=voice] option')].map(o => o.value)") == ["Persian A", "Persian B"]
        picker.select_option("Persian B")
        spoken = read_all(page)
        assert {u["voiceName"] for u in spoken} == {"Persian B"} and {u["lang"] for u in spoken} == {dari.lang}
        page.reload()
        page.wait_for_selector(".wf-listen:not([hidden])")
        assert page.locator("[data-wf-listen=voice]").input_value() == "Persian B"  # remembered
    finally:
        context.close()
    # Kurmanji (Latin script) is never read by a Sorani voice (ku-Arab), though both are "ku".
    context, page, _ = open_with_voices(browser, base_url + registry["ku"].url_prefix + PAGE, [{"name": "Sorani", "lang": "ku-Arab-IQ"}])
    try:
        page.locator(".wf-listen__play").click()
        page.wait_for_selector("[data-wf-listen=help]:not([hidden])")
        assert page.evaluate("window.__spoken") == []
    finally:
        context.close()


# ---------- no voice: help, the Swedish original, the recording -----------------------------------

def test_tigrinya_without_voice_gets_help_in_tigrinya_and_the_swedish_original(browser, base_url, registry):
    ti, sv = registry["ti"], registry["sv"]
    context, page, errors = open_with_voices(browser, base_url + registry["ti"].url_prefix + ARTICLE, OTHER_VOICES)
    try:
        page.locator(".wf-listen__play").click()
        help_box = page.locator("[data-wf-listen=help]")
        help_box.wait_for(state="visible")
        assert page.evaluate("window.__spoken") == [], "no utterance in another language"
        assert help_box.evaluate("e => e.closest('[lang]').getAttribute('lang')") == ti.lang
        text = help_box.inner_text()
        for key in ("listen.help.title", "listen.help.android", "listen.help.iphone", "listen.help.windows"):
            assert ti.t(key) in text
        assert page.locator("[data-wf-listen=status]").inner_text() == ti.t("listen.no_voice")
        swedish = page.locator("[data-wf-listen=swedish]")
        assert ti.t("listen.swedish") in swedish.inner_text()
        swedish.click()
        page.wait_for_url(base_url + ARTICLE + "#wf-listen")
        assert page.evaluate("document.activeElement.matches('.wf-listen__play')")
        spoken = read_all(page)
    finally:
        context.close()
    assert spoken and {u["lang"] for u in spoken} == {sv.lang} and {u["voice"] for u in spoken} == {"sv-SE"}
    assert not errors, errors


@pytest.fixture(scope="module")
def recorded(tmp_path_factory, registry):
    """A copy of the project with a Tigrinya recording of vard/tolk (a generated tone) and its chapters,
    built in Tigrinya only, and its offline copy."""
    project = copy_project(tmp_path_factory.mktemp("listen-project"))
    content = project / "content" / "vard"
    (content / "tolk.ti.mp3").write_bytes(tone_mp3(3.0))
    first, second = headings(content / "tolk.ti.md")[:2]
    (content / "tolk.ti.chapters.vtt").write_text(
        f"WEBVTT\n\n00:00:00.000 --> 00:00:00.800\n{first}\n\n00:00:00.800 --> 00:00:03.000\n{second}\n", encoding="utf-8")
    site = project / "site"
    env = dict(os.environ, WAYFINDER_LANGUAGE="ti", NO_MKDOCS_2_WARNING="1", WAYFINDER_COMPRESS="0")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], cwd=project,
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    offline = project / "offline"
    make_offline(site, offline, ["ti"], registry.source.code, registry.codes)
    return project, site, offline


def test_recording_is_published_checked_and_counted(recorded, registry):
    project, site, offline = recorded
    assert (site / "ti" / "vard" / "tolk" / "recording.mp3").read_bytes() == (project / "content/vard/tolk.ti.mp3").read_bytes()
    assert (offline / "ti" / "vard" / "tolk" / "recording.mp3").is_file()
    assert not list(site.rglob("*.chapters.vtt")) and not list(site.rglob("tolk.ti.mp3"))
    tree = scan(project / "content", registry)
    assert [f for f in check_files(project, tree, registry) if f.severity == "error"] == []
    data = to_json(compute_status(project, registry, load_config(project / "l10n.yml"), tree=tree))
    assert {code: language["audio"]["pages"] for code, language in data["languages"].items() if language["audio"]["pages"]} == {"ti": 1}
    assert "audio" in render_table(data).splitlines()[0]


def test_recording_plays_and_follows_the_headings_when_there_is_no_voice(browser, recorded, registry):
    _, site, offline = recorded
    from conftest import serve

    server = serve(site)
    try:
        for url in (f"http://127.0.0.1:{server.server_address[1]}/ti/{ARTICLE}", (offline / "ti" / ARTICLE / "index.html").as_uri()):
            context, page, errors = open_with_voices(browser, url, OTHER_VOICES)
            try:
                page.locator(".wf-listen__play").click()
                page.wait_for_function("() => { const a = document.querySelector('.wf-listen audio'); return a && !a.paused && a.currentTime > 1 }")
                assert page.evaluate("window.__spoken") == []
                assert page.locator("[data-wf-listen=help]").is_hidden()
                assert page.locator("[data-wf-listen=status]").inner_text() == registry["ti"].t("listen.recording")
                # Past the second chapter's start, the player shows the second heading.
                current = page.evaluate("document.querySelector('.wf-listen-current').tagName + ' ' + document.querySelector('.wf-listen-current').id")
                assert current.startswith("H2 "), current
                page.locator("[data-wf-listen=previous]").click()  # early in chapter 2: back to chapter 1 (0 s)
                assert page.evaluate("document.querySelector('.wf-listen audio').currentTime") < 0.8
                page.locator(".wf-listen__play").click()  # pause
                assert page.evaluate("document.querySelector('.wf-listen audio').paused")
            finally:
                context.close()
            assert not errors, (url, errors)
    finally:
        server.shutdown()


def test_tigrinya_voice_reads_from_the_offline_copy(browser, recorded):
    _, _, offline = recorded
    context, page, errors = open_with_voices(browser, (offline / "ti" / ARTICLE / "index.html").as_uri(),
                                             [{"name": "Tigrinya", "lang": "ti-ER"}] + OTHER_VOICES)
    try:
        spoken = read_all(page)
    finally:
        context.close()
    tigrinya = [u for u in spoken if u["lang"] == "ti"]
    assert len(tigrinya) > 10 and {u["voice"] for u in tigrinya} == {"ti-ER"}
    # The interpreter card's Swedish lines (lang="sv") in a Swedish voice, as staff will hear them; nothing else.
    swedish = [u for u in spoken if u["lang"] != "ti"]
    assert {u["lang"] for u in swedish} == {"sv"} and {u["voice"] for u in swedish} == {"sv-SE"}
    assert "Jag behöver en tolk." in [u["text"] for u in swedish] and len(swedish) <= 5, swedish
    assert not errors, errors


@pytest.mark.parametrize("name,expected", [
    ("tolk.ti.wav", "only Markdown pages and recordings may be under content/"),
    ("anteckningar.txt", "only Markdown pages and recordings may be under content/"),
    ("tandvard.ti.opus", "a recording without its page"),  # no Tigrinya tandvård page: minimum content
    ("tolk.so.chapters.vtt", "chapters without a recording"),
])
def test_checks_accept_exactly_the_recording_convention(tmp_path, registry, name, expected):
    project = copy_project(tmp_path)
    if name == "tandvard.ti.opus" and (project / "content/vard/tandvard.ti.md").exists():
        (project / "content/vard/tandvard.ti.md").unlink()
    (project / "content/vard" / name).write_bytes(b"WEBVTT\n" if name.endswith(".vtt") else b"data")
    findings = check_files(project, scan(project / "content", registry), registry)
    errors = [str(f) for f in findings if f.severity == "error"]
    assert len(errors) == 1 and f"content/vard/{name}:1: error: {expected}" in errors[0], errors


def test_checks_report_a_chapter_that_is_not_a_heading_with_its_line(tmp_path, registry):
    project = copy_project(tmp_path)
    (project / "content/vard/tolk.opus").write_bytes(b"OggS")
    (project / "content/vard/tolk.mp3").write_bytes(b"ID3")
    (project / "content/vard/tolk.chapters.vtt").write_text(
        "WEBVTT\n\n00:00:00.000 --> 00:00:10.000\nTolk i vården\n\n00:00:10.000 --> 00:00:20.000\nEn rubrik som inte finns\n",
        encoding="utf-8")
    errors = [str(f) for f in check_files(project, scan(project / "content", registry), registry) if f.severity == "error"]
    assert any(e.startswith("content/vard/tolk.chapters.vtt:7: error: 'En rubrik som inte finns' is not a heading") for e in errors), errors
    assert any("a second recording of the same page" in e for e in errors), errors
    assert len(errors) == 2, errors


# ---------- classroom view, accessibility, weight ----------------------------------------------------

def test_classroom_view_reads_the_section_on_screen(browser, base_url, registry):
    context, page, errors = open_with_voices(browser, base_url + registry["ar"].url_prefix + PAGE, [{"name": "ar", "lang": "ar-SA"}],
                                             viewport=(1280, 720))
    try:
        page.keyboard.press("c")
        page.wait_for_selector(".wf-listen.wf-listen--floating")
        assert page.locator(".wf-listen__play").is_visible()
        first_slide = page.evaluate("document.querySelector('.wf-slide:not([hidden])').innerText")
        spoken = read_all(page)
        assert spoken and all(letters(u["text"]) in letters(first_slide) for u in spoken)
        page.keyboard.press("ArrowLeft")  # next section in a right-to-left page
        heading = page.evaluate("document.querySelector('.wf-slide:not([hidden]) h2').innerText")
        page.evaluate("window.__spoken = []")
        spoken = read_all(page)
        assert letters(spoken[0]["text"]) == letters(heading)
        page.keyboard.press("Escape")
        page.wait_for_selector(".wf-listen:not(.wf-listen--floating)")
        assert page.evaluate("!!document.querySelector('article .wf-listen')")
    finally:
        context.close()
    assert not errors, errors


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("code", ["ar", "ti"])
def test_axe_finds_no_serious_problem_with_the_control(browser, base_url, registry, code, scheme):
    voices = [{"name": "ar", "lang": "ar-SA"}, {"name": "ar2", "lang": "ar-EG"}]  # two voices: the picker is shown on ar
    context, page, _ = open_with_voices(browser, base_url + registry[code].url_prefix + ARTICLE, voices, auto=False, scheme=scheme)
    try:
        page.locator(".wf-listen__play").click()  # ar: reading (all buttons shown); ti: the help
        page.wait_for_selector(".wf-listen__more:not([hidden]), [data-wf-listen=help]:not([hidden])")
        page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
        violations = AXE.run(page, context=".wf-listen").response["violations"]
    finally:
        context.close()
    for violation in violations:
        print(f"\n{code} {scheme}: {violation['id']} ({violation['impact']}): {[n['target'] for n in violation['nodes']]}")
    assert not [v for v in violations if v["impact"] in ("serious", "critical")]


def test_the_control_adds_at_most_10_kib_gzip(site, page_weight_report, registry):
    for language in registry:
        weight = page_weight(site, language.url_prefix + ARTICLE)
        listen = [a for a in weight.assets if a.path in LISTEN_ASSETS]
        assert {a.path for a in listen} == set(LISTEN_ASSETS), language.code
        assert sum(a.gzip for a in listen) <= LISTEN_BUDGET
    result = page_weight_report
    print("\n" + result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "listen gz" in next(line for line in lines if line.startswith("lang"))
    rows = [line for line in lines if line.split()[:1] and line.split()[0] in registry.codes]
    # lang, html raw, html gz, assets raw, assets gz, total raw, total gz, index raw, index gz, listen gz, files
    assert len(rows) == len(registry) and all(0 < float(row.split()[9]) <= LISTEN_BUDGET / 1024 for row in rows), rows


@pytest.mark.parametrize("value", ["fa-AF", "[]", "[fa_AF]", "[Persian]"])
def test_a_bad_speech_list_names_the_locale_file(tmp_path, value):
    from wayfinder.languages import LanguageError, load_language

    text = (REPO / "locales" / "fa-AF.yml").read_text(encoding="utf-8")
    path = tmp_path / "fa-AF.yml"
    path.write_text(re.sub(r"^speech: .*$", f"speech: {value}", text, count=1, flags=re.M), encoding="utf-8")
    with pytest.raises(LanguageError, match=r"fa-AF\.yml: speech must be a list of voice language tags"):
        load_language(path)


def test_speech_defaults_to_the_language_tag_and_keeps_the_declared_order(tmp_path, registry):
    from wayfinder.languages import load_language

    text = (REPO / "locales" / "ku-Arab.yml").read_text(encoding="utf-8")
    path = tmp_path / "ku-Arab.yml"
    path.write_text(re.sub(r"^speech: .*\n", "", text, count=1, flags=re.M), encoding="utf-8")
    assert load_language(path).speech == ("ckb",)  # its `lang`, the tag of <html lang>
    assert registry["fa-AF"].speech == ("fa-AF", "fa", "prs") and registry["ku-Arab"].speech == ("ckb", "ku-Arab")
