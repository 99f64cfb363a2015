"""Search text normalisation in Python: the twin of overrides/assets/javascripts/wayfinder-normalize.js.

Used to build and test indexes with lunr.py; tests/test_search_unit.py checks both give the same output."""
from __future__ import annotations

import re
import unicodedata

_MAP = str.maketrans({
    "\u064A": "\u06CC", "\u0649": "\u06CC", "\u0643": "\u06A9", "\u0629": "\u0647", "\u06C0": "\u0647",
    "\u0671": "\u0627", "\u0111": "d", "\u0110": "d", "\u0131": "i", "\u00DF": "ss",
})
_REMOVED = re.compile("[\u0640\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF\u061C\u00AD]")
_ETHIOPIC_PUNCTUATION = re.compile("[\u1361-\u1368]")
_MARKS = re.compile("[\u0300-\u036F\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]")
_DIGITS = str.maketrans({**{chr(0x0660 + d): str(d) for d in range(10)}, **{chr(0x06F0 + d): str(d) for d in range(10)}})

# Word separators of every script we publish: white space, punctuation, Arabic and Ethiopic punctuation.
SEPARATOR = r"[\s\-–—,.;:!?¡¿()\[\]{}\"'«»„“”‘’/\\|…·•*+=<>፡።፣፤፥፦፧፨،؛؟٫٬۔]+"


def normalize(text: str) -> str:
    text = text.translate(_MAP)
    text = unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFD", text)))
    text = _ETHIOPIC_PUNCTUATION.sub(" ", _REMOVED.sub("", text))
    return text.translate(_DIGITS).lower()
