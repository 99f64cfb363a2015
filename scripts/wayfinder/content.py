"""The content tree as data: every Markdown file as (shared page path, language). No git, no parsing of bodies.

`content/vard/tolk.md` is the Swedish source of page `vard/tolk.md`; `content/vard/tolk.ar.md` its Arabic
translation. A suffix that is not a registered language code makes the file an *unknown-suffix* file,
reported by the checks rather than silently treated as a page."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .languages import Registry


@dataclass(frozen=True)
class PageFile:
    path: Path  # absolute path of the file
    page: str  # shared page path relative to content/, POSIX, always ending in ".md" (e.g. "vard/tolk.md")
    language: str  # language code (the source language for files without suffix)

    @property
    def url(self) -> str:
        """Site path of the page within its language, e.g. 'vard/tolk/' or '' for the home page."""
        return page_url(self.page)


@dataclass
class ContentTree:
    root: Path
    source_language: str
    pages: dict[str, dict[str, PageFile]] = field(default_factory=dict)  # page -> language -> file
    unknown_suffix: list[Path] = field(default_factory=list)  # e.g. tolk.ara.md, tolk.AR.md, tolk.ar.MD
    duplicates: list[tuple[Path, Path]] = field(default_factory=list)  # two files for one page and language

    def sources(self) -> list[PageFile]:
        return [files[self.source_language] for _, files in sorted(self.pages.items()) if self.source_language in files]

    def translations(self, code: str) -> list[PageFile]:
        return [files[code] for _, files in sorted(self.pages.items()) if code in files]

    def orphans(self) -> list[PageFile]:
        """Translations whose Swedish source page does not exist (deleted or renamed)."""
        return [
            file for _, files in sorted(self.pages.items()) if self.source_language not in files
            for file in files.values()
        ]


def page_url(page: str) -> str:
    path = PurePosixPath(page)
    stem = path.with_suffix("")
    if stem.name in ("index", "README"):
        parent = stem.parent.as_posix()
        return "" if parent == "." else parent + "/"
    return stem.as_posix() + "/"


def split_suffix(relative: PurePosixPath, codes: tuple[str, ...]) -> tuple[str, str | None] | None:
    """('vard/tolk.md', 'ar') for 'vard/tolk.ar.md'; ('vard/tolk.md', None) for the source file;
    None when the name has a suffix that is not a language code or the extension is not exactly '.md'."""
    name = relative.name
    if not name.endswith(".md"):
        return None
    stem = name[: -len(".md")]
    parent = relative.parent.as_posix()
    prefix = "" if parent == "." else parent + "/"
    if "." not in stem:
        return prefix + name, None
    base, suffix = stem.rsplit(".", 1)
    if suffix in codes:
        return f"{prefix}{base}.md", suffix
    return None


def scan(content_dir: Path, registry: Registry) -> ContentTree:
    tree = ContentTree(root=content_dir, source_language=registry.source.code)
    for path in sorted(content_dir.rglob("*")):
        if not path.is_file():
            continue
        relative = PurePosixPath(path.relative_to(content_dir).as_posix())
        if not relative.name.lower().endswith(".md"):
            continue  # assets (images, data) are not pages
        split = split_suffix(relative, registry.codes)
        if split is None:
            tree.unknown_suffix.append(path)
            continue
        page, code = split
        code = code or registry.source.code
        files = tree.pages.setdefault(page, {})
        if code in files:  # tolk.md and tolk.sv.md: keep the first, report both
            tree.duplicates.append((files[code].path, path))
            continue
        files[code] = PageFile(path=path, page=page, language=code)
    return tree
