"""The pseudonymisation state as a typed record (core/pseudonymise/state.py): it reads every state
this version writes and writes it back byte for byte, refuses a malformed one naming the field,
and is what the rest of the program changes through (audit log, decisions, settings, findings)."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transcribe_app.core.errors import ProjectFileError
from transcribe_app.core.project import fieldcheck as fc
from transcribe_app.core.project.file import load_project, project_json, save_project
from transcribe_app.core.pseudonymise.state import (
    DECISION_ACTIONS,
    DECISION_ENTITIES,
    AuditEntry,
    Decision,
    DetectionSettings,
    EntitySummary,
    PseudonymisationState,
)

REPO = Path(__file__).resolve().parents[1]
STORED = REPO / "tests" / "data" / "projects"


def same_bytes(a, b) -> bool:
    """Equal as the project file writes them: values and key order."""
    return json.dumps(a, ensure_ascii=False) == json.dumps(b, ensure_ascii=False)


# -- valid states, as this version (and the ones before) write them -------------------------------

texts = st.text(min_size=1, max_size=12).filter(lambda t: t.strip() == t and t.strip())
stamps = st.sampled_from(["2026-01-01T00:00:00+00:00", "2026-12-04T10:50:55+00:00"])
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 10_000) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@st.composite
def decisions(draw) -> dict:
    """A decision as ``make_decision`` writes it (action, text, by, at, [part, nth], [to], [entity])."""
    action = draw(st.sampled_from(DECISION_ACTIONS))
    decision = {"action": action, "text": draw(texts), "by": draw(texts), "at": draw(stamps)}
    if draw(st.booleans()):
        decision.update(part=draw(st.integers(0, 500)), nth=draw(st.integers(0, 5)))
    if action in ("merge", "pseudonym") or (action == "assign" and draw(st.booleans())):
        decision["to"] = draw(texts)
    if action == "add":
        decision["entity"] = draw(st.sampled_from(DECISION_ENTITIES))
    return decision


@st.composite
def audit_entries(draw) -> dict:
    """An audit entry as ``record`` writes it: event, by, at, then the event's details in order."""
    entry = {"event": draw(texts), "by": draw(texts), "at": draw(stamps)}
    details = draw(st.dictionaries(st.text(min_size=1, max_size=8), json_values, max_size=4))
    entry.update((key, value) for key, value in details.items() if key not in entry)
    return entry


@st.composite
def entity_summaries(draw) -> dict:
    tiers = ("auto", "review", "off", "accepted", "rejected")
    return {
        "name": draw(texts),
        "kind": draw(st.sampled_from(["person", "location", "organization"])),
        "replacement": draw(st.none() | texts),
        "tiers": draw(st.dictionaries(st.sampled_from(tiers), st.integers(0, 99), max_size=3)),
    }


@st.composite
def states(draw) -> dict:
    """A stored state: any of its keys, in the order they came into being (a first audit entry may come
    before the first settings), each list possibly empty."""
    parts = {
        "settings": st.fixed_dictionaries(
            {"places": st.booleans(), "organisations": st.booleans(), "ner_model": st.none() | texts}
        ),
        "decisions": st.lists(decisions(), max_size=4),
        "audit": st.lists(audit_entries(), max_size=4),
        "entities": st.lists(entity_summaries(), max_size=3),
    }
    keys = draw(st.permutations(list(parts)))
    keys = keys[: draw(st.integers(0, len(keys)))]
    return {key: draw(parts[key]) for key in keys}


@settings(max_examples=150, deadline=None)
@given(states())
def test_every_written_state_reads_back_and_writes_the_same_bytes(stored):
    state = PseudonymisationState.from_dict(copy.deepcopy(stored))
    assert same_bytes(state.to_dict(), stored)
    again = PseudonymisationState.from_dict(state.to_dict())
    assert again == state and same_bytes(again.to_dict(), stored)
    # The window's undo snapshots the state and compares it by value.
    snapshot = copy.deepcopy(state)
    assert snapshot == state and same_bytes(snapshot.to_dict(), stored)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(states())
def test_a_project_with_any_written_state_is_saved_back_byte_for_byte(tmp_path, stored):
    from tests.export_fixtures import interview

    data = json.loads(project_json(interview(turns=2)))
    data["pseudonymisation"] = stored
    path = tmp_path / "p.transkript.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    save_project(load_project(path), path)
    first = path.read_bytes()
    assert same_bytes(json.loads(first)["pseudonymisation"], stored)
    save_project(load_project(path), path)
    assert path.read_bytes() == first


def test_the_stored_project_of_an_earlier_version_saves_back_byte_for_byte(tmp_path):
    """A project the version before this record wrote (tests/data/projects/README.md): every kind of
    decision and audit entry, entity summaries, and its keys in the order they came into being."""
    source = STORED / "decisions_every_kind.transkript.json"
    path = tmp_path / source.name
    path.write_bytes(source.read_bytes())
    project = load_project(path)
    state = project.pseudonymisation
    assert list(json.loads(source.read_text(encoding="utf-8"))["pseudonymisation"]) == [
        "settings", "audit", "entities", "decisions",
    ]  # fmt: skip
    assert {d.action for d in state.decisions} == set(DECISION_ACTIONS)
    assert state.settings == DetectionSettings(places=True)
    assert state.waiting_for_review() == 1
    save_project(project, path)
    assert path.read_bytes() == source.read_bytes()


def test_the_key_copies_the_audit_log_as_the_project_stores_it():
    from transcribe_app.core.pseudonymise import pseudonymise_parts
    from transcribe_app.core.pseudonymise.key import build_key

    source = STORED / "decisions_every_kind.transkript.json"
    stored = json.loads(source.read_text(encoding="utf-8"))["pseudonymisation"]["audit"]
    state = load_project(source).pseudonymisation
    result = pseudonymise_parts(["Hej."], [], PseudonymisationState())
    assert same_bytes(build_key(result, [], state.audit, "x")["audit"], stored)


# -- what stays absent, and what is kept ------------------------------------------------------------


@pytest.mark.parametrize(
    "stored",
    [
        {},
        {"audit": []},
        {"settings": None, "decisions": []},
        {"entities": [], "settings": {"places": True, "organisations": False, "ner_model": None}},
        {"settings": {"places": True}},  # written by hand: only what it says
        {"settings": {"places": None, "organisations": False, "ner_model": ""}},
        {"settings": {"ner_model": "da_core_news_lg", "from_later": 1}, "later_key": [1, 2]},
        {"decisions": [{"action": "reject", "text": "Per", "part": 3}]},  # no nth, no by/at
        {"decisions": [{"action": "dismiss", "text": "Og", "by": "x", "at": "y", "later": True}]},
        {"audit": [{"event": "review"}]},
        {"entities": [{"name": "A", "kind": "person", "replacement": "[Person 1]", "tiers": {}, "x": 0}]},
    ],
)
def test_absent_keys_stay_absent_and_unknown_keys_are_kept(stored):
    assert same_bytes(PseudonymisationState.from_dict(copy.deepcopy(stored)).to_dict(), stored)


def test_changed_settings_are_written_in_full_keeping_keys_a_later_version_wrote():
    state = PseudonymisationState.from_dict({"settings": {"places": True, "from_later": 1}})
    assert state.use_settings(DetectionSettings(organisations=True))
    assert same_bytes(
        state.to_dict()["settings"],
        {"places": False, "organisations": True, "ner_model": None, "from_later": 1},
    )


# -- changes ----------------------------------------------------------------------------------------


def test_a_new_state_writes_its_keys_in_the_order_they_came_into_being():
    state = PseudonymisationState()
    assert state.to_dict() == {} and state.audit_count() == 0
    entry = state.record("export despite leaks", output="bilag.docx", hits=2)
    assert (entry.event, entry.details) == ("export despite leaks", {"output": "bilag.docx", "hits": 2})
    assert entry.by and re.match(r"\d{4}-\d\d-\d\dT", entry.at)
    assert list(entry.to_dict()) == ["event", "by", "at", "output", "hits"]
    assert state.use_settings(DetectionSettings(places=True))
    assert not state.use_settings(DetectionSettings(places=True))  # the same again: nothing recorded
    state.found([])
    assert list(state.to_dict()) == ["audit", "settings", "entities"]
    assert [e.event for e in state.audit] == ["export despite leaks", "settings"]
    assert state.audit_count() == 2


def test_a_list_filled_in_directly_is_written_after_the_stored_keys():
    state = PseudonymisationState.from_dict({"entities": []})
    state.audit.append(AuditEntry("key written", "x", "y", {"output": "a.txt"}))
    assert list(state.to_dict()) == ["entities", "audit"]


def test_make_decision_writes_what_it_always_wrote():
    from transcribe_app.core.pseudonymise import make_decision

    decision = make_decision("accept", " Mark ", part=9)
    assert isinstance(decision, Decision)
    assert list(decision.to_dict()) == ["action", "text", "by", "at", "part", "nth"]
    assert (decision.text, decision.part, decision.nth) == ("Mark", 9, 0)
    assert decision.details() == {"action": "accept", "text": "Mark", "part": 9, "nth": 0}
    assert list(make_decision("add", "Ida", entity="place").to_dict())[-1] == "entity"
    assert "entity" not in make_decision("reject", "Ida").to_dict()
    assert make_decision("merge", "Kim", to=" Karin ").to_dict()["to"] == "Karin"


def test_review_waiting_counts_the_review_tier_of_every_summary():
    state = PseudonymisationState(
        entities=[
            EntitySummary("Mark", "person", None, {"review": 2, "auto": 1}),
            EntitySummary("Odense", "location", "[By]", {"auto": 3}),
            EntitySummary("Holm", "person", None, {"review": 1}),
        ]
    )
    assert state.waiting_for_review() == 3


def test_how_the_file_had_it_is_not_part_of_the_value():
    """The window compares parts to know whether something changed: key order and the settings record
    as written are how the file had it, not what the state holds."""
    one = PseudonymisationState.from_dict({"audit": [], "settings": {"places": True}})
    other = PseudonymisationState(settings=DetectionSettings(places=True))
    assert one == other and one.to_dict() != other.to_dict()


# -- refusals, each naming its field ----------------------------------------------------------------

DECISION = {"action": "reject", "text": "Holm", "by": "x", "at": "y"}


@pytest.mark.parametrize(
    "stored, named",
    [
        ([], "pseudonymisation must be a record of named fields (it is a list)"),
        ({"settings": []}, "pseudonymisation.settings must be a record"),
        ({"settings": {"places": "yes"}}, "settings.places must be true or false (it is text)"),
        ({"settings": {"organisations": 1}}, "pseudonymisation.settings.organisations must be true or false"),
        ({"settings": {"ner_model": 3}}, "pseudonymisation.settings.ner_model must be text (it is a number)"),
        ({"decisions": None}, "pseudonymisation.decisions must be a list (it is empty (null))"),
        ({"decisions": "accept all"}, "pseudonymisation.decisions must be a list (it is text)"),
        ({"decisions": ["Holm"]}, "pseudonymisation.decisions[0] must be a record"),
        ({"decisions": [DECISION | {"action": "maybe"}]}, "decisions[0].action must be accept, reject"),
        ({"decisions": [DECISION | {"text": 7}]}, "pseudonymisation.decisions[0].text must be text"),
        ({"decisions": [DECISION | {"text": None}]}, "pseudonymisation.decisions[0].text must be text"),
        ({"decisions": [DECISION | {"text": "  "}]}, "decisions[0].text must be the name the decision"),
        ({"decisions": [{"action": "reject"}]}, "pseudonymisation.decisions[0].text must be present"),
        ({"decisions": [DECISION | {"part": -1}]}, "pseudonymisation.decisions[0].part must be at least 0"),
        ({"decisions": [DECISION | {"part": "3"}]}, "decisions[0].part must be a whole number"),
        ({"decisions": [DECISION | {"part": 1, "nth": 1.5}]}, "decisions[0].nth must be a whole number"),
        ({"decisions": [DECISION | {"part": 1, "nth": -2}]}, "decisions[0].nth must be at least 0"),
        ({"decisions": [DECISION | {"action": "merge"}]}, "pseudonymisation.decisions[0].to must be present"),
        ({"decisions": [DECISION | {"action": "pseudonym", "to": None}]}, "decisions[0].to must be text"),
        ({"decisions": [DECISION | {"to": 5}]}, "pseudonymisation.decisions[0].to must be text"),
        ({"decisions": [DECISION | {"entity": "animal"}]}, "decisions[0].entity must be person, place or"),
        ({"decisions": [DECISION | {"by": 1}]}, "pseudonymisation.decisions[0].by must be text"),
        ({"audit": "x"}, "pseudonymisation.audit must be a list (it is text)"),
        ({"audit": [1]}, "pseudonymisation.audit[0] must be a record"),
        ({"audit": [{"by": "x"}]}, "pseudonymisation.audit[0].event must be present"),
        ({"audit": [{"event": None}]}, "pseudonymisation.audit[0].event must be text"),
        ({"audit": [{"event": "x", "at": 5}]}, "pseudonymisation.audit[0].at must be text"),
        ({"entities": {}}, "pseudonymisation.entities must be a list"),
        ({"entities": [{"kind": "person"}]}, "pseudonymisation.entities[0].name must be present"),
        ({"entities": [{"name": "A", "kind": "person", "tiers": []}]}, "entities[0].tiers must be a record"),
        (
            {"entities": [{"name": "A", "kind": "person", "tiers": {"auto": -1}}]},
            "pseudonymisation.entities[0].tiers.auto must be at least 0",
        ),
        (
            {"entities": [{"name": "A", "kind": "person", "replacement": 1}]},
            "pseudonymisation.entities[0].replacement must be text",
        ),
    ],
)
def test_a_malformed_state_is_refused_naming_the_field(tmp_path, stored, named):
    with pytest.raises(fc.FieldError, match=re.escape(named)):
        PseudonymisationState.from_dict(stored)
    # and through the project file, as the researcher sees it
    from tests.export_fixtures import interview

    data = json.loads(project_json(interview(turns=1)))
    data["pseudonymisation"] = stored
    path = tmp_path / "x.transkript.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ProjectFileError, match="“x.transkript.json” is damaged: .*" + re.escape(named)):
        load_project(path)


# -- loading stays cheap ----------------------------------------------------------------------------


def test_loading_a_project_does_not_load_the_name_detection():
    """The project file reads the state on every load; Presidio, spaCy and PyTorch take seconds, and
    only detection needs them."""
    script = (
        "import sys\n"
        "from transcribe_app.core.project.file import load_project\n"
        f"project = load_project({str(STORED / 'decisions_every_kind.transkript.json')!r})\n"
        "assert project.pseudonymisation.decisions\n"
        "heavy = sorted(m for m in ('presidio_analyzer', 'presidio_anonymizer', 'spacy', 'torch')"
        " if m in sys.modules)\n"
        "print(heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=120, check=True
    )
    assert done.stdout.strip() == "[]"
