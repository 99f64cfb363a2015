"""Shared fixtures: one strict build of the real site per session, served on 127.0.0.1, and Chromium.

Browser tests never skip: when no Chromium can be found they fail and say how to get one."""
from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

from wayfinder.languages import load_registry  # noqa: E402

CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--disable-quic", "--no-first-run",
]


# The longest modules first (measured with `pytest --durations=0`), so that pytest-xdist (`--dist loadfile`,
# one module per worker at a time) starts them at once and no worker is left with a long one at the end.
# The first two also overlap the session's site build: the digit sweep's worker builds it while
# test_parallel_build's worker makes its serial build. Only the order changes; every test still runs.
LONGEST_FIRST = ("test_digit_order_browser.py", "test_parallel_build.py", "test_segments.py", "test_accessibility.py",
                 "test_phone_width.py", "test_search_browser.py", "test_listen.py", "test_safety_browser.py",
                 "test_browser_foundation.py", "test_editing.py", "test_documented_commands.py",
                 "test_fuzz_content.py", "test_publishing.py", "test_facts.py", "test_page_weight.py")


def pytest_collection_modifyitems(items):
    rank = {name: position for position, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: file order otherwise kept


@pytest.fixture(scope="session")
def registry():
    return load_registry(REPO / "locales")


def build_env(compress: bool) -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", WAYFINDER_COMPRESS=str(int(compress)))


def run_mkdocs_build(project: Path, site_dir: Path, *extra: str, compress: bool = False) -> subprocess.CompletedProcess:
    """`mkdocs build --strict`; without gzip/Brotli copies unless the test is about them."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir), *extra],
        cwd=project, env=build_env(compress), capture_output=True, text=True,
    )


def shared_directory(tmp_path_factory) -> Path:
    """A folder every pytest-xdist worker of this run shares (the parent of each worker's own temporary
    folder); the session's own temporary folder when the suite runs in one process."""
    own = tmp_path_factory.getbasetemp()
    return own.parent if os.environ.get("PYTEST_XDIST_WORKER") else own


@contextlib.contextmanager
def only_one_worker(folder: Path, name: str):
    """Hold a lock that one worker of the run holds at a time: the first makes something, the others wait
    for it and then reuse it."""
    with open(folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def once_per_run(tmp_path_factory, name: str, make) -> dict:
    """`make()` (a JSON-able result) run by the first worker that asks; every other worker of the run reads
    what it returned, so a session's site is built once however many workers run the suite."""
    folder = shared_directory(tmp_path_factory)
    result_file = folder / f"{name}.json"
    with only_one_worker(folder, name):
        if not result_file.exists():
            result_file.write_text(json.dumps(make()), encoding="utf-8")
        return json.loads(result_file.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real repository built by `scripts/build.py` (one process per language; test_parallel_build
    checks that it gives the same bytes as `mkdocs build --strict`), once per run however many workers
    share it."""
    site_dir = shared_directory(tmp_path_factory) / "site"

    def build() -> dict:
        result = subprocess.run([sys.executable, str(REPO / "scripts" / "build.py"), "--site-dir", str(site_dir)],
                                cwd=REPO, env=build_env(compress=True),  # test_publishing and page_weight read the copies
                                capture_output=True, text=True)
        return {"returncode": result.returncode, "output": f"{result.stdout}\n{result.stderr}"}

    built = once_per_run(tmp_path_factory, "site", build)
    assert built["returncode"] == 0, f"scripts/build.py failed:\n{built['output']}"
    return site_dir


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real host: a page's assets reuse one connection

    def log_message(self, *args):  # keep pytest output readable
        pass


def serve(directory: Path):
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture(scope="session")
def page_weight_report(site, tmp_path_factory) -> subprocess.CompletedProcess:
    """`scripts/page_weight.py SITE` run once per run (it weighs every page of every language) for the tests
    that read its table."""
    def weigh() -> dict:
        result = subprocess.run([sys.executable, str(REPO / "scripts" / "page_weight.py"), str(site)],
                                capture_output=True, text=True)
        return {"args": result.args, "returncode": result.returncode, "stdout": result.stdout, "stderr": result.stderr}

    return subprocess.CompletedProcess(**once_per_run(tmp_path_factory, "page_weight", weigh))


@pytest.fixture(scope="session")
def base_url(site):
    """The built site over HTTP on loopback (a static server like a reader's host)."""
    server = serve(site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def find_chromium() -> str | None:
    """A Chromium for Playwright: $WAYFINDER_CHROMIUM, Debian's, or None (Playwright's own install)."""
    for candidate in (os.environ.get("WAYFINDER_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import Error, sync_playwright

    executable = find_chromium()
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        except Error as error:
            pytest.fail(
                "No Chromium for the browser tests. Install Debian's 'chromium' (apt-get install chromium), "
                "set WAYFINDER_CHROMIUM to a Chrome/Chromium binary, or run 'playwright install chromium'.\n"
                f"{error}"
            )
        yield SessionBrowser(chromium)
        chromium.close()


class SessionBrowser:
    """Chromium whose pages run without service workers unless a test asks for them
    (`service_workers="allow"`, as test_offline_pwa does): otherwise the worker of the first page a test
    opens fills its cache in the background and slows every later load of the session."""

    def __init__(self, chromium):
        self._chromium = chromium

    def new_context(self, **options):
        return self._chromium.new_context(**{"service_workers": "block", **options})

    def new_page(self, **options):
        return self._chromium.new_page(**{"service_workers": "block", **options})

    def __getattr__(self, name):
        return getattr(self._chromium, name)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    yield page
    context.close()


PROJECT_DIRS = ("content", "locales", "overrides", "glossary", "facts", "scripts/hooks", "l10n")
PROJECT_FILES = ("mkdocs.yml", "l10n.yml", "structure.yml", "redirects.yml")


_LINK = re.compile(r"\]\(\s*<?([^)\s>#]+\.md)")


def linked_pages(content: Path, start: str) -> list[str]:
    """`start` and every page its source or translations link to, and so on: a small tree that still has
    links, facts, boxes and translations in every language."""
    seen, todo = set(), [start]
    while todo:
        page = todo.pop()
        if page in seen or not (content / page).exists():
            continue
        seen.add(page)
        for file in content.glob(page[:-3] + ".*md"):
            for target in _LINK.findall(file.read_text(encoding="utf-8")):
                if not target.startswith(("http:", "https:")):
                    todo.append(posixpath.normpath(posixpath.join(posixpath.dirname(page), target)))
    return sorted(seen)


def copy_project(destination: Path, languages: tuple[str, ...] | None = None, pages: list[str] | None = None) -> Path:
    """A copy of what `mkdocs build` reads, for tests that change the content or the languages.

    `languages` keeps only those target languages (and Swedish): their locale, glossary and content
    files. `pages` keeps only those Swedish pages (with their translations) and makes them the nav. A
    scenario that needs two languages or a few pages then builds in a fraction of the time of the site."""
    registry = load_registry(REPO / "locales")
    assert languages is None or set(languages) <= set(registry.codes), f"copy_project: no such language in {languages}"
    dropped = [code for code in registry.codes
               if code != registry.source.code and languages is not None and code not in languages]

    def ignore(folder, names):
        return {name for name in names if name == "__pycache__" or any(
            name == f"{code}.yml" or f".{code}." in name for code in dropped)}
    for name in PROJECT_DIRS:
        if (REPO / name).exists():
            shutil.copytree(REPO / name, destination / name, ignore=ignore)
    for name in PROJECT_FILES:
        if (REPO / name).exists():
            shutil.copy(REPO / name, destination / name)
    if pages is not None:
        content = destination / "content"
        for path in [path for path in content.rglob("*.md")]:
            if path.relative_to(content).as_posix().split(".", 1)[0] + ".md" not in pages:
                path.unlink()
        config = (destination / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:", 1)[0]
        (destination / "mkdocs.yml").write_text(config + "\nnav:\n" + "".join(f"  - {page}\n" for page in pages),
                                                encoding="utf-8")
        (destination / "redirects.yml").write_text("{}\n", encoding="utf-8")
    return destination


# The interpreter page and every page its source and translations link to: 12 of the site's pages, with
# facts, boxes, the kept-Swedish card, lessons' links and translations in every language.
SMALL_PAGES = linked_pages(REPO / "content", "vard/tolk.md")


def small_project(destination: Path, languages: tuple[str, ...] | None = None) -> Path:
    """A small tree for a scenario build (what a test changes, not the whole site, is under test): a
    build of it takes a fraction of the time of the full content's. It has no home page, so a strict
    build of it stops with mkdocs-static-i18n's "Could not find a homepage" after the content checks:
    right for a test of what the checks refuse, not for a build that must succeed strictly."""
    return copy_project(destination, languages=languages, pages=SMALL_PAGES)
