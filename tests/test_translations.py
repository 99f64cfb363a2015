"""Every translation in the repository: honest provenance, the source's structure, every number, the
agreed amount per language, and a glossary per language."""
import pytest
import yaml

from conftest import REPO
from wayfinder.content import scan
from wayfinder.frontmatter import split
from wayfinder.l10n_config import load_config
from wayfinder.checks import translation_parity
from wayfinder.parity import check_parity
from wayfinder.history import History
from wayfinder.schema import check_translation_meta
from wayfinder.segments import SegmentError, align, extract
from wayfinder.status import compute_status

FULL = ["en", "ar", "fa-AF", "so", "ti", "uk"]  # every source page (DEVELOPERS.md priority languages)
MINIMUM = ["fa", "ru", "ps", "ku", "ku-Arab", "tr", "bs"]  # at least the minimum content of l10n.yml


@pytest.fixture(scope="module")
def tree(registry):
    return scan(REPO / "content", registry)


def translations(tree):
    return [(files[code], files[tree.source_language]) for _, files in sorted(tree.pages.items())
            for code in files if code != tree.source_language and tree.source_language in files]


def test_every_translation_has_valid_provenance(tree):
    findings = []
    for translation, _ in translations(tree):
        text = translation.path.read_text(encoding="utf-8")
        rel = translation.path.relative_to(REPO)
        findings += check_translation_meta(rel, split(text, rel).meta, text)
    assert not findings, "\n".join(map(str, findings[:40]))


def test_every_translation_keeps_structure_links_and_numbers(tree):
    """Against the Swedish version each was translated from (git history), as check.py does: a Swedish edit
    makes translations outdated (a notice), never failing."""
    history = History.load(REPO)
    findings = []
    for translation, source in translations(tree):
        text = translation.path.read_text(encoding="utf-8")
        findings += [f for f in translation_parity(translation.path.relative_to(REPO).as_posix(), text, split(text).meta,
                                                   source.path.relative_to(REPO).as_posix(),
                                                   source.path.read_text(encoding="utf-8"), history)
                     if f.severity == "error"]
    assert not findings, "\n".join(map(str, findings[:40]))


def test_no_orphans_or_content_problems(registry):
    status = compute_status(REPO, registry, load_config(REPO / "l10n.yml"))
    assert not status.orphans
    assert not status.problems, status.problems


def test_amount_per_language(registry, tree):
    status = compute_status(REPO, registry, load_config(REPO / "l10n.yml"), tree=tree)
    for code in FULL:
        missing = [p.page for p in status.languages[code].pages if p.state == "missing"]
        assert not missing, f"{code} lacks {missing}"
    # Every language meets the minimum content, so Wayfinder is offered in all 14.
    assert status.offered == list(registry.codes)


def test_glossary_in_every_language(registry):
    source = yaml.safe_load((REPO / "glossary" / "sv.yml").read_text(encoding="utf-8"))
    for language in registry.targets:
        path = REPO / "glossary" / f"{language.code}.yml"
        assert path.exists(), f"{path} is missing"
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert list(entries) == list(source), f"{language.code}: ids must match glossary/sv.yml, in order"
        for term_id, entry in entries.items():
            assert entry["translation"].strip() and entry["explanation"].strip(), (language.code, term_id)


def test_parity_catches_a_lost_number_and_a_changed_link():
    source = "---\ntitle: T\n---\n# T\n\n## A\n\nRing 112 eller 114 14. Se [tolk](tolk.md).\n"
    good = "---\ntitle: T\n---\n# T\n\n## A\n\nCall 112 or 114 14. See [interpreter](tolk.md).\n"
    assert check_parity(source, good, "x.en.md") == []
    lost = "---\ntitle: T\n---\n# T\n\n## A\n\nCall 112 or the police. See [interpreter](tolk.en.md).\n"
    messages = [f.message for f in check_parity(source, lost, "x.en.md")]
    assert any("number '114 14'" in m for m in messages)
    assert any("links differ" in m and "tolk.en.md" in m for m in messages)
    demoted = "---\ntitle: T\n---\n# T\n\n### A\n\nCall 112 or 114 14. See [interpreter](tolk.md).\n"
    assert any("headings differ" in f.message and ":6:" in str(f) for f in check_parity(source, demoted, "x.en.md"))
    untranslated = "---\ntitle: T\n---\n# T\n\n## A\n\nRing 112 eller 114 14. Se [tolk](tolk.md).\n"
    assert check_parity(source, untranslated, "x.en.md") == []  # too short to be judged a leftover paragraph


CARD = '!!! note keep-swedish "Språkkort"\n    **Jag behöver en tolk.**\n\n    Mitt språk är: ____\n'


def test_a_language_card_kept_in_swedish_must_stay_marked_so_and_may_carry_a_line_of_its_own():
    source = "---\ntitle: T\n---\n# T\n\n" + CARD + "\nSå här gör du.\n"
    marked = ("---\ntitle: T\n---\n# T\n\n" + CARD.replace('"Språkkort"', '"Language card"')
              + "\n    *In English: I need an interpreter.*\n\nWhat to do.\n")
    assert check_parity(source, marked, "x.en.md") == []
    assert [p.target.kind for p in align(extract(source), extract(marked), "x.en.md", "x.md")] == [
        "meta.title", "h1", "admonition-title:note", "p"]  # the box's Swedish body is not for translation
    unmarked = marked.replace("note keep-swedish", "note")
    findings = check_parity(source, unmarked, "x.en.md")
    assert [f.code for f in findings] == ["parity.boxes"] and "keep-swedish" in findings[0].message


def test_every_translation_aligns_segment_by_segment_with_its_source(tree):
    """What `l10n.py export` needs: a page that does not align cannot go to translators or reviewers."""
    problems = []
    for file, source in translations(tree):
        try:
            align(extract(source.path.read_text(encoding="utf-8"), source.path),
                  extract(file.path.read_text(encoding="utf-8"), file.path), str(file.path), str(source.path))
        except SegmentError as error:
            problems.append(str(error))
    assert not problems, "\n".join(problems)
