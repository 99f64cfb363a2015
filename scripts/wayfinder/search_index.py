"""Per-language search indexes for Material's search, written at build time.

Stock mkdocs-static-i18n stacks every language into one `search/search_index.json`: each visitor
downloads all languages and results mix. We write `<lang>/search/search_index.json` holding only that
language's own pages (fallback copies of Swedish pages are left out) with a configuration that suits
its script: no lunr trimmer (it strips digits and Ethiopic), our separator (Ethiopic and Arabic
punctuation), a stemmer only where lunr-languages has one for the language."""
from __future__ import annotations

import json
from pathlib import Path

from .bidi import isolate_numbers
from .search_text import SEPARATOR

# lunr's own language; the others need a lunr-languages file shipped with Material.
LUNR_BUILTIN = "en"


def material_lunr_languages() -> set[str]:
    import material

    directory = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "lunr" / "min"
    names = {path.name.split(".")[1] for path in directory.glob("lunr.*.min.js")}
    return (names - {"stemmer", "multi"}) | {LUNR_BUILTIN}


def search_config(language_code: str, babel_language: str, fields: dict, available: set[str] | None = None) -> dict:
    """Material's search config for one language: a stemmer and stop words where lunr-languages has them,
    otherwise plain (normalised) prefix matching; never the trimmer."""
    available = material_lunr_languages() if available is None else available
    stemmed = babel_language in available
    return {
        "lang": [babel_language if stemmed else LUNR_BUILTIN],
        "separator": SEPARATOR,
        "pipeline": ["stemmer", "stopWordFilter"] if stemmed else [],
        "fields": fields,
    }


def language_entries(entries: list[dict], prefix: str, excluded_urls: set[str], isolate: bool = False) -> list[dict]:
    """Entries of one language, their locations relative to the language root, fallback pages left out.
    `isolate` (right-to-left languages): digit groups and web addresses in titles and texts wrapped in
    <bdi dir="ltr">, since Material shows both as HTML in the results ("114 14", not "14 114")."""
    out = []
    for entry in entries:
        location = entry["location"]
        if prefix and not location.startswith(prefix):
            continue
        relative = location[len(prefix):]
        if relative.split("#", 1)[0] in excluded_urls:
            continue
        entry = {**entry, "location": relative}
        if isolate:
            entry.update({key: isolate_numbers(entry[key], css_class=None) for key in ("title", "text") if entry.get(key)})
        out.append(entry)
    return out


def write_index(site_dir: Path, prefix: str, config: dict, docs: list[dict]) -> Path:
    path = site_dir / prefix / "search" / "search_index.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")
    return path
