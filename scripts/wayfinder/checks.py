"""Every check of the content tree, as findings `path:line: severity: what is wrong — what to do`.

Run by `scripts/check.py`, by the test suite, and by the MkDocs plugin before every build (errors stop
the build), so no broken page can reach readers by any path."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import facts, key_terms, lessons, structure as site_structure
from .content import ContentTree, scan, split_suffix
from .followed import followed_source
from .frontmatter import FrontMatterError, split
from .glossary import GlossaryError, load_source
from .glossary_use import glossary_use_findings
from .history import History
from .languages import Registry
from .lix import lix
from .locale_check import locale_findings
from .markdown_lint import lint_markdown
from .nav_check import check_nav
from .offered_notice import offered_findings
from .listen import check_recordings
from .markdown_lines import lines_outside_code
from .parity import check_parity
from .findings import merge
from .schema import Finding, check_source_meta, check_translation_meta, key_lines, nested_key_line
from .status import compute_status
from .text_safety import bidi_findings, data_file_findings, markup_findings
from .l10n_config import L10nConfig
from .yamlfile import load_yaml


@dataclass(frozen=True)
class CheckConfig:
    lix_max: float = 40.0
    review_max_age_days: int = 365
    today: dt.date = field(default_factory=dt.date.today)


def load_check_config(path: Path, today: dt.date | None = None) -> CheckConfig:
    data = ((load_yaml(path, ValueError) or {}).get("checks") or {}) if path.exists() else {}
    return CheckConfig(float(data.get("lix_max", 40)), int(data.get("review_max_age_days", 365)), today or dt.date.today())


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    external_links: list[tuple[str, int, str]] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def notices(self) -> list[Finding]:
        """Information that never fails a check (an outdated translation, a page in its grace period)."""
        return [f for f in self.findings if f.severity == "notice"]


_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{[^}]*#([\w-]+)[^}]*\})?\s*#*\s*$")
_UNSAFE_TAG = re.compile(r"<\s*(script|iframe|object|embed|frame|frameset|applet|form|base|meta|link|style)\b", re.I)
_EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
_UNSAFE_URL = re.compile(r"""(?:\]\(\s*<?|(?:href|src)\s*=\s*["']?)\s*(javascript:|data:|vbscript:)""", re.I)
_HTML_HREF = re.compile(r"""(?:href|src)\s*=\s*["']([^"']+)["']""", re.I)


def _slugify():
    from pymdownx.slugs import slugify

    return slugify(case="lower")


def anchors(body: str) -> set[str]:
    """Heading ids as the site's toc extension makes them (pymdownx.slugs, lower case, Unicode kept)."""
    slug = _slugify()
    ids, seen = set(), {}
    for _, line in lines_outside_code(body):
        match = _HEADING.match(line)
        if not match:
            continue
        text = re.sub(r"[*_`]|\[([^\]]*)\]\([^)]*\)", r"\1", match.group(2))
        anchor = match.group(3) or slug(text, "-")
        count = seen.get(anchor, 0)
        seen[anchor] = count + 1
        ids.add(anchor if count == 0 else f"{anchor}_{count}")
    return ids


def check_files(root: Path, tree: ContentTree, registry: Registry) -> list[Finding]:
    """Files that are not Markdown: only recordings (Listen) are accepted, named after their page. The names of
    Markdown files (language suffixes, duplicates, orphans) are translation status's findings
    (wayfinder.status.tree_findings), merged in by run_checks."""
    return check_recordings(root, tree, registry)


def read_text(path: Path, rel: str, findings: list[Finding]) -> str | None:
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        findings.append(Finding("file.bom", rel, 1, "error", "the file starts with a byte-order mark (BOM) — save it as UTF-8 without BOM"))
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        findings.append(Finding("file.encoding", rel, line, "error", "the file is not UTF-8 text — save it with UTF-8 encoding"))
        return None
    if "\r\n" in text or "\r" in text:
        line = text[: text.find("\r")].count("\n") + 1
        findings.append(Finding("file.line-endings", rel, line, "error", "Windows line endings (CRLF) — save the file with Unix (LF) line endings"))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def check_body(rel: str, body: str, first_line: int, page: str, code: str, tree: ContentTree, registry: Registry,
               bodies: dict[tuple[str, str], str], report: Report) -> None:
    """Links (same language, existing pages and anchors), unsafe HTML and URLs, external links."""
    directory = page.rsplit("/", 1)[0] + "/" if "/" in page else ""
    for number, line in lines_outside_code(body, first_line):
        if _UNSAFE_TAG.search(line):
            tag = _UNSAFE_TAG.search(line).group(1).lower()
            report.findings.append(Finding("html.unsafe-tag", rel, number, "error", f"raw <{tag}> is not allowed in content — remove it "
                                           "(pages may not run code or embed other sites)"))
        if _EVENT_HANDLER.search(line):
            report.findings.append(Finding("html.event-handler", rel, number, "error", "inline event handler (on...=) is not allowed — remove it"))
        if _UNSAFE_URL.search(line):
            scheme = _UNSAFE_URL.search(line).group(1).lower()
            report.findings.append(Finding("link.unsafe-scheme", rel, number, "error", f"'{scheme}' links are not allowed — link to a page or an https:// address"))
        targets = _LINK.findall(line) + _IMAGE.findall(line) + _HTML_HREF.findall(line)
        for target in targets:
            if re.match(r"^(https?:)?//", target):
                report.external_links.append((rel, number, target))
                if target.startswith("http:"):
                    report.findings.append(Finding("link.insecure", rel, number, "warning", f"insecure link {target} — use https:// if the site has it"))
                continue
            if re.match(r"^(mailto:|tel:)", target) or _UNSAFE_URL.search(f"]({target}"):
                continue
            path_part, _, anchor = target.partition("#")
            if path_part.startswith("/"):
                report.findings.append(Finding("link.absolute", rel, number, "error", f"absolute link '{target}' — link to the .md file relatively "
                                               "(e.g. ../vard/tolk.md) so it works in every language"))
                continue
            if not path_part:  # an anchor on the same page
                if anchor and anchor not in anchors(bodies.get((page, code), body)):
                    report.findings.append(Finding("link.anchor", rel, number, "error", f"anchor '#{anchor}' is not a heading on this page — check the heading"))
                continue
            if not path_part.endswith(".md"):
                continue  # assets are checked by MkDocs' own validation
            resolved = _normalise(directory + path_part)
            split = split_suffix(resolved, registry.codes)
            if split is not None and split[1] is not None:
                report.findings.append(Finding("link.language-file", rel, number, "error", f"link to a language file '{path_part}' — link to "
                                               f"'{path_part.rsplit('.', 2)[0]}.md': the site shows the reader's language"))
                resolved = split[0]
            if resolved is None or resolved not in tree.pages or tree.source_language not in tree.pages[resolved]:
                report.findings.append(Finding("link.missing", rel, number, "error", f"link to '{path_part}', which does not exist — check the path "
                                               "(relative to this file)"))
                continue
            if anchor:
                target_code = code if code in tree.pages[resolved] else tree.source_language
                if anchor not in anchors(bodies.get((resolved, target_code), "")):
                    report.findings.append(Finding("link.anchor", rel, number, "error", f"anchor '#{anchor}' is not a heading of "
                                                   f"{resolved} in this language — check the heading's id"))


def _normalise(path: str) -> str | None:
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)


def translation_parity(rel: str, text: str, meta: dict, source_rel: str, source_text: str, history) -> list[Finding]:
    """Parity of a translation with the Swedish version it was translated from (wayfinder.followed): an
    edit of the Swedish never makes a translation fail; an outdated translation gets a notice."""
    followed = followed_source(source_rel, source_text, meta, history)
    findings = check_parity(followed.text, text, rel, followed.label)
    if not followed.exact:  # compared with today's Swedish as a fallback: differences may be the edit's
        findings = [Finding(f.code, f.path, f.line, "notice", f"{f.message} (compared with today's Swedish: {followed.reason})")
                    for f in findings]
    if not followed.current:
        line = nested_key_line(text, "translation", "source_hash")
        findings.append(Finding("translation.outdated", rel, line, "notice", f"older translation: {source_rel} changed since this translation was "
                                f"made — readers see an 'older translation' notice; to update it, see what changed with "
                                f"'.venv/bin/python scripts/l10n.py diff {rel}', then run 'sync'"))
    return findings


def run_checks(root: Path, registry: Registry, l10n_config: L10nConfig, config: CheckConfig,
               tree: ContentTree | None = None, status=None, history=False, not_in_nav=None,
               fact_registry: facts.FactRegistry | None = None) -> Report:
    """`tree`, `status`, `history` and `fact_registry` may be passed when the caller has them already (the
    build and check.py do, from wayfinder.project);
    `history=False` loads the git history here (None: there is none). `not_in_nav`: the build's MkDocs
    `not_in_nav` patterns (a region's own pages, deploy/README.md), whose pages need no nav line."""
    tree = tree or scan(root / "content", registry)
    if history is False:
        history = History.load(root, l10n_config.minor_change_keywords)
    report = Report()
    report.findings += check_files(root, tree, registry)
    report.findings += check_nav(root, [page for page, files in tree.pages.items() if tree.source_language in files
                                        and not (not_in_nav and not_in_nav.match_file(page))])
    try:
        glossary_terms = {term_id: entry.term for term_id, entry in load_source(root / "glossary", registry.source.code).items()}
        glossary_ids = set(glossary_terms)
    except (GlossaryError, FileNotFoundError) as error:
        # GlossaryError reads "<path>[:line]: problem": the finding keeps the line, and says what to do.
        where = re.match(r"^\S*sv\.yml(?::(\d+))?: ", str(error))
        message = str(error)[where.end():] if where else str(error)
        if " — " not in message:
            message += " — fix glossary/sv.yml (see CONTRIBUTING.md)"
        line = int(where.group(1)) if where and where.group(1) else 1
        report.findings.append(Finding("glossary.unreadable", "glossary/sv.yml", line, "error", message))
        glossary_ids, glossary_terms = None, {}

    try:
        structure = site_structure.for_root(root)
    except site_structure.StructureError as error:
        report.findings.append(Finding("structure.invalid", Path(error.path).name, error.line, "error", error.message))
        structure = site_structure.default()

    documents = {}
    for page, files in sorted(tree.pages.items()):
        for code, file in files.items():
            rel = file.path.relative_to(root).as_posix()
            text = read_text(file.path, rel, report.findings)
            if text is None:
                continue
            try:
                document = split(text, rel)
            except FrontMatterError as error:
                report.findings.append(error.finding())
                continue
            documents[(page, code)] = (rel, text, document)
    fact_registry = facts.load_facts(root) if fact_registry is None else fact_registry
    # Anchors are made from headings as readers see them: with {{fact:ID}} rendered.
    bodies = {(page, code): facts.plain(value[2].body, fact_registry, registry[code]) if code in registry else value[2].body
              for (page, code), value in documents.items()}

    for (page, code), (rel, text, document) in documents.items():
        report.findings += bidi_findings(rel, text)
        report.findings += markup_findings(rel, document.meta, text, "front matter value")
        if code == tree.source_language:
            report.findings += check_source_meta(rel, document.meta, text, glossary_ids, structure)
            if document.meta.get("kind") == "lesson":  # the lesson plan's structure (CONVENTIONS item 3)
                report.findings += lessons.check_source(rel, document.meta, document.body, document.body_line,
                                                        {**key_lines(text), **lessons.nested_lines(text)}, glossary_ids)
            score = lix(document.body)
            if score > config.lix_max:
                report.findings.append(Finding("style.lix", rel, document.body_line, "warning", f"LIX {score:.0f} is above {config.lix_max:.0f} "
                                               "— use shorter sentences and everyday words (klarspråk)"))
            reviewed = document.meta.get("reviewed")
            if isinstance(reviewed, dt.date) and (config.today - reviewed).days > config.review_max_age_days:
                report.findings.append(Finding("meta.review-due", rel, 1, "warning", f"facts last reviewed {reviewed}, more than "
                                               f"{config.review_max_age_days} days ago — check the sources and update 'reviewed'"))
        else:
            report.findings += check_translation_meta(rel, document.meta, text)
            source = documents.get((page, tree.source_language))
            if source is not None:
                report.findings += translation_parity(rel, text, document.meta, source[0], source[1], history)
        check_body(rel, document.body, document.body_line, page, code, tree, registry, bodies, report)
        report.findings += lint_markdown(rel, document.body, document.body_line, (root / rel).parent)

    # Values the theme prints from data files: interface strings and the glossary.
    report.findings += data_file_findings(root, [language.path for language in registry], "interface string",
                                          lambda path: load_yaml(path, ValueError))
    report.findings += data_file_findings(root, sorted((root / "glossary").glob("*.yml")), "glossary entry",
                                          lambda path: load_yaml(path, ValueError))
    # The facts registry and every page's {{fact:ID}} placeholders (wayfinder.facts).
    report.findings += facts.check_registry(fact_registry, config.today, config.review_max_age_days)
    report.findings += facts.check_pages(documents, tree.source_language, registry, fact_registry)
    report.findings += glossary_use_findings(root, documents, tree.source_language)

    # Lessons' key words (signs, terms) bold and in the same form in every language; for the other pages
    # the same check is a report for now (scripts/key_terms.py), until their translations are fixed.
    report.findings += key_terms.check_documents(documents, tree.source_language, glossary_terms, lessons_only=True,
                                                 fact_values={fact.id: str(fact.value) for fact in fact_registry.facts.values()
                                                              if fact.value is not None})

    status = status or compute_status(root, registry, l10n_config, history, tree=tree)
    report.findings += offered_findings(status)
    report.findings += locale_findings(registry, root)
    # Status's problems (file names, unreadable front matter, translation.status) merged by (code, path, line):
    # where the checks above found the same problem, their finding stands.
    report.findings = merge(report.findings, status.problems)
    return report
