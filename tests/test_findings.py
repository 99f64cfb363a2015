"""Findings are objects with a registered code (wayfinder.findings): every code used is in CODES and
FINDINGS.md, no code is registered unused, no two codes share a message, and merging keeps one finding per
(code, path, line) across status and the checks."""
import ast
import re
import subprocess
import sys

import pytest

from conftest import REPO
from wayfinder.findings import CODES, Finding, codes_markdown, merge, render

PACKAGE = REPO / "scripts" / "wayfinder"


def _template(node) -> str | None:
    """A message as written in the source: f-string parts become {}."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value if isinstance(part, ast.Constant) else "{}" for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _template(node.left), _template(node.right)
        return left + right if left is not None and right is not None else None
    return None


# Finding itself, the modules' local helpers that make one (error, add, at) and the front matter errors.
FINDING_CALLS = {"Finding", "error", "add", "at", "FrontMatterError", "_ValueError"}


def _name(func) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def used_codes() -> dict[str, set[str]]:
    """code -> message templates, from every call in scripts/wayfinder/ passing a registered code as a
    string (Finding(...) and the modules' error/add/at helpers, FrontMatterError, _ValueError)."""
    used: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.glob("*.py")):
        if path.name == "findings.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or _name(node.func) not in FINDING_CALLS:
                continue
            args = list(node.args) + [keyword.value for keyword in node.keywords]
            codes = [arg.value for arg in args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                     and re.fullmatch(r"[a-z]+\.[a-z-]+", arg.value)]
            messages = [t for t in map(_template, args) if t is not None and " " in t]
            for code in codes:
                used.setdefault(code, set()).update(messages[-1:])
    return used


def test_every_code_used_is_registered_and_every_registered_code_is_used():
    used = used_codes()
    assert sorted(set(used) - set(CODES)) == []
    assert sorted(set(CODES) - set(used)) == []


def test_no_two_codes_share_a_message():
    by_template: dict[str, set[str]] = {}
    for code, templates in used_codes().items():
        if code in CODES:
            for template in templates:
                by_template.setdefault(template, set()).add(code)
    assert {t: codes for t, codes in by_template.items() if len(codes) > 1} == {}


def test_codes_follow_one_scheme():
    for code, about in CODES.items():
        assert re.fullmatch(r"[a-z]+\.[a-z]+(-[a-z]+)*", code), code
        assert about and about == about.strip(), code


def test_findings_md_is_generated_from_the_registry():
    assert (REPO / "FINDINGS.md").read_text(encoding="utf-8") == codes_markdown(), \
        "FINDINGS.md is out of date — run: .venv/bin/python scripts/check.py --codes > FINDINGS.md"
    out = subprocess.run([sys.executable, str(REPO / "scripts" / "check.py"), "--codes"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout == codes_markdown()


def test_a_finding_needs_a_registered_code_and_severity():
    with pytest.raises(ValueError, match="register it"):
        Finding("parity.nummer", "content/a.md", 1, "error", "x — y")
    with pytest.raises(ValueError):
        Finding("parity.number", "content/a.md", 1, "fatal", "x — y")


def test_one_rendering():
    finding = Finding("parity.number", "content/a.en.md", 3, "error", "number '1177' is missing — copy it")
    assert str(finding) == render(finding) == "content/a.en.md:3: error: number '1177' is missing — copy it [parity.number]"
    assert finding.as_dict() == {"code": "parity.number", "path": "content/a.en.md", "line": 3, "severity": "error",
                                 "message": "number '1177' is missing — copy it"}


def test_merge_keeps_one_finding_per_code_path_and_line():
    checks = [Finding("translation.status", "content/a.en.md", 5, "error", "translation.status 'x' is not valid — fix"),
              Finding("link.missing", "content/a.en.md", 9, "error", "link to 'b.md', which does not exist — fix"),
              Finding("link.missing", "content/a.en.md", 9, "error", "link to 'c.md', which does not exist — fix")]
    status = [Finding("translation.status", "content/a.en.md", 5, "error", "worded otherwise — fix"),  # the same problem
              Finding("translation.status", "content/b.en.md", 5, "error", "translation.status 'x' is not valid — fix"),
              Finding("file.orphan", "content/a.en.md", 1, "error", "translation without a Swedish source page — fix")]
    merged = merge(checks, status)
    assert [(f.code, f.path, f.line) for f in merged] == [
        ("file.orphan", "content/a.en.md", 1), ("translation.status", "content/a.en.md", 5),
        ("link.missing", "content/a.en.md", 9), ("link.missing", "content/a.en.md", 9),  # two links: both stay
        ("translation.status", "content/b.en.md", 5)]
    assert "worded otherwise — fix" not in map(lambda f: f.message, merged)  # the check's finding stands
    assert merge(checks + checks, []) == sorted(checks)  # exact repeats once


def test_front_matter_errors_carry_their_code_across_processes():
    import pickle

    from wayfinder.frontmatter import FrontMatterError, split

    with pytest.raises(FrontMatterError) as caught:
        split("---\ntitle: a\ntitle: b\n---\n", "content/x.md")
    error = pickle.loads(pickle.dumps(caught.value))
    assert error.finding() == Finding("frontmatter.duplicate-key", "content/x.md", 3, "error", caught.value.message)
    assert str(error) == str(error.finding())
