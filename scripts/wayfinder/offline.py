"""An offline copy of the built site for classrooms without internet: opened from file://, with
navigation and search.

Browsers open file:///…/vard/tolk/ as a folder listing and allow no web workers or fetch there, so
the copy differs from the served site: links to folders point at their index.html, each language's
search index is also a script (search_index.js, which Material loads on file://), and the
iframe-worker shim (vendored from npm, as Material's offline plugin uses it) runs the search worker in
an iframe.

A copy of some languages offers only what it contains: the language lists name only those languages,
each translated page carries its Swedish original inside it (<template id="wf-original">, for the
side-by-side view, which cannot read another file from file://) and its "Swedish original" link opens
that view when the Swedish pages are not in the copy; a start page at the root lets the teacher pick a
language."""
from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

SHIM = "assets/javascripts/vendor/iframe-worker-shim.js"
_HREF = re.compile(r'(\shref=")([^"]*)(")')
# Material's bundle is started by wayfinder-start.js (overrides/main.html).
_BUNDLE = re.compile(r'<script src="([^"]*)assets/javascripts/wayfinder-start\.js"')
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#|/)", re.I)
_SWITCHER_ITEM = re.compile(r'\s*<li class="md-select__item">\s*<a href="[^"]*" hreflang="([^"]+)".*?</li>', re.S)
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">.*?</article>', re.S)
_ORIGINAL_LINK = re.compile(r'(<a href=")([^"]*)(" hreflang="sv" lang="sv">)')


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


def only_languages(html: str, kept_tags: set[str]) -> str:
    """The language switcher without the languages that are not in the copy (by their hreflang tags)."""
    return _SWITCHER_ITEM.sub(lambda m: m.group(0) if m.group(1) in kept_tags else "", html)


def embed_original(html: str, original_page: Path, link_in_copy: bool) -> str:
    """The Swedish article inside a translated page, for the side-by-side view from file://; without the
    Swedish pages in the copy, the notice's "Swedish original" link opens that view instead."""
    if 'data-wf-action="bilingual"' not in html or not original_page.exists():
        return html
    match = _ARTICLE.search(original_page.read_text(encoding="utf-8"))
    if not match:
        return html
    article = re.sub(r"<script\b.*?</script>", "", match.group(0), flags=re.S)
    template = f'<template id="wf-original" lang="sv">{article}</template>'
    if not link_in_copy:
        html = _ORIGINAL_LINK.sub(lambda m: f"{m.group(1)}#wf-original{m.group(3)}", html)
    return html.replace("</body>", template + "\n</body>", 1)


def start_page(names: list[tuple[str, str, str, str, str]], stylesheets: list[str]) -> str:
    """A page at the copy's root to pick a language: (code, lang, dir, name, 'choose your language' in it)."""
    import html as escape

    items = "\n".join(
        f'<li><a href="{code}/index.html" hreflang="{lang}" lang="{lang}" dir="{direction}">'
        f'<strong>{escape.escape(name)}</strong> <span>{escape.escape(choose)}</span></a></li>'
        for code, lang, direction, name, choose in names)
    links = "\n".join(f'<link rel="stylesheet" href="{sheet}">' for sheet in stylesheets)
    return f"""<!doctype html>
<html lang="sv" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Wayfinder</title>
{links}
</head>
<body class="wf-start">
<main class="md-content"><div class="md-content__inner md-typeset">
<h1>Wayfinder</h1>
<ul class="wf-start__languages">
{items}
</ul>
</div></main>
</body>
</html>
"""


def make_offline(site_dir: Path, staging: Path, languages: list[str] | None, source_language: str, codes: tuple[str, ...],
                 registry=None) -> None:
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
    included = list(codes) if languages is None else [code for code in codes if code in languages]
    tags = {registry[code].lang if registry is not None else code for code in included}
    swedish_in_copy = source_language in included
    for page in staging.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if languages is not None:
            text = only_languages(text, tags)
        relative = page.relative_to(staging).as_posix()
        first = relative.split("/", 1)[0]
        if first in codes and first != source_language and "/" in relative:
            text = embed_original(text, site_dir / relative.split("/", 1)[1], swedish_in_copy)
        page.write_text(folder_links_to_files(text), encoding="utf-8")
    if not (staging / "index.html").exists() and registry is not None:
        stylesheets = sorted(p.relative_to(staging).as_posix() for p in (staging / "assets" / "stylesheets").glob("*.css"))
        names = [(code, registry[code].lang, registry[code].direction, registry[code].name,
                  registry[code].ui.get("offline.choose_language", "")) for code in included]
        (staging / "index.html").write_text(start_page(names, stylesheets), encoding="utf-8")
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
