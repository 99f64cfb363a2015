"""Check the whole content tree; one line per problem: `path:line: severity: what is wrong — what to do [code]`.

  python scripts/check.py [--strict] [--external]
  python scripts/check.py --codes     print FINDINGS.md, the table of codes (wayfinder.findings.CODES)

Errors: unreadable or mistyped front matter, unknown keys, dates that are not dates; file names with a
suffix that is not a language of locales/, translations without a source, two files for one page and
language, non-UTF-8 files, byte-order marks, Windows line endings; links and anchors that do not
resolve in the same language, links to another language's file; raw <script>/<iframe>/<object>,
inline event handlers, javascript:/data: URLs; translations that lose a number or the structure of the Swedish
version they were translated from (recorded in translation.source_hash).
Facts (facts/*.yml, see CONTRIBUTING.md): registry errors, unknown or malformed {{fact:ID}} placeholders, a
translation whose placeholders differ from its source's, expired facts (errors); phone numbers, kronor amounts and
age limits written as text (warnings).
Bidi controls and invisible characters around numbers, markup in front matter, glossary and interface strings,
impossible dates and duplicate keys (errors).
Notices (never fail): facts due for a check, outdated translations, new required pages in their grace period, the offered count.
Warnings: Swedish pages above the LIX limit, pages reviewed too long ago (limits in l10n.yml, 'checks:').

Exit codes: 0 no errors (and no warnings with --strict), 1 problems found, 2 usage error."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from wayfinder import REPO_ROOT  # noqa: E402
from wayfinder.checks import run_checks  # noqa: E402
from wayfinder.findings import codes_markdown  # noqa: E402
from wayfinder.l10n_config import ConfigError  # noqa: E402
from wayfinder.languages import LanguageError  # noqa: E402
from wayfinder.project import Project  # noqa: E402


def main(argv: list[str] | None = None, root: Path = REPO_ROOT) -> int:
    parser = argparse.ArgumentParser(prog="check.py", description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="warnings fail too")
    parser.add_argument("--external", action="store_true", help="list every external link for review")
    parser.add_argument("--codes", action="store_true", help="print the table of finding codes (FINDINGS.md) and exit")
    parser.add_argument("--root", type=Path, default=root, help="repository root (default: this repository)")
    args = parser.parse_args(argv)
    if args.codes:
        sys.stdout.write(codes_markdown())
        return 0
    root = args.root.resolve()
    model = Project(root)  # wayfinder.project: content scanned, git read and status computed once
    try:
        registry, l10n_config = model.registry, model.l10n
    except (LanguageError, ConfigError) as error:
        print(error)
        return 1
    report = run_checks(root, registry, l10n_config, model.checks, model.tree, model.status, model.history,
                        fact_registry=model.facts)
    for finding in report.findings:  # notices too: they never fail, but an editor should see them
        print(finding)
    if args.external:
        print(f"\nExternal links to review ({len(report.external_links)}):")
        for path, line, url in sorted(set(report.external_links)):
            print(f"  {path}:{line}: {url}")
    errors, warnings = len(report.errors), len(report.warnings)
    print(f"{errors} error(s), {warnings} warning(s), {len(report.notices)} notice(s), "
          f"{len(set(url for *_, url in report.external_links))} external link(s)", file=sys.stderr)
    return 1 if errors or (args.strict and warnings) else 0


if __name__ == "__main__":
    sys.exit(main())
