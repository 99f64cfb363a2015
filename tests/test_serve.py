"""scripts/serve.py (issue 17): a saved translation or Swedish page is served again without a restart, a
content error is reported in the terminal and the server keeps serving.

The server runs on a small copy of the project (Swedish, English, Arabic; the interpreter page and the
pages it links to). Deadlines below bound a failure; they are not timing claims (bench.py --serve
prints the figures)."""
import re
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from conftest import REPO, small_project

KEEP = ("sv", "en", "ar")  # the source, a left-to-right and a right-to-left language
DEADLINE = 60  # seconds: a bound for a failing test, not a timing claim


def serve_project(destination: Path) -> Path:
    small_project(destination, languages=KEEP[1:])
    (destination / "content" / "vard" / "tolk.en.md").unlink()  # English shows the Swedish page as its fallback copy
    return destination


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=DEADLINE) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(condition, deadline: float, what: str, server=None, log: Path | None = None):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        if server is not None and server.poll() is not None:
            pytest.fail(f"serve.py exited ({server.returncode}) while waiting for {what}:\n{log.read_text()[-3000:]}")
        time.sleep(0.1)
    pytest.fail(f"{what} not seen within {deadline} s" + (f"\n{log.read_text()[-3000:]}" if log else ""))


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    project = serve_project(tmp_path_factory.mktemp("serve") / "project")
    log = project.parent / "serve.log"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with log.open("w") as output:
        server = subprocess.Popen([sys.executable, str(REPO / "scripts" / "serve.py"), "--config-file",
                                   str(project / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=project, stdout=output, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        # Start-up is a whole build of three languages: a generous bound on a loaded machine.
        wait_for(lambda: fetch(base + "ar/vard/tolk/"), 600, "the Arabic page", server, log)
        yield project, base, server, log
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def edit(path: Path, addition: str) -> str:
    original = path.read_text(encoding="utf-8")
    path.write_text(original.rstrip("\n") + f"\n\n{addition}\n", encoding="utf-8")
    return original


def test_a_saved_translation_is_served(served):
    project, base, server, log = served
    path = project / "content" / "vard" / "tolk.ar.md"
    marker = f"serve-{uuid.uuid4().hex[:10]}"
    original = edit(path, marker)
    try:
        wait_for(lambda: marker in (fetch(base + "ar/vard/tolk/") or ""), DEADLINE, marker, server, log)
        assert "livereload" in fetch(base + "ar/vard/tolk/"), "MkDocs' reload script is injected"
    finally:
        path.write_text(original, encoding="utf-8")
    wait_for(lambda: marker not in (fetch(base + "ar/vard/tolk/") or marker), DEADLINE, "the restored page", server, log)


def test_a_saved_swedish_page_is_served_in_every_language_that_shows_it(served):
    project, base, server, log = served
    path = project / "content" / "vard" / "tolk.md"
    marker = f"serve-{uuid.uuid4().hex[:10]}"
    original = edit(path, marker)
    try:
        wait_for(lambda: marker in (fetch(base + "vard/tolk/") or ""), DEADLINE, "the Swedish page", server, log)
        wait_for(lambda: marker in (fetch(base + "en/vard/tolk/") or ""), DEADLINE, "the English fallback copy",
                 server, log)
        # The Arabic translation is not the Swedish text, but it now follows an older Swedish version.
        arabic = fetch(base + "ar/vard/tolk/")
        assert marker not in arabic and "wf-notice--outdated" in arabic
    finally:
        path.write_text(original, encoding="utf-8")
    wait_for(lambda: marker not in (fetch(base + "vard/tolk/") or marker), DEADLINE, "the restored page", server, log)
    assert "wf-notice--outdated" not in fetch(base + "ar/vard/tolk/")


def test_a_content_error_is_reported_and_the_server_keeps_serving(served):
    project, base, server, log = served
    path = project / "content" / "vard" / "tolk.ar.md"
    before = log.read_text()
    original = edit(path, "{{fact:no.such.fact}}")
    try:
        finding = re.compile(r"content/vard/tolk\.ar\.md:\d+: error: .*no\.such\.fact")
        wait_for(lambda: finding.search(log.read_text()[len(before):]), DEADLINE, "the error in the terminal",
                 server, log)
        page = fetch(base + "ar/vard/tolk/")
        assert page is not None and "no.such.fact" not in page, "the last good page stays served"
    finally:
        path.write_text(original, encoding="utf-8")
    marker = f"serve-{uuid.uuid4().hex[:10]}"
    original = edit(path, marker)  # still serving: the next save is shown
    try:
        wait_for(lambda: marker in (fetch(base + "ar/vard/tolk/") or ""), DEADLINE, marker, server, log)
    finally:
        path.write_text(original, encoding="utf-8")
    assert server.poll() is None
    assert "Traceback" not in log.read_text()


def test_a_configuration_change_builds_everything_again_and_saves_still_show(served):
    project, base, server, log = served
    config = project / "mkdocs.yml"
    original = config.read_text(encoding="utf-8")
    before = len(log.read_text())
    config.write_text(original + "\n# touched by test_serve\n", encoding="utf-8")
    try:
        wait_for(lambda: "building every language again" in log.read_text()[before:], DEADLINE, "a full rebuild",
                 server, log)
        wait_for(lambda: re.search(r"built \d+ languages", log.read_text()[before:]), 600, "the end of the rebuild",
                 server, log)
    finally:
        config.write_text(original, encoding="utf-8")
    path = project / "content" / "vard" / "tolk.ar.md"
    marker = f"serve-{uuid.uuid4().hex[:10]}"
    page_text = edit(path, marker)
    try:
        wait_for(lambda: marker in (fetch(base + "ar/vard/tolk/") or ""), 600, marker, server, log)
    finally:
        path.write_text(page_text, encoding="utf-8")


def test_compiled_templates_are_reused_by_the_next_build_and_an_edited_template_compiles_again():
    """Each language's build (and each save under serve.py) makes a new Jinja environment; the plugin's
    CompiledTemplates hands it the templates compiled before, unless a template's source changed."""
    from jinja2 import DictLoader, Environment

    from wayfinder.mkdocs_plugin import CompiledTemplates

    cache, sources = CompiledTemplates(), {"main.html": "<p>{{ 1 + 1 }}</p>"}

    def build() -> tuple[str, int]:
        environment = Environment(loader=DictLoader(sources), bytecode_cache=cache)
        compiled, compile_source = [], environment.compile
        environment.compile = lambda *args, **kwargs: compiled.append(args[1]) or compile_source(*args, **kwargs)
        return environment.get_template("main.html").render(), len(compiled)

    assert build() == ("<p>2</p>", 1)
    assert build() == ("<p>2</p>", 0)  # a new environment, the template not compiled again
    sources["main.html"] = "<p>{{ 2 + 2 }}</p>"  # an editor saves the template
    assert build() == ("<p>4</p>", 1)
