"""The open project: undoable edits, debounced atomic autosave, and a failed save that keeps the edits."""

from __future__ import annotations

from transcribe_app.core.project.file import load_project, save_project
from transcribe_app.core.project.record import Project, RosterEntry
from transcribe_app.core.project.transcript import Segment, Word
from transcribe_app.gui.session import ProjectSession


def _project() -> Project:
    words = [Word(" Hej", 0.0, 0.4, 0.9), Word(" med", 0.4, 0.6, 0.9), Word(" dig.", 0.6, 1.0, 0.3)]
    return Project(segments=[Segment(0, 0.0, 1.0, " Hej med dig.", words), Segment(1, 1.0, 2.0, " Ja.")])


def test_an_edit_is_undone_and_redone_exactly(qtbot, tmp_path):
    session = ProjectSession(_project(), tmp_path / "p.transkript.json")

    def fix(project):
        project.segments[0].words[2].text = " jer."
        project.segments[0].text = " Hej med jer."
        project.roster.append(RosterEntry(label="S1", code="VJ", role="informant"))

    session.edit("Ret ord", fix, segments=[0])
    assert session.project.segments[0].text == " Hej med jer." and session.dirty
    session.undo_stack.undo()
    assert session.project.segments[0].words[2].text == " dig." and session.project.roster == []
    session.undo_stack.redo()
    assert session.project.segments[0].text == " Hej med jer." and len(session.project.roster) == 1


def test_split_and_merge_restore_the_segment_list(qtbot, tmp_path):
    session = ProjectSession(_project(), tmp_path / "p.transkript.json")
    session.edit("Slå sammen", lambda p: p.segments.pop(1), segments=[0])
    assert len(session.project.segments) == 1
    session.undo_stack.undo()
    assert [s.text for s in session.project.segments] == [" Hej med dig.", " Ja."]


def test_autosave_waits_for_a_pause_and_writes_the_file(qtbot, tmp_path):
    path = tmp_path / "p.transkript.json"
    save_project(_project(), path)
    session = ProjectSession(load_project(path), path, autosave_ms=50)
    for word in (" jer.", " os.", " dem."):
        session.edit("Ret ord", lambda p, w=word: setattr(p.segments[0].words[2], "text", w), segments=[0])
    with qtbot.waitSignal(session.saved, timeout=2000):
        pass
    assert load_project(path).segments[0].words[2].text == " dem." and not session.dirty


def test_a_failed_save_says_why_and_keeps_the_edits(qtbot, tmp_path):
    session = ProjectSession(_project(), tmp_path / "gone" / "p.transkript.json", autosave_ms=10_000)
    session.edit("Ret ord", lambda p: setattr(p.segments[1], "text", " Nej."), segments=[1])
    with qtbot.waitSignal(session.save_failed, timeout=2000) as failure:
        assert session.save() is False
    assert "gone" in failure.args[0] and session.dirty and session.project.segments[1].text == " Nej."


def test_the_backup_is_the_project_as_it_was_before_the_window_saved_it(qtbot, tmp_path):
    """``.bak`` is the file as it was before this session, not the autosave of a moment ago."""
    path = tmp_path / "p.transkript.json"
    save_project(_project(), path)
    before = path.read_bytes()
    session = ProjectSession(load_project(path), path, autosave_ms=10_000)
    for word in (" jer.", " os.", " dem."):
        session.edit("Ret ord", lambda p, w=word: setattr(p.segments[0].words[2], "text", w), segments=[0])
        assert session.save()
    assert path.with_name(path.name + ".bak").read_bytes() == before
    assert load_project(path).segments[0].words[2].text == " dem."
