"""Keep digit groups in reading order inside right-to-left text.

In an Arabic paragraph the bidi algorithm shows "114 14" as "14 114" and "010-456 67 00" scrambled,
because spaces and hyphens between digits are neutral and take the paragraph's direction. Wrapping
each such group in <bdi dir="ltr"> isolates it. Applied at build time (never by hand in the Markdown)
to the whole built page of a right-to-left language — article, navigation, table of contents, header,
footer — and to its search index; inside <title>, which holds only text, the group is wrapped in the
Unicode isolates LRI…PDI instead."""
from __future__ import annotations

import re

# Digit groups joined by spaces (incl. no-break), hyphens or dots: phone numbers, "1 200", dates; and web
# addresses written in text ("1177.se"), which the bidi algorithm otherwise shows as "se.1177".
DIGIT_GROUP = re.compile(
    r"(?<![\w\u0660-\u06ff])(?:\d+(?:[ \u00a0\u202f.\-–]\d+)+|[A-Za-z0-9][A-Za-z0-9.-]*\.(?:se|nu|org|com|eu|net)(?:/[\w./-]*)?)"
    r"(?![\w\u0660-\u06ff])")
# A tag, or a whole script or style element: their text may hold "<" (`i<n` in an inline script), which must
# not be read as the start of a tag (it would hide the closing </script> and stop isolation for the page).
_TAG = re.compile(r"(<script\b[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>|<[^>]*>)", re.S | re.I)
_RAW_TEXT = re.compile(r"<(script|style)\b", re.I)
# Elements whose text is not laid out as bidi text (code, scripts), is isolated already (bdi), or cannot
# hold markup (title, textarea, option): their text is left as it is here.
_SKIP = ("code", "pre", "script", "style", "bdi", "textarea", "kbd", "samp", "title", "option", "svg")
_TITLE = re.compile(r"(<title>)(.*?)(</title>)", re.S)
LRI, PDI = "\u2066", "\u2069"


def isolate_numbers(html: str, css_class: str | None = "wf-number") -> str:
    """`html` with each digit group outside code in <bdi dir="ltr"> (the article's numbers carry the class
    that sets them in bold; navigation and search results take them as they are)."""
    opening = f'<bdi class="{css_class}" dir="ltr">' if css_class else '<bdi dir="ltr">'
    parts = _TAG.split(html)
    skipping: list[str] = []
    for index, part in enumerate(parts):
        if index % 2:  # a tag, or a whole script or style element
            if _RAW_TEXT.match(part):
                continue
            match = re.match(r"<(/?)([a-zA-Z0-9]+)", part)
            if match:
                closing, name = match.group(1), match.group(2).lower()
                if name in _SKIP and not part.endswith("/>"):
                    if closing and skipping and skipping[-1] == name:
                        skipping.pop()
                    elif not closing:
                        skipping.append(name)
            continue
        if not skipping and part:
            parts[index] = DIGIT_GROUP.sub(lambda m: f"{opening}{m.group(0)}</bdi>", part)
    return "".join(parts)


def isolate_text(text: str) -> str:
    """Plain text (a page title, a tooltip) with each digit group between LRI and PDI."""
    return DIGIT_GROUP.sub(lambda m: f"{LRI}{m.group(0)}{PDI}", text)


def isolate_page(html: str) -> str:
    """A whole built page of a right-to-left language: every digit group in its own order wherever it is."""
    html = _TITLE.sub(lambda m: m.group(1) + isolate_text(m.group(2)) + m.group(3), html, count=1)
    return isolate_numbers(html, css_class=None)
