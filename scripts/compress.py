"""Write gzip and Brotli copies (`.gz`, `.br`) next to every compressible file of a built site.

Usage: python scripts/compress.py SITE_DIR [--brotli-quality N] [--force]
The build already does this (scripts/hooks/publishing.py); run it by hand on a site built elsewhere, or
with --brotli-quality 11 --force for the smallest files before a deploy. Running it twice changes nothing."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from wayfinder.compression import BROTLI_QUALITY, MIN_SIZE, compress_site, summary  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--brotli-quality", type=int, default=BROTLI_QUALITY, choices=range(0, 12), metavar="0-11")
    parser.add_argument("--min-size", type=int, default=MIN_SIZE, help="skip smaller files (bytes)")
    parser.add_argument("--force", action="store_true", help="rewrite copies that are already up to date")
    args = parser.parse_args(argv)
    if not args.site_dir.is_dir():
        parser.error(f"{args.site_dir}: not a directory (build the site first: mkdocs build --strict -d site)")
    stats = compress_site(args.site_dir, args.brotli_quality, args.min_size, args.force)
    print(f"{stats.original_bytes} bytes before, {stats.gzip_bytes} gzip, {stats.brotli_bytes} brotli")
    print(summary(stats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
