"""`wayfinder-i18n`: mkdocs-static-i18n, configured from `locales/` instead of a hand-written list.

A thin layer: the languages come from `wayfinder.languages`, the UI partials from
`wayfinder.theme_partials`; everything else is mkdocs-static-i18n's own behaviour."""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

from mkdocs import plugins
from mkdocs.config.base import ValidationError
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Section
from mkdocs_static_i18n.plugin import I18n

from . import glossary
from .languages import LanguageError, Registry, load_registry
from .theme_partials import MissingStringsError, write_partials

log = plugins.get_plugin_logger(__name__)

# Material's JavaScript fetches `sitemap.xml` below every `<link rel="alternate">` and rewrites
# switcher clicks from it, assuming one site per language root; with per-page alternates that means a
# 404 per language on every page and, on non-root pages, a jump to the language's home page. The
# switcher links we render already point at the same page, and hreflang alternates are in sitemap.xml.
_HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
_HTML_OPEN = re.compile(r'<html lang="([^"]*)"')


class WayfinderI18n(I18n):
    registry: Registry

    def load_config(self, options, config_file_path=None):
        options = dict(options)
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
            }
            for language in self.registry
        ]
        return super().load_config(options, config_file_path)

    @plugins.event_priority(-100)
    def on_config(self, config):
        if not hasattr(self, "_partials_dir"):
            # Generated once per build, outside the repository: the partials are build output.
            self._partials_dir = tempfile.TemporaryDirectory(prefix="wayfinder-partials-")
            try:
                write_partials(self.registry, Path(self._partials_dir.name))
            except MissingStringsError as error:
                raise PluginError(str(error)) from None
        if self._partials_dir.name not in config.theme.dirs:
            # After custom_dir (overrides/ wins), before Material's own templates.
            position = 1 if config.theme.custom_dir else 0
            config.theme.dirs.insert(position, self._partials_dir.name)
        return super().on_config(config)

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

    @plugins.event_priority(50)
    def on_page_markdown(self, markdown, page, config, files):
        markdown = super().on_page_markdown(markdown, page, config, files)
        if glossary.MARKER in markdown:
            markdown = markdown.replace(glossary.MARKER, self.glossary_markdown(page.file.locale, config))
        return markdown

    def glossary_markdown(self, code: str, config) -> str:
        glossary_dir = Path(config.config_file_path).parent / "glossary"
        try:
            source = glossary.load_source(glossary_dir, self.registry.source.code)
            entries = source if code == self.registry.source.code else glossary.load_language(glossary_dir, code, source)
        except glossary.GlossaryError as error:
            raise PluginError(str(error)) from None
        language = self.registry[code]
        return glossary.render_markdown(entries, language.ui.get("page.swedish_term", ""))

    def reconfigure_page_context(self, context, page, config, nav):
        context = super().reconfigure_page_context(context, page, config, nav)
        context["wayfinder_language"] = self.registry[self.current_language]
        context["wayfinder_content_language"] = self.registry[page.file.locale]
        context["wayfinder_languages"] = self.page_languages(page, config)
        return context

    def page_languages(self, page, config) -> list[dict]:
        """The switcher's entries for `page`: every language by its own name, linking to this page in that
        language (a fallback copy of the Swedish page where no translation exists yet)."""
        entries = []
        alternates = page.file.alternates
        for language in self.registry:
            alternate = alternates.get(language.code)
            if language.code == self.current_language:
                url, translated = page.url, page.file.locale == language.code
            elif alternate is not None:
                url, translated = alternate.url, alternate.locale == language.code
            else:
                url, translated = ("" if language.is_source else f"{language.code}/"), False
            entries.append({
                "code": language.code, "lang": language.lang, "dir": language.direction,
                "name": language.name, "url": url, "translated": translated or language.is_source,
                "untranslated_label": language.ui.get("switcher.untranslated", ""),
                "current": language.code == self.current_language,
            })
        return entries

    @plugins.event_priority(-100)
    def on_post_page(self, output, page, config):
        output = super().on_post_page(output, page, config)
        direction = self.registry[self.current_language].direction
        output = _HTML_OPEN.sub(lambda m: f'<html lang="{m.group(1)}" dir="{direction}"', output, count=1)
        return _HEAD_ALTERNATE.sub("", output)
