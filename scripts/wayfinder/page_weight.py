"""What a reader downloads for one page of the built site, counted from the files (no browser).

A page's weight is its HTML plus what the browser fetches for it: the stylesheets, scripts and icons
the HTML names, the files those stylesheets name with `url(...)`, and the search worker with the
scripts it imports (Material starts the worker on every page, which fetches the language's lunr
stemmer and the language's search index). The search index is counted apart: it is fetched once per
language and cached, and it grows with the content.

Sizes are given raw and gzip-compressed as a static server sends them: `<file>.gz` when the site has
one (pre-compressed), otherwise compressed on the fly at gzip's default level 6 — what nginx
`gzip_static`/`gzip on`, Apache `mod_deflate`, GitHub Pages and Netlify do for text files."""
from __future__ import annotations

import functools
import gzip
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

# Text formats a static server compresses; images, fonts and archives are sent as they are.
COMPRESSIBLE = frozenset({".html", ".htm", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".map",
                          ".webmanifest", ".ico"})
GZIP_LEVEL = 6
SEARCH_INDEX = "search/search_index.json"
ORIGIN = "http://site.invalid/"  # a base for resolving relative URLs; never fetched

_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
# importScripts("x.js") or, in Wayfinder's worker, importScripts(new URL("x.js", ...).href)
_IMPORT_SCRIPTS = re.compile(r"""importScripts\(\s*(?:new URL\(\s*)?(['"])([^'"]+)\1""")


def compressible(path: Path) -> bool:
    return path.suffix.lower() in COMPRESSIBLE


def encoded(path: Path, use_precompressed: bool = True) -> tuple[bytes, bool]:
    """The body a static server sends for `path` to a browser that accepts gzip, and whether it is gzip.
    `use_precompressed=False` always compresses at gzip's default level: a figure that does not depend on
    whether the build's compression step has run yet (the offline packs are written before it)."""
    precompressed = path.with_name(path.name + ".gz")
    if use_precompressed and precompressed.is_file() and not path.name.endswith(".gz"):
        return precompressed.read_bytes(), True
    data = path.read_bytes()
    if compressible(path):
        return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0), True
    return data, False


@dataclass(frozen=True)
class Weight:
    path: str  # relative to the site directory, POSIX
    raw: int
    gzip: int  # bytes on the wire with gzip (the raw size for files a server sends uncompressed)


def weigh(site: Path, relative: str, use_precompressed: bool = True) -> Weight:
    path = site / relative
    stat = path.stat()
    return Weight(relative, stat.st_size, _gzip_size(path, stat.st_mtime_ns, stat.st_size, use_precompressed))


@functools.lru_cache(maxsize=4096)
def _gzip_size(path: Path, mtime_ns: int, size: int, use_precompressed: bool = True) -> int:
    # Keyed by modification time and size: a language pack weighs the same shared files for every page.
    return len(encoded(path, use_precompressed)[0])


@dataclass
class PageWeight:
    page: Weight
    assets: list[Weight] = field(default_factory=list)
    index: Weight | None = None
    missing: list[str] = field(default_factory=list)  # referenced files the site does not have

    @property
    def raw(self) -> int:
        return self.page.raw + sum(a.raw for a in self.assets)

    @property
    def gzip(self) -> int:
        return self.page.gzip + sum(a.gzip for a in self.assets)


class _References(HTMLParser):
    """Stylesheets, scripts, icons and images an HTML page makes the browser fetch, and the config JSON."""

    # Not "manifest": browsers fetch the web app manifest only when the reader installs the site. The
    # service worker (sw.js, a few KB) is fetched after the page has loaded and is not counted either.
    FETCHED_LINKS = {"stylesheet", "icon", "shortcut icon", "apple-touch-icon", "preload", "modulepreload"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.config = ""
        self._in_config = False
        self._in_noscript = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "noscript":
            self._in_noscript = True  # fetched only by a browser without JavaScript
        if self._in_noscript:
            return
        if tag == "link" and attributes.get("href") and (attributes.get("rel") or "").lower() in self.FETCHED_LINKS:
            self.urls.append(attributes["href"])
        elif tag in ("script", "img", "source", "iframe") and attributes.get("src"):
            self.urls.append(attributes["src"])
        if tag == "script" and attributes.get("data-wf-material"):
            self.urls.append(attributes["data-wf-material"])  # Material's bundle, started by wayfinder-start.js
        self._in_config = tag == "script" and attributes.get("id") == "__config"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_config = False
        elif tag == "noscript":
            self._in_noscript = False

    def handle_data(self, data):
        if self._in_config:
            self.config += data


def page_file(site: Path, url_path: str) -> str | None:
    """The file a static server sends for a site path ('vard/tolk/' -> 'vard/tolk/index.html')."""
    url_path = unquote(url_path).lstrip("/")
    candidates = [url_path + "index.html"] if url_path.endswith("/") or not url_path else [url_path, url_path + "/index.html"]
    for candidate in candidates:
        if (site / candidate).is_file():
            return candidate
    return None


def _local(site_url: str) -> str | None:
    parts = urlsplit(site_url)
    if f"{parts.scheme}://{parts.netloc}/" != ORIGIN:
        return None  # another host: not part of this page's weight here
    return parts.path.lstrip("/")


def lunr_scripts(languages: list[str]) -> list[str]:
    """The lunr files Material's search worker imports for an index's `config.lang` (its `setupSearchLanguages`)."""
    scripts = []
    for lang in languages:
        if lang == "ja":
            scripts.append("tinyseg.js")
        elif lang in ("hi", "th"):
            scripts.append("wordcut.js")
        if lang != "en":
            scripts.append(f"min/lunr.{lang}.min.js")
    if len(languages) > 1:
        scripts.append("min/lunr.multi.min.js")
    return ["min/lunr.stemmer.support.min.js", *scripts] if scripts else []


def page_weight(site: Path, page_path: str, use_precompressed: bool = True) -> PageWeight:
    """The weight of the page at site path `page_path` (e.g. 'ar/vard/tolk/') and everything it fetches."""
    site = Path(site)
    html_file = page_file(site, page_path)
    if html_file is None:
        raise FileNotFoundError(f"{site}: no page at '{page_path}'")
    page_url = urljoin(ORIGIN, page_path)
    parser = _References()
    parser.feed((site / html_file).read_text(encoding="utf-8"))
    result = PageWeight(page=weigh(site, html_file, use_precompressed))
    seen: set[str] = set()

    def add(url: str) -> str | None:
        path = _local(url)
        if path is None:
            return None
        path = unquote(path)
        if path in seen:
            return path
        seen.add(path)
        if not (site / path).is_file():
            result.missing.append(path)
            return None
        result.assets.append(weigh(site, path, use_precompressed))
        if path.endswith(".css"):
            text = (site / path).read_text(encoding="utf-8", errors="replace")
            for _, reference in _CSS_URL.findall(text):
                if not reference.startswith(("data:", "#")):
                    add(urljoin(url, reference))
        return path

    for url in parser.urls:
        if not url.startswith("data:"):
            add(urljoin(page_url, url))

    # Material's search worker, started on every page; Wayfinder's worker imports Material's.
    config = json.loads(parser.config) if parser.config.strip() else {}
    if config.get("search"):
        worker_url = urljoin(page_url, config["search"])
        worker = add(worker_url.split("?")[0])
        if worker is not None:
            source = (site / worker).read_text(encoding="utf-8", errors="replace")
            for _, script in _IMPORT_SCRIPTS.findall(source):
                add(urljoin(worker_url, script))
            for material in parse_qs(urlsplit(worker_url).query).get("material", []):
                add(urljoin(worker_url, material))
        base = urljoin(page_url, config.get("base", "."))
        index_path = _local(urljoin(base, SEARCH_INDEX))
        if index_path and (site / index_path).is_file():
            result.index = weigh(site, index_path, use_precompressed)
            languages = json.loads((site / index_path).read_text(encoding="utf-8")).get("config", {}).get("lang", [])
            lunr_dir = urljoin(worker_url, "../lunr/")
            for script in lunr_scripts(languages):
                add(urljoin(lunr_dir, script))
        elif index_path:
            result.missing.append(index_path)
    return result


def representative_page(language, page: str = "vard/tolk/") -> str:
    return language.url_prefix + page


def kib(size: int) -> str:
    return f"{size / 1024:.1f}"
