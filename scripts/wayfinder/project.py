"""The project as one model: languages, rules, the content tree, git history, facts and translation status,
loaded once per process and handed to whoever needs them (status, checks, the build, publishing).

Every part is computed on first use and kept: a build reads `l10n.yml` once, scans `content/` once, calls
git once and computes status once, whichever of the plugin, the checks or the merge step asks first.
Front matter is parsed once per file version (`wayfinder.frontmatter.split` keeps what it parsed).

The parallel build (scripts/build.py) computes the model in the parent and hands it to its workers as a
pickle named by WAYFINDER_PROJECT, so no worker scans, calls git or computes status again."""
from __future__ import annotations

import os
import pickle
from functools import cached_property
from pathlib import Path

from .checks import CheckConfig, load_check_config
from .content import ContentTree, scan
from .facts import FactRegistry, load_facts
from .history import History
from .l10n_config import L10nConfig, load_config
from .languages import Registry, load_registry
from .status import Status, compute_status

HANDOVER_ENV = "WAYFINDER_PROJECT"
# What a handed-over model carries: everything that costs a scan, a git call or a status computation.
_HANDED_OVER = ("tree", "history", "status", "facts")


class Project:
    def __init__(self, root: Path, docs_dir: Path | None = None, registry: Registry | None = None):
        self.root = Path(root)
        self.docs_dir = Path(docs_dir) if docs_dir else self.root / "content"
        if registry is not None:
            self.registry = registry

    @cached_property
    def registry(self) -> Registry:
        return load_registry(self.root / "locales")  # raises LanguageError

    @cached_property
    def l10n(self) -> L10nConfig:
        return load_config(self.root / "l10n.yml")  # raises ConfigError

    @cached_property
    def checks(self) -> CheckConfig:
        return load_check_config(self.root / "l10n.yml")  # the `checks:` block of the same file

    @cached_property
    def tree(self) -> ContentTree:
        return scan(self.docs_dir, self.registry)

    @cached_property
    def history(self) -> History | None:
        return History.load(self.root, self.l10n.minor_change_keywords)

    @cached_property
    def status(self) -> Status:
        return compute_status(self.root, self.registry, self.l10n, self.history, self.tree)

    @cached_property
    def facts(self) -> FactRegistry:
        return load_facts(self.root)

    # --- handing the model to another process ---------------------------------------------------------

    def hand_over(self, path: Path) -> dict[str, str]:
        """Write what this process computed to `path`; returns the environment a worker needs to adopt it."""
        with open(path, "wb") as handle:
            pickle.dump({name: getattr(self, name) for name in _HANDED_OVER}, handle, protocol=pickle.HIGHEST_PROTOCOL)
        return {HANDOVER_ENV: str(path)}

    def adopt(self, path: Path) -> None:
        with open(path, "rb") as handle:
            self.__dict__.update(pickle.load(handle))  # fills the cached properties


def for_build(root: Path, docs_dir: Path, registry: Registry) -> Project:
    """The model of one MkDocs build, read afresh (under `mkdocs serve` the files change between builds). A
    worker started with WAYFINDER_PROJECT adopts its parent's model instead of computing one."""
    project = Project(root, docs_dir, registry)
    handed = os.environ.get(HANDOVER_ENV)
    if handed and Path(handed).exists():
        project.adopt(Path(handed))
    return project
