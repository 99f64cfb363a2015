"""The classroom view and the side-by-side view as a teacher uses them on a projector (1280×720 and
1920×1080, Chromium): no content under the control bar, the clicker's keys scroll a long slide before
moving on, the view resumes where the teacher left, the machine-translation notice is one line, and the
side-by-side view is slides with projector-sized text in both columns."""
import pytest

pytestmark = pytest.mark.browser

SIZES = [(1280, 720), (1920, 1080)]
LESSON = "ar/larare/lektioner/halsa/"
HEALTH = "ar/samhallsorientering/halsa/"

STATE = """() => {
  const bar = document.querySelector('.wf-projection__bar').getBoundingClientRect();
  const slide = [...document.querySelectorAll('.wf-slide')].find(s => !s.hidden);
  const rect = slide.getBoundingClientRect();
  // Every visible piece of content of the slide: its part inside the slide's box must end above the bar.
  let lowest = 0;
  for (const node of slide.querySelectorAll('p, li, h1, h2, h3, .admonition, table, aside, .wf-notice--compact')) {
    const r = node.getBoundingClientRect();
    if (r.height === 0) continue;
    const visibleBottom = Math.min(r.bottom, rect.bottom);
    if (visibleBottom > r.top) lowest = Math.max(lowest, visibleBottom);
  }
  return {barTop: bar.top, slideTop: rect.top, slideBottom: rect.bottom, lowest, scrollTop: slide.scrollTop,
          scrollHeight: slide.scrollHeight, clientHeight: slide.clientHeight, text: slide.innerText.slice(0, 80),
          count: document.querySelector('.wf-projection__count').textContent, slides: document.querySelectorAll('.wf-slide').length}
}"""


def open_projection(browser, url, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(url)
    tab.wait_for_selector('[data-wf-action="projection"]:not([hidden])')
    tab.keyboard.press("c")
    tab.wait_for_selector(".wf-projection__bar:not([hidden])")
    return context, tab, errors


@pytest.mark.parametrize("width,height", SIZES)
@pytest.mark.parametrize("path", [LESSON, HEALTH])
def test_every_slide_fits_or_scrolls_above_the_control_bar(browser, base_url, path, width, height):
    context, tab, errors = open_projection(browser, base_url + path, width, height)
    state = tab.evaluate(STATE)
    total = int(state["count"].split("/")[1])
    assert total == state["slides"] > 1
    seen, presses = set(), 0
    while True:
        state = tab.evaluate(STATE)
        assert state["slideBottom"] <= state["barTop"] + 0.5, state  # the slide's box ends where the bar starts
        assert state["lowest"] <= state["barTop"] + 0.5, state  # no visible content under the bar
        seen.add(state["count"])
        at_end = state["scrollTop"] + state["clientHeight"] >= state["scrollHeight"] - 2
        tab.keyboard.press("PageDown")
        presses += 1
        after = tab.evaluate(STATE)
        if at_end:
            if state["count"] == f"{total} / {total}":
                break
            assert after["count"] != state["count"] and after["scrollTop"] == 0, (state, after)
        else:  # the rest of a long slide comes first
            assert after["count"] == state["count"] and after["scrollTop"] > state["scrollTop"], (state, after)
        assert presses < 200
    assert len(seen) == total  # PageDown alone reached every slide
    assert not errors, errors
    context.close()


@pytest.mark.parametrize("width,height", SIZES)
def test_arrow_down_and_space_scroll_within_a_long_slide_and_up_goes_back(browser, base_url, width, height):
    context, tab, _ = open_projection(browser, base_url + LESSON, width, height)
    # Find a slide after the first that is longer than the screen (an exercise with its boxes).
    tab.keyboard.press("ArrowLeft")  # forward in a right-to-left page
    for _ in range(20):
        state = tab.evaluate(STATE)
        if state["scrollHeight"] > state["clientHeight"] + 10:
            break
        tab.keyboard.press("ArrowLeft")  # forward in a right-to-left page
    assert state["scrollHeight"] > state["clientHeight"] + 10, "no slide is longer than the screen"
    tab.keyboard.press("ArrowDown")  # the rest of the slide, not the next one
    down = tab.evaluate(STATE)
    assert down["count"] == state["count"] and down["scrollTop"] > 0
    tab.keyboard.press("ArrowUp")  # back to the top of the same slide
    up = tab.evaluate(STATE)
    assert up["count"] == state["count"] and up["scrollTop"] == 0
    tab.keyboard.press("PageUp")  # at the top: the previous slide, shown at its end
    previous = tab.evaluate(STATE)
    assert previous["count"] != state["count"]
    assert previous["scrollTop"] + previous["clientHeight"] >= previous["scrollHeight"] - 2
    tab.keyboard.press(" ")  # at the end of a slide Space moves on, to the top of the next
    again = tab.evaluate(STATE)
    assert again["count"] == state["count"] and again["scrollTop"] == 0
    context.close()


def test_the_view_resumes_where_the_teacher_left(browser, base_url):
    context, tab, _ = open_projection(browser, base_url + LESSON, 1280, 720)
    tab.keyboard.press("ArrowLeft")
    tab.keyboard.press("ArrowLeft")
    tab.keyboard.press("ArrowDown")
    left = tab.evaluate(STATE)
    tab.reload()
    tab.wait_for_selector(".wf-projection__bar:not([hidden])")  # the classroom view comes back by itself
    resumed = tab.evaluate(STATE)
    assert resumed["count"] == left["count"] and resumed["text"] == left["text"]
    assert abs(resumed["scrollTop"] - left["scrollTop"]) <= 2
    tab.keyboard.press("Escape")
    tab.goto(base_url + HEALTH)  # another page starts at its own first slide
    tab.keyboard.press("c")
    tab.wait_for_selector(".wf-projection__bar:not([hidden])")
    assert tab.evaluate(STATE)["count"].startswith("1 /")
    context.close()


@pytest.mark.parametrize("width,height", SIZES)
def test_the_machine_translation_notice_is_one_line_on_the_first_slide(browser, base_url, width, height):
    context, tab, _ = open_projection(browser, base_url + HEALTH, width, height)
    line = tab.locator(".wf-slide:not([hidden]) .wf-notice--compact")
    assert line.count() == 1
    box = line.bounding_box()
    line_height = tab.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.wf-notice--compact')).lineHeight)")
    assert box["height"] <= 2 * line_height  # one line (plus its padding)
    assert line.locator("a[hreflang='sv']").count() == 1  # the way to the Swedish original stays
    # The emergency box the lesson starts with is on the first slide, above the bar.
    emergency = tab.locator(".wf-slide:not([hidden]) .admonition").first.bounding_box()
    bar = tab.locator(".wf-projection__bar").bounding_box()
    assert emergency["y"] + emergency["height"] <= bar["y"]
    context.close()


@pytest.mark.parametrize("width,height", SIZES)
def test_side_by_side_view_is_slides_with_projector_sized_text(browser, base_url, width, height):
    context, tab, errors = open_projection(browser, base_url + HEALTH, width, height)
    before = tab.evaluate(STATE)
    tab.locator(".wf-projection__bilingual").click()
    tab.wait_for_selector(".wf-bilingual__row.wf-slide")
    first = tab.evaluate(STATE)
    assert first["slides"] == tab.locator(".wf-bilingual__row").count() > 1
    sizes = tab.evaluate("""() => [...document.querySelectorAll('.wf-bilingual__row:not([hidden]) .wf-bilingual__cell')]
        .map(cell => parseFloat(getComputedStyle(cell.querySelector('p, li') || cell).fontSize))""")
    assert len(sizes) == 2 and min(sizes) >= 20, sizes  # both columns readable from the back of the room
    swedish = tab.locator(".wf-bilingual__row:not([hidden]) .wf-bilingual__cell--sv")
    assert swedish.get_attribute("lang") == "sv" and swedish.inner_text().strip()
    tab.keyboard.press("ArrowLeft")  # forward in Arabic
    second = tab.evaluate(STATE)
    assert second["count"] != first["count"] and second["text"] != first["text"]  # the screen really changes
    assert second["slideBottom"] <= second["barTop"] + 0.5
    assert before["text"] != first["text"] or before["count"] != first["count"]
    assert not errors, errors
    context.close()


def test_side_by_side_outside_the_classroom_view_keeps_the_page_type_size(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    tab.goto(base_url + HEALTH)
    tab.locator('[data-wf-action="bilingual"]').click()
    tab.wait_for_selector(".wf-bilingual__row")
    sizes = tab.evaluate("""() => [...document.querySelectorAll('.wf-bilingual__row')[1].querySelectorAll('.wf-bilingual__cell')]
        .map(cell => parseFloat(getComputedStyle(cell.querySelector('p, li') || cell).fontSize))""")
    body = tab.evaluate("() => parseFloat(getComputedStyle(document.querySelector('article.md-typeset > p, article.md-typeset p')).fontSize)")
    assert min(sizes) >= 0.95 * body, (sizes, body)
    context.close()
