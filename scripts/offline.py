"""Make an offline copy of Wayfinder (a zip) that works opened from file:// — navigation and search —
for classrooms without internet.

  python scripts/offline.py [--lang ar] [--site-dir site] [--output wayfinder-offline.zip]

Without --site-dir the site is built first (scripts/build.py). With --lang only that language (and the
shared assets) is included. Unzip, then open wayfinder/index.html (or wayfinder/ar/index.html).
Exit codes: 0 written, 1 the build failed, 2 usage error."""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from wayfinder import REPO_ROOT  # noqa: E402
from wayfinder.languages import load_registry  # noqa: E402
from wayfinder.offline import make_offline, zip_directory  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="offline.py", description=__doc__.splitlines()[0])
    parser.add_argument("--lang", action="append", help="only this language (repeatable)")
    parser.add_argument("--site-dir", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--output", type=Path, default=Path("wayfinder-offline.zip"))
    args = parser.parse_args(argv)
    registry = load_registry(REPO_ROOT / "locales")
    for code in args.lang or []:
        if code not in registry:
            print(f"offline.py: unknown language '{code}' — one of {', '.join(registry.codes)}", file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory(prefix="wayfinder-offline-") as scratch:
        site = args.site_dir
        if site is None:
            import build

            site = Path(scratch) / "site"
            if build.main(["--site-dir", str(site)]) != 0:
                return 1
        staging = Path(scratch) / "offline"
        make_offline(site.resolve(), staging, args.lang, registry.source.code, registry.codes, registry)
        zip_directory(staging, args.output)
    print(f"wrote {args.output} ({args.output.stat().st_size // 1024} KB): unzip it and open wayfinder/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
