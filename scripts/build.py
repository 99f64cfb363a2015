"""Build the site with every core: one process per language, then the shared parts merged.

  python scripts/build.py [--site-dir site] [--jobs N]     every language into site/
  python scripts/build.py --lang ar                        one language, for editing (site/ar/)

The result is the same as `mkdocs build` (tests/test_parallel_build.py compares them). For live editing:
`python scripts/serve.py [--lang ar]` (then open http://127.0.0.1:8000/ar/).
Exit codes: 0 built, 1 the build or the content checks failed, 2 usage error."""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from wayfinder import REPO_ROOT  # noqa: E402
from wayfinder.languages import load_registry  # noqa: E402

PLUGIN = "wayfinder-i18n"


def show_mkdocs_log() -> None:
    """Print MkDocs' warnings and errors (file, line and message of what stopped a build) as `mkdocs build`
    does: called as a library, MkDocs only counts them, so a strict build said just "Aborted with 1 warnings"."""
    import logging

    logger = logging.getLogger("mkdocs")
    if not any(getattr(handler, "wayfinder", False) for handler in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler.setLevel(logging.WARNING)
        handler.wayfinder = True
        logger.addHandler(handler)
        logger.setLevel(min(logger.level or logging.INFO, logging.INFO))


def _build(config_file: Path, site_dir: Path, language: str | None, checked: bool) -> dict:
    """One MkDocs build in this process; returns what the merge step needs from it."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    show_mkdocs_log()
    if language:
        os.environ["WAYFINDER_LANGUAGE"] = language
    if checked:
        os.environ["WAYFINDER_CHECKED"] = "1"
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file), site_dir=str(site_dir))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    plugin = config.plugins[PLUGIN]
    return {"search_entries": plugin._search_entries, "search_fields": getattr(plugin, "_search_fields", {}),
            "not_found": plugin._not_found, "titles": plugin._titles}


def _set_environment(values: dict[str, str]) -> None:
    os.environ.update(values)


def _merge_tree(source: Path, target: Path, only: str | None) -> None:
    """Copy a worker's output into the site: everything for the source language, `<code>/` for others."""
    start = source / only if only else source
    destination = target / only if only else target
    shutil.copytree(start, destination, dirs_exist_ok=True)


def build_all(config_file: Path, site_dir: Path, jobs: int) -> None:
    from mkdocs.config import load_config

    registry = load_registry(config_file.parent / "locales")
    # Check the content once here, so every worker can skip it.
    main_config = load_config(config_file=str(config_file), site_dir=str(site_dir))
    plugin = main_config.plugins[PLUGIN]
    main_config.plugins.on_startup(command="build", dirty=False)
    main_config = main_config.plugins.on_config(main_config)  # runs the checks, computes status
    with tempfile.TemporaryDirectory(prefix="wayfinder-build-") as scratch:
        outputs = {code: Path(scratch) / code for code in registry.codes}
        # The workers adopt the project model computed here: no worker scans content/, calls git or
        # computes status again (wayfinder.project).
        handover = plugin.project.hand_over(Path(scratch) / "project.pickle")
        with ProcessPoolExecutor(max_workers=jobs, initializer=_set_environment, initargs=(handover,)) as pool:
            futures = {code: pool.submit(_build, config_file, outputs[code], code, True) for code in registry.codes}
            results = {code: future.result() for code, future in futures.items()}
        if site_dir.exists():
            shutil.rmtree(site_dir)
        site_dir.mkdir(parents=True)
        for language in registry:
            _merge_tree(outputs[language.code], site_dir, None if language.is_source else language.code)
    for code, result in results.items():
        plugin._search_entries.update(result["search_entries"])
        plugin._search_fields = result["search_fields"] or getattr(plugin, "_search_fields", {})
        plugin._not_found.update(result["not_found"])
        plugin._titles.update(result["titles"])  # the handouts' titles, as each language was built
    plugin.write_shared(main_config)
    main_config.plugins.on_shutdown()


def build_one(config_file: Path, site_dir: Path, code: str) -> None:
    with tempfile.TemporaryDirectory(prefix="wayfinder-build-") as scratch:
        _build(config_file, Path(scratch), code, False)
        registry = load_registry(config_file.parent / "locales")
        _merge_tree(Path(scratch), site_dir, None if registry[code].is_source else code)
        if not (site_dir / "assets").exists():
            shutil.copytree(Path(scratch) / "assets", site_dir / "assets")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=REPO_ROOT / "site")
    parser.add_argument("--config-file", type=Path, default=REPO_ROOT / "mkdocs.yml")
    parser.add_argument("--lang", help="build only this language (for editing)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel builds (default: cores)")
    args = parser.parse_args(argv)
    registry = load_registry(args.config_file.parent / "locales")
    if args.lang and args.lang not in registry:
        print(f"build.py: unknown language '{args.lang}' — one of {', '.join(registry.codes)}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    show_mkdocs_log()
    try:
        if args.lang:
            build_one(args.config_file.resolve(), args.site_dir.resolve(), args.lang)
        else:
            build_all(args.config_file.resolve(), args.site_dir.resolve(), max(1, args.jobs))
    except Exception as error:  # MkDocs' own errors carry the message readers need
        print(f"build.py: {error}", file=sys.stderr)
        return 1
    print(f"built {'language ' + args.lang if args.lang else f'{len(registry)} languages'} into {args.site_dir} "
          f"in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
