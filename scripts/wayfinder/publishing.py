"""The last step of every build: what serving the site needs besides the pages (deploy/README.md).

- the redirects of `redirects.yml` in every language, and their nginx include (wayfinder.redirects);
- the service worker, offline packs and web app manifests (wayfinder.service_worker);
- gzip and Brotli copies of every compressible file (wayfinder.compression), for gzip_static/brotli_static.

Called by scripts/hooks/publishing.py when `mkdocs build` (or scripts/build.py's merge) has written
every language."""
from __future__ import annotations

from pathlib import Path

from . import redirects, service_worker
from .compression import compress_site, summary
from .languages import Registry


def is_complete(site_dir: Path, registry: Registry) -> bool:
    """Every language's home page is there: not a one-language build (WAYFINDER_LANGUAGE, scripts/build.py's
    workers), whose redirects to other languages could not be checked."""
    return len(service_worker.built_languages(site_dir, registry)) == len(registry)


def finish(root: Path, site_dir: Path, site_url: str | None, registry: Registry, compress: bool = True) -> list[str]:
    """Write redirects (complete sites only) and compressed copies; returns lines for the build log.
    Raises redirects.RedirectError for a redirect map the site cannot honour."""
    messages = []
    if is_complete(site_dir, registry):
        targets = [redirects.Target(l.url_prefix, l.lang, l.direction) for l in registry]
        count = redirects.write(site_dir, redirects.load(root / "redirects.yml"), targets, site_url)
        messages.append(f"{count} redirect pages and {redirects.NGINX_INCLUDE} written from redirects.yml")
    else:
        messages.append("not every language was built: redirects are written by a full build")
    messages += service_worker.write(site_dir, registry)  # before compressing: sw.js, packs and manifests too
    if compress:
        messages.append(summary(compress_site(site_dir)))
    return messages
