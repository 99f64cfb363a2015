"""MkDocs hook (mkdocs.yml `hooks:`): finish the built site for publishing (wayfinder.publishing):
redirects from redirects.yml in every language, their nginx include, gzip and Brotli copies.

mkdocs-static-i18n builds the other languages from inside the first build's on_post_build, so this hook
counts nested builds and finishes when the outermost one ends, after the plugin's per-language search
indexes and 404 pages. scripts/build.py builds languages in worker processes and merges them in the
main process, which builds nothing itself: there the site is finished on shutdown."""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from wayfinder import publishing
from wayfinder.languages import LanguageError, load_registry
from wayfinder.redirects import RedirectError

log = get_plugin_logger("publishing")
_state: dict = {}


def on_startup(command, dirty):
    # `mkdocs serve` does not serve the compressed copies: no need to make them on every live reload.
    _state.update(serving=command == "serve", depth=0, builds=0, failed=False, config=None)


def on_config(config):
    _state["config"] = config
    return config


def on_pre_build(config):
    _state["depth"] = _state.get("depth", 0) + 1
    _state["builds"] = _state.get("builds", 0) + 1


def on_build_error(error):
    _state.update(depth=0, failed=True)


def _finish(config) -> None:
    root = Path(config.config_file_path).parent
    try:
        registry = load_registry(root / "locales")
        # WAYFINDER_COMPRESS=0: no gzip/Brotli copies — for test builds whose scenario is not about them.
        compress = not _state.get("serving", False) and os.environ.get("WAYFINDER_COMPRESS", "1") != "0"
        messages = publishing.finish(root, Path(config.site_dir), config.site_url, registry, compress=compress)
    except (LanguageError, RedirectError) as error:
        raise PluginError(str(error)) from None
    for message in messages:
        log.info(message)


@event_priority(-200)  # after wayfinder-i18n's (-100): it builds the other languages and writes shared files
def on_post_build(config):
    _state["depth"] = _state.get("depth", 1) - 1
    # scripts/serve.py builds one language at a time in one process and finishes the site once, itself.
    if _state["depth"] <= 0 and not os.environ.get("WAYFINDER_SERVE"):
        _finish(config)


def on_shutdown():
    config = _state.get("config")
    if config is not None and not _state.get("builds") and not _state.get("failed") and not _state.get("serving"):
        # Configured but built nothing here: scripts/build.py's main process, after merging its workers' sites.
        if publishing.is_complete(Path(config.site_dir), load_registry(Path(config.config_file_path).parent / "locales")):
            _finish(config)
