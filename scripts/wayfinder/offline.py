"""An offline copy of the built site for classrooms without internet: opened from file://, with
navigation and search.

Browsers open file:///…/vard/tolk/ as a folder listing and allow no web workers or fetch there, so
the copy differs from the served site in three ways: links to folders point at their index.html,
each language's search index is also a script (search_index.js, which Material loads on file://),
and the iframe-worker shim (vendored from npm, as Material's offline plugin uses it) runs the search
worker in an iframe."""
from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

SHIM = "assets/javascripts/vendor/iframe-worker-shim.js"
_HREF = re.compile(r'(\shref=")([^"]*)(")')
_BUNDLE = re.compile(r'<script src="([^"]*)assets/javascripts/bundle\.')
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#|/)", re.I)


def folder_links_to_files(html: str) -> str:
    def fix(match: re.Match) -> str:
        target = match.group(2)
        if _EXTERNAL.match(target):
            return match.group(0)
        cut = min([i for i in (target.find("?"), target.find("#")) if i >= 0], default=len(target))
        path, suffix = target[:cut], target[cut:]
        if path in ("", ".", "..") or path.endswith("/"):
            path = "" if path in ("", ".", "./") else path.rstrip("/") + "/"
            path += "index.html"
        return f"{match.group(1)}{path}{suffix}{match.group(3)}"

    html = _HREF.sub(fix, html)
    # The shim must be there before Material's bundle creates the search worker.
    return _BUNDLE.sub(lambda m: f'<script src="{m.group(1)}{SHIM}"></script>\n{m.group(0)}', html, count=1)


def make_offline(site_dir: Path, staging: Path, languages: list[str] | None, source_language: str, codes: tuple[str, ...]) -> None:
    """Copy `site_dir` (all languages, or `languages` plus the shared assets) to `staging`, adapted for file://."""
    def ignore(directory: str, names: list[str]) -> set[str]:
        skipped = {name for name in names if name.endswith((".gz", ".br")) or name.startswith("_redirects")}
        if languages is not None and Path(directory) == site_dir:
            # Other languages' folders; the source language lives at the root (its pages are kept
            # only when it is one of the chosen languages).
            skipped |= {name for name in names if name in codes and name not in languages}
            if source_language not in languages:
                keep = {"assets", "search", "404.html"} | set(languages)
                skipped |= {name for name in names if name not in keep}
        return skipped

    shutil.copytree(site_dir, staging, ignore=ignore)
    for page in staging.rglob("*.html"):
        page.write_text(folder_links_to_files(page.read_text(encoding="utf-8")), encoding="utf-8")
    for index in staging.rglob("search/search_index.json"):
        data = json.loads(index.read_text(encoding="utf-8"))
        for doc in data["docs"]:  # result links, too, must name the file
            path, mark, anchor = doc["location"].partition("#")
            if path == "" or path.endswith("/"):
                doc["location"] = path + "index.html" + mark + anchor
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        index.write_text(text, encoding="utf-8")
        index.with_suffix(".js").write_text("var __index = " + text, encoding="utf-8")


def zip_directory(directory: Path, output: Path, top: str = "wayfinder") -> Path:
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(directory.rglob("*")):
            if path.is_file():
                archive.write(path, f"{top}/{path.relative_to(directory).as_posix()}")
    return output
