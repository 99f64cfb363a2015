"""Segments and the exchange with translators' tools (issue #16): export XLIFF/PO with translate-toolkit,
edit it as a CAT tool would, import it, and check the Markdown files byte for byte and the status.

Every test works on a temporary copy of the project (conftest.copy_project; the small tree of
conftest.small_project where what is under test is a format or a page, not every page); languages come from
locales/."""
from __future__ import annotations

from pathlib import Path

import pytest
from translate.storage import factory, po, tbx, xliff
from translate.storage.placeables import StringElem

import l10n
from conftest import REPO, copy_project, small_project
from wayfinder.exchange import LanguageSegments, import_file
from wayfinder.l10n_config import load_config
from wayfinder.languages import load_registry
from wayfinder.segments import AlignmentError, align, extract, mark, read_states, replace, sidecar_path
from wayfinder.status import compute_status, to_json

LANGUAGES = [language.code for language in load_registry(REPO / "locales").targets]


def snapshot(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def changed_files(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def export(root: Path, code: str, fmt: str = "xliff", *extra: str) -> Path:
    output = root.parent / f"{code}.{'xlf' if fmt == 'xliff' else 'po'}"
    assert l10n.main(["--root", str(root), "export", code, "--format", fmt, "-o", str(output), *extra]) == 0
    return output


def unit_id(unit) -> str:
    return unit.xmlelement.get("id")


def reviewed_words(root: Path, code: str) -> tuple[int, int]:
    registry = load_registry(root / "locales")
    data = to_json(compute_status(root, registry, load_config(root / "l10n.yml")))
    segments = data["languages"][code]["segments"]
    return segments["words"]["reviewed"], segments["reviewed"]


# --- segmentation --------------------------------------------------------------------------------------

PAGE = """---
title: Tolk
description: Om tolk.
---

# Tolk i vården

En **tolk** översätter. Ring [1177](https://www.1177.se/) eller {{fact:phone.emergency}}
när det är akut.

- Första punkten, 112.
- Andra punkten

!!! info "Bra att veta"
    Tolken har tystnadsplikt.

| Vad | Pris |
|---|---|
| Besök | 200 kronor |
"""


def test_segments_are_cut_by_markdown_structure_with_their_lines():
    segments = extract(PAGE, "page.md")
    assert [(s.kind, s.line) for s in segments] == [
        ("meta.title", 2), ("meta.description", 3), ("h1", 6), ("p", 8), ("li", 11), ("li", 12),
        ("admonition-title:info", 14), ("info>p", 15), ("th", 17), ("th", 17), ("td", 19), ("td", 19)]
    assert segments[3].text == "En **tolk** översätter. Ring [1177](https://www.1177.se/) eller {{fact:phone.emergency}}\nnär det är akut."
    codes = [original for _, original in mark(segments[3].text).codes.values()]
    # the facts placeholder is one opaque code, not text and not a number
    assert codes == ["**", "**", "[", "1177", "](https://www.1177.se/)", "{{fact:phone.emergency}}"]
    assert mark(segments[4].text).text == "Första punkten, {1}."


def test_replacing_one_segment_leaves_every_other_byte():
    segments = extract(PAGE, "page.md")
    new = replace(PAGE, {3: "Ny text.", 7: "Ny ruta.", 10: "Vård | dyr", 6: 'Säg "hej"'}, segments)
    lines_before, lines_after = PAGE.split("\n"), new.split("\n")
    assert lines_after[7] == "Ny text."
    # the two-line paragraph became one line; everything else is where it was, as it was
    assert lines_after[13] == "    Ny ruta."
    assert lines_after[12] == '!!! info "Säg ”hej”"'
    assert lines_after[17] == r"| Vård \| dyr | 200 kronor |"
    assert lines_before[:7] == lines_after[:7] and lines_before[9:13] == lines_after[8:12]
    assert lines_before[15:18] == lines_after[14:17] and lines_before[19:] == lines_after[18:]
    assert [s.kind for s in extract(new, "page.md")] == [s.kind for s in segments]


def test_alignment_failure_names_the_file_and_line():
    translation = PAGE.replace("- Andra punkten\n", "- Andra punkten\n\nEtt extra stycke.\n")
    with pytest.raises(AlignmentError) as error:
        align(extract(PAGE, "page.md"), extract(translation, "page.ar.md"), "page.ar.md", "page.md")
    assert str(error.value).startswith("page.ar.md:14: segment 7 is a paragraph here but a '!!! info' box title in page.md:14")


# --- the agency round trip ------------------------------------------------------------------------------

def test_arabic_three_segments_final_in_a_cat_tool_are_imported_and_reviewed(project):
    before = snapshot(project)
    words_before, segments_before = reviewed_words(project, "ar")
    exported = export(project, "ar")
    store = xliff.xlifffile.parsefile(str(exported))
    registry = load_registry(project / "locales")
    arabic = LanguageSegments(project, registry, "ar")
    # Three segments of three kinds on two pages, one with an inline code, none on a page with recorded states.
    wanted = {}
    for unit in store.getunits():
        page, _, segment_id = unit_id(unit).partition("#")
        data = arabic.load(page)
        kinds = {pair.source.id: pair.source.kind for pair in data.pairs}
        kind = kinds[segment_id]
        has_code = any(type(e).__name__ != "StringElem" for e in unit.rich_source[0].sub)
        if kind == "meta.title" and "title" not in wanted and page.startswith("vard/"):
            wanted["title"] = unit
        elif kind == "li" and "li" not in wanted and page.startswith("samhallsorientering/"):
            wanted["li"] = unit
        elif kind == "p" and has_code and "p" not in wanted and page.startswith("start/"):
            wanted["p"] = unit
    assert set(wanted) == {"title", "li", "p"}
    changed_ids, changed_words = [], 0
    for unit in wanted.values():
        target = unit.rich_target[0]
        target.sub.append(" (راجعه مترجم)")  # the placeholders stay where the CAT tool keeps them
        unit.rich_target = [target]
        unit.set_state_n(unit.statemap["final"])  # what a reviewer's "confirm" writes in XLIFF 1.2
        changed_ids.append(unit_id(unit))
    exported.write_bytes(bytes(store))
    for unit_name in changed_ids:
        page, _, segment_id = unit_name.partition("#")
        changed_words += next(p.source.words for p in arabic.load(page).pairs if p.source.id == segment_id)

    assert l10n.main(["--root", str(project), "import", str(exported)]) == 0

    after = snapshot(project)
    pages = {unit_name.partition("#")[0] for unit_name in changed_ids}
    translations = {f"content/{page[:-3]}.ar.md" for page in pages}
    sidecars = {f"l10n/segments/ar/{page[:-3]}.yml" for page in pages}
    assert changed_files(before, after) == translations | sidecars
    fresh = LanguageSegments(project, registry, "ar")
    for translation in translations:
        page = translation[len("content/"):-len(".ar.md")] + ".md"
        old_lines, new_lines = before[translation].decode().split("\n"), after[translation].decode().split("\n")
        # Rebuild the new file from the old one: every line outside the three segments kept byte for byte,
        # each segment's lines (a wrapped paragraph is several) replaced by its one new line.
        ranges = sorted((pair.target.line - 1, pair.target.place[2] if pair.target.place[0] == "lines" else pair.target.line - 1)
                        for pair in arabic.load(page).pairs if f"{page}#{pair.source.id}" in changed_ids)
        expected, cursor, shift = [], 0, 0
        for first, last in ranges:
            expected += old_lines[cursor:first]
            new_line = new_lines[first - shift]
            assert new_line.endswith(" (راجعه مترجم)")
            expected.append(new_line)
            shift += last - first
            cursor = last + 1
        expected += old_lines[cursor:]
        assert new_lines == expected
        data = fresh.load(page)
        states = read_states(sidecar_path(project, "ar", page))
        for pair in data.pairs:
            expected_state = "reviewed" if f"{page}#{pair.source.id}" in changed_ids else "machine"
            assert states[pair.source.id] == expected_state
            assert fresh.load(page).states == [states[p.source.id] for p in data.pairs]
    words_after, segments_after = reviewed_words(project, "ar")
    assert (words_after - words_before, segments_after - segments_before) == (changed_words, 3)
    assert changed_words > 0


def test_import_refuses_a_segment_whose_swedish_changed_and_imports_the_rest(project, capsys):
    exported = export(project, "ar")
    store = xliff.xlifffile.parsefile(str(exported))
    units = [u for u in store.getunits() if unit_id(u).startswith("vard/akutmottagning.md#")]
    paragraph = next(u for u in units if len(str(u.source)) > 60)
    others = [u for u in units if u is not paragraph and u.target][:2]
    for unit in [paragraph, *others]:
        target = unit.rich_target[0]
        target.sub.append(" (مُراجع)")
        unit.rich_target = [target]
        unit.set_state_n(unit.statemap["final"])
    exported.write_bytes(bytes(store))
    # An editor changes the Swedish of that paragraph after the export.
    source = project / "content/vard/akutmottagning.md"
    first_words = str(paragraph.source).split("{")[0].split("**")[0][:30]
    text = source.read_text(encoding="utf-8")
    assert first_words in text
    source.write_text(text.replace(first_words, first_words + " (ändrad)", 1), encoding="utf-8")

    assert l10n.main(["--root", str(project), "import", str(exported)]) == 1
    out = capsys.readouterr().out
    refused = out.split("Refused")[1].split("\n\n")[0]
    assert unit_id(paragraph) in refused and "changed since the export" in refused
    for unit in others:
        assert f"{unit_id(unit)}: reviewed" in out.split("Refused")[0]
    arabic = (project / "content/vard/akutmottagning.ar.md").read_text(encoding="utf-8")
    assert arabic.count(" (مُراجع)") == len(others)


def test_broken_placeholder_missing_number_and_wrong_language_are_errors_naming_the_segment(project, capsys):
    exported = export(project, "ar")
    store = xliff.xlifffile.parsefile(str(exported))
    with_number = [u for u in store.getunits() if u.target and any(
        type(e).__name__ != "StringElem" and str(e).strip().isdigit() for e in u.rich_target[0].sub)]
    dropped, invented = with_number[0], with_number[1]
    dropped.rich_target = [StringElem([e for e in dropped.rich_target[0].sub if not str(e).strip().isdigit()])]
    invented.target = str(invented.target) + " {99}"
    exported.write_bytes(bytes(store))
    before = snapshot(project)
    assert l10n.main(["--root", str(project), "import", str(exported)]) == 1
    out = capsys.readouterr().out
    errors = out.split("Errors (not imported)")[1]
    assert f"{unit_id(dropped)} (" in errors and "is missing in the translation" in errors
    assert f"{unit_id(invented)} (" in errors
    assert changed_files(before, snapshot(project)) == set()

    # The same file declared as Tigrinya: refused as a whole, nothing written.
    store.settargetlanguage("xx")
    exported.write_bytes(bytes(store))
    assert l10n.main(["--root", str(project), "import", str(exported)]) == 1
    assert "target language is 'xx'" in capsys.readouterr().err
    # Latin-script text in an Arabic segment: the wrong language, named by segment.
    store = xliff.xlifffile.parsefile(str(export(project, "ar")))
    unit = next(u for u in store.getunits() if u.target and unit_id(u).startswith("vard/"))
    unit.target = "This sentence was pasted in English by mistake instead of Arabic"
    exported.write_bytes(bytes(store))
    assert l10n.main(["--root", str(project), "import", str(exported)]) == 1
    out = capsys.readouterr().out
    assert unit_id(unit) in out and "Latin script" in out and "Arabic script" in out
    assert changed_files(before, snapshot(project)) == set()


def test_po_round_trip_unfuzzied_entry_becomes_reviewed_and_quality_checks_report(project, capsys):
    exported = export(project, "ar", "po")
    store = po.pofile.parsefile(str(exported))
    unit = next(u for u in store.getunits() if u.target and u.getcontext().startswith("vard/akutmottagning.md#")
                and "{" not in u.source and u.source.endswith("."))
    unit.target = unit.target.rstrip(".")  # a reviewer confirms it, dropping the full stop
    unit.markfuzzy(False)
    exported.write_bytes(bytes(store))
    assert l10n.main(["--root", str(project), "import", str(exported)]) == 0
    out = capsys.readouterr().out
    assert f"{unit.getcontext()}: reviewed" in out
    assert f"{unit.getcontext()} (content/vard/akutmottagning.ar.md:" in out and "endpunc" in out
    page, _, segment_id = unit.getcontext().partition("#")
    assert read_states(sidecar_path(project, "ar", page))[segment_id] == "reviewed"


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_untouched_export_round_trip_changes_nothing_in_every_language(tmp_path, fmt):
    # Every real page goes through XLIFF; PO differs in the file format only, so the small tree (its pages
    # have facts, boxes and the kept-Swedish card) is enough for it.
    project = (copy_project if fmt == "xliff" else small_project)(tmp_path / "project")
    before = snapshot(project)
    registry = load_registry(project / "locales")
    for code in LANGUAGES:
        exported = export(project, code, fmt)
        parsed = factory.getobject(str(exported))  # opens without error in translate-toolkit
        declared = parsed.gettargetlanguage() if fmt == "xliff" else parsed.parseheader()["X-Wayfinder-Language"]
        assert declared == code and len(parsed.units) > 10
        assert len(tbx.tbxfile.parsefile(str(exported.with_suffix(".tbx"))).units) > 10
        result = import_file(exported, project, registry)
        assert (result.changed, result.state_changed, result.refused, result.errors) == ([], [], [], [])
    assert changed_files(before, snapshot(project)) == set()


def test_status_counts_segments_and_words_to_review(project):
    registry = load_registry(project / "locales")
    data = to_json(compute_status(project, registry, load_config(project / "l10n.yml")))
    source = data["languages"][registry.source.code]["segments"]
    for code in LANGUAGES:
        segments = data["languages"][code]["segments"]
        assert segments["total"] == source["total"] > 0
        assert sum(segments[state] for state in ("missing", "machine", "outdated", "translated", "reviewed")) == segments["total"]
        assert segments["words_to_review"] == segments["words"]["machine"] + segments["words"]["outdated"]
    exported = export(project, "ar", "xliff", "--only", "machine,outdated")
    units = xliff.xlifffile.parsefile(str(exported)).units
    assert all(u.xmlelement.find(u.namespaced("target")).get("state") == "needs-review-translation" for u in units)


# --- review in the repository (community round trip) and what readers see ----------------------------------

def test_reviewing_every_required_page_makes_a_language_offered_reviewed(project, capsys):
    registry = load_registry(project / "locales")
    config = load_config(project / "l10n.yml")
    status = compute_status(project, registry, config)
    assert "en" not in status.offered_reviewed
    required = config.offered.pages(sorted(p.page for p in status.languages["en"].pages))
    english = LanguageSegments(project, registry, "en")
    for page in required:
        translation = project / "content" / f"{page[:-3]}.en.md"
        if english.load(page).error:  # segments do not align: the page-level review is the only way
            assert l10n.main(["--root", str(project), "sync", str(translation), "--status", "reviewed",
                              "--reviewer", "Test Reviewer"]) == 0
        else:
            assert l10n.main(["--root", str(project), "review", str(translation), "--reviewer", "Test Reviewer"]) == 0
    status = compute_status(project, registry, config)
    assert "en" in status.offered_reviewed
    reviewed = (project / "content/vard/akutmottagning.en.md").read_text(encoding="utf-8")
    assert "status: reviewed" in reviewed and "reviewed_by: Test Reviewer" in reviewed
    states = read_states(sidecar_path(project, "en", "vard/akutmottagning.md"))
    assert states and set(states.values()) == {"reviewed"}
    # Importing an unchanged export of a reviewed language changes nothing either.
    before = snapshot(project)
    assert import_file(export(project, "en"), project, registry).changed == []
    assert changed_files(before, snapshot(project)) == set()


@pytest.mark.browser
def test_partly_reviewed_page_says_so_and_the_side_by_side_view_labels_each_segment(tmp_path, page):
    import os
    import subprocess
    import sys

    from conftest import serve

    # The small tree in Arabic and Swedish (the page under test and the pages it links to). It has no home
    # page, which only a strict build refuses: built with --no-strict.
    project = small_project(tmp_path / "project", languages=("ar",))
    exported = export(project, "ar")
    store = xliff.xlifffile.parsefile(str(exported))
    confirmed = [u for u in store.getunits() if unit_id(u).startswith("vard/akutmottagning.md#")][:3]
    for unit in confirmed:
        unit.set_state_n(unit.statemap["final"])
    exported.write_bytes(bytes(store))
    assert l10n.main(["--root", str(project), "import", str(exported)]) == 0
    site = tmp_path / "site"
    for code in ("ar", "sv"):  # one language per build; both in one site, as the full build lays them out
        out = tmp_path / f"site-{code}"
        env = dict(os.environ, WAYFINDER_LANGUAGE=code, NO_MKDOCS_2_WARNING="1", WAYFINDER_COMPRESS="0")
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--no-strict", "-d", str(out)], cwd=project,
                                env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr[-3000:]
        subprocess.run(["cp", "-r", f"{out}/.", str(site)], check=True) if site.exists() else out.rename(site)
    html = (site / "ar/vard/akutmottagning/index.html").read_text(encoding="utf-8")
    arabic = load_registry(project / "locales")["ar"]
    data = to_json(compute_status(project, load_registry(project / "locales"), load_config(project / "l10n.yml")))
    assert "wf-notice--partly-reviewed" in html
    title = arabic.t("segments.partly_reviewed.title").split("{percent}")[0]
    assert title in html
    server = serve(site)
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/ar/vard/akutmottagning/")
        page.eval_on_selector('[data-wf-action="bilingual"]', "button => button.click()")
        page.wait_for_selector(".wf-seg")
        states = page.eval_on_selector_all(".wf-bilingual .wf-seg", "labels => labels.map(l => l.dataset.wfState)")
        labels = page.eval_on_selector_all(".wf-seg", "labels => labels.map(l => l.textContent)")
        edit_links = page.eval_on_selector_all(".wf-seg__edit", "links => links.map(l => l.href)")
        first_heading = page.eval_on_selector(".wf-bilingual__cell:not(.wf-bilingual__cell--sv) h1 .wf-seg",
                                              "label => label.dataset.wfState")
        page.screenshot(path=str(tmp_path / "bilingual.png"))
    finally:
        server.shutdown()
    kinds = {pair.source.id: pair.source.kind for pair in LanguageSegments(project, load_registry(project / "locales"), "ar")
             .load("vard/akutmottagning.md").pairs}
    body_confirmed = [u for u in confirmed if not kinds[unit_id(u).partition("#")[2]].startswith("meta.")]
    assert body_confirmed  # the page's heading at least; title and description have no block on the page
    assert first_heading == ("reviewed" if kinds[unit_id(body_confirmed[0]).partition("#")[2]] == "h1" else "machine")
    assert states.count("reviewed") == len(body_confirmed)
    assert states.count("reviewed") + states.count("machine") == len(states) == len(kinds) - 2
    assert all(arabic.t(f"segments.state.{state}") in label for state, label in zip(states, labels))
    assert edit_links and all(link.endswith("/content/vard/akutmottagning.ar.md") for link in edit_links)
    assert data["languages"]["ar"]["segments"]["reviewed"] == 3


def test_a_missing_page_translated_in_full_is_created_and_a_partial_one_refused(project, capsys):
    registry = load_registry(project / "locales")
    persian = LanguageSegments(project, registry, "fa")
    missing = [page for page in persian.pages() if persian.load(page).translation_path is None]
    assert len(missing) >= 2
    whole, partial = missing[0], missing[1]
    exported = export(project, "fa", "po", "--only", "missing")
    store = po.pofile.parsefile(str(exported))
    units = [u for u in store.getunits() if not u.isheader()]
    assert units and all(not u.target for u in units)
    # A "translation": every run of letters becomes a Persian word; codes ({1}, {2} …) stay where they are.
    import re
    for unit in units:
        page = unit.getcontext().partition("#")[0]
        if page == whole or (page == partial and unit is not next(u for u in units if u.getcontext().startswith(partial + "#"))):
            unit.target = re.sub(r"[^\W\d_]+", "متن", unit.source)
            unit.markfuzzy(False)
    exported.write_bytes(bytes(store))
    assert l10n.main(["--root", str(project), "import", str(exported), "--reviewer", "Test"]) == 1
    out = capsys.readouterr().out
    created = project / "content" / f"{whole[:-3]}.fa.md"
    assert created.exists() and not (project / "content" / f"{partial[:-3]}.fa.md").exists()
    assert f"{partial}: not translated into fa yet, and 1 of its segments have no translation" in out
    text = created.read_text(encoding="utf-8")
    assert "status: reviewed" in text and "reviewed_by: Test" in text
    source = (project / "content" / whole).read_text(encoding="utf-8")
    assert [s.kind for s in extract(text, "new")] == [s.kind for s in extract(source, "source")]
    assert l10n.main(["--root", str(project), "check", str(created)]) == 0  # structure, numbers, links, front matter
    status = compute_status(project, registry, load_config(project / "l10n.yml"))
    assert status.state_of("fa", whole).state == "reviewed"


def test_import_never_overwrites_a_translation_edited_since_the_export(project, capsys):
    exported = export(project, "ar")
    store = xliff.xlifffile.parsefile(str(exported))
    unit = next(u for u in store.getunits() if unit_id(u).startswith("vard/akutmottagning.md#") and len(str(u.target)) > 40)
    target = unit.rich_target[0]
    target.sub.append(" (من الوكالة)")
    unit.rich_target = [target]
    unit.set_state_n(unit.statemap["final"])
    exported.write_bytes(bytes(store))
    # A community reviewer corrects the same paragraph in the Markdown meanwhile.
    page = project / "content/vard/akutmottagning.ar.md"
    first_words = str(unit.target).split("{")[0][:20]
    text = page.read_text(encoding="utf-8")
    assert first_words in text
    page.write_text(text.replace(first_words, first_words + " (تصحيح)", 1), encoding="utf-8")
    edited = page.read_bytes()
    assert l10n.main(["--root", str(project), "import", str(exported)]) == 1
    out = capsys.readouterr().out
    assert unit_id(unit) in out.split("Refused")[1] and "edited since the export" in out
    assert page.read_bytes() == edited
