"""Print the LIX readability and word count of each Swedish source page.

Usage: python scripts/lix.py [--max N] [paths...]
Exit codes: 0 all pages at or under --max (default 40, only checked when given), 1 some above, 2 usage."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from wayfinder import REPO_ROOT  # noqa: E402
from wayfinder.frontmatter import read  # noqa: E402
from wayfinder.lix import lix, word_count  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--max", type=float, default=None, help="fail when a page's LIX is above this")
    args = parser.parse_args(argv)
    paths = args.paths or sorted(p for p in (REPO_ROOT / "content").rglob("*.md") if p.name.count(".") == 1)
    worst = 0.0
    print(f"{'LIX':>5} {'words':>6}  page")
    for path in paths:
        body = read(path).body
        score = lix(body)
        worst = max(worst, score)
        flag = "  ← above target" if args.max is not None and score > args.max else ""
        print(f"{score:5.1f} {word_count(body):6d}  {path.relative_to(REPO_ROOT) if path.is_absolute() else path}{flag}")
    if args.max is not None and worst > args.max:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
