"""structure.yml declares the site's sections, themes, page kinds and handouts once: it agrees with
mkdocs.yml's nav and l10n.yml, a bad file is reported at its line, and a new theme or section in the data
file is accepted by the checks without a change to the code."""
import shutil

import pytest
import yaml

import check
from conftest import REPO
from wayfinder import structure
from wayfinder.content import scan
from wayfinder.frontmatter import read
from wayfinder.nav_check import _NavLoader

STRUCTURE = structure.default()


def nav():
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    return yaml.load(text.replace("!ENV", "").replace("!!python/object/apply:pymdownx.slugs.slugify", ""),
                     Loader=_NavLoader)["nav"]


def pages_of(items) -> list[str]:
    out = []
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        out += pages_of(value) if isinstance(value, list) else [value]
    return out


def test_nav_sections_are_the_declared_sections_in_order():
    sections = [next(iter(item)) for item in nav() if isinstance(item, dict)]
    assert sections == list(STRUCTURE.section_ids)
    for item in nav():
        if isinstance(item, dict):
            section = next(s for s in STRUCTURE.sections if s.id == next(iter(item)))
            for page in pages_of(next(iter(item.values()))):
                assert page.startswith(section.folders), (section.id, page)


def test_nav_themes_are_the_declared_themes_in_order_with_their_folders():
    civic = next(item[STRUCTURE.themed_section] for item in nav() if isinstance(item, dict) and STRUCTURE.themed_section in item)
    themes = [item for item in civic if isinstance(item, dict)]
    assert [next(iter(item)) for item in themes] == list(STRUCTURE.theme_ids)
    for item, theme in zip(themes, STRUCTURE.themes):
        assert all(page.startswith(theme.folder) for page in pages_of(item[theme.id])), theme.id


def test_l10n_section_rules_name_declared_sections_and_their_folders():
    rules = yaml.safe_load((REPO / "l10n.yml").read_text(encoding="utf-8"))["sections"]
    for section_id, rule in rules.items():
        section = next((s for s in STRUCTURE.sections if s.id == section_id), None)
        assert section is not None, f"l10n.yml section '{section_id}' is not in structure.yml"
        for pattern in rule["required"]:
            assert pattern.startswith(section.folders), (section_id, pattern)


def test_every_page_is_in_the_section_of_its_folder_and_lessons_in_their_folder(registry):
    for source in scan(REPO / "content", registry).sources():
        meta = read(source.path).meta
        owner = next((s.id for s in STRUCTURE.sections if source.page.startswith(s.folders)), None)
        if owner is not None:
            assert meta["section"] == owner, source.page
        kind = STRUCTURE.kind(meta.get("kind"))
        if kind.folder:
            assert source.page.startswith(kind.folder) and meta["section"] == kind.section, source.page
        theme = next((t for t in STRUCTURE.themes if source.page.startswith(t.folder)), None)
        if theme is not None:
            assert meta.get("theme") == theme.id, source.page


def test_handout_collections_are_the_guide_and_every_theme():
    assert [c.folder for c in STRUCTURE.collections] == ["vard/"] + [t.folder for t in STRUCTURE.themes]
    assert STRUCTURE.theme_collection("health").url == "print/halsa/"
    assert STRUCTURE.theme_collection(None).url == STRUCTURE.theme_collection("no-such-theme").url == "print/vard/"


BAD = [
    ("sections:\n  - id: start\n    folders: [start]\nkinds:\n  - id: article\nhandouts:\n  collections: [vard/]\n  default: vard/\n",
     "structure.yml:3: a section folder 'start' must be a folder inside content/ ending in '/'"),
    ("sections:\n  - id: start\n    folders: [start/]\n    colour: red\nkinds:\n  - id: article\nhandouts:\n  default: vard/\n",
     "structure.yml:4: unknown key 'colour' in a section"),
    ("sections:\n  - id: start\n    folders: [start/]\nkinds:\n  - id: article\n  - id: article\nhandouts:\n  collections: [vard/]\n  default: vard/\n",
     "structure.yml:6: kind 'article' is declared twice"),
    ("sections:\n  - id: start\n    folders: [start/]\nkinds:\n  - id: article\n    handout: poster\nhandouts:\n  collections: [vard/]\n  default: vard/\n",
     "structure.yml:6: handout 'poster' is unknown"),
    ("sections:\n  - id: start\n    folders: [start/]\nkinds:\n  - id: lesson\n    section: teachers\n  - id: article\nhandouts:\n  collections: [vard/]\n  default: vard/\n",
     "structure.yml:6: section 'teachers' is not declared under 'sections'"),
    ("sections:\n  - id: start\n    folders: [start/]\nkinds:\n  - id: article\nhandouts:\n  collections: [vard/]\n  default: om/\n",
     "structure.yml:8: handouts.default 'om/' is not a collection"),
    ("sections: [\n", "structure.yml:2: not valid YAML"),
]


@pytest.mark.parametrize("text,expected", BAD, ids=[expected.split(": ", 1)[1][:40] for _, expected in BAD])
def test_a_bad_structure_file_is_reported_at_its_line(tmp_path, text, expected):
    path = tmp_path / "structure.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(structure.StructureError) as error:
        structure.read(path)
    assert str(error.value).startswith(f"{tmp_path}/{expected}"), str(error.value)


THEMED_PAGE = """---
title: Att flytta
description: Om att flytta inom Sverige.
section: {section}
{theme}reviewed: 2026-11-29
sources:
  - title: "Skatteverket"
    url: https://www.skatteverket.se/
---
# Att flytta

## Anmäl flytt

Du anmäler flytt till Skatteverket. Gör det inom en vecka.

## Ny adress

Berätta om din nya adress för banken och för vården.
"""


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "repo"
    (root / "locales").mkdir(parents=True)
    for code in ("sv", "en"):
        shutil.copy(REPO / "locales" / f"{code}.yml", root / "locales")
    shutil.copytree(REPO / "glossary", root / "glossary")
    shutil.copy(REPO / "l10n.yml", root / "l10n.yml")
    shutil.copy(REPO / "structure.yml", root / "structure.yml")
    return root


def write_page(root, page, section, theme=None):
    target = root / "content" / page
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(THEMED_PAGE.format(section=section, theme=f"theme: {theme}\n" if theme else ""), encoding="utf-8")


def run(root, capsys):
    code = check.main(["--root", str(root)])
    return code, [line for line in capsys.readouterr().out.splitlines() if ": error: " in line]


def test_a_new_theme_is_a_line_in_the_data_file(project, capsys):
    write_page(project, "samhallsorientering/att-flytta/index.md", "civic-orientation", "moving")
    code, errors = run(project, capsys)
    assert code == 1 and any("theme 'moving' is unknown" in line for line in errors)

    data = (project / "structure.yml").read_text(encoding="utf-8")
    (project / "structure.yml").write_text(
        data.replace("  - id: ageing\n    folder: att-aldras\n",
                     "  - id: ageing\n    folder: att-aldras\n  - id: moving\n    folder: att-flytta\n"), encoding="utf-8")
    code, errors = run(project, capsys)
    assert errors == [] and code == 0
    added = structure.for_root(project)
    assert added.theme_ids[-1] == "moving"
    assert added.collection_of("samhallsorientering/att-flytta/index.md").url == "print/att-flytta/"  # its own handout


def test_a_new_section_is_a_line_in_the_data_file(project, capsys):
    write_page(project, "arbete/index.md", "work")
    code, errors = run(project, capsys)
    assert code == 1 and any("section 'work' is unknown" in line for line in errors)

    data = (project / "structure.yml").read_text(encoding="utf-8")
    (project / "structure.yml").write_text(
        data.replace("  - id: about\n", "  - id: work\n    folders: [arbete/]\n  - id: about\n"), encoding="utf-8")
    code, errors = run(project, capsys)
    assert errors == [] and code == 0
    assert "work" in structure.for_root(project).section_ids


def test_a_kind_with_a_module_gets_its_page_work_from_it(registry):
    from wayfinder import lessons, page_kinds

    swedish = registry.source
    box = "## Övning 1: Ring\n\n!!! purpose\n    Att ringa.\n"
    assert page_kinds.module(STRUCTURE, "lesson") is lessons
    assert page_kinds.page_markdown(STRUCTURE, box, {"kind": "lesson"}, swedish) == box.replace(
        "!!! purpose", f'!!! purpose "{swedish.t("lesson.purpose")}"')
    assert page_kinds.page_markdown(STRUCTURE, box, {"kind": "article"}, swedish) == box  # other kinds: untouched
    page = page_kinds.Page("vard/tolk.md", "sv", "", {}, dict)
    assert page_kinds.page_context(STRUCTURE, page, None) == {"wayfinder_lesson": None}
