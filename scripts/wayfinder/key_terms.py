"""Key Swedish terms stay Swedish, bold and in the same form on every language's page.

A Swedish page names its key terms with front matter `terms` (glossary ids), a lesson also with
`lesson.signs`. The form a page uses is the first bold word on the Swedish page that is the glossary
term or an inflection of it (**vårdcentralen** for the term vårdcentral); every translation of the page
must show that same bold form (a translation may follow it in brackets). Findings name the page, the
term and the expected form."""
from __future__ import annotations

import re

from .markdown_lines import lines_outside_code
from .schema import Finding

_BOLD = re.compile(r"\*\*([^*\n]+?)\*\*")
# Swedish definite and plural endings a bold form may add to the glossary term.
_ENDINGS = ("", "n", "en", "et", "t", "na", "er", "erna", "ar", "arna", "or", "orna", "s", "ns", "ens")


_FACT = re.compile(r"\{\{fact:([a-z0-9][a-z0-9_.-]*)\}\}")


def bold_forms(body: str, first_line: int = 1, fact_values: dict[str, str] | None = None) -> list[tuple[int, str]]:
    """Bold words of a body; a bold {{fact:ID}} counts as its value (**{{fact:phone.emergency}}** is **112**)."""
    if fact_values:
        body = _FACT.sub(lambda m: fact_values.get(m.group(1), m.group(0)), body)
    return [(number, m.group(1).strip()) for number, line in lines_outside_code(body, first_line)
            for m in _BOLD.finditer(line)]


def form_of(term: str, forms: list[tuple[int, str]]) -> str | None:
    """The page's bold form of `term`: the term itself or the term with a Swedish ending."""
    wanted = term.casefold()
    for _, form in forms:
        lowered = form.casefold()
        if lowered.startswith(wanted) and lowered[len(wanted):] in _ENDINGS:
            return form
        if wanted.endswith("a") and lowered.startswith(wanted[:-1]) and lowered[len(wanted) - 1:] in ("an", "or", "orna"):
            return form  # elevhälsa → elevhälsan
    return None


def term_ids(meta: dict) -> list[tuple[str, str]]:
    """(id, key) of the page's key terms: `terms` and, for lessons, `lesson.signs`."""
    ids = [(str(t), "terms") for t in meta.get("terms") or [] if isinstance(meta.get("terms"), list)]
    lesson = meta.get("lesson")
    if isinstance(lesson, dict) and isinstance(lesson.get("signs"), list):
        ids += [(str(t), "lesson.signs") for t in lesson["signs"] if (str(t), "terms") not in ids]
    seen, unique = set(), []
    for term_id, key in ids:
        if term_id not in seen:
            seen.add(term_id)
            unique.append((term_id, key))
    return unique


def check_page(source_rel: str, source_meta: dict, source_body: str, source_body_line: int, source_lines: dict[str, int],
               translations: list[tuple[str, str, int]], glossary_terms: dict[str, str],
               fact_values: dict[str, str] | None = None) -> list[Finding]:
    """Findings for one page: its Swedish source and its translations ((rel, body, body_line) each)."""
    findings = []
    source_forms = bold_forms(source_body, source_body_line, fact_values)
    for term_id, key in term_ids(source_meta):
        term = glossary_terms.get(term_id)
        if term is None:
            continue  # an unknown id is reported by the schema check
        form = form_of(term, source_forms)
        if form is None:
            findings.append(Finding("terms.not-bold", source_rel, source_lines.get(key, 1), "error",
                                    f"key term '{term}' ({key}: {term_id}) is not bold on the page — write **{term}** "
                                    "(or an inflected form) where the page uses it, or remove the id from " + key))
            continue
        for rel, body, body_line in translations:
            # Capitals follow the sentence (Kommunen / kommunen); the word form must be the same.
            if form.casefold() not in {f.casefold() for _, f in bold_forms(body, body_line, fact_values)}:
                findings.append(Finding("terms.missing-form", rel, body_line, "error",
                                        f"key term **{form}** of the Swedish page is missing — keep the Swedish word bold in "
                                        f"this form (**{form}**), with the translation after it in brackets"))
    return findings


def check_documents(documents: dict, source_code: str, glossary_terms: dict[str, str], lessons_only: bool,
                    fact_values: dict[str, str] | None = None) -> list[Finding]:
    """Findings over split documents {(page, code): (rel, text, document)} — for lesson pages only, or all pages.
    `fact_values` (fact id → value as written) lets a bold phone-number placeholder stand for its number."""
    from .schema import key_lines

    findings = []
    for (page, code), (rel, text, document) in sorted(documents.items()):
        if code != source_code or (lessons_only and document.meta.get("kind") != "lesson"):
            continue
        translations = [(t_rel, t_doc.body, t_doc.body_line) for (t_page, t_code), (t_rel, _, t_doc) in sorted(documents.items())
                        if t_page == page and t_code != source_code]
        lines = key_lines(text)
        for number, line in enumerate(text.split("\n")[1:], start=2):  # lesson.signs sits inside lesson:
            if re.match(r"^\s+signs\s*:", line):
                lines["lesson.signs"] = number
        findings += check_page(rel, document.meta, document.body, document.body_line, lines, translations, glossary_terms,
                               fact_values)
    return findings
