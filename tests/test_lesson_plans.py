"""The lesson-plan schema (CONVENTIONS item 3) of the Swedish source, one case per rule, each reported as
`path:line: error: … — what to do`; the real lessons pass it; the content check and the build refuse a
broken lesson; key Swedish words of a lesson stay bold and in the same form in every language."""
import subprocess
import sys

import pytest

from conftest import REPO, copy_project
from wayfinder import facts, key_terms, lessons
from wayfinder.frontmatter import split
from wayfinder.glossary import load_source
from wayfinder.schema import check_source_meta, key_lines

GLOSSARY = set(load_source(REPO / "glossary"))

VALID = """---
title: "Lektion: Test"
description: En lektion.
section: teachers
kind: lesson
theme: health
reviewed: 2026-11-30
sources:
  - title: "1177"
    url: https://www.1177.se/
lesson:
  duration: 90
  goals:
    - Mål
  materials:
    - Papper
  pages:
    - vard/index.md
  signs: ["1177", vardcentral]
---

# Lektion: Test

Lektionen handlar om **vårdcentral** och **1177**.

## Lektionens gång

!!! plan
    1. Introduktion (5 minuter).
    2. Övning 1: Kort (30 minuter)
    3. Paus (10 minuter).
    4. Övning 2: Prata (30 minuter)
    5. Samtal (10 minuter).
    6. Avslutning (5 minuter).

## Övning 1: Kort

!!! purpose
    Syfte.

!!! preparation
    Skriv ut korten.

!!! steps
    1. Visa skyltarna (10 minuter).
    2. Paren lägger korten vid rätt skylt (20 minuter).

!!! cards
    - Noor hostar mitt i natten.
    - Karim vill sluta röka.

!!! answers
    - 1177.
    - Vårdcentralen.

!!! low-literacy
    Läs korten högt. Skyltarna har bilder.

## Övning 2: Prata

!!! purpose
    Syfte.

!!! preparation
    Inget.

!!! steps
    1. Prata i par (30 minuter).

!!! answers
    - Alla svar är bra.

!!! low-literacy
    Muntligt.

## Frågor att samtala om

!!! questions
    - Vad tycker du?
"""


def findings(text: str) -> list[str]:
    document = split(text, "content/larare/lektioner/test.md")
    lines = {**key_lines(text), **lessons.nested_lines(text)}
    found = check_source_meta("content/larare/lektioner/test.md", document.meta, text, GLOSSARY)
    found += lessons.check_source("content/larare/lektioner/test.md", document.meta, document.body, document.body_line, lines, GLOSSARY)
    return [str(f) for f in found]


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), start=1) if fragment in line)


def test_a_complete_lesson_passes():
    assert findings(VALID) == []


@pytest.mark.parametrize("change,fragment,message", [
    (("    5. Samtal (10 minuter).", "    5. Samtal (15 minuter)."), "!!! plan", "the plan's parts add up to 95 minutes, but lesson.duration is 90"),
    (("    6. Avslutning (5 minuter).", "    6. Avslutning."), "6. Avslutning", "plan part 6 has no time — end it with '(N minuter)'"),
    (("    3. Paus (10 minuter).\n", "    3. Rollspel (10 minuter).\n"), "!!! plan", "a lesson of 90 minutes needs a break"),
    (("    2. Paren lägger korten vid rätt skylt (20 minuter).", "    2. Paren lägger korten vid rätt skylt."), "2. Paren lägger",
     "step 2 of 'Övning 1: Kort' has no time"),
    (("!!! answers\n    - 1177.\n    - Vårdcentralen.\n", "!!! answers\n    - 1177.\n"), "!!! answers", "2 cards but 1 answers"),
    (("!!! low-literacy\n    Muntligt.\n", ""), "## Övning 2: Prata", "'Övning 2: Prata' has no '!!! low-literacy' box"),
    (("!!! answers\n    - Alla svar är bra.\n", ""), "## Övning 2: Prata", "'Övning 2: Prata' has no '!!! answers' box"),
    (('  signs: ["1177", vardcentral]', '  signs: ["1177", vardcentralen]'), "  signs:", "sign 'vardcentralen' is not a term id in glossary/sv.yml"),
    (("## Övning 2: Prata", "## Övning 3: Prata"), "## Övning 3: Prata", "exercise 3 should be number 2"),
    (("!!! purpose\n    Syfte.\n\n!!! preparation\n    Skriv ut korten.\n", "!!! preparation\n    Skriv ut korten.\n\n!!! purpose\n    Syfte.\n"),
     "## Övning 1: Kort", "use the order purpose, preparation, steps, cards, answers, low-literacy"),
    (("## Lektionens gång\n", "## Planen\n"), "## Planen", "'## Planen' is not a part of a lesson plan"),
    (("# Lektion: Test\n", "# Test\n"), "# Test", "the page title must be '# Lektion: …'"),
])
def test_each_rule_is_reported_with_file_line_and_advice(change, fragment, message):
    old, new = change
    assert old in VALID
    text = VALID.replace(old, new, 1)
    found = findings(text)
    expected_line = line_of(text, fragment)
    matching = [f for f in found if message in f]
    assert matching, found
    assert matching[0].startswith(f"content/larare/lektioner/test.md:{expected_line}: error: "), matching
    assert " — " in matching[0]  # says what to do


def test_a_lesson_without_signs_or_plan_is_reported():
    text = VALID.replace('  signs: ["1177", vardcentral]\n', "")
    text = text.replace(text[text.index("## Lektionens gång"):text.index("## Övning 1")], "")
    found = findings(text)
    assert any("lesson.signs is missing" in f for f in found)
    assert any("has no '## Lektionens gång'" in f for f in found)


def test_every_swedish_lesson_passes_the_schema():
    problems = []
    for path in sorted((REPO / "content" / "larare" / "lektioner").glob("*.md")):
        if path.name.count(".") > 1:
            continue  # translations: their structure is checked by parity
        text = path.read_text(encoding="utf-8")
        document = split(text, path)
        if document.meta.get("kind") != "lesson":
            continue
        lines = {**key_lines(text), **lessons.nested_lines(text)}
        problems += lessons.check_source(str(path.relative_to(REPO)), document.meta, document.body, document.body_line, lines, GLOSSARY)
    assert problems == []


def test_translations_keep_cards_answers_and_timed_steps():
    """The same reader gives every language the same number of cards, answers and steps as the Swedish."""
    for source in sorted((REPO / "content" / "larare" / "lektioner").glob("*.md")):
        if source.name.count(".") > 1:
            continue
        swedish = lessons.parse(split(source.read_text(encoding="utf-8")).body)
        for translation in sorted(source.parent.glob(source.stem + ".*.md")):
            other = lessons.parse(split(translation.read_text(encoding="utf-8")).body)
            assert other.plan is not None and len(other.plan.box("plan").numbered) == len(swedish.plan.box("plan").numbered), translation
            for mine, theirs in zip(swedish.exercises, other.exercises):
                for name in ("steps", "cards", "answers"):
                    count = lambda box: len(box.items) if box else 0  # noqa: E731
                    assert count(mine.box(name)) == count(theirs.box(name)), (translation.name, mine.title, name)
                for step in theirs.box("steps").numbered:
                    assert lessons.minutes(step.text) is not None, (translation.name, step.text)


def test_the_content_check_refuses_a_broken_lesson(tmp_path):
    project = copy_project(tmp_path)
    lesson = project / "content" / "larare" / "lektioner" / "halsa.md"
    text = lesson.read_text(encoding="utf-8").replace("    3. Paus (10 minuter).", "    3. Paus.")
    lesson.write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "check.py"), "--root", str(project)],
                            capture_output=True, text=True)
    assert result.returncode != 0
    expected = f"content/larare/lektioner/halsa.md:{line_of(text, '    3. Paus.')}: error: plan part 3 has no time"
    assert expected in result.stdout + result.stderr, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_key_terms_must_keep_the_swedish_form_in_translations():
    swedish = "# T\n\nRing **vårdcentralen** eller **1177**.\n"
    meta = {"terms": ["vardcentral", "1177"]}
    terms = {"vardcentral": "vårdcentral", "1177": "1177"}
    same = ("x.ar.md", "# T\n\nاتصل بـ**Vårdcentralen** (المركز الصحي) أو **1177**.\n", 1)
    other_form = ("x.ti.md", "# T\n\n**vårdcentral** (ማእከል ጥዕና) ወይ **1177**።\n", 1)
    only_translated = ("x.fa-AF.md", "# T\n\nبه مرکز صحی یا **1177** زنگ بزنید.\n", 1)
    found = [str(f) for f in key_terms.check_page("x.md", meta, swedish, 1, {"terms": 3}, [same, other_form, only_translated], terms)]
    assert len(found) == 2, found
    assert all("**vårdcentralen**" in f for f in found)
    assert {f.split(":")[0] for f in found} == {"x.ti.md", "x.fa-AF.md"}
    missing = [str(f) for f in key_terms.check_page("x.md", {"terms": ["tolk"]}, swedish, 1, {"terms": 3}, [], {"tolk": "tolk"})]
    assert missing == ["x.md:3: error: key term 'tolk' (terms: tolk) is not bold on the page — write **tolk** (or an inflected "
                       "form) where the page uses it, or remove the id from terms [terms.not-bold]"]


def test_the_lessons_signs_are_bold_in_the_same_form_in_every_language():
    """elevhälsan, ungdomsmottagningen … appear as the Swedish word on every language's lesson page."""
    documents = {}
    for path in sorted((REPO / "content" / "larare" / "lektioner").glob("*.md")):
        parts = path.name.split(".")
        code = parts[1] if len(parts) == 3 else "sv"
        text = path.read_text(encoding="utf-8")
        documents[(parts[0], code)] = (str(path.relative_to(REPO)), text, split(text, path))
    terms = {term_id: entry.term for term_id, entry in load_source(REPO / "glossary").items()}
    # A bold phone-number placeholder (**{{fact:phone.emergency}}**) stands for its number, as in the build.
    values = {fact.id: str(fact.value) for fact in facts.load_facts(REPO).facts.values() if fact.value is not None}
    assert key_terms.check_documents(documents, "sv", terms, lessons_only=True, fact_values=values) == []
    health = {code: doc for (page, code), (_, _, doc) in documents.items() if page == "halsa"}
    for code, document in health.items():
        forms = {form for _, form in key_terms.bold_forms(document.body)}
        assert {"elevhälsan", "ungdomsmottagningen", "MVC"} <= forms, code


def test_the_key_term_report_runs_over_every_page():
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "key_terms.py"), "--lang", "ar"], capture_output=True, text=True)
    assert result.returncode in (0, 1), result.stderr
    assert "finding(s)" in result.stderr
    for line in result.stdout.splitlines():
        path, number, rest = line.split(":", 2)
        assert path.endswith(".ar.md") and number.isdigit() and "error: key term" in rest
