"""The smaller defects of issue 13: counts in singular and plural, Qt's own dialogs in Danish,
one quotation style, an export that asks before it replaces a file, texts that are not cut off."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QWidget

from transcribe_app.gui import i18n
from transcribe_app.gui.centred_text import centred_on_mark
from transcribe_app.gui.new_project import NewProject, create_project

pytest_plugins = ("tests.gui_fixtures",)


@pytest.fixture
def language(qapp):
    """Install a language for the test; English afterwards."""
    yield lambda code: i18n.install(code)
    i18n.install("en")


def people(count: int) -> str:
    return QCoreApplication.translate("NamesPanel", "%n people, places or organisations", "", count)


def test_one_person_is_singular_in_both_languages(language):
    assert language("da")
    assert people(1) == "1 person, sted eller organisation"
    assert people(3) == "3 personer, steder eller organisationer"
    assert people(0) == "0 personer, steder eller organisationer"
    assert language("en")
    assert people(1) == "1 person, place or organisation" and people(2) == "2 people, places or organisations"
    assert i18n.current_language() == "en"


@pytest.mark.parametrize(
    "context, source, one_en, many_da",
    [
        (
            "ExportDialog",
            "%n detection(s) still wait for review in the names panel.",
            "1 detection still waits for review in the names panel.",
            "2 fund venter stadig på gennemsyn i navnepanelet.",
        ),
        (
            "CitePanel",
            "Wrote {name}: %n quote(s) with {context} lines of context.",
            "Wrote {name}: 1 quote with {context} lines of context.",
            "Skrev {name}: 2 citater med {context} linjers kontekst.",
        ),
        (
            "TranscriptionPanel",
            "Found: %n CUDA graphics card(s); Automatic uses it.",
            "Found: 1 CUDA graphics card; Automatic uses it.",
            "Fundet: 2 CUDA-grafikkort; Automatisk bruger dem.",
        ),
    ],
)
def test_counted_messages_have_no_s_in_brackets(language, context, source, one_en, many_da):
    assert language("en")
    assert QCoreApplication.translate(context, source, "", 1) == one_en
    assert language("da")
    assert QCoreApplication.translate(context, source, "", 2) == many_da


def dialog_texts(dialog: QFileDialog) -> set[str]:
    texts = set()
    for widget in [dialog, *dialog.findChildren(QWidget)]:
        for what in ("text", "toolTip", "placeholderText"):
            getter = getattr(widget, what, None)
            if callable(getter):
                try:
                    value = getter()
                except TypeError:
                    continue
                if isinstance(value, str) and value:
                    texts.add(value)
        texts |= {action.text() for action in widget.actions() if action.text()}
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            for column in range(4):
                header = widget.model().headerData(column, Qt.Orientation.Horizontal)
                if isinstance(header, str):
                    texts.add(header)
    return texts


def qt_file_dialog(qtbot) -> QFileDialog:
    dialog = QFileDialog(None, "x", "", "Recordings (*.wav);;All files (*)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # Qt's own: what Linux desktops get
    qtbot.addWidget(dialog)
    return dialog


def test_qt_s_own_file_dialog_speaks_danish(qtbot, language):
    assert language("en")
    english = dialog_texts(qt_file_dialog(qtbot))
    assert language("da")
    danish = dialog_texts(qt_file_dialog(qtbot))
    assert "&Look in:" in english and "Files of &type:" in english
    left_english = {text for text in english & danish if any(c.isalpha() for c in text)}
    assert left_english <= {"Type", "Recordings (*.wav)", "All files (*)", "x"}, left_english


def test_the_where_column_is_cut_around_the_name():
    context = (
        "…at han havde talt med sin leder om det, og så sagde [Vibeke] "
        "at det kunne vente til efter sommerferien…"
    )

    def fits(width):
        return lambda text: len(text) <= width

    for width in (20, 30, 45, 80):
        shown = centred_on_mark(context, fits(width))
        assert "[Vibeke]" in shown and len(shown) <= width
        left, right = shown.split("[Vibeke]")
        assert abs(len(left) - len(right)) <= 1  # as much before the name as after it
    assert centred_on_mark(context, fits(500)) == context
    assert centred_on_mark("no name marked here", fits(5)) == "no name marked here"


def test_empty_states_say_how_to_begin(window, qtbot, sample_audio, language):
    """The first start (no recent projects) and a project with no words yet each say what to do."""
    page = window.start_page
    assert window.settings.value("recent_projects") is None
    assert page.empty_label.isVisible() and "New project…" in page.empty_label.text()
    assert not page.recent_list.isVisible()
    path = create_project(NewProject(sample_audio, True, sample_audio.with_suffix(".transkript.json")))
    assert window.open_project(path)
    editor = window.editor
    assert editor.text.toPlainText() == "" and "Nothing is transcribed yet" in editor.text.placeholderText()
    assert language("da")
    assert editor.text.placeholderText().startswith("Der er ikke transskriberet noget endnu")
    assert window.close_project()
    assert page.recent_list.isVisible() and not page.empty_label.isVisible()


def test_file_dialogs_start_in_the_last_folder(qapp, settings, tmp_path, monkeypatch):
    from transcribe_app.gui import prompts

    started_in = []

    def dialog(_parent, _title, folder, _filters=""):
        started_in.append(folder)
        return str(tmp_path / "optagelser" / "vj.wav"), ""

    (tmp_path / "optagelser").mkdir()
    monkeypatch.setattr(prompts.QFileDialog, "getOpenFileName", dialog)
    monkeypatch.setattr(prompts.QFileDialog, "getSaveFileName", dialog)
    monkeypatch.setattr(prompts, "_settings", None)
    prompts.keep_last_folder_in(settings)
    assert prompts.open_file(None, "t", "*") == str(tmp_path / "optagelser" / "vj.wav")
    prompts.open_file(None, "t", "*")
    prompts.save_file(None, "t", "*", "bilag.docx")
    assert started_in == ["", str(tmp_path / "optagelser"), str(tmp_path / "optagelser" / "bilag.docx")]
