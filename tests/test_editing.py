"""Editing never blocks on translations, and every mistake is caught where it is made (issue #21).

Each scenario runs on a small temporary copy of the project (a git repository where history matters);
only the notice test builds, and it builds one language."""
import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import check
import l10n
from conftest import REPO, copy_project, small_project
from wayfinder.content import scan
from wayfinder.frontmatter import split
from wayfinder.parity import numbers
from wayfinder.history import History
from wayfinder.l10n_config import load_config
from wayfinder.languages import load_registry
from wayfinder.markdown_lint import lint_markdown
from wayfinder.status import compute_status, to_json

LONG_AGO = (dt.date.today() - dt.timedelta(days=400)).isoformat() + "T12:00:00"


def git(root, *args, date=None):
    env = dict(os.environ, GIT_AUTHOR_NAME="Editor", GIT_AUTHOR_EMAIL="editor@example.org",
               GIT_COMMITTER_NAME="Editor", GIT_COMMITTER_EMAIL="editor@example.org")
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True, env=env).stdout


def committed_long_ago(root: Path) -> Path:
    """`root` as a git repository whose content was committed long ago (past every grace period)."""
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Wayfinder", date=LONG_AGO)
    return root


@pytest.fixture(scope="module")
def base_repo(tmp_path_factory):
    """A small tree as a git repository (check.py on it takes 2 s instead of 8)."""
    return committed_long_ago(small_project(tmp_path_factory.mktemp("base") / "wayfinder"))


@pytest.fixture(scope="module")
def full_base_repo(tmp_path_factory):
    """The whole content as a git repository: for what depends on the site's navigation and on the pages
    l10n.yml requires for a language to count as offered."""
    return committed_long_ago(copy_project(tmp_path_factory.mktemp("full") / "wayfinder"))


def clone(base: Path, destination: Path) -> Path:
    """A clone to edit, with full history."""
    subprocess.run(["git", "clone", "-q", str(base), str(destination)], check=True)
    return destination


@pytest.fixture
def repo(base_repo, tmp_path):
    return clone(base_repo, tmp_path / "repo")


@pytest.fixture
def full_repo(full_base_repo, tmp_path):
    return clone(full_base_repo, tmp_path / "repo")


def run_check(root, capsys, *args):
    code = check.main(["--root", str(root), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def status_json(root, today=None):
    registry = load_registry(root / "locales")
    config = load_config(root / "l10n.yml")
    return to_json(compute_status(root, registry, config, History.load(root, config.minor_change_keywords), today=today))


def translations_of(root, page):
    registry = load_registry(root / "locales")
    files = scan(root / "content", registry).pages[page]
    return sorted(f"content/{file.path.relative_to(root / 'content').as_posix()}" for code, file in files.items()
                  if code != registry.source.code)


def text_of(path):
    return path.read_text(encoding="utf-8")


def edit_swedish(root):
    """Issue #21, 1: a valid link added to vard/tolk.md and item 10 added to the list in vard/index.md."""
    tolk = root / "content" / "vard" / "tolk.md"
    tolk.write_text(tolk.read_text(encoding="utf-8").rstrip("\n")
                    + "\n\nOm det är akut: läs om [akutmottagningen](akutmottagning.md).\n", encoding="utf-8")
    index = root / "content" / "vard" / "index.md"
    text = index.read_text(encoding="utf-8")
    last = re.findall(r"^9\. .*$", text, re.M)[0]
    index.write_text(text.replace(last, last + "\n10. [Tolk](tolk.md) – om du behöver en tolk."), encoding="utf-8")


# --- 1. a Swedish edit never needs a translation edit ---------------------------------------------------

def test_swedish_edit_passes_and_makes_translations_outdated(repo, capsys):
    edit_swedish(repo)  # not committed: what an editor has before committing (the next test commits)
    code, out, err = run_check(repo, capsys)
    assert code == 0, out
    assert " error: " not in out
    outdated = translations_of(repo, "vard/tolk.md") + translations_of(repo, "vard/index.md")
    assert len(outdated) >= 2
    for translation in outdated:  # each gets a notice naming it, with the command that shows what changed
        assert re.search(rf"^{re.escape(translation)}:\d+: notice: older translation: .*l10n\.py diff {re.escape(translation)}",
                         out, re.M), translation
    data = status_json(repo)
    listed = {page for language in data["languages"].values() for page in language["outdated_pages"]}
    assert listed == {"content/vard/tolk.md", "content/vard/index.md"}
    # The edit does not drop a language at once: outdated required translations count for the grace period,
    # and check.py says until when and what it will cost.
    registry = load_registry(repo / "locales")
    assert len(data["offered"]) == len(registry) and data["offered_after_grace"] == [registry.source.code]
    until = (dt.date.today() + dt.timedelta(days=load_config(repo / "l10n.yml").grace_days)).isoformat()
    assert {(g["page"], g["reason"], g["until"]) for g in data["grace"]} == {
        ("content/vard/tolk.md", "outdated", until), ("content/vard/index.md", "outdated", until)}
    assert re.search(rf"^content/vard/tolk\.md:1: notice: this page is required for 'offered' and the Swedish changed: .* "
                     rf"keep counting until {until}", out, re.M)
    later = status_json(repo, today=dt.date.today() + dt.timedelta(days=400))
    assert later["offered"] == [registry.source.code]
    # diff shows the edit in the section where it was made
    assert l10n.main(["--root", str(repo), "diff", str(repo / translations_of(repo, "vard/index.md")[0])]) == 1
    assert "10. [Tolk](tolk.md)" in capsys.readouterr().out


def test_a_translation_is_still_checked_against_the_version_it_follows(repo, capsys):
    """The fix does not switch the comparison off: losing a number of the followed version is an error."""
    edit_swedish(repo)
    git(repo, "commit", "-qam", "Vård: länk till akutmottagningen, tolk i listan")
    translation = repo / translations_of(repo, "vard/tolk.md")[0]
    text = translation.read_text(encoding="utf-8")
    source_numbers = [n for _, n in numbers(split(text_of(repo / "content" / "vard" / "tolk.md")).body)]
    number = next(n for n in source_numbers if len(n) >= 2 and re.search(rf"(?<![\w-]){n}(?!\w)", text))
    translation.write_text(re.sub(rf"(?<![\w-]){number}(?!\w)", "?", text), encoding="utf-8")
    code, out, _ = run_check(repo, capsys)
    assert code == 1
    rel = translation.relative_to(repo).as_posix()
    assert re.search(rf"^{re.escape(rel)}:\d+: error: number '{number}' stands \d+ time\(s\) in content/vard/tolk\.md "
                     r"\(version \w+ it follows\), line \d+",
                     out, re.M), out


@pytest.mark.parametrize("kind", ["not git", "shallow"])
def test_without_the_followed_version_differences_are_notices_with_the_reason(base_repo, tmp_path, capsys, kind):
    if kind == "shallow":  # CI's default checkout: the version the translations follow is not in the clone
        full, root = tmp_path / "full", tmp_path / "shallow"
        subprocess.run(["git", "clone", "-q", str(base_repo), str(full)], check=True)
        edit_swedish(full)
        git(full, "commit", "-qam", "edit")
        subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{full}", str(root)], check=True)
    else:
        root = small_project(tmp_path / "copy")
        edit_swedish(root)
    code, out, _ = run_check(root, capsys)
    assert code == 0, out
    reason = "shallow" if kind == "shallow" else "not a git checkout"
    assert re.search(rf"content/vard/tolk\.\S+\.md:\d+: notice: links differ from the source .*akutmottagning\.md.*{reason}", out)


# --- 2. the offered rule: grace period for new required pages ------------------------------------------

def add_required_page(root):
    new = root / "content" / "vard" / "ny-sida.md"
    new.write_text((root / "content" / "vard" / "tolk.md").read_text(encoding="utf-8"), encoding="utf-8")
    mkdocs = root / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text(encoding="utf-8").replace(
        "      - vard/psykisk-halsa.md\n", "      - vard/psykisk-halsa.md\n      - vard/ny-sida.md\n"), encoding="utf-8")


def test_a_new_required_page_waits_for_its_grace_period_and_says_what_it_will_cost(full_repo, capsys):
    repo = full_repo
    registry = load_registry(repo / "locales")
    before = status_json(repo)
    assert len(before["offered"]) == len(registry)
    add_required_page(repo)
    grace_days = load_config(repo / "l10n.yml").grace_days
    assert grace_days > 0
    until = (dt.date.today() + dt.timedelta(days=grace_days)).isoformat()

    code, out, _ = run_check(repo, capsys)
    assert code == 0, out
    assert re.search(rf"^content/vard/ny-sida\.md:1: notice: new page required for 'offered' .* counts from {until}.*"
                     rf"offered in 1 languages instead of {len(registry)}", out, re.M), out

    after = status_json(repo)
    assert after["offered"] == before["offered"]  # nothing drops at once
    assert after["offered_after_grace"] == [registry.source.code]
    assert [g["page"] for g in after["grace"]] == ["content/vard/ny-sida.md"]
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Ny sida")
    later = status_json(repo, today=dt.date.today() + dt.timedelta(days=grace_days + 1))
    assert later["offered"] == [registry.source.code]  # after the grace period the rule applies
    assert later["languages"]["en"]["offered_blockers"] == [{"page": "content/vard/ny-sida.md", "state": "missing"}]

    base, head = repo / "base.json", repo / "head.json"
    base.write_text(json.dumps(before), encoding="utf-8")
    head.write_text(json.dumps(after), encoding="utf-8")
    assert l10n.main(["compare", str(base), str(head)]) == 0
    summary = capsys.readouterr().out
    assert f"New required page `content/vard/ny-sida.md`: counts for 'offered' from {until}" in summary
    head.write_text(json.dumps(later), encoding="utf-8")
    l10n.main(["compare", str(base), str(head)])
    summary = capsys.readouterr().out
    assert "**No longer offered in: " in summary and "`content/vard/ny-sida.md` missing" in summary


# --- 3. navigation and build messages ---------------------------------------------------------------------

def test_a_page_missing_from_nav_is_named_with_the_fix(full_repo, capsys):
    repo = full_repo
    (repo / "content" / "vard" / "ny-sida.md").write_text(
        (repo / "content" / "vard" / "tolk.md").read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = run_check(repo, capsys)
    assert code == 1
    nav = (repo / "mkdocs.yml").read_text().split("\n")
    last = [text.strip().removeprefix("- ") for text in nav if text.strip().startswith("- vard/")][-1]  # the guide's last page
    line = next(n for n, text in enumerate(nav, 1) if text.strip() == f"- {last}")
    assert (f"content/vard/ny-sida.md:1: error: this page is not in the site's navigation — add the line "
            f"'- vard/ny-sida.md' to 'nav:' in mkdocs.yml after '{last}' (mkdocs.yml line {line})") in out

    mkdocs = repo / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text().replace("vard/psykisk-halsa.md", "vard/ny-sida.md\n      - vard/gammal.md"
                                                 "\n      - vard/psykisk-halsa.md"))
    code, out, _ = run_check(repo, capsys)
    assert re.search(r"^mkdocs\.yml:\d+: error: nav lists 'vard/gammal\.md', which is not a page in content/", out, re.M)
    assert "ny-sida.md:1: error" not in out


def test_build_prints_the_file_line_and_message_that_stopped_it(tmp_path):
    project = small_project(tmp_path / "wayfinder", languages=("ar",))
    page = project / "content" / "vard" / "tolk.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n![Karta](karta.png)\n", encoding="utf-8")
    line = len(page.read_text(encoding="utf-8").rstrip("\n").split("\n"))
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "build.py"), "--config-file", str(project / "mkdocs.yml"),
                             "--site-dir", str(tmp_path / "site"), "--lang", "ar"], capture_output=True, text=True)
    assert result.returncode == 1
    assert f"content/vard/tolk.md:{line}: error: image 'karta.png' does not exist" in result.stderr


# --- 4. Markdown mistakes on the page where they are made ---------------------------------------------------

PAGE = """# Titel

Text med <br> och <span lang="en">word</span>.

- en punkt
\t- en indragen punkt med [länk](tolk.md)

### Hoppar över en nivå

![Bild](finns-inte.png)

<marquee>Hej</marquee>

!!! info "Bra att veta"

    ##### Också överhoppad

    <center>gammal</center>

```
\tkod med tab är okej
<blink>i kod är det text</blink>
```
"""


def test_markdown_lint_finds_each_mistake_on_its_line(tmp_path):
    findings = lint_markdown("content/x.md", PAGE, 10, tmp_path)
    by_line = {(f.line - 10 + 1): f.message for f in findings}  # 1-based lines of PAGE
    assert by_line[6].startswith("tab indentation")
    assert by_line[8].startswith("heading level skipped: H3 after the H1 on line 10")
    assert by_line[10].startswith("image 'finns-inte.png' does not exist")
    assert by_line[12].startswith("raw HTML <marquee> is not allowed")
    assert by_line[16].startswith("heading level skipped: H5 after the H3")  # inside the admonition
    assert by_line[18].startswith("raw HTML <center>")
    assert len(findings) == 6, findings  # <br>, <span>, the code block and the link to a page are fine
    assert all(f.severity == "error" and f.path == "content/x.md" for f in findings)


def test_a_mistake_on_the_swedish_page_is_reported_there(tmp_path, capsys):
    root = small_project(tmp_path / "wayfinder")
    page = root / "content" / "vard" / "tolk.md"
    text = page.read_text(encoding="utf-8")
    item = re.search(r"^- .*$", text, re.M).group(0)
    page.write_text(text.replace(item, item + "\n\t- indragen med tab"), encoding="utf-8")
    line = page.read_text(encoding="utf-8").split("\n").index("\t- indragen med tab") + 1
    code, out, _ = run_check(root, capsys)
    assert code == 1
    assert f"content/vard/tolk.md:{line}: error: tab indentation" in out


# --- 5. a new language's interface ---------------------------------------------------------------------------

def test_new_language_placeholders_are_reported_and_counted(tmp_path, capsys):
    root = small_project(tmp_path / "wayfinder")
    assert l10n.main(["--root", str(root), "new-language", "fi"]) == 0
    locale = yaml.safe_load((root / "locales" / "fi.yml").read_text(encoding="utf-8"))
    assert locale["untranslated"]  # the placeholders are marked
    capsys.readouterr()
    code, out, _ = run_check(root, capsys)
    assert code == 0  # a warning: the editor can go on
    assert re.search(r"^locales/fi\.yml:\d+: warning: \d+ of \d+ interface strings are still English placeholders", out, re.M)
    assert run_check(root, capsys, "--strict")[0] == 1
    data = status_json(root)
    shares = {code: lang["interface"] for code, lang in data["languages"].items()}
    assert shares["fi"]["translated"] < shares["fi"]["strings"]
    assert all(share["translated"] == share["strings"] for code, share in shares.items() if code != "fi")
    l10n.main(["--root", str(root), "status"])
    row = next(line for line in capsys.readouterr().out.split("\n") if line.startswith("fi "))
    assert row.split()[-1] != "100%"


def test_a_strict_build_refuses_an_untranslated_interface(tmp_path):
    root = small_project(tmp_path / "wayfinder", languages=("en",))
    assert l10n.main(["--root", str(root), "new-language", "fi"]) == 0
    env = dict(os.environ, WAYFINDER_LANGUAGE="fi")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=root, env=dict(env, NO_MKDOCS_2_WARNING="1", WAYFINDER_COMPRESS="0"), capture_output=True, text=True)
    assert result.returncode != 0
    assert "locales/fi.yml" in result.stderr and "English placeholders" in result.stderr


# --- 6. translation states, sync and line numbers -------------------------------------------------------------

def test_sync_refuses_inconsistent_options(tmp_path, capsys):
    root = small_project(tmp_path / "wayfinder")
    translation = root / "content" / "vard" / "tolk.en.md"
    before = translation.read_text(encoding="utf-8")
    assert l10n.main(["--root", str(root), "sync", "--status", "reviewed", str(translation)]) == 2
    assert "--status reviewed needs --reviewer" in capsys.readouterr().err
    assert l10n.main(["--root", str(root), "sync", "--reviewer", "Amina", str(translation)]) == 2
    assert "--reviewer is only for --status reviewed" in capsys.readouterr().err
    assert translation.read_text(encoding="utf-8") == before  # nothing written


def test_a_volunteers_translation_is_translated_not_machine(tmp_path, capsys):
    root = small_project(tmp_path / "wayfinder", languages=("en",))
    translation = root / "content" / "vard" / "tolk.en.md"
    assert l10n.main(["--root", str(root), "sync", "--status", "reviewed", "--reviewer", "Amina", str(translation)]) == 0
    assert l10n.main(["--root", str(root), "sync", "--status", "translated", str(translation)]) == 0
    block = yaml.safe_load(translation.read_text(encoding="utf-8").split("---")[1])["translation"]
    assert block["status"] == "translated" and "reviewed_by" not in block and "reviewed_on" not in block
    capsys.readouterr()
    assert run_check(root, capsys)[0] == 0
    data = status_json(root)
    assert data["languages"]["en"]["pages"]["unreviewed"] == 1

    site = tmp_path / "site"
    # --no-strict: the small tree has no home page (conftest.small_project)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--no-strict", "-d", str(site)], cwd=root, capture_output=True,
                            text=True, env=dict(os.environ, WAYFINDER_LANGUAGE="en", NO_MKDOCS_2_WARNING="1", WAYFINDER_COMPRESS="0"))
    assert result.returncode == 0, result.stderr
    html = (site / "en" / "vard" / "tolk" / "index.html").read_text(encoding="utf-8")
    english = load_registry(root / "locales")["en"]
    assert "wf-notice--translated" in html and english.t("notice.translated.title") in html
    assert "wf-notice--machine" not in html
    other = (site / "en" / "vard" / "vardcentral" / "index.html").read_text(encoding="utf-8")
    assert "wf-notice--machine" in other  # machine drafts keep their own notice


def test_translated_notice_is_in_every_language(registry):
    titles = {language.code: language.t("notice.translated.title") for language in registry}
    texts = {language.code: language.t("notice.translated.text") for language in registry}
    assert len(set(titles.values())) == len(registry) and len(set(texts.values())) == len(registry)


def test_translation_errors_point_at_the_offending_line(tmp_path, capsys):
    root = small_project(tmp_path / "wayfinder")
    translation = root / "content" / "vard" / "tolk.en.md"
    text = translation.read_text(encoding="utf-8")
    translation.write_text(re.sub(r"^(\s+)status: machine$", r"\1status: reviewd", text, count=1, flags=re.M), encoding="utf-8")
    line = next(n for n, row in enumerate(translation.read_text(encoding="utf-8").split("\n"), 1) if "status: reviewd" in row)
    code, out, _ = run_check(root, capsys)
    assert code == 1
    assert f"content/vard/tolk.en.md:{line}: error: translation.status 'reviewd' is not valid" in out
    assert [row for row in out.split("\n") if row.startswith("content/vard/tolk.en.md:")] == [
        row for row in out.split("\n") if row.startswith(f"content/vard/tolk.en.md:{line}:")]  # once, on its line
