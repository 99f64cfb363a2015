"""The lines of a Markdown body that are text, not code: what the checks, the facts' literal check and
parity read line by line (a fenced code block's lines are never headings, links, numbers or figures)."""
from __future__ import annotations

import re
from typing import Iterator

FENCE = re.compile(r"^\s*(```|~~~)")


def lines_outside_code(body: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """(line number in the file, line) for each line outside fenced code; fence lines themselves are skipped."""
    in_code = False
    for offset, line in enumerate(body.split("\n")):
        if FENCE.match(line):
            in_code = not in_code
            continue
        if not in_code:
            yield first_line + offset, line
