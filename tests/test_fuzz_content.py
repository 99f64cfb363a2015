"""Property-based tests (Hypothesis, issue 13): real pages with mutated front matter and Markdown —
random types, impossible dates, Unicode, bidi controls, duplicated keys, truncation — make check.py and
the build either succeed or stop with `path:line` messages: never a traceback, never a page dropped
silently.

The default run is short (CI). A longer run:
    WAYFINDER_FUZZ_EXAMPLES=500 .venv/bin/python -m pytest tests/test_fuzz_content.py
"""
import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import check
from conftest import SMALL_PAGES, small_project
from wayfinder.content import page_url

EXAMPLES = int(os.environ.get("WAYFINDER_FUZZ_EXAMPLES", "15"))
# The default (CI) run draws the same examples every time, so a red CI run is reproducible and a green
# one is not luck; the long run explores new inputs.
DERANDOMIZE = "WAYFINDER_FUZZ_EXAMPLES" not in os.environ
BUILD_EXAMPLES = max(2, EXAMPLES // 8)
# "path:line: severity: what is wrong — what to do [code]" (wayfinder.findings: the one rendering)
FINDING = re.compile(r"^(content|glossary|locales|facts)/\S+:\d+: (error|warning|notice): .+ — .+ \[[a-z]+\.[a-z-]+\]$")


PAGES = SMALL_PAGES  # real pages in every language (conftest.small_project)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    return small_project(tmp_path_factory.mktemp("fuzz") / "project")


def files_of(project: Path) -> list[Path]:
    return sorted((project / "content").rglob("*.md"))


# What people paste and type: any Unicode, with extra weight on what breaks things.
NASTY = ["\u202e", "\u202c", "\u2066", "\u2069", "\u200b", "\u200f", "\u200e", "\u061c", "\ufeff", "\u00ad", "\u2060",
         "\x00", "\x1b", "\r", "\t", "<img src=x onerror=alert(1)>", "{{", "}}", "---", "...", ": ", "- ", "# ", "!!! ",
         "2026-13-45", "2026-02-30", "0000-00-00", "1177", "114 14", "010-456 67 00", "[x](", "](nowhere.md)", "\\", "'", '"']
text = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=12)), max_size=6).map("".join)
scalars = st.one_of(text, st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.none(),
                    st.dates(min_value=dt.date(1, 1, 1)), st.sampled_from(["2026-13-45", "2026-02-30", "yes", "~", "[]"]))


def containers(inner):
    """Lists and mappings of `inner` (a named function: Hypothesis cannot see a multi-line lambda's argument)."""
    return st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3))


values = st.recursive(scalars, containers, max_leaves=6)
KEYS = ["title", "description", "section", "theme", "kind", "reviewed", "sources", "terms", "lesson", "translation",
        "status", "source_hash", "tags", "translated", "reviewed_by"]


@st.composite
def mutations(draw, count: int):
    index = draw(st.integers(0, count - 1))
    kind = draw(st.sampled_from(["set key", "raw key", "nested", "insert", "truncate", "duplicate line", "delete line"]))
    if kind == "set key":
        return index, kind, (draw(st.sampled_from(KEYS)), draw(values))
    if kind == "raw key":
        return index, kind, (draw(st.sampled_from(KEYS)), draw(text))
    if kind == "nested":
        return index, kind, (draw(st.sampled_from(["status", "source_hash", "translated", "reviewed_by", "x"])), draw(values))
    return index, kind, (draw(st.integers(0, 10_000)), draw(text))


def mutate(path: Path, kind: str, argument) -> None:
    original = path.read_text(encoding="utf-8")
    lines = original.split("\n")
    end = lines.index("---", 1) if lines[0] == "---" and "---" in lines[1:] else 0
    if kind in ("set key", "raw key"):
        key, value = argument
        rendered = yaml.safe_dump({key: value}, allow_unicode=True, default_flow_style=True).strip()[1:-1] \
            if kind == "set key" else f"{key}: {value}"
        lines = [line for line in lines[:end] if not line.startswith(f"{key}:")] + [rendered] + lines[end:] if end \
            else ["---", rendered, "---"] + lines
    elif kind == "nested":
        key, value = argument
        rendered = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True).strip().replace("\n", " ")
        lines.insert(max(end, 1), f"  {key}: {rendered}" if "translation:" in lines[:end] else f"translation: {{{key}: {rendered}}}")
    elif kind == "insert":
        position, inserted = argument
        lines.insert(position % (len(lines) + 1), inserted)
    elif kind == "truncate":
        position, _ = argument
        path.write_text(original[: position % (len(original) + 1)], encoding="utf-8")
        return
    elif kind == "duplicate line":
        position, _ = argument
        lines.insert(position % max(end, 1) + 1, lines[position % max(end, 1)])
    elif kind == "delete line":
        position, _ = argument
        del lines[position % len(lines)]
    path.write_text("\n".join(lines), encoding="utf-8")


def run_check(project: Path) -> tuple[int, list[str]]:
    out = io.StringIO()
    with redirect_stdout(out):  # a traceback is an exception here and fails the test as it is
        code = check.main(["--root", str(project)])
    return code, out.getvalue().splitlines()


def mutated_copy(pristine: Path, tmp_path_factory, data, most: int) -> Path:
    """A copy of the small project with one to `most` mutations drawn by Hypothesis."""
    project = tmp_path_factory.mktemp("mutated") / "project"
    shutil.copytree(pristine, project)
    files = files_of(project)
    for index, kind, argument in data.draw(st.lists(mutations(len(files)), min_size=1, max_size=most)):
        mutate(files[index], kind, argument)
    return project


@settings(max_examples=EXAMPLES, deadline=None, derandomize=DERANDOMIZE, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])
@given(data=st.data())
def test_check_either_passes_or_names_file_and_line(pristine, tmp_path_factory, data):
    project = mutated_copy(pristine, tmp_path_factory, data, most=3)
    code, lines = run_check(project)
    assert code in (0, 1)
    assert all(FINDING.match(line) for line in lines), "\n".join(line for line in lines if not FINDING.match(line))
    if code == 1:
        assert any(": error: " in line for line in lines)


def test_the_pristine_small_project_passes(pristine):
    code, lines = run_check(pristine)
    assert code == 0 and not [line for line in lines if ": notice: " not in line], lines


@settings(max_examples=BUILD_EXAMPLES, deadline=None, derandomize=DERANDOMIZE, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                             HealthCheck.too_slow])
@given(data=st.data())
def test_build_either_publishes_every_page_or_names_file_and_line(pristine, tmp_path_factory, data):
    project = mutated_copy(pristine, tmp_path_factory, data, most=2)
    site = project / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], cwd=project,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1", WAYFINDER_COMPRESS="0"), capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-3000:]
    if result.returncode:
        assert re.search(r"(content|glossary|locales)/\S+:\d+: (error|warning): ", output), output[-3000:]
    else:
        for page in PAGES:  # nothing dropped: every page is published in the source language
            assert (site / page_url(page) / "index.html").exists(), page
