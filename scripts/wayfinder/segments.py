"""Segments: the unit of translation and review (MediaWiki Translate's "translation units").

A page is cut into segments: the title and description, lesson goals and materials (front matter), and in
the body every heading, paragraph, list item, table cell and admonition title. The body is parsed with
markdown-it-py (CommonMark + tables), whose line maps say where each block is; admonitions (`!!! type
"title"` + an indented body, Python-Markdown syntax that CommonMark does not know) are cut out first and
their bodies parsed the same way, except a `keep-swedish` box's body, which is not translated.

A segment is identified by a hash of its Swedish text. A translation keeps the source's block structure,
so source and translation segments align one to one by position and kind (heading level, list item,
paragraph, ...); where they do not, `align` says where and nothing is guessed.

Facts placeholders `{{fact:id}}`, numbers, links, URLs, code, HTML and emphasis markers are *codes*: opaque
tokens a translator moves but never changes (see `mark`).

Per-segment review states live in a sidecar file per translation, `l10n/segments/<lang>/<page>.yml`, one
`hash: state  # Swedish text` line per segment (see `read_states` / `render_states`)."""
from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

from .frontmatter import FrontMatterError, split
from .lix import word_count
from .parity import NUMBER, is_kept_swedish

STATES = ("machine", "translated", "reviewed")  # stored; "outdated" and "missing" are derived
ALL_STATES = ("missing", "machine", "outdated", "translated", "reviewed")
HASH_LENGTH = 12
SIDECAR_DIR = Path("l10n") / "segments"

_ADMONITION = re.compile(r'^(?P<indent>[ \t]*)(?P<marker>!!!|\?\?\?\+?)[ \t]+(?P<type>[\w-]+)(?P<classes>(?:[ \t]+[\w-]+)*)'
                         r'(?:[ \t]+"(?P<title>[^"]*)")?[ \t]*$')
_FENCE = re.compile(r"^[ \t]*(```+|~~~+)")
_PARSER = MarkdownIt("commonmark", {"html": True}).enable("table")
_PARSER.core.ruler.disable(["inline", "text_join"])  # blocks and their raw inline text are all we need


class SegmentError(ValueError):
    """A file whose segments cannot be read or written; the message is `path:line: what — what to do`."""


@dataclass(frozen=True)
class Segment:
    kind: str  # "meta.title", "meta.description", "meta.lesson.goals", "h1".."h6", "p", "li", "td", "th", "admonition", ...
    text: str  # the Markdown as written (a paragraph's lines joined by "\n", indentation removed)
    line: int  # 1-based line in the file
    # Where the text sits, for writing a new text back: ("lines", first, last, prefix, continuation, suffix)
    # with 0-based file line indexes (last inclusive), or ("cell", line, start, end) or ("meta", line, indent, key).
    place: tuple = ()
    id: str = ""  # hash of the Swedish text (+ "~N" for the N-th repeat of the same text on a page)

    @cached_property
    def words(self) -> int:
        return word_count(unmarked_plain(self.text))


def text_hash(text: str) -> str:
    normal = re.sub(r"\s+", " ", text).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --- reading segments --------------------------------------------------------------------------------

def _meta_segments(text: str, meta: dict) -> list[Segment]:
    lines = text.split("\n")
    segments = []
    top = {}
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip("\r") in ("---", "..."):
            break
        match = re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if match:
            top.setdefault(match.group(1), index)
    for key in ("title", "description"):
        if isinstance(meta.get(key), str) and key in top:
            segments.append(Segment(f"meta.{key}", meta[key], top[key] + 1, ("meta", top[key], "", key)))
    lesson = meta.get("lesson")
    if isinstance(lesson, dict) and "lesson" in top:
        for key in ("goals", "materials"):
            items = lesson.get(key)
            if not isinstance(items, list):
                continue
            # the `  key:` line under `lesson:`, then its `    - item` lines, in order
            start = next((i for i in range(top["lesson"] + 1, len(lines))
                          if re.match(rf"^[ \t]+{key}\s*:\s*$", lines[i])), None)
            if start is None:
                continue
            item_lines = []
            for i in range(start + 1, len(lines)):
                match = re.match(r"^([ \t]+)- ", lines[i])
                if match:
                    item_lines.append((i, match.group(1)))
                elif lines[i].strip() and not lines[i].startswith(" " * (len(lines[start]) - len(lines[start].lstrip()) + 2)):
                    break
            for item, (i, indent) in zip(items, item_lines):
                if isinstance(item, str):
                    segments.append(Segment(f"meta.lesson.{key}", item, i + 1, ("meta", i, indent, None)))
    return segments


def _find(line: str, content: str, start: int = 0) -> int:
    position = line.find(content, start)
    return position if position >= 0 else len(line) - len(line.lstrip())


def _cell_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each cell's text in a table row: split at pipes that are not escaped or in code."""
    pipes, in_code, index = [], False, 0
    while index < len(line):
        char = line[index]
        if char == "\\":
            index += 2
            continue
        if char == "`":
            in_code = not in_code
        elif char == "|" and not in_code:
            pipes.append(index)
        index += 1
    bounds = [-1] + pipes + [len(line)]
    spans = []
    for left, right in zip(bounds, bounds[1:]):
        cell = line[left + 1:right]
        if left == -1 and not cell.strip() or right == len(line) and not cell.strip():
            continue  # outside the leading / trailing pipe
        start = left + 1 + (len(cell) - len(cell.lstrip()))
        spans.append((start, max(start, left + 1 + len(cell.rstrip()))))
    return spans


def _markdown_segments(lines: list[str], first: int, file_lines: list[str], context: str) -> list[Segment]:
    """Segments of the CommonMark text `lines` (which start at file line index `first`)."""
    segments: list[Segment] = []
    tokens = _PARSER.parse("\n".join(lines))
    stack: list[str] = []
    item_paragraphs: list[int] = []
    row_line, row_cursor, cell_index = None, 0, -1
    for token in tokens:
        if token.nesting == 1:
            stack.append(token.tag)
            if token.type == "list_item_open":
                item_paragraphs.append(0)
            if token.type == "tr_open":
                row_line, row_cursor = first + token.map[0], 0
        elif token.nesting == -1:
            stack.pop()
            if token.type == "list_item_close":
                item_paragraphs.pop()
        if token.type in ("th_open", "td_open"):
            cell_index = row_cursor
        if token.type in ("th_close", "td_close") and row_cursor == cell_index:
            row_cursor += 1  # an empty cell: no inline token, but it takes its place in the row
        if token.type != "inline" or not token.content.strip():
            continue
        parent = stack[-1] if stack else "p"
        if parent in ("th", "td"):
            spans = _cell_spans(file_lines[row_line])
            if row_cursor >= len(spans):
                raise SegmentError(f"{row_line + 1}: a table row with fewer cells than its header — give every row the same cells")
            start, end = spans[row_cursor]
            row_cursor += 1
            segments.append(Segment(context + parent, file_lines[row_line][start:end], row_line + 1, ("cell", row_line, start, end)))
            continue
        kind = parent
        if parent == "p" and "li" in stack:
            item_paragraphs[-1] += 1
            kind = "li" if item_paragraphs[-1] == 1 else "li>p"
        if "blockquote" in stack:
            kind = "blockquote>" + kind
        start, end = first + token.map[0], first + token.map[1] - 1
        content_lines = token.content.split("\n")
        # A setext heading's underline is not content: the text ends on the line before it.
        end = min(end, start + len(content_lines) - 1)
        head = file_lines[start]
        at = _find(head, content_lines[0])
        prefix = head[:at]
        last = file_lines[end]
        last_at = _find(last, content_lines[-1]) if end != start else at
        suffix = last[last_at + len(content_lines[-1]):] if last.find(content_lines[-1], last_at if end != start else at) >= 0 else ""
        if end > start:
            second = file_lines[start + 1]
            continuation = second[:_find(second, content_lines[1])]
        else:
            continuation = re.sub(r"[^\s>]", " ", prefix)
        segments.append(Segment(context + kind, token.content, start + 1, ("lines", start, end, prefix, continuation, suffix)))
    return segments


def _body_segments(lines: list[str], first: int, file_lines: list[str], context: str = "") -> list[Segment]:
    segments: list[Segment] = []
    plain: list[str] = []
    plain_first = first
    index = 0
    fence = None
    while index < len(lines):
        line = lines[index]
        fence_match = _FENCE.match(line)
        if fence_match and (fence is None or fence_match.group(1)[0] == fence[0]):
            fence = None if fence else fence_match.group(1)
        match = None if fence else _ADMONITION.match(line)
        if match is None or match.group("indent"):
            plain.append(line)
            index += 1
            continue
        segments += _markdown_segments(plain, plain_first, file_lines, context)
        title = match.group("title")
        kind = match.group("type").lower()
        if title:
            at = line.index('"' + title + '"') + 1
            segments.append(Segment(f"{context}admonition-title:{kind}", title, first + index + 1,
                                    ("cell", first + index, at, at + len(title))))
        # the box's body: the following blank or indented lines, parsed as Markdown of their own
        body_first = index + 1
        end = body_first
        while end < len(lines) and (not lines[end].strip() or lines[end].startswith(("    ", "\t"))):
            end += 1
        while end > body_first and not lines[end - 1].strip():
            end -= 1
        inner = [l[4:] if l.startswith("    ") else l[1:] if l.startswith("\t") else l for l in lines[body_first:end]]
        if not is_kept_swedish(line):
            segments += _body_segments(inner, first + body_first, file_lines, f"{context}{kind}>")
        # else: a kept-Swedish box (the interpreter language card) is shown to staff as the Swedish page has
        # it, so there is nothing to translate; a translation may add a line in its own language to the
        # box, which the page's review covers (only the box title is a segment).
        index = end
        plain, plain_first = [], first + end
    segments += _markdown_segments(plain, plain_first, file_lines, context)
    return segments


def extract(text: str, path: Path | str = "<text>") -> list[Segment]:
    """Every segment of a page (source or translation), in reading order, with ids from its own text."""
    return list(_extract(text, str(path)))


@lru_cache(maxsize=4096)
def _extract(text: str, path: str) -> tuple[Segment, ...]:
    # Cached: an export or a status reads each Swedish page once per language (segments are immutable).
    try:
        document = split(text, path)
    except FrontMatterError as error:
        raise SegmentError(str(error)) from None
    file_lines = text.split("\n")
    segments = _meta_segments(text, document.meta)
    body_first = document.body_line - 1
    try:
        segments += _body_segments(file_lines[body_first:], body_first, file_lines)
    except SegmentError as error:
        raise SegmentError(f"{path}:{error}") from None
    seen: dict[str, int] = {}
    numbered = []
    for segment in segments:
        digest = text_hash(segment.text)
        seen[digest] = seen.get(digest, 0) + 1
        numbered.append(dataclasses.replace(segment, id=digest if seen[digest] == 1 else f"{digest}~{seen[digest]}"))
    return tuple(numbered)


@dataclass
class Pair:
    source: Segment
    target: Segment | None  # None: the page is not translated


class AlignmentError(SegmentError):
    pass


def align(source: list[Segment], target: list[Segment] | None, target_path: str, source_path: str) -> list[Pair]:
    """Source and translation segments side by side, by position; an error where the structure differs."""
    if target is None:
        return [Pair(s, None) for s in source]
    for index, (s, t) in enumerate(zip(source, target)):
        if s.kind != t.kind:
            raise AlignmentError(
                f"{target_path}:{t.line}: segment {index + 1} is a {describe(t.kind)} here but a {describe(s.kind)} in "
                f"{source_path}:{s.line} — segments cannot be aligned; give the translation the same blocks as the "
                "Swedish page (headings, paragraphs, list items, boxes) in the same order")
    if len(source) != len(target):
        extra = target[len(source)] if len(target) > len(source) else None
        line = extra.line if extra else (target[-1].line if target else 1)
        where = ("the translation has more blocks from here on" if extra else
                 f"the Swedish page continues at {source_path}:{source[len(target)].line} ({describe(source[len(target)].kind)})")
        raise AlignmentError(f"{target_path}:{line}: {len(target)} segments here, {len(source)} in {source_path} ({where}) — "
                             "segments cannot be aligned; give the translation the same blocks as the Swedish page")
    return [Pair(s, t) for s, t in zip(source, target)]


def describe(kind: str) -> str:
    last = kind.rsplit(">", 1)[-1]
    names = {"p": "paragraph", "li": "list item", "li>p": "list item paragraph", "td": "table cell", "th": "table header",
             "meta.title": "title", "meta.description": "description", "meta.lesson.goals": "lesson goal",
             "meta.lesson.materials": "lesson material"}
    if last.startswith("h") and last[1:].isdigit():
        return f"level-{last[1:]} heading" + (f" (in a {kind.rsplit('>', 1)[0]} box)" if ">" in kind else "")
    if last.startswith("admonition-title:"):
        return f"'!!! {last.split(':', 1)[1]}' box title"
    name = names.get(kind) or names.get(last, last)
    return name + (f" (in a {kind.rsplit('>', 1)[0]} box)" if ">" in kind and kind not in names else "")


# --- writing segments back ------------------------------------------------------------------------------

def _yaml_scalar(value: str) -> str:
    rendered = yaml.safe_dump(value, allow_unicode=True, width=10 ** 9, default_flow_style=True)
    rendered = rendered.rstrip("\n")
    if rendered.endswith("\n..."):
        rendered = rendered[: -len("\n...")]
    if "\n" in rendered:
        rendered = yaml.safe_dump(value, allow_unicode=True, width=10 ** 9, default_style='"').rstrip("\n")
    return rendered


def replace(text: str, changes: dict[int, str], segments: list[Segment]) -> str:
    """`text` with the segments at the given positions replaced by new texts; every other byte stays."""
    lines = text.split("\n")
    # Bottom-up, right to left, so earlier places stay valid while later ones change.
    order = sorted(changes, key=lambda i: (segments[i].place[1], segments[i].place[2] if segments[i].place[0] == "cell" else 0),
                   reverse=True)
    for index in order:
        segment, new = segments[index], changes[index]
        place = segment.place
        if place[0] == "meta":
            _, line, indent, key = place
            single = " ".join(new.split())
            lines[line] = f"{key}: {_yaml_scalar(single)}" if key else f"{indent}- {_yaml_scalar(single)}"
        elif place[0] == "cell":
            _, line, start, end = place
            value = " ".join(new.split())
            if segment.kind.rsplit(">", 1)[-1] in ("td", "th"):
                value = re.sub(r"(?<!\\)\|", r"\\|", value)
            else:
                value = value.replace('"', "”")  # an admonition title is written inside double quotes
            lines[line] = lines[line][:start] + value + lines[line][end:]
        else:
            _, first, last, prefix, continuation, suffix = place
            new_lines = [l.strip() for l in new.strip().split("\n")] or [""]
            block = [prefix + new_lines[0]] + [continuation + l for l in new_lines[1:]]
            block[-1] += suffix
            lines[first:last + 1] = block
    return "\n".join(lines)


# --- codes: what a translator must not change ------------------------------------------------------------

_CODE = re.compile(
    r"(?P<fact>\{\{fact:[a-z0-9][a-z0-9_.-]*\}\})"
    r"|(?P<code>(`+)[^`].*?\3)"
    r"|(?P<image>!\[)"
    r"|(?P<link_close>\]\((?:<[^>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+\"[^\"]*\")?\))"
    r"|(?P<link_open>\[)(?=[^\[\]]*\]\()"
    r"|(?P<autolink><(?:https?://|mailto:)[^>\s]+>)"
    r"|(?P<url>\b(?:https?://|www\.)[^\s<>\]]*[^\s<>\].,;:!?)»”'\"])"
    r"|(?P<html></?[A-Za-z][^<>]*>|<!--.*?-->)"
    r"|(?P<attr>\{:?[ \t]*[#.][^{}]*\}|\{:[^{}]*\})"
    r"|(?P<strong>\*\*|__(?=\S)|(?<=\S)__)"
    r"|(?P<em>(?<![\w*\\])\*(?=[^\s*])|(?<=[^\s*\\])\*(?![\w*]))"
    r"|(?P<number>" + NUMBER.pattern + r")"
    r"|(?P<brace>[{}])",
    re.S,
)
# Codes that must appear in a translation exactly as often as in the source (a missing one changes meaning).
REQUIRED = ("fact", "number", "link_close", "url", "autolink", "code")
MARKER = re.compile(r"\{(\d+)\}")


@dataclass
class Marked:
    """A segment's text with its codes replaced by `{1}`, `{2}`, …: the form translators see."""
    text: str
    codes: dict[str, tuple[str, str]] = field(default_factory=dict)  # "1" -> (kind, original text)


def mark(text: str) -> Marked:
    codes: dict[str, tuple[str, str]] = {}
    parts = []
    position = 0
    for match in _CODE.finditer(text):
        kind = match.lastgroup
        parts.append(text[position:match.start()])
        number = str(len(codes) + 1)
        codes[number] = (kind, match.group(0))
        parts.append("{" + number + "}")
        position = match.end()
    parts.append(text[position:])
    return Marked("".join(parts), codes)


def unmark(marked_target: str, source: Marked, name: str) -> str:
    """The Markdown of a translated text in marked form; SegmentError (naming the segment) when a code is
    unknown or a required one (fact, number, link target, URL, code) is missing or repeated."""
    used: dict[str, int] = {}
    for match in MARKER.finditer(marked_target):
        if match.group(1) not in source.codes:
            raise SegmentError(f"{name}: placeholder {{{match.group(1)}}} is not in the Swedish text — "
                               "copy the placeholders of the source, do not invent or renumber them")
        used[match.group(1)] = used.get(match.group(1), 0) + 1
    for number, (kind, original) in source.codes.items():
        if kind in REQUIRED and used.get(number, 0) != 1:
            what = "missing" if not used.get(number) else "repeated"
            label = "number" if kind == "number" else "fact placeholder" if kind == "fact" else "link target" if kind == "link_close" else kind
            raise SegmentError(f"{name}: {label} {{{number}}} = «{original}» is {what} in the translation — "
                               "keep every fact, number, link and URL of the Swedish text exactly once")
    return MARKER.sub(lambda m: source.codes[m.group(1)][1], marked_target)


def unmarked_plain(text: str) -> str:
    """Text without codes, for counting words."""
    return _CODE.sub(lambda m: " " if m.lastgroup not in ("number", "fact") else " 0 ", text)


# --- stored states ---------------------------------------------------------------------------------------

_STATE_LINE = re.compile(r"^([0-9a-f]{%d}(?:~\d+)?):[ \t]+(%s)\b" % (HASH_LENGTH, "|".join(STATES)), re.M)


def sidecar_path(root: Path, code: str, page: str) -> Path:
    return root / SIDECAR_DIR / code / (page[: -len(".md")] + ".yml")


def parse_states(text: str) -> dict[str, str]:
    return dict(_STATE_LINE.findall(text))


def read_states(path: Path) -> dict[str, str] | None:
    """id -> state of a sidecar file; None when there is none (the page's own status then applies)."""
    try:
        return parse_states(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def render_states(translation: str, entries: list[tuple[Segment, str]]) -> str:
    lines = [f"# Review state of each segment of {translation}, by the hash of its Swedish text.",
             "# Written by `python scripts/l10n.py import` / `review`; a Swedish segment whose hash is not listed",
             "# changed since it was translated (outdated). See CONTRIBUTING.md, 'Segments and review'."]
    for segment, state in entries:
        preview = normal(segment.text)
        preview = preview if len(preview) <= 60 else preview[:59] + "…"
        lines.append(f"{segment.id}: {state}  # {preview}")
    return "\n".join(lines) + "\n"


def segment_states(source: list[Segment], translated: bool, page_status: str | None, page_current: bool,
                   recorded: dict[str, str] | None, old_ids: set[str] | None = None) -> list[str]:
    """The state of each source segment of one translation.

    recorded: the sidecar's id -> state (None without a sidecar: the page's status applies to every segment
    that has not changed since — all of them when the page follows the current source, those whose
    Swedish text is in `old_ids` (the version the translation follows, from git) otherwise)."""
    if not translated:
        return ["missing"] * len(source)
    base = page_status if page_status in STATES else "machine"
    states = []
    for segment in source:
        if recorded is not None:
            states.append(recorded.get(segment.id, "outdated"))
        elif page_current or (old_ids is not None and segment.id in old_ids):
            states.append(base)
        else:
            states.append("outdated")
    return states
