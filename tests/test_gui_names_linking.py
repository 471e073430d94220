"""The names panel with a lone name that fits a roster person: listed by the name with each occurrence's
speaker, accepted for every occurrence in one step or made someone else one by one; a missed name linked
to the roster where it is added; a leak-check hit fixed with one click (issue 18, part 1)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from tests.test_gui_names import choose, groups, occurrences, trigger
from tests.test_pseudonymise_linking import FOCUS_GROUP
from transcribe_app.core.imports.typed import import_transcript
from transcribe_app.core.project.file import load_project, save_project
from transcribe_app.core.project.record import RosterEntry
from transcribe_app.core.project.roster import merge_roster
from transcribe_app.gui.names_panel import NamesPanel
from transcribe_app.gui.session import ProjectSession

WAIT_MS = 120_000  # the first detection loads Presidio and the name lists: slow on a busy machine


def settle(qtbot, widget) -> None:
    """Wait until detection and any decision have run and the lists show the result."""
    qtbot.waitUntil(lambda: not widget.busy and widget.review is not None, timeout=WAIT_MS)


EXTRA = "B2: Karin Storm kom også. Hils karin storm, og Vibse, som vi kalder hende.\n"


@pytest.fixture
def panel(qtbot, tmp_path) -> NamesPanel:
    source = tmp_path / "fokusgruppe.txt"
    source.write_text(FOCUS_GROUP + "\n" + EXTRA, encoding="utf-8")
    project = import_transcript(source, kind="focus_group")
    merge_roster(
        project,
        [
            RosterEntry(label="MSS", name="Mette Skov Sørensen", code="MSS", role="informant"),
            RosterEntry(label="VJ", name="Vibeke Jensen", code="VJ", role="informant"),
        ],
    )
    path = tmp_path / "fokusgruppe.transkript.json"
    save_project(project, path)
    session = ProjectSession(load_project(path), path, autosave_ms=60_000)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    widget = NamesPanel(session, settings=settings)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    settle(qtbot, widget)
    return widget


def _decisions(panel) -> list[tuple]:
    return [(d.action, d.text, d.part, d.to) for d in panel.session.project.pseudonymisation.decisions]


def test_a_lone_name_is_accepted_for_every_occurrence_in_one_step_or_made_someone_else_once(qtbot, panel):
    listed = groups(panel.review_list)
    mette = listed["Mette — is it Mette Skov Sørensen?"]
    assert mette.text(1) == "2" and mette.text(2) == "MSS if accepted"
    first, second = occurrences(mette)
    assert first.text(1) == "turn 3, B2" and "[Mette] fra jobcentret" in first.text(3)
    assert second.text(0) == "Mettes" and second.text(1) == "turn 5, VJ"
    assert "Og Mette fra jobcentret" in panel.preview_text()

    choose(panel.review_list, mette)
    panel.accept_button.click()  # the whole name: every occurrence, one undoable step
    settle(qtbot, panel)
    assert _decisions(panel) == [("accept", "Mette", None, None), ("accept", "Mettes", None, None)]
    assert "Og MSS fra jobcentret" in panel.preview_text() and "MSS' mail" in panel.preview_text()
    assert groups(panel.replaced_list)["Mette Skov Sørensen"].text(1) == "3"  # the full name too

    panel.session.undo_stack.undo()
    settle(qtbot, panel)
    first = occurrences(groups(panel.review_list)["Mette — is it Mette Skov Sørensen?"])[0]
    choose(panel.review_list, first)
    panel.someone_else_button.click()  # this one is another Mette
    settle(qtbot, panel)
    assert _decisions(panel) == [("assign", "Mette", 2, None)]
    assert "Og [Person 1] fra jobcentret" in panel.preview_text()
    assert "Mettes mail" in panel.preview_text()  # the other occurrence still waits


def test_a_missed_name_is_linked_to_a_roster_person_where_it_is_added(qtbot, panel):
    assert "Vibse" in panel.preview_text()
    panel.add_edit.setText("Vibse")
    panel.add_link.setCurrentIndex(panel.add_link.findData("Vibeke Jensen"))
    panel.add_button.click()
    settle(qtbot, panel)
    linked = [("add", "Vibse", None, None), ("assign", "Vibse", None, "Vibeke Jensen")]
    assert _decisions(panel)[-2:] == linked
    assert "og VJ, som vi kalder hende" in panel.preview_text()


def test_a_leak_check_hit_is_listed_for_review_and_fixed_with_one_click(qtbot, panel):
    leak = groups(panel.review_list)["karin storm"]
    assert leak.text(2) == "still in the text: fix it"
    menu = panel.context_menu(leak)
    assert [a.text() for a in next(a for a in menu.actions() if a.menu()).menu().actions()] == [
        "Mette Skov Sørensen → MSS",
        "Vibeke Jensen → VJ",
    ]
    trigger(menu, "A person of their own")
    settle(qtbot, panel)
    assert "karin storm" not in groups(panel.review_list)
    assert "karin storm" not in panel.preview_text()


def test_the_roster_panel_marks_a_person_addressed_by_first_name_and_the_review_follows(qtbot, panel):
    from transcribe_app.gui.roster_panel import FIELDS, RosterPanel

    roster = RosterPanel()
    qtbot.addWidget(roster)
    roster.set_session(panel.session)
    row = next(i for i, e in enumerate(panel.session.project.roster) if e.name == "Mette Skov Sørensen")
    box = roster.model.index(row, FIELDS.index("addressed_by_first_name"))
    assert box.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert roster.model.setData(box, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert panel.session.project.roster[row].addressed_by_first_name is True
    qtbot.waitUntil(lambda: "Og MSS fra jobcentret" in panel.preview_text(), timeout=WAIT_MS)
    assert not [k for k in groups(panel.review_list) if k.startswith("Mette")]
    panel.session.undo_stack.undo()
    assert panel.session.project.roster[row].addressed_by_first_name is False
