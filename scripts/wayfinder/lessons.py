"""Lesson plans (CONVENTIONS item 3): the structure of a lesson page, read into data, and the schema
check of the Swedish source.

A lesson page is Markdown with a fixed shape:

    # Lektion: …
    intro paragraph
    ## Lektionens gång
    !!! plan            numbered list, every part ends with "(N minuter)"; they add up to lesson.duration
    ## Övning N: …      one per exercise, boxes in this order:
    !!! purpose / !!! preparation / !!! steps (numbered, every step timed) / !!! cards (optional,
    bulleted, one case card per item) / !!! answers (one per card or question, same order) / !!! low-literacy
    ## Frågor att samtala om
    !!! questions

Translations keep every box and number and translate the text, so the same reader (`parse`) gives the
data of a lesson in any language: the printable materials (`materials.py`) are built from it.

This is also the lesson page kind's module (structure.yml, wayfinder.page_kinds): `page_markdown` titles
the boxes in the page's language, `page_context` is the lesson card (overrides/partials/lesson.html)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .content import page_url
from .markdown_lines import lines_outside_code
from .schema import Finding

PLAN_HEADING = "Lektionens gång"
EXERCISE_HEADING = re.compile(r"^Övning (\d+):\s*\S")
QUESTIONS_HEADING = "Frågor att samtala om"
EXERCISE_BOXES = ("purpose", "preparation", "steps", "cards", "answers", "low-literacy")
REQUIRED_BOXES = ("purpose", "preparation", "steps", "answers", "low-literacy")
BOX_NAMES = ("plan",) + EXERCISE_BOXES + ("questions",)
# A timed part: "… (10 minuter)" or "… (10 minuter)." — the Swedish source's way of writing it.
SWEDISH_MINUTES = re.compile(r"\((\d+) minuter?\)[.!?]?\s*$")
# In any language the minutes are the digits in the last parentheses of the item.
ANY_MINUTES = re.compile(r"\(([^()]*?)(\d+)([^()]*)\)[.!?。۔።]?\s*$")  # ። ends an Ethiopic sentence
BREAK_FROM_MINUTES = 90

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BOX = re.compile(r"^!!!\s+([\w-]+)(?:\s+\"[^\"]*\")?\s*$")
_NUMBERED = re.compile(r"^\s{4}(\d+)\.\s+(.*)$")
_BULLET = re.compile(r"^\s{4}[-*+]\s+(.*)$")


@dataclass
class Item:
    line: int
    text: str
    number: int | None = None  # the list number of a numbered item


@dataclass
class Box:
    name: str
    line: int
    numbered: list[Item] = field(default_factory=list)
    bullets: list[Item] = field(default_factory=list)
    text: list[str] = field(default_factory=list)  # every non-empty line, markers stripped

    @property
    def items(self) -> list[Item]:
        return self.numbered or self.bullets


@dataclass
class Section:
    title: str
    line: int
    level: int
    boxes: list[Box] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)

    def box(self, name: str) -> Box | None:
        return next((b for b in self.boxes if b.name == name), None)


@dataclass
class Lesson:
    title: str | None
    title_line: int
    sections: list[Section]

    @property
    def plan(self) -> Section | None:
        return next((s for s in self.sections if s.box("plan")), None)

    @property
    def exercises(self) -> list[Section]:
        """Sections with exercise boxes (by structure, so it works in every language)."""
        return [s for s in self.sections if s.box("steps") or s.box("purpose")]

    @property
    def questions(self) -> Box | None:
        return next((s.box("questions") for s in self.sections if s.box("questions")), None)


def parse(body: str, first_line: int = 1) -> Lesson:
    """The lesson's parts, in any language: headings, boxes, their list items (with line numbers)."""
    title, title_line = None, first_line
    sections: list[Section] = []
    box: Box | None = None
    intro = Section("", first_line, 1)
    sections.append(intro)
    for number, raw in lines_outside_code(body, first_line):
        heading = _HEADING.match(raw)
        if heading:
            box = None
            level = len(heading.group(1))
            if level == 1 and title is None:
                title, title_line = heading.group(2), number
            else:
                sections.append(Section(heading.group(2), number, level))
            continue
        opened = _BOX.match(raw)
        if opened:
            box = Box(opened.group(1), number)
            sections[-1].boxes.append(box)
            continue
        if box is not None and raw.strip() and not raw.startswith((" ", "\t")):
            box = None  # the box ended: text at the left margin
        if box is None:
            if raw.strip():
                sections[-1].paragraphs.append(raw.strip())
            continue
        numbered, bullet = _NUMBERED.match(raw), _BULLET.match(raw)
        if numbered:
            box.numbered.append(Item(number, numbered.group(2).strip(), int(numbered.group(1))))
        elif bullet:
            box.bullets.append(Item(number, bullet.group(1).strip()))
        elif raw.strip() and (box.numbered or box.bullets) and raw.startswith(" " * 6):
            target = (box.numbered or box.bullets)[-1]  # a list item's continuation line
            target.text += " " + raw.strip()
        if raw.strip():
            box.text.append(re.sub(r"^(\d+\.|[-*+])\s+", "", raw.strip()))
    return Lesson(title, title_line, sections)


def minutes(text: str) -> int | None:
    """The minutes of a timed item in any language ("(10 minuter)", "(10 minutes)", "(10 ደቒቕ)።"), or None.
    Translations copy the digits as written, so they are ASCII digits in every language."""
    match = ANY_MINUTES.search(text)
    return int(match.group(2)) if match else None


def check_source(path: str, meta: dict, body: str, body_line: int, lines: dict[str, int],
                 glossary_ids: set[str] | None) -> list[Finding]:
    """Findings for the Swedish source of a lesson (front matter `kind: lesson`)."""
    findings: list[Finding] = []

    def error(code: str, line: int, message: str) -> None:
        findings.append(Finding(code, path, line, "error", message))

    lesson_meta = meta.get("lesson") if isinstance(meta.get("lesson"), dict) else {}
    duration = lesson_meta.get("duration") if isinstance(lesson_meta.get("duration"), int) else None
    signs = lesson_meta.get("signs")
    signs_line = _nested_key_line(lines, "signs")
    if signs is None:
        error("lesson.signs", lines.get("lesson", 1), "lesson.signs is missing — list the glossary ids (glossary/sv.yml) printed as "
                                      "signs for the exercises, e.g. signs: [vardcentral, \"1177\"]")
    elif not isinstance(signs, list) or not signs or not all(isinstance(s, str) and s for s in signs):
        error("lesson.signs", signs_line, "lesson.signs must be a list of glossary ids, e.g. [vardcentral, \"1177\"] — quote ids that are numbers")
    elif glossary_ids is not None:
        for sign in signs:
            if sign not in glossary_ids:
                error("lesson.unknown-sign", signs_line, f"sign '{sign}' is not a term id in glossary/sv.yml — add the term there or fix the id")

    lesson = parse(body, body_line)
    if not lesson.title or not lesson.title.startswith("Lektion: "):
        error("lesson.title", lesson.title_line, "the page title must be '# Lektion: …' — start the first heading with 'Lektion: '")
    if not [p for p in lesson.sections[0].paragraphs if not p.startswith("#")]:
        error("lesson.introduction", lesson.title_line, "the lesson has no introduction paragraph — write what the lesson is about under the title")

    h2 = [s for s in lesson.sections if s.level == 2]
    # Lektionens gång: the plan.
    plan_section = next((s for s in h2 if s.title == PLAN_HEADING), None)
    if plan_section is None:
        error("lesson.plan", h2[0].line if h2 else lesson.title_line,
              f"the lesson has no '## {PLAN_HEADING}' — add it after the introduction, with a '!!! plan' box listing every part")
    else:
        if h2[0] is not plan_section:
            error("lesson.plan", plan_section.line, f"'## {PLAN_HEADING}' must be the first section — move it before the exercises")
        plan = plan_section.box("plan")
        if plan is None:
            error("lesson.plan", plan_section.line, f"'## {PLAN_HEADING}' has no '!!! plan' box — add one with a numbered list of the parts")
        elif not plan.numbered:
            error("lesson.plan", plan.line, "the plan is not a numbered list — write each part as '1. … (N minuter)'")
        else:
            total = 0
            for item in plan.numbered:
                timed = SWEDISH_MINUTES.search(item.text)
                if not timed:
                    error("lesson.plan-time", item.line, f"plan part {item.number} has no time — end it with '(N minuter)'")
                else:
                    total += int(timed.group(1))
            if duration is not None and total != duration and all(SWEDISH_MINUTES.search(i.text) for i in plan.numbered):
                error("lesson.plan-total", plan.line, f"the plan's parts add up to {total} minutes, but lesson.duration is {duration} — "
                                 "change the minutes or the duration so they match")
            if duration is not None and duration >= BREAK_FROM_MINUTES and not any(
                    re.search(r"\bpaus\b|\brast\b", item.text, re.I) for item in plan.numbered):
                error("lesson.break", plan.line, f"a lesson of {duration} minutes needs a break — add a part 'Paus (N minuter)' to the plan")

    # Exercises.
    exercises = [s for s in h2 if EXERCISE_HEADING.match(s.title)]
    if not exercises:
        error("lesson.exercise", h2[0].line if h2 else lesson.title_line, "the lesson has no exercise — add '## Övning 1: …' with its boxes")
    for expected, section in enumerate(exercises, start=1):
        number = int(EXERCISE_HEADING.match(section.title).group(1))
        if number != expected:
            error("lesson.exercise-number", section.line, f"exercise {number} should be number {expected} — number the exercises 1, 2, 3 …")
        names = [b.name for b in section.boxes]
        for required in REQUIRED_BOXES:
            if required not in names:
                error("lesson.exercise-box", section.line, f"'{section.title}' has no '!!! {required}' box — add it ({_BOX_HELP[required]})")
        unknown = [n for n in names if n not in EXERCISE_BOXES]
        for box in section.boxes:
            if box.name in unknown:
                error("lesson.exercise-box", box.line, f"'!!! {box.name}' is not an exercise box — use {', '.join(EXERCISE_BOXES)}")
        known = [n for n in names if n in EXERCISE_BOXES]
        if known != sorted(known, key=EXERCISE_BOXES.index):
            error("lesson.box-order", section.line, f"the boxes of '{section.title}' are in the order {', '.join(known)} — use the order "
                                f"{', '.join(n for n in EXERCISE_BOXES if n in known)}")
        if len(known) != len(set(known)):
            error("lesson.exercise-box", section.line, f"'{section.title}' has a box twice — keep one of each")
        for box in section.boxes:
            if box.name in EXERCISE_BOXES and not box.text:
                error("lesson.empty-box", box.line, f"the '!!! {box.name}' box is empty — write its text, indented by four spaces")
        steps = section.box("steps")
        if steps is not None and steps.text:
            if not steps.numbered:
                error("lesson.steps", steps.line, "the steps are not a numbered list — write each as '1. … (N minuter)'")
            for item in steps.numbered:
                if not SWEDISH_MINUTES.search(item.text):
                    error("lesson.steps", item.line, f"step {item.number} of '{section.title}' has no time — end it with '(N minuter)'")
        cards, answers = section.box("cards"), section.box("answers")
        if cards is not None and cards.text and not cards.bullets:
            error("lesson.cards", cards.line, "the cards are not a bulleted list — write one case card per '- …' line")
        if cards is not None and answers is not None and cards.bullets and len(answers.items) != len(cards.bullets):
            error("lesson.cards", answers.line, f"{len(cards.bullets)} cards but {len(answers.items)} answers — write one answer per card, "
                                "as a list in the same order")

    questions_section = next((s for s in h2 if s.title == QUESTIONS_HEADING), None)
    if questions_section is None:
        error("lesson.questions", h2[-1].line if h2 else lesson.title_line, f"the lesson has no '## {QUESTIONS_HEADING}' — add it with a '!!! questions' box")
    elif questions_section.box("questions") is None or not questions_section.box("questions").bullets:
        error("lesson.questions", questions_section.line, f"'## {QUESTIONS_HEADING}' needs a '!!! questions' box — add one with a bulleted list of questions")
    for section in h2:
        if section not in exercises and section.title not in (PLAN_HEADING, QUESTIONS_HEADING):
            error("lesson.unknown-section", section.line, f"'## {section.title}' is not a part of a lesson plan — use '## {PLAN_HEADING}', "
                                f"'## Övning N: …' or '## {QUESTIONS_HEADING}'")
    return findings


_BOX_HELP = {
    "purpose": "what the participants learn",
    "preparation": "what the teacher prepares",
    "steps": "numbered steps, each ending with '(N minuter)'",
    "answers": "the expected answer for each card or question, in the same order",
    "low-literacy": "how to do the exercise without reading: pictures, pictograms, signs, oral work",
}


def _nested_key_line(lines: dict[str, int], key: str) -> int:
    return lines.get(f"lesson.{key}", lines.get("lesson", 1))


def nested_lines(text: str) -> dict[str, int]:
    """Lines of the keys inside the front matter's `lesson:` block ('lesson.signs': 23)."""
    found: dict[str, int] = {}
    inside = False
    for number, line in enumerate(text.split("\n")[1:], start=2):
        if line.rstrip() in ("---", "..."):
            break
        if re.match(r"^lesson\s*:", line):
            inside = True
            continue
        if inside and line and not line.startswith((" ", "\t")):
            inside = False
        match = re.match(r"^\s{2}([A-Za-z_][\w-]*)\s*:", line) if inside else None
        if match:
            found[f"lesson.{match.group(1)}"] = number
    return found


# The lesson page kind -----------------------------------------------------------------------------------

# `!!! purpose` → `!!! purpose "Syfte"`: every box titled in the page's language (locales: lesson.<box>).
_UNTITLED_BOX = re.compile(r"^([ \t]*)!!! (" + "|".join(map(re.escape, BOX_NAMES)) + r")[ \t]*$", re.M)


def page_markdown(markdown: str, language) -> str:
    return _UNTITLED_BOX.sub(lambda m: f'{m.group(1)}!!! {m.group(2)} "{language.t(f"lesson.{m.group(2)}")}"', markdown)


def page_context(page, site) -> dict | None:
    """The lesson card: duration, goals, materials, the pages it teaches (titled as in the navigation), its
    printable materials and handout, its signs, and the lesson in every language it is written in.
    `page`, `site`: wayfinder.page_kinds.Page and Site. Raises GlossaryError for a broken glossary."""
    from . import materials

    lesson = page.meta.get("lesson")
    if not isinstance(lesson, dict):
        return None
    titles = page.nav_titles()
    structure, registry, prefix = site.structure, site.registry, page.prefix
    signs = materials.signs_for(lesson.get("signs") or [], page.code, registry, site.root / "glossary", site.root / "overrides")
    return {
        "duration": lesson.get("duration"), "goals": lesson.get("goals") or [], "materials": lesson.get("materials") or [],
        "pages": [{"title": titles.get(p, p), "url": prefix + page_url(p)} for p in lesson.get("pages") or []],
        "printables_url": prefix + materials.materials_url(page.shared, structure)
        if materials.is_lesson_page(page.shared, structure) else None,
        "handout_url": prefix + structure.theme_collection(page.meta.get("theme")).url,
        "signs": [{"term": s.term, "translation": s.translation, "alt": s.alt, "src": s.pictogram} for s in signs],
        # The lesson in every language it is written in (machine drafts too: their notice says so).
        "versions": [{"name": language.name, "lang": language.lang, "dir": language.direction,
                      "url": language.url_prefix + page_url(page.shared),
                      "current": language.code == page.code}
                     for language in registry if language.code in site.tree.pages.get(page.shared, {})],
    }
