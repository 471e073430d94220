"""The project file stays byte-identical through load and save, and the typed parts check every field.

``tests/data/projects`` holds one project of every kind as the version before the typed
records wrote it (README there): saving what was loaded must write exactly the bytes read,
key order included. The records themselves (``EditEntry``, ``DiarisationRecord``,
``AppendixRecord``) must give back what they read, keep keys a later build wrote, and refuse
a wrong value with a message that names its field, as the checkers of ``core/project/parts.py``
did before them.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.export_fixtures import interview
from transcribe_app.core.errors import ProjectFileError
from transcribe_app.core.layout import AppendixRecord, LayoutSettings, record_layout
from transcribe_app.core.project import fieldcheck as fc
from transcribe_app.core.project.diarisation import DiarisationRecord
from transcribe_app.core.project.edit_log import EditEntry
from transcribe_app.core.project.file import load_project, project_json, save_project
from transcribe_app.core.project.record import KEPT_BY_WINDOW, KNOWN_KEYS, PARTS, Project

STORED = Path(__file__).resolve().parent / "data" / "projects"
KINDS = sorted(path.name for path in STORED.glob("*.transkript.json"))

# The file's keys in the order this version (and the one before it) writes them.
FILE_ORDER = [
    "schema_version", "app", "source", "metadata", "audio", "roster", "transcription", "segments",
    "edits", "cleanup_level", "pseudonymisation", "quotes", "diarisation", "layout", "recognised",
]  # fmt: skip


def test_every_kind_of_project_is_stored():
    names = {name.split(".")[0] for name in KINDS}
    assert names >= {
        "new", "transcribed", "in_progress", "cancelled", "imported", "diarised", "edited",
        "pseudonymised", "layout", "later_build", "corrected",
    }  # fmt: skip


@pytest.mark.parametrize("name", KINDS)
def test_a_stored_project_is_saved_back_byte_for_byte(tmp_path, name):
    original = (STORED / name).read_bytes()
    project = load_project(STORED / name)
    assert project_json(project).encode("utf-8") == original
    path = tmp_path / name
    save_project(project, path)
    assert path.read_bytes() == original
    assert load_project(path) == project


@pytest.mark.parametrize("name", KINDS)
def test_a_light_copy_and_a_deep_copy_are_the_same_project(name):
    project = load_project(STORED / name)
    assert copy.deepcopy(project) == project
    assert project_json(project.light_copy()) == project_json(project)


def test_the_stored_kinds_have_typed_parts():
    edited = load_project(STORED / "edited.transkript.json")
    assert [entry.kind for entry in edited.edits] == ["text", "split", "merge", "speaker", "replace_all"]
    assert edited.edits[0].invisible_removed == 1 and all(isinstance(e.at, str) for e in edited.edits)
    diarised = load_project(STORED / "diarised.transkript.json")
    assert diarised.diarisation.speakers_found == 3 and diarised.diarisation.speakers_requested is None
    assert load_project(STORED / "layout.transkript.json").layout.settings == LayoutSettings(70, True)
    plain = load_project(STORED / "transcribed.transkript.json")
    assert plain.layout is None and plain.diarisation is None and plain.edits == []
    later = load_project(STORED / "later_build.transkript.json")
    assert later.layout.extra == {"page_size": "A4"} and later.diarisation.extra == {"model_hash": "abc"}
    assert later.edits[0].extra == {"by": "forsker"}
    assert list(later.extra) == ["timeline_colours", "from_a_later_build"]


def test_the_parts_are_declared_once_in_the_files_order():
    assert ["schema_version", "app", *(part.key for part in PARTS)] == FILE_ORDER
    assert KNOWN_KEYS == set(FILE_ORDER)
    assert set(KEPT_BY_WINDOW) == {"metadata", "roster", "pseudonymisation", "quotes", "cleanup_level",
                                   "layout", "edits"}  # fmt: skip
    data = Project().to_dict()
    # No appendix yet: no layout; not transcribed: no machine transcript (older files stay as they were).
    assert list(data) == [key for key in FILE_ORDER if key not in ("layout", "recognised")]
    assert data["edits"] == [] and data["diarisation"] == {} and data["quotes"] == []


def test_a_light_copy_owns_the_small_parts_and_shares_the_words():
    project = interview(turns=4)
    record_layout(project, LayoutSettings(), level="clean", pseudonymised=False)
    project.pseudonymisation = {"decisions": [{"action": "reject", "text": "Holm"}]}
    project.quotes = [{"lines": "1-2"}]
    copied = project.light_copy()
    assert copied == project
    for part in ("metadata", "audio", "roster", "pseudonymisation", "quotes", "layout", "segments"):
        assert getattr(copied, part) is not getattr(project, part), part
    # The words are only read by a worker: its own list, the same segment objects.
    assert all(a is b for a, b in zip(copied.segments, project.segments, strict=True))
    copied.layout.width, copied.roster[0].name = 60, "Someone else"
    copied.pseudonymisation["decisions"].clear()
    assert project.layout.width == 85 and project.roster[0].name == "Ida Holm"
    assert project.pseudonymisation["decisions"]


# -- the records -----------------------------------------------------------------------------------

texts = st.text(max_size=12)
counts = st.integers(min_value=0, max_value=10_000)
later_keys = st.sampled_from(["by", "model_hash", "page_size", "colour"])  # keys a later build may add
unknown = st.dictionaries(later_keys, st.integers(), max_size=2)
edit_entries = st.builds(
    EditEntry,
    kind=st.sampled_from(["text", "speaker", "split", "merge", "replace_all"]),
    segments=st.lists(counts, max_size=4),
    at=st.none() | texts,
    invisible_removed=counts,
    extra=unknown,
)
diarisation_records = st.builds(
    DiarisationRecord,
    method=st.none() | texts,
    speakers_requested=st.none() | st.integers(min_value=1, max_value=20),
    speakers_found=st.none() | counts,
    words_to_review=st.none() | counts,
    finished_at=st.none() | texts,
    extra=unknown,
)
appendix_records = st.builds(
    AppendixRecord,
    width=st.integers(min_value=30, max_value=200),
    timestamps=st.booleans(),
    level=st.none() | st.sampled_from(["verbatim", "clean", "strict"]),
    pseudonymised=st.booleans(),
    lines_sha256=st.none() | st.text(alphabet="0123456789abcdef", min_size=16, max_size=16),
    extra=unknown,
)


@settings(max_examples=150, deadline=None)
@given(record=st.one_of(edit_entries, diarisation_records, appendix_records))
def test_a_record_reads_back_what_it_wrote_in_the_same_order(record):
    stored = record.to_dict()
    read = type(record).from_dict(json.loads(json.dumps(stored)))
    assert read == record
    assert json.dumps(read.to_dict()) == json.dumps(stored)  # same keys, same order, same values


def test_optional_keys_that_were_absent_stay_absent():
    assert list(EditEntry("text", [1]).to_dict()) == ["kind", "segments"]
    assert list(EditEntry.from_dict({"kind": "text", "segments": [], "at": "x"}).to_dict()) == [
        "kind",
        "segments",
        "at",
    ]
    assert "lines_sha256" not in AppendixRecord().to_dict()
    assert AppendixRecord.read({}) is None and AppendixRecord.read(None) is None
    assert DiarisationRecord.read({}) is None and DiarisationRecord.write(None) == {}


def damaged(tmp_path: Path, part: str, value) -> str:
    """The message of loading a project whose ``part`` holds ``value``."""
    data = Project().to_dict()
    data[part] = value
    path = tmp_path / "x.transkript.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ProjectFileError) as caught:
        load_project(path)
    return str(caught.value)


@pytest.mark.parametrize(
    "part, value, named",
    [
        ("edits", {"kind": "text"}, "edits must be a list (it is a record)"),
        ("edits", None, "edits must be a list (it is empty (null))"),
        ("edits", ["text"], "edits[0] must be a record of named fields (it is text)"),
        ("edits", [{"kind": 3}], "edits[0].kind must be text (it is a number)"),
        ("edits", [{"kind": "t", "segments": [1, "2"]}], "edits[0].segments[1] must be a whole number"),
        ("edits", [{"kind": "t", "segments": 4}], "edits[0].segments must be a list (it is a number)"),
        ("edits", [{}, {"kind": "t", "at": 5}], "edits[1].at must be text (it is a number)"),
        ("edits", [{"invisible_removed": -1}], "edits[0].invisible_removed must be at least 0"),
        ("diarisation", [], "diarisation must be a record of named fields (it is a list)"),
        ("diarisation", None, "diarisation must be a record of named fields (it is empty (null))"),
        ("diarisation", {"method": 1}, "diarisation.method must be text (it is a number)"),
        ("diarisation", {"speakers_requested": 0}, "diarisation.speakers_requested must be at least 1"),
        ("diarisation", {"speakers_found": "2"}, "diarisation.speakers_found must be a whole number"),
        ("diarisation", {"words_to_review": 2.5}, "diarisation.words_to_review must be a whole number"),
        ("diarisation", {"finished_at": True}, "diarisation.finished_at must be text (it is true/false)"),
        ("layout", "wide", "layout must be a record of named fields (it is text)"),
        ("layout", {"width": 5}, "layout.width must be between 30 and 200 (it is 5)"),
        ("layout", {"width": "wide"}, "layout.width must be a whole number (it is text)"),
        ("layout", {"width": None}, "layout.width must be a whole number (it is empty (null))"),
        ("layout", {"timestamps": "yes"}, "layout.timestamps must be true or false (it is text)"),
        ("layout", {"level": "fancy"}, "layout.level must be verbatim, clean or strict (it is “fancy”)"),
        ("layout", {"pseudonymised": 1}, "layout.pseudonymised must be true or false (it is a number)"),
        ("layout", {"lines_sha256": 7}, "layout.lines_sha256 must be text (it is a number)"),
    ],
)
def test_a_wrong_value_in_a_typed_part_is_refused_naming_its_field(tmp_path, part, value, named):
    assert damaged(tmp_path, part, value).startswith(f"“x.transkript.json” is damaged: {named}")


def test_what_is_lenient_stays_lenient():
    """As before the records: a null text is empty, null numbers are unknown, a null level is none."""
    assert EditEntry.from_dict({"kind": None}) == EditEntry("")
    assert DiarisationRecord.from_dict({"speakers_requested": None}).speakers_requested is None
    assert AppendixRecord.from_dict({"level": None}).level is None
    with pytest.raises(fc.FieldError, match=r"^edits\[2\]\.segments\[0\] must be a whole number"):
        EditEntry.from_dict({"segments": [True]}, "edits[2]")
