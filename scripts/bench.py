"""Build-speed benchmark: prints figures (median of several runs), never asserts them.

  python scripts/bench.py [--runs 3] [--languages 12] [--pages 100] [--skip-real] [--skip-synthetic]
  python scripts/bench.py --serve [--lang ar ...]

`--serve` (issue 17): starts scripts/serve.py on the real content, then prints its start-up time and, for
a saved translation and a saved Swedish page, the time from writing the file until the served HTML
contains the new text (goals: 1.5 s and 3 s). The files are restored afterwards.

For the real content and for a synthetic tree (default 12 languages × 100 pages): full build seconds with
`mkdocs build` and with `scripts/build.py` (parallel), one-language build seconds, and the ratios.
Goal (issue 9): parallel full build ≤ 0.6 × (languages × one-language build) on 2 cores."""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import socket
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from wayfinder.languages import load_registry  # noqa: E402


def timed(command: list[str], cwd: Path, env: dict | None = None) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-2000:]}")
    return time.perf_counter() - started


def measure(project: Path, runs: int, one_language: str) -> dict:
    site = Path(tempfile.mkdtemp(prefix="wayfinder-bench-site-"))
    try:
        serial = [timed([sys.executable, "-m", "mkdocs", "build", "-d", str(site / "serial")], project) for _ in range(runs)]
        parallel = [timed([sys.executable, str(HERE / "build.py"), "--config-file", str(project / "mkdocs.yml"),
                           "--site-dir", str(site / "parallel")], project) for _ in range(runs)]
        one = [timed([sys.executable, "-m", "mkdocs", "build", "-d", str(site / "one")], project,
                     {"WAYFINDER_LANGUAGE": one_language}) for _ in range(runs)]
    finally:
        shutil.rmtree(site, ignore_errors=True)
    languages = len(load_registry(project / "locales"))
    result = {"languages": languages, "serial": statistics.median(serial), "parallel": statistics.median(parallel),
              "one": statistics.median(one)}
    result["goal"] = 0.6 * languages * result["one"]
    return result


def synthetic_project(root: Path, languages: int, pages: int) -> Path:
    """A copy of the real theme and locales with `pages` generated pages in `languages` languages."""
    for name in ("overrides", "glossary", "facts", "l10n.yml", "redirects.yml", "scripts/hooks"):  # what the build reads
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy(source, root / name)
    (root / "locales").mkdir()
    codes = load_registry(REPO / "locales").codes[:languages]
    for code in codes:
        shutil.copy(REPO / "locales" / f"{code}.yml", root / "locales")
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:")[0]
    (root / "mkdocs.yml").write_text(text + "\n", encoding="utf-8")
    content = root / "content"
    content.mkdir()
    body = "\n".join(f"## Del {n}\n\nRing {{{{fact:phone.emergency}}}} eller {{{{fact:phone.healthcare-advice}}}} om du behöver hjälp. "
                     f"Mening nummer {n} på enkel svenska.\n"
                     for n in range(6))
    # A translation: the same structure and numbers in other words, so the content checks pass.
    translated = "\n".join(f"## Part {n}\n\nCall {{{{fact:phone.emergency}}}} or {{{{fact:phone.healthcare-advice}}}} if you need help. "
                           f"Sentence number {n} in plain words.\n"
                           for n in range(6))
    for n in range(pages):
        (content / f"sida-{n:03d}.md").write_text(
            f"---\ntitle: Sida {n}\ndescription: Sidan {n}.\nsection: about\nreviewed: 2026-11-29\nsources:\n"
            f"  - title: Källa\n    url: https://www.1177.se/\n---\n# Sida {n}\n\n{body}", encoding="utf-8")
    (content / "index.md").write_text((content / "sida-000.md").read_text(encoding="utf-8"), encoding="utf-8")
    from wayfinder.hashing import source_hash

    for code in codes[1:]:
        for source in sorted(content.glob("*.md")):
            if source.name.count(".") > 1:
                continue
            number = source.stem.rsplit("-", 1)[-1] if "-" in source.stem else "000"
            (content / f"{source.stem}.{code}.md").write_text(
                f"---\ntitle: Page {int(number)}\ndescription: Page {int(number)}.\ntranslation:\n  status: machine\n"
                f"  source_hash: {source_hash(source)}\n---\n# Page {int(number)}\n\n{translated}", encoding="utf-8")
    return root


def report(name: str, figures: dict) -> None:
    print(f"{name}: {figures['languages']} languages")
    print(f"  mkdocs build (serial)      {figures['serial']:6.1f} s")
    print(f"  scripts/build.py (parallel){figures['parallel']:6.1f} s   ratio to serial {figures['parallel'] / figures['serial']:.2f}")
    print(f"  one language               {figures['one']:6.1f} s   × {figures['languages']} = {figures['one'] * figures['languages']:.1f} s")
    print(f"  goal: parallel ≤ 0.6 × languages × one = {figures['goal']:.1f} s → "
          f"{'met' if figures['parallel'] <= figures['goal'] else 'not met'} "
          f"(parallel / (languages × one) = {figures['parallel'] / (figures['languages'] * figures['one']):.2f})")


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except OSError:  # not serving yet, or a 404 while a language is built
        return None


def _wait(condition, limit: float, what: str) -> float:
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > limit:
            raise SystemExit(f"bench.py --serve: {what} not seen within {limit:.0f} s")
        time.sleep(0.02)
    return time.perf_counter() - started


def _saved_until_seen(path: Path, urls: list[str]) -> float:
    """Seconds from writing a unique marker into `path` until every url serves it; the file is restored."""
    original = path.read_bytes()
    marker = f"WAYFINDER-BENCH-{uuid.uuid4().hex[:12]}"
    try:
        started = time.perf_counter()
        path.write_bytes(original.rstrip(b"\n") + f"\n\n{marker}\n".encode())
        _wait(lambda: all(marker in (_fetch(url) or "") for url in urls), 120, f"{marker} in {', '.join(urls)}")
        return time.perf_counter() - started
    finally:
        path.write_bytes(original)


def measure_serve(project: Path, languages: list[str] | None) -> dict:
    from wayfinder.content import page_url, scan

    registry = load_registry(project / "locales")
    codes = [code for code in registry.codes if not languages or code in languages]
    translated = next(code for code in codes if code != registry.source.code)
    tree = scan(project / "content", registry)
    # A translated page, and a Swedish page that some served language shows as its fallback copy.
    page = "vard/tolk.md" if translated in tree.pages.get("vard/tolk.md", {}) else \
        next(p for p, files in sorted(tree.pages.items()) if translated in files and registry.source.code in files)
    fallback = next(((p, code) for p, files in sorted(tree.pages.items()) for code in codes
                     if code not in files and registry.source.code in files), (page, registry.source.code))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"

    def url(code: str, shared: str) -> str:
        return base + ("" if code == registry.source.code else f"{code}/") + page_url(shared)

    command = [sys.executable, str(HERE / "serve.py"), "--config-file", str(project / "mkdocs.yml"),
               "--dev-addr", f"127.0.0.1:{port}"] + [f"--lang={code}" for code in languages or []]
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        server = subprocess.Popen(command, cwd=project, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait(lambda: _fetch(url(translated, page)) is not None or server.poll() is not None, 1800, "the site")
            if server.poll() is not None:
                log.seek(0)
                raise SystemExit(f"serve.py stopped:\n{log.read().decode(errors='replace')[-3000:]}")
            startup = time.perf_counter() - started
            translation = _saved_until_seen(tree.pages[page][translated].path, [url(translated, page)])
            source = _saved_until_seen(tree.pages[fallback[0]][registry.source.code].path,
                                       [url(registry.source.code, fallback[0]), url(fallback[1], fallback[0])])
        finally:
            server.terminate()
            server.wait(timeout=60)
    return {"languages": len(codes), "startup": startup, "translation": translation, "source": source,
            "translation_page": f"{page} ({translated})", "source_page": f"{fallback[0]} (also {fallback[1]})"}


def report_serve(figures: dict) -> None:
    print(f"scripts/serve.py: {figures['languages']} languages")
    print(f"  start-up (until the first page is served) {figures['startup']:6.1f} s")
    print(f"  saved translation → served   {figures['translation']:6.2f} s   goal 1.5 s → "
          f"{'met' if figures['translation'] <= 1.5 else 'not met'}   ({figures['translation_page']})")
    print(f"  saved Swedish page → served  {figures['source']:6.2f} s   goal 3 s → "
          f"{'met' if figures['source'] <= 3 else 'not met'}   ({figures['source_page']})")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--languages", type=int, default=12)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--skip-real", action="store_true")
    parser.add_argument("--skip-synthetic", action="store_true")
    parser.add_argument("--serve", action="store_true", help="time scripts/serve.py's edit loop instead")
    parser.add_argument("--lang", action="append", help="with --serve: serve only these languages")
    args = parser.parse_args(argv)
    if args.serve:
        print(f"{os.cpu_count()} cores, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        report_serve(measure_serve(REPO, args.lang))
        return 0
    print(f"{os.cpu_count()} cores, median of {args.runs} runs")
    if not args.skip_real:
        report("real content", measure(REPO, args.runs, "ar"))
    if not args.skip_synthetic:
        with tempfile.TemporaryDirectory(prefix="wayfinder-bench-") as directory:
            project = synthetic_project(Path(directory), args.languages, args.pages)
            report(f"synthetic ({args.pages} pages)", measure(project, args.runs, "en"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
