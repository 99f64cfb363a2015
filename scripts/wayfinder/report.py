"""Render the status JSON (wayfinder.status.to_json) as a terminal table, Markdown or CSV.

Every report is made from the JSON data alone, so all formats say the same thing."""
from __future__ import annotations

import csv
import io


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def _rows(data: dict) -> list[list[str]]:
    rows = []
    for code, language in data["languages"].items():
        pages, words = language["pages"], language["words"]
        rows.append([
            code, language["name"], "yes" if language["offered"] else "no", str(pages["total"]),
            str(pages["translated"]), str(pages["reviewed"]), str(pages["machine"]), str(pages["outdated"]),
            str(pages["missing"]), str(pages.get("unreviewed", 0)), f"{words['translated']}/{words['total']}", _percent(words["translated"], words["total"]),
            _percent(language["interface"]["translated"], language["interface"]["strings"]) if "interface" in language else "–",
            *_segment_cells(language),
            str(language.get("audio", {}).get("pages", 0)),
        ])
    return rows


HEADER = ["code", "language", "offered", "pages", "translated", "reviewed", "machine", "outdated", "missing", "unreviewed", "words",
          "words %", "interface %", "reviewed segments", "reviewed words", "words to review",
          "audio"]  # audio: pages with a recording (Listen)


def _segment_cells(language: dict) -> list[str]:
    """Segment-level review (wayfinder.segment_status): reviewed segments and words, and the words in machine or
    outdated segments — what an agency's quote for review is based on."""
    segments = language.get("segments") or {"total": 0, "reviewed": 0, "words": {"total": 0, "reviewed": 0}, "words_to_review": 0}
    return [f"{segments['reviewed']}/{segments['total']}", f"{segments['words']['reviewed']}/{segments['words']['total']}",
            str(segments["words_to_review"])]


def offered_summary(data: dict) -> list[str]:
    lines = [f"Offered in {len(data['offered'])} languages ({len(data['offered_reviewed'])} with human-reviewed pages only): "
             + ", ".join(data["offered"])]
    parts = [f"{section['label']} offered in {len(section['offered'])} languages" for section in data["sections"].values()]
    if parts:
        lines.append("; ".join(parts) + ".")
    for grace in data.get("grace", []):  # l10n.yml offered.grace_days
        if not grace.get("lacking_in"):
            continue
        what = (f"New required page {grace['page']} counts from {grace['until']}" if grace.get("reason", "new") == "new"
                else f"Outdated translations of required page {grace['page']} count until {grace['until']}")
        lines.append(f"{what}: then offered in {len(data.get('offered_after_grace', []))} languages unless it is "
                     f"{'translated' if grace.get('reason', 'new') == 'new' else 'updated'} in " + ", ".join(grace["lacking_in"]) + ".")
    return lines


def _details(data: dict, bullet: str = "  - ", code_fmt=str) -> list[str]:
    lines = []
    for code, language in data["languages"].items():
        if not (language["missing_pages"] or language["outdated_pages"] or language["orphan_pages"]):
            continue
        lines.append(f"{language['name']} ({code}):")
        for detail in language["outdated_details"]:
            changed = detail["changed_sections"]
            why = (f" — changed: {', '.join(changed)}" if changed else "") + (
                f" ({detail['commits_behind']} commit(s) behind)" if detail["commits_behind"] else "")
            lines.append(f"{bullet}outdated {code_fmt(detail['translation'])}{why}")
        for page in language["missing_pages"]:
            lines.append(f"{bullet}missing {code_fmt(page)}")
        for page in language["orphan_pages"]:
            lines.append(f"{bullet}orphan {code_fmt(page)} (its source was renamed or deleted)")
    return lines


def render_table(data: dict, details: bool = True) -> str:
    rows = [HEADER] + _rows(data)
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    lines = ["  ".join(cell.ljust(widths[i]) if i < 2 else cell.rjust(widths[i]) for i, cell in enumerate(row)).rstrip()
             for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    out = lines + [""] + offered_summary(data)
    if details:
        extra = _details(data)
        if extra:
            out += [""] + extra
    if data["problems"]:
        out += ["", "Problems:"] + [f"  {problem}" for problem in data["problems"]]
    return "\n".join(out) + "\n"


def render_markdown(data: dict) -> str:
    out = ["## Translation status", "", *offered_summary(data), "",
           "| " + " | ".join(HEADER) + " |", "|" + "|".join(["---"] * 2 + ["---:"] * (len(HEADER) - 2)) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in _rows(data)]
    extra = _details(data, bullet="- ", code_fmt=lambda p: f"`{p}`")
    if extra:
        out += ["", "<details><summary>Missing and outdated pages</summary>", ""] + [
            line if line.startswith("- ") else f"\n**{line}**\n" for line in extra] + ["", "</details>"]
    if data["problems"]:
        out += ["", "### Problems", ""] + [f"- `{problem}`" for problem in data["problems"]]
    return "\n".join(out) + "\n"


def render_csv(data: dict) -> str:
    """One row per language and section ('all' first): the figures regional reports ask for."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["code", "language", "section", "offered", "pages_total", "pages_translated", "pages_reviewed",
                     "pages_machine", "pages_outdated", "pages_missing", "words_total", "words_translated", "pages_unreviewed",
                     "segments_total", "segments_reviewed", "words_reviewed", "words_to_review", "audio_pages"])
    for code, language in data["languages"].items():
        pages, words = language["pages"], language["words"]
        writer.writerow([code, language["name"], data.get("section_filter") or "all", "yes" if language["offered"] else "no",
                         pages["total"], pages["translated"], pages["reviewed"], pages["machine"], pages["outdated"],
                         pages["missing"], words["total"], words["translated"], pages.get("unreviewed", 0), *_segment_csv(language),
                         language.get("audio", {}).get("pages", 0)])
        for section, section_data in (language.get("by_section") or {}).items():
            p, w = section_data["pages"], section_data["words"]
            writer.writerow([code, language["name"], section, "yes" if language["sections_offered"].get(section) else "no",
                             p["total"], p["translated"], p["reviewed"], p["machine"], p["outdated"], p["missing"],
                             w["total"], w["translated"], p.get("unreviewed", 0), *_segment_csv(section_data),
                             section_data.get("audio", {}).get("pages", 0)])
    return buffer.getvalue()


def _segment_csv(data: dict) -> list[int]:
    segments = data.get("segments") or {"total": 0, "reviewed": 0, "words": {"reviewed": 0}, "words_to_review": 0}
    return [segments["total"], segments["reviewed"], segments["words"]["reviewed"], segments["words_to_review"]]


LANGUAGES_MARKER = "<!-- languages -->"


def render_languages_page(data: dict, names: dict[str, tuple[str, str]], t) -> str:
    """The site's "Languages" page body: the offered count and the coverage table, in the reader's
    language (`t` looks up interface strings). `names` maps code -> (own name, BCP 47 tag)."""
    lines = [
        f"**{t('languages.summary').replace('{count}', str(len(data['offered'])))}**", "",
        t("languages.rule"), "",
        "| " + " | ".join(t(key) for key in ("languages.language", "languages.offered", "languages.pages",
                                              "languages.reviewed", "languages.machine", "languages.outdated",
                                              "languages.missing")) + " |",
        "|---|:-:|--:|--:|--:|--:|--:|",
    ]
    for code, language in data["languages"].items():
        name, tag = names[code]
        pages = language["pages"]
        offered = t("languages.yes") if language["offered"] else t("languages.no")
        lines.append(f'| <span lang="{tag}">{name}</span> | {offered} | {pages["translated"]}/{pages["total"]} | '
                     f'{pages["reviewed"]} | {pages["machine"]} | {pages["outdated"]} | {pages["missing"]} |')
    return "\n".join(lines) + "\n"
