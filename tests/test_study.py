"""A study: study.json read and written safely, interviews brought in, the overview, and one set of
pseudonyms (one [Person N], one code, one gate) across the interviews of a study."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from transcribe_app.cli import main
from transcribe_app.core.errors import BadInputError
from transcribe_app.core.project.file import load_project, save_project
from transcribe_app.core.project.lock import TRANSCRIBING, ProjectLock
from transcribe_app.core.project.record import Project, RosterEntry
from transcribe_app.core.study import Study, StudyInterview, StudyPerson, interviews, load_study
from transcribe_app.core.study.pseudonyms import Register, study_roster

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "resources" / "sample" / "nst_da_sample.wav"


def _init(folder: Path, *extra: str) -> None:
    assert main(["study", "init", str(folder), *extra]) == 0


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- the record -----------------------------------------------------------------------------------


def test_study_json_round_trips_and_orders_interviews_by_appendix(tmp_path):
    _init(tmp_path / "S", "--title", "Velfærd og ledelse")
    study = load_study(tmp_path / "S")
    study.interviews = [
        StudyInterview("b.transkript.json", "focus_group", 2),
        StudyInterview("sub/a.transkript.json", "elite", 1),
        StudyInterview("c.transkript.json", "elite", None),
    ]
    study.persons = [StudyPerson(1, "Karin Storm", ["Karin"])]
    again = Study.from_dict(json.loads(json.dumps(study.to_dict())))
    assert again == study
    assert [p.relative_to(study.folder).as_posix() for p in interviews(study)] == [
        "sub/a.transkript.json",
        "b.transkript.json",
        "c.transkript.json",
    ]


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda d: d.update(title=7), "title"),
        (
            lambda d: d["interviews"].append({"project": "../other/x.transkript.json"}),
            "interviews[0].project",
        ),
        (lambda d: d["interviews"].append({"project": "/etc/x.transkript.json"}), "interviews[0].project"),
        (lambda d: d["interviews"].append({"project": "notes.txt"}), "interviews[0].project"),
        (lambda d: d["interviews"].append({"project": "a.transkript.json", "kind": "panel"}), "kind"),
        (lambda d: d["settings"].update(layout_width=5), "settings.layout_width"),
        (lambda d: d["persons"].append({"number": "1", "name": "X"}), "persons[0].number"),
        (lambda d: d["roster"].append({"name": "X", "role": "boss"}), "roster[0].role"),
        (lambda d: d.update(key="study.json"), "key"),
    ],
)
def test_a_wrong_field_is_named_and_the_file_left_alone(tmp_path, capsys, change, named):
    _init(tmp_path / "S")
    path = tmp_path / "S" / "study.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    before = path.read_bytes()
    assert main(["study", str(tmp_path / "S")]) == 2
    assert named in capsys.readouterr().err
    assert main(["study", "add", str(tmp_path / "S"), str(SAMPLE)]) == 2
    assert path.read_bytes() == before
    assert not list((tmp_path / "S").glob("*.transkript.json"))


@pytest.mark.parametrize(
    "content", [b"", b"{not json", b"[1, 2]", b'{"format": "transkript-study"}', b"[" * 100_000, b"\xff\xfe"]
)
def test_damaged_study_json_is_a_sentence_and_exit_2_never_overwritten(tmp_path, capsys, content):
    folder = tmp_path / "S"
    folder.mkdir()
    (folder / "study.json").write_bytes(content)
    assert main(["study", str(folder)]) == 2
    assert main(["study", "init", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "study" in err and "Traceback" not in err
    assert (folder / "study.json").read_bytes() == content


def test_missing_study_and_usage_mistakes_exit_2(tmp_path, capsys):
    assert main(["study", str(tmp_path / "nowhere")]) == 2
    assert main(["study", str(tmp_path)]) == 2
    assert "study init" in capsys.readouterr().err  # says how to make one
    _init(tmp_path / "S")
    assert main(["study", "add", str(tmp_path / "S")]) == 2
    assert main(["study", "init", str(tmp_path / "T"), "--kind", "elite"]) == 2
    assert main(["study", "add", str(tmp_path / "S"), str(tmp_path / "missing.wav")]) == 2
    assert main(["study", "add", str(tmp_path / "S"), str(tmp_path / "S" / "study.json")]) == 2


# -- bringing interviews in -------------------------------------------------------------------------


def test_add_makes_projects_and_moves_an_existing_one_in_with_its_recording_still_found(tmp_path, capsys):
    elsewhere = tmp_path / "old"
    elsewhere.mkdir()
    recording = shutil.copy(SAMPLE, elsewhere / "fokus.wav")
    old = elsewhere / "fokus.transkript.json"
    project = Project()
    project.metadata.appendix = 7
    project.set_audio_file(recording, old)
    save_project(project, old)
    _init(tmp_path / "S")

    assert main(["study", "add", str(tmp_path / "S"), str(SAMPLE), str(old), "--kind", "focus_group"]) == 0

    study = load_study(tmp_path / "S")
    assert [(i.project, i.kind, i.appendix) for i in study.interviews] == [
        ("nst_da_sample.transkript.json", "focus_group", 1),
        ("fokus.transkript.json", "focus_group", 7),  # a moved project keeps its appendix number
    ]
    made = load_project(tmp_path / "S" / "nst_da_sample.transkript.json")
    assert made.audio_file(tmp_path / "S" / "nst_da_sample.transkript.json") == SAMPLE.resolve()
    moved_path = tmp_path / "S" / "fokus.transkript.json"
    moved = load_project(moved_path)
    assert moved.audio_file(moved_path) == Path(recording).resolve()
    assert moved.metadata.kind == "focus_group"
    assert not old.exists()
    # adding again refuses, and the study is unchanged
    before = (tmp_path / "S" / "study.json").read_bytes()
    assert main(["study", "add", str(tmp_path / "S"), str(SAMPLE)]) == 2
    assert (tmp_path / "S" / "study.json").read_bytes() == before


def test_a_project_being_transcribed_is_not_moved(tmp_path, capsys):
    old = tmp_path / "x.transkript.json"
    save_project(Project(), old)
    _init(tmp_path / "S")
    lock = ProjectLock(old, TRANSCRIBING, refresh_every=None, pid=1)  # another process (init: alive)
    lock.acquire()
    try:
        assert main(["study", "add", str(tmp_path / "S"), str(old)]) == 2
        assert "transcrib" in capsys.readouterr().err
        assert old.exists() and not (tmp_path / "S" / "x.transkript.json").exists()
        assert load_study(tmp_path / "S").interviews == []
    finally:
        lock.release()


# -- the overview -----------------------------------------------------------------------------------


def test_overview_tells_each_interviews_state(tmp_path, capsys):
    _init(tmp_path / "S")
    typed = _write(tmp_path / "a.txt", "I: Hvordan gik det?\nVJ: Det gik fint.\nI: Godt.\n")
    assert main(["study", "add", str(tmp_path / "S"), str(SAMPLE), str(typed)]) == 0
    folder = tmp_path / "S"
    imported = load_project(folder / "a.transkript.json")
    imported.edits.append(_edit(imported.segments[1].id))
    save_project(imported, folder / "a.transkript.json")
    lock = ProjectLock(folder / "nst_da_sample.transkript.json", TRANSCRIBING, refresh_every=None)
    lock.acquire()
    capsys.readouterr()
    try:
        assert main(["study", str(folder), "--json"]) == 0
    finally:
        lock.release()
    rows = {row["project"]: row for row in json.loads(capsys.readouterr().out)["interviews"]}
    assert rows["nst_da_sample.transkript.json"]["stage"] == "transcribing"
    assert rows["a.transkript.json"]["stage"] == "transcribed"
    assert rows["a.transkript.json"]["corrected"] == pytest.approx(1 / 3)
    assert rows["a.transkript.json"]["speakers"] == 2
    assert rows["a.transkript.json"]["names_reviewed"] is None
    assert main(["study", str(folder)]) == 0
    table = capsys.readouterr().out
    assert "not transcribed" in table and "33%" in table
    assert "Det gik fint" not in table  # never the transcript's text


def _edit(segment_id: int):
    from transcribe_app.core.project.edit_log import EditEntry

    return EditEntry(kind="text", segments=[segment_id])


# -- one set of pseudonyms --------------------------------------------------------------------------


def test_register_finds_a_person_by_a_single_name_and_numbers_newcomers_after_the_rest():
    register = Register([StudyPerson(1, "Karin Storm"), StudyPerson(2, "Henrik Mølgaard")])
    assert register.label_for("Karin") == "[Person 1]"
    assert register.label_for("mølgaard") == "[Person 2]"
    assert register.label_for("Bodil Hansen") == "[Person 3]"
    assert [p.name for p in register.added] == ["Bodil Hansen"]


def test_the_interviews_roster_extends_the_studys_and_study_people_keep_the_study_code():
    study = [
        RosterEntry(name="Vibeke Jensen", code="VJ", role="informant"),
        RosterEntry(name="Anne Holm", code="I", role="interviewer"),
    ]
    own = [
        RosterEntry(
            label="S1", code="I", role="interviewer"
        ),  # diarisation's placeholder for the interviewer
        RosterEntry(label="S2", name="Vibeke Jensen", code="VIJ", role="informant"),
        RosterEntry(name="Gudrun Vestergaard", code="GV", role="other"),
    ]
    merged = study_roster(study, own)
    assert [(e.label, e.name, e.code) for e in merged] == [
        ("S2", "Vibeke Jensen", "VJ"),
        ("S1", "Anne Holm", "I"),
        ("", "Gudrun Vestergaard", "GV"),
    ]


def test_one_person_one_pseudonym_and_one_gate_across_the_study(tmp_path, capsys):
    folder = tmp_path / "S"
    roster = _write(
        tmp_path / "roster.csv", "name,code,role\nVibeke Jensen,VJ,informant\nAnne Holm,I,interviewer\n"
    )
    _init(folder, "--roster", str(roster))
    a = _write(
        tmp_path / "a.txt",
        "I: Hvem hjalp dig?\nVJ: Karin Storm fra forvaltningen. Vibeke Jensen, det er mig.\n",
    )
    # In B another person comes first: on its own, B would number Henrik 1 and Karin 2.
    b = _write(
        tmp_path / "b.txt", "I: Hvem var med?\nX: Henrik Mølgaard og så Karin Storm. Og Vibeke Jensen.\n"
    )
    c = _write(tmp_path / "c.txt", "I: Hvem ellers?\nX: Gulle fra kontoret var der også.\n")
    assert main(["study", "add", str(folder), str(a), str(b), str(c)]) == 0
    own = _write(tmp_path / "own.csv", "name,code,role,aliases\nGudrun Vestergaard,GV,other,Gulle\n")
    assert main(["roster", str(folder / "a.transkript.json"), "--import", str(own)]) == 0
    capsys.readouterr()

    outputs = {}
    for name in ("a", "b"):
        out = tmp_path / f"{name}.txt.out"
        assert main(["export", str(folder / f"{name}.transkript.json"), "--pseudonymise", "-o", str(out),
                     "--format", "plain", "--key", str(folder / "study.key.json")]) == 0  # fmt: skip
        outputs[name] = out.read_text(encoding="utf-8")
    assert "[Person 1] fra forvaltningen" in outputs["a"]
    assert "[Person 2] og så [Person 1]" in outputs["b"]  # Karin is [Person 1] in both
    assert "VJ, det er mig" in outputs["a"] and "Og VJ." in outputs["b"]  # the study's code in both
    for text in outputs.values():
        assert "Karin" not in text and "Vibeke" not in text and "Henrik" not in text
    study = load_study(folder)
    assert [(p.number, p.name) for p in study.persons] == [(1, "Karin Storm"), (2, "Henrik Mølgaard")]
    key = json.loads((folder / "study.key.json").read_text(encoding="utf-8"))
    assert {o["output"] for o in key["outputs"]} == {"a.txt.out", "b.txt.out"}  # one key for the study
    assert {"replacement": "[Person 1]", "name": "Karin Storm"} in key["persons"]

    # an appendix exported is up to date in the overview (laid out again with the study's numbers)
    appendix = tmp_path / "bilag1.txt"
    assert main(["export", str(folder / "a.transkript.json"), "--pseudonymise", "-o", str(appendix),
                 "--format", "txt", "--key", str(folder / "study.key.json")]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["study", str(folder), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["interviews"]
    states = {row["project"]: row["appendix_state"] for row in rows}
    assert states["a.transkript.json"] == "up to date" and states["b.transkript.json"] == ""

    # the review lists show the study's numbers too
    from transcribe_app.core.pseudonymise.stage import review_project

    found = review_project(load_project(folder / "b.transkript.json")).labels
    assert found.get("Karin Storm") == "[Person 1]"
    assert found.get("Henrik Mølgaard") == "[Person 2]"

    # Gudrun (only in interview A's own roster) is caught in an export of interview C.
    assert main(["export", str(folder / "c.transkript.json"), "--pseudonymise", "--format", "plain"]) == 4
    err = capsys.readouterr().err
    assert "Gulle" in err
    # outside the study the same transcript passes: the study is what knows her
    outside = tmp_path / "alone"
    outside.mkdir()
    shutil.copy(folder / "c.transkript.json", outside / "c.transkript.json")
    assert main(["export", str(outside / "c.transkript.json"), "--pseudonymise", "--format", "plain"]) == 0
    # the key never goes over the study's own file
    before = (folder / "study.json").read_bytes()
    args = ["export", str(folder / "a.transkript.json"), "--pseudonymise", "-o", str(tmp_path / "x.txt")]
    assert main([*args, "--key", str(folder / "study.json")]) == 2
    assert (folder / "study.json").read_bytes() == before and not (tmp_path / "x.txt").exists()


def test_a_damaged_study_stops_a_pseudonymised_export_but_nothing_else(tmp_path, capsys):
    folder = tmp_path / "S"
    _init(folder)
    typed = _write(tmp_path / "a.txt", "I: Hvem?\nX: Karin Storm.\n")
    assert main(["study", "add", str(folder), str(typed)]) == 0
    (folder / "study.json").write_text("{", encoding="utf-8")
    assert main(["info", str(folder / "a.transkript.json")]) == 0
    capsys.readouterr()
    assert main(["export", str(folder / "a.transkript.json"), "--pseudonymise", "--format", "plain"]) == 2
    assert "study.json" in capsys.readouterr().err
    with pytest.raises(BadInputError):
        load_study(folder)


def test_init_keeps_the_studys_settings_and_refuses_a_width_out_of_range(tmp_path):
    _init(tmp_path / "S", "--model", "large-v3", "--level", "verbatim", "--width", "70")
    settings = load_study(tmp_path / "S").settings
    assert main(["study", "add", str(tmp_path / "S"), str(SAMPLE)]) == 0
    assert load_project(tmp_path / "S" / "nst_da_sample.transkript.json").cleanup_level == "verbatim"
    assert (settings.model, settings.language, settings.cleanup_level, settings.layout_width) == (
        "large-v3",
        "da",
        "verbatim",
        70,
    )
    assert main(["study", "init", str(tmp_path / "T"), "--width", "7"]) == 2
    assert not (tmp_path / "T").exists()


def test_a_register_numbered_meanwhile_by_another_export_stops_this_one(tmp_path):
    from transcribe_app.core.study.pseudonyms import StudyPseudonyms
    from transcribe_app.core.study.record import save_study

    _init(tmp_path / "S")
    study = load_study(tmp_path / "S")
    mine = StudyPseudonyms(study, tmp_path / "S" / "a.transkript.json")
    assert mine.register.label_for("Karin Storm") == "[Person 1]"
    other = load_study(tmp_path / "S")
    other.persons.append(StudyPerson(1, "Henrik Mølgaard"))  # another export got there first
    save_study(other)
    with pytest.raises(BadInputError, match="export again"):
        mine.save_register()
    assert [p.name for p in load_study(tmp_path / "S").persons] == ["Henrik Mølgaard"]
    again = StudyPseudonyms(load_study(tmp_path / "S"), tmp_path / "S" / "a.transkript.json")
    assert again.register.label_for("Karin Storm") == "[Person 2]"
    again.save_register()
    assert [(p.number, p.name) for p in load_study(tmp_path / "S").persons] == [
        (1, "Henrik Mølgaard"),
        (2, "Karin Storm"),
    ]
