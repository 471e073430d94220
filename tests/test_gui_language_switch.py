"""Switching the language at run time leaves no English in the window.

The window is built in English with a project open, every panel, the editor (its find bar and
notices) and the export dialog; then it switches to Danish, and every widget's text, tooltip,
placeholder, list item, tab, header and action is read again: a text that is the same in both
languages must be data (the roster's names and codes, a path) or one of the few words Danish
shares with English. Back in English, every text is what it was.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QTabBar, QWidget

from tests.pseudonymisation_gold import interview_project
from transcribe_app.core.project.file import load_project
from transcribe_app.gui import i18n

pytest_plugins = ("tests.gui_fixtures",)  # settings, window

WAIT_MS = 120_000  # the first names review loads Presidio and spaCy: on busy shared cores, long
# Words that are the same in Danish and English (checked against the .ts file's translations).
SAME_IN_BOTH = {
    "Format:",
    "Model",
    "Person",
    "person",
    "organisation",
    "Processor (CPU)",
    "Interview",
    "Pause",
    "Stop",
    "Transkript",
    "Dansk",
    "English",
    "MP3",  # the recording's kinds of file (gui/audio_options.py)
    "Opus",
    "Informant:",  # the validation copy's informant (gui/export_dialog.py): the same word in Danish
}


def widget_texts(root: QWidget) -> dict[tuple, str]:
    """(widget, what, index) → text, for every widget under ``root`` and its actions."""
    found: dict[tuple, str] = {}
    for widget in [root, *root.findChildren(QWidget)]:
        key = id(widget)
        for what in ("text", "windowTitle", "toolTip", "placeholderText", "title"):
            getter = getattr(widget, what, None)
            if not callable(getter):
                continue
            try:
                value = getter()
            except TypeError:  # a method of that name that wants arguments
                continue
            if isinstance(value, str):
                found[(key, what, 0)] = value
        for number, action in enumerate(widget.actions()):
            found[(key, "action", number)] = action.text()
            found[(key, "action tip", number)] = action.toolTip()
        if isinstance(widget, QComboBox):
            for index in range(widget.count()):
                found[(key, "item", index)] = widget.itemText(index)
        if isinstance(widget, QTabBar):
            for index in range(widget.count()):
                found[(key, "tab", index)] = widget.tabText(index)
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for column in range(_columns(model)):
                header = model.headerData(column, Qt.Orientation.Horizontal)
                if isinstance(header, str):
                    found[(key, "header", column)] = header
    return found


def _columns(model) -> int:
    try:
        return model.columnCount()
    except TypeError:  # a list model: one column, its count() is private
        return 1


@pytest.fixture
def opened(window, qtbot, tmp_path):
    """The window on a project with names to review and lines to cite, every panel shown."""
    path = interview_project(tmp_path)
    assert window.open_project(path)
    research = window.research
    qtbot.waitUntil(
        lambda: not research.names_panel.busy and research.names_panel.review is not None, timeout=WAIT_MS
    )
    qtbot.waitUntil(lambda: not research.cite_panel.busy, timeout=WAIT_MS)
    for dock in (window.transcription_dock, window.roster_dock, research.names_dock, research.cite_dock):
        dock.show()
    window.editor.open_find(replacing=True)
    dialog = research.export()
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=WAIT_MS)
    return window, load_project(path), path


def data_of(project, path) -> set[str]:
    """Texts that come from the project, not from the program: names, codes, paths, the title."""
    words = {entry.code for entry in project.roster} | {entry.name for entry in project.roster}
    return words | {str(path.parent), f"{path.name.split('.')[0]}[*] — Transkript"}


def is_data(text: str, data: set[str]) -> bool:
    return text in data or any(piece and piece in text for piece in data if len(piece) > 3)


def test_switching_to_danish_at_run_time_leaves_no_english_text(opened):
    window, project, path = opened
    english = widget_texts(window)
    try:
        assert i18n.install("da")
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # widgets replaced, not changed
        danish = widget_texts(window)
        data = data_of(project, path)
        still_english = sorted(
            {
                text
                for key, text in english.items()
                if danish.get(key) == text
                and any(c.isalpha() for c in text)
                and text not in SAME_IN_BOTH
                and not is_data(text, data)
            }
        )
        assert still_english == [], "\n".join(still_english)
        shortcuts = window.shortcut_rows()
        assert shortcuts and all(
            what not in {"Undo", "Redo", "Find…", "Split turn at the cursor"} for _, what, _ in shortcuts
        )
    finally:
        i18n.install("en")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    back = widget_texts(window)
    # (the undo group names its actions "Undo" until a step exists, the window "&Undo": the same words)
    changed = sorted(
        {
            (english[key], back[key])
            for key in english
            if key in back and back[key].replace("&", "") != english[key].replace("&", "")
        }
    )
    assert changed == []


def test_the_words_allowed_to_stay_are_the_same_in_danish(qapp):
    """The allow-list above may only hold words the translation itself leaves unchanged (or data)."""
    from tests.test_gui_translations import ts_messages

    translations = {
        message.findtext("source"): message.findtext("translation") for _, message in ts_messages()
    }
    for word in SAME_IN_BOTH - {"Transkript", "Dansk", "English"}:
        if word in translations:
            assert translations[word] == word, word
