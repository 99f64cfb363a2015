"""The content tree as data: every Markdown file as (shared page path, language). No git, no parsing of bodies.

`content/vard/tolk.md` is the Swedish source of page `vard/tolk.md`; `content/vard/tolk.ar.md` its Arabic
translation. A suffix that is not a registered language code makes the file an *unknown-suffix* file,
reported by the checks rather than silently treated as a page."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import NamedTuple
from pathlib import Path, PurePosixPath

from .languages import Registry


class PageFile(NamedTuple):  # a tuple: cheap to make 100,000 of
    file: str  # absolute path of the file (a string: building 100,000 Path objects is slow)
    page: str  # shared page path relative to content/, POSIX, always ending in ".md" (e.g. "vard/tolk.md")
    language: str  # language code (the source language for files without suffix)

    @property
    def path(self) -> Path:
        return Path(self.file)

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
    other_files: list[str] = field(default_factory=list)  # not Markdown (recordings...), POSIX paths under content/

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


def split_suffix(relative: PurePosixPath | str, codes) -> tuple[str, str | None] | None:
    """('vard/tolk.md', 'ar') for 'vard/tolk.ar.md'; ('vard/tolk.md', None) for the source file;
    None when the name has a suffix that is not a language code or the extension is not exactly '.md'."""
    relative = str(relative)
    if not relative.endswith(".md"):
        return None
    head, _, name = relative.rpartition("/")
    prefix = head + "/" if head else ""
    stem = name[: -len(".md")]
    if "." not in stem:
        return prefix + name, None
    base, suffix = stem.rsplit(".", 1)
    if suffix in codes:
        return f"{prefix}{base}.md", suffix
    return None


def scan(content_dir: Path, registry: Registry) -> ContentTree:
    """One walk of content/ with plain string operations: it must stay fast for 100,000 files."""
    tree = ContentTree(root=content_dir, source_language=registry.source.code)
    codes = frozenset(registry.codes)
    found: list[tuple[str, str]] = []
    stack = [(str(content_dir), "")]
    while stack:  # os.scandir: one system call per directory, no per-file stat
        directory, prefix = stack.pop()
        with os.scandir(directory) as entries:
            for entry in entries:
                if entry.is_dir():
                    stack.append((entry.path, prefix + entry.name + "/"))
                elif entry.name.lower().endswith(".md"):
                    found.append((prefix + entry.name, entry.path))
                else:
                    tree.other_files.append(prefix + entry.name)
    found.sort()
    tree.other_files.sort()
    for relative, absolute in found:
        split = split_suffix(relative, codes)
        if split is None:
            tree.unknown_suffix.append(Path(absolute))
            continue
        page, code = split
        code = code or tree.source_language
        files = tree.pages.setdefault(page, {})
        if code in files:  # tolk.md and tolk.sv.md: keep the first, report both
            tree.duplicates.append((files[code].path, Path(absolute)))
            continue
        files[code] = PageFile(absolute, page, code)
    return tree
