"""LIX readability (Björnsson): words per sentence + percentage of words longer than six letters.

Below 30 is very easy, 30–40 easy (the aim for Wayfinder's Swedish source), 40–50 medium."""
from __future__ import annotations

import re

_CODE = re.compile(r"```.*?```", re.S)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_HTML = re.compile(r"<[^>]+>")
_ATTRS = re.compile(r"\{[:#.][^}]*\}")
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?:;]+(?=\s|$)")


def plain_text(markdown: str) -> str:
    """Markdown body → prose, one block per line (headings, list items and table cells end a sentence)."""
    text = _CODE.sub(" ", markdown)
    text = _LINK.sub(r"\1", text)
    text = _HTML.sub(" ", text)
    text = _ATTRS.sub(" ", text)
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line or set(line) <= set("|-: "):
            continue
        line = re.sub(r'^(#+|[-*+]|\d+\.|>|!!!\s*\w+|\?\?\?\+?\s*\w+)\s*', "", line)
        line = line.replace("|", ".")
        out.append(line.strip('" '))
    return "\n".join(out)


def lix(markdown: str) -> float:
    text = plain_text(markdown)
    words = _WORD.findall(text)
    if not words:
        return 0.0
    # Every non-empty block is at least one sentence, whatever its punctuation.
    sentences = 0
    for block in text.splitlines():
        ends = len(_SENTENCE_END.findall(block))
        sentences += ends if block.rstrip().endswith((".", "!", "?", ":", ";")) else ends + 1
    long_words = sum(1 for w in words if len(w) > 6)
    return len(words) / max(sentences, 1) + 100 * long_words / len(words)


def word_count(markdown: str) -> int:
    return len(_WORD.findall(plain_text(markdown)))
