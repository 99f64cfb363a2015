"""Pre-compressed copies of the built site: `page.html.gz` and `page.html.br` next to `page.html`.

A web server with gzip_static/brotli_static (deploy/nginx/wayfinder.conf) sends these as they are, so
readers on slow phones get small responses without the server compressing on every request."""
from __future__ import annotations

import gzip
import os
from dataclasses import dataclass
from pathlib import Path

import brotli

COMPRESSIBLE = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"})
# Below about one TCP packet compression saves no round trip, only CPU on both sides.
MIN_SIZE = 1024
# Brotli quality 8: on this site within 0.5 % of quality 9's size at a tenth of its time (quality 11 is
# another ~8 % smaller but takes about a minute per build); pass --brotli-quality 11 for a final deploy.
BROTLI_QUALITY = 8


@dataclass
class Stats:
    files: int = 0  # originals that got compressed copies
    written: int = 0  # compressed files (re)written by this run; 0 on a second run over the same site
    original_bytes: int = 0
    gzip_bytes: int = 0
    brotli_bytes: int = 0


def _write(original: Path, suffix: str, data: bytes, compress, force: bool) -> tuple[int, bool]:
    """Write original+suffix unless it is already the copy of this version of the original (same
    mtime, set below), so a second run writes nothing. Returns (bytes a reader gets, written?)."""
    target = original.with_name(original.name + suffix)
    mtime = original.stat().st_mtime_ns
    if not force and target.exists() and target.stat().st_mtime_ns == mtime:
        return target.stat().st_size, False
    packed = compress(data)
    if len(packed) >= len(data):  # incompressible: the server sends the original
        target.unlink(missing_ok=True)
        return len(data), False
    target.write_bytes(packed)
    # The copy carries the original's time: the server's Last-Modified and ETag then match the original's.
    os.utime(target, ns=(mtime, mtime))
    return len(packed), True


def compress_site(site_dir: Path, brotli_quality: int = BROTLI_QUALITY, min_size: int = MIN_SIZE,
                  force: bool = False) -> Stats:
    """Compress every compressible file of at least `min_size` bytes; `force` rewrites up-to-date copies
    (e.g. to recompress at a higher Brotli quality)."""
    stats = Stats()
    for directory, _, names in os.walk(site_dir):
        for name in sorted(names):
            path = Path(directory, name)
            if path.suffix not in COMPRESSIBLE:
                continue
            data = path.read_bytes()
            if len(data) < min_size:
                for suffix in (".gz", ".br"):  # a copy left from a larger version would be served instead
                    path.with_name(name + suffix).unlink(missing_ok=True)
                continue
            # mtime=0: the same input gives byte-identical output (reproducible builds).
            gz, gz_written = _write(path, ".gz", data, lambda d: gzip.compress(d, compresslevel=9, mtime=0), force)
            br, br_written = _write(path, ".br", data, lambda d: brotli.compress(d, quality=brotli_quality), force)
            stats.files += 1
            stats.written += gz_written + br_written
            stats.original_bytes += len(data)
            stats.gzip_bytes += gz
            stats.brotli_bytes += br
    return stats


def summary(stats: Stats) -> str:
    def mb(n: int) -> str:
        return f"{n / 1e6:.1f} MB"

    if not stats.files:
        return "compressed 0 files"
    return (f"compressed {stats.files} files: {mb(stats.original_bytes)} → gzip {mb(stats.gzip_bytes)}, "
            f"brotli {mb(stats.brotli_bytes)} ({stats.written} compressed files written)")
