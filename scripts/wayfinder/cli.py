"""`wayfinder`: one command line for editors and translators (installed into the venv by `pip install -e .`).

  .venv/bin/wayfinder check [--strict] [--external]   every content check (= scripts/check.py)
  .venv/bin/wayfinder check FILE...                   only these translations (= scripts/l10n.py check)
  .venv/bin/wayfinder status | diff | sync | new-language | compare ...   (= scripts/l10n.py ...)
  .venv/bin/wayfinder build | offline | page-weight | lix | bench ...    (= scripts/<name>.py)
  .venv/bin/wayfinder serve [--lang CODE] [--dev-addr HOST:PORT]   every language on http://127.0.0.1:8000/ while you edit (= scripts/serve.py)

Each subcommand runs the `main()` of the script the documents name, with the same options, so
`wayfinder X` and `.venv/bin/python scripts/X.py` never drift apart."""
from __future__ import annotations

import importlib.util
import sys

from . import REPO_ROOT

SCRIPTS = REPO_ROOT / "scripts"
# subcommand -> (script, arguments put before the user's, one-line help)
COMMANDS: dict[str, tuple[str, list[str], str]] = {
    "check": ("check.py", [], "every content check (with FILEs: only those translations)"),
    "status": ("l10n.py", ["status"], "translation coverage per language and section, and the offered count"),
    "diff": ("l10n.py", ["diff"], "what changed in the Swedish since a translation was made"),
    "sync": ("l10n.py", ["sync"], "record that translations follow the current Swedish"),
    "new-language": ("l10n.py", ["new-language"], "a new language's locales/ file from CLDR"),
    "compare": ("l10n.py", ["compare"], "what a change does to the translation status (pull requests)"),
    "build": ("build.py", [], "build the site (one process per language; --lang CODE for one)"),
    "serve": ("serve.py", [], "every language on http://127.0.0.1:8000/ while editing; a saved page shows in seconds"),
    "offline": ("offline.py", [], "a zip of the site that works from file:// (classrooms without internet)"),
    "page-weight": ("page_weight.py", [], "bytes a reader downloads per language"),
    "lix": ("lix.py", [], "readability (LIX) of each Swedish page"),
    "bench": ("bench.py", [], "build timings (figures, not tests)"),
}


def _usage() -> str:
    width = max(map(len, COMMANDS))
    return ("usage: wayfinder COMMAND [options]   (wayfinder COMMAND --help for its options)\n\ncommands:\n"
            + "\n".join(f"  {name.ljust(width)}  {help_text}" for name, (_, _, help_text) in COMMANDS.items()) + "\n")


def run_script(script: str, argv: list[str]) -> int:
    path = SCRIPTS / script
    if not path.exists():
        print(f"wayfinder: {path} is missing — install Wayfinder from its repository with "
              "'.venv/bin/pip install -e .' (an editable install)", file=sys.stderr)
        return 2
    spec = importlib.util.spec_from_file_location(f"wayfinder_script_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.argv[0] = f"wayfinder {path.stem}"
    return int(module.main(argv) or 0)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        sys.stdout.write(_usage())
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    if command not in COMMANDS:
        print(f"wayfinder: unknown command '{command}'\n\n{_usage()}", file=sys.stderr, end="")
        return 2
    script, before, _ = COMMANDS[command]
    if command == "check" and any(not arg.startswith("-") for arg in rest):
        script, before = "l10n.py", ["check"]  # translation files named: the translation check
    if script == "l10n.py" and "--root" in rest:  # l10n.py takes --root before its subcommand
        index = rest.index("--root")
        before, rest = rest[index:index + 2] + before, rest[:index] + rest[index + 2:]
    return run_script(script, before + rest)


if __name__ == "__main__":
    sys.exit(main())
