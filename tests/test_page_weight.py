"""Page weight in Chromium: a representative article page per language, served gzip-compressed as a
static server sends it, must cost at most 150 KB on the wire (HTML, CSS, JS, icons, fonts, search
worker), with the language's search index counted apart. The figures are printed (pytest -s).

scripts/page_weight.py computes the same from the files; the test checks that the browser fetches
exactly the files the script counts, so the script's figures can be trusted without a browser."""
from __future__ import annotations

import functools
import http.server
import io
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from wayfinder.page_weight import SEARCH_INDEX, encoded, kib, page_weight, representative_page

pytestmark = pytest.mark.browser
BUDGET = 150 * 1024  # bytes on the wire per page, fonts included, search index excluded (issue 9)
PAGE = "vard/tolk/"


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static server as a host runs one: `<file>.gz` when present, otherwise text files compressed on
    the fly (gzip level 6) for browsers that accept gzip; images and fonts as they are."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # redirect to the slash-terminated URL
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()  # 404 (or a directory listing) as usual
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        body, compressed = encoded(path) if accepts_gzip else (path.read_bytes(), False)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if compressed:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@pytest.fixture(scope="module")
def gzip_base_url(site):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def measure(browser, base_url: str, path: str) -> dict:
    """Load `path` in a fresh context (cold cache, as a first-time reader) and count each response's
    bytes on the wire: headers plus the encoded body."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    finished, failed = [], []
    page.on("requestfinished", lambda request: finished.append(request))
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(base_url + path, wait_until="networkidle")
    # Material starts its search worker on every page; the worker fetches the index, then imports the
    # language's lunr scripts, then reports ready: the result line then shows the placeholder text.
    placeholder = page.evaluate(
        "JSON.parse(document.getElementById('__config').textContent).translations['search.result.placeholder']")
    page.wait_for_function("t => document.querySelector('.md-search-result__meta').textContent.trim() === t",
                           arg=placeholder)
    page.wait_for_load_state("networkidle")
    files, failures = {}, list(failed)
    for request in finished:
        if request.url.startswith("data:"):
            continue
        response = request.response()
        sizes = request.sizes()
        # Chromium reports no body size for a worker's own script; the Content-Length of our server is exact.
        body = sizes["responseBodySize"] or int(response.header_value("content-length") or 0)
        relative = urlsplit(request.url).path.lstrip("/")
        if response.status >= 400:
            failures.append(f"{response.status} {request.url}")
        files[relative] = {"wire": sizes["responseHeadersSize"] + body, "body": body,
                           "encoding": response.header_value("content-encoding") or ""}
    context.close()
    return {"files": files, "failed": failures}


def test_article_page_weight_per_language(browser, gzip_base_url, site, registry):
    rows, over, mismatches, problems = [], [], [], []
    for language in registry:
        path = representative_page(language, PAGE)
        seen = measure(browser, gzip_base_url, path)
        files = seen["files"]
        index_path = next((f for f in files if f.endswith(SEARCH_INDEX)), None)
        index = files.pop(index_path) if index_path else None
        page_bytes = sum(f["wire"] for f in files.values())
        body_bytes = sum(f["body"] for f in files.values())
        fonts = sum(f["wire"] for name, f in files.items() if name.endswith((".woff2", ".woff", ".ttf", ".otf")))
        rows.append((language.code, len(files), body_bytes, page_bytes, fonts, index["wire"] if index else 0))
        if page_bytes > BUDGET:
            over.append(f"{language.code}: {page_bytes} bytes")
        problems += [f"{language.code}: {failure}" for failure in seen["failed"]]
        problems += [f"{language.code}: {name} sent without gzip" for name, f in files.items()
                     if f["encoding"] != "gzip" and not name.endswith((".png", ".jpg", ".jpeg", ".webp", ".woff2", ".woff"))]
        if index is None:
            problems.append(f"{language.code}: the search index was not fetched")
        elif index_path != language.url_prefix + SEARCH_INDEX:
            problems.append(f"{language.code}: fetched another language's index {index_path}")
        # The script's static count must name exactly the files the browser fetched.
        expected = page_weight(site, path)
        counted = {expected.page.path, *(a.path for a in expected.assets)}
        fetched = {site_file(site, name) for name in files}
        if counted != fetched:
            mismatches.append(f"{language.code}: browser only {sorted(fetched - counted)}, script only {sorted(counted - fetched)}")

    print(f"\nPage weight of {PAGE} in Chromium, gzip as a static server sends it (KiB; budget {BUDGET // 1024}):")
    print(f"{'lang':8} {'requests':>8} {'body':>7} {'on wire':>8} {'fonts':>6} {'index':>7}")
    for code, count, body, wire, fonts, index in rows:
        print(f"{code:8} {count:>8} {kib(body):>7} {kib(wire):>8} {kib(fonts):>6} {kib(index):>7}")
    assert not problems, problems
    assert not mismatches, mismatches
    assert not over, f"over the {BUDGET // 1024} KiB budget: {over}"


def site_file(site: Path, url_path: str) -> str:
    """The site file a URL path is served from ('vard/tolk/' -> 'vard/tolk/index.html')."""
    return url_path + "index.html" if url_path.endswith("/") or not url_path else url_path


def test_page_weight_script_reports_every_language(page_weight_report, registry):
    result = page_weight_report
    print("\n" + result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for language in registry:
        row = next((line for line in lines if line.split()[:1] == [language.code]), None)
        assert row is not None, f"no row for {language.code}"
        values = [float(value) for value in row.split()[1:9]]
        html_raw, html_gz, assets_raw, assets_gz, total_raw, total_gz, index_raw, index_gz = values
        assert 0 < html_gz < html_raw and 0 < assets_gz < assets_raw and 0 < index_gz < index_raw, row
        assert abs(total_gz - html_gz - assets_gz) < 0.2 and total_gz <= BUDGET / 1024, row
