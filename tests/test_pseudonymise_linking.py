"""Linking a name to a roster person is the researcher's decision, not a guess (issue 18, part 1).

A full name or an alias links for sure; a lone first name or surname that fits a roster person
("Mette", "Jensens", "Mette-sagen") is put up for review, grouped by name, until the researcher
links it (all of them or one), makes it someone else, or the roster says the talk calls that person
by their first name. Until then no export carries it, as a code or as the name.
"""

from __future__ import annotations

import pytest

from transcribe_app.core.imports.typed import import_transcript
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
