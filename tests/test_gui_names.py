"""The names panel driven as a researcher drives it: the annotated interview, its roster, and the lists.

Every decision is checked where it matters: stored in the project as the CLI
stores it, shown in the right list and in the preview, and gone again after undo.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu, QTreeWidget, QTreeWidgetItem

from tests.pseudonymisation_gold import interview_project
from transcribe_app.core.project.file import load_project
from transcribe_app.gui import names_panel
from transcribe_app.gui.names_panel import NamesPanel
from transcribe_app.gui.session import ProjectSession

ROSTER_NAMES = ("Vibeke", "Jensen", "Bo Lund", "Per Skov", "Anne-Mette", "Lund", "Skov")
WAIT_MS = 120_000  # the first names review loads Presidio and spaCy: on busy shared cores, long


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def session(tmp_path, qtbot) -> ProjectSession:
    """The annotated interview as a project with its roster, saved and open."""
    path = interview_project(tmp_path)
    return ProjectSession(load_project(path), path, autosave_ms=60_000)


@pytest.fixture
def panel(qtbot, session, settings) -> NamesPanel:
    widget = NamesPanel(session, settings=settings)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    settle(qtbot, widget)
    return widget


def settle(qtbot, widget) -> None:
    """Wait until detection and any decision have run and the lists show the result."""
    qtbot.waitUntil(lambda: not widget.busy and widget.review is not None, timeout=WAIT_MS)


def groups(tree: QTreeWidget) -> dict[str, QTreeWidgetItem]:
    return {tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())}


def occurrences(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    return [item.child(i) for i in range(item.childCount())]


def choose(tree: QTreeWidget, item: QTreeWidgetItem) -> None:
    tree.clearSelection()
    tree.setCurrentItem(item)
    item.setSelected(True)


def trigger(menu: QMenu, *path: str) -> None:
    """Trigger the action reached by the texts in ``path`` (submenus, then the action), each by its start."""
    for depth, text in enumerate(path):
        action = next(a for a in menu.actions() if a.text().startswith(text))
        if depth == len(path) - 1:
            action.trigger()
        else:
            menu = action.menu()


def decisions(session) -> list[dict]:
    """The project's decisions as stored."""
    return [decision.to_dict() for decision in session.project.pseudonymisation.decisions]


def test_the_review_list_shows_mark_twice_and_accepting_one_moves_it_and_undo_takes_it_back(
    qtbot, panel, session
):
    mark = groups(panel.review_list)["Mark"]
    assert mark.text(1) == "2" and len(occurrences(mark)) == 2
    assert "Mark" not in groups(panel.replaced_list)
    first, second = occurrences(mark)
    assert "[Mark]" in first.text(3) and "økonomiafdelingen" in first.text(3)  # the words around it
    assert "Found by" in first.toolTip(0) and "Score 0.50" in first.toolTip(0)
    assert "if accepted" in mark.text(2) and "[Person" in mark.text(2)

    panel.tabs.setCurrentIndex(0)
    choose(panel.review_list, first)
    panel.accept_button.click()
    settle(qtbot, panel)

    stored = decisions(session)
    assert [(d["action"], d["text"], d["part"], d["nth"]) for d in stored] == [("accept", "Mark", 9, 0)]
    assert stored[0]["by"] and stored[0]["at"]
    assert session.project.pseudonymisation.audit[-1].event == "decision"
    assert len(occurrences(groups(panel.review_list)["Mark"])) == 1
    replaced = groups(panel.replaced_list)["Mark"]
    assert replaced.text(1) == "1" and replaced.text(2).startswith("[Person")
    assert session.undo_stack.undoText().startswith("Accept Mark")

    session.undo_stack.undo()
    settle(qtbot, panel)
    assert decisions(session) == []
    assert len(occurrences(groups(panel.review_list)["Mark"])) == 2
    assert "Mark" not in groups(panel.replaced_list)
    session.undo_stack.redo()
    settle(qtbot, panel)
    assert decisions(session) == stored and groups(panel.replaced_list)["Mark"].text(1) == "1"


def test_rejecting_a_name_keeps_every_occurrence_as_written(qtbot, panel, session):
    choose(panel.review_list, groups(panel.review_list)["Mark"])
    panel.reject_button.click()
    settle(qtbot, panel)
    assert [(d["action"], d["text"], "part" in d) for d in decisions(session)] == [("reject", "Mark", False)]
    kept = groups(panel.kept_list)["Mark"]
    assert kept.text(1) == "2" and kept.text(2) == "kept as written"
    assert "Mark" not in groups(panel.review_list)
    assert panel.preview_text().count("Mark ") >= 2  # still in the pseudonymised text


def test_a_leftover_added_as_a_person_is_replaced_and_a_dismissed_one_leaves_the_list(qtbot, panel, session):
    def plant(project):
        project.segments[4].text += " Jeg talte også med Wiremu om det."
        project.segments[4].words = []

    session.edit("plant", plant, segments=[4])
    qtbot.waitUntil(lambda: not panel.busy and "Wiremu" in leftovers(panel), timeout=WAIT_MS)

    panel.tabs.setCurrentIndex(3)
    choose(panel.leftover_list, leftovers(panel)["Wiremu"])
    panel.add_person_button.click()
    qtbot.waitUntil(lambda: not panel.busy and "Wiremu" not in leftovers(panel), timeout=WAIT_MS)
    assert decisions(session)[-1] | {"by": "", "at": ""} == {
        "action": "add", "text": "Wiremu", "entity": "person", "by": "", "at": "",
    }  # fmt: skip
    wiremu = groups(panel.replaced_list)["Wiremu"]
    assert wiremu.text(2).startswith("[Person")
    assert "Wiremu" not in panel.preview_text() and f"med {wiremu.text(2)} om det" in panel.preview_text()

    choose(panel.leftover_list, leftovers(panel)["Teams"])
    panel.dismiss_button.click()
    qtbot.waitUntil(lambda: not panel.busy and "Teams" not in leftovers(panel), timeout=WAIT_MS)
    assert decisions(session)[-1]["action"] == "dismiss"


def leftovers(panel) -> dict[str, QTreeWidgetItem]:
    tree = panel.leftover_list
    return {tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())}


def test_a_typed_name_is_added_as_a_place(qtbot, panel, session):
    panel.add_edit.setText("Nørrebro")
    panel.add_kind.setCurrentIndex(panel.add_kind.findData("place"))
    panel.add_button.click()
    qtbot.waitUntil(lambda: not panel.busy and "Nørrebro" not in leftovers(panel), timeout=WAIT_MS)
    assert decisions(session)[-1]["entity"] == "place"
    assert "Nørrebro" not in panel.preview_text()


def test_same_person_as_merges_two_people_into_one_replacement(qtbot, panel, session):
    replaced = groups(panel.replaced_list)
    hanne, karin = replaced["Hanne Krog"], replaced["Karin Storm"]
    karin_label = karin.text(2)
    assert hanne.text(2) != karin_label
    trigger(panel.context_menu(hanne), "Same person as", "Karin Storm")
    settle(qtbot, panel)
    assert [(d["action"], d["text"], d["to"]) for d in decisions(session)] == [
        ("merge", "Hanne Krog", "Karin Storm")
    ]
    replaced = groups(panel.replaced_list)
    assert "Hanne Krog" not in replaced
    merged = replaced["Karin Storm"]
    assert merged.text(1) == "4" and {child.text(0) for child in occurrences(merged)} >= {
        "Hanne Krog",
        "Karin",
    }
    session.undo_stack.undo()
    settle(qtbot, panel)
    assert "Hanne Krog" in groups(panel.replaced_list)


def test_an_ambiguous_surname_is_assigned_to_one_person(qtbot, panel, session):
    review = groups(panel.review_list)
    jensen = next(item for name, item in review.items() if name.startswith("Jensen"))
    assert "Could be" in jensen.toolTip(0) and "Vibeke Jensen" in jensen.toolTip(0)
    (occurrence,) = occurrences(jensen)
    trigger(panel.context_menu(occurrence), "This one is", "Thomas Jensen")
    settle(qtbot, panel)
    (decision,) = decisions(session)
    assert (decision["action"], decision["text"], decision["to"]) == ("assign", "Jensen", "Thomas Jensen")
    thomas = groups(panel.replaced_list)["Thomas Jensen"]
    assert "Jensen" in {child.text(0) for child in occurrences(thomas)}
    assert not any(name.startswith("Jensen") for name in groups(panel.review_list))


def test_a_mention_split_off_becomes_a_person_of_its_own(qtbot, panel, session):
    rose = groups(panel.replaced_list)["Rose Hjort"]
    single = next(child for child in occurrences(rose) if child.text(0) == "Rose")
    part = int(single.text(1).split(",")[0].split()[-1]) - 1  # "turn 23, D1"
    trigger(panel.context_menu(single), "This one is", "A person of their own")
    settle(qtbot, panel)
    decision = decisions(session)[-1]
    assert decision["action"] == "assign" and "to" not in decision and decision["part"] == part
    replaced = groups(panel.replaced_list)
    alone, hjort = replaced["Rose"], replaced["Rose Hjort"]  # the split one is a person named by her word
    assert alone.text(1) == "1" and alone.text(2).startswith("[Person") and alone.text(2) != hjort.text(2)
    assert hjort.text(1) == "2"  # of three


def test_accepting_all_review_leaves_no_roster_name_in_the_preview(qtbot, panel, session):
    before = panel.preview_text()
    assert "Jensen" in before and "Mark" in before
    panel.accept_all_button.click()
    settle(qtbot, panel)
    assert panel.review_list.topLevelItemCount() == 0
    assert "Every detection is reviewed" in panel.status_label.text()
    preview = panel.preview_text()
    for name in ROSTER_NAMES:
        assert name not in preview, name
    assert "VJ's kalender" in preview and "[Person 1]" in preview
    assert preview.splitlines()[2].startswith("I: Tak fordi du ville være med, VJ.")
    highlighted = [s.cursor.selectedText() for s in panel.preview.extraSelections()]
    assert len(highlighted) == len(panel.review.result.occurrences)
    assert "VJ's" in highlighted and all(
        text.startswith(("[", "VJ", "BL", "PS", "AMK")) for text in highlighted
    )
    assert [e.event for e in session.project.pseudonymisation.audit][-1] == "accepted all review"


def test_places_are_replaced_once_switched_on_and_undo_switches_them_off(qtbot, panel, session):
    assert "Aarhus Kommune" in panel.preview_text()
    aarhus = groups(panel.kept_list)["Aarhus"]
    assert "switch them on" in occurrences(aarhus)[0].toolTip(0)
    panel.places_box.setChecked(True)
    settle(qtbot, panel)
    assert session.project.pseudonymisation.settings.places is True
    assert "Aarhus" not in panel.preview_text() and "[Kommune]" in panel.preview_text()
    assert "Aarhus" in groups(panel.replaced_list)
    session.undo_stack.undo()
    settle(qtbot, panel)
    assert not panel.places_box.isChecked() and "Aarhus Kommune" in panel.preview_text()


def test_the_extra_name_finder_is_offered_only_when_a_model_is_installed(
    qtbot, session, settings, monkeypatch
):
    monkeypatch.setattr(names_panel, "installed_ner_models", lambda: [])
    bare = NamesPanel(session, settings=settings)
    qtbot.addWidget(bare)
    assert bare.ner_combo.isHidden()
    monkeypatch.setattr(names_panel, "installed_ner_models", lambda: ["da_core_news_sm"])
    offered = NamesPanel(session, settings=settings)
    qtbot.addWidget(offered)
    assert not offered.ner_combo.isHidden() and offered.ner_combo.findData("da_core_news_sm") == 1


def test_the_key_file_location_is_remembered_per_project(qtbot, panel, session, settings, tmp_path):
    assert panel.key_file() == str(tmp_path / "interview.key.json")
    chosen = tmp_path / "safe" / "vj-key.json"
    panel.key_edit.setText(str(chosen))
    panel.key_edit.editingFinished.emit()
    again = NamesPanel(session, settings=settings)
    qtbot.addWidget(again)
    assert again.key_file() == str(chosen)
    assert str(chosen) not in str(session.project.to_dict())  # never in the project file


def test_show_in_the_editor_names_the_segment_of_the_occurrence(qtbot, panel, session):
    mark = occurrences(groups(panel.review_list)["Mark"])[1]
    with qtbot.waitSignal(panel.show_in_editor) as shown:
        trigger(panel.context_menu(mark), "Show in the editor")
    segment, words = shown.args
    assert words == "Mark" and "Mark" in session.project.segments[segment].text


def test_no_project_and_a_project_without_a_transcript_are_said_plainly(qtbot, settings, tmp_path):
    from transcribe_app.core.project.record import Project

    widget = NamesPanel(None, settings=settings)
    qtbot.addWidget(widget)
    widget.show()
    assert not widget.isEnabled() and widget.status_label.text() == "No project is open."
    empty = ProjectSession(Project(), tmp_path / "new.transkript.json", autosave_ms=60_000)
    widget.set_session(empty)
    qtbot.waitUntil(
        lambda: not widget.busy and "no transcript yet" in widget.status_label.text(), timeout=WAIT_MS
    )
    assert widget.review_list.topLevelItemCount() == 0 and widget.key_file().endswith("new.key.json")


def test_a_person_can_be_given_a_pseudonym_of_ones_own_choosing(qtbot, panel, session, monkeypatch):
    asked = []
    monkeypatch.setattr(names_panel, "ask_text", lambda *args: asked.append(args) or "Kirsten")
    trigger(panel.context_menu(groups(panel.replaced_list)["Karin Storm"]), "Replace with a name")
    settle(qtbot, panel)
    assert asked[0][3] == "[Person 2]"  # what she is now, offered to be changed
    decision = decisions(session)[-1]
    assert (decision["action"], decision["text"], decision["to"]) == ("pseudonym", "Karin Storm", "Kirsten")
    assert groups(panel.replaced_list)["Karin Storm"].text(2) == "Kirsten"
    assert "men Kirsten var meget detaljeorienteret" in panel.preview_text()


def test_replacing_one_place_while_places_are_off_adds_it(qtbot, panel, session):
    panel.tabs.setCurrentIndex(2)
    choose(panel.kept_list, groups(panel.kept_list)["Odense"])
    panel.replace_button.click()
    settle(qtbot, panel)
    (decision,) = decisions(session)
    assert (decision["action"], decision["text"], decision["entity"]) == ("add", "Odense", "place")
    assert groups(panel.replaced_list)["Odense"].text(1) == "2" and "Odense" not in groups(panel.kept_list)
    assert "Odense" not in panel.preview_text() and "Aarhus" in panel.preview_text()
