"""Translation status: every state transition, the offered rule, outdated detection with and without
history, minor changes, orphans, bad front matter, every output format and the CLI's exit codes."""
import csv
import io
import json
import os
import shutil
import subprocess
import sys

import pytest

import l10n
from conftest import REPO
from wayfinder.history import History
from wayfinder.l10n_config import load_config
from wayfinder.languages import load_registry
from wayfinder.status import compute_status, read_translation_info, to_json

SOURCE = """---
title: {title}
description: A page.
section: {section}
reviewed: 2026-11-29
sources:
  - title: Source
    url: https://www.1177.se/
---
# {title}

## Första delen

Ring 112 om det är akut.

## Andra delen

{second}
"""

CONFIG = """offered:
  required: [index.md, vard/*.md]
  accept: [machine, reviewed]
sections:
  healthcare: {label: healthcare guide, required: ["vard/*.md"]}
minor_change_keywords: ["[typo]"]
"""


def git(root, *args):
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "site"
    (root / "locales").mkdir(parents=True)
    for code in ("sv", "en", "ar"):
        shutil.copy(REPO / "locales" / f"{code}.yml", root / "locales")
    (root / "l10n.yml").write_text(CONFIG, encoding="utf-8")
    write_source(root, "index.md", "Hem", "start", "Text om start.")
    write_source(root, "vard/tolk.md", "Tolk", "healthcare", "Du har rätt till tolk.")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "test@example.org")
    git(root, "config", "user.name", "Test")
    commit(root, "Add sources")
    return root


def write_source(root, page, title, section, second):
    path = root / "content" / page
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SOURCE.format(title=title, section=section, second=second), encoding="utf-8")


def commit(root, message):
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def translate(root, page, code, status="machine", body="## First part\n\nCall 112 if it is urgent.\n\n## Second part\n\nText.\n"):
    path = root / "content" / page.replace(".md", f".{code}.md")
    path.write_text(f"---\ntitle: T\ndescription: D\ntranslation:\n  status: {status}\n---\n# T\n\n{body}", encoding="utf-8")
    return path


def status_of(root, with_history=True):
    config = load_config(root / "l10n.yml")
    history = History.load(root, config.minor_change_keywords) if with_history else None
    return compute_status(root, load_registry(root / "locales"), config, history)


def state(root, code, page, **kwargs):
    return status_of(root, **kwargs).state_of(code, page)


def run(root, *args, capsys):
    code = l10n.main(list(args), root=root)
    return code, capsys.readouterr()


def test_missing_machine_reviewed_outdated_synced(project, capsys):
    assert state(project, "en", "vard/tolk.md").state == "missing"

    path = translate(project, "vard/tolk.md", "en")
    assert run(project, "sync", str(path), capsys=capsys)[0] == 0
    assert state(project, "en", "vard/tolk.md").state == "machine"

    assert run(project, "sync", "--status", "reviewed", "--reviewer", "A. Translator", str(path), capsys=capsys)[0] == 0
    assert state(project, "en", "vard/tolk.md").state == "reviewed"
    commit(project, "Translate tolk")

    write_source(project, "vard/tolk.md", "Tolk", "healthcare", "Du har rätt till tolk. Tolken är gratis.")
    commit(project, "Say the interpreter is free")
    outdated = state(project, "en", "vard/tolk.md")
    assert outdated.state == "outdated"
    assert outdated.status == "reviewed"
    assert outdated.changed_sections == ("Andra delen",)
    assert outdated.commits_behind == 1

    assert run(project, "sync", str(path), capsys=capsys)[0] == 0
    assert state(project, "en", "vard/tolk.md").state == "reviewed"


def test_minor_source_change_does_not_invalidate(project, capsys):
    path = translate(project, "vard/tolk.md", "en")
    run(project, "sync", str(path), capsys=capsys)
    commit(project, "Translate")
    write_source(project, "vard/tolk.md", "Tolk", "healthcare", "Du har rätt till en tolk.")
    commit(project, "[typo] article")
    page = state(project, "en", "vard/tolk.md")
    assert page.state == "machine" and page.minor_changes_only
    # Without history the same change can only be seen as outdated: hashes differ.
    assert state(project, "en", "vard/tolk.md", with_history=False).state == "outdated"


def test_uncommitted_source_edit_is_never_minor(project, capsys):
    path = translate(project, "vard/tolk.md", "en")
    run(project, "sync", str(path), capsys=capsys)
    commit(project, "Translate")
    write_source(project, "vard/tolk.md", "Tolk", "healthcare", "Ändrat men inte committat.")
    assert state(project, "en", "vard/tolk.md").state == "outdated"


def test_shallow_clone_detects_outdated_by_hash(project, tmp_path, capsys):
    path = translate(project, "vard/tolk.md", "en")
    run(project, "sync", str(path), capsys=capsys)
    commit(project, "Translate")
    write_source(project, "vard/tolk.md", "Tolk", "healthcare", "Ny text.")
    commit(project, "Change")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{project}", str(clone)], check=True)
    page = state(clone, "en", "vard/tolk.md")
    assert page.state == "outdated"
    assert page.changed_sections is None  # the followed version is not in the shallow history
    code, out = run(clone, "diff", str(clone / "content/vard/tolk.en.md"), capsys=capsys)
    assert code == 1 and "shallow" in out.out


def test_diff_groups_changes_by_heading(project, capsys):
    path = translate(project, "vard/tolk.md", "en")
    run(project, "sync", str(path), capsys=capsys)
    commit(project, "Translate")
    write_source(project, "vard/tolk.md", "Tolk", "healthcare", "Tolken är gratis.")
    commit(project, "Free interpreter")
    code, out = run(project, "diff", str(path), capsys=capsys)
    assert code == 1
    assert "1 commit(s) since" in out.out and "Free interpreter" in out.out
    assert "## Andra delen" in out.out and "+Tolken är gratis." in out.out
    assert "## Första delen" not in out.out


def test_offered_rule_overall_and_per_section(project, capsys):
    for page in ("index.md", "vard/tolk.md"):
        run(project, "sync", str(translate(project, page, "en")), capsys=capsys)
    run(project, "sync", str(translate(project, "vard/tolk.md", "ar")), capsys=capsys)
    status = status_of(project)
    assert status.offered == ["sv", "en"]
    assert status.offered_in_section("healthcare") == ["sv", "en", "ar"]
    assert status.offered_reviewed == ["sv"]


def test_orphan_is_reported_never_counted(project, capsys):
    run(project, "sync", str(translate(project, "vard/tolk.md", "en")), capsys=capsys)
    (project / "content/vard/tolk.md").rename(project / "content/vard/tolken.md")
    status = status_of(project)
    assert status.orphans == ["content/vard/tolk.en.md"]
    assert status.languages["en"].counts()["pages"]["translated"] == 0
    # A problem is an object with a code; its message is the one the content checks print too.
    [orphan] = [p for p in status.problems if p.code == "file.orphan"]
    assert (orphan.path, orphan.line, orphan.severity) == ("content/vard/tolk.en.md", 1, "error")
    assert "translation without a Swedish source" in orphan.message
    code, out = run(project, "status", capsys=capsys)
    assert code == 1 and "orphan content/vard/tolk.en.md" in out.out
    data = json.loads(run(project, "status", "--format", "json", capsys=capsys)[1].out)
    # The JSON contract: problems stay strings (the one rendering); "findings" holds them as objects.
    assert data["problems"] == [str(orphan)] and data["problems"][0].endswith(" [file.orphan]")
    assert data["findings"] == [orphan.as_dict()]


def test_bad_front_matter_names_file_and_line(project, capsys):
    path = project / "content/vard/tolk.en.md"
    path.write_text("---\ntitle: T\ndescription: 'unclosed\ntranslation:\n  status: machine\n---\n# T\n", encoding="utf-8")
    status = status_of(project)
    assert any(p.path == "content/vard/tolk.en.md" and p.line in (3, 4) and p.code == "frontmatter.yaml"
               for p in status.problems), status.problems
    assert run(project, "status", capsys=capsys)[0] == 1


def test_fast_reader_agrees_with_yaml():
    text = "---\ntitle: 'Tolk: i vården'\ndescription: x # comment\ntranslation:\n  status: reviewed\n  source_hash: abc\n---\n"
    info = read_translation_info(text, "x")
    assert (info.status, info.source_hash) == ("reviewed", "abc")
    odd = "---\ntitle: x\ntranslation: {status: machine, source_hash: def}\n---\n"
    assert read_translation_info(odd, "x").source_hash == "def"


def test_json_contract(project, capsys):
    run(project, "sync", str(translate(project, "vard/tolk.md", "en")), capsys=capsys)
    code, out = run(project, "status", "--format", "json", capsys=capsys)
    assert code == 0
    data = json.loads(out.out)
    assert data["source"] == "sv" and data["offered"] == ["sv"]
    en = data["languages"]["en"]
    assert en["name"] == "English" and en["offered"] is False
    assert en["pages"] == {"total": 2, "translated": 1, "reviewed": 0, "machine": 1, "outdated": 0, "missing": 1,
                           "unreviewed": 0}
    assert set(en["words"]) == {"total", "translated"} and all(isinstance(v, int) for v in en["words"].values())
    assert en["missing_pages"] == ["content/index.md"] and en["outdated_pages"] == []


def test_table_markdown_and_csv(project, capsys):
    run(project, "sync", str(translate(project, "vard/tolk.md", "en")), capsys=capsys)
    code, out = run(project, "status", capsys=capsys)
    assert code == 0 and "Offered in 1 languages" in out.out and "healthcare guide offered in 2 languages" in out.out
    assert "missing content/index.md" in out.out
    code, out = run(project, "status", "--format", "markdown", "--lang", "en", capsys=capsys)
    assert "| en | English | no | 2 | 1 | 0 | 1 | 0 | 1 |" in out.out
    code, out = run(project, "status", "--format", "csv", capsys=capsys)
    rows = list(csv.DictReader(io.StringIO(out.out)))
    en_all = next(r for r in rows if r["code"] == "en" and r["section"] == "all")
    assert en_all["pages_translated"] == "1" and en_all["offered"] == "no"
    assert any(r["code"] == "en" and r["section"] == "healthcare" and r["pages_missing"] == "0" for r in rows)


def test_section_filter_and_gates(project, capsys):
    run(project, "sync", str(translate(project, "vard/tolk.md", "en")), capsys=capsys)
    code, out = run(project, "status", "--format", "json", "--section", "healthcare", capsys=capsys)
    assert json.loads(out.out)["languages"]["en"]["pages"]["total"] == 1
    assert run(project, "status", "--fail-under", "40", "--lang", "en", capsys=capsys)[0] == 0
    assert run(project, "status", "--fail-under", "90", "--lang", "en", capsys=capsys)[0] == 1
    write_source(project, "vard/tolk.md", "Tolk", "healthcare", "Ändrad.")
    assert run(project, "status", "--fail-on-outdated", capsys=capsys)[0] == 1
    assert run(project, "status", "--lang", "xx", capsys=capsys)[0] == 2
    assert run(project, "status", "--section", "nope", capsys=capsys)[0] == 2


def test_real_repository_status_is_consistent(registry):
    status = compute_status(REPO, registry, load_config(REPO / "l10n.yml"))
    data = to_json(status)
    for code, language in data["languages"].items():
        pages = language["pages"]
        assert pages["translated"] == pages["reviewed"] + pages["machine"] + pages["unreviewed"] + pages["outdated"], code
        assert pages["total"] == pages["translated"] + pages["missing"], code
    assert "sv" in data["offered"]


def test_new_language_scaffold_is_picked_up_by_the_build(tmp_path, capsys):
    """`l10n.py new-language am` writes a locale file from CLDR that the build accepts with no other edit."""
    from conftest import small_project

    project = small_project(tmp_path / "wayfinder", languages=("ar",))
    code = l10n.main(["--root", str(project), "new-language", "am"])
    assert code == 0
    text = (project / "locales" / "am.yml").read_text(encoding="utf-8")
    assert "Direction from CLDR: ltr" in text and "Plural categories (CLDR): one:" in text
    registry = load_registry(project / "locales")
    assert registry["am"].name == "አማርኛ" and "ui.search.placeholder" in registry["am"].untranslated
    assert l10n.main(["--root", str(project), "new-language", "prs"]) == 2  # not a code static-i18n accepts
    assert l10n.main(["--root", str(project), "new-language", "ar"]) == 2  # exists already
    # English placeholders: a strict build refuses the language (tests/test_editing.py), so a translator
    # previews it without --strict, one language.
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--no-strict", "-d", str(tmp_path / "site")], cwd=project,
                            env=dict(os.environ, WAYFINDER_LANGUAGE="am", NO_MKDOCS_2_WARNING="1", WAYFINDER_COMPRESS="0"), capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "locales/am.yml" in result.stderr and "English placeholders" in result.stderr
    assert '<html lang="am" dir="ltr"' in (tmp_path / "site" / "am" / "vard" / "tolk" / "index.html").read_text(encoding="utf-8")


def test_compare_reports_what_a_change_does(project, tmp_path, capsys):
    run(project, "sync", str(translate(project, "vard/tolk.md", "en")), capsys=capsys)
    _, before = run(project, "status", "--format", "json", capsys=capsys)
    write_source(project, "vard/tolk.md", "Tolk", "healthcare", "Ändrad text.")
    _, after = run(project, "status", "--format", "json", capsys=capsys)
    (tmp_path / "base.json").write_text(before.out, encoding="utf-8")
    (tmp_path / "head.json").write_text(after.out, encoding="utf-8")
    code, out = run(project, "compare", str(tmp_path / "base.json"), str(tmp_path / "head.json"), capsys=capsys)
    assert code == 0 and "English (en): made outdated: `content/vard/tolk.md`" in out.out
