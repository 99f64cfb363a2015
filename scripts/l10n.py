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
  python scripts/l10n.py export LANG [--only machine,outdated,missing] [--format xliff|po] [-o FILE]
        the language's segments for a translator's tool (XLIFF 1.2 or PO) and the glossary as TBX beside it
  python scripts/l10n.py import FILE [--reviewer NAME]
        write a translated XLIFF/PO file back into the pages; segments marked final/signed-off (XLIFF) or
        not fuzzy (PO) become reviewed; refuses segments whose Swedish changed since the export
  python scripts/l10n.py review FILE [--segment HASH]... [--state reviewed|translated] [--reviewer NAME]
        record that a person checked segments of a translation in the Markdown file (community review)
  python scripts/l10n.py compare BASE.json HEAD.json
                                            what a change does to the status (for pull requests)

States: every (language, page) is missing, machine, translated (a person's translation not yet checked by a
second person; "unreviewed" in counts), reviewed or outdated; translated = machine + unreviewed + reviewed
+ outdated. Every segment (wayfinder/segments.py) is missing, machine, outdated, translated or reviewed; a page with
recorded segment states (l10n/segments/) is reviewed when all its segments are. Words to review = words in machine
and outdated segments. JSON (--format json): {"source", "offered", "offered_reviewed", "sections", "languages": {code:
{"name", "offered", "pages": {"total", "translated", "reviewed", "machine", "outdated", "missing", "unreviewed"}, "words":
{"total", "translated"}, "segments": {"total", "missing", "machine", "outdated", "translated", "reviewed", "words":
{same keys, in Swedish words}, "words_to_review"}, "interface": {"strings", "translated"}, "missing_pages",
"outdated_pages", "outdated_details", "offered_after_grace", "offered_blockers", "by_section", "audio": {"pages"}, ...}}, "orphans",
"problems" (strings, as check.py prints them: "path:line: severity: message [code]"), "findings" (the same problems as
{"code", "path", "line", "severity", "message"}; FINDINGS.md lists the codes), "grace": [{"page", "until", "reason":
new|outdated, "lacking_in"}], "offered_after_grace"}; page lists hold source paths relative to the repository root.

Exit codes: 0 fine; 1 problems found (check), a gate failed (--fail-under, --fail-on-outdated) or the
content has problems (orphans, unreadable front matter); 2 usage error (bad arguments, unknown file)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from wayfinder import REPO_ROOT  # noqa: E402
import json  # noqa: E402

from wayfinder.content import split_suffix  # noqa: E402
from wayfinder.l10n_config import ConfigError  # noqa: E402
from wayfinder.project import Project  # noqa: E402
from wayfinder.report import render_csv, render_markdown, render_table  # noqa: E402
from wayfinder.sections import diff_by_section  # noqa: E402
from wayfinder.status import read_translation_info, to_json  # noqa: E402
from wayfinder.frontmatter import FrontMatterError, split  # noqa: E402
from wayfinder.languages import load_registry  # noqa: E402
from wayfinder.checks import translation_parity  # noqa: E402
from wayfinder.facts import compare_placeholders  # noqa: E402
from wayfinder.schema import check_translation_meta  # noqa: E402
from wayfinder.translations import sync  # noqa: E402


class UsageError(Exception):
    pass


def _translation_files(paths: list[Path], root: Path, model: Project):
    """(translation, its Swedish source) for each path; `model` is the command's project model
    (wayfinder.project: each command reads the project afresh, each part once)."""
    registry, tree = model.registry, model.tree
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
    model = Project(root)
    history = model.history
    for translation, source in _translation_files(args.files, root, model):
        text = translation.path.read_text(encoding="utf-8")
        rel = translation.path.relative_to(root)
        try:
            findings = check_translation_meta(rel, split(text, rel).meta, text)
        except FrontMatterError as error:
            print(error.finding())
            problems += 1
            continue
        # Compared with the Swedish version it was translated from; an outdated translation is a notice.
        findings += translation_parity(rel.as_posix(), text, split(text, rel).meta, source.path.relative_to(root).as_posix(),
                                       source.path.read_text(encoding="utf-8"), history)
        findings += compare_placeholders(source.path.relative_to(root).as_posix(), source.path.read_text(encoding="utf-8"),
                                         str(rel), text)
        for finding in findings:
            print(finding)
        problems += sum(1 for finding in findings if finding.severity == "error")
    print(f"{problems} problem(s)" if problems else "no problems", file=sys.stderr)
    return 1 if problems else 0


def cmd_status(args, root: Path) -> int:
    model = Project(root)
    registry = model.registry
    try:
        model.l10n  # noqa: B018 — a broken l10n.yml is a usage error, reported before any work
    except ConfigError as error:
        raise UsageError(str(error)) from None
    for code in args.lang or []:
        if code not in registry:
            raise UsageError(f"unknown language '{code}' — known: {', '.join(registry.codes)}")
    status = model.status
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

    model = Project(root)
    data = facts.report_data(root, model.tree, model.facts, model.checks.today, model.checks.review_max_age_days)
    render = {"table": facts.render_report_table, "markdown": facts.render_report_markdown, "csv": facts.render_report_csv,
              "json": lambda d: json.dumps(d, ensure_ascii=False, separators=(",", ":")) + "\n"}[args.format]
    sys.stdout.write(render(data))
    failed = bool(data["problems"] or data["unknown"]) or any(f["state"] == "expired" for f in data["facts"])
    if args.fail_on_due and any(f["state"] in ("due", "unchecked", "no-value") for f in data["facts"]):
        print("l10n.py: some facts are due for a check (or were never checked)", file=sys.stderr)
        failed = True
    return 1 if failed else 0


def cmd_diff(args, root: Path) -> int:
    model = Project(root)
    [(translation, source)] = list(_translation_files([args.file], root, model))
    rel_source = source.path.relative_to(root).as_posix()
    info = read_translation_info(translation.path.read_text(encoding="utf-8"), translation.path)
    if not info.source_hash:
        raise UsageError(f"{translation.path.relative_to(root)}: no translation.source_hash — it does not say which "
                         "source version it follows; compare it with the whole source and then run 'sync'")
    history = model.history
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
    print(f"wrote {path.relative_to(root)}: its texts are English placeholders, each listed under 'untranslated:' — "
          f"translate them and remove each from the list (check.py warns and a strict build refuses the language until "
          f"the list is empty; preview with WAYFINDER_LANGUAGE={args.code} .venv/bin/mkdocs serve --no-strict), then add "
          f"pages as content/<page>.{args.code}.md — the build picks the language up with no other change")
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
        lines.append(f"- **No longer offered in: {', '.join(lost)}** ({len(base['offered'])} → {len(head['offered'])} languages)")
        for code in lost:  # why: the required pages (l10n.yml offered.required) it now lacks
            blockers = head["languages"].get(code, {}).get("offered_blockers", [])
            lines.append(f"  - {code}: " + (", ".join(f"`{b['page']}` {b['state']}" for b in blockers) or "see the status table"))
    base_grace = {(g["page"], g.get("reason", "new")) for g in base.get("grace", [])}
    for grace in head.get("grace", []):  # l10n.yml offered.grace_days: what will drop if nobody translates
        reason = grace.get("reason", "new")
        if (grace["page"], reason) in base_grace or not grace.get("lacking_in"):
            continue
        what = (f"New required page `{grace['page']}`: counts for 'offered' from {grace['until']}" if reason == "new" else
                f"Required page `{grace['page']}` changed: its outdated translations count for 'offered' until {grace['until']}")
        lines.append(f"- {what} (l10n.yml offered.grace_days); unless {'translated' if reason == 'new' else 'updated'} by "
                     f"then, offered in {len(head.get('offered_after_grace', []))} languages instead of {len(head['offered'])} "
                     f"(not yet {'translated' if reason == 'new' else 'updated'} in {', '.join(grace['lacking_in'])})")
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
    # Refuse what would write a file that then fails 'check' (or claims a review nobody made).
    if args.status == "reviewed" and not (args.reviewer or "").strip():
        raise UsageError("--status reviewed needs --reviewer \"Name\": the person who checked the whole page against "
                         "the Swedish (a review is never recorded without a name)")
    if args.reviewer and args.status != "reviewed":
        raise UsageError("--reviewer is only for --status reviewed — add '--status reviewed' if that person checked the "
                         "whole page against the Swedish, or leave --reviewer out")
    for translation, source in _translation_files(args.files, root, Project(root)):
        translation.path.write_text(sync(translation, source, status=args.status, reviewer=args.reviewer), encoding="utf-8")
        print(f"{translation.path.relative_to(root)}: now follows {source.path.relative_to(root)}")
    return 0


def cmd_export(args, root: Path) -> int:
    from wayfinder.exchange import LanguageSegments, export, export_tbx
    from wayfinder.segments import ALL_STATES

    model = Project(root)
    registry = model.registry
    if args.lang not in registry or args.lang == registry.source.code:
        raise UsageError(f"'{args.lang}' is not a translation language — use one of {', '.join(l.code for l in registry.targets)}")
    only = tuple(state.strip() for state in args.only.split(",")) if args.only else ALL_STATES
    unknown = [state for state in only if state not in ALL_STATES]
    if unknown:
        raise UsageError(f"--only: unknown state(s) {', '.join(unknown)} — use {', '.join(ALL_STATES)}")
    project = LanguageSegments(root, registry, args.lang, model.tree, model.history)
    data, result = export(project, only, args.format)
    extension = {"xliff": "xlf", "po": "po"}[args.format]
    output = args.output or Path(f"wayfinder-{args.lang}.{extension}")
    output.write_bytes(data)
    glossary = output.with_name(output.name.rsplit(".", 1)[0] + ".tbx")
    glossary.write_bytes(export_tbx(project))
    for reason in result.skipped:
        print(f"not exported: {reason}", file=sys.stderr)
    print(f"wrote {output}: {result.units} segments, {result.words} Swedish words ({', '.join(only)}); glossary: {glossary}")
    return 0


def _print_exchange(result) -> int:
    for title, lines in (("Imported", result.changed), ("Review state recorded", result.state_changed),
                         ("Refused (the Swedish changed since the export, or the page cannot take it)", result.refused),
                         ("Errors (not imported)", result.errors), ("Quality checks (translate-toolkit)", result.findings)):
        if lines:
            print(f"{title}: {len(lines)}")
            for line in lines:
                print(f"  {line}")
    for file in result.files:
        print(f"wrote {file}")
    if not (result.changed or result.state_changed or result.refused or result.errors):
        print("nothing to change: every segment in the file matches the pages")
    return 1 if result.refused or result.errors else 0


def cmd_import(args, root: Path) -> int:
    from wayfinder.exchange import ExchangeError, import_file

    if not args.file.exists():
        raise UsageError(f"{args.file}: no such file")
    model = Project(root)
    try:
        result = import_file(args.file, root, model.registry, args.reviewer, history=model.history)
    except ExchangeError as error:
        print(f"l10n.py: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # translate-toolkit's parse errors: name the file, no traceback
        if type(error).__name__ in ("XMLSyntaxError", "ParseError", "PoParseError", "ValueError"):
            print(f"l10n.py: {args.file}: cannot read it as XLIFF or PO ({error}) — import the file your tool saved", file=sys.stderr)
            return 1
        raise
    return _print_exchange(result)


def cmd_review(args, root: Path) -> int:
    from wayfinder.exchange import ExchangeError, LanguageSegments, mark_reviewed

    model = Project(root)
    [(translation, _source)] = list(_translation_files([args.file], root, model))
    project = LanguageSegments(root, model.registry, translation.language, model.tree)
    try:
        result = mark_reviewed(project, translation.page, args.segment or None, args.state, args.reviewer)
    except ExchangeError as error:
        raise UsageError(str(error)) from None
    return _print_exchange(result)


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
    sync_parser.add_argument("--status", choices=("machine", "translated", "reviewed"),
                             help="also set the translation's status: machine (a machine draft), translated (your own "
                                  "translation, not yet checked by a second person), reviewed (checked; needs --reviewer)")
    sync_parser.add_argument("--reviewer", help="with --status reviewed: who reviewed it")
    sync_parser.set_defaults(run=cmd_sync)
    export_parser = commands.add_parser("export", help="segments of a language as XLIFF or PO, glossary as TBX")
    export_parser.add_argument("lang")
    export_parser.add_argument("--only", help="comma-separated states: missing, machine, outdated, translated, reviewed")
    export_parser.add_argument("--format", choices=("xliff", "po"), default="xliff")
    export_parser.add_argument("-o", "--output", type=Path, help="file to write (default wayfinder-LANG.xlf / .po)")
    export_parser.set_defaults(run=cmd_export)
    import_parser = commands.add_parser("import", help="write a translated XLIFF or PO file back into the pages")
    import_parser.add_argument("file", type=Path)
    import_parser.add_argument("--reviewer", help="who reviewed: recorded on pages whose segments are now all reviewed")
    import_parser.set_defaults(run=cmd_import)
    review = commands.add_parser("review", help="record that segments of a translation were checked by a person")
    review.add_argument("file", type=Path)
    review.add_argument("--segment", action="append", help="segment hash (repeatable; default: every segment not outdated)")
    review.add_argument("--state", choices=("reviewed", "translated"), default="reviewed")
    review.add_argument("--reviewer", help="who reviewed (recorded on the page once every segment is reviewed)")
    review.set_defaults(run=cmd_review)
    args = parser.parse_args(argv)
    try:
        return args.run(args, args.root.resolve())
    except UsageError as error:
        print(f"l10n.py: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
