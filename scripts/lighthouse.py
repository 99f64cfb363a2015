#!/usr/bin/env python3
"""Lighthouse benchmark (issue 19): prints figures, asserts nothing.

  python scripts/lighthouse.py [--site-dir SITE] [--lang sv --lang ar --lang ti] [--template home ...] [--runs 3] [-v]

Builds the site (unless --site-dir names a built one) with its site URL set to the loopback address,
serves it with the project's own nginx configuration (deploy/nginx/wayfinder.conf: compression, cache
headers, Content-Security-Policy), and runs Lighthouse's default mobile run (Moto G Power, simulated
slow 4G, 4× CPU slowdown) with Debian's Chromium on every page template in each language: first and
largest contentful paint and the performance, accessibility, best-practices and SEO scores, and with -v
every audit that did not pass; Lighthouse's CPU benchmark index of the machine is printed with each row
(lower means a slower or busier machine). Targets: FCP ≤ 1.2 s, LCP ≤ 1.5 s (to a tenth of a second, as
Lighthouse reports them), performance ≥ 98, the others 100.

Lighthouse comes from npm, installed once into .cache/ (ignored by git):
  npm install --prefix .cache/lighthouse lighthouse
(or set LIGHTHOUSE to its CLI). CHROME_PATH defaults to /usr/bin/chromium."""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from wayfinder.languages import load_registry  # noqa: E402
from wayfinder.local_nginx import NginxError, free_port, nginx  # noqa: E402

# One page per template. The 404 template is fetched as the file nginx sends for a missing URL
# (Lighthouse stops on a 404 status before measuring anything).
TEMPLATES = {
    "home": "",
    "article": "start/forsta-stegen/",
    "healthcare": "vard/tolk/",
    "lesson": "larare/lektioner/halsa/",
    "languages": "om/sprak/",
    "404": "404.html",
}
TARGETS = {"fcp": 1.2, "lcp": 1.5, "performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking " \
               "--disable-component-update --disable-sync --no-first-run"


def lighthouse_cli() -> list[str]:
    explicit = os.environ.get("LIGHTHOUSE")
    if explicit:
        return [explicit]
    local = REPO / ".cache" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
    if local.exists():
        return [str(local)]
    found = shutil.which("lighthouse")
    if found:
        return [found]
    sys.exit("lighthouse.py: Lighthouse is not installed — npm install --prefix .cache/lighthouse lighthouse "
             "(or set LIGHTHOUSE to its command)")


class LighthouseError(RuntimeError):
    pass


def run_lighthouse(cli: list[str], url: str, attempts: int = 3) -> dict:
    """Lighthouse's JSON report; a run that fails (NO_NAVSTART and the like on a busy machine) is repeated."""
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    message = ""
    for _ in range(attempts):
        result = subprocess.run(
            [*cli, url, "--quiet", "--output=json", "--output-path=stdout", f"--chrome-flags={CHROME_FLAGS}",
             "--only-categories=performance,accessibility,best-practices,seo"],
            capture_output=True, text=True, env=env)
        if result.returncode == 0 and result.stdout.strip():
            report = json.loads(result.stdout)
            if not report.get("runtimeError"):
                return report
            message = report["runtimeError"].get("message", "")
        else:
            message = (result.stderr.strip().splitlines() or ["no output"])[-1]
    raise LighthouseError(f"{url}: {message}")


def figures(report: dict) -> dict:
    audits, categories = report["audits"], report["categories"]
    return {
        "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        **{name: round(categories[name]["score"] * 100) if categories[name]["score"] is not None else -1
           for name in ("performance", "accessibility", "best-practices", "seo")},
    }


def median_figures(reports: list[dict]) -> dict:
    """Each figure's median over repeated runs of one page (Lighthouse's own advice against its run-to-run
    variance), with the machine's median CPU benchmark index."""
    rows = [dict(figures(report), benchmark=report.get("environment", {}).get("benchmarkIndex", 0)) for report in reports]
    return {key: statistics.median(row[key] for row in rows) for key in rows[0]}


def failed_audits(report: dict) -> list[str]:
    out = []
    for name in ("accessibility", "best-practices", "seo"):
        for ref in report["categories"][name]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                out.append(f"{name}: {ref['id']} — {audit.get('title', '')}")
    for ref in report["categories"]["performance"]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if (audit.get("score") is not None and audit["score"] < 0.9 and audit.get("scoreDisplayMode") != "informative"
                and not ref["id"].endswith("-insight")):
            out.append(f"performance: {ref['id']} — {audit.get('displayValue', '')}")
    return out


def missed(metric: str, value: float, target: float) -> bool:
    """Paint times are held to their targets as Lighthouse reports them, to a tenth of a second (1.204 s is
    Lighthouse's "1.2 s"); scores are whole numbers already."""
    return round(value, 1) > target if metric in ("fcp", "lcp") else value < target


def build(site_dir: Path, site_url: str) -> None:
    env = dict(os.environ, SITE_URL=site_url, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
                            cwd=REPO, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"lighthouse.py: the build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="lighthouse.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--site-dir", type=Path, help="a site already built (canonical URLs may then name another port)")
    parser.add_argument("--lang", action="append", help="language code (repeatable; default sv, ar, ti)")
    parser.add_argument("--template", action="append", choices=list(TEMPLATES), help="page template (repeatable)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; each figure is the median (default 1)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list the audits that did not pass and Lighthouse's warnings (first run)")
    args = parser.parse_args(argv)
    registry = load_registry(REPO / "locales")
    codes = args.lang or [code for code in ("sv", "ar", "ti") if code in registry]
    for code in codes:
        if code not in registry:
            parser.error(f"unknown language '{code}' — one of {', '.join(registry.codes)}")
    cli = lighthouse_cli()
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory(prefix="wayfinder-lighthouse-") as scratch:
        site = args.site_dir
        if site is None:
            site = Path(scratch) / "site"
            print(f"building the site for {base} ...", flush=True)
            build(site, base)
        try:
            with nginx(site, Path(scratch) / "nginx", port) as url:
                load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
                print(f"Lighthouse mobile (simulated slow 4G, 4x CPU slowdown) against nginx at {url}; "
                      f"{os.cpu_count()} CPUs, load average {load} (a busy machine inflates blocking time and LCP)")
                header = (f"{'lang':6} {'template':11} {'FCP s':>6} {'LCP s':>6} {'perf':>5} {'a11y':>5} {'BP':>5} {'SEO':>5}"
                          f" {'CPU index':>9}")
                print(header + "\n" + "-" * len(header), flush=True)
                rows, status = [], 0
                for code in codes:
                    prefix = registry[code].url_prefix
                    for template in args.template or list(TEMPLATES):
                        try:
                            reports = [run_lighthouse(cli, url + prefix + TEMPLATES[template]) for _ in range(args.runs)]
                        except LighthouseError as error:
                            print(f"{code:6} {template:11} lighthouse failed {3} times: {error}", flush=True)
                            status = 1
                            continue
                        row = median_figures(reports)
                        rows.append(row)
                        report = reports[0]
                        misses = [k for k, target in TARGETS.items() if missed(k, row[k], target)]
                        print(f"{code:6} {template:11} {row['fcp']:>6.2f} {row['lcp']:>6.2f} {row['performance']:>5} "
                              f"{row['accessibility']:>5} {row['best-practices']:>5} {row['seo']:>5} {row['benchmark']:>9.0f}"
                              + (f"   off target: {', '.join(misses)}" if misses else ""), flush=True)
                        if args.verbose:
                            warnings = [f"Lighthouse warns: {w}" for w in report.get("runWarnings", [])]
                            for line in failed_audits(report) + warnings:
                                print(f"         {line}")
                if rows:
                    print("-" * len(header))
                    print(f"{'worst':18} {max(r['fcp'] for r in rows):>6.2f} {max(r['lcp'] for r in rows):>6.2f} "
                          f"{min(r['performance'] for r in rows):>5} {min(r['accessibility'] for r in rows):>5} "
                          f"{min(r['best-practices'] for r in rows):>5} {min(r['seo'] for r in rows):>5}")
                    print("targets: FCP <= 1.2 s, LCP <= 1.5 s, performance >= 98, accessibility, best practices, SEO 100")
        except NginxError as error:
            print(f"lighthouse.py: {error}", file=sys.stderr)
            return 1
    return status


if __name__ == "__main__":
    sys.exit(main())
