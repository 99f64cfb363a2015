"""The facts registry (issue #14): figures kept once in facts/*.yml, rendered into every language by the build,
checked by check.py, and changed without making any translation outdated."""
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

import check
from conftest import REPO, copy_project, run_mkdocs_build
from wayfinder import facts
from wayfinder.checks import load_check_config, run_checks
from wayfinder.content import page_url, scan
from wayfinder.l10n_config import load_config
from wayfinder.languages import load_registry
from wayfinder.status import compute_status

# Checked yesterday, so the fixture never falls due for review.
RECENT = (dt.date.today() - dt.timedelta(days=1)).isoformat()
FACTS = """\
phone.police:
  value: "114 14"
  kind: phone
  valid_from: 2005-02-01
  source: {title: "Polisen", url: "https://polisen.se/"}
  checked: RECENT

fee.visit:
  value: 1450
  kind: amount-sek
  valid_from: 2026-01-01
  source: {title: "1177: Patientavgifter", url: "https://www.1177.se/avgifter/"}
  checked: RECENT

fee.unknown-cap:
  value: null
  kind: amount-sek
  valid_from: 2026-01-01
  source: {title: "E-hälsomyndigheten", url: "https://www.ehalsomyndigheten.se/hogkostnadsskydd/"}

age.voting:
  value: 18
  kind: age
  valid_from: 2026-01-01
  source: {title: "Valmyndigheten", url: "https://www.val.se/"}
  checked: RECENT
""".replace("RECENT", RECENT)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- loading -------------------------------------------------------------------------------------------------

def test_a_valid_registry_loads_every_fact_with_its_line(tmp_path):
    write(tmp_path / "facts" / "a.yml", FACTS)
    registry = facts.load_facts(tmp_path)
    assert registry.problems == []
    assert registry["phone.police"].value == "114 14" and registry["phone.police"].where == "facts/a.yml:1"
    assert registry["fee.visit"].value == 1450 and registry["fee.visit"].line == 8
    assert registry["fee.unknown-cap"].value is None and registry["fee.unknown-cap"].checked is None


def test_no_facts_folder_is_an_empty_registry(tmp_path):
    registry = facts.load_facts(tmp_path)
    assert len(registry) == 0 and registry.problems == []


def test_a_duplicate_id_names_both_places(tmp_path):
    write(tmp_path / "facts" / "a.yml", FACTS)
    write(tmp_path / "facts" / "b.yml", "# another helper's file\n\n" + FACTS.split("\n\n")[1] + "\n")
    problems = [str(p) for p in facts.load_facts(tmp_path).problems]
    assert problems == ["facts/b.yml:3: error: fact 'fee.visit' is defined twice: here and at facts/a.yml:8 — keep one "
                        "(ids are unique across facts/) [facts.duplicate-id]"]


BROKEN = [
    ("bad YAML", 'phone.police:\n  value: "114 14\n  kind: phone\n', "facts/x.yml:2: error: not valid YAML"),
    ("missing keys", "fee.visit:\n  value: 10\n  kind: amount-sek\n",
     "facts/x.yml:1: error: fact 'fee.visit' lacks valid_from, source"),
    ("unknown kind", FACTS.replace("kind: age", "kind: years-old"), "facts/x.yml:23: error: kind 'years-old' of fact 'age.voting' is not known"),
    ("amount written as text", FACTS.replace("value: 1450", "value: 1 450 kr"), "facts/x.yml:9: error: value '1 450 kr' of fact 'fee.visit' is not a number"),
    ("phone not a phone number", FACTS.replace('value: "114 14"', 'value: "polisen"'), "facts/x.yml:2: error: phone number 'polisen'"),
    ("date not a date", FACTS.replace(f"checked: {RECENT}\n\nfee.visit", "checked: igår\n\nfee.visit"), "facts/x.yml:6: error: checked 'igår' of fact 'phone.police' is not a date"),
    ("http source", FACTS.replace("https://polisen.se/", "http://polisen.se/"), "facts/x.yml:5: error: source url 'http://polisen.se/'"),
    ("unknown key", FACTS.replace("  kind: phone\n", "  kind: phone\n  vaule: 1\n"), "facts/x.yml:4: error: unknown key 'vaule' in fact 'phone.police'"),
    ("bad id", FACTS.replace("age.voting:", "Age Voting:"), "facts/x.yml:21: error: 'Age Voting' is not a fact id"),
    ("same id twice in a file", FACTS + "\n" + FACTS.split("\n\n")[3], "facts/x.yml:28: error: fact 'age.voting' is defined twice in this file (also line 21)"),
]


@pytest.mark.parametrize("name,text,expected", BROKEN, ids=[case[0] for case in BROKEN])
def test_registry_errors_name_the_file_and_line_and_what_to_do(tmp_path, name, text, expected):
    write(tmp_path / "facts" / "x.yml", text)
    problems = [str(p) for p in facts.load_facts(tmp_path).problems]
    assert any(problem.startswith(expected) and " — " in problem for problem in problems), problems


# --- rendering -----------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def languages():
    return load_registry(REPO / "locales")


@pytest.fixture
def sample(tmp_path):
    write(tmp_path / "facts" / "a.yml", FACTS)
    return facts.load_facts(tmp_path)


def test_a_phone_number_renders_exactly_as_written_isolated_in_every_language(sample, languages):
    for language in languages:
        text, used = facts.render("Ring {{fact:phone.police}}.", sample, language)
        assert text == 'Ring <bdi class="wf-phone" dir="ltr">114 14</bdi>.' and used == ["phone.police"]


def test_amounts_are_formatted_by_babel_for_each_language(sample, languages):
    assert facts.render("{{fact:fee.visit}}", sample, languages["sv"])[0] == "1\u00a0450 kronor"
    assert facts.render("{{fact:fee.visit}}", sample, languages["en"])[0] == "1,450 kronor"
    assert facts.render("{{fact:fee.visit}}", sample, languages["bs"])[0] == "1.450 kruna"
    assert facts.render("{{fact:fee.visit}}", sample, languages["ru"])[0] == "1\u00a0450 крон"
    for language in languages:  # every language has a pattern with the amount in it
        assert "450" in facts.render("{{fact:fee.visit}}", sample, language)[0]


def test_the_amount_word_follows_the_language_plural_rules(tmp_path, languages):
    write(tmp_path / "facts" / "a.yml", FACTS.replace("value: 1450", "value: 3"))
    registry = facts.load_facts(tmp_path)
    assert facts.render("{{fact:fee.visit}}", registry, languages["ru"])[0] == "3 кроны"  # CLDR 'few'
    assert facts.render("{{fact:fee.visit}}", registry, languages["uk"])[0] == "3 крони"


def test_a_fact_without_a_confirmed_value_points_to_its_source_in_the_readers_language(sample, languages):
    for language in languages:
        text, _ = facts.render("{{fact:fee.unknown-cap}}", sample, language)
        assert "[ehalsomyndigheten.se](https://www.ehalsomyndigheten.se/hogkostnadsskydd/)" in text
        assert text == language.t("facts.null.amount").replace(
            "{source}", "[ehalsomyndigheten.se](https://www.ehalsomyndigheten.se/hogkostnadsskydd/)")
        assert not re.search(r"\d", text)  # never a guessed figure
    assert facts.render("{{fact:fee.unknown-cap}}", sample, languages["en"], html=False)[0] == \
        "this year's amount (see ehalsomyndigheten.se)"


def test_an_unknown_id_stops_rendering_with_page_and_line(sample, languages):
    with pytest.raises(facts.FactError, match=r"^content/x\.md:12: unknown fact 'fee.nope'"):
        facts.render("a\nb {{fact:fee.nope}}", sample, languages["sv"], "content/x.md", first_line=11)


def test_a_placeholder_is_one_opaque_token_for_the_number_comparison():
    from wayfinder.parity import numbers

    assert numbers("Ring {{fact:phone.police}} eller 1177.") == [(1, "1177")]


# --- checks --------------------------------------------------------------------------------------------------

SOURCE = """---
title: Avgifter
description: Om avgifter.
section: healthcare
reviewed: 2026-11-29
sources:
  - title: "1177"
    url: https://www.1177.se/
---
# Avgifter

## Besök

Ett besök kostar {{fact:fee.visit}}. Ring {{fact:phone.police}} om du vill anmäla ett brott.

Du måste ha fyllt {{fact:age.voting}} år för att rösta.
"""
TRANSLATION = """---
title: Fees
description: About fees.
translation:
  status: machine
  source_hash: {hash}
---
# Fees

## Visit

A visit costs {{fact:fee.visit}}. Call {{fact:phone.police}} to report a crime.

You must be {{fact:age.voting}} to vote.
"""


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "repo"
    (root / "locales").mkdir(parents=True)
    for code in ("sv", "en", "ar"):
        shutil.copy(REPO / "locales" / f"{code}.yml", root / "locales")
    shutil.copytree(REPO / "glossary", root / "glossary")
    shutil.copy(REPO / "l10n.yml", root / "l10n.yml")
    write(root / "facts" / "a.yml", FACTS)
    write(root / "content" / "vard" / "avgifter.md", SOURCE)
    write(root / "content" / "vard" / "avgifter.en.md", translation(root))
    return root


def translation(root, text=TRANSLATION):
    from wayfinder.hashing import source_hash

    return text.replace("{hash}", source_hash(root / "content" / "vard" / "avgifter.md"))


def run(root, capsys, *args):
    """check.py's exit code and lines: problems (stdout) and then notes (stderr)."""
    code = check.main(["--root", str(root), *args])
    out = capsys.readouterr()
    return code, out.out.splitlines() + [line for line in out.err.splitlines() if ": notice: " in line]


def test_a_tree_using_facts_passes_and_lists_the_unchecked_fact_as_info(tree, capsys):
    code, lines = run(tree, capsys, "--strict")
    assert code == 0, lines
    assert [line for line in lines if ": notice: " not in line] == []
    assert [line for line in lines if line.startswith("facts/")] == ["facts/a.yml:15: notice: fact 'fee.unknown-cap' has no confirmed value (null) — compare it with "
                     "https://www.ehalsomyndigheten.se/hogkostnadsskydd/ and set checked: to the date you did [facts.due]"]


CHECK_CASES = [
    ("unknown id", "content/vard/avgifter.md", SOURCE.replace("{{fact:fee.visit}}", "{{fact:fee.vist}}"),
     "content/vard/avgifter.md:14: error: unknown fact 'fee.vist'"),
    ("malformed placeholder", "content/vard/avgifter.md", SOURCE.replace("{{fact:fee.visit}}", "{{ fact:fee.visit }}"),
     "content/vard/avgifter.md:14: error: '{{ fact:fee.visit }}' is not a fact placeholder"),
    ("translation lost a placeholder", "content/vard/avgifter.en.md", TRANSLATION.replace("Call {{fact:phone.police}}", "Call 114 14"),
     "content/vard/avgifter.en.md:1: error: {{fact:phone.police}} is used 1 time(s) in content/vard/avgifter.md (line 14) but 0"),
    ("translation added a fact the source lacks", "content/vard/avgifter.en.md", TRANSLATION + "\nOr {{fact:fee.unknown-cap}}.\n",
     "content/vard/avgifter.en.md:16: error: {{fact:fee.unknown-cap}} is used 1 time(s) here but 0 time(s) in content/vard/avgifter.md"),
    ("translation swapped a fact", "content/vard/avgifter.en.md", TRANSLATION.replace("{{fact:age.voting}}", "{{fact:fee.visit}}"),
     "content/vard/avgifter.en.md:1: error: {{fact:age.voting}} is used 1 time(s) in content/vard/avgifter.md"),
]


@pytest.mark.parametrize("name,path,text,expected", CHECK_CASES, ids=[case[0] for case in CHECK_CASES])
def test_placeholder_errors_are_caught_with_file_and_line(tree, capsys, name, path, text, expected):
    write(tree / path, translation(tree, text) if "{hash}" in text else text)
    code, lines = run(tree, capsys)
    assert code == 1
    assert any(line.startswith(expected) and " — " in line for line in lines), "\n".join(lines)


LITERALS = [
    ("kronor amount of a fact", "content/vard/avgifter.md", SOURCE.replace("{{fact:fee.visit}}", "1 450 kronor"),
     "content/vard/avgifter.md:14: warning: amount '1 450' written as text — write {{fact:fee.visit}}"),
    ("phone number of a fact", "content/vard/avgifter.md", SOURCE.replace("{{fact:phone.police}}", "114 14"),
     "content/vard/avgifter.md:14: warning: phone number '114 14' written as text — write {{fact:phone.police}}"),
    ("age limit", "content/vard/avgifter.md", SOURCE.replace("{{fact:age.voting}}", "18"),
     "content/vard/avgifter.md:16: warning: age '18' written as text — write {{fact:age.voting}}"),
    ("amount in a translation", "content/vard/avgifter.en.md", TRANSLATION + "\nIt costs 200 kronor.\n",
     "content/vard/avgifter.en.md:16: warning: amount '200' written as text — write a new amount-sek fact"),
    ("amount in Arabic", "content/vard/avgifter.ar.md", TRANSLATION + "\nتدفع 200 كرونة.\n",
     "content/vard/avgifter.ar.md:16: warning: amount '200' written as text"),
    ("phone number with an Arabic prefix", "content/vard/avgifter.ar.md", TRANSLATION + "\nاتصل بالرقم 112 أو و114 14.\n",
     "content/vard/avgifter.ar.md:16: warning: phone number '114 14' written as text — write {{fact:phone.police}}"),
    ("phone-shaped number", "content/vard/avgifter.md", SOURCE + "\nRing 08-123 45 67.\n",
     "content/vard/avgifter.md:18: warning: phone number '08-123 45 67' written as text — write a new phone fact"),
]


@pytest.mark.parametrize("name,path,text,expected", LITERALS, ids=[case[0] for case in LITERALS])
def test_a_literal_figure_is_a_warning_naming_the_fact_to_use(tree, capsys, name, path, text, expected):
    (tree / "content" / "vard" / "avgifter.en.md").unlink()  # one page in one language at a time
    if not path.endswith("avgifter.md"):  # the source states the same figure, so the translation keeps its numbers
        figure = text[len(TRANSLATION):].strip()
        write(tree / "content" / "vard" / "avgifter.md", SOURCE + "\n" + re.sub(r"[^\d ]", "", figure).strip() + " kr.\n")
    write(tree / path, translation(tree, text) if "{hash}" in text else text)
    code, lines = run(tree, capsys)
    assert code == 0 and run(tree, capsys, "--strict")[0] == 1
    assert any(line.startswith(expected) for line in lines), "\n".join(lines)


def test_what_is_not_a_figure_to_convert(tree, capsys):
    """Web addresses, link targets, case-card ages and years are left alone."""
    text = SOURCE + ("\nLäs på 1177.se och **1177**.se eller [sidan](https://www.1177.se/114-14/).\n\n"
                     "Lina är 25 år. År 2026 var det val.\n")
    (tree / "content" / "vard" / "avgifter.en.md").unlink()
    write(tree / "content" / "vard" / "avgifter.md", text)
    code, lines = run(tree, capsys, "--strict")
    assert code == 0 and not [line for line in lines if ": warning:" in line], lines


def test_an_expired_fact_fails_the_check_at_its_registry_line(tree, capsys):
    yesterday = dt.date.today() - dt.timedelta(days=1)
    write(tree / "facts" / "a.yml", FACTS.replace(f"  checked: {RECENT}\n\nfee.unknown-cap", f"  checked: {RECENT}\n  valid_until: {yesterday}\n\nfee.unknown-cap"))
    code, lines = run(tree, capsys)
    assert code == 1
    assert f"facts/a.yml:14: error: fact 'fee.visit' expired on {yesterday} — check the source for the value in force now, " \
           "then update value, valid_from and valid_until (or set value: null) [facts.expired]" in lines


def test_a_fact_checked_long_ago_is_listed_as_due_but_does_not_fail_a_strict_check(tree, capsys):
    write(tree / "facts" / "a.yml", FACTS.replace(f"checked: {RECENT}\n\nfee.visit", "checked: 2020-01-01\n\nfee.visit"))
    code, lines = run(tree, capsys, "--strict")
    assert code == 0
    assert any(line.startswith("facts/a.yml:6: notice: fact 'phone.police' was last checked 2020-01-01") for line in lines), lines


def test_the_real_tree_has_no_figure_written_as_text_and_no_fact_error():
    """Issue #14: no page in any language states a kronor amount, phone number or age limit as literal text."""
    registry = load_registry(REPO / "locales")
    report = run_checks(REPO, registry, load_config(REPO / "l10n.yml"), load_check_config(REPO / "l10n.yml"))
    literal = [str(f) for f in report.findings if "written as text" in f.message]
    assert literal == []
    fact_errors = [str(f) for f in report.errors if "fact" in f.message]
    assert fact_errors == []
    assert facts.load_facts(REPO).problems == []


def test_l10n_facts_lists_every_fact_with_its_pages_and_languages(capsys):
    import json

    import l10n

    assert l10n.main(["facts", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    police = next(fact for fact in data["facts"] if fact["id"] == "phone.police")
    assert police["value"] == "114 14" and police["defined_at"].startswith("facts/phones.yml:")
    assert "content/start/viktiga-nummer.md" in police["pages"]
    assert set(police["pages"]["content/start/viktiga-nummer.md"]) == set(load_registry(REPO / "locales").codes)
    for format_ in ("table", "markdown", "csv"):
        assert l10n.main(["facts", "--format", format_]) == 0
        assert "phone.police" in capsys.readouterr().out


# --- the build -----------------------------------------------------------------------------------------------

def visible_text(html: str) -> str:
    body = html[html.find("<article"):html.find("</article>")]
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", "", body)).replace("&nbsp;", "\u00a0")  # keeps no-break spaces


def test_changing_a_fact_changes_every_language_and_outdates_no_translation(tmp_path):
    """Issue #14: change one value in a copy, build, find it formatted for the language on every page and in every
    language that uses it; the translation status does not change."""
    project = copy_project(tmp_path / "wayfinder", languages=("en", "ar", "ti"))  # one per script
    registry = load_registry(project / "locales")
    config = load_config(project / "l10n.yml")
    before = compute_status(project, registry, config)

    fees = project / "facts" / "fees.yml"
    text = fees.read_text(encoding="utf-8")
    start = text.index("fee.asylum-doctor-visit:")
    fees.write_text(text[:start] + text[start:].replace("value: 50\n", "value: 1250\n", 1), encoding="utf-8")
    registry_of_facts = facts.load_facts(project)
    fact = registry_of_facts["fee.asylum-doctor-visit"]
    assert fact.value == 1250

    after = compute_status(project, registry, config)
    for code in registry.codes:
        assert [(p.page, p.state) for p in after.languages[code].pages] == \
               [(p.page, p.state) for p in before.languages[code].pages]

    site = tmp_path / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr

    tree = scan(project / "content", registry)
    texts = {(page, code): file.path.read_text(encoding="utf-8") for page, files in tree.pages.items() for code, file in files.items()}
    uses = facts.usage(texts)["fee.asylum-doctor-visit"]
    assert len(uses) >= 2 and all(len(codes) == len(registry) for codes in uses.values())
    for page, codes in uses.items():
        for code in codes:
            language = registry[code]
            expected = facts.format_value(fact, language)
            html = (site / language.url_prefix / page_url(page) / "index.html").read_text(encoding="utf-8")
            shown = visible_text(html)
            assert expected in shown, f"{code} {page}: {expected!r} not in the page"
            assert "{{fact:" not in html
            assert fact.source.url in html, f"{code} {page}: the fact's source is not in the sources box"
    assert "1,250 kronor" in visible_text((site / "en" / "vard" / "avgifter" / "index.html").read_text(encoding="utf-8"))
    assert "1\u00a0250 kronor" in visible_text((site / "vard" / "avgifter" / "index.html").read_text(encoding="utf-8"))
