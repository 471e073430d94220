"""Linking a name to a roster person is the researcher's decision, not a guess (issue 18, part 1).

A full name or an alias links for sure; a lone first name or surname that fits a roster person
("Mette", "Jensens", "Mette-sagen") is put up for review, grouped by name, until the researcher
links it (all of them or one), makes it someone else, or the roster says the talk calls that person
by their first name. Until then no export carries it, as a code or as the name.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.pseudonymisation_gold import DATA, read_gold
from transcribe_app.core.imports.typed import import_transcript
from transcribe_app.core.project.file import load_project
from transcribe_app.core.project.record import RosterEntry
from transcribe_app.core.project.roster import merge_roster
from transcribe_app.core.pseudonymise import (
    AUTO_TIER,
    REVIEW_TIER,
    LeakError,
    PseudonymisationState,
    detect,
    make_decision,
    pseudonymise_parts,
)
from transcribe_app.core.pseudonymise.review import review_groups
from transcribe_app.core.pseudonymise.stage import gate_export, review_project

FOCUS_GROUP = """M: Velkommen. Hvem samarbejder I med?

MSS: Jeg hedder Mette Skov Sørensen, og jeg er sagsbehandler.

B2: Og Mette fra jobcentret, hun ringer til mig hver uge.

M: Har Jensen sagt noget om det?

VJ: Ja, Vibeke Jensen her. Mettes mail kom i går.
"""


@pytest.fixture(autouse=True)
def offline(no_network):
    """Detection never reaches for the network."""


@pytest.fixture
def focus_group(tmp_path):
    """A typed focus-group transcript imported into a project, with the roster the researcher keeps."""
    source = tmp_path / "fokusgruppe.txt"
    source.write_text(FOCUS_GROUP, encoding="utf-8")
    project = import_transcript(source, kind="focus_group")
    merge_roster(
        project,
        [
            RosterEntry(label="MSS", name="Mette Skov Sørensen", code="MSS", role="informant"),
            RosterEntry(label="VJ", name="Vibeke Jensen", code="VJ", role="informant"),
        ],
    )
    return project


def _mention(result, text: str, part: int):
    return next(m for m in result.detection.mentions if m.text == text and m.part == part)


def test_another_mette_in_a_focus_group_is_put_up_for_review_not_given_the_informants_code(focus_group):
    result = review_project(focus_group)
    mette = _mention(result, "Mette", 2)  # "Og Mette fra jobcentret": another Mette
    assert mette.tier == REVIEW_TIER and mette.decision is None and not mette.replaced
    assert mette.referent == "roster:MSS"  # suggested, not decided
    assert "MSS fra jobcentret" not in result.parts[2]
    assert focus_group.pseudonymisation.waiting_for_review() >= 1
    # The full name links for sure.
    assert _mention(result, "Mette Skov Sørensen", 1).tier == AUTO_TIER
    assert "Jeg hedder MSS," in result.parts[1]


def test_a_lone_surname_in_the_interviewers_question_is_not_silently_the_informant(focus_group):
    result = review_project(focus_group)
    jensen = _mention(result, "Jensen", 3)  # "Har Jensen sagt noget om det?"
    assert jensen.tier == REVIEW_TIER and not jensen.replaced and jensen.referent == "roster:VJ"
    assert "Har VJ sagt" not in result.parts[3]
    assert _mention(result, "Vibeke Jensen", 4).replaced  # her full name is hers


def test_an_undecided_lone_name_stops_the_export_instead_of_becoming_a_code(focus_group):
    result = review_project(focus_group)
    with pytest.raises(LeakError) as stopped:
        gate_export(focus_group, focus_group.roster, result, result.text)
    assert {leak.found for leak in stopped.value.leaks} >= {"Mette", "Jensen", "Mettes"}


def test_lone_names_are_grouped_by_name_with_the_speaker_and_the_words_around(focus_group):
    result = review_project(focus_group)
    speakers = [segment.speaker for segment in focus_group.segments]
    groups = {group.name: group for group in review_groups(result, speakers)}
    mette = groups["Mette"]
    # "Mette" and "Mettes" are one name: one decision links them all.
    assert [o.text for o in mette.occurrences] == ["Mette", "Mettes"]
    assert mette.suggested == "roster:MSS" and mette.label == "MSS"
    assert [o.speaker for o in mette.occurrences] == ["B2", "VJ"]
    assert "[Mette] fra jobcentret" in mette.occurrences[0].context
    assert groups["Jensen"].occurrences[0].speaker == "M"


def test_accepting_a_name_links_every_occurrence_and_one_occurrence_can_be_another_person(focus_group):
    review_project(focus_group, decisions=[make_decision("accept", "Mette")])
    result = review_project(focus_group)
    assert "Og MSS fra jobcentret" in result.parts[2] and "MSS' mail" in result.parts[4]
    # Per occurrence: the one from the job centre is someone else, a [Person N] of her own.
    review_project(focus_group, decisions=[make_decision("assign", "Mette", part=2, nth=0)])
    result = review_project(focus_group)
    assert "Og [Person 1] fra jobcentret" in result.parts[2] and "MSS' mail" in result.parts[4]


def test_rejecting_the_link_for_a_name_keeps_it_out_of_every_code(focus_group):
    review_project(focus_group, decisions=[make_decision("reject", "Jensen", part=3, nth=0)])
    result = review_project(focus_group)
    assert "Har Jensen sagt" in result.parts[3]  # the researcher's decision: not a name to replace


def test_a_person_addressed_by_first_name_is_linked_without_asking_but_only_by_first_name(focus_group):
    focus_group.roster[-1].addressed_by_first_name = True  # Vibeke Jensen
    parts = ["Vibeke, hvad tænker du?", "Vibekes svar var klart.", "Jensen sagde nej."]
    detection = detect(parts, focus_group.roster, PseudonymisationState())
    tiers = {m.text: m.tier for m in detection.mentions}
    assert tiers == {"Vibeke": AUTO_TIER, "Vibekes": AUTO_TIER, "Jensen": REVIEW_TIER}
    result = pseudonymise_parts(parts, focus_group.roster, PseudonymisationState())
    assert result.parts[:2] == ["VJ, hvad tænker du?", "VJ's svar var klart."]


# -- the CLI -------------------------------------------------------------------------------------------

ROSTER_CSV = """name,code,role,aliases,addressed_by_first_name
Mette Skov Sørensen,MSS,informant,,
Vibeke Jensen,VJ,informant,,
"""


@pytest.fixture
def cli_project(tmp_path):
    from transcribe_app.cli import main

    source, roster = tmp_path / "fokusgruppe.txt", tmp_path / "roster.csv"
    source.write_text(FOCUS_GROUP + "\nB2: Vibse, som vi kalder hende, var også med.\n", encoding="utf-8")
    roster.write_text(ROSTER_CSV, encoding="utf-8")
    project = tmp_path / "fokusgruppe.transkript.json"
    assert main(["import", str(source), "-o", str(project), "--kind", "focus_group"]) == 0
    assert main(["roster", str(project), "--import", str(roster)]) == 0
    return project


def _export(project, tmp_path) -> tuple[int, str]:
    from transcribe_app.cli import main

    out, key = tmp_path / "bilag.txt", tmp_path / "key.json"
    args = ["export", str(project), "--format", "txt", "--pseudonymise", "--key", str(key), "-o", str(out)]
    code = main(args)
    return code, out.read_text(encoding="utf-8") if out.exists() else ""


def test_the_cli_lists_a_lone_name_once_with_its_occurrences_and_accepts_it_everywhere(
    cli_project, tmp_path, capsys
):
    from transcribe_app.cli import main

    capsys.readouterr()
    assert main(["pseudonymise", str(cli_project)]) == 0
    listing = capsys.readouterr().out
    heading = next(line for line in listing.splitlines() if line.strip().startswith("Mette →"))
    assert "MSS (Mette Skov Sørensen)? 2 times" in heading
    assert "Mette@3:1  [B2]  …Og [Mette] fra jobcentret" in listing and "Mettes@5:1  [VJ]" in listing
    assert _export(cli_project, tmp_path)[0] == 4  # undecided: the export stops, no code put in
    assert main(["pseudonymise", str(cli_project), "--accept", "Mette", "--accept", "Jensen@4:1"]) == 0
    state = load_project(cli_project).pseudonymisation
    assert [(d.action, d.text, d.part) for d in state.decisions] == [("accept", "Mette", None),
                                                                     ("accept", "Jensen", 3)]  # fmt: skip
    code, text = _export(cli_project, tmp_path)
    assert code == 0 and "Og MSS fra jobcentret" in text and "MSS' mail" in text and "Har VJ sagt" in text


def test_the_cli_makes_one_occurrence_another_person_and_links_a_missed_name_where_it_is_added(
    cli_project, tmp_path, capsys
):
    from transcribe_app.cli import main

    args = ["pseudonymise", str(cli_project), "--accept", "Mette", "--assign", "Mette@3:1", "new",
            "--reject", "Jensen", "--add", "Vibse", "--as", "VJ"]  # fmt: skip
    assert main(args) == 0
    code, text = _export(cli_project, tmp_path)
    assert code == 0
    assert "Og [Person 1] fra jobcentret" in text and "MSS' mail" in text
    assert "VJ, som vi kalder hende" in text
    # --as names a roster person, or nothing is stored.
    before = cli_project.read_bytes()
    assert main(["pseudonymise", str(cli_project), "--add", "Vibse", "--as", "XY"]) == 2
    assert "“XY” is nobody on the roster" in capsys.readouterr().err
    assert cli_project.read_bytes() == before


def test_the_roster_file_says_who_is_addressed_by_first_name(cli_project, tmp_path, capsys):
    from transcribe_app.cli import main

    roster = tmp_path / "roster2.csv"
    row = "Mette Skov Sørensen,MSS,informant,,"
    roster.write_text(ROSTER_CSV.replace(row, row + "ja"), encoding="utf-8")
    assert main(["roster", str(cli_project), "--import", str(roster)]) == 0
    assert [e.addressed_by_first_name for e in load_project(cli_project).roster if e.name] == [True, False]
    capsys.readouterr()
    assert main(["pseudonymise", str(cli_project)]) == 0
    listing = capsys.readouterr().out
    assert "Mette@" not in listing and "Jensen@4:1" in listing


# -- any roster, any lone name -------------------------------------------------------------------------


def _people_in_the_test_data() -> list[str]:
    """Every full name (two words) marked as a person in the annotated transcripts of tests/data."""
    names = set()
    for gold in ("interview_gold.txt", "focus_group_gold.txt"):
        names |= {s.text for s in read_gold(DATA / gold)[1] if s.kind == "PER" and len(s.text.split()) == 2}
    # A possessive written as the name ("Lars Løkkes") is no name of its own.
    return sorted(n for n in names if not n.endswith("s") or n == "Hans Lykke")


PEOPLE = _people_in_the_test_data()
# The Danish forms a lone name takes: as it is, possessive, the head of a compound.
FORMS = ("{}", "{}s", "{}-sagen")
SENTENCES = ("I går sagde {} noget om budgettet.", "Vi talte om {} på mødet, ikke sandt?")


def _form(word: str, form: str) -> str:
    return word + "'" if form == "{}s" and word.endswith(("s", "x", "z")) else form.format(word)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    roster_names=st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=3, unique=True),
    who=st.integers(min_value=0, max_value=2),
    surname=st.booleans(),
    form=st.sampled_from(FORMS),
    sentence=st.sampled_from(SENTENCES),
    addressed=st.booleans(),
)
def test_a_lone_name_is_linked_only_when_the_roster_says_so_and_no_export_carries_it(
    roster_names, who, surname, form, sentence, addressed
):
    roster = [
        RosterEntry(name=name, code=f"P{i}", role="informant", addressed_by_first_name=addressed)
        for i, name in enumerate(roster_names)
    ]
    person = roster[who % len(roster)]
    word = person.name.split()[-1 if surname else 0]
    written = _form(word, form)
    text = sentence.format(written)
    start = text.index(written)
    result = pseudonymise_parts([text], roster, PseudonymisationState())
    covering = [m for m in result.detection.mentions if m.start < start + len(written) and start < m.end]
    assert covering, f"{written!r} was not found at all"
    # Linked for sure only by the roster's own word: addressed by first name, and it is the first name.
    may_link = addressed and not surname and [e.name.split()[0] for e in roster].count(word) == 1
    for mention in covering:
        if mention.replaced:
            assert may_link, f"{written!r} became {result.labels.get(mention.referent)} unasked"
        else:
            # waiting, shown to the researcher
            assert mention.tier == REVIEW_TIER and mention.decision is None
    # No export carries the name: either it was replaced, or the gate stops the export.
    if word in result.text:
        with pytest.raises(LeakError):
            gate_export(None, roster, result, result.text)


def test_the_cli_lists_what_the_leak_check_would_still_stop_on_with_its_fix(tmp_path, capsys):
    from transcribe_app.cli import main

    source = tmp_path / "typed.txt"
    typed = "I: Hvem var med?\n\nIP: Karin Storm kom, og så skrev jeg til karin storm.\n"
    source.write_text(typed, encoding="utf-8")
    project = tmp_path / "typed.transkript.json"
    assert main(["import", str(source), "-o", str(project)]) == 0
    capsys.readouterr()
    assert main(["pseudonymise", str(project)]) == 0
    listing = capsys.readouterr().out
    assert "Still in the text" in listing and "“karin storm” (Karin Storm), line 2" in listing
    assert main(["pseudonymise", str(project), "--add", "karin storm"]) == 0
    assert "Still in the text" not in capsys.readouterr().out
