"""Reading offline after one visit: the service worker, the language packs and the web app manifests,
written into the built site at the end of every build (scripts/hooks/publishing.py via wayfinder.publishing).

- `sw.js` at the site root: `service_worker.js` (next to this module) with its configuration filled in —
  the deploy's version (a hash of every file of the site, so any change to a page or an asset makes a
  new worker and a new cache), the assets every page needs (`core`), and where each language's pack is.
- `<language>/offline-pack.json`: every page of a language, every file those pages fetch (page_weight
  finds them: stylesheets, scripts, icons, the search worker, its lunr scripts) and the language's
  search index, with the bytes a reader downloads to save it (gzip, as nginx sends it at most).
- `<language>/manifest.webmanifest`: "install to home screen" in the reader's language: name, lang,
  dir and start_url of that language, the project's icons.

The worker runs only over http(s) (browsers allow none on file://), so the offline zip is unaffected."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .languages import Language, Registry
from .page_weight import page_weight

TEMPLATE = Path(__file__).with_name("service_worker.js")
WORKER = "sw.js"
PACK = "offline-pack.json"
MANIFEST = "manifest.webmanifest"
ICONS = ("assets/images/wayfinder-192.png", "assets/images/wayfinder-512.png", "assets/images/wayfinder-maskable-512.png")
THEME_COLOR = "#3f51b5"  # Material's indigo primary (mkdocs.yml palette)
_PLACEHOLDER = "__WAYFINDER_CONFIG__"
# Files that are not the site a reader sees: compressed copies, the nginx include, our own outputs.
_SKIPPED_SUFFIXES = (".gz", ".br")
_SKIPPED_NAMES = {WORKER, PACK, "_redirects.nginx.conf"}


@dataclass
class Pack:
    language: str
    pages: list[str]  # site paths of the pages ('ar/vard/tolk/'), as a reader's browser requests them
    files: list[str]  # every other file the pages fetch, and the search index
    bytes: int  # on the wire, gzip
    raw: int  # stored on the phone (the Cache API keeps bodies uncompressed)

    def to_json(self) -> dict:
        return {"language": self.language, "pages": self.pages, "files": self.files, "bytes": self.bytes, "raw": self.raw}


def _is_redirect_stub(html_path: Path) -> bool:
    # redirects.yml pages (wayfinder.redirects): a meta refresh to the new address, not content to keep.
    head = html_path.read_text(encoding="utf-8", errors="replace")[:2000]
    return 'http-equiv="refresh"' in head


def language_pages(site: Path, language: Language, registry: Registry) -> list[str]:
    """Site paths of every page of `language` (its folder; for the source language the root without the
    other languages' folders), redirect stubs and the 404 page left out."""
    base = site / language.url_prefix
    others = {code for code in registry.codes if code != language.code}
    pages = []
    for path in sorted(base.rglob("index.html")):
        relative = path.relative_to(site)
        if language.is_source and relative.parts[0] in others:
            continue
        if _is_redirect_stub(path):
            continue
        folder = relative.parent.as_posix()
        pages.append("" if folder == "." else folder + "/")
    return pages


def language_pack(site: Path, language: Language, registry: Registry) -> Pack:
    """What "save this language for offline use" stores, and its size (page_weight counts each file once)."""
    site = Path(site)
    pages = language_pages(site, language, registry)
    weights: dict[str, tuple[int, int]] = {}
    files: dict[str, None] = {}
    for page in pages:
        # Compressed here at gzip's default level, whether or not the build's .gz copies exist yet: the
        # serial and the parallel build write the packs at different points of compression.
        weight = page_weight(site, page, use_precompressed=False)
        weights[page] = (weight.page.raw, weight.page.gzip)
        for item in [*weight.assets] + ([weight.index] if weight.index else []):
            files.setdefault(item.path)
            weights[item.path] = (item.raw, item.gzip)
    return Pack(language.code, pages, list(files), bytes=sum(g for _, g in weights.values()),
                raw=sum(r for r, _ in weights.values()))


def core_assets(site: Path, registry: Registry) -> list[str]:
    """The files every language's home page fetches: kept at install, from the browser's HTTP cache."""
    common: list[str] | None = None
    for language in built_languages(site, registry):
        assets = [a.path for a in page_weight(site, language.url_prefix).assets]
        common = assets if common is None else [a for a in common if a in assets]
    return common or []


def site_version(site: Path) -> str:
    """A hash of every file a reader can fetch: any change to the deploy gives a new version."""
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        if path.name in _SKIPPED_NAMES or path.name.endswith(_SKIPPED_SUFFIXES):
            continue
        digest.update(path.relative_to(site).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def manifest(language: Language) -> dict:
    """The web app manifest of one language: an installed Wayfinder opens in the reader's language."""
    root = "../" if not language.is_source else "./"
    return {
        "name": language.site_name,
        "short_name": "Wayfinder",
        "description": language.site_description,
        "lang": language.lang,
        "dir": language.direction,
        "id": "./",
        "start_url": "./",
        "scope": root,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "icons": [
            {"src": root + ICONS[0], "sizes": "192x192", "type": "image/png"},
            {"src": root + ICONS[1], "sizes": "512x512", "type": "image/png"},
            {"src": root + ICONS[2], "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
        ],
    }


def built_languages(site: Path, registry: Registry) -> list[Language]:
    """The languages whose home page is in `site` (a one-language build has one)."""
    return [language for language in registry if (site / language.url_prefix / "index.html").is_file()]


def write(site: Path, registry: Registry) -> list[str]:
    """Write manifests, packs and sw.js for the languages built into `site`; returns lines for the build log."""
    site = Path(site)
    languages = built_languages(site, registry)
    packs = {}
    for language in languages:
        (site / language.url_prefix / MANIFEST).write_text(
            json.dumps(manifest(language), ensure_ascii=False, indent=1), encoding="utf-8")
    for language in languages:
        pack = language_pack(site, language, registry)
        (site / language.url_prefix / PACK).write_text(json.dumps(pack.to_json(), ensure_ascii=False), encoding="utf-8")
        packs[language.code] = pack
    config = {
        "version": site_version(site),
        "core": core_assets(site, registry),
        "packs": {language.code: language.url_prefix + PACK for language in languages},
    }
    source = TEMPLATE.read_text(encoding="utf-8")
    if source.count(_PLACEHOLDER) != 1:
        raise ValueError(f"{TEMPLATE}: expected {_PLACEHOLDER} exactly once")
    (site / WORKER).write_text(source.replace(_PLACEHOLDER, json.dumps(config, ensure_ascii=False)), encoding="utf-8")
    sizes = ", ".join(f"{code} {pack.bytes / 1024 / 1024:.2f}" for code, pack in packs.items())
    return [f"service worker {config['version']} and offline packs written (MB on the wire: {sizes})"]
