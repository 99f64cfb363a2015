"""`wayfinder-i18n`: mkdocs-static-i18n, configured from `locales/` instead of a hand-written list.

A thin layer: the languages come from `wayfinder.languages`, the UI partials from
`wayfinder.theme_partials`; everything else is mkdocs-static-i18n's own behaviour."""
from __future__ import annotations

import html
import json
import os
from contextlib import contextmanager
from copy import deepcopy
from functools import cached_property
import re
import tempfile
from pathlib import Path

from jinja2 import BytecodeCache
from markupsafe import Markup, escape
from mkdocs import plugins
from mkdocs.config.base import ValidationError
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Section
from mkdocs_static_i18n.plugin import I18n

from . import (facts, glossary, handouts, lesson_list, listen, materials, page_kinds, project, segment_view,
               sitemap, structure as site_structure, switcher)
from .bidi import isolate_numbers, isolate_page
from .checks import run_checks
from .content import page_url
from .frontmatter import FrontMatterError, read
from .kept_swedish import mark_swedish_lines
from .l10n_config import ConfigError
from .languages import LanguageError, Registry, load_registry
from .report import LANGUAGES_MARKER, render_languages_page
from .search_index import language_entries, search_config, write_index
from .status import to_json
from .theme_partials import MissingStringsError, write_partials
from .writing_systems import script_of

# Keys a translation takes from its Swedish source page (one source of truth for facts and metadata).
INHERITED_META = ("section", "theme", "kind", "reviewed", "sources", "terms")

log = plugins.get_plugin_logger(__name__)

# Material's JavaScript fetches `sitemap.xml` below every `<link rel="alternate">` and rewrites
# switcher clicks from it, assuming one site per language root; with per-page alternates that means a
# 404 per language on every page and, on non-root pages, a jump to the language's home page. The
# switcher links we render already point at the same page, and hreflang alternates are in sitemap.xml.
_HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
_HTML_OPEN = re.compile(r'<html lang="([^"]*)"')


@contextmanager
def _stop_on_data_errors():
    """A broken data file (glossary, facts, structure.yml) met while building stops the build with its
    `path:line` message."""
    try:
        yield
    except (glossary.GlossaryError, facts.FactError, site_structure.StructureError) as error:
        raise PluginError(str(error)) from None


class CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates kept for the life of the process: every language's build makes a new
    environment, which compiled Material's templates again (~0.6 s a language; 14 times in `mkdocs build`,
    once per language in each of scripts/build.py's workers, on every save under scripts/serve.py). Jinja
    keys each entry by template and checks a hash of its source before use, so an edited template compiles
    again."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket):
        self._code[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()


class WayfinderI18n(I18n):
    registry: Registry

    @cached_property
    def structure(self) -> site_structure.Structure:
        """Sections, themes, page kinds and handouts: structure.yml (wayfinder.structure)."""
        with _stop_on_data_errors():
            return site_structure.for_root(self.root)

    @cached_property
    def _titles(self) -> dict[tuple[str, str], str]:
        """{(language of the site, shared page): the page's title as built}, for the handouts' titles."""
        return {}

    def load_config(self, options, config_file_path=None):
        options = dict(options)
        # WAYFINDER_LANGUAGE=ar builds (or serves) one language only, for editing; scripts/build.py uses it
        # to build languages in parallel processes.
        self.only_language = os.environ.get("WAYFINDER_LANGUAGE") or None
        self.content_checked = os.environ.get("WAYFINDER_CHECKED") == "1"  # set by scripts/build.py's workers
        root = Path(config_file_path).parent if config_file_path else Path.cwd()
        locales_dir = root / options.pop("locales_dir", "locales")
        if "languages" in options:
            return [("languages", ValidationError(
                "languages are defined in locales/<code>.yml, not in mkdocs.yml — remove 'languages:'"))], []
        try:
            self.registry = load_registry(locales_dir)
        except LanguageError as error:
            return [("locales_dir", ValidationError(str(error)))], []
        options["languages"] = [
            {
                "locale": language.code,
                "name": language.name,
                "default": language.is_source,
                "build": True,
                "site_name": language.site_name,
                "site_description": language.site_description,
                # The colour-scheme toggle's label, in the language (mkdocs-static-i18n merges it into the palette).
                "theme": {"palette": [{"toggle": {"name": language.ui.get("palette.dark", "")}},
                                      {"toggle": {"name": language.ui.get("palette.light", "")}}]},
            }
            for language in self.registry
        ]
        return super().load_config(options, config_file_path)

    @plugins.event_priority(-100)
    def on_config(self, config):
        if not hasattr(self, "_search_entries"):
            self._search_entries: dict[str, list[dict]] = {}
            self._not_found: dict[str, str] = {}
        if not hasattr(self, "_partials_dir"):
            # Generated once per build, outside the repository: the partials are build output.
            self._partials_dir = tempfile.TemporaryDirectory(prefix="wayfinder-partials-")
            try:
                write_partials(self.registry, Path(self._partials_dir.name))
            except MissingStringsError as error:
                raise PluginError(str(error)) from None
        if not hasattr(self, "nav_config"):
            self.nav_config = config.nav
            self.not_in_nav = config.not_in_nav  # pages a region publishes outside the national nav
        if not hasattr(self, "status"):
            self.root = Path(config.config_file_path).parent
            # The project model of this build (wayfinder.project): a worker of scripts/build.py adopts the one
            # its parent computed; scripts/serve.py computes one for all the languages it serves.
            self.project = getattr(self, "preloaded", None) or project.for_build(self.root, Path(config.docs_dir),
                                                                                  self.registry)
            try:
                self.l10n_config = self.project.l10n
            except ConfigError as error:
                raise PluginError(str(error)) from None
            self.tree, self.history, self.status = self.project.tree, self.project.history, self.project.status
            self.facts = self.project.facts  # the registry {{fact:ID}} placeholders render from
            if self.facts.problems and self.content_checked:
                raise PluginError("\n".join(map(str, self.facts.problems)))
            self.recordings = listen.recordings_for_build(self.tree, self.registry)
            if not self.content_checked:
                self.run_content_checks()
            if self.only_language:
                if self.only_language not in self.registry:
                    raise PluginError(f"WAYFINDER_LANGUAGE={self.only_language} is not in locales/ — use one of "
                                      f"{', '.join(self.registry.codes)}")
                # Build just this language: mkdocs-static-i18n builds the current language first and the
                # others only from its outermost post_build, which `building` skips.
                self.current_language = self.only_language
                self.building = True
        if self._partials_dir.name not in config.theme.dirs:
            # After custom_dir (overrides/ wins), before Material's own templates.
            position = 1 if config.theme.custom_dir else 0
            config.theme.dirs.insert(position, self._partials_dir.name)
        return super().on_config(config)

    @plugins.event_priority(-100)
    def on_files(self, files, config):
        # Recordings are published next to their page by Listen (wayfinder.listen), not as site files.
        for file in [f for f in files if listen.is_recording_file(f.src_uri, self.registry.codes)]:
            files.remove(file)
        return super().on_files(files, config)

    @plugins.event_priority(-100)
    def on_nav(self, nav, config, files):
        nav = super().on_nav(nav, config, files)
        language = self.registry[self.current_language]
        source = self.registry.source

        def translate(items):
            for item in items:
                if isinstance(item, Section):
                    key = item.title
                    if key in language.nav:
                        item.title = language.nav[key]
                    elif key in source.nav:
                        log.warning(f"{language.path}: no title for navigation section '{key}' — add it under 'nav:'")
                        item.title = source.nav[key]
                    else:
                        raise PluginError(
                            f"mkdocs.yml: navigation section '{key}' has no title in {source.path} — add it under 'nav:'")
                    translate(item.children)

        translate(nav.items)
        return nav

    def run_content_checks(self) -> None:
        """The checks of scripts/check.py: errors stop every build (strict or not), warnings stop strict ones."""
        try:
            # The tree and status of this build: the content is scanned and read once.
            report = run_checks(self.root, self.registry, self.l10n_config, self.project.checks, self.tree,
                                self.status, self.history, not_in_nav=self.not_in_nav, fact_registry=self.facts)
        except ConfigError as error:
            raise PluginError(str(error)) from None
        for finding in report.warnings:
            log.warning(str(finding))
        for finding in report.notices:
            log.info(str(finding))
        if report.errors:
            raise PluginError("the content has errors — fix them (.venv/bin/python scripts/check.py lists them):\n"
                              + "\n".join(map(str, report.errors)))

    def use_content(self, model: project.Project) -> None:
        """Adopt a new project model after a page is saved (scripts/serve.py computes one for all languages)."""
        self.project = model
        self.tree, self.history, self.status = model.tree, model.history, model.status

    @plugins.event_priority(50)
    def on_page_markdown(self, markdown, page, config, files):
        markdown = super().on_page_markdown(markdown, page, config, files)
        source_code = self.registry.source.code
        if page.file.locale != source_code:
            shared = self.shared_page(page)
            source_file = self.tree.pages.get(shared, {}).get(source_code)
            if source_file is not None:
                try:
                    source_meta = read(source_file.path).meta
                except FrontMatterError as error:
                    raise PluginError(str(error)) from None
                translated_lesson = page.meta.get("lesson") or {}
                for key in INHERITED_META:
                    if key in source_meta:
                        page.meta[key] = source_meta[key]
                if isinstance(source_meta.get("lesson"), dict):
                    # Duration and pages are the source's; goals and materials the translation's, where given.
                    page.meta["lesson"] = {**source_meta["lesson"], **translated_lesson}
        # Titles and descriptions are text, never HTML (check.py refuses markup in them): escaped once here,
        # as Markup, so every template that prints them — Material's navigation, header and <meta> tags
        # included — prints text.
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = escape(page.meta[key])
        # The page kind's own work (a lesson's boxes titled in the page's language): wayfinder.page_kinds.
        markdown = page_kinds.page_markdown(self.structure, markdown, page.meta, self.registry[page.file.locale])
        markdown = self.render_facts(markdown, page)
        if glossary.MARKER in markdown:
            markdown = markdown.replace(glossary.MARKER, self.glossary_markdown(page.file.locale, config, page))
        if lesson_list.MARKER in markdown:
            # Every lesson with its language versions and materials, from the content tree.
            markdown = markdown.replace(lesson_list.MARKER, lesson_list.render(
                self.tree, self.registry, page.file.locale, self.shared_page(page), handouts.nav_pages(self.nav_config),
                site_language=self.current_language, structure=self.structure))
        if LANGUAGES_MARKER in markdown:
            # Generated with the same code as `l10n.py status`, in the language the page is written in.
            language = self.registry[page.file.locale]
            names = {l.code: (l.name, l.lang) for l in self.registry}
            markdown = markdown.replace(LANGUAGES_MARKER, render_languages_page(to_json(self.status), names, language.t))
        return markdown

    def render_facts(self, markdown: str, page) -> str:
        """{{fact:ID}} → the fact in the page's language (wayfinder.facts); the facts' sources join the page's."""
        language = self.registry[page.file.locale]
        where = f"content/{page.file.src_uri}"
        try:
            markdown, used = facts.render(markdown, self.facts, language, where)
            for key in ("title", "description"):  # plain text: these end up in <title> and <meta>
                if isinstance(page.meta.get(key), str):
                    page.meta[key], more = facts.render(page.meta[key], self.facts, language, where, html=False)
                    used += more
        except facts.FactError as error:
            raise PluginError(str(error)) from None
        if used:
            page.meta["sources"] = facts.sources_with_facts(page.meta.get("sources"), self.facts, used)
        return markdown

    def glossary_markdown(self, code: str, config, page=None) -> str:
        with _stop_on_data_errors():
            return glossary.page_markdown(Path(config.config_file_path).parent / "glossary", self.registry, code,
                                          page.url if page else "", materials.PICTOGRAM_DIR,
                                          materials.pictogram_ids(Path(config.theme.custom_dir)))

    def shared_page(self, page) -> str:
        """The page's path shared by all languages: 'vard/tolk.md' for tolk.md and tolk.ar.md."""
        return page.file.norm_src_uri if hasattr(page.file, "norm_src_uri") else page.file.src_uri

    def reconfigure_page_context(self, context, page, config, nav):
        context = super().reconfigure_page_context(context, page, config, nav)
        context["wayfinder_language"] = self.registry[self.current_language]
        context["wayfinder_content_language"] = self.registry[page.file.locale]
        shared = self.shared_page(page)
        context["wayfinder_page_state"] = self.status.state_of(self.current_language, shared)
        # Segment review states for the side-by-side view and the "partly reviewed" notice (issue #16).
        if page.file.locale == self.current_language and not self.registry[self.current_language].is_source:
            context["wayfinder_segments"] = segment_view.page_segments(self.root, self.current_language, context["wayfinder_page_state"])
            context["wayfinder_reviewed_percent"] = segment_view.reviewed_percent(context["wayfinder_page_state"])
        # The Swedish original of this page, relative to the site root (for the notices' links).
        context["wayfinder_original_url"] = page_url(shared)
        prefix = self.registry[self.current_language].url_prefix
        collection = self.structure.collection_of(shared)
        context["wayfinder_handout_url"] = prefix + collection.url if collection else None
        # The title as built, plain text: a handout is titled by its collection's overview.
        self._titles[(self.current_language, shared)] = html.unescape(str(page.title or ""))
        with _stop_on_data_errors():
            context.update(page_kinds.page_context(
                self.structure,
                page_kinds.Page(shared, page.file.locale, prefix, page.meta,
                                lambda: {self.shared_page(p): p.title for p in nav.pages}),
                page_kinds.Site(self.root, self.registry, self.tree, self.structure)))
        context["wayfinder_languages"] = switcher.entries(self.registry, self.current_language, page.file.locale,
                                                          page.url, page.file.alternates)
        context["wayfinder_listen"] = self.listen_context(page, shared)
        return context

    def listen_context(self, page, shared: str) -> dict:
        """What the Listen control needs: the voice languages of the page's text, its recording and chapters."""
        written = self.registry[page.file.locale]
        headings = [(item.id, item.title) for item in _toc_items(page.toc)]
        return {"lang": written.lang, "speech": written.speech,
                "original_url": None if written.is_source else page_url(shared),
                "recording": listen.page_context(self.recordings.get((shared, written.code)), headings)}

    @plugins.event_priority(-100)
    def on_page_content(self, html, page, config, files):
        # The reader's direction, not the text's: a Swedish fallback page in the Arabic site is laid out
        # inside a right-to-left page too.
        if self.registry[self.current_language].direction == "rtl" or self.registry[page.file.locale].direction == "rtl":
            html = isolate_numbers(html)
        if script_of(self.registry[page.file.locale]) != "LATIN":
            html = mark_swedish_lines(html, self.registry.source.code)
        return html

    def on_env(self, env, config, files):
        super().on_env(env, config, files)
        env.bytecode_cache = COMPILED_TEMPLATES
        env.filters["wayfinder_config"] = self.theme_config
        env.globals["wayfinder_fact"] = self.facts.__getitem__  # templates use facts too (partials/emergency.html)

    def theme_config(self, material_config: str, base_url: str) -> str:
        """Material's `#__config` script, with `base` at the reader's language root (so search loads that
        language's index and resolves its result links) and Wayfinder's search worker."""
        start = material_config.index(">") + 1
        end = material_config.rindex("</script>")
        data = json.loads(material_config[start:end])
        language = self.registry[self.current_language]
        data["base"] = base_url.rstrip("/") + "/" + language.url_prefix
        worker = data["search"]
        directory, _, name = worker.rpartition("/")
        data["search"] = f"{directory}/wayfinder-search.js?material={name}"
        script = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
        return Markup(material_config[:start] + script + material_config[end:])

    @plugins.event_priority(-100)
    def on_post_build(self, config):
        # Called once per language build (mkdocs-static-i18n re-runs the build for each language).
        outermost = not self.building
        search = config.plugins.get("material/search") or config.plugins.get("search")
        if search is not None and hasattr(search, "search_index"):
            self._search_entries[self.current_language] = list(search.search_index.entries)
            self._search_fields = dict(search.config.fields)
        super().on_post_build(config)
        if outermost:  # every language is built now
            self.write_shared(config)
        elif self.only_language and not os.environ.get("WAYFINDER_CHECKED"):
            # A one-language build for editing (not a worker of scripts/build.py, which merges itself).
            self.write_shared(config, [self.only_language])

    @plugins.event_priority(50)
    def on_template_context(self, context, template_name, config):
        context = super().on_template_context(context, template_name, config)
        context["wayfinder_language_of_build"] = self.registry[self.current_language]
        if template_name == "404.html" and self.extra_alternate:
            # The last page's per-page links may still be in config; a 404 page links to language homes.
            config.extra.alternate = deepcopy(self.extra_alternate)  # as mkdocs-static-i18n sets it
        return context

    def on_post_template(self, output_content, template_name, config):
        # Each language build renders 404.html to the same place; keep each language's own.
        if template_name == "404.html":
            output_content = self.finish_html(output_content)
            self._not_found[self.current_language] = output_content
        return output_content

    def write_shared(self, config, languages=None) -> None:
        """What spans languages or is written once per language at the end: search indexes, 404 pages,
        handouts, sitemap. Shared with scripts/build.py's merge step so both builds write the same."""
        self.reconfigure_search_index(config, languages)
        site_dir = Path(config.site_dir)
        for code, output in self._not_found.items():
            if languages is None or code in languages:
                target = site_dir / self.registry[code].url_prefix / "404.html"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(output, encoding="utf-8")
        self.write_printables(config, languages)
        if languages is None:
            self.write_sitemap(config)

    def write_sitemap(self, config) -> None:
        pages = [page for page in handouts.nav_pages(self.nav_config) if page in self.tree.pages]
        sitemap.write(Path(config.site_dir), config.site_url or "/", pages, self.registry)

    def write_printables(self, config, languages=None) -> None:
        """Handouts (wayfinder.handouts) and every lesson's printable materials (wayfinder.materials)."""
        site_dir = Path(config.site_dir)
        stylesheets = handouts.stylesheets(site_dir, config.extra_css)
        prepare = materials.fact_text(self.facts)
        with _stop_on_data_errors():
            handouts.write_all(site_dir, self.registry, self.tree, handouts.nav_pages(self.nav_config), self._titles,
                               stylesheets, self.structure, languages, prepare)
            materials.write_all(site_dir, self.registry, self.tree, self.root / "glossary", Path(config.theme.custom_dir),
                                stylesheets, languages, prepare, self.structure)

    def reconfigure_search_index(self, config, languages=None):
        """Instead of mkdocs-static-i18n's one index for all languages: one index per language."""
        site_dir = Path(config.site_dir)
        for language in self.registry:
            if language.code not in self._search_entries or (languages is not None and language.code not in languages):
                continue
            fallback_urls = {page_url(p.page) for p in self.status.languages[language.code].pages if p.state == "missing"}
            docs = language_entries(self._search_entries.get(language.code, []), language.url_prefix, fallback_urls,
                                    isolate=language.direction == "rtl")
            write_index(site_dir, language.url_prefix, search_config(language.code, language.babel.language, self._search_fields), docs)

    @plugins.event_priority(-100)
    def on_post_page(self, output, page, config):
        recording = self.recordings.get((self.shared_page(page), page.file.locale))
        if recording is not None:  # next to the built page, so the offline copy carries it too
            listen.publish(recording, Path(page.file.abs_dest_path))
        return self.finish_html(super().on_post_page(output, page, config))

    def finish_html(self, output: str) -> str:
        """`dir` on <html>, no head alternates (see _HEAD_ALTERNATE), and in a right-to-left language every
        digit group isolated wherever it stands — navigation, table of contents, header, footer, title —
        not only in the article (where on_page_content already did it)."""
        direction = self.registry[self.current_language].direction
        output = _HTML_OPEN.sub(lambda m: f'<html lang="{m.group(1)}" dir="{direction}"', output, count=1)
        output = _HEAD_ALTERNATE.sub("", output)
        return isolate_page(output) if direction == "rtl" else output


def _toc_items(toc):
    for item in toc:
        yield item
        yield from _toc_items(item.children)
