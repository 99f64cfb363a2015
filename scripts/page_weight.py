#!/usr/bin/env python3
"""Page weight per language, from a built site: python scripts/page_weight.py SITE_DIR [--page vard/tolk/] [-v]

For each language: the bytes of a representative article page (default vard/tolk/) and the files the
browser fetches for it (stylesheets, scripts, icon, search worker and its lunr scripts), raw and gzip
as a static server sends them, and the language's search index (raw and gzip), which is counted apart.
The budget (issue 9) is 150 KB on the wire per page, fonts included, search index excluded; the
browser test tests/test_page_weight.py measures the same in Chromium. The `listen gz` column is what the
Listen control's script and stylesheet add to the page (budget 10 KiB gzip, issue 18). Then, per
language, the offline pack ("save this language for offline use"): every page, the files they fetch and
the search index, gzip on the wire and as stored; budget 3 MiB (issue 19)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from wayfinder.languages import load_registry  # noqa: E402
from wayfinder.listen import LISTEN_ASSETS, LISTEN_BUDGET  # noqa: E402
from wayfinder.page_weight import kib, page_weight, representative_page  # noqa: E402
from wayfinder.service_worker import built_languages, language_pack  # noqa: E402

BUDGET = 150 * 1024
PACK_BUDGET = 3 * 1024 * 1024  # a fully translated language saved for offline use (issue 19)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", type=Path, help="a built site (mkdocs build --site-dir SITE_DIR)")
    parser.add_argument("--page", default="vard/tolk/", help="page path within each language (default vard/tolk/)")
    parser.add_argument("--locales", type=Path, default=ROOT / "locales")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every file of each page")
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        parser.error(f"{args.site_dir}: not a built site (no index.html)")

    registry = load_registry(args.locales)
    print(f"Page weight of {args.page} per language, in KiB (1 KiB = 1024 bytes); "
          f"gzip as a static server sends it; budget {BUDGET // 1024} KiB gzip, search index apart.")
    header = (f"{'lang':8} {'html raw':>9} {'html gz':>8} {'assets raw':>10} {'assets gz':>9} "
              f"{'total raw':>9} {'total gz':>8} {'index raw':>9} {'index gz':>8} {'listen gz':>9}  files")
    print(header)
    print("-" * len(header))
    status = 0
    for language in registry:
        path = representative_page(language, args.page)
        try:
            weight = page_weight(args.site_dir, path)
        except FileNotFoundError as error:
            print(f"{language.code:8} {error}")
            status = 1
            continue
        assets_raw = sum(a.raw for a in weight.assets)
        assets_gz = sum(a.gzip for a in weight.assets)
        index_raw = kib(weight.index.raw) if weight.index else "-"
        index_gz = kib(weight.index.gzip) if weight.index else "-"
        # Listen's script and stylesheet (issue 18: the script adds at most 10 KiB gzip to a page).
        listen_gz = sum(a.gzip for a in weight.assets if a.path in LISTEN_ASSETS)
        flag = "  OVER BUDGET" if weight.gzip > BUDGET else ""
        flag += "  LISTEN OVER BUDGET" if listen_gz > LISTEN_BUDGET else ""
        print(f"{language.code:8} {kib(weight.page.raw):>9} {kib(weight.page.gzip):>8} {kib(assets_raw):>10} "
              f"{kib(assets_gz):>9} {kib(weight.raw):>9} {kib(weight.gzip):>8} {index_raw:>9} {index_gz:>8} {kib(listen_gz):>9}  "
              f"{1 + len(weight.assets)}{flag}")
        if weight.gzip > BUDGET or listen_gz > LISTEN_BUDGET:
            status = 1
        for missing in weight.missing:
            print(f"         missing: {missing}")
            status = 1
        if args.verbose:
            for item in [weight.page, *weight.assets] + ([weight.index] if weight.index else []):
                print(f"           {kib(item.raw):>8} raw {kib(item.gzip):>8} gz  {item.path}")
    status |= report_packs(args.site_dir, registry)
    return status


def report_packs(site: Path, registry) -> int:
    """What "save this language for offline use" stores (wayfinder.service_worker), per language."""
    print(f"\nOffline pack per language (all pages, their files and the search index), in MiB; "
          f"budget {PACK_BUDGET // 1048576} MiB gzip:")
    print(f"{'':5}{'lang':8} {'pages':>5} {'files':>5} {'gzip':>7} {'stored':>7}")
    status = 0
    for language in built_languages(site, registry):
        pack = language_pack(site, language, registry)
        flag = "  OVER BUDGET" if pack.bytes > PACK_BUDGET else ""
        print(f"pack {language.code:8} {len(pack.pages):>5} {len(pack.files):>5} {pack.bytes / 1048576:>7.2f} "
              f"{pack.raw / 1048576:>7.2f}{flag}")
        status |= 1 if pack.bytes > PACK_BUDGET else 0
    return status


if __name__ == "__main__":
    sys.exit(main())
