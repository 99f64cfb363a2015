"""Replace figures written as text in content/ with {{fact:ID}} placeholders (issue #14). Review the diff after.

  python scripts/convert_facts.py [--dry-run] [--root DIR]

Phone numbers: every phone number of facts/*.yml, in every language and every page, as text (body, title,
description), not in link targets, web addresses (1177.se), code or HTML attributes.

Amounts and ages: the occurrences listed in OCCURRENCES, found in the Swedish source by a piece of their
sentence, and the occurrence in the same position (the n-th time the number appears) in each translation. An
amount is replaced with its word for kronor ("50 kronor", "50 كرونة" become the placeholder, which renders the
amount in the reader's language); an age only as a number ("fyllt {{fact:age.id-card-min}} år"). A translation
where the number does not appear as often as in its source is listed for a person, not guessed.

A translation that followed its source before the run still follows it after (its source_hash is updated): the
run changes how a figure is written, not what the page says. Running it again changes nothing."""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from wayfinder import REPO_ROOT  # noqa: E402
from wayfinder.content import scan  # noqa: E402
from wayfinder.facts import PLACEHOLDER, load_facts  # noqa: E402
from wayfinder.hashing import hash_text  # noqa: E402
from wayfinder.languages import load_registry  # noqa: E402

# page -> [(a piece of the Swedish sentence, the number as written there, fact id)], in page order.
OCCURRENCES: dict[str, list[tuple[str, str, str]]] = {
    "start/forsta-stegen.md": [
        ("Du måste ha fyllt 13 år.", "13", "age.id-card-min"),
        ("Ansökan kostar 400 kronor", "400", "fee.id-card"),
        ("har fyllt 20 år och nyligen", "20", "age.establishment-programme-from"),
        ("1 juli det år du fyller 16", "16", "age.sfi-from"),
        ("Har du barn under 16 år?", "16", "age.child-benefit-until"),
    ],
    "samhallsorientering/att-komma-till-sverige/uppehallstillstand-och-folkbokforing.md": [
        ("har fyllt 13 år", "13", "age.id-card-min"),
        ("Är du under 18 år?", "18", "age.id-card-guardian-consent"),
    ],
    "samhallsorientering/familj-och-barn/forskola-och-skola.md": [
        ("## Förskola från 1 år", "1", "age.preschool-from"),
        ("när det har fyllt 1 år", "1", "age.preschool-from"),
        ("det år barnet fyller 3 år", "3", "age.universal-preschool"),
        ("hösten det år barnet fyller 6 år", "6", "age.school-start"),
        ("Fritids finns för barn från 6 år", "6", "age.school-start"),
        ("det år de fyller 13 år", "13", "age.after-school-until"),
    ],
    "samhallsorientering/familj-och-barn/index.md": [
        ("Du måste vara 18 år för att gifta dig", "18", "age.marriage"),
        ("finns för barn från 1 år", "1", "age.preschool-from"),
        ("hösten det år barnet fyller 6 år", "6", "age.school-start"),
        ("yngre än 16 år", "16", "age.child-benefit-until"),
    ],
    "samhallsorientering/att-paverka/rosta-och-engagera-dig.md": [
        ("Du måste ha fyllt 18 år senast på valdagen", "18", "age.voting"),
    ],
    "samhallsorientering/att-aldras/pension-och-aldreomsorg.md": [
        ("om du har bott här i 40 år", "40", "years.guarantee-pension-residence"),
        ("Riktåldern är 67 år", "67", "age.pension-target"),
        ("högst 2 660 kronor i månaden", "2 660", "fee.elderly-care-max-month"),
    ],
    "samhallsorientering/att-forsorja-sig/arbete-och-sfi.md": [
        ("är minst 16 år (från och med andra halvåret", "16", "age.sfi-from"),
        ("andra halvåret det år du fyller 16)", "16", "age.sfi-from"),
    ],
    "samhallsorientering/att-forsorja-sig/index.md": [
        ("har fyllt 20 år och nyligen", "20", "age.establishment-programme-from"),
    ],
    "samhallsorientering/att-bo-i-sverige/hyra-bostad.md": [
        ("unga mellan 18 och 28 år", "18", "age.housing-allowance-young-from"),
        ("unga mellan 18 och 28 år", "28", "age.housing-allowance-young-until"),
    ],
    "samhallsorientering/att-bo-i-sverige/index.md": [
        ("unga mellan 18 och 28 år", "18", "age.housing-allowance-young-from"),
        ("unga mellan 18 och 28 år", "28", "age.housing-allowance-young-until"),
    ],
    "samhallsorientering/halsa/halsa-i-vardagen.md": [
        ("från 6 till 17 år", "6", "age.activity-children-from"),
        ("från 6 till 17 år", "17", "age.activity-children-until"),
        ("vara 20 år för att köpa alkohol", "20", "age.alcohol-systembolaget"),
        ("vara 18 år för att få alkohol", "18", "age.alcohol-restaurant"),
        ("vara 18 år för att köpa tobak", "18", "age.tobacco"),
        ("upp till 18 år får vaccin gratis", "18", "age.vaccination-programme-until"),
    ],
    "samhallsorientering/halsa/index.md": [
        ("upp till 18 år får vaccin gratis", "18", "age.vaccination-programme-until"),
    ],
    "larare/lektioner/familj-och-barn.md": [
        ("Du måste vara 18 år för att gifta dig", "18", "age.marriage"),
        ("Förskola från 1 år.", "1", "age.preschool-from"),
        ("Allmän förskola från hösten det år barnet fyller 3 år", "3", "age.universal-preschool"),
        ("Förskoleklass från hösten det år barnet fyller 6 år", "6", "age.school-start"),
        ("från 6 år till våren", "6", "age.school-start"),
        ("det år barnet fyller 13 år", "13", "age.after-school-until"),
    ],
    "larare/lektioner/att-aldras.md": [
        ("Riktåldern är 67 år", "67", "age.pension-target"),
        ("bott i Sverige i 40 år", "40", "years.guarantee-pension-residence"),
    ],
    "larare/lektioner/att-paverka.md": [
        ("Selam fyller 18 år", "18", "age.voting"),
        ("Man måste ha fyllt 18 år senast på valdagen", "18", "age.voting"),
    ],
    "vard/avgifter.md": [
        ("gratis för barn under 18 år", "18", "age.free-medicines-children"),
        ("Vård för barn och unga under 18 år", "18", "age.child"),
        ("på vårdcentralen kostar högst 50 kronor", "50", "fee.asylum-doctor-visit"),
        ("på recept kostar högst 50 kronor", "50", "fee.asylum-prescription"),
    ],
    "vard/lakemedel-och-apotek.md": [
        ("gratis för barn under 18 år", "18", "age.free-medicines-children"),
        ("högst 50 kronor för ett läkemedel", "50", "fee.asylum-prescription"),
    ],
    "vard/tandvard.md": [
        ("Barn under 18 år får samma tandvård", "18", "age.child-health-care"),
        ("kostar 50 kronor", "50", "fee.asylum-dental-visit"),
    ],
    "vard/psykisk-halsa.md": [
        ("barn och unga upp till 18 år", "18", "age.bup-until"),
        ("Den som är under 18 år kan också kontakta BUP", "18", "age.bup-until"),
    ],
    "vard/index.md": [
        ("Barn under 18 år ska få samma vård", "18", "age.child-health-care"),
        ("kostar högst 50 kronor", "50", "fee.asylum-doctor-visit"),
    ],
    # The lessons' answer keys (issue 20) repeat the ages of the pages they teach.
    "larare/lektioner/att-komma-till-sverige.md": [
        ("ha fyllt 13 år och kunna visa vem hon är", "13", "age.id-card-min"),
    ],
    "larare/lektioner/familjens-stod.md": [
        ("När barnet har fyllt 1 år", "1", "age.preschool-from"),
        ("Från hösten det år barnet fyller 3 år", "3", "age.universal-preschool"),
        ("På hösten det år barnet fyller 6 år", "6", "age.school-start"),
    ],
    "larare/lektioner/ma-bra.md": [
        ("Den som är under 18 år kan också kontakta BUP", "18", "age.bup-until"),
    ],
    "larare/lektioner/papper-och-nummer.md": [
        ("Du kan få det när du har fyllt 13 år", "13", "age.id-card-min"),
        ("eftersom han har fyllt 13 år och är folkbokförd", "13", "age.id-card-min"),
    ],
    "larare/lektioner/tolk-avgifter-apotek.md": [
        ("är gratis för barn under 18 år", "18", "age.free-medicines-children"),
    ],
}

# A number as pages write it (wayfinder.parity.NUMBER), and the spans of a line that are not text.
NUMBER = re.compile(r"(?<![\w-])\d+(?:[ \u00a0\u202f-]\d+)*(?![\w])")
NOT_TEXT = re.compile(r"\]\([^)]*\)|<[^>]+>|https?://\S+|\b[\w.-]+\.(?:se|nu|org|com|eu|net)\b(?:/\S*)?|`[^`]*`|\{\{[^}]*\}\}")
FENCE = re.compile(r"^\s*(```|~~~)")


def text_spans(line: str) -> list[tuple[int, int]]:
    """The parts of a line that readers read as text."""
    spans, start = [], 0
    for match in NOT_TEXT.finditer(line):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(line)))
    return spans


def front_and_body(text: str) -> tuple[list[str], int]:
    """The file's lines and the index of the first body line."""
    lines = text.split("\n")
    if lines and lines[0] == "---":
        for index in range(1, len(lines)):
            if lines[index] in ("---", "..."):
                return lines, index + 1
    return lines, 0


def editable_lines(lines: list[str], body_start: int):
    """Indexes of lines whose text may hold figures: title and description, and the body outside code."""
    for index in range(1, body_start):
        if re.match(r"(title|description):\s", lines[index]):
            yield index
    in_code = False
    for index in range(body_start, len(lines)):
        if FENCE.match(lines[index]):
            in_code = not in_code
            continue
        if not in_code:
            yield index


def convert_phones(text: str, phones: dict[str, str]) -> tuple[str, int]:
    lines, body_start = front_and_body(text)
    count = 0
    patterns = [(re.compile(r"(?<![0-9A-Za-z_./=#-])" + re.escape(value).replace(r"\ ", "[ \u00a0]") + r"(?![0-9A-Za-z_]|[./-]\w|\*{1,2}\.\w)"), fact_id)
                for value, fact_id in sorted(phones.items(), key=lambda item: -len(item[0]))]
    for index in editable_lines(lines, body_start):
        line = lines[index]
        if index < body_start:  # title: ... / description: ...: only the value
            prefix_length = line.index(":") + 1
        else:
            prefix_length = 0
        for pattern, fact_id in patterns:
            out, position = [], 0
            for start, end in text_spans(line):
                start = max(start, prefix_length)
                if start >= end:
                    continue
                for match in pattern.finditer(line, start, end):
                    out.append(line[position:match.start()])
                    out.append(f"{{{{fact:{fact_id}}}}}")
                    position = match.end()
                    count += 1
            out.append(line[position:])
            line = "".join(out)
        lines[index] = line
    return "\n".join(lines), count


def number_positions(lines: list[str], body_start: int, literal: str, currency: re.Pattern | None) -> list[tuple[int, int, int]]:
    """(line index, start, end) of each time `literal` appears as a number in the body, in order; with
    `currency`, only where the language's word for kronor follows (and the word is included in the span)."""
    found = []
    wanted = literal.replace("\u00a0", " ")
    for index in editable_lines(lines, body_start):
        if index < body_start:
            continue
        line = lines[index]
        for start, end in text_spans(line):
            for match in NUMBER.finditer(line, start, end):
                if match.group(0).replace("\u00a0", " ").replace("\u202f", " ") != wanted:
                    continue
                stop = match.end()
                if currency is not None:
                    word = currency.match(line, stop)
                    if not word:
                        continue
                    stop = word.end()
                found.append((index, match.start(), stop))
    return found


def currency_pattern(language) -> re.Pattern:
    words = [w.strip() for w in language.ui.get("facts.currency_words", "").split(",") if w.strip()]
    parts = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) + r"(?!\w)" for w in words]
    return re.compile(r"[ \u00a0]+(?:" + "|".join(parts) + ")", re.I)


def plan(source_text: str, occurrences, kinds: dict[str, str], source_language) -> list[tuple[str, int, str]]:
    """For each listed occurrence: (literal, its position among the literal's appearances, fact id, how many
    times the literal appears in the source)."""
    lines, body_start = front_and_body(source_text)
    result = []
    for context, literal, fact_id in occurrences:
        currency = currency_pattern(source_language) if kinds[fact_id] == "amount-sek" else None
        positions = number_positions(lines, body_start, literal, currency)
        line_index = next((i for i in range(body_start, len(lines)) if context in lines[i]), None)
        if line_index is None:
            if f"{{{{fact:{fact_id}}}}}" in source_text:
                continue  # converted by an earlier run
            raise SystemExit(f"{context!r} not found in the Swedish source — update OCCURRENCES")
        offset = lines[line_index].index(context)
        nth = next((n for n, (i, s, _) in enumerate(positions) if i == line_index and s >= offset), None)
        if nth is None:
            raise SystemExit(f"{literal!r} not found in {context!r} — update OCCURRENCES")
        result.append((literal, nth, fact_id, len(positions)))
    return result


def apply(text: str, steps, kinds: dict[str, str], language) -> tuple[str, list[str]]:
    """Replace the planned occurrences in `text` (a source or a translation); the problems found."""
    lines, body_start = front_and_body(text)
    replacements, problems = [], []
    by_literal: dict[tuple[str, bool], list] = {}
    for literal, nth, fact_id, total in steps:
        is_amount = kinds[fact_id] == "amount-sek"
        key = (literal, is_amount)
        if key not in by_literal:
            by_literal[key] = number_positions(lines, body_start, literal, currency_pattern(language) if is_amount else None)
        positions = by_literal[key]
        if len(positions) != total:
            problems.append(f"'{literal}' for {fact_id}: appears {len(positions)} time(s) here, {total} in the source — "
                            "which one is the source's cannot be told by position")
            continue
        index, start, end = positions[nth]
        replacements.append((index, start, end, f"{{{{fact:{fact_id}}}}}"))
    for index, start, end, placeholder in sorted(replacements, key=lambda r: (r[0], -r[1])):
        lines[index] = lines[index][:start] + placeholder + lines[index][end:]
    return "\n".join(lines), problems


def main(argv: list[str] | None = None, root: Path = REPO_ROOT) -> int:
    parser = argparse.ArgumentParser(prog="convert_facts.py", description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="report, write nothing")
    parser.add_argument("--root", type=Path, default=root)
    args = parser.parse_args(argv)
    root = args.root.resolve()
    registry = load_registry(root / "locales")
    facts = load_facts(root)
    if facts.problems:
        print("\n".join(map(str, facts.problems)))
        return 1
    kinds = {fact_id: fact.kind for fact_id, fact in facts.facts.items()}
    phones = {str(fact.value): fact_id for fact_id, fact in facts.facts.items() if fact.kind == "phone" and fact.value}
    tree = scan(root / "content", registry)
    source_code = registry.source.code
    changed = 0
    for page, files in sorted(tree.pages.items()):
        if source_code not in files:
            continue
        source_path = files[source_code].path
        source_text = source_path.read_text(encoding="utf-8")
        old_hash = hash_text(source_text, source_path)
        steps = plan(source_text, OCCURRENCES.get(page, []), kinds, registry.source)
        new_texts = {}
        for code, file in files.items():
            text = file.path.read_text(encoding="utf-8")
            new, _ = convert_phones(text, phones)
            new, problems = apply(new, steps, kinds, registry[code])
            for problem in problems:
                print(f"{file.path.relative_to(root)}: convert by hand: {problem}")
            new_texts[code] = (file.path, text, new)
        new_hash = hash_text(new_texts[source_code][2], source_path)
        for code, (path, old, new) in new_texts.items():
            if code != source_code and old_hash != new_hash:
                # It followed the old source: it follows the new one (the same text with placeholders).
                new = re.sub(rf"(\n[ \t]+source_hash:[ \t]*[\"']?){old_hash}\b", rf"\g<1>{new_hash}", new, count=1)
            if new != old:
                changed += 1
                placeholders = len(PLACEHOLDER.findall(new)) - len(PLACEHOLDER.findall(old))
                print(f"{path.relative_to(root)}: {placeholders} placeholder(s) added")
                if not args.dry_run:
                    path.write_text(new, encoding="utf-8")
    print(f"{changed} file(s) {'would change' if args.dry_run else 'changed'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
