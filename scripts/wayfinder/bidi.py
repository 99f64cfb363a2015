"""Keep digit groups in reading order inside right-to-left text.

In an Arabic paragraph the bidi algorithm shows "114 14" as "14 114" and "010-456 67 00" scrambled,
because spaces and hyphens between digits are neutral and take the paragraph's direction. Wrapping
each such group in <bdi dir="ltr"> isolates it. Applied to the built HTML of right-to-left pages
(a build step, never by hand in the Markdown)."""
from __future__ import annotations

import re

# Digit groups joined by spaces (incl. no-break), hyphens or dots: phone numbers, "1 200", dates; and web
# addresses written in text ("1177.se"), which the bidi algorithm otherwise shows as "se.1177".
DIGIT_GROUP = re.compile(
    r"(?<![\w\u0660-\u06ff])(?:\d+(?:[ \u00a0\u202f.\-–]\d+)+|[A-Za-z0-9][A-Za-z0-9.-]*\.(?:se|nu|org|com|eu|net)(?:/[\w./-]*)?)"
    r"(?![\w\u0660-\u06ff])")
_TAG = re.compile(r"(<[^>]*>)")
_SKIP = ("code", "pre", "script", "style", "bdi", "textarea", "kbd", "samp")


def isolate_numbers(html: str) -> str:
    parts = _TAG.split(html)
    skipping: list[str] = []
    for index, part in enumerate(parts):
        if index % 2:  # a tag
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
            parts[index] = DIGIT_GROUP.sub(lambda m: f'<bdi class="wf-number" dir="ltr">{m.group(0)}</bdi>', part)
    return "".join(parts)
