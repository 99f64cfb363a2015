"""The language switcher's entries for one page (overrides/partials/alternate.html): every language by its
own name, linking to this page in that language — a fallback copy of the Swedish page where no translation
exists yet, marked as untranslated."""
from __future__ import annotations


def entries(registry, building: str, written_in: str, url: str, alternates: dict) -> list[dict]:
    """`building`: the language of the site being built; `written_in`: the language of the page's text;
    `url`: the page's own URL; `alternates`: {code: file with .url and .locale} (mkdocs-static-i18n's)."""
    out = []
    for language in registry:
        alternate = alternates.get(language.code)
        if language.code == building:
            link, translated = url, written_in == language.code
        elif alternate is not None:
            link, translated = alternate.url, alternate.locale == language.code
        else:
            link, translated = language.url_prefix, False
        out.append({
            "code": language.code, "lang": language.lang, "dir": language.direction,
            "name": language.name, "url": link, "translated": translated or language.is_source,
            "untranslated_label": language.ui.get("switcher.untranslated", ""),
            "suggestion": language.ui.get("notice.language_suggestion", ""),
            "current": language.code == building,
        })
    return out
