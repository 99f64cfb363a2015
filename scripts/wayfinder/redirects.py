"""Links that survive a rename: `redirects.yml` maps an old shared page path to its new one
(`vard/tolkar.md: vard/tolk.md`), and the build keeps the old URL working in every language with

- a small HTML page at the old URL (meta refresh, canonical link, a plain link; no script, so it works
  under the site's Content-Security-Policy and on any static host), and
- `_redirects.nginx.conf`, `location = /old/ { return 301 /new/; }` lines that deploy/nginx/wayfinder.conf
  includes, so nginx answers with a real 301 instead of the HTML page.
"""
from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .content import page_url

NGINX_INCLUDE = "_redirects.nginx.conf"
# Letters, digits, '.', '_', '-' and '/': the paths are written into nginx configuration unquoted, so
# nothing that could end a directive (';', '{', space, quote) may get in.
_SAFE_PAGE = re.compile(r"^(?!/)(?!.*//)(?!.*(?:^|/)\.\.?(?:/|$))[A-Za-z0-9._/-]+\.md$")
_SAFE_BASE = re.compile(r"^/(?:[A-Za-z0-9._-]+/)*$")


class RedirectError(ValueError):
    """A redirect map the build refuses; the message names the file and the entry."""


@dataclass(frozen=True)
class Target:
    prefix: str  # language prefix in the site: "" (the source language) or "ar/"
    lang: str  # BCP 47 tag for the redirect page's <html lang>
    direction: str


def load(path: Path) -> dict[str, str]:
    """The map old page → new page from `path`; an absent or empty file is no redirects."""
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise RedirectError(f"{path}: not valid YAML ({error})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RedirectError(f"{path}: must be a mapping 'old/page.md: new/page.md'")
    redirects = {}
    for old, new in data.items():
        for value in (old, new):
            if not isinstance(value, str) or not _SAFE_PAGE.match(value):
                raise RedirectError(
                    f"{path}: '{old}: {new}' — both sides must be page paths under content/ like vard/tolk.md "
                    "(letters, digits, . _ - /)")
        if page_url(old) == page_url(new):
            raise RedirectError(f"{path}: '{old}: {new}' — the old and the new page have the same URL")
        redirects[old] = new
    for old, new in redirects.items():
        if new in redirects:
            raise RedirectError(f"{path}: '{old}: {new}' — {new} is itself redirected to {redirects[new]}; "
                                "point the old page at the final one")
    return redirects


def base_path(site_url: str | None) -> str:
    """The site's path on its host ('/' or '/wayfinder/'), as the built 404 pages' links use it."""
    path = urlsplit(site_url or "/").path or "/"
    path = path if path.endswith("/") else path + "/"
    if not _SAFE_BASE.match(path):
        raise RedirectError(f"site_url path '{path}' cannot be written into the nginx include")
    return path


def redirect_page(old: str, new: str, target: Target, canonical: str) -> str:
    """HTML at site path `old` sending the reader to site path `new` (both like 'ar/vard/tolk/')."""
    # Relative, like every link MkDocs writes: the page works under any host name and path.
    href = html.escape(posixpath.relpath(new or ".", old or ".") + "/")
    return (
        "<!doctype html>\n"
        f'<html lang="{target.lang}" dir="{target.direction}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"<title>{href}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{html.escape(canonical)}">\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        "</head>\n"
        f'<body><p><a href="{href}">{html.escape(canonical)}</a></p></body>\n'
        "</html>\n"
    )


def write(site_dir: Path, redirects: dict[str, str], targets: list[Target], site_url: str | None) -> int:
    """Write the redirect pages and the nginx include; returns the number of redirect pages.

    Refuses a redirect to a page the build did not write and one that would overwrite a real page."""
    base = base_path(site_url)
    origin = site_url.rstrip("/") + "/" if site_url else base
    moves = [(target.prefix + page_url(old_page), target.prefix + page_url(new_page), target, f"'{old_page}: {new_page}'")
             for old_page, new_page in redirects.items() for target in targets]
    # Check everything before writing anything.
    for old, new, _, entry in moves:
        if not (site_dir / new / "index.html").exists():
            raise RedirectError(f"redirects.yml: {entry} — the build wrote no page /{new}")
        if (site_dir / old / "index.html").exists():
            raise RedirectError(f"redirects.yml: {entry} — /{old} is a page of the site; remove the entry or the page")
    lines = ["# Written by the build (scripts/hooks/publishing.py) from redirects.yml — do not edit.\n"]
    for old, new, target, _ in moves:
        page = site_dir / old / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(redirect_page(old, new, target, origin + new), encoding="utf-8")
        lines.append(f"location = {base}{old} {{ return 301 {base}{new}; }}\n")
    (site_dir / NGINX_INCLUDE).write_text("".join(lines), encoding="utf-8")
    return len(moves)
