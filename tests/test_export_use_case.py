"""One export use case for the command and the window (core/exports/use_case.py): the same request gives
the same file, key and audit entries from ``transcribe-app export`` and from the export dialog; the outcome
says what changed, the caller saves; a stop at the gate writes nothing and lists the hits by line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from tests.pseudonymisation_gold import interview_project
from transcribe_app.cli import main
from transcribe_app.core.citations import open_appendix
from transcribe_app.core.errors import BadInputError
from transcribe_app.core.exports.use_case import (
    ExportRequest,
    ExportStopped,
    apply_export,
    export_transcript,
)
from transcribe_app.core.project.file import load_project, project_json, save_project
from transcribe_app.gui.background import light_copy
from transcribe_app.gui.export_dialog import ExportDialog
from transcribe_app.gui.key_location import remember_key_path
from transcribe_app.gui.session import ProjectSession

WAIT_MS = 120_000  # the first names review loads Presidio and spaCy: on busy shared cores, long


@pytest.fixture
def project(tmp_path, no_network):
    return interview_project(tmp_path)


def twin(path, folder):
    """The same project file in a folder of its own (so that outputs and their names match too)."""
    folder.mkdir()
    copy = folder / path.name
    shutil.copyfile(path, copy)
    return copy


def without_times(entries: list) -> list[dict]:
    """Decisions or audit entries as stored, less who and when (two runs may differ there)."""
    return [{k: v for k, v in entry.to_dict().items() if k not in ("at", "by")} for entry in entries]


def plant_a_lowercase_name(path) -> None:
    """A typist's lowercase slip that detection passes by; the gate knows the name (replaced elsewhere)."""
    planted = load_project(path)
    planted.segments[3].text += " Hils karin storm."
    planted.segments[3].words = []
    save_project(planted, path)


@pytest.mark.parametrize(("fmt", "anyway"), [("txt", False), ("txt", True), ("docx", False)])
def test_the_command_and_the_window_export_the_same_bytes_key_and_audit(
    qtbot, project, tmp_path, fmt, anyway
):
    if anyway:
        plant_a_lowercase_name(project)
    by_command, by_window = twin(project, tmp_path / "command"), twin(project, tmp_path / "window")
    name = f"bilag7.{fmt}"

    args = ["export", str(by_command), "--pseudonymise", "--accept-review", "--width", "60", "--timestamps"]
    args += ["--key", str(by_command.parent / "vj.key.json"), "-o", str(by_command.parent / name)]
    assert main([*args, *(["--allow-leaks"] if anyway else [])]) == 0

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    remember_key_path(settings, by_window, str(by_window.parent / "vj.key.json"))
    session = ProjectSession(load_project(by_window), by_window, autosave_ms=60_000)
    dialog = ExportDialog(session, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_format(fmt)
    dialog.output_edit.setText(str(by_window.parent / name))
    dialog.width_spin.setValue(60)
    dialog.timestamps_box.setChecked(True)
    dialog.accept_review_box.setChecked(True)
    dialog.export()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    if anyway:
        assert dialog.leak_box.isVisible() and not (by_window.parent / name).exists()
        dialog.export_anyway()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    assert session.save()

    command, window = load_project(by_command), load_project(by_window)
    if fmt == "txt":  # a DOCX carries the moment it was made; its lines are compared through the layout
        assert (by_command.parent / name).read_bytes() == (by_window.parent / name).read_bytes()
    assert command.layout == window.layout and command.layout.width == 60
    decisions = without_times(command.pseudonymisation.decisions)
    assert decisions == without_times(window.pseudonymisation.decisions)
    audit = without_times(command.pseudonymisation.audit)
    assert audit == without_times(window.pseudonymisation.audit)
    assert [entry["event"] for entry in audit][-2:] == [
        "export despite leaks" if anyway else "accepted all review",
        "key written",
    ]
    keys = [json.loads((p.parent / "vj.key.json").read_bytes()) for p in (by_command, by_window)]
    assert keys[0]["entries"] == keys[1]["entries"] and keys[0]["entries"]


def test_the_outcome_says_what_was_written_and_what_changed_and_nothing_is_saved(project, tmp_path):
    before = project.read_bytes()
    exported = load_project(project)
    out, key = tmp_path / "bilag7.docx", tmp_path / "vj.key.json"
    outcome = export_transcript(
        exported, ExportRequest("docx", out, pseudonymise=True, key=key, accept_review=True)
    )
    assert outcome.written == [out, key] and out.exists() and key.exists()
    assert outcome.appendix and outcome.layout_changed and outcome.changed and outcome.key == key
    assert outcome.lines == len(open_appendix(exported).lines)  # the appendix is this export's lines
    assert outcome.layout == exported.layout and exported.layout.pseudonymised is True
    assert [entry.event for entry in outcome.audit] == ["accepted all review", "key written"]
    assert outcome.decisions and all(d.action == "accept" for d in outcome.decisions)
    assert outcome.leaks == 0 and outcome.text is None
    assert project.read_bytes() == before  # the caller saves

    # What the window does: the export on a light copy, then its changes brought into the project.
    in_window = load_project(project)
    copied = light_copy(in_window)
    (tmp_path / "window").mkdir()
    out, key = tmp_path / "window" / "bilag7.docx", tmp_path / "window" / "vj.key.json"
    again = export_transcript(
        copied, ExportRequest("docx", out, pseudonymise=True, key=key, accept_review=True)
    )
    apply_export(in_window, again)
    assert in_window.layout == exported.layout
    assert without_times(in_window.pseudonymisation.decisions) == without_times(
        exported.pseudonymisation.decisions
    )
    assert without_times(in_window.pseudonymisation.audit) == without_times(
        exported.pseudonymisation.audit
    )


def test_an_export_that_changes_nothing_leaves_the_project_byte_for_byte(project, tmp_path):
    loaded = load_project(project)
    before = project_json(loaded)
    outcome = export_transcript(loaded, ExportRequest("plain", tmp_path / "vj_plain.txt"))
    assert outcome.written == [tmp_path / "vj_plain.txt"] and not outcome.changed
    assert outcome.lines is None and not outcome.appendix
    apply_export(loaded, outcome)
    assert project_json(loaded) == before


def test_standard_output_gets_the_text_back_and_nothing_is_written(project, tmp_path):
    loaded = load_project(project)
    outcome = export_transcript(loaded, ExportRequest("txt", None, level="verbatim"))
    assert outcome.written == [] and outcome.text.startswith("Bilag 7: Interview med VJ")
    assert outcome.lines > 0 and not outcome.appendix and not outcome.changed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["interview.transkript.json", "interview.txt"]


def test_a_stop_at_the_gate_writes_nothing_and_lists_the_hits_by_appendix_line(project, tmp_path):
    plant_a_lowercase_name(project)
    loaded = load_project(project)
    out, key = tmp_path / "bilag7.txt", tmp_path / "vj.key.json"
    with pytest.raises(ExportStopped) as stopped:
        export_transcript(loaded, ExportRequest("txt", out, pseudonymise=True, key=key, accept_review=True))
    assert stopped.value.exit_code == 4 and "The export was stopped: 1 real name(s)" in str(stopped.value)
    (row,) = stopped.value.rows
    assert (row.found, row.name, row.appendix) == ("karin storm", "Karin Storm", True)
    assert "karin storm" in row.context and not out.exists() and not key.exists()
    assert loaded.layout is None

    outcome = export_transcript(
        loaded, ExportRequest("txt", out, pseudonymise=True, key=key, accept_review=True, allow_leaks=True)
    )
    printed = next(line for line in out.read_text(encoding="utf-8").splitlines() if "karin storm" in line)
    assert printed.split()[0] == str(row.line)  # the row's line is the line number printed in the file
    assert outcome.leaks == 1 and outcome.audit[-2].event == "export despite leaks"


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        (ExportRequest("odt", None), "Unknown export format"),
        (ExportRequest("pdf", None), "cannot be printed"),
        (ExportRequest("txt", None, key=None, accept_review=True), "belong to a pseudonymised export"),
        (ExportRequest("txt", Path("x.txt"), pseudonymise=True), "needs a key file"),
        (ExportRequest("txt", None, width=12), "line width of 12"),
    ],
)
def test_a_request_that_cannot_be_honoured_is_refused_before_anything_happens(
    project, tmp_path, request_, message
):
    loaded = load_project(project)
    before = project_json(loaded)
    with pytest.raises(BadInputError, match=message):
        export_transcript(loaded, request_)
    assert project_json(loaded) == before and not (tmp_path / "x.txt").exists()
