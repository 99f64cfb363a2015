"""Listen: recorded readings of pages, and what the Listen control needs to know about a page.

A recording lives next to the page it reads, named like the page with the audio extension:

  content/vard/tolk.ti.md             the Tigrinya page
  content/vard/tolk.ti.opus           its recording (Opus; or tolk.ti.mp3, never both)
  content/vard/tolk.ti.chapters.vtt   chapter marks: one WebVTT cue per heading, the cue text is the heading

The Swedish source has no suffix (tolk.opus, tolk.chapters.vtt), like its Markdown file. The build copies
the recording next to the built page as `recording.opus` (or .mp3) and writes the chapters into the page,
so the player follows the headings and the offline copy carries the file. These are the only files other
than Markdown pages that may be under content/ (see CONTRIBUTING.md, "Recordings (Listen)")."""
from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .content import ContentTree
from .languages import Registry
from .schema import Finding

AUDIO_EXTENSIONS = ("opus", "mp3")
CHAPTERS_SUFFIX = ".chapters.vtt"
RECORDING_NAME = "recording"  # the built file: <page folder>/recording.<ext>
# What the control adds to every content page, and its budget on the wire (gzip), issue 18.
LISTEN_ASSETS = ("assets/javascripts/wayfinder-listen.js", "assets/stylesheets/wayfinder-listen.css")
LISTEN_BUDGET = 10 * 1024
LARGE_RECORDING = 8 * 1024 * 1024  # a reader on a weak mobile connection: warn above this
# The control as overrides/partials/listen.html writes it, up to its script tag (for copies of a page's
# article that are not the page, such as handouts).
_CONTROL = re.compile(r'<div class="wf-listen".*?wayfinder-listen\.js" defer></script>', re.S)
_TIMING = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?\s+-->\s+(?:(?:\d+:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)")


@dataclass(frozen=True)
class Chapter:
    start: float  # seconds
    title: str  # the heading's text
    line: int


@dataclass
class Recording:
    page: str  # shared page path, "vard/tolk.md"
    language: str
    audio: Path
    chapters_file: Path | None = None
    chapters: list[Chapter] = field(default_factory=list)

    @property
    def extension(self) -> str:
        return self.audio.suffix.lstrip(".")

    @property
    def built_name(self) -> str:
        return f"{RECORDING_NAME}.{self.extension}"


def classify(relative: str, codes) -> tuple[str, str, str] | None:
    """('vard/tolk.md', 'ti', 'audio'|'chapters') for a file of the recording convention, else None.
    `relative` is a POSIX path under content/; the source language has no suffix."""
    head, _, name = relative.rpartition("/")
    prefix = head + "/" if head else ""
    if name.endswith(CHAPTERS_SUFFIX):
        stem, kind = name[: -len(CHAPTERS_SUFFIX)], "chapters"
    else:
        stem, dot, extension = name.rpartition(".")
        if not dot or extension not in AUDIO_EXTENSIONS:
            return None
        kind = "audio"
    base, dot, suffix = stem.rpartition(".")
    if dot and suffix in codes:
        return f"{prefix}{base}.md", suffix, kind
    if "." in stem or not stem:
        return None
    return f"{prefix}{stem}.md", "", kind


def non_markdown_files(content_dir: Path) -> list[str]:
    """Every file under content/ that is not a Markdown page, as POSIX paths relative to content/."""
    found = []
    for directory, _, names in os.walk(content_dir):
        for name in names:
            if not name.lower().endswith(".md"):
                found.append((Path(directory) / name).relative_to(content_dir).as_posix())
    return sorted(found)


def parse_chapters(path: Path) -> list[Chapter]:
    """The cues of a WebVTT chapters file; ValueError('line N: ...') when it is not one."""
    text = path.read_text(encoding="utf-8-sig")
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or not lines[0].startswith("WEBVTT"):
        raise ValueError("line 1: a chapters file starts with the line WEBVTT")
    chapters, index = [], 1
    while index < len(lines):
        line = lines[index].strip()
        match = _TIMING.match(line)
        if match:
            hours, minutes, seconds, fraction = match.groups()
            start = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + (int((fraction or "0").ljust(3, "0")) / 1000)
            title_lines = []
            index += 1
            while index < len(lines) and lines[index].strip():
                title_lines.append(lines[index].strip())
                index += 1
            if not title_lines:
                raise ValueError(f"line {index}: a cue without text — write the heading the chapter starts at")
            chapters.append(Chapter(start, " ".join(title_lines), index - len(title_lines) + 1))
            continue
        if "-->" in line:
            raise ValueError(f"line {index + 1}: '{line}' is not a cue timing like 00:01:05.000 --> 00:02:00.000")
        index += 1
    if not chapters:
        raise ValueError("line 1: no cues — add one cue per heading (see CONTRIBUTING.md, Recordings)")
    for before, after in zip(chapters, chapters[1:]):
        if after.start < before.start:
            raise ValueError(f"line {after.line}: chapters must be in the order of the recording")
    return chapters


def find_recordings(content_dir: Path, registry: Registry, files: list[str] | None = None
                    ) -> tuple[dict[tuple[str, str], Recording], list[str], list[str]]:
    """Recordings by (page, language code), the files under content/ that are neither pages nor part of a
    recording, and the chapters files without their audio. `files`: the non-Markdown files when the caller
    has them already (ContentTree.other_files), so content/ is walked once."""
    codes = set(registry.codes)
    source = registry.source.code
    recordings: dict[tuple[str, str], Recording] = {}
    chapters: dict[tuple[str, str], Path] = {}
    others: list[str] = []
    duplicates: list[str] = []
    for relative in non_markdown_files(content_dir) if files is None else files:
        if relative.rpartition("/")[2].startswith("."):
            continue  # .DS_Store and the like: MkDocs never publishes dotfiles (exclude_docs)
        kind = classify(relative, codes)
        if kind is None:
            others.append(relative)
            continue
        page, code, what = kind
        key = (page, code or source)
        if what == "chapters":
            chapters[key] = content_dir / relative
        elif key in recordings:
            duplicates.append(relative)
        else:
            recordings[key] = Recording(page, key[1], content_dir / relative)
    for key, path in chapters.items():
        if key in recordings:
            recordings[key].chapters_file = path
    lonely = [path.relative_to(content_dir).as_posix() for key, path in chapters.items() if key not in recordings]
    return recordings, others + duplicates, lonely


def check_recordings(root: Path, tree: ContentTree, registry: Registry) -> list[Finding]:
    """Findings for files under content/ that are not Markdown: only the recording convention is accepted."""
    content_dir = tree.root
    recordings, others, lonely = find_recordings(content_dir, registry, tree.other_files)
    findings = []

    def rel(path: Path | str) -> str:
        return (content_dir / path).relative_to(root).as_posix() if isinstance(path, str) else path.relative_to(root).as_posix()

    for relative in others:
        kind = classify(relative, set(registry.codes))
        if kind is not None:  # a second audio file for the same page and language
            findings.append(Finding("listen.duplicate", rel(relative), 1, "error", "a second recording of the same page and language — keep one "
                                    "(Opus or MP3)"))
            continue
        findings.append(Finding("file.not-allowed", rel(relative), 1, "error", "only Markdown pages and recordings may be under content/ — a "
                                "recording is named like its page: tolk.ar.opus or tolk.ar.mp3 with tolk.ar.chapters.vtt "
                                "(see CONTRIBUTING.md, 'Recordings (Listen)'); move or rename this file"))
    for relative in lonely:
        findings.append(Finding("listen.orphan-chapters", rel(relative), 1, "error", "chapters without a recording — add the recording "
                                f"({relative[: -len(CHAPTERS_SUFFIX)]}.opus or .mp3) or delete this file"))
    from .checks import anchors  # the headings' ids as the site makes them
    from .frontmatter import FrontMatterError, split
    from .checks import _slugify

    slug = _slugify()
    for (page, code), recording in sorted(recordings.items()):
        page_file = tree.pages.get(page, {}).get(code)
        where = rel(recording.audio)
        if page_file is None:
            expected = page if code == registry.source.code else f"{page[:-3]}.{code}.md"
            findings.append(Finding("listen.orphan-recording", where, 1, "error", f"a recording without its page (content/{expected} does not exist) — "
                                    "name the recording after the page it reads"))
            continue
        size = recording.audio.stat().st_size
        if size == 0:
            findings.append(Finding("listen.empty", where, 1, "error", "the recording is empty — export it again"))
        elif size > LARGE_RECORDING:
            findings.append(Finding("listen.large", where, 1, "warning", f"the recording is {size // (1024 * 1024)} MB — readers on a weak "
                                    "mobile connection wait long: export mono speech Opus at 24 kbit/s (see CONTRIBUTING.md)"))
        if recording.chapters_file is None:
            findings.append(Finding("listen.no-chapters", where, 1, "warning", "no chapters file — add "
                                    f"{recording.audio.name.rsplit('.', 1)[0]}.chapters.vtt so the player follows the headings"))
            continue
        chapters_rel = rel(recording.chapters_file)
        try:
            recording.chapters = parse_chapters(recording.chapters_file)
        except (ValueError, UnicodeDecodeError) as error:
            line, _, message = str(error).partition(": ")
            number = int(line.split()[-1]) if line.startswith("line ") else 1
            findings.append(Finding("listen.chapters-syntax", chapters_rel, number, "error", message or str(error)))
            continue
        try:
            body = split(Path(page_file.file).read_text(encoding="utf-8"), page_file.file).body
        except (FrontMatterError, UnicodeDecodeError):
            continue  # the page's own checks report it
        ids = anchors(body)
        for chapter in recording.chapters:
            if slug(chapter.title, "-") not in ids:
                findings.append(Finding("listen.unknown-heading", chapters_rel, chapter.line, "error", f"'{chapter.title}' is not a heading of "
                                        f"{Path(page_file.file).name} — write the heading exactly as on the page"))
    return findings


def recordings_for_build(tree: ContentTree, registry: Registry) -> dict[tuple[str, str], Recording]:
    """The recordings the build publishes, chapters read (the checks have run: bad chapters stop the build)."""
    recordings, _, _ = find_recordings(tree.root, registry, tree.other_files)
    for recording in recordings.values():
        if recording.chapters_file is not None:
            try:
                recording.chapters = parse_chapters(recording.chapters_file)
            except (ValueError, UnicodeDecodeError):
                recording.chapters = []
    return recordings


def strip_control(html: str) -> str:
    return _CONTROL.sub("", html)


def is_recording_file(relative: str, codes) -> bool:
    return classify(relative, codes) is not None


def pages_with_audio(tree: ContentTree, registry: Registry) -> dict[str, list[str]]:
    """Per language code, the pages (shared paths) that have a recording in that language; a recording whose
    page does not exist in that language is not counted (the checks report it)."""
    recordings, _, _ = find_recordings(tree.root, registry, tree.other_files)
    out: dict[str, list[str]] = {language.code: [] for language in registry}
    for page, code in sorted(recordings):
        files = tree.pages.get(page, {})
        if code in out and code in files and tree.source_language in files:
            out[code].append(page)
    return out


def page_context(recording: Recording | None, page_headings: list[tuple[str, str]]) -> dict | None:
    """What the template writes for a recording: its built file name and chapters as (seconds, heading id).
    `page_headings` are the built page's (id, text) pairs; chapters are matched to them by heading id."""
    if recording is None:
        return None
    from .checks import _slugify

    slug = _slugify()
    ids = {anchor for anchor, _ in page_headings}
    chapters = [{"start": round(c.start, 3), "id": slug(c.title, "-")} for c in recording.chapters]
    return {"src": recording.built_name, "type": "audio/ogg; codecs=opus" if recording.extension == "opus" else "audio/mpeg",
            "chapters": [c for c in chapters if c["id"] in ids]}


def publish(recording: Recording, page_dest: Path) -> Path:
    """Copy the recording next to the built page (`page_dest` is its index.html)."""
    target = page_dest.parent / recording.built_name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(recording.audio, target)
    return target
