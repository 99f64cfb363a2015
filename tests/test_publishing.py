"""Publishing: the built site served by real nginx (deploy/nginx/wayfinder.conf) on 127.0.0.1 and checked
over HTTP — security headers, pre-compressed gzip/Brotli, cache lifetimes, per-language 404 pages,
content types — and in Chromium under the Content-Security-Policy; redirects of renamed pages in every
language; the compression and redirect-map code itself.

Never skipped: without nginx the tests fail and say what to install (.ci/run installs it)."""
from __future__ import annotations

import base64
import contextlib
import gzip
import hashlib
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import pytest

from conftest import REPO, copy_project, run_mkdocs_build
from wayfinder import local_nginx
from wayfinder.compression import compress_site
from wayfinder.redirects import RedirectError, Target, load, write
from wayfinder.languages import load_registry

CONF = local_nginx.CONF
PAGE = "ar/vard/tolk/"
SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy",
                    "X-Frame-Options")



# --- nginx on loopback (wayfinder.local_nginx, shared with scripts/lighthouse.py) ---------------------------

def test_the_shipped_config_has_the_lines_local_runs_replace():
    text = CONF.read_text(encoding="utf-8")
    for needle in ("    listen 80;\n", "    listen [::]:80;\n", "    root /var/www/wayfinder;\n",
                   "    include /var/www/wayfinder/_redirects.nginx.conf;\n"):
        assert text.count(needle) == 1, f"{CONF}: expected the line {needle.strip()!r} once"


@contextlib.contextmanager
def nginx(site: Path, work: Path):
    """nginx serving `site` on a free loopback port; a missing nginx or a refused config fails the test."""
    try:
        with local_nginx.nginx(site, work) as url:
            yield url
    except local_nginx.NginxError as error:
        pytest.fail(f"{error} (.ci/run installs nginx and its Brotli module)")


@pytest.fixture(scope="session")
def nginx_url(site, tmp_path_factory):
    with nginx(site, tmp_path_factory.mktemp("nginx")) as url:
        yield url


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # report 3xx responses instead of following them


_OPENER = urllib.request.build_opener(_NoRedirect)


def get(url: str, **headers: str):
    """(status, headers, body) of one GET; no redirect followed, no decompression."""
    request = urllib.request.Request(url, headers={k.replace("_", "-"): v for k, v in headers.items()})
    try:
        with _OPENER.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def decoded(headers, body: bytes) -> str:
    encoding = headers.get("Content-Encoding")
    return {"br": brotli.decompress, "gzip": gzip.decompress}.get(encoding, lambda b: b)(body).decode("utf-8")


def vary(headers) -> set[str]:
    return {v.strip().lower() for value in headers.get_all("Vary") or [] for v in value.split(",")}


def csp_directives(headers) -> dict[str, list[str]]:
    policy = headers["Content-Security-Policy"]
    return {parts[0]: parts[1:] for parts in (d.split() for d in policy.split(";")) if parts}


# --- headers ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["", PAGE, "en/", "om/tillganglighet/", "ar/nope/"])
def test_every_html_response_carries_the_security_headers(nginx_url, path):
    status, headers, _ = get(nginx_url + path)
    assert status in (200, 404)
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    for name in SECURITY_HEADERS:
        assert headers[name], f"{name} missing on /{path}"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "camera=()" in headers["Permissions-Policy"] and "geolocation=()" in headers["Permissions-Policy"]
    assert csp_directives(headers)["frame-ancestors"] == ["'none'"]
    assert "Strict-Transport-Security" not in headers, "HSTS belongs on https responses only"
    assert "nginx/" not in headers.get("Server", "")


def test_the_content_security_policy_allows_our_origin_only(nginx_url):
    _, headers, _ = get(nginx_url + PAGE)
    directives = csp_directives(headers)
    assert directives["default-src"] == ["'self'"]
    scripts = directives["script-src"]
    assert scripts[0] == "'self'" and all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", s) for s in scripts[1:]), \
        "scripts from our origin only, inline ones by their hash: no 'unsafe-inline', no eval, no host"
    assert directives["object-src"] == ["'none'"]
    for name, sources in directives.items():
        # data: only for images (Material's CSS icons); inline styles only as attributes (table alignment);
        # inline scripts only by hash.
        allowed = {"'self'", "'none'"} | {"img-src": {"data:"}, "style-src-attr": {"'unsafe-inline'"},
                                          "script-src": set(scripts[1:])}.get(name, set())
        extra = set(sources) - allowed
        assert not extra, f"{name} allows {extra}: only our own origin may be named"
        assert not any("://" in s or "*" in s or s.endswith(":") and s != "data:" for s in sources), name


def script_hashes_allowed() -> set[str]:
    """The inline-script hashes the shipped nginx configuration's Content-Security-Policy allows."""
    policy = re.search(r'add_header Content-Security-Policy "([^"]*)"', CONF.read_text(encoding="utf-8")).group(1)
    directives = {parts[0]: parts[1:] for parts in (d.split() for d in policy.split(";")) if parts}
    return {source for source in directives["script-src"] if source.startswith("'sha256-")}


def test_no_page_has_inline_script_the_policy_would_block(site):
    """Every page, not only the ones fetched above: an executable inline <script> must be allowed by its hash
    in the policy (overrides/partials/javascripts/ keeps Material's two first-paint scripts identical on every
    page), no script from another host, and no on*="" handlers."""
    allowed = script_hashes_allowed()
    offenders = []
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for attributes, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S):
            if "src=" in attributes:
                src = re.search(r'src="([^"]*)"', attributes).group(1)
                if src.startswith(("http:", "https:", "//")):
                    offenders.append(f"{path.relative_to(site)}: script from {src}")
            elif 'type="application/json"' not in attributes and body.strip():
                digest = "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
                if digest not in allowed:
                    offenders.append(f"{path.relative_to(site)}: inline <script{attributes}>{body.strip()[:60]} — "
                                     f"its hash {digest} is not in {CONF.name}'s script-src")
        offenders += [f"{path.relative_to(site)}: {m}" for m in re.findall(r"<[^>]*\son[a-z]+=\"[^>]*>", html)[:1]]
    assert not offenders, "\n".join(offenders[:20])


# --- compression and caching -----------------------------------------------------------------------------

def fingerprinted_asset(site: Path) -> str:
    bundles = sorted(site.glob("assets/javascripts/bundle.*.min.js"))
    assert bundles, "Material's fingerprinted bundle is missing from the build"
    return bundles[0].relative_to(site).as_posix()


@pytest.mark.parametrize("kind", ["page", "asset", "search index"])
def test_precompressed_files_are_served_with_content_encoding_and_vary(nginx_url, site, kind):
    path = {"page": PAGE, "asset": fingerprinted_asset(site), "search index": "ar/search/search_index.json"}[kind]
    original = (site / (path + "index.html" if path.endswith("/") else path)).read_bytes()
    for accept, encoding, decode in (("gzip, deflate, br", "br", brotli.decompress),
                                     ("gzip", "gzip", gzip.decompress)):
        status, headers, body = get(nginx_url + path, Accept_Encoding=accept)
        assert status == 200
        assert headers["Content-Encoding"] == encoding, (path, accept)
        assert "accept-encoding" in vary(headers), (path, accept)
        assert len(body) < len(original) / 2
        assert decode(body) == original
    status, headers, body = get(nginx_url + path, Accept_Encoding="identity")
    assert status == 200 and "Content-Encoding" not in headers and body == original
    assert "accept-encoding" in vary(headers), "caches must know the response depends on Accept-Encoding"


def test_fingerprinted_assets_are_cached_for_a_year_pages_briefly(nginx_url, site):
    _, headers, _ = get(nginx_url + fingerprinted_asset(site))
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    for path in ("", PAGE, "ar/search/search_index.json", "assets/stylesheets/wayfinder.css", "ar/nope/"):
        _, headers, _ = get(nginx_url + path)
        max_age = int(re.search(r"max-age=(\d+)", headers["Cache-Control"]).group(1))
        assert max_age <= 600 and "immutable" not in headers["Cache-Control"], (path, headers["Cache-Control"])


@pytest.mark.parametrize("path,content_type", [
    ("", "text/html; charset=utf-8"),
    ("ar/search/search_index.json", "application/json; charset=utf-8"),
    ("search/search_index.json", "application/json; charset=utf-8"),
    ("sitemap.xml", "text/xml; charset=utf-8"),
    ("assets/stylesheets/wayfinder.css", "text/css; charset=utf-8"),
    ("assets/javascripts/wayfinder.js", "application/javascript; charset=utf-8"),
    ("sw.js", "application/javascript; charset=utf-8"),
    ("ar/manifest.webmanifest", "application/manifest+json; charset=utf-8"),
])
def test_content_types_carry_utf8(nginx_url, path, content_type):
    status, headers, _ = get(nginx_url + path, Accept_Encoding="br")
    assert status == 200
    assert headers["Content-Type"] == content_type


# --- 404 pages, the home page, redirects of directories -------------------------------------------------

def test_a_missing_url_gets_the_404_page_of_its_language(nginx_url, registry):
    for language in registry:
        for missing in ("no-such-page/", "vard/no-such-page", "no-such-file.html"):
            status, headers, body = get(nginx_url + language.url_prefix + missing, Accept_Encoding="gzip, br")
            assert status == 404, (language.code, missing)
            assert headers["Content-Type"] == "text/html; charset=utf-8"
            match = re.search(r'<html lang="([^"]+)" dir="([^"]+)"', decoded(headers, body))
            assert match and match.groups() == (language.lang, language.direction), (language.code, missing)
            assert headers["Content-Security-Policy"]


def test_a_missing_url_outside_the_language_prefixes_gets_the_swedish_404(nginx_url, registry):
    for path in ("vard/no-such-page/", "no-such-folder/deeper/", "xx/"):
        status, _, body = get(nginx_url + path)
        assert status == 404
        assert f'<html lang="{registry.source.lang}"' in body.decode("utf-8"), path


def test_root_is_swedish_for_every_reader_without_redirect_or_vary_on_language(nginx_url, registry):
    for accept_language in ("ar,en;q=0.8", "sv", "fa-AF", ""):
        status, headers, body = get(nginx_url, Accept_Language=accept_language)
        assert status == 200 and "Location" not in headers
        assert f'<html lang="{registry.source.lang}"' in body.decode("utf-8")
        assert "accept-language" not in vary(headers)


def test_a_language_prefix_without_slash_redirects_once_to_its_home(nginx_url):
    status, headers, _ = get(nginx_url + "ar")
    assert status == 301 and headers["Location"] == "/ar/"
    status, _, body = get(nginx_url + "ar/")
    assert status == 200 and '<html lang="ar" dir="rtl"' in body.decode("utf-8")


def test_the_nginx_include_is_not_served(nginx_url, site):
    assert (site / "_redirects.nginx.conf").exists()
    assert get(nginx_url + "_redirects.nginx.conf")[0] == 404


# --- Chromium through nginx -----------------------------------------------------------------------------

def watch(page, base_url) -> dict[str, list[str]]:
    """Console errors (CSP violations among them), failed requests, requests to any other host."""
    host = urlsplit(base_url).netloc
    seen = {"errors": [], "failed": [], "foreign": []}
    page.on("console", lambda message: message.type == "error" and seen["errors"].append(message.text))
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    page.on("response", lambda response: response.status >= 400 and seen["failed"].append(f"{response.status} {response.url}"))
    # A request the next navigation cancels (a lazily loaded search script) is aborted, not broken.
    page.on("requestfailed", lambda request: request.failure != "net::ERR_ABORTED"
            and seen["failed"].append(f"failed {request.url}: {request.failure}"))
    page.on("request", lambda request: urlsplit(request.url).netloc not in (host, "")
            and not request.url.startswith("data:") and seen["foreign"].append(request.url))
    return seen


@pytest.mark.browser
def test_an_arabic_page_runs_under_the_policy_without_errors_in_chromium(browser, nginx_url):
    """Search exercises the worker, its imports and the index fetch under the policy."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    seen = watch(page, nginx_url)
    response = page.goto(nginx_url + PAGE, wait_until="networkidle")
    assert response.status == 200 and "content-security-policy" in response.headers
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    # Material's scripts, now loaded from files, ran: its storage scope is the site root.
    assert page.evaluate("typeof __md_get === 'function' && __md_scope.href") == nginx_url
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").fill("112")
    page.locator(".md-search__input").press("End")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    page.wait_for_load_state("networkidle")
    context.close()
    assert seen == {"errors": [], "failed": [], "foreign": []}


@pytest.mark.browser
def test_the_swedish_home_offers_an_arabic_reader_arabic_under_the_policy(browser, nginx_url):
    """nginx sends Swedish at / to everyone; the page's own script offers the browser's language."""
    context = browser.new_context(locale="ar-SY", extra_http_headers={"Accept-Language": "ar-SY,ar;q=0.9"})
    page = context.new_page()
    seen = watch(page, nginx_url)
    response = page.goto(nginx_url, wait_until="networkidle")
    assert response.url == nginx_url and response.status == 200
    assert page.evaluate("document.documentElement.lang") == "sv"
    assert page.locator(".wf-suggestion").get_attribute("lang") == "ar"
    context.close()
    assert seen == {"errors": [], "failed": [], "foreign": []}


@pytest.mark.browser
def test_a_404_page_renders_without_errors_in_chromium(browser, nginx_url):
    context = browser.new_context()
    page = context.new_page()
    seen = watch(page, nginx_url)
    response = page.goto(nginx_url + "ar/no-such-page/", wait_until="networkidle")
    assert response.status == 404
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    context.close()
    assert seen["failed"] == [f"404 {nginx_url}ar/no-such-page/"]  # the page itself, nothing it loads
    assert not seen["errors"] or all("404" in e for e in seen["errors"]), seen["errors"]
    assert not seen["foreign"]


# --- a copy of the project: a renamed page, and a region's own page -------------------------------------

def region_config() -> str:
    """The region's mkdocs.region.yml exactly as deploy/README.md documents it."""
    readme = (REPO / "deploy" / "README.md").read_text(encoding="utf-8")
    after = readme.split("<!-- region-config", 1)[1]
    return re.search(r"```yaml\n(.*?)```", after, re.S).group(1)


LOCAL_PAGE = """---
title: Vård i Skåne
description: Vårdcentraler och tolk i Skåne.
section: about
reviewed: {today}
sources:
  - title: "1177: Skåne"
    url: https://www.1177.se/Skane/
---

# Vård i Skåne

Här finns vård nära dig i Skåne.
Ring {{{{fact:phone.healthcare-advice}}}} om du behöver råd.
"""  # .format() below: {{{{…}}}} is the page's {{fact:…}} placeholder


@pytest.fixture(scope="module")
def regional_site(tmp_path_factory):
    """The repository copied as a region's publishing job sees it (deploy/README.md): `vard/tolk.md` was
    once `vard/tolkar.md` (redirects.yml), and the region added `lokalt/index.md` and mkdocs.region.yml."""
    import datetime

    root = tmp_path_factory.mktemp("regional")
    project = copy_project(root / "wayfinder", languages=("ar", "ti"))  # a small tree: one language per script
    (project / "redirects.yml").write_text("vard/tolkar.md: vard/tolk.md\n", encoding="utf-8")
    (project / "content" / "lokalt").mkdir()
    (project / "content" / "lokalt" / "index.md").write_text(
        LOCAL_PAGE.format(today=datetime.date.today().isoformat()), encoding="utf-8")
    (project / "mkdocs.region.yml").write_text(region_config(), encoding="utf-8")
    site = root / "site"
    result = run_mkdocs_build(project, site, "--config-file", str(project / "mkdocs.region.yml"))
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_an_old_url_keeps_working_in_every_language(regional_site, tmp_path):
    site = regional_site
    registry = load_registry(site.parent / "wayfinder" / "locales")  # the languages the region built
    include = (site / "_redirects.nginx.conf").read_text(encoding="utf-8")
    for language in registry:
        old, new = f"{language.url_prefix}vard/tolkar/", f"{language.url_prefix}vard/tolk/"
        html = (site / old / "index.html").read_text(encoding="utf-8")
        assert '<meta http-equiv="refresh" content="0; url=../tolk/">' in html, language.code
        assert re.search(rf'<link rel="canonical" href="[^"]*/{re.escape(new)}">', html), language.code
        assert '<a href="../tolk/">' in html and "<script" not in html
        assert f'lang="{language.lang}" dir="{language.direction}"' in html
        assert f"location = /{old} {{ return 301 /{new}; }}" in include

    with nginx(site, tmp_path / "nginx") as url:
        for language in registry:
            old, new = f"{language.url_prefix}vard/tolkar/", f"{language.url_prefix}vard/tolk/"
            status, headers, _ = get(url + old)
            assert (status, headers["Location"]) == (301, "/" + new), language.code
            assert headers["Content-Security-Policy"], "redirects carry the headers too"
            assert get(url + new)[0] == 200


def test_a_region_adds_its_own_pages_without_editing_national_files(regional_site):
    site = regional_site
    registry = load_registry(site.parent / "wayfinder" / "locales")
    page = (site / "lokalt" / "index.html").read_text(encoding="utf-8")
    assert "Vård i Skåne" in page and 'class="wf-emergency' in page  # the national layout
    for language in registry.targets:  # shown in Swedish until translated, like national pages
        fallback = (site / language.url_prefix / "lokalt" / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{language.lang}"' in fallback and "Vård i Skåne" in fallback, language.code
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"lokalt/' in index, "the local page is found by search"
    assert (site / "vard" / "tolk" / "index.html").exists()  # the national pages are all still there


@pytest.mark.parametrize("redirect,message", [
    ({"vard/tolkar.md": "vard/finns-inte.md"}, "the build wrote no page /ar/vard/finns-inte/"),
    ({"vard/tolk.md": "vard/index.md"}, "/vard/tolk/ is a page of the site"),
])
def test_redirects_refuse_a_missing_target_and_never_overwrite_a_page(tmp_path, redirect, message):
    for page in ("vard/tolk/", "vard/", "ar/vard/tolk/", "ar/vard/"):
        (tmp_path / page).mkdir(parents=True, exist_ok=True)
        (tmp_path / page / "index.html").write_text("<p>page</p>", encoding="utf-8")
    (tmp_path / "vard" / "finns-inte").mkdir()
    (tmp_path / "vard" / "finns-inte" / "index.html").write_text("<p>Swedish only</p>", encoding="utf-8")
    targets = [Target("", "sv", "ltr"), Target("ar/", "ar", "rtl")]
    with pytest.raises(RedirectError, match=re.escape(message)):
        write(tmp_path, redirect, targets, "https://wayfinder.example.se/")
    assert (tmp_path / "vard" / "tolk" / "index.html").read_text(encoding="utf-8") == "<p>page</p>"


@pytest.mark.parametrize("text,message", [
    ("vard/tolkar.md: ../etc.md\n", "must be page paths"),
    ("'vard/a b.md': vard/tolk.md\n", "must be page paths"),
    ("vard/tolkar.md: 'vard/tolk.md; return 200'\n", "must be page paths"),
    ("vard/a.md: vard/b.md\nvard/b.md: vard/tolk.md\n", "is itself redirected"),
    ("vard/index.md: vard/README.md\n", "same URL"),
    ("- vard/tolk.md\n", "must be a mapping"),
])
def test_the_redirect_map_refuses_what_nginx_or_readers_could_not_follow(tmp_path, text, message):
    path = tmp_path / "redirects.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RedirectError, match=message):
        load(path)


def test_the_shipped_redirect_map_is_valid_and_names_existing_pages():
    redirects = load(REPO / "redirects.yml")
    for old, new in redirects.items():
        assert (REPO / "content" / new).exists(), f"redirects.yml: {new} does not exist"
        assert not (REPO / "content" / old).exists(), f"redirects.yml: {old} still exists"


# --- compression ------------------------------------------------------------------------------------------

def test_compression_writes_smaller_identical_copies_and_is_idempotent(tmp_path):
    page = tmp_path / "a" / "index.html"
    page.parent.mkdir()
    page.write_text("<p>Välkommen till vården</p>\n" * 200, encoding="utf-8")
    (tmp_path / "small.css").write_text("a{color:red}", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(os.urandom(4096))
    first = compress_site(tmp_path)
    assert (first.files, first.written) == (1, 2)
    assert gzip.decompress((tmp_path / "a" / "index.html.gz").read_bytes()) == page.read_bytes()
    assert brotli.decompress((tmp_path / "a" / "index.html.br").read_bytes()) == page.read_bytes()
    assert not list(tmp_path.glob("small.css.*")) and not list(tmp_path.glob("image.png.*"))
    copies = {p: p.read_bytes() for p in tmp_path.rglob("*.gz")} | {p: p.read_bytes() for p in tmp_path.rglob("*.br")}
    second = compress_site(tmp_path)
    assert second.written == 0 and (second.gzip_bytes, second.brotli_bytes) == (first.gzip_bytes, first.brotli_bytes)
    assert copies == {p: p.read_bytes() for p in copies}
    assert not list(tmp_path.rglob("*.gz.gz")) and not list(tmp_path.rglob("*.br.gz"))
    # A changed page gets fresh copies.
    page.write_text("<p>Ny text</p>\n" * 300, encoding="utf-8")
    compress_site(tmp_path)
    assert gzip.decompress((tmp_path / "a" / "index.html.gz").read_bytes()) == page.read_bytes()


def test_the_build_wrote_compressed_copies_of_every_large_text_file(site):
    missing = [
        path.relative_to(site).as_posix() for path in site.rglob("*")
        if path.suffix in (".html", ".css", ".js", ".json", ".xml") and path.stat().st_size >= 1024
        and not (path.with_name(path.name + ".gz").exists() and path.with_name(path.name + ".br").exists())
    ]
    assert not missing, missing[:20]


def test_compress_script_prints_sizes(tmp_path):
    (tmp_path / "index.html").write_text("<p>hej</p>\n" * 500, encoding="utf-8")
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "compress.py"), str(tmp_path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert re.search(r"5500 bytes before, \d+ gzip, \d+ brotli", result.stdout)
    assert (tmp_path / "index.html.br").exists()
