"""scripts/build.py builds every language in parallel processes and merges the shared parts; the
result must be the very same site as `mkdocs build` (file list and every file's bytes)."""
import filecmp
import subprocess
import sys

from conftest import REPO, run_mkdocs_build


def files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_parallel_build_equals_mkdocs_build(request, tmp_path):
    """The session's site comes from scripts/build.py; `mkdocs build --strict` must give the same bytes."""
    serial = tmp_path / "serial"
    result = run_mkdocs_build(REPO, serial, compress=True)
    assert result.returncode == 0, result.stderr
    # The session's site only now: under pytest-xdist this serial build runs while another worker makes it.
    site = request.getfixturevalue("site")
    assert files(serial) == files(site)
    _, mismatch, errors = filecmp.cmpfiles(site, serial, files(site), shallow=False)
    assert not mismatch and not errors, mismatch[:10]


def test_one_language_build_for_editing(tmp_path):
    target = tmp_path / "one"
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "build.py"), "--lang", "ti", "--site-dir", str(target)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (target / "ti" / "vard" / "tolk" / "index.html").exists()
    assert (target / "ti" / "search" / "search_index.json").exists()
    assert not (target / "ar").exists() and not (target / "vard").exists()
    assert subprocess.run([sys.executable, str(REPO / "scripts" / "build.py"), "--lang", "xx", "--site-dir", str(target)],
                          capture_output=True).returncode == 2
