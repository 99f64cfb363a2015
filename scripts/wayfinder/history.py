"""Git history of the Swedish sources: the only module that runs git, a fixed number of calls per run.

With history we can tell which version of a source a translation follows (by content hash), how many
commits it is behind, which sections changed, and whether every change since was marked minor."""
from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .hashing import hash_text
from .sections import changed_sections


@dataclass(frozen=True)
class Version:
    commit: str
    subject: str
    blob: str  # git blob id of the file at that commit
    time: int = 0  # commit time (Unix seconds)


@dataclass(frozen=True)
class Verdict:
    changed_sections: tuple[str, ...]
    commits_behind: int
    minor_only: bool
    old_text: str
    since: dt.date | None = None  # when the source first changed after the followed version (today: uncommitted)


def _git(root: Path, *args: str, input: str | None = None) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True,
                          input=input, encoding="utf-8").stdout


class History:
    """Versions of every file under content/ (newest first), read with one `git log`."""

    def __init__(self, root: Path, versions: dict[str, list[Version]], shallow: bool, minor_keywords: tuple[str, ...],
                 boundary: frozenset[str] = frozenset()):
        self.root = root
        self.boundary = boundary  # a shallow clone's oldest commits: files "added" there may be older
        self.versions = versions
        self.shallow = shallow
        self.minor_keywords = tuple(k.lower() for k in minor_keywords)
        self._texts: dict[str, str] = {}

    @classmethod
    def load(cls, root: Path, minor_keywords: tuple[str, ...] = ()) -> "History | None":
        """None when `root` is not a git work tree (a copy, an archive): status then relies on hashes alone."""
        try:
            _git(root, "rev-parse", "--is-inside-work-tree")
            shallow = _git(root, "rev-parse", "--is-shallow-repository").strip() == "true"
            log = _git(root, "log", "--raw", "--relative", "--no-abbrev", "--no-renames", "--format=%x00%H%x00%ct%x00%s", "--", "content")
            boundary = frozenset()
            if shallow:
                shallow_file = Path(_git(root, "rev-parse", "--git-path", "shallow").strip())
                shallow_file = shallow_file if shallow_file.is_absolute() else root / shallow_file
                boundary = frozenset(shallow_file.read_text().split()) if shallow_file.exists() else frozenset()
        except (subprocess.CalledProcessError, FileNotFoundError):
            return None
        versions: dict[str, list[Version]] = {}
        commit = subject = ""
        time = 0
        for line in log.split("\n"):
            if line.startswith("\x00"):
                _, commit, time_text, subject = line.split("\x00", 3)
                time = int(time_text or 0)
            elif line.startswith(":"):
                meta, path = line.split("\t", 1)
                blob = meta.split()[3]
                if set(blob) != {"0"}:  # not a deletion
                    versions.setdefault(path, []).append(Version(commit, subject, blob, time))
        return cls(root, versions, shallow, minor_keywords, boundary)

    def added_on(self, path: str, today: dt.date | None = None) -> dt.date | None:
        """The date `path` was first committed; today for a file not committed yet (a new page being written);
        None when unknown (its oldest version is a shallow clone's boundary commit, which shows every file as new)."""
        versions = self.versions.get(path)
        if not versions:
            return today or dt.date.today()
        first = versions[-1]
        if self.shallow and (first.commit in self.boundary or not self.boundary):
            return None
        return dt.datetime.fromtimestamp(first.time, dt.timezone.utc).date()

    def _read_blobs(self, blobs: list[str]) -> None:
        wanted = [b for b in blobs if b not in self._texts]
        if not wanted:
            return
        out = subprocess.run(["git", "-C", str(self.root), "cat-file", "--batch"],
                             input=("\n".join(wanted) + "\n").encode(), capture_output=True, check=True).stdout
        position = 0
        for blob in wanted:
            header_end = out.index(b"\n", position)
            size = int(out[position:header_end].split()[2])
            self._texts[blob] = out[header_end + 1: header_end + 1 + size].decode("utf-8", errors="replace")
            position = header_end + 1 + size + 1

    def text_at(self, commit: str, path: str) -> str | None:
        """The file at `commit` (a recorded `source_commit`), or None when the commit is not in this clone."""
        try:
            return _git(self.root, "cat-file", "blob", f"{commit}:{path}")
        except (subprocess.CalledProcessError, FileNotFoundError):
            return None

    def is_minor(self, subject: str) -> bool:
        return any(keyword in subject.lower() for keyword in self.minor_keywords)

    def old_text(self, source_path: str, followed_hash: str) -> tuple[str, list[Version]] | None:
        """The source text whose hash the translation recorded, and the commits after it (newest first)."""
        versions = self.versions.get(source_path, [])
        self._read_blobs([v.blob for v in versions])
        for index, version in enumerate(versions):
            text = self._texts[version.blob]
            if hash_text(text, source_path) == followed_hash:
                return text, versions[:index]
        return None

    def explain(self, source_path: str, followed_hash: str, current_hash: str) -> Verdict | None:
        found = self.old_text(source_path, followed_hash)
        if found is None:
            return None  # the followed version is not in the (possibly shallow) history
        old_text, newer = found
        current_text = (self.root / source_path).read_text(encoding="utf-8")
        committed_head = bool(newer) and hash_text(self._texts[newer[0].blob], source_path) == current_hash
        # Uncommitted edits have no commit message, so they are never minor.
        minor_only = committed_head and all(self.is_minor(v.subject) for v in newer)
        since = dt.datetime.fromtimestamp(newer[-1].time, dt.timezone.utc).date() if newer else dt.date.today()
        return Verdict(tuple(changed_sections(old_text, current_text)), len(newer), minor_only, old_text, since)
