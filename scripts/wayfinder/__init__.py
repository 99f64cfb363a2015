"""Wayfinder: the code shared by the MkDocs plugin, the command-line scripts and the tests.

Paths are resolved from the repository root (the directory holding mkdocs.yml)."""
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
