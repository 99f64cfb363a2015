"""Where do key Swedish terms not appear bold, in the Swedish page's form, on a language's page?

  python scripts/key_terms.py [--lang ar]

Lists `path:line: error: …` for every page with front matter `terms` (and lessons' `lesson.signs`).
The content checks (scripts/check.py, every build) already refuse lessons with such findings; for the
other pages this is the report to work from. Exit codes: 0 none, 1 findings."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from wayfinder import REPO_ROOT  # noqa: E402
from wayfinder.content import scan  # noqa: E402
from wayfinder.frontmatter import FrontMatterError, split  # noqa: E402
from wayfinder.glossary import load_source  # noqa: E402
from wayfinder.key_terms import check_documents  # noqa: E402
from wayfinder.languages import load_registry  # noqa: E402


def main(argv: list[str] | None = None, root: Path = REPO_ROOT) -> int:
    parser = argparse.ArgumentParser(prog="key_terms.py", description=__doc__.splitlines()[0])
    parser.add_argument("--lang", help="only findings in this language's files")
    args = parser.parse_args(argv)
    registry = load_registry(root / "locales")
    tree = scan(root / "content", registry)
    terms = {term_id: entry.term for term_id, entry in load_source(root / "glossary", registry.source.code).items()}
    documents = {}
    for page, files in tree.pages.items():
        for code, file in files.items():
            text = file.path.read_text(encoding="utf-8")
            try:
                documents[(page, code)] = (file.path.relative_to(root).as_posix(), text, split(text, file.path))
            except FrontMatterError:
                continue  # reported by scripts/check.py
    findings = check_documents(documents, registry.source.code, terms, lessons_only=False)
    if args.lang:
        findings = [f for f in findings if f.path.endswith(f".{args.lang}.md")]
    for finding in findings:
        print(finding)
    print(f"{len(findings)} finding(s)", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
