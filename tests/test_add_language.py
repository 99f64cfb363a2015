"""Adding a language is adding its locale file and translated pages: no edit to mkdocs.yml,
templates or scripts. Proven on a temporary copy of the repository."""
import re

import yaml

from conftest import REPO, copy_project, run_mkdocs_build
from wayfinder.frontmatter import split
from wayfinder.hashing import source_hash
from wayfinder.theme_partials import material_languages_dir, read_material_partial, required_material_keys


def test_new_language_builds_with_only_a_locale_file_and_a_page(tmp_path):
    project = copy_project(tmp_path / "wayfinder", languages=("en",))  # a small tree: Swedish, English, + Amharic
    before = {p.relative_to(project) for p in project.rglob("*")}

    # Amharic: Ethiopic script and no Material partial, so every UI string comes from the locale file.
    english = yaml.safe_load((REPO / "locales" / "en.yml").read_text(encoding="utf-8"))
    material = read_material_partial(material_languages_dir() / "en.html")
    ui = {key: f"[am] {value}" for key, value in english["ui"].items()}
    ui.update({key: f"[am] {material[key]}" for key in required_material_keys(material)})
    locale = {
        "code": "am", "locale": "am", "site_name": "ዌይፋይንደር", "site_description": "[am] description",
        "nav": {key: f"[am] {value}" for key, value in english["nav"].items()}, "ui": ui,
    }
    (project / "locales" / "am.yml").write_text(yaml.safe_dump(locale, allow_unicode=True), encoding="utf-8")
    # A translated home page: the English one's structure (it passes the build's checks), an Amharic title.
    english_home = split((REPO / "content" / "index.en.md").read_text(encoding="utf-8"))
    body = re.sub(r"^# .*$", "# እንኳን ደህና መጡ", english_home.body, count=1, flags=re.M)
    front = {"title": "እንኳን ደህና መጡ", "description": "መግቢያ",
             "translation": {"status": "machine", "source_hash": source_hash(project / "content" / "index.md")}}
    (project / "content" / "index.am.md").write_text(
        "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body, encoding="utf-8")

    site = tmp_path / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    # (Python's bytecode cache of the hook module is not an edit.)
    added = {p.relative_to(project).as_posix() for p in project.rglob("*") if "__pycache__" not in p.parts} - {p.as_posix() for p in before}
    assert added == {"locales/am.yml", "content/index.am.md"}  # nothing else was edited or generated in the tree

    home = (site / "am" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="am" dir="ltr"', home)
    assert "እንኳን ደህና መጡ" in home
    assert "[am] " + material["search.placeholder"] in home  # UI strings from the new locale file
    assert "ኣማርኛ" in home or "አማርኛ" in home  # the switcher names it in Amharic (Babel)

    # A page without an Amharic translation is still reachable, marked as Swedish text.
    fallback = (site / "am" / "vard" / "tolk" / "index.html").read_text(encoding="utf-8")
    assert '<div class="wf-content" lang="sv" dir="ltr">' in fallback
    assert "[am] " + english["ui"]["emergency.title"] in fallback
