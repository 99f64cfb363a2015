"""Benchmark `l10n.py status` on a synthetic tree (default 50 languages × 2,000 pages). Prints figures.

  python scripts/bench_status.py [--languages 50] [--pages 2000] [--runs 5]

Target: under 3 s on a 2-core machine. Not a test: timings vary by machine."""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic_tree import generate  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--languages", type=int, default=50)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="wayfinder-bench-") as directory:
        root = Path(directory)
        started = time.perf_counter()
        generate(root, args.languages, args.pages)
        files = sum(1 for _ in (root / "content").rglob("*.md"))
        print(f"synthetic tree: {args.languages} languages × {args.pages} pages = {files} files "
              f"(generated in {time.perf_counter() - started:.1f} s)")
        subprocess.run(["git", "init", "-q", str(root)], check=True)  # a git work tree without history
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            result = subprocess.run([sys.executable, str(HERE / "l10n.py"), "--root", str(root), "status", "--format", "json"],
                                    capture_output=True, text=True)
            times.append(time.perf_counter() - started)
            if result.returncode not in (0, 1):
                print(result.stderr)
                return 2
        print(f"l10n.py status (whole process, {args.runs} runs): median {statistics.median(times):.2f} s, "
              f"min {min(times):.2f} s, max {max(times):.2f} s — target < 3 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
