"""scripts/check.py on a corpus of broken content: one case per rule, each caught with the right file,
line and advice; a valid tree passes clean; the build refuses the same errors."""
import re
import shutil

import pytest

import check
from conftest import REPO, run_mkdocs_build, small_project

SOURCE = """---
title: Tolk
description: Om tolk i vården.
section: healthcare
reviewed: 2026-11-29
sources:
  - title: "1177"
    url: https://www.1177.se/
---
# Tolk

## Rätt till tolk

Du har rätt till tolk. Ring 1177 eller 114 14. Läs om [vårdcentralen](vardcentral.md#boka-tid).
"""
OTHER = """---
title: Vårdcentral
description: Om vårdcentralen.
section: healthcare
reviewed: 2026-11-29
sources:
  - title: "1177"
    url: https://www.1177.se/
---
# Vårdcentral

## Boka tid

Ring först. Sedan får du en tid.
"""
TRANSLATION = """---
title: Interpreter
description: About interpreters.
translation:
  status: machine
  source_hash: {hash}
---
# Interpreter

## Right to an interpreter

You have a right to an interpreter. Call 1177 or 114 14. Read about the [health centre](vardcentral.md#boka-tid).
"""


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "repo"
    (root / "locales").mkdir(parents=True)
    for code in ("sv", "en", "ar"):
        shutil.copy(REPO / "locales" / f"{code}.yml", root / "locales")
    shutil.copytree(REPO / "glossary", root / "glossary")
    shutil.copy(REPO / "l10n.yml", root / "l10n.yml")
    (root / "content" / "vard").mkdir(parents=True)
    write(root, "content/vard/tolk.md", SOURCE)
    write(root, "content/vard/vardcentral.md", OTHER)
    write(root, "content/vard/tolk.en.md", translation(root))
    return root


def translation(root, text=None):
    from wayfinder.hashing import source_hash

    return (text or TRANSLATION).replace("{hash}", source_hash(root / "content" / "vard" / "tolk.md"))


def write(root, path, text, mode="w"):
    target = root / path
    if isinstance(text, bytes):
        target.write_bytes(text)
    else:
        target.write_text(text, encoding="utf-8", newline="")
    return target


def run(root, capsys, *args):
    code = check.main(["--root", str(root), *args])
    return code, capsys.readouterr().out.splitlines()


def test_valid_tree_passes_clean(tree, capsys):
    code, lines = run(tree, capsys)
    # Notices inform (here: vardcentral.md, required for 'offered', is not translated) and never fail.
    assert code == 0 and [line for line in lines if ": notice: " not in line] == []


CASES = [
    ("unparseable YAML", "content/vard/tolk.md", SOURCE.replace("title: Tolk", "title: 'Tolk"),
     "content/vard/tolk.md:2: error: front matter is not valid YAML"),
    ("missing key", "content/vard/tolk.md", SOURCE.replace("description: Om tolk i vården.\n", ""),
     "content/vard/tolk.md:8: error: front matter lacks 'description'"),  # the closing '---'

    ("mistyped key", "content/vard/tolk.md", SOURCE.replace("section:", "sectoin:"),
     "content/vard/tolk.md:4: error: unknown front matter key 'sectoin'"),
    ("date not a date", "content/vard/tolk.md", SOURCE.replace("reviewed: 2026-11-29", "reviewed: igår"),
     "content/vard/tolk.md:5: error: reviewed 'igår' is not a date"),
    ("translation with a source key", "content/vard/tolk.en.md", TRANSLATION.replace("title: Interpreter", "title: Interpreter\nsection: healthcare"),
     "content/vard/tolk.en.md:3: error: 'section' is taken from the Swedish source page"),
    ("translation without provenance", "content/vard/tolk.en.md", TRANSLATION.replace("translation:\n  status: machine\n  source_hash: {hash}\n", ""),
     "content/vard/tolk.en.md:4: error: front matter lacks 'translation'"),
    ("lesson without goals", "content/vard/tolk.md", SOURCE.replace("section: healthcare", "section: teachers\nkind: lesson\nlesson:\n  duration: 90\n  materials: [paper]\n  pages: [vard/tolk.md]"),
     "content/vard/tolk.md:6: error: lesson.goals must be a list"),
    ("three-letter suffix", "content/vard/tolk.ara.md", TRANSLATION,
     "content/vard/tolk.ara.md:1: error: 'ara' is not a language of this site"),
    ("upper-case suffix", "content/vard/tolk.AR.md", TRANSLATION,
     "content/vard/tolk.AR.md:1: error: 'AR' is not a language of this site — language codes are case-sensitive: rename it to tolk.ar.md"),
    ("upper-case extension", "content/vard/tolk.ar.MD", TRANSLATION,
     "content/vard/tolk.ar.MD:1: error: the file extension '.MD' is not '.md' — rename it to tolk.ar.md"),
    ("orphan", "content/vard/tolken.en.md", TRANSLATION,
     "content/vard/tolken.en.md:1: error: translation without a Swedish source page"),
    ("two files for one page", "content/vard/tolk.sv.md", SOURCE,
     "content/vard/tolk.sv.md:1: error: two files for the same page and language"),
    ("not UTF-8", "content/vard/tolk.md", SOURCE.replace("vården", "v\udce5rden").encode("utf-8", "surrogateescape"),
     "content/vard/tolk.md:3: error: the file is not UTF-8 text"),
    ("byte-order mark", "content/vard/tolk.md", "\ufeff" + SOURCE,
     "content/vard/tolk.md:1: error: the file starts with a byte-order mark"),
    ("Windows line endings", "content/vard/tolk.md", SOURCE.replace("\n", "\r\n"),
     "content/vard/tolk.md:1: error: Windows line endings (CRLF)"),
    ("broken link", "content/vard/tolk.md", SOURCE.replace("vardcentral.md#", "vardcentralen.md#"),
     "content/vard/tolk.md:14: error: link to 'vardcentralen.md', which does not exist"),
    ("broken anchor", "content/vard/tolk.md", SOURCE.replace("#boka-tid", "#boka"),
     "content/vard/tolk.md:14: error: anchor '#boka' is not a heading of vard/vardcentral.md"),
    ("link to another language's file", "content/vard/tolk.en.md", TRANSLATION.replace("(vardcentral.md#", "(vardcentral.ar.md#"),
     "content/vard/tolk.en.md:12: error: link to a language file 'vardcentral.ar.md'"),
    ("script", "content/vard/tolk.md", SOURCE + "\n<script>alert(1)</script>\n",
     "content/vard/tolk.md:16: error: raw <script> is not allowed"),
    ("iframe", "content/vard/tolk.md", SOURCE + "\n<iframe src=\"https://example.org\"></iframe>\n",
     "content/vard/tolk.md:16: error: raw <iframe> is not allowed"),
    ("object", "content/vard/tolk.md", SOURCE + "\n<object data=\"x.swf\"></object>\n",
     "content/vard/tolk.md:16: error: raw <object> is not allowed"),
    ("event handler", "content/vard/tolk.md", SOURCE + "\n<span onclick=\"steal()\">x</span>\n",
     "content/vard/tolk.md:16: error: inline event handler"),
    ("javascript URL", "content/vard/tolk.md", SOURCE + "\n[klicka](javascript:alert(1))\n",
     "content/vard/tolk.md:16: error: 'javascript:' links are not allowed"),
    ("data URL", "content/vard/tolk.md", SOURCE + "\n[bild](data:text/html;base64,AAAA)\n",
     "content/vard/tolk.md:16: error: 'data:' links are not allowed"),
    ("lost number", "content/vard/tolk.en.md", TRANSLATION.replace(" or 114 14", ""),
     "content/vard/tolk.en.md:10: error: number '114 14' stands 1 time(s) in content/vard/tolk.md, line 14, but 0 time(s)"),
    # Safety (issue 13): numbers that display or dial wrongly, markup that would run, values that crashed.
    ("bidi override around a number", "content/vard/tolk.en.md", TRANSLATION.replace("Call 1177", "Call \u202e1177\u202c"),
     "content/vard/tolk.en.md:12: error: invisible bidi control U+202E (RIGHT-TO-LEFT OVERRIDE) at column 42"),
    ("bidi isolate in the Swedish source", "content/vard/tolk.md", SOURCE.replace("Ring 1177", "Ring \u20661177\u2069"),
     "content/vard/tolk.md:14: error: invisible bidi control U+2066 (LEFT-TO-RIGHT ISOLATE)"),
    ("zero-width space inside a number", "content/vard/tolk.en.md", TRANSLATION.replace("114 14", "114\u200b 14"),
     "content/vard/tolk.en.md:12: error: invisible character U+200B (ZERO WIDTH SPACE) inside the number '114 14'"),
    ("right-to-left mark inside a number", "content/vard/tolk.en.md", TRANSLATION.replace("114 14", "114 \u200f14"),
     "content/vard/tolk.en.md:12: error: invisible character U+200F (RIGHT-TO-LEFT MARK) inside the number '114 14'"),
    ("word joiner next to a number", "content/vard/tolk.en.md", TRANSLATION.replace("Call 1177", "Call 1177\u2060"),
     "content/vard/tolk.en.md:12: error: invisible character U+2060 (WORD JOINER) next to the number '1177'"),
    ("one of several numbers changed", "content/vard/tolk.en.md", TRANSLATION.replace("Call 1177 or 114 14.", "Call 1177 or 114 14. Or 1771."),
     "content/vard/tolk.en.md:12: error: number '1771' is not in the same part of content/vard/tolk.md"),
    ("number moved to another section", "content/vard/tolk.en.md", TRANSLATION.replace("# Interpreter\n", "# Interpreter\n\nCall 114 14.\n").replace(" or 114 14", ""),
     "content/vard/tolk.en.md:12: error: number '114 14' stands 1 time(s) in content/vard/tolk.md, line 14, but 0 time(s) in the section at line 12"),
    ("markup in a translation's title", "content/vard/tolk.en.md", TRANSLATION.replace("title: Interpreter", "title: <img src=x onerror=alert(1)>"),
     "content/vard/tolk.en.md:2: error: front matter value 'title' contains markup (<i…)"),
    ("markup in a source title", "content/vard/tolk.md", SOURCE.replace('title: "1177"', 'title: "1177<script>alert(1)</script>"'),
     "content/vard/tolk.md:7: error: front matter value 'sources[1].title' contains markup"),
    ("markup hidden in a YAML escape", "content/vard/tolk.md", SOURCE.replace("description: Om tolk i vården.", 'description: "\\u003cimg src=x onerror=alert(1)>"'),
     "content/vard/tolk.md:3: error: front matter value 'description' contains markup"),
    ("markup in the glossary", "glossary/en.yml", 'tolk:\n  translation: "<b onmouseover=alert(1)>interpreter</b>"\n  explanation: A person who interprets.\n',
     "glossary/en.yml:2: error: glossary entry 'tolk.translation' contains markup"),
    ("impossible date", "content/vard/tolk.md", SOURCE.replace("reviewed: 2026-11-29", "reviewed: 2026-13-45"),
     "content/vard/tolk.md:5: error: '2026-13-45' is not a real date"),
    ("impossible date in a translation", "content/vard/tolk.en.md", TRANSLATION.replace("  status: machine", "  status: machine\n  translated: 2026-02-30"),
     "content/vard/tolk.en.md:6: error: '2026-02-30' is not a real date"),
    ("duplicated key", "content/vard/tolk.md", SOURCE.replace("section: healthcare", "section: healthcare\ntitle: Tolken"),
     "content/vard/tolk.md:5: error: the key 'title' is given twice (first on the line 2 of the file)"),
    ("title of the wrong type", "content/vard/tolk.md", SOURCE.replace("title: Tolk", "title: [Tolk, Tolken]"),
     "content/vard/tolk.md:2: error: 'title' must be text"),
]


@pytest.mark.parametrize("name,path,text,expected", CASES, ids=[case[0] for case in CASES])
def test_each_broken_case_is_caught_with_file_line_and_advice(tree, capsys, name, path, text, expected):
    write(tree, path, translation(tree, text) if isinstance(text, str) and "{hash}" in text else text)
    code, lines = run(tree, capsys)
    assert code == 1
    assert any(line.startswith(expected) and " — " in line for line in lines), "\n".join(lines)


def test_warnings_are_distinct_and_strict_makes_them_fail(tree, capsys):
    hard = SOURCE.replace("Du har rätt till tolk.", "Förvaltningsmyndigheternas kommunikationsskyldigheter gentemot "
                          "vårdsökande patienter innefattar tolkanvändningsförpliktelser.")
    write(tree, "content/vard/tolk.md", hard.replace("reviewed: 2026-11-29", "reviewed: 2020-01-01"))
    code, lines = run(tree, capsys)
    assert code == 0
    assert any(line.startswith("content/vard/tolk.md:10: warning: LIX") for line in lines)
    assert any("warning: facts last reviewed 2020-01-01" in line for line in lines)
    assert run(tree, capsys, "--strict")[0] == 1


def test_external_links_are_listed_for_review(tree, capsys):
    write(tree, "content/vard/vardcentral.md", OTHER + "\nLäs mer på [1177](https://www.1177.se/vardcentral/).\n")
    code, lines = run(tree, capsys, "--external")
    assert code == 0
    assert "  content/vard/vardcentral.md:16: https://www.1177.se/vardcentral/" in lines


def test_the_build_refuses_broken_content(tmp_path):
    project = small_project(tmp_path / "wayfinder", languages=("ar",))
    page = project / "content" / "vard" / "tolk.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8")
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "content/vard/tolk.md" in result.stderr + result.stdout and "raw <script> is not allowed" in result.stderr + result.stdout
    assert not (tmp_path / "site" / "vard" / "tolk" / "index.html").exists()


# --- Findings are objects: status's problems merge with the checks' by (code, path, line) ---------------

def _report(root):
    from wayfinder.checks import load_check_config, run_checks
    from wayfinder.l10n_config import load_config
    from wayfinder.languages import load_registry

    return run_checks(root, load_registry(root / "locales"), load_config(root / "l10n.yml"),
                      load_check_config(root / "l10n.yml"), history=None)


@pytest.mark.parametrize("name,path,text,code,line", [
    ("bad translation.status", "content/vard/tolk.en.md", TRANSLATION.replace("status: machine", "status: reviewd"),
     "translation.status", 5),
    ("missing translation.status", "content/vard/tolk.en.md", TRANSLATION.replace("  status: machine\n", ""),
     "translation.status", 4),
    ("orphan", "content/vard/tolken.en.md", TRANSLATION, "file.orphan", 1),
    ("two files for one page", "content/vard/tolk.sv.md", SOURCE, "file.duplicate", 1),
    ("unreadable front matter", "content/vard/tolk.en.md", "---\ntitle: 'unclosed\ndescription: x\n---\n# T\n",
     "frontmatter.yaml", 2),
])
def test_a_problem_status_and_the_checks_both_see_is_reported_once(tree, capsys, name, path, text, code, line):
    from wayfinder.findings import Finding

    write(tree, path, translation(tree, text) if "{hash}" in text else text)
    report = _report(tree)
    status_problems = [p for p in _status(tree).problems if p.code == code]
    assert status_problems and all(isinstance(p, Finding) for p in status_problems)
    same = [f for f in report.findings if f.code == code and f.path == path]
    assert [(f.line, f.severity) for f in same] == [(line, "error")], "\n".join(map(str, report.findings))
    assert status_problems[0].key == same[0].key
    # check.py prints the one rendering, code last
    code_, lines = run(tree, capsys)
    assert code_ == 1 and sum(line_.endswith(f" [{code}]") and line_.startswith(f"{path}:") for line_ in lines) == 1, lines


def _status(root):
    from wayfinder.l10n_config import load_config
    from wayfinder.languages import load_registry
    from wayfinder.status import compute_status

    return compute_status(root, load_registry(root / "locales"), load_config(root / "l10n.yml"))


def test_an_unreadable_glossary_is_one_finding_with_its_line_and_advice(tree, capsys):
    write(tree, "glossary/sv.yml", "tolk:\n  term: tolk\n  explanation: 'unclosed\n")
    code, lines = run(tree, capsys)
    found = [line for line in lines if line.endswith(" [glossary.unreadable]")]
    assert code == 1 and len(found) == 1, lines
    assert re.match(r"^glossary/sv\.yml:\d+: error: not valid YAML .* — fix glossary/sv\.yml", found[0]), found
