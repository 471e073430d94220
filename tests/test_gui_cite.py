"""The cite panel with the annotated interview: the appendix lines, copied citations that agree with
core's ``cite``, the quote basket with undo, the validation package read back, and the find box."""

from __future__ import annotations

import io
import re

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from tests.pseudonymisation_gold import interview_project
from transcribe_app.core.citations import cite, open_appendix
from transcribe_app.core.exports import export_project
from transcribe_app.core.project.file import load_project
from transcribe_app.core.pseudonymise.stage import ExportPseudonymiser
from transcribe_app.gui import prompts
from transcribe_app.gui.cite_panel import CitePanel, ranges_of
from transcribe_app.gui.session import ProjectSession

WAIT_MS = 120_000  # the first names review loads Presidio and spaCy: on busy shared cores, long


@pytest.fixture
def session(tmp_path) -> ProjectSession:
    path = interview_project(tmp_path)
    return ProjectSession(load_project(path), path, autosave_ms=60_000)


@pytest.fixture
def panel(qtbot, session) -> CitePanel:
    widget = CitePanel(session)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    settle(qtbot, widget)
    return widget


def settle(qtbot, widget) -> None:
    qtbot.waitUntil(lambda: not widget.busy and widget.view is not None, timeout=WAIT_MS)


def export_appendix(session, out, *, pseudonymised: bool = False) -> None:
    """What the export dialog does to the project: an appendix export, its layout recorded, as one step."""

    def export(project):
        options = {}
        if pseudonymised:
            pseudonymiser = ExportPseudonymiser(project, out.with_suffix(".key.json"), accept_review=True)
            options = dict(turns_hook=pseudonymiser.hook, pseudonymised=True, check=pseudonymiser.check(out))
        export_project(project, "docx", out, **options)

    session.edit("export", export)


def docx_lines(path) -> list[tuple[int, str]]:
    rows = []
    for paragraph in docx.Document(str(path)).paragraphs:
        match = re.fullmatch(r"\t(\d+)\t(.*)", paragraph.text)
        if match:
            rows.append((int(match.group(1)), match.group(2)))
    return rows


def test_the_panel_shows_the_lines_of_the_docx_appendix(qtbot, panel, session, tmp_path):
    assert panel.banner.isVisible() and "No appendix has been exported yet" in panel.banner_label.text()
    out = tmp_path / "bilag7.docx"
    export_appendix(session, out, pseudonymised=True)
    qtbot.waitUntil(lambda: not panel.busy and not panel.banner.isVisible(), timeout=WAIT_MS)
    shown = [(line.number, line.text) for line in panel.model.lines]
    assert shown == docx_lines(out)
    assert panel.model.data(panel.model.index(2, 0)) == "3"
    # a line the panel's width cuts off is read whole in its tooltip
    assert panel.model.data(panel.model.index(2, 1), Qt.ItemDataRole.ToolTipRole) == shown[2][1]
    assert not any("Vibeke" in text for _, text in shown)


def test_copy_citation_puts_the_quote_and_its_lines_on_the_clipboard_as_core_cites_them(
    qtbot, panel, session
):
    panel.select_lines(5, 6)
    assert panel.copy_button.isEnabled() and panel.selection_label.text() == "(VJ: 5-6)"
    panel.copy_button.click()
    expected = cite(session.project, 5, 6)
    clipboard = QGuiApplication.clipboard().text()
    assert clipboard == f"„{expected.text}“ (VJ: 5-6)" and expected.citation == "(VJ: 5-6)"
    assert expected.text and expected.text in clipboard


def test_two_stretches_are_one_citation_with_an_omission_between_them(qtbot, panel, session):
    panel.select_lines(3, 4)
    model, selection = panel.model, panel.lines_view.selectionModel()
    selection.select(
        model.index(7, 0),
        selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
    )
    assert [str(r) for r in panel.selected_ranges()] == ["3-4", "8"]
    text = panel.copy_citation()
    appendix = open_appendix(session.project)
    expected = appendix.cite(ranges_of([3, 4, 8]))
    assert text == f"„{expected.text}“ (VJ: 3-4; 8)" and " (...) " in text


def test_the_quote_basket_keeps_quotes_in_the_project_and_undo_removes_them(qtbot, panel, session):
    panel.select_lines(5, 6)
    panel.add_button.click()
    panel.select_lines(9)
    panel.add_button.click()
    quotes = session.project.quotes
    assert [q.lines for q in quotes] == ["5-6", "9"]
    assert quotes[0].text == cite(session.project, 5, 6).text and quotes[0].citation == "(VJ: 5-6)"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", quotes[0].added)
    assert panel.basket.count() == 2 and panel.basket.item(0).text().startswith("(VJ: 5-6)")
    assert f"„{panel.session.project.quotes[0].text.split()[0]}" in panel.basket.item(0).text()  # as copied

    panel.basket.item(0).setSelected(True)
    panel.remove_button.click()
    assert [q.lines for q in session.project.quotes] == ["9"] and panel.basket.count() == 1
    session.undo_stack.undo()
    assert [q.lines for q in session.project.quotes] == ["5-6", "9"] and panel.basket.count() == 2
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert session.project.quotes == [] and panel.basket.count() == 0
    assert session.save() and load_project(session.path).quotes == []


def test_the_validation_package_is_written_and_reads_back(qtbot, panel, session, tmp_path, monkeypatch):
    for first, last in ((5, 6), (12, 12)):
        panel.select_lines(first, last)
        panel.add_to_basket()
    target = tmp_path / "VJ_citater.docx"
    monkeypatch.setattr(prompts, "save_file", lambda *args: str(target))
    panel.context_spin.setValue(2)
    # No pseudonymised appendix yet, and these lines hold roster names: the package is refused, not sent
    # with the real names (issue 12), and says how to go on.
    settle(qtbot, panel)  # the basket's change has refreshed the lines (a refresh clears a warning)
    panel.pack_button.click()
    qtbot.waitUntil(lambda: not panel.busy and "pseudonymised" in panel.message_label.text(), timeout=WAIT_MS)
    assert "is not pseudonymised" in panel.message_label.text() and not target.exists()
    export_appendix(session, tmp_path / "bilag7.docx", pseudonymised=True)
    panel.pack_button.click()
    qtbot.waitUntil(lambda: not panel.busy and target.exists(), timeout=WAIT_MS)
    assert "Wrote" in panel.message_label.text()
    document = docx.Document(io.BytesIO(target.read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert not any(name in text for name in ("Vibeke", "Søren Dam", "Karin", "Bo Lund", "Hanne"))
    assert "Kære VJ" in text and "Citat 1 (VJ: 5-6)" in text and "Citat 2 (VJ: 12)" in text
    numbered = [int(m.group(1)) for m in (re.match(r"\t(\d+)\t", p.text) for p in document.paragraphs) if m]
    assert numbered == [3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14]  # two lines of context around each quote
    assert cite(session.project, 12).text.split()[0] in text


def test_find_selects_a_quote_and_says_when_it_is_not_there(qtbot, panel, session):
    appendix = open_appendix(session.project)
    where = appendix.find("var meget detaljeorienteret")
    assert where.found
    panel.find_edit.setText("… var meget detaljeorienteret …")
    panel.find_button.click()
    qtbot.waitUntil(lambda: not panel.busy and panel.find_label.text().startswith("Found"), timeout=WAIT_MS)
    assert panel.selected_ranges() == list(where.places[0].ranges)
    assert where.places[0].citation in panel.find_label.text()

    panel.find("en sætning som ingen har sagt i dette interview")
    qtbot.waitUntil(lambda: not panel.busy and "Not found" in panel.find_label.text(), timeout=WAIT_MS)


def test_an_edit_after_the_export_raises_the_warning(qtbot, panel, session, tmp_path):
    export_appendix(session, tmp_path / "bilag7.docx")
    qtbot.waitUntil(lambda: not panel.busy and not panel.banner.isVisible(), timeout=WAIT_MS)

    def edit(project):
        project.segments[
            4
        ].text = " Hvordan var samarbejdet med Karin, set fra din stol i direktionen dengang?"
        project.segments[4].words = []

    session.edit("edit", edit, segments=[4])
    qtbot.waitUntil(lambda: not panel.busy and panel.banner.isVisible(), timeout=WAIT_MS)
    assert "changed after the appendix was exported" in panel.banner_label.text()
    with qtbot.waitSignal(panel.export_requested):
        panel.banner_export_button.click()


def test_a_line_double_clicked_asks_the_editor_to_show_its_segment(qtbot, panel, session):
    line = next(line for line in panel.model.lines if "detaljeorienteret" in line.text)
    with qtbot.waitSignal(panel.show_in_editor) as shown:
        panel.lines_view.doubleClicked.emit(panel.model.index(line.number - 1, 1))
    segment, words = shown.args
    assert words == line.body and "detaljeorienteret" in session.project.segments[segment].text


def test_a_project_without_a_transcript_says_so(qtbot, tmp_path):
    from transcribe_app.core.project.record import Project

    widget = CitePanel(ProjectSession(Project(), None))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: not widget.busy and "no text" in widget.message_label.text(), timeout=WAIT_MS)
    assert widget.model.rowCount() == 0 and not widget.copy_button.isEnabled()
