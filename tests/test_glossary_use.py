"""The glossary-use check: a translation tagged (through its Swedish source's `terms:`) with a glossary term
must use the term's agreed translation from glossary/<code>.yml somewhere on the page."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from wayfinder.frontmatter import split
from wayfinder.glossary_use import expected_words, glossary_use_findings

ROOT = Path(__file__).resolve().parents[1]

SV_GLOSSARY = """\
tolk:
  term: tolk
  explanation: En person som översätter muntligt.
god-man:
  term: god man
  explanation: En person som hjälper någon med ekonomi och rättigheter.
"""


def write_tree(tmp_path: Path, code: str, glossary: str, source: str, translation: str) -> dict:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "sv.yml").write_text(SV_GLOSSARY, encoding="utf-8")
    (tmp_path / "glossary" / f"{code}.yml").write_text(glossary, encoding="utf-8")
    documents = {}
    for language, text in (("sv", source), (code, translation)):
        rel = "content/vard/tolk.md" if language == "sv" else f"content/vard/tolk.{language}.md"
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        documents[("vard/tolk", language)] = (rel, text, split(text, rel))
    return documents


SOURCE = "---\ntitle: Tolk\nterms: [tolk, god-man]\n---\n\nDu har rätt till en **tolk**. En **god man** kan hjälpa dig.\n"
EN_GLOSSARY = """\
tolk:
  translation: interpreter
  explanation: A person who translates what is said.

god-man:
  translation: trustee, legal guardian
  explanation: A person who helps someone with money and rights.
"""


def test_missing_agreed_translation_is_a_warning_with_page_term_and_expected_words(tmp_path):
    translation = ("---\ntitle: Interpreter\ntranslation:\n  status: machine\n---\n\n"
                   "You have the right to a **tolk** (interpreter).\nA **god man** (a helper) can help you.\n")
    documents = write_tree(tmp_path, "en", EN_GLOSSARY, SOURCE, translation)
    findings = glossary_use_findings(tmp_path, documents, "sv")
    assert [(f.path, f.severity) for f in findings] == [("content/vard/tolk.en.md", "warning")]
    finding = findings[0]
    assert finding.line == documents[("vard/tolk", "en")][2].body_line
    assert "'god-man'" in finding.message and "'trustee'" in finding.message and "'legal guardian'" in finding.message
    assert "glossary/en.yml:5" in finding.message  # the line of the entry, for the editor
    assert "'tolk'" not in finding.message


def test_any_listed_alternative_inflection_or_emphasis_counts(tmp_path):
    translation = ("---\ntitle: Interpreter\ntranslation:\n  status: machine\n---\n\n"
                   "Ask for **Interpreters**. Your *legal guardian* can help.\n")
    documents = write_tree(tmp_path, "en", EN_GLOSSARY, SOURCE, translation)
    assert glossary_use_findings(tmp_path, documents, "sv") == []


def test_arabic_article_and_prefixes_and_persian_zwnj(tmp_path):
    glossary = "tolk:\n  translation: المترجم الفوري\n  explanation: شخص.\ngod-man:\n  translation: سرپرست\u200cقانونی\n  explanation: x\n"
    translation = ("---\ntitle: x\ntranslation:\n  status: machine\n---\n\n"
                   "اطلب مترجمًا فوريًا. سرپرست قانونی.\n")
    documents = write_tree(tmp_path, "ar", glossary, SOURCE, translation)
    assert glossary_use_findings(tmp_path, documents, "sv") == []


def test_source_pages_and_untagged_or_untranslated_terms_are_not_checked(tmp_path):
    glossary = "tolk:\n  translation: tumač\n  explanation: Osoba.\n"  # no god-man entry in this language
    translation = "---\ntitle: Tumač\ntranslation:\n  status: machine\n---\n\nImate pravo na tumača.\n"
    documents = write_tree(tmp_path, "bs", glossary, SOURCE, translation)
    assert glossary_use_findings(tmp_path, documents, "sv") == []
    untagged = SOURCE.replace("terms: [tolk, god-man]\n", "")
    documents[("vard/tolk", "sv")] = ("content/vard/tolk.md", untagged, split(untagged))
    documents[("vard/tolk", "bs")] = ("content/vard/tolk.bs.md", "---\ntitle: x\n---\n\nNišta.\n",
                                      split("---\ntitle: x\n---\n\nNišta.\n"))
    assert glossary_use_findings(tmp_path, documents, "sv") == []


def test_expected_words_lists_the_whole_and_each_alternative():
    assert expected_words("wekîl (nûnerê qanûnî)") == ["wekîl (nûnerê qanûnî)", "wekîl", "nûnerê qanûnî"]
    assert expected_words("trustee, legal guardian") == ["trustee, legal guardian", "trustee", "legal guardian"]


def test_the_real_tree_has_no_glossary_use_warnings():
    result = subprocess.run([sys.executable, "scripts/check.py"], cwd=ROOT, capture_output=True, text=True)
    flagged = [line for line in result.stdout.splitlines() + result.stderr.splitlines()
               if "tagged with glossary term" in line]
    assert flagged == []
    assert "0 error(s)" in result.stdout + result.stderr
