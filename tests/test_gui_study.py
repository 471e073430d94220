"""File → Open Study…: the study's interviews with their states, its roster, double-click to open."""

from __future__ import annotations

from transcribe_app.cli import main
from transcribe_app.gui import i18n

pytest_plugins = ("tests.gui_fixtures",)  # settings, window, questions


def _study(tmp_path):
    folder = tmp_path / "S"
    roster = tmp_path / "roster.csv"
    people = "name,code,role\nVibeke Jensen,VJ,informant\nAnne Holm,I,interviewer\n"
    roster.write_text(people, encoding="utf-8")
    typed = tmp_path / "vj.txt"
    typed.write_text("I: Hvordan startede det?\nVJ: Med jobafklaring.\n", encoding="utf-8")
    assert main(["study", "init", str(folder), "--title", "Ledelse", "--roster", str(roster)]) == 0
    assert main(["study", "add", str(folder), str(typed)]) == 0
    return folder


def test_open_study_shows_interviews_and_roster_and_opens_one(window, qtbot, tmp_path, questions):
    folder = _study(tmp_path)
    panel = window.study_panel
    assert panel.open_study(folder)
    view = panel.view
    assert panel.dock.isVisible()
    assert view.interviews.rowCount() == 1
    cells = [view.interviews.item(0, column).text() for column in range(view.interviews.columnCount())]
    assert cells[:4] == ["1", "vj", "elite", "transcribed"] and cells[-1] == "2"
    assert [view.roster.item(row, 0).text() for row in range(view.roster.rowCount())] == ["VJ", "I"]
    view.interviews.cellDoubleClicked.emit(0, 1)
    assert window.session is not None and window.session.path == (folder / "vj.transkript.json").resolve()
    assert questions.asked == []


def test_a_folder_that_is_no_study_or_a_damaged_one_is_said_in_words(window, tmp_path, questions):
    assert not window.study_panel.open_study(tmp_path)
    folder = _study(tmp_path)
    (folder / "study.json").write_text("{", encoding="utf-8")
    assert not window.study_panel.open_study(folder)
    assert "no study.json" in questions.asked[0] and "damaged" in questions.asked[1]
    assert (folder / "study.json").read_text(encoding="utf-8") == "{"


def test_the_study_view_speaks_danish(window, tmp_path, questions):
    folder = _study(tmp_path)
    window.study_panel.open_study(folder)
    window.set_language("da")
    view = window.study_panel.view
    assert view.interviews.horizontalHeaderItem(0).text() == "Bilag"
    assert view.interviews.item(0, 3).text() == "transskriberet"
    assert window.study_panel.open_action.text() == "Åbn &undersøgelse…"
    i18n.install("en")
