"""Generate a synthetic Wayfinder tree (many languages × many pages) for benchmarks.

  python scripts/synthetic_tree.py DIR [--languages 50] [--pages 2000] [--seed 1]

About 70% of pages are translated per language, a tenth of those outdated, a fifth reviewed."""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from wayfinder.hashing import hash_text  # noqa: E402

SECTIONS = ["start", "civic-orientation", "healthcare", "about"]
BODY = "\n".join(f"## Avsnitt {n}\n\nRing 112 eller 1177. Det här är en mening om ämnet {n} på enkel svenska.\n" for n in range(4))


def target_codes(count: int) -> list[str]:
    from babel import localedata

    codes = sorted({name for name in localedata.locale_identifiers() if len(name) == 2 and name != "sv"})
    if count > len(codes):
        raise SystemExit(f"Babel knows only {len(codes)} two-letter locales")
    return codes[:count]


def generate(root: Path, languages: int, pages: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    (root / "locales").mkdir(parents=True, exist_ok=True)
    (root / "content").mkdir(parents=True, exist_ok=True)
    codes = target_codes(languages - 1)
    for code, source in [("sv", True)] + [(c, False) for c in codes]:
        data = {"code": code, "locale": code, "site_name": "W", "site_description": "W", "nav": {}, "ui": {}}
        if source:
            data["source"] = True
        (root / "locales" / f"{code}.yml").write_text(yaml.safe_dump(data), encoding="utf-8")
    (root / "l10n.yml").write_text(
        "offered:\n  required: ['s0/*.md']\nsections:\n  healthcare: {label: healthcare, required: ['s2/*.md']}\n",
        encoding="utf-8")
    for n in range(pages):
        section = n % len(SECTIONS)
        directory = root / "content" / f"s{section}"
        directory.mkdir(exist_ok=True)
        source_text = (f"---\ntitle: Sida {n}\ndescription: Beskrivning {n}.\nsection: {SECTIONS[section]}\n"
                       f"reviewed: 2026-11-29\nsources:\n  - title: K\n    url: https://www.1177.se/\n---\n# Sida {n}\n\n{BODY}")
        (directory / f"p{n}.md").write_text(source_text, encoding="utf-8")
        current = hash_text(source_text)
        for code in codes:
            roll = rng.random()
            if roll > 0.7:
                continue
            status = "reviewed" if rng.random() < 0.2 else "machine"
            followed = current if rng.random() > 0.1 else "0" * 16
            (directory / f"p{n}.{code}.md").write_text(
                f"---\ntitle: Page {n}\ndescription: Description {n}.\ntranslation:\n  status: {status}\n"
                f"  translator: machine draft\n  source_hash: {followed}\n---\n# Page {n}\n\n{BODY}", encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--languages", type=int, default=50, help="including the source language")
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    generate(args.directory, args.languages, args.pages, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
