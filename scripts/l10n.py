"""Translation tooling for Wayfinder's translators and editors.

  python scripts/l10n.py status [--format table|markdown|json|csv] [--lang CODE] [--section ID]
                                [--fail-under PERCENT] [--fail-on-outdated]
        per language (and section): pages total / translated / reviewed / machine / outdated / missing,
        words total / translated, missing and outdated pages, and the languages Wayfinder is offered in
        (the minimum-content rule of l10n.yml).
  python scripts/l10n.py facts [--format table|markdown|json|csv] [--fail-on-due]
        every fact of facts/*.yml: value, kind, state (current, due, unchecked, no-value, expired,
        not-yet-valid), when it was checked and how many days ago, validity, where it is defined, and the pages
        and languages that use it. Exit 1 for registry problems, unknown ids or expired facts (and, with
        --fail-on-due, facts due for a check) — for a scheduled job.
  python scripts/l10n.py diff FILE          what changed in the Swedish source since the version the
                                            translation FILE follows, grouped by heading (needs git history)
  python scripts/l10n.py sync FILE...       record that translations follow the current Swedish source
  python scripts/l10n.py check FILE...      structure, numbers, fact placeholders and front matter of translations
  python scripts/l10n.py new-language CODE [--locale CLDR]
                                            a locale file for a new language from Babel/CLDR data
  python scripts/l10n.py compare BASE.json HEAD.json
                                            what a change does to the status (for pull requests)

States: every (language, page) is missing, machine, reviewed or outdated; translated = machine + reviewed
+ outdated. JSON (--format json): {"source", "offered", "offered_reviewed", "sections", "languages": {code:
{"name", "offered", "pages": {"total", "translated", "reviewed", "machine", "outdated", "missing"}, "words":
{"total", "translated"}, "missing_pages", "outdated_pages", "outdated_details", "by_section", ...}},
"orphans", "problems"}; page lists hold source paths relative to the repository root.

Exit codes: 0 fine; 1 problems found (check), a gate failed (--fail-under, --fail-on-outdated) or the
content has problems (orphans, unreadable front matter); 2 usage error (bad arguments, unknown file)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from wayfinder import REPO_ROOT  # noqa: E402
import json  # noqa: E402

from wayfinder.content import scan, split_suffix  # noqa: E402
from wayfinder.history import History  # noqa: E402
from wayfinder.l10n_config import ConfigError, load_config  # noqa: E402
from wayfinder.report import render_csv, render_markdown, render_table  # noqa: E402
from wayfinder.sections import diff_by_section  # noqa: E402
from wayfinder.status import compute_status, read_translation_info, to_json  # noqa: E402
from wayfinder.frontmatter import FrontMatterError, split  # noqa: E402
from wayfinder.languages import load_registry  # noqa: E402
from wayfinder.facts import compare_placeholders  # noqa: E402
from wayfinder.parity import check_parity  # noqa: E402
from wayfinder.schema import check_translation_meta  # noqa: E402
from wayfinder.translations import sync  # noqa: E402


class UsageError(Exception):
    pass


def _translation_files(paths: list[Path], root: Path):
    registry = load_registry(root / "locales")
    tree = scan(root / "content", registry)
    content = (root / "content").resolve()
    for path in paths:
        path = path.resolve()
        try:
            relative = path.relative_to(content)
        except ValueError:
            raise UsageError(f"{path}: not a file under {content}") from None
        parsed = split_suffix(Path(relative.as_posix()), registry.codes)  # type: ignore[arg-type]
        if parsed is None or parsed[1] in (None, registry.source.code):
            raise UsageError(f"{path}: not a translation (expected a name like page.ar.md)")
        page, code = parsed
        files = tree.pages.get(page, {})
        if registry.source.code not in files:
            raise UsageError(f"{path}: its Swedish source content/{page} does not exist (renamed or deleted?)")
        yield files[code], files[registry.source.code]


def cmd_check(args, root: Path) -> int:
    problems = 0
    for translation, source in _translation_files(args.files, root):
        text = translation.path.read_text(encoding="utf-8")
        rel = translation.path.relative_to(root)
        try:
            findings = check_translation_meta(rel, split(text, rel).meta, text)
        except FrontMatterError as error:
            print(error)
            problems += 1
            continue
        source_text = source.path.read_text(encoding="utf-8")
        findings += check_parity(source_text, text, rel, source.path.relative_to(root))
        findings += compare_placeholders(source.path.relative_to(root).as_posix(), source_text, str(rel), text)
        for finding in findings:
            print(finding)
        problems += len(findings)
    print(f"{problems} problem(s)" if problems else "no problems", file=sys.stderr)
    return 1 if problems else 0


def cmd_status(args, root: Path) -> int:
    registry = load_registry(root / "locales")
    try:
        config = load_config(root / "l10n.yml")
    except ConfigError as error:
        raise UsageError(str(error)) from None
    for code in args.lang or []:
        if code not in registry:
            raise UsageError(f"unknown language '{code}' — known: {', '.join(registry.codes)}")
    status = compute_status(root, registry, config, History.load(root, config.minor_change_keywords))
    data = to_json(status, args.lang, args.section)
    if args.section and all(not language["pages"]["total"] for language in data["languages"].values()):
        sections = sorted({p.section for language in status.languages.values() for p in language.pages})
        raise UsageError(f"no pages in section '{args.section}' — sections: {', '.join(sections)}")
    render = {"table": render_table, "markdown": render_markdown, "csv": render_csv,
              "json": lambda d: json.dumps(d, ensure_ascii=False, separators=(",", ":")) + "\n"}[args.format]
    sys.stdout.write(render(data))
    failed = bool(data["problems"])
    targets = {code: language for code, language in data["languages"].items() if not language["source"]}
    if args.fail_under is not None:
        for code, language in targets.items():
            words = language["words"]
            if words["total"] and 100 * words["translated"] / words["total"] < args.fail_under:
                print(f"l10n.py: {code} is under {args.fail_under}% of words translated", file=sys.stderr)
                failed = True
    if args.fail_on_outdated and any(language["pages"]["outdated"] for language in targets.values()):
        print("l10n.py: some translations are outdated", file=sys.stderr)
        failed = True
    return 1 if failed else 0


def cmd_facts(args, root: Path) -> int:
    from wayfinder import facts
    from wayfinder.checks import load_check_config

    registry = load_registry(root / "locales")
    config = load_check_config(root / "l10n.yml")
    data = facts.report_data(root, scan(root / "content", registry), facts.load_facts(root), config.today,
                             config.review_max_age_days)
    render = {"table": facts.render_report_table, "markdown": facts.render_report_markdown, "csv": facts.render_report_csv,
              "json": lambda d: json.dumps(d, ensure_ascii=False, separators=(",", ":")) + "\n"}[args.format]
    sys.stdout.write(render(data))
    failed = bool(data["problems"] or data["unknown"]) or any(f["state"] == "expired" for f in data["facts"])
    if args.fail_on_due and any(f["state"] in ("due", "unchecked", "no-value") for f in data["facts"]):
        print("l10n.py: some facts are due for a check (or were never checked)", file=sys.stderr)
        failed = True
    return 1 if failed else 0


def cmd_diff(args, root: Path) -> int:
    [(translation, source)] = list(_translation_files([args.file], root))
    rel_source = source.path.relative_to(root).as_posix()
    info = read_translation_info(translation.path.read_text(encoding="utf-8"), translation.path)
    if not info.source_hash:
        raise UsageError(f"{translation.path.relative_to(root)}: no translation.source_hash — it does not say which "
                         "source version it follows; compare it with the whole source and then run 'sync'")
    config = load_config(root / "l10n.yml")
    history = History.load(root, config.minor_change_keywords)
    current = source.path.read_text(encoding="utf-8")
    from wayfinder.hashing import hash_text
    if hash_text(current, rel_source) == info.source_hash:
        print(f"{translation.path.relative_to(root)} follows the current {rel_source}: nothing to update.")
        return 0
    found = history.old_text(rel_source, info.source_hash) if history else None
    if found is None:
        why = "this is not a git checkout" if history is None else (
            "the history is shallow (git fetch --unshallow)" if history.shallow else "no commit has that version")
        print(f"Cannot show what changed: the source version {info.source_hash} recorded in "
              f"{translation.path.relative_to(root)} is not in the git history ({why}). "
              f"Compare the translation with the whole of {rel_source}, then run 'l10n.py sync'.")
        return 1
    old_text, newer = found
    print(f"{rel_source}: {len(newer)} commit(s) since the version {translation.path.relative_to(root)} follows"
          + (" (plus uncommitted changes)" if not newer or hash_text(history._texts[newer[0].blob], rel_source) != hash_text(current, rel_source) else ""))
    for version in newer:
        print(f"  {version.commit[:10]} {version.subject}")
    for title, lines in diff_by_section(old_text, current):
        print(f"\n## {title}")
        for line in lines:
            print(f"  {line}")
    print(f"\nWhen the translation is updated: python scripts/l10n.py sync {translation.path.relative_to(root)}")
    return 1


def cmd_new_language(args, root: Path) -> int:
    from wayfinder.scaffold import ScaffoldError, scaffold

    try:
        path = scaffold(args.code, load_registry(root / "locales"), root / "locales", args.locale)
    except ScaffoldError as error:
        raise UsageError(str(error)) from None
    print(f"wrote {path.relative_to(root)}: translate its texts (listed under 'untranslated'), then add pages "
          f"as content/<page>.{args.code}.md — the build picks the language up with no other change")
    return 0


def cmd_compare(args, root: Path) -> int:
    base = json.loads(args.base.read_text(encoding="utf-8"))
    head = json.loads(args.head.read_text(encoding="utf-8"))
    lines = ["### What this change does to translations", ""]
    gained = [c for c in head["offered"] if c not in base["offered"]]
    lost = [c for c in base["offered"] if c not in head["offered"]]
    if gained:
        lines.append(f"- Now offered in: {', '.join(gained)}")
    if lost:
        lines.append(f"- **No longer offered in: {', '.join(lost)}**")
    for code, language in head["languages"].items():
        before = base["languages"].get(code, {"pages": {}, "outdated_pages": [], "missing_pages": []})
        newly_outdated = sorted(set(language["outdated_pages"]) - set(before["outdated_pages"]))
        newly_translated = sorted(set(before["missing_pages"]) - set(language["missing_pages"]))
        if newly_outdated:
            lines.append(f"- {language['name']} ({code}): made outdated: " + ", ".join(f"`{p}`" for p in newly_outdated))
        if newly_translated:
            lines.append(f"- {language['name']} ({code}): newly translated: " + ", ".join(f"`{p}`" for p in newly_translated))
    if len(lines) == 2:
        lines.append("- No change to the translation status.")
    print("\n".join(lines))
    return 0


def cmd_sync(args, root: Path) -> int:
    for translation, source in _translation_files(args.files, root):
        translation.path.write_text(sync(translation, source, status=args.status, reviewer=args.reviewer), encoding="utf-8")
        print(f"{translation.path.relative_to(root)}: now follows {source.path.relative_to(root)}")
    return 0


def main(argv: list[str] | None = None, root: Path = REPO_ROOT) -> int:
    parser = argparse.ArgumentParser(prog="l10n.py", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=root, help="repository root (default: this repository)")
    commands = parser.add_subparsers(dest="command", required=True)
    status = commands.add_parser("status", help="translation coverage per language and section")
    status.add_argument("--format", choices=("table", "markdown", "json", "csv"), default="table")
    status.add_argument("--lang", action="append", help="only this language (repeatable)")
    status.add_argument("--section", help="only pages of this section (start, civic-orientation, healthcare, ...)")
    status.add_argument("--fail-under", type=float, metavar="PERCENT",
                        help="exit 1 when a language has less than PERCENT of the words translated")
    status.add_argument("--fail-on-outdated", action="store_true", help="exit 1 when any translation is outdated")
    status.set_defaults(run=cmd_status)
    facts_parser = commands.add_parser("facts", help="the facts registry: values, age, validity, pages and languages")
    facts_parser.add_argument("--format", choices=("table", "markdown", "json", "csv"), default="table")
    facts_parser.add_argument("--fail-on-due", action="store_true",
                              help="exit 1 when a fact is due for a check, was never checked or has no value")
    facts_parser.set_defaults(run=cmd_facts)
    diff = commands.add_parser("diff", help="source changes since the version a translation follows")
    diff.add_argument("file", type=Path)
    diff.set_defaults(run=cmd_diff)
    check = commands.add_parser("check", help="check translations against their sources")
    check.add_argument("files", nargs="+", type=Path)
    check.set_defaults(run=cmd_check)
    new = commands.add_parser("new-language", help="scaffold locales/<code>.yml from Babel/CLDR")
    new.add_argument("code", help="code for file names and URLs: xx, xx-Xxxx or xx-XX")
    new.add_argument("--locale", help="the CLDR locale when it differs from the code (fa_AF, ckb)")
    new.set_defaults(run=cmd_new_language)
    compare = commands.add_parser("compare", help="compare two 'status --format json' outputs")
    compare.add_argument("base", type=Path)
    compare.add_argument("head", type=Path)
    compare.set_defaults(run=cmd_compare)
    sync_parser = commands.add_parser("sync", help="record that translations follow the current source")
    sync_parser.add_argument("files", nargs="+", type=Path)
    sync_parser.add_argument("--status", choices=("machine", "reviewed"), help="also set the translation's status")
    sync_parser.add_argument("--reviewer", help="with --status reviewed: who reviewed it")
    sync_parser.set_defaults(run=cmd_sync)
    args = parser.parse_args(argv)
    try:
        return args.run(args, args.root.resolve())
    except UsageError as error:
        print(f"l10n.py: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
