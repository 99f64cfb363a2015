"""Serve every language while you edit: a saved page is in the browser within seconds (issue 17).

  python scripts/serve.py [--dev-addr 127.0.0.1:8000] [--lang ar --lang en] [--config-file mkdocs.yml]

http://127.0.0.1:8000/ is the Swedish site, /ar/ the Arabic one, and so on; open pages reload by
themselves after a save (MkDocs' live reload).

How it works (the decision of issue 17). `mkdocs serve` rebuilds all 14 languages on every save. This
script builds the site once at start, one language at a time in this process (`WAYFINDER_LANGUAGE`,
as scripts/build.py's workers do), and keeps each language's MkDocs configuration, plugins, files,
navigation and Jinja environment. On a save it renders again only the pages the file shows in, with
MkDocs' own per-page steps (`_populate_page`, `_build_page`): all plugin events run as in a build.

- a translation (`content/**/x.ar.md`): that page in its language;
- a Swedish source (`x.md`): that page in every language — the Swedish page, the translations (they
  take sources and metadata from it, and may now be outdated: their notice changes) and the Swedish
  fallback copies of languages without a translation. The translation status is computed again first.
- anything else — mkdocs.yml, l10n.yml, redirects.yml, locales/, overrides/, facts/, glossary/, l10n/,
  a file added, deleted or renamed, an image — builds every language again, as at start (minutes, not
  seconds).

What a page save does not refresh until the next full rebuild (or restart): other pages that show the
page (navigation titles, lesson lists, the languages page's coverage), the search index, handouts,
printable materials and the sitemap.

The HTTP server, the file watching and the reload script are MkDocs' (`mkdocs.livereload.LiveReloadServer`);
the builder it calls finds what changed by comparing file times and sizes with the last build.

Content checks: the same checks as scripts/check.py run in a background process (lower priority) after
start and after every save; their errors and warnings are printed as `path:line: error: …` lines when
they change, never stopping the server. A page that cannot be rendered (say, a broken front matter or an
unknown {{fact:ID}}) is reported the same way, and the last good version of that page stays served.
Warnings never stop serving (no strict mode here; `mkdocs build --strict` and CI are strict).

Figures: `python scripts/bench.py --serve`."""
from __future__ import annotations

import argparse
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from wayfinder import REPO_ROOT  # noqa: E402
from wayfinder.content import split_suffix  # noqa: E402

PLUGIN = "wayfinder-i18n"
# Besides content/, what a build reads; a change to any of it builds every language again.
WATCHED = ("mkdocs.yml", "l10n.yml", "redirects.yml", "locales", "overrides", "facts", "glossary", "l10n")
# Editors' swap, backup and lock files: not content, no rebuild.
_IGNORED_PREFIXES = (".", "#")
_IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".tmp", ".part")


def _finding(error: Exception) -> str:
    """`content/x.ar.md:12: error: what` for the plugin's `content/x.ar.md:12: what` errors."""
    match = re.match(r"(\S+:\d+): (?:error: )?(.*)", str(error), re.S)
    return f"{match.group(1)}: error: {match.group(2)}" if match else f"error: {error}"


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@contextmanager
def _environment(**values: str | None):
    saved = {key: os.environ.get(key) for key in values}
    try:
        for key, value in values.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@contextmanager
def _shared_site_dir():
    """Every language builds into the one site directory: MkDocs must not empty it before each language
    (mkdocs-static-i18n does the same for its own per-language builds)."""
    from mkdocs import utils

    clean = utils.clean_directory
    utils.clean_directory = lambda directory: None
    try:
        yield
    finally:
        utils.clean_directory = clean


class _Keep:
    """A plugin that keeps what `build()` makes and then drops: the navigation, files and environment."""

    def __init__(self):
        from mkdocs.plugins import BasePlugin, event_priority

        keeper = self

        class Keep(BasePlugin):
            @event_priority(-1000)  # last: after wayfinder-i18n and mkdocs-static-i18n reshaped them
            def on_nav(self, nav, config, files):
                keeper.nav = nav
                return nav

            @event_priority(-1000)
            def on_env(self, env, config, files):
                keeper.env, keeper.files = env, files
                return env

        self.plugin = Keep()
        self.nav = self.env = self.files = None


class Language:
    """One language of the site: its MkDocs configuration and plugins, built once, then page by page."""

    def __init__(self, config_file: Path, code: str, site_dir: Path, serve_url: str):
        self.config_file, self.code, self.site_dir, self.serve_url = config_file, code, site_dir, serve_url
        self.config = self.keep = None

    @property
    def plugin(self):
        return self.config.plugins[PLUGIN]

    def build(self, content) -> None:
        """A whole build of this language into the shared site directory."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        # The plugin reads these when the configuration is loaded: this language only, the content already
        # checked (the checks run in the background, see the module docstring).
        with _environment(WAYFINDER_LANGUAGE=self.code, WAYFINDER_CHECKED="1"):
            config = load_config(config_file=str(self.config_file), site_dir=str(self.site_dir))
        config["strict"] = False
        config.site_url = self.serve_url
        self.keep = _Keep()
        config.plugins["wayfinder-serve"] = self.keep.plugin
        config.plugins[PLUGIN].preloaded = content
        config.plugins.on_startup(command="serve", dirty=False)
        self.config = config
        with _shared_site_dir():
            build(config, serve_url=self.serve_url)
        self.plugin.preloaded = None

    def render(self, wanted) -> int:
        """Render again the pages for which `wanted(file)` is true; the number rendered."""
        from mkdocs.commands.build import _build_page, _populate_page
        from mkdocs.structure.files import InclusionLevel

        files, config = self.keep.files, self.config
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        count = 0
        for file in doc_files:
            if file.page is not None and wanted(file):
                _populate_page(file.page, config, files)
                _build_page(file.page, config, doc_files, self.keep.nav, self.keep.env)
                count += 1
        return count

    def close(self) -> None:
        if self.config is not None:
            self.config.plugins.on_shutdown()


class Checks:
    """scripts/check.py in a background process; prints its errors and warnings when they change."""

    def __init__(self, root: Path):
        self.root = root
        self.process: subprocess.Popen | None = None
        self.reported: list[str] | None = None
        self.lock = threading.Lock()

    def start(self) -> None:
        with self.lock:
            if self.process is not None and self.process.poll() is None:
                self.process.kill()  # the content changed again: its findings would be stale
            self.process = subprocess.Popen(
                [sys.executable, str(HERE / "check.py"), "--root", str(self.root)],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
                preexec_fn=(lambda: os.nice(5)) if hasattr(os, "nice") else None)
            threading.Thread(target=self._report, args=(self.process,), daemon=True).start()

    def _report(self, process: subprocess.Popen) -> None:
        output, _ = process.communicate()
        with self.lock:
            if process is not self.process or process.returncode < 0:
                return  # killed for a newer run
            lines = [line for line in output.splitlines() if ": error: " in line or ": warning: " in line]
            if lines == self.reported:
                return
            self.reported = lines
        errors = sum(": error: " in line for line in lines)
        if lines:
            say(f"content checks (scripts/check.py): {errors} errors, {len(lines) - errors} warnings")
            print("\n".join(lines), file=sys.stderr, flush=True)
        else:
            say("content checks: no errors or warnings")

    def stop(self) -> None:
        with self.lock:
            if self.process is not None and self.process.poll() is None:
                self.process.kill()
                self.process.wait()


class Site:
    """Every language, the files they were built from, and what a change means."""

    def __init__(self, config_file: Path, site_dir: Path, serve_url: str, only: list[str] | None):
        self.config_file, self.site_dir, self.serve_url, self.only = config_file, site_dir, serve_url, only
        self.root = config_file.parent
        self.languages: dict[str, Language] = {}
        self.failed = False
        self.state: dict[str, tuple[int, int, int]] = {}
        self.checks = Checks(self.root)

    @property
    def docs_dir(self) -> Path:
        return self.root / "content"

    def watched(self) -> list[Path]:
        return [self.docs_dir] + [self.root / name for name in WATCHED if (self.root / name).exists()]

    def snapshot(self) -> dict[str, tuple[int, int, int]]:
        state = {}
        for path in self.watched():
            if path.is_file():
                stat = path.stat()
                state[str(path)] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
                continue
            for directory, folders, names in os.walk(path):
                folders[:] = [f for f in folders if not f.startswith(_IGNORED_PREFIXES) and f != "__pycache__"]
                for name in names:
                    if name.startswith(_IGNORED_PREFIXES) or name.endswith(_IGNORED_SUFFIXES):
                        continue
                    full = os.path.join(directory, name)
                    try:
                        stat = os.stat(full)
                    except OSError:
                        continue  # deleted meanwhile
                    state[full] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        return state

    def content(self, registry):
        """The project model (content tree, git history, translation status): computed once, shared by every
        language."""
        from wayfinder.project import Project

        model = Project(self.root, self.docs_dir, registry)
        model.status  # noqa: B018 — computed here, once, so an error is reported before any language renders
        return model

    def build_all(self) -> None:
        from wayfinder import publishing
        from wayfinder.languages import load_registry

        started = time.perf_counter()
        self.state = self.snapshot()
        self.checks.start()  # on the other core while this one builds
        for language in self.languages.values():
            language.close()
        self.languages = {}
        self.failed = False
        try:
            registry = load_registry(self.root / "locales")
            content = self.content(registry)
        except Exception as error:  # noqa: BLE001 - a broken locale or l10n.yml: say so, keep serving
            self.failed = True
            say(f"error: {error}")
            return
        for entry in self.site_dir.iterdir():  # what an earlier build wrote (deleted pages included)
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
        codes = [code for code in registry.codes if not self.only or code in self.only]
        for code in codes:
            language = Language(self.config_file, code, self.site_dir, self.serve_url)
            step = time.perf_counter()
            try:
                language.build(content)
            except Exception as error:  # noqa: BLE001 - reported; the next save tries again
                self.failed = True
                say(f"{_finding(error)} (building {code}; fix it and save: every language is built again)")
                continue
            self.languages[code] = language
            say(f"built {code} in {time.perf_counter() - step:.1f} s")
        try:
            publishing.finish(self.root, self.site_dir, self.serve_url, registry, compress=False)
        except Exception as error:  # noqa: BLE001
            say(f"error: {error}")
        say(f"built {len(self.languages)} languages in {time.perf_counter() - started:.1f} s")

    def classify(self, before: dict, after: dict):
        """(source pages, translation files) changed, or None: build everything again."""
        if before.keys() != after.keys() or self.failed or not self.languages:
            return None
        codes = next(iter(self.languages.values())).plugin.registry.codes
        sources, translations = set(), set()
        for path, stamp in after.items():
            if before[path] == stamp:
                continue
            try:
                relative = Path(path).relative_to(self.docs_dir).as_posix()
            except ValueError:
                return None  # configuration, theme, languages, facts, glossary
            split = split_suffix(relative, codes)
            if split is None:
                return None  # an image, a recording
            page, code = split
            if code is None:
                sources.add(page)
            else:
                translations.add((page, code, path))
        return sources, translations

    def rebuild(self) -> None:
        """LiveReloadServer's builder: called after files under the watched paths changed."""
        before, after = self.state, self.snapshot()
        if before == after:
            return
        started = time.perf_counter()
        change = self.classify(before, after)
        if change is None:
            say("configuration, theme or the set of files changed: building every language again")
            self.build_all()
            return
        self.state = after
        sources, translations = change
        try:
            first = next(iter(self.languages.values()))
            content = self.content(first.plugin.registry)
        except Exception as error:  # noqa: BLE001
            say(f"error: {error}")
            return
        count = 0
        for language in self.languages.values():
            language.plugin.use_content(content)
            paths = {path for page, code, path in translations if code == language.code}
            if not sources and not paths:
                continue

            def wanted(file, paths=paths, plugin=language.plugin):
                return file.abs_src_path in paths or plugin.shared_page(file.page) in sources

            try:
                count += language.render(wanted)
            except Exception as error:  # noqa: BLE001 - MkDocs logged it; the last good page stays served
                say(f"{_finding(error)} (building {language.code}: the page served is its last good version)")
        changed = sorted(sources) + sorted(f"{page} ({code})" for page, code, _ in translations)
        say(f"{', '.join(changed)}: {count} pages rendered in {time.perf_counter() - started:.2f} s")
        self.checks.start()

    def close(self) -> None:
        self.checks.stop()
        for language in self.languages.values():
            language.close()


def _stop(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="serve.py", description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", type=Path, default=REPO_ROOT / "mkdocs.yml")
    parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="host:port (default 127.0.0.1:8000)")
    parser.add_argument("--lang", action="append", help="serve only this language (repeat for more); default: all")
    args = parser.parse_args(argv)
    host, _, port = args.dev_addr.rpartition(":")
    if not host or not port.isdigit():
        parser.error(f"--dev-addr {args.dev_addr}: use host:port, e.g. 127.0.0.1:8000")
    config_file = args.config_file.resolve()
    from wayfinder.languages import LanguageError, load_registry

    try:
        registry = load_registry(config_file.parent / "locales")
    except LanguageError as error:
        print(f"serve.py: {error}", file=sys.stderr)
        return 1
    unknown = [code for code in args.lang or [] if code not in registry]
    if unknown:
        parser.error(f"unknown language {', '.join(unknown)} — one of {', '.join(registry.codes)}")

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    os.environ["WAYFINDER_SERVE"] = "1"  # scripts/hooks/publishing.py: the site is finished here, once
    from mkdocs.livereload import LiveReloadServer, _serve_url

    from build import show_mkdocs_log

    show_mkdocs_log()
    logging.getLogger("mkdocs.livereload").setLevel(logging.WARNING)
    serve_url = _serve_url(host, int(port), "/")
    site_dir = Path(tempfile.mkdtemp(prefix="wayfinder-serve-"))
    site = Site(config_file, site_dir, serve_url, args.lang)
    server = None
    signal.signal(signal.SIGTERM, _stop)  # `kill PID` stops as Ctrl+C does: temporary files removed
    try:
        site.build_all()
        server = LiveReloadServer(builder=site.rebuild, host=host, port=int(port), root=str(site_dir),
                                  polling_interval=0.15)  # ~8 ms per poll of ~700 files; MkDocs polls every 0.5 s

        def error_page(code: int) -> bytes | None:
            page = site_dir / f"{code}.html"
            return page.read_bytes() if code == 404 and page.exists() else None

        server.error_handler = error_page
        for path in site.watched():
            server.watch(str(path))
        say(f"serving on {serve_url} — Ctrl+C stops")
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        if server is not None:
            server.shutdown()
        site.close()
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
