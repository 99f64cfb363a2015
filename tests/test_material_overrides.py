"""Material's files that overrides/ replaces have not changed under us (issue 17): each override is listed in
scripts/wayfinder/material-overrides.yml with the hash of the Material file it was written against."""
import hashlib
from pathlib import Path

import material
import yaml
from importlib.metadata import version

from conftest import REPO

MANIFEST = yaml.safe_load((REPO / "scripts" / "wayfinder" / "material-overrides.yml").read_text(encoding="utf-8"))
MATERIAL = Path(material.__file__).parent / "templates"


def shadowing() -> list[str]:
    """Files in overrides/ with the same path as one of Material's templates or assets."""
    return sorted(path.relative_to(REPO / "overrides").as_posix() for path in (REPO / "overrides").rglob("*")
                  if path.is_file() and (MATERIAL / path.relative_to(REPO / "overrides")).is_file())


def test_the_installed_material_is_the_pinned_minor_version():
    assert version("mkdocs-material").startswith(MANIFEST["material"] + "."), (
        f"mkdocs-material {version('mkdocs-material')} is installed, the overrides were checked against "
        f"{MANIFEST['material']}.x — check every file of scripts/wayfinder/material-overrides.yml against it")


def test_every_file_that_replaces_one_of_materials_is_listed():
    unlisted = sorted(set(shadowing()) - set(MANIFEST["overrides"]))
    assert not unlisted, f"overrides/ replaces Material's {unlisted}: add them to scripts/wayfinder/material-overrides.yml"
    gone = sorted(set(MANIFEST["overrides"]) - set(shadowing()))
    assert not gone, f"scripts/wayfinder/material-overrides.yml lists {gone}, which no longer replace a Material file"


def test_materials_originals_are_the_ones_the_overrides_were_written_against():
    changed = []
    for name, entry in MANIFEST["overrides"].items():
        digest = hashlib.sha256((MATERIAL / name).read_bytes()).hexdigest()
        if digest != entry["sha256"]:
            changed.append(f"{name}: Material's file changed (sha256 {digest}); compare with "
                           f"`diff {MATERIAL / name} overrides/{name}`, carry the change over, then update the hash")
    assert not changed, "\n".join(changed)
