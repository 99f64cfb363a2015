"""The shipped nginx configuration (deploy/nginx/wayfinder.conf) run on loopback for a built site: only
`listen` and the site path are replaced, inside the same frame Debian's nginx.conf gives a sites-enabled
file. Used by scripts/lighthouse.py and tests/test_publishing.py."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
from pathlib import Path

from . import REPO_ROOT

CONF = REPO_ROOT / "deploy" / "nginx" / "wayfinder.conf"
NGINX = "/usr/sbin/nginx"
BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"


class NginxError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_config(site: Path, port: int) -> str:
    text = CONF.read_text(encoding="utf-8")
    text = text.replace("    listen 80;\n", f"    listen 127.0.0.1:{port};\n").replace("    listen [::]:80;\n", "")
    if not (site / "_redirects.nginx.conf").exists():  # a one-language build writes no redirects
        text = text.replace("    include /var/www/wayfinder/_redirects.nginx.conf;\n", "")
    return text.replace("/var/www/wayfinder", str(site))


def main_config(work: Path) -> str:
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "".join(f"    {name}_temp_path {work / name};\n" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return (
        f"{user}worker_processes 1;\npid {work / 'nginx.pid'};\nerror_log {work / 'error.log'} warn;\n"
        f"load_module {BROTLI_MODULE};\nevents {{ worker_connections 256; }}\nhttp {{\n"
        "    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
        "    sendfile on;\n    gzip on;\n"
        f"    access_log {work / 'access.log'};\n{temp}    include {work / 'wayfinder.conf'};\n}}\n"
    )


@contextlib.contextmanager
def nginx(site: Path, work: Path, port: int | None = None):
    """nginx serving `site` on 127.0.0.1; yields the base URL and stops nginx on exit."""
    for required, package in ((NGINX, "nginx"), (BROTLI_MODULE, "libnginx-mod-http-brotli-static")):
        if not Path(required).exists():
            raise NginxError(f"{required} is missing — apt-get install {package}")
    work.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    (work / "wayfinder.conf").write_text(server_config(Path(site).resolve(), port), encoding="utf-8")
    (work / "nginx.conf").write_text(main_config(work), encoding="utf-8")
    command = [NGINX, "-p", str(work), "-c", str(work / "nginx.conf"), "-e", str(work / "error.log")]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True)
    if check.returncode != 0:
        raise NginxError(f"nginx -t refused the configuration:\n{check.stderr}")
    process = subprocess.Popen([*command, "-g", "daemon off;"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 15
        while True:
            if process.poll() is not None:
                raise NginxError(f"nginx exited ({process.returncode}): {(work / 'error.log').read_text(errors='replace')}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
            if time.monotonic() > deadline:
                raise NginxError("nginx did not start listening within 15 s")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
