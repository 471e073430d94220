"""The names panel's "Indirect identifiers" tab (issue 18 §2) driven as a researcher drives it: the items
listed by kind with their occurrences, each decision stored as the command stores it (and undone as one
step), and the command and an export seeing the window's decisions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import settings as examples
from hypothesis import strategies as st
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QTreeWidgetItem

from transcribe_app.cli import main
from transcribe_app.core.imports.typed import import_transcript
from transcribe_app.core.project.file import load_project, save_project
from transcribe_app.core.project.record import RosterEntry
from transcribe_app.core.pseudonymise.indirect import find_indirect, make_indirect_decision
from transcribe_app.gui import i18n, indirect_page
from transcribe_app.gui.indirect_review import find_in_turns
from transcribe_app.gui.names_panel import NamesPanel
from transcribe_app.gui.session import ProjectSession

pytest_plugins = ("tests.gui_fixtures",)  # settings, window
WAIT_MS = 120_000  # the first names review loads Presidio and spaCy: on busy shared cores, long
TEXT = (
    "I: Hvad laver du til daglig?\n\n"
    "CC: Jeg er centerchef i Center for Job og Integration, og det har jeg været siden 2018. "
    "Jeg er 52 år nu.\n\n"
    "I: Og før det?\n\n"
    "CC: Før det var jeg afdelingsleder i Randers, og som centerchef er jeg tæt på rådmanden.\n"
)


@pytest.fixture
def session(tmp_path) -> ProjectSession:
    source = tmp_path / "interview.txt"
    source.write_text(TEXT, encoding="utf-8")
    project = import_transcript(source)
    project.roster = [RosterEntry(name="Camilla Carlsen", code="CC", role="informant")]
    path = tmp_path / "interview.transkript.json"
    save_project(project, path)
    return ProjectSession(load_project(path), path, autosave_ms=60_000)


@pytest.fixture
def panel(qtbot, session, tmp_path) -> NamesPanel:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    widget = NamesPanel(session, settings=settings)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    settle(qtbot, widget)
    widget.tabs.setCurrentWidget(widget.indirect_page)
    return widget


def settle(qtbot, widget) -> None:
    qtbot.waitUntil(lambda: not widget.busy and widget.review is not None, timeout=WAIT_MS)


def rows(page) -> dict[str, QTreeWidgetItem]:
    """Every kind and item row by its first column."""
    found = {}
    for i in range(page.tree.topLevelItemCount()):
        top = page.tree.topLevelItem(i)
        found[top.text(0)] = top
        for j in range(top.childCount()):
            found.setdefault(top.child(j).text(0), top.child(j))
    return found


def choose(page, *items: QTreeWidgetItem) -> None:
    page.tree.clearSelection()
    for item in items:
        item.setSelected(True)


def decide(qtbot, panel, act) -> None:
    act()
    qtbot.waitUntil(lambda: not panel.busy, timeout=WAIT_MS)
    settle(qtbot, panel)


def stored(session) -> list[dict]:
    return [d.details() for d in session.project.pseudonymisation.indirect]


def test_identifiers_are_listed_by_kind_with_occurrences_speaker_and_context(panel):
    page = panel.indirect_page
    found = rows(page)
    assert {"Positions and titles", "Workplaces and units", "Ages and birth years", "Years and dates",
            "Small places"} <= set(found)  # fmt: skip
    chef = found["centerchef"]
    assert chef.parent().text(0) == "Positions and titles" and chef.text(1) == "2"
    assert chef.text(2) == "kept" and chef.font(2).italic()  # the appendix keeps what nobody decided about
    assert "Not decided yet" in chef.toolTip(2)
    assert "Proposed label: [" in chef.toolTip(0)
    turns = [chef.child(i).text(1) for i in range(chef.childCount())]
    assert turns == ["turn 2, CC", "turn 4, CC"]
    assert "Jeg er ‹centerchef› i Center" in chef.child(0).text(3)
    assert "The archive copy puts: er [50-59 år]" in found["er 52 år"].toolTip(2)
    assert "Indirect identifiers (" in panel.tabs.tabText(panel.tabs.indexOf(page))


def test_each_decision_is_stored_as_the_command_stores_it_and_undone_as_one_step(
    qtbot, panel, session, monkeypatch
):
    page = panel.indirect_page
    monkeypatch.setattr(indirect_page, "ask_label", lambda *a: "leder i kommunal forvaltning")
    choose(page, rows(page)["centerchef"])
    decide(qtbot, panel, page.generalise_button.click)
    assert stored(session) == [
        {"action": "generalise", "text": "centerchef", "label": "[leder i kommunal forvaltning]"}
    ]
    assert rows(page)["centerchef"].text(2) == "[leder i kommunal forvaltning]"
    assert not rows(page)["centerchef"].font(2).italic()
    assert session.project.pseudonymisation.audit[-1].event == "indirect decision"

    choose(page, rows(page)["Ages and birth years"])  # a kind: every age without a decision of its own
    decide(qtbot, panel, page.remove_button.click)
    assert stored(session)[-1] == {"action": "remove", "kind": "age"}
    assert rows(page)["er 52 år"].text(2) == "removed […]"
    choose(page, rows(page)["Years and dates"])
    decide(qtbot, panel, page.keep_button.click)
    assert stored(session)[-1] == {"action": "keep", "kind": "date"}
    assert rows(page)["Years and dates"].text(2) == "kept"

    page.add_edit.setText("Team Nord")
    page.add_kind.setCurrentIndex(page.add_kind.findData("workplace"))
    decide(qtbot, panel, page.add_button.click)
    assert stored(session)[-1] == {"action": "add", "text": "Team Nord", "kind": "workplace"}

    for _ in range(2):
        session.undo_stack.undo()
    settle(qtbot, panel)
    assert [d["kind"] for d in stored(session) if "kind" in d] == ["age"]
    assert rows(page)["Years and dates"].text(2) == "item by item"


def test_the_menu_decides_and_shows_an_occurrence_in_the_editor(qtbot, panel, session):
    page = panel.indirect_page
    second = rows(page)["centerchef"].child(1)
    menu = page.context_menu(second)
    assert [a.text() for a in menu.actions() if a.text()] == [
        "Generalise…",
        "Keep",
        "Remove",
        "Show in the editor",
    ]
    with qtbot.waitSignal(page.show_in_editor) as shown:
        next(a for a in menu.actions() if a.text() == "Show in the editor").trigger()
    segment, words = shown.args
    assert words == "centerchef" and "som centerchef" in session.project.segments[segment].text
    menu = page.context_menu(rows(page)["Small places"])  # the row clicked is what the actions act on
    decide(qtbot, panel, next(a for a in menu.actions() if a.text() == "Keep").trigger)
    assert stored(session) == [{"action": "keep", "kind": "place"}]


def test_the_command_and_an_export_see_the_windows_decisions(
    qtbot, panel, session, monkeypatch, tmp_path, capsys
):
    page = panel.indirect_page
    monkeypatch.setattr(indirect_page, "ask_label", lambda *a: "politiker")
    choose(page, rows(page)["rådmanden"])
    decide(qtbot, panel, page.generalise_button.click)
    choose(page, rows(page)["Randers"])
    decide(qtbot, panel, page.remove_button.click)
    assert session.save()
    capsys.readouterr()
    assert main(["pseudonymise", str(session.path)]) == 0
    listed = capsys.readouterr().out
    assert "“rådmanden” ×1  appendix → [politiker]" in listed
    assert "“Randers” ×1  appendix → […]" in listed
    out = tmp_path / "bilag.txt"
    assert main(["export", str(session.path), "--pseudonymise", "--key", str(tmp_path / "k.json"),
                 "--format", "plain", "-o", str(out)]) == 0  # fmt: skip
    text = out.read_text(encoding="utf-8")
    assert "[politiker]" in text and "rådmanden" not in text and "Randers" not in text
    assert "centerchef" in text  # undecided: the appendix keeps it


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
@pytest.mark.parametrize("language", ["en", "da"])
def test_the_tab_fits_a_laptop_screen_and_cuts_no_label(window, tmp_path, qtbot, size, language):
    from tests.test_gui_workspace import clipped_texts, open_small

    i18n.install(language)
    open_small(window, tmp_path)
    window.resize(size[0], size[1] - 70)  # less a task bar and the title bar, as the workspace test
    qtbot.waitUntil(lambda: window.size().height() <= size[1] - 70)
    window.research.names_dock.raise_()
    panel = window.research.names_panel
    panel.tabs.setCurrentWidget(panel.indirect_page)
    qtbot.wait(20)
    assert panel.indirect_page.generalise_button.isVisible()
    assert clipped_texts(window) == []
    hint = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert hint.width() <= size[0] and hint.height() <= size[1] - 70, hint


_SENTENCES = [
    "Jeg er centerchef i Center for Job og Integration.",
    "Hun er 43 år og bor på Søndergade 12.",
    "Siden 2018 har jeg været i Team Nord.",
    "Min søster Hanne arbejder i Randers Kommune.",
    "Det var før rådmanden kom.",
    "Ingenting her.",
]


@examples(max_examples=25, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(_SENTENCES), max_size=3).map(" ".join), max_size=6),
    st.booleans(),
)
def test_the_list_finds_turn_by_turn_what_core_finds_in_the_whole(turns, with_roster):
    """The window remembers each turn's items by its text (so a refresh after one edit searches one
    turn): the items are exactly core's, with the roster's fields and the words added."""
    roster = (
        [RosterEntry(name="A B", code="AB", position="konsulent", area="Team Nord")] if with_roster else []
    )
    decisions = [
        make_indirect_decision("add", "Ingenting", kind="place"),
        make_indirect_decision("keep", "x"),
    ]
    assert find_in_turns(turns, roster, decisions) == find_indirect(turns, roster, decisions)
