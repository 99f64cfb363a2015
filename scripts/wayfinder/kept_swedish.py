"""The Swedish lines of a kept-Swedish box (`!!! note keep-swedish`, the interpreter language card) in a
page of another script: marked `lang="sv" dir="ltr"`.

The card is shown to Swedish-speaking staff, so its lines stay in Swedish. Inside an Arabic page they
would otherwise be laid out right to left ("Jag behöver en tolk." shown with its full stop on the left)
and read aloud by an Arabic voice. A line is Swedish when its first letter is Latin; the box's title and
a line the translation adds in its own script keep the page's language. On a Latin-script page the
direction is already right and a Swedish line cannot be told from an English one, so nothing is marked."""
from __future__ import annotations

import re

from .parity import KEEP_SWEDISH
from .writing_systems import script_of_text

_BOX = re.compile(rf'(<div class="admonition\b[^"]*\b{KEEP_SWEDISH}\b[^"]*">)(.*?)(</div>)', re.S)
_LINE = re.compile(r"<(p|li)>(.*?)</\1>", re.S)
_TAG = re.compile(r"<[^>]*>")


def mark_swedish_lines(html: str, source_code: str) -> str:
    """`html` (a page's article in a non-Latin script) with each Latin-script line of a kept-Swedish box
    in `source_code` and left to right."""
    def mark_line(match: re.Match) -> str:
        if script_of_text(_TAG.sub("", match.group(2))) != "LATIN":
            return match.group(0)
        return f'<{match.group(1)} lang="{source_code}" dir="ltr">{match.group(2)}</{match.group(1)}>'

    return _BOX.sub(lambda box: box.group(1) + _LINE.sub(mark_line, box.group(2)) + box.group(3), html)
