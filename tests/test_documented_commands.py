"""Every command README.md and CONTRIBUTING.md tell people to run works exactly as written, from the
repository, after the README's install command (no activated venv).

Commands are read from the documents' code blocks and code spans. Read-only ones run for real (check,
status, diff, lix, the translation check); those that write files or build the site run with `--help`
(their behaviour has its own tests), which still proves the script starts with the venv's Python and
accepts the documented options."""
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

DOCUMENTS = ("README.md", "CONTRIBUTING.md")
COMMAND = re.compile(r"^(?:\S+=\S+ )*(?:\.venv/bin/python scripts/|\.venv/bin/wayfinder [a-z-]|python3? scripts/)")
# Subcommands and scripts that write files, build, serve, time things or list a report: run with --help.
WRITES = {"sync", "new-language", "build", "serve", "offline", "page-weight", "bench", "compare",
          "export", "import", "review",
          "build.py", "serve.py", "offline.py", "bench.py", "bench_status.py", "page_weight.py", "compress.py", "convert_facts.py",
          "lighthouse.py", "key_terms.py"}
PLACEHOLDERS = {"FILE": "content/vard/tolk.ar.md", "<file>": "content/vard/tolk.ar.md", "CODE": "xx",
                "<page>": "vard/tolk", "am": "am"}


def documented_commands() -> list[tuple[str, str]]:
    found = []
    for name in DOCUMENTS:
        candidates, prose, fence = [], [], None
        for line in (REPO / name).read_text(encoding="utf-8").split("\n"):
            if line.startswith("```"):
                fence = None if fence is not None else line[3:].strip()
            elif fence in ("sh", "bash", "console", ""):
                candidates.append(line)  # a shell block: every line is a command
            elif fence is None:
                prose.append(line)
        candidates += re.findall(r"`([^`\n]+)`", "\n".join(prose))
        for candidate in candidates:
            command = candidate.split(" #")[0].strip()
            if COMMAND.match(command) and "<command>" not in command:
                found.append((name, command))
    return list(dict.fromkeys(found))


def test_documents_name_commands():
    commands = documented_commands()
    assert len(commands) >= 10, commands
    assert any("wayfinder" in command for _, command in commands)


@pytest.mark.parametrize("command", sorted({c for _, c in documented_commands()}))
def test_no_command_needs_an_activated_venv(command):
    """`python scripts/...` runs the system Python, which lacks babel and mkdocs: the documents must say
    `.venv/bin/python` (or the console script `.venv/bin/wayfinder`)."""
    assert command.startswith((".venv/bin/python scripts/", ".venv/bin/wayfinder")), (
        f"{command!r}: write '.venv/bin/python scripts/…' or '.venv/bin/wayfinder …' — 'python' alone is not the venv's")


def runnable(command: str) -> list[str]:
    """The documented command with its placeholders filled in; --help for the ones that write or build."""
    command = command.replace("\\|", "|")
    command = re.sub(r"\[(--[^\]]*)\]", "", command)  # optional parts written as [--lang ar]
    command = re.sub(r"(--format) (\w+)\|\S+", r"\1 \2", command)  # --format markdown|json|csv: the first
    words = [PLACEHOLDERS.get(word, word) for word in shlex.split(command)]
    script = next((w for w in words if w.startswith("scripts/")), None)
    position = words.index(script) if script else 0
    sub = words[position + 1] if len(words) > position + 1 else None
    if (script and Path(script).name in WRITES) or sub in WRITES:
        words.append("--help")  # after the documented options, so argparse still checks them
    return words


def venv_bin() -> Path:
    """The README's venv (.venv in the repository); the running interpreter's when tests run elsewhere."""
    own = REPO / ".venv" / "bin"
    return own if (own / "python").exists() else Path(sys.executable).parent


@pytest.mark.parametrize("command", sorted({c for _, c in documented_commands() if COMMAND.match(c)}))
def test_documented_command_runs_as_written(command):
    words = runnable(command)
    if words[0].startswith(".venv/bin/"):
        words[0] = str(venv_bin() / words[0].removeprefix(".venv/bin/"))
    assert Path(words[0]).exists(), f"{words[0]} is missing — is 'wayfinder' in pyproject's [project.scripts]?"
    result = subprocess.run(words, cwd=REPO, capture_output=True, text=True,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "No module named" not in output, output[-2000:]
    # diff exits 1 when the translation is behind its source (it then shows what changed): both are answers.
    allowed = (0, 1) if " diff " in f" {' '.join(words)} " else (0,)
    assert result.returncode in allowed, f"{' '.join(words)} exited {result.returncode}:\n{output[-2000:]}"


def test_pre_commit_is_installed_by_the_test_extra_and_hooks_use_the_venv():
    assert (venv_bin() / "pre-commit").exists() or shutil.which("pre-commit"), "the test extra must install pre-commit"
    config = (REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    entries = re.findall(r"entry: (.*)", config)
    assert entries and all(entry.startswith(".venv/bin/python ") for entry in entries), entries
    for entry in entries:
        script = entry.split()[1]
        assert (REPO / script).exists(), script


REQUIRED_SUBCOMMANDS = ("check", "status", "diff", "sync", "new-language", "build", "serve", "offline", "page-weight",
                        "lix", "bench")


@pytest.mark.parametrize("subcommand", REQUIRED_SUBCOMMANDS)
def test_every_wayfinder_subcommand_starts(subcommand):
    """`wayfinder <subcommand> --help` from any folder: the console script finds the repository's scripts."""
    result = subprocess.run([str(venv_bin() / "wayfinder"), subcommand, "--help"], cwd="/", capture_output=True, text=True,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "usage:" in result.stdout.lower()


def test_wayfinder_rejects_an_unknown_subcommand():
    result = subprocess.run([str(venv_bin() / "wayfinder"), "chek"], capture_output=True, text=True)
    assert result.returncode == 2 and "unknown command 'chek'" in result.stderr and "check" in result.stderr
