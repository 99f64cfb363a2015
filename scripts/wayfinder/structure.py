"""What the site is made of — sections, the themes of civic orientation, page kinds and printed handouts —
read from `structure.yml` (declared once there; nothing else lists them).

`read(path)` is pure and reports a bad file as `path:line: what is wrong — what to do`. `for_root(root)`
gives a project's structure, read once per process: `root/structure.yml`, or the repository's own where a
project (a test's tree) has none."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]
FILE_NAME = "structure.yml"
HANDOUT_PARTS = ("page", "exercises")


class StructureError(ValueError):
    """A mistake in structure.yml: `path:line: what is wrong — what to do`."""

    def __init__(self, path, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = str(path), line, message


@dataclass(frozen=True)
class Section:
    id: str
    folders: tuple[str, ...]
    themed: bool = False  # its pages name a theme; each theme is a folder of this section


@dataclass(frozen=True)
class Theme:
    id: str
    folder: str  # content folder: 'samhallsorientering/att-bo-i-sverige/'


@dataclass(frozen=True)
class Kind:
    id: str
    handout: str | None = None  # 'page': printed in its collection's handout; 'exercises': its exercises are
    module: str | None = None  # wayfinder.<module> does the kind's page work
    section: str | None = None  # pages of the kind belong to this section
    folder: str | None = None  # … and live under this content folder
    themed: bool = False  # may name a theme in any section
    materials: str | None = None  # site folder of each page's printable materials: 'print/lektioner/'


@dataclass(frozen=True)
class Collection:
    folder: str  # content folder: 'vard/'
    theme: str | None = None

    @property
    def url(self) -> str:
        """Site path (within a language) of the collection's handout: 'print/vard/', 'print/att-bo-i-sverige/'."""
        return "print/" + self.folder.rstrip("/").rsplit("/", 1)[-1] + "/"


@dataclass(frozen=True)
class Structure:
    path: str
    sections: tuple[Section, ...]
    themes: tuple[Theme, ...]
    kinds: tuple[Kind, ...]
    collections: tuple[Collection, ...]  # the handouts, in order
    default_collection: str  # where a lesson without a theme puts its exercises

    @property
    def section_ids(self) -> tuple[str, ...]:
        return tuple(section.id for section in self.sections)

    @property
    def theme_ids(self) -> tuple[str, ...]:
        return tuple(theme.id for theme in self.themes)

    @property
    def kind_ids(self) -> tuple[str, ...]:
        return tuple(kind.id for kind in self.kinds)

    @property
    def themed_section(self) -> str | None:
        """The section whose pages name a theme (civic-orientation)."""
        return next((section.id for section in self.sections if section.themed), None)

    def kind(self, kind_id: str | None) -> Kind | None:
        """A kind by id; a page without `kind:` is an article."""
        return next((kind for kind in self.kinds if kind.id == (kind_id or "article")), None)

    def themed_kinds(self) -> tuple[str, ...]:
        return tuple(kind.id for kind in self.kinds if kind.themed)

    def collection_of(self, page: str) -> Collection | None:
        """The handout collection a page is printed in (by its folder)."""
        return next((collection for collection in self.collections if page.startswith(collection.folder)), None)

    def theme_collection(self, theme: str | None) -> Collection:
        """The collection a themed page's exercises go to: its theme's, or the default collection."""
        for collection in self.collections:
            if theme is not None and collection.theme == theme:
                return collection
        return next(collection for collection in self.collections if collection.folder == self.default_collection)

    def kind_of_page(self, page: str) -> Kind | None:
        """The kind whose folder holds `page` (a folder's index.md is its overview, not of the kind)."""
        for kind in self.kinds:
            if kind.folder and page.startswith(kind.folder) and not page.endswith("index.md"):
                return kind
        return None


# Reading, with line numbers ------------------------------------------------------------------------------

class _Loader(yaml.SafeLoader):
    pass


def _compose(path: Path):
    try:
        return yaml.compose(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise StructureError(path, mark.line + 1 if mark else 1,
                             f"not valid YAML ({getattr(error, 'problem', error)}) — fix the syntax") from error


def _line(node) -> int:
    return node.start_mark.line + 1


class _Reader:
    def __init__(self, path: Path):
        self.path = path

    def fail(self, node, message: str):
        raise StructureError(self.path, _line(node) if node is not None else 1, message)

    def mapping(self, node, where: str, allowed: tuple[str, ...]) -> dict:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{where} must be a block of keys ({', '.join(allowed)})")
        found = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name not in allowed:
                self.fail(key, f"unknown key '{name}' in {where} — use only {', '.join(allowed)}")
            if name in found:
                self.fail(key, f"'{name}' is given twice in {where} — keep one")
            found[name] = value
        return found

    def sequence(self, node, where: str) -> list:
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            self.fail(node, f"{where} must be a list of at least one item — write each as '- ...'")
        return node.value

    def text(self, node, where: str, folder: bool = False) -> str:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str" or not node.value.strip():
            self.fail(node, f"{where} must be text")
        value = node.value.strip()
        if folder and (not value.endswith("/") or value.startswith("/")):
            self.fail(node, f"{where} '{value}' must be a folder inside content/ ending in '/', e.g. vard/")
        return value

    def flag(self, node, where: str) -> bool:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:bool":
            self.fail(node, f"{where} must be true or false")
        return node.value.lower() in ("true", "yes", "on")

    def unique(self, items, node_of, where: str) -> None:
        seen = set()
        for item, node in zip(items, node_of):
            if item in seen:
                self.fail(node, f"{where} '{item}' is declared twice — keep one")
            seen.add(item)


def read(path: Path) -> Structure:
    """The structure declared in `path`, or StructureError('path:line: …') naming what to fix."""
    path = Path(path)
    if not path.exists():
        raise StructureError(path, 1, "the file is missing — every project declares its sections, themes and "
                                      "page kinds there (see ARCHITECTURE.md)")
    reader = _Reader(path)
    root = _compose(path)
    top = reader.mapping(root, path.name, ("sections", "themes", "kinds", "handouts"))
    for key in ("sections", "kinds", "handouts"):
        if key not in top:
            reader.fail(root, f"'{key}' is missing — declare it (see the comments in the repository's {FILE_NAME})")

    sections, section_nodes = [], []
    for node in reader.sequence(top["sections"], "sections"):
        keys = reader.mapping(node, "a section", ("id", "folders", "themes"))
        if "id" not in keys or "folders" not in keys:
            reader.fail(node, "a section needs an 'id' and its 'folders' — add them")
        folders = tuple(reader.text(item, "a section folder", folder=True)
                        for item in reader.sequence(keys["folders"], "folders"))
        sections.append(Section(reader.text(keys["id"], "a section id"), folders,
                                reader.flag(keys["themes"], "themes") if "themes" in keys else False))
        section_nodes.append(keys["id"])
    reader.unique([s.id for s in sections], section_nodes, "section")
    themed = [(section, node) for section, node in zip(sections, section_nodes) if section.themed]
    if len(themed) > 1:
        reader.fail(themed[1][1], "only one section has 'themes: true' — remove it from the others")

    themes, theme_nodes = [], []
    if "themes" in top:
        if not themed:
            reader.fail(top["themes"], "themes are declared but no section has 'themes: true' — add it to the section "
                                       "whose folders hold the themes")
        base = themed[0][0].folders[0]
        for node in reader.sequence(top["themes"], "themes"):
            keys = reader.mapping(node, "a theme", ("id", "folder"))
            if "id" not in keys or "folder" not in keys:
                reader.fail(node, "a theme needs an 'id' and a 'folder' — add them")
            folder = reader.text(keys["folder"], "a theme folder").strip("/")
            themes.append(Theme(reader.text(keys["id"], "a theme id"), f"{base}{folder}/"))
            theme_nodes.append(keys["id"])
        reader.unique([t.id for t in themes], theme_nodes, "theme")
        reader.unique([t.folder for t in themes], theme_nodes, "theme folder")

    kinds, kind_nodes = [], []
    for node in reader.sequence(top["kinds"], "kinds"):
        keys = reader.mapping(node, "a kind", ("id", "handout", "module", "section", "folder", "themed", "materials"))
        if "id" not in keys:
            reader.fail(node, "a kind needs an 'id' — add it")
        handout = reader.text(keys["handout"], "handout") if "handout" in keys else None
        if handout is not None and handout not in HANDOUT_PARTS:
            reader.fail(keys["handout"], f"handout '{handout}' is unknown — use one of {', '.join(HANDOUT_PARTS)}")
        module = reader.text(keys["module"], "module") if "module" in keys else None
        if module is not None and not (Path(__file__).parent / f"{module}.py").exists():
            reader.fail(keys["module"], f"module '{module}' is not in scripts/wayfinder/ — write {module}.py or fix the name")
        section = reader.text(keys["section"], "section") if "section" in keys else None
        if section is not None and section not in [s.id for s in sections]:
            reader.fail(keys["section"], f"section '{section}' is not declared under 'sections' — add it there or fix the id")
        kinds.append(Kind(reader.text(keys["id"], "a kind id"), handout, module, section,
                          reader.text(keys["folder"], "folder", folder=True) if "folder" in keys else None,
                          reader.flag(keys["themed"], "themed") if "themed" in keys else False,
                          reader.text(keys["materials"], "materials", folder=True) if "materials" in keys else None))
        kind_nodes.append(keys["id"])
    reader.unique([k.id for k in kinds], kind_nodes, "kind")
    if "article" not in [k.id for k in kinds]:
        reader.fail(top["kinds"], "kind 'article' is missing — a page without 'kind:' is an article; declare it")

    handouts = reader.mapping(top["handouts"], "handouts", ("collections", "themes", "default"))
    collections = [Collection(reader.text(item, "a collection folder", folder=True))
                   for item in (reader.sequence(handouts["collections"], "handouts.collections")
                                if "collections" in handouts else [])]
    if "themes" in handouts and reader.flag(handouts["themes"], "handouts.themes"):
        collections += [Collection(theme.folder, theme.id) for theme in themes]
    if not collections:
        reader.fail(top["handouts"], "handouts has no collection — list folders under 'collections' or set 'themes: true'")
    reader.unique([c.folder for c in collections], [top["handouts"]] * len(collections), "handout collection")
    if "default" not in handouts:
        reader.fail(top["handouts"], "handouts.default is missing — name the collection for lessons without a theme")
    default = reader.text(handouts["default"], "handouts.default", folder=True)
    if default not in [c.folder for c in collections]:
        reader.fail(handouts["default"], f"handouts.default '{default}' is not a collection — use one of "
                                         f"{', '.join(c.folder for c in collections)}")
    return Structure(str(path), tuple(sections), tuple(themes), tuple(kinds), tuple(collections), default)


@functools.lru_cache(maxsize=None)
def _cached(path: Path, stamp: tuple[int, int]) -> Structure:
    return read(path)


def for_root(root: Path | str | None = None) -> Structure:
    """The project's structure, read once per process: `root/structure.yml`, or the repository's own where
    the project has none (a test's small tree)."""
    path = Path(root or REPOSITORY_ROOT).resolve() / FILE_NAME
    if not path.exists():
        path = REPOSITORY_ROOT / FILE_NAME
    stat = path.stat()  # an edited file (a test's copy) is read again
    return _cached(path, (stat.st_mtime_ns, stat.st_size))


def default() -> Structure:
    return for_root(REPOSITORY_ROOT)
