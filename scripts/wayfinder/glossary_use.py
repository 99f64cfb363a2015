"""Glossary use: a translation tagged with a term (the Swedish source's `terms:`) should use the term's agreed
translation from `glossary/<code>.yml` somewhere on the page, so that readers meet the same word on the page
and in the glossary. A page that never does gets a warning naming the term and the expected words."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .glossary import Entry, GlossaryError, load_language, load_source
from .schema import Finding

# Characters that differ between two spellings of one word without changing it: soft hyphen, zero-width
# space and joiner, tatweel. The zero-width non-joiner (Persian writes "سرپرست‌قانونی" and "سرپرست قانونی")
# separates words, like a space.
_INVISIBLE = {**dict.fromkeys(map(ord, "\u00ad\u200b\u200d\u0640"), None), 0x200C: " "}


def normalize(text: str) -> str:
    """Case- and form-insensitive text for comparison; Markdown emphasis removed so '**vasi**' counts."""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    text = re.sub(r"\*\*|__|(?<!\w)[*_]|[*_](?!\w)", "", text)
    return re.sub(r"\s+", " ", text).casefold()


def expected_words(translation: str) -> list[str]:
    """The ways a page may write a glossary translation: the whole of it, each alternative listed with ',', ';'
    or '/', and a parenthesised gloss on its own ('wekîl (nûnerê qanûnî)' -> also 'wekîl', 'nûnerê qanûnî')."""
    words = [translation]
    for part in re.split(r"[,;/]", translation):
        words.append(part)
        words += re.split(r"[()]", part)
    seen, result = set(), []
    for word in words:
        word = normalize(word).strip(" .-–")
        if len(word) >= 2 and word not in seen:
            seen.add(word)
            result.append(word)
    return result


def tokens(text: str) -> set[str]:
    return set(re.findall(r"\w+", normalize(text)))


def _stem(word: str) -> str:
    """A crude stem that lets inflected forms count: the Arabic article dropped ('المترجم' -> 'مترجم'), and the
    last letter or two of a longer word left off ('tercümanı', 'перекладача', 'лену' -> 'ленів')."""
    if word.startswith("ال") and len(word) > 4:
        word = word[2:]
    if len(word) > 5:
        return word[:-2]
    return word[:-1] if len(word) >= 4 else word


def uses(expected: str, page_tokens: set[str]) -> bool:
    """True if every content word of `expected` (words of four letters or more; all words if there are none)
    occurs on the page, inflected or with a prefix ('بالمترجم', 'ku-turjumaan')."""
    words = re.findall(r"\w+", expected)
    content = [word for word in words if len(word) >= 4] or words
    return bool(content) and all(any(_stem(word) in token for token in page_tokens) for word in content)


def _entry_lines(path: Path) -> dict[str, int]:
    lines = {}
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            match = re.match(r"^([^\s#][^:]*):\s*$", line)
            if match:
                lines.setdefault(match.group(1).strip().strip("'\""), number)
    except (OSError, UnicodeDecodeError):
        pass
    return lines


def glossary_use_findings(root: Path, documents: dict, source_code: str) -> list[Finding]:
    """`documents` maps (page, language code) to (relative path, text, Document), as in checks.run_checks."""
    glossary_dir = root / "glossary"
    try:
        source = load_source(glossary_dir, source_code)
    except (GlossaryError, FileNotFoundError):
        return []  # reported by the glossary checks themselves
    languages: dict[str, tuple[dict[str, Entry], dict[str, int]]] = {}
    findings = []
    for (page, code), (rel, _text, document) in sorted(documents.items()):
        if code == source_code or (page, source_code) not in documents:
            continue
        terms = documents[(page, source_code)][2].meta.get("terms")
        if not isinstance(terms, list) or not terms:
            continue
        if code not in languages:
            try:
                languages[code] = (load_language(glossary_dir, code, source), _entry_lines(glossary_dir / f"{code}.yml"))
            except GlossaryError:
                languages[code] = ({}, {})  # reported by the glossary checks themselves
        entries, entry_lines = languages[code]
        title = document.meta.get("title") if isinstance(document.meta.get("title"), str) else ""
        page_tokens = tokens(title + "\n" + document.body)
        for term_id in terms:
            entry = entries.get(str(term_id))
            if entry is None or not entry.translation:
                continue
            words = expected_words(entry.translation)
            if not words or any(uses(word, page_tokens) for word in words):
                continue
            where = f"glossary/{code}.yml:{entry_lines.get(entry.id, 1)}"
            findings.append(Finding("glossary.unused-translation", rel, document.body_line, "warning",
                                    f"tagged with glossary term '{entry.id}' ({entry.term}) but never uses its agreed "
                                    f"translation — expected one of: {', '.join(repr(w) for w in words)} ({where}); "
                                    "use it where the page speaks of the term, or correct the glossary"))
    return findings
