"""sitemap.xml for every page in every language, with hreflang alternates (and x-default: the Swedish
page). Written by the plugin for the serial build and by scripts/build.py for the parallel one, from
the same content tree, so both give the same file."""
from __future__ import annotations

import gzip
from pathlib import Path
from xml.sax.saxutils import escape

from .content import page_url


def render(site_url: str, pages: list[str], registry) -> str:
    base = site_url.rstrip("/") + "/"
    prefixes = [(language.url_prefix, language) for language in registry]
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for page in pages:
        url = page_url(page)
        alternates = [f'    <xhtml:link rel="alternate" hreflang="{language.lang}" href="{escape(base + prefix + url)}"/>'
                      for prefix, language in prefixes]
        alternates.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href="{escape(base + url)}"/>')
        for prefix, _ in prefixes:
            out += ["  <url>", f"    <loc>{escape(base + prefix + url)}</loc>", *alternates, "  </url>"]
    out.append("</urlset>")
    return "\n".join(out) + "\n"


def write(site_dir: Path, site_url: str, pages: list[str], registry) -> None:
    text = render(site_url, pages, registry)
    (site_dir / "sitemap.xml").write_text(text, encoding="utf-8")
    # mtime=0: the same bytes for the same sitemap, whichever build wrote it.
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
