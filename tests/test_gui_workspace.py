"""The workspace on a laptop screen: it fits 1366×768 and 1280×720 with a project open, no label is cut,
the panels' layout survives a restart, every editor action is in a menu with its keys, the steps say
where the project stands, and neither the window nor an open project loads Presidio, spaCy or PyTorch."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QLabel, QMenu, QScrollArea

from tests.test_gui_shell import small_project
from transcribe_app.__main__ import opens_window
from transcribe_app.core.project.file import load_project, save_project
from transcribe_app.core.pseudonymise.state import EntitySummary
from transcribe_app.gui import i18n
from transcribe_app.gui.main_window import MainWindow

pytest_plugins = ("tests.gui_fixtures",)  # settings, window

REPO = Path(__file__).resolve().parents[1]
SCREENS = [(1366, 768), (1280, 720)]


def open_small(window, tmp_path):
    _, path = small_project(tmp_path)
    assert window.open_project(path)
    return path


def clipped_texts(root) -> list[str]:
    """Visible single-line labels and buttons whose text is wider than the widget shows."""
    cut = []
    for widget in root.findChildren(QLabel) + root.findChildren(QAbstractButton):
        # (a dock behind another's tab counts as visible to Qt, with nothing of it on the screen)
        if not widget.isVisible() or widget.visibleRegion().isEmpty():
            continue
        if not widget.text() or "\n" in widget.text():
            continue
        if isinstance(widget, QLabel) and (
            widget.wordWrap() or widget.textFormat() == Qt.TextFormat.RichText
        ):
            continue
        text = widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        if isinstance(widget, QLabel) and text.lstrip().startswith("<"):
            continue
        needed = widget.fontMetrics().horizontalAdvance(text)
        room = widget.contentsRect().width()
        if isinstance(widget, QAbstractButton):
            room = widget.width()  # a button's own margins are in its size hint: compare with the whole
        if needed > room:
            cut.append(f"{type(widget).__name__} {text!r}: {needed} > {room}")
        area = scroll_area_of(widget)
        if area is not None:  # a panel scrolls up and down only: nothing may stand right of its view
            right = widget.mapTo(area.viewport(), QPoint(widget.width(), 0)).x()
            if right > area.viewport().width() + 1:
                cut.append(f"{type(widget).__name__} {text!r} ends at {right} > {area.viewport().width()}")
    return cut


def scroll_area_of(widget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    return parent


@pytest.mark.parametrize("size", SCREENS)
@pytest.mark.parametrize("language", ["en", "da"])
def test_the_window_with_a_project_fits_a_laptop_screen_and_cuts_no_label(
    window, tmp_path, qtbot, size, language
):
    width, height = size
    i18n.install(language)
    open_small(window, tmp_path)
    # A 1366×768 screen less a task bar and the title bar: the window must fit in what is left.
    usable = (width, height - 70)
    hint = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert hint.width() <= usable[0] and hint.height() <= usable[1], hint
    window.resize(*usable)
    qtbot.waitUntil(lambda: window.size().height() <= usable[1])
    assert window.height() <= usable[1] and window.width() <= usable[0]
    assert window.statusBar().isVisible() and window.statusBar().geometry().bottom() <= window.height()
    window.statusBar().setSizeGripEnabled(False)  # as maximised, where the grip is gone
    qtbot.wait(20)
    label = window.save_state_label  # "All changes saved" keeps off the screen's edge
    text_end = label.mapTo(window, label.contentsRect().topRight()).x()
    assert text_end <= window.width() - label.fontMetrics().averageCharWidth() // 2
    for tab in (
        window.transcription_dock,
        window.roster_dock,
        window.research.names_dock,
        window.research.cite_dock,
    ):
        tab.raise_()
        qtbot.wait(20)
        assert clipped_texts(window) == [], tab.objectName()


def test_every_panel_scrolls_rather_than_making_the_window_taller(window, tmp_path):
    open_small(window, tmp_path)
    for dock, _ in window._docks:
        # the panel's own minimum height no longer adds up in the window's minimum
        assert dock.minimumSizeHint().height() < 200, dock.objectName()


def test_the_panels_layout_survives_a_restart(qtbot, settings, tmp_path):
    i18n.install("en")
    path = Path(small_project(tmp_path)[1])
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.show()
    first.open_project(path)
    first.research.cite_dock.close()  # the researcher closes Cite …
    first.removeDockWidget(first.roster_dock)  # … and puts the roster on the left
    first.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, first.roster_dock)
    first.roster_dock.show()
    first.close()
    assert first.session is None

    second = MainWindow(settings)
    qtbot.addWidget(second)
    second.show()
    assert not second.research.cite_dock.isVisible()  # nothing shows on the start page
    second.open_project(path)
    assert not second.research.cite_dock.isVisible()  # closed stays closed
    assert second.transcription_dock.isVisible() and second.roster_dock.isVisible()
    assert second.dockWidgetArea(second.roster_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    second.research.cite_dock.show()
    second.close_project()
    second.open_project(path)
    assert second.research.cite_dock.isVisible()


def menu_actions(menu: QMenu) -> list[QAction]:
    found = []
    for action in menu.actions():
        found.append(action)
        if action.menu() is not None:
            found += menu_actions(action.menu())
    return found


def test_every_editor_action_is_in_a_menu_with_its_keys(window, tmp_path):
    open_small(window, tmp_path)
    editor = window.editor
    in_menus = [a for top in window.menuBar().actions() if top.menu() for a in menu_actions(top.menu())]
    window_keys = {k.toString() for a in in_menus for k in a.shortcuts()}
    for action in editor.editor_actions():
        if action in in_menus:
            assert not action.shortcut().isEmpty(), action.text()
        else:  # undo and redo: the window's Edit entries, on the same keys
            assert {k.toString() for k in action.shortcuts()} & window_keys, action.text()
    names = {a.text() for a in menu_actions(window.edit_menu)}
    assert {"Find…", "Replace…", "Split turn at the cursor", "Merge with next turn", "Change speaker…",
            "Next uncertain word"} <= names  # fmt: skip
    view = {a.text() for a in menu_actions(window.view_menu)}
    assert {"Verbatim view", "Clean view", "Strict view", "Show hidden words"} <= view
    # F1 lists them too
    rows = window.shortcut_rows()
    assert any(row[1] == "Zoom In" for row in rows) and any(row[1] == "Find…" for row in rows)
    window.close_project()
    assert "Find…" not in {a.text() for a in menu_actions(window.edit_menu)}  # gone with the editor


def test_zoom_is_remembered(window, tmp_path, settings):
    path = open_small(window, tmp_path)
    size = window.editor.text.font().pointSizeF()
    window.editor_menus.zoom_in_action.trigger()
    window.editor_menus.zoom_in_action.trigger()
    bigger = window.editor.text.font().pointSizeF()
    assert bigger > size
    window.close_project()
    window.open_project(path)
    assert window.editor.text.font().pointSizeF() == bigger
    window.editor_menus.zoom_reset_action.trigger()
    assert window.editor.text.font().pointSizeF() == size


def test_the_steps_say_where_the_project_stands_and_lead_there(window, tmp_path, qtbot, monkeypatch):
    path = open_small(window, tmp_path)
    bar = window.step_bar
    assert bar.isVisible()
    text = {step: button.text() for step, button in bar.buttons.items()}
    assert "Segments: 2" in text["transcribe"] and "People: 1" in text["speakers"]
    assert "Uncertain words: 1" in text["correct"] and "Not reviewed yet" in text["names"]
    assert "No appendix yet" in text["export"]
    assert bar.buttons["correct"].isChecked()  # the first step not done is the next one
    window.close_project()
    assert not bar.isVisible()

    project = load_project(path)
    project.pseudonymisation.entities = [EntitySummary("Vibeke", "person", None, {"review": 3, "auto": 2})]
    save_project(project, path)
    window.open_project(path)
    assert "Names to review: 3" in bar.buttons["names"].text()
    window.research.names_panel.review_shown.emit(0)  # the panel looked at the text as it is now
    assert "All names reviewed" in bar.buttons["names"].text()
    bar.buttons["names"].click()
    assert window.research.names_dock.isVisible()
    bar.buttons["speakers"].click()
    assert window.roster_dock.isVisible()
    opened = []
    monkeypatch.setattr(window.research, "export", lambda: opened.append(True))
    bar.buttons["export"].click()
    assert opened == [True]


def test_the_steps_speak_danish(window, tmp_path):
    open_small(window, tmp_path)
    window.set_language("da")
    assert "Segmenter: 2" in window.step_bar.buttons["transcribe"].text()
    window.set_language("en")


def test_a_project_file_as_the_only_argument_opens_the_window(tmp_path):
    path = Path(small_project(tmp_path)[1])
    assert opens_window([]) and opens_window([str(path)])
    assert not opens_window(["info", str(path)]) and not opens_window(
        [str(tmp_path / "gone.transkript.json")]
    )
    assert not opens_window([str(tmp_path)])


HEAVY = ("presidio_analyzer", "presidio_anonymizer", "spacy", "torch", "faster_whisper", "ctranslate2")


def test_opening_the_window_and_a_project_loads_no_heavy_library(tmp_path):
    """Opening the window and a project loads none of Presidio, spaCy and PyTorch; they load when names
    are first looked for (soon after, for the step bar's count), and like Whisper's libraries only in
    a worker (the names review's thread, the model probe's, the transcription process), never on the
    window's thread. (Counted after the events of the first moments, a busy machine's timing decided
    whether the names review had begun.)"""
    path = Path(small_project(tmp_path)[1])
    script = textwrap.dedent(
        f"""
        import sys, threading
        loaded_on_gui = []

        class Watch:
            def find_spec(self, name, path=None, target=None):
                if name in {HEAVY!r} and threading.current_thread() is threading.main_thread():
                    loaded_on_gui.append(name)
                return None

        sys.meta_path.insert(0, Watch())
        from PySide6.QtCore import QSettings
        from transcribe_app.gui.app import create_application, create_window
        app = create_application(["t"])
        window = create_window(QSettings(sys.argv[2], QSettings.Format.IniFormat), [sys.argv[1]])
        assert window.session is not None
        print("OPEN", sorted(m for m in ("presidio_analyzer", "spacy", "torch") if m in sys.modules))
        window.show()
        for _ in range(20):  # the names review for the step bar starts on a worker soon after
            app.processEvents()
        window.research.names_dock.raise_()  # shown: names are looked for, on the worker thread
        for _ in range(20):
            app.processEvents()
        print("GUI", sorted(set(loaded_on_gui)))
        print("ALL", sorted(m for m in {HEAVY!r} if m in sys.modules))
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-c", script, str(path), str(tmp_path / "s.ini")],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    lines = dict(
        line.split(" ", 1) for line in done.stdout.splitlines() if line.startswith(("GUI", "ALL", "OPEN"))
    )
    assert lines["OPEN"] == "[]"  # the window and the project are open: none of them yet
    assert lines["GUI"] == "[]"


def test_python_m_transcribe_app_with_a_project_opens_it_in_the_window(tmp_path):
    """``python -m transcribe_app P.transkript.json``: the window opens the project (the CLI would stop
    with a usage error, exit 2); the window remembers it among the recent projects."""
    path = Path(small_project(tmp_path)[1])
    config = tmp_path / "config"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(REPO),
        XDG_CONFIG_HOME=str(config),  # the user's settings, in the test's own folder
        HOME=str(tmp_path),
        TRANSKRIPT_QUIT_AFTER_START="1",
    )
    done = subprocess.run(
        [sys.executable, "-m", "transcribe_app", str(path)],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    stored = list(config.rglob("*.conf"))
    assert stored and str(path.resolve()) in stored[0].read_text(encoding="utf-8")
