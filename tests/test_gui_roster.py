"""The roster panel: codes from initials, clashes warned, speakers mapped, import/export — all undoable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from transcribe_app.core.project.record import Project, RosterEntry
from transcribe_app.core.project.roster import read_roster
from transcribe_app.core.project.transcript import Segment, Word
from transcribe_app.gui.roster_panel import FIELDS, RosterPanel
from transcribe_app.gui.session import ProjectSession
from transcribe_app.gui.transcription import roster_prompt

pytest_plugins = ("tests.gui_fixtures",)  # questions


def diarised_project() -> Project:
    """Two voices as diarisation leaves them (S1 interviewer, S2 a placeholder), and a named informant."""
    segments = [
        Segment(0, 0.0, 4.0, " Hvordan startede det?", [Word(" Hvordan", 0.0, 0.5, 0.9, "S1")], speaker="S1"),
        Segment(1, 4.0, 10.0, " Med jobafklaring.", [Word(" Med", 4.0, 4.3, 0.9, "S2")], speaker="S2"),
        Segment(2, 10.0, 12.0, " Og så?", speaker="S1"),
    ]
    project = Project(segments=segments)
    project.roster = [
        RosterEntry(label="S1", code="I", role="interviewer"),
        RosterEntry(label="S2", code="IP", role="informant"),
        RosterEntry(name="Bente Larsen", code="BL", role="informant"),
    ]
    return project


@pytest.fixture
def panel(qtbot, tmp_path):
    session = ProjectSession(diarised_project(), tmp_path / "p.transkript.json", autosave_ms=60_000)
    roster = RosterPanel()
    qtbot.addWidget(roster)
    roster.set_session(session)
    return roster


def cell(panel, row, field):
    return panel.model.index(row, FIELDS.index(field))


def codes(panel):
    return [entry.code for entry in panel.session.project.roster]


def test_a_typed_name_gets_its_initials_and_every_step_undoes(panel):
    panel.add_person()
    assert panel.model.rowCount() == 4
    assert panel.model.setData(cell(panel, 3, "name"), "Vibeke Jensen", Qt.ItemDataRole.EditRole)
    assert codes(panel)[3] == "VJ" and panel.model.data(cell(panel, 3, "code")) == "VJ"
    stack = panel.session.undo_stack
    assert stack.undoText().startswith("Change Name")
    stack.undo()
    assert panel.session.project.roster[3].name == "" and codes(panel)[3] == ""
    stack.undo()
    assert panel.model.rowCount() == 3
    stack.redo()
    stack.redo()
    assert panel.session.project.roster[3].name == "Vibeke Jensen" and codes(panel)[3] == "VJ"


def test_shared_initials_get_a_number_and_a_warning(panel):
    panel.add_person()
    panel.model.setData(cell(panel, 3, "name"), "Bo Lund")
    assert codes(panel)[3] == "BL2"
    warning = panel.warning_label.text()
    assert "Bente Larsen" in warning and "Bo Lund" in warning and "BL2" in warning


def test_a_typed_code_someone_else_has_is_refused(panel):
    panel.add_person()
    panel.model.setData(cell(panel, 3, "name"), "Vibeke Jensen")
    depth = panel.session.undo_stack.count()
    assert not panel.model.setData(cell(panel, 3, "code"), "bl")
    assert codes(panel)[3] == "VJ" and panel.session.undo_stack.count() == depth
    assert "BL is already the code of Bente Larsen" in panel.warning_label.text()
    assert not panel.model.setData(cell(panel, 3, "code"), "V J")
    assert "cannot be a citation code" in panel.warning_label.text()
    assert panel.model.setData(cell(panel, 3, "code"), "VIJ") and codes(panel)[3] == "VIJ"


def test_role_and_aliases_are_edited_in_the_table(panel):
    panel.model.setData(cell(panel, 2, "role"), "other")
    panel.model.setData(cell(panel, 2, "aliases"), "Bente; direktøren |  Bente ")
    entry = panel.session.project.roster[2]
    assert entry.role == "other" and entry.aliases == ["Bente", "direktøren"]
    assert panel.model.data(cell(panel, 2, "role")) == "other"
    assert panel.model.data(cell(panel, 2, "aliases")) == "Bente; direktøren"
    assert roster_prompt(panel.session.project) == "Bente Larsen, Bente, direktøren"


def test_a_voice_is_mapped_to_a_person_and_back(panel):
    assert panel.speaker_labels() == ["S1", "S2"]
    combo = panel.speakers.cellWidget(1, 3)
    assert combo.currentText().startswith("IP")
    combo.setCurrentIndex(combo.findData(2))  # S2 is Bente Larsen
    combo.activated.emit(combo.currentIndex())
    project = panel.session.project
    assert project.roster[2].label == "S2" and project.roster[1].label == ""
    assert project.code_for("S2") == "BL"
    assert panel.speakers.cellWidget(1, 3).currentText().startswith("BL")
    panel.session.undo_stack.undo()
    assert project.code_for("S2") == "IP" and panel.session.project.roster[2].label == ""


def test_suggest_codes_fills_only_the_empty_ones(panel):
    newcomer = RosterEntry(name="Mette Skou Seiersen", role="informant")
    panel.session.edit("add", lambda p: p.roster.append(newcomer))  # as another panel might add someone
    assert codes(panel) == ["I", "IP", "BL", ""]
    assert panel.suggest_codes() == []
    assert codes(panel) == ["I", "IP", "BL", "MSS"] and panel.session.undo_stack.undoText() == "Suggest codes"
    assert panel.suggest_codes() == [] and "has a code already" in panel.warning_label.text()


def test_import_and_export_a_roster(panel, tmp_path, questions):
    csv = tmp_path / "roster.csv"
    csv.write_text(
        "navn;kode;rolle;aliaser\nVibeke Jensen;;informant;Vibse\nAnna Holm;I;interviewer;\n", "utf-8"
    )
    assert panel.import_roster(str(csv)) == []
    project = panel.session.project
    assert [(e.name, e.code, e.label) for e in project.roster] == [
        ("Anna Holm", "I", "S1"),
        ("", "IP", "S2"),
        ("Bente Larsen", "BL", ""),
        ("Vibeke Jensen", "VJ", ""),
    ]
    assert panel.session.undo_stack.undoText() == "Import roster"
    out = tmp_path / "roster.json"
    assert panel.export_roster(str(out))
    assert [e.name for e in read_roster(out)] == ["Anna Holm", "", "Bente Larsen", "Vibeke Jensen"]
    assert "real names" in panel.warning_label.text()
    panel.session.undo_stack.undo()
    assert [e.code for e in panel.session.project.roster] == ["I", "IP", "BL"]


def test_a_bad_roster_file_changes_nothing_and_says_where(panel, tmp_path, questions):
    bad = tmp_path / "roster.csv"
    bad.write_text("name,code\nVibeke Jensen,V J\n", "utf-8")
    depth = panel.session.undo_stack.count()
    assert panel.import_roster(str(bad)) == []
    assert "line 2" in questions.asked[0] and panel.session.undo_stack.count() == depth
    clash = tmp_path / "clash.json"
    clash.write_text('[{"name": "Anna Holm", "label": "S1", "code": "BL"}]', "utf-8")  # Bente is BL
    assert panel.import_roster(str(clash)) == []
    assert "both have the code" in questions.asked[1]
    assert codes(panel) == ["I", "IP", "BL"] and panel.session.project.roster[0].name == ""


def test_a_roster_with_invisible_characters_in_its_names_is_imported_in_one_form_and_says_so(
    panel, tmp_path, questions
):
    csv = tmp_path / "roster.csv"
    csv.write_text("name,code,role\nVi\u00adbeke Jen\u200bsen,VJ,informant\n", "utf-8")
    (warning,) = panel.import_roster(str(csv))
    assert warning.startswith("2 invisible characters") and "Vibeke" not in warning
    assert "2 invisible characters" in panel.warning_label.text()
    assert any(e.name == "Vibeke Jensen" for e in panel.session.project.roster)
