"""The Danish translation: every message translated, placeholders and accelerators kept, every string in
the lupdate context the code looks it up in at run time, and the research panels speaking Danish."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from tests.pseudonymisation_gold import interview_project
from transcribe_app.core.project.file import load_project
from transcribe_app.core.resources import resource_path
from transcribe_app.gui import i18n
from transcribe_app.gui.cite_panel import CitePanel
from transcribe_app.gui.export_dialog import ExportDialog
from transcribe_app.gui.names_panel import NamesPanel
from transcribe_app.gui.session import ProjectSession

GUI = Path(__file__).resolve().parents[1] / "transcribe_app" / "gui"
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%L?\d+")  # {name}, {score:.2f}, {0}; Qt's %n and %1
WAIT_MS = 120_000  # the first names review loads Presidio and spaCy: on busy shared cores, long


def ts_messages(path: Path | None = None) -> list[tuple[str, ElementTree.Element]]:
    """(context, message) for every message of the translation file."""
    root = ElementTree.parse(path or resource_path("translations", "transkript_da.ts")).getroot()
    return [(context.findtext("name"), message) for context in root for message in context.iter("message")]


def translations(message: ElementTree.Element) -> list[str]:
    """The translated text, or each form of a message with a count (Qt's numerus: "1 person", "2 people")."""
    element = message.find("translation")
    forms = [form.text or "" for form in element.iter("numerusform")]
    return forms if message.get("numerus") == "yes" else [element.text or ""]


def accelerators(text: str) -> int:
    return len(re.findall(r"&(?!&)\w", text.replace("&&", "")))


def test_every_message_has_a_finished_danish_translation():
    messages = ts_messages()
    assert len(messages) > 400
    unfinished = [
        (context, message.findtext("source"))
        for context, message in messages
        if message.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
        or not all(text.strip() for text in translations(message))
    ]
    assert unfinished == []
    assert all(context for context, _ in messages), "a message in the empty context is never looked up"
    assert resource_path("translations", "transkript_da.qm").is_file()


def test_placeholders_and_accelerators_are_those_of_the_source():
    wrong = []
    for context, message in ts_messages():
        for translation in translations(message):
            _compare(wrong, context, message.findtext("source"), translation)
    assert wrong == []


def _compare(wrong: list, context: str, source: str, translation: str) -> None:
    if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation)):
        wrong.append((context, source, translation))
    if accelerators(source) != accelerators(translation):
        wrong.append((context, source, translation))
    if source.endswith("…") != translation.endswith("…"):
        wrong.append((context, source, translation))


def test_messages_with_a_count_have_their_forms_in_danish_and_english():
    """Qt's numerus: "%n" messages need one form per plural rule of the language, in English too."""
    danish = [(context, message) for context, message in ts_messages() if message.get("numerus") == "yes"]
    assert danish, "the names panel's counts are messages with a count"
    english = ts_messages(resource_path("translations", "transkript_en.ts"))
    assert {message.findtext("source") for _, message in english} == {
        message.findtext("source") for _, message in danish
    }
    for _, message in english:
        forms = translations(message)
        assert len(forms) == 2 and all("%n" in form for form in forms), message.findtext("source")
    assert resource_path("translations", "transkript_en.qm").is_file()


def _lupdate() -> str | None:
    beside = Path(sys.executable).with_name("pyside6-lupdate")
    return str(beside) if beside.exists() else shutil.which("pyside6-lupdate")


def _literal(node: ast.AST) -> bool:
    """A string written out in the call: what lupdate can collect (a variable it cannot, nor needs to)."""
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _translated_strings(path: Path) -> dict[int, str | None]:
    """Line of the source text → the context that ``tr``/``translate`` at that line looks it up in.

    ``self.tr`` looks in the class it is written in (the instance's class, which is that class in this
    package); ``QCoreApplication.translate("X", …)`` and ``QT_TRANSLATE_NOOP("X", …)`` in ``X``; ``None``
    for a ``tr`` outside a class.
    """
    found: dict[int, str | None] = {}

    def visit(node: ast.AST, cls: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, child.name)
                continue
            if isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute):
                name, args = child.func.attr, child.args
                if name == "tr" and args and _literal(args[0]):
                    found[args[0].lineno] = cls
                elif name == "translate" and len(args) >= 2 and _literal(args[1]):
                    found[args[1].lineno] = args[0].value if _literal(args[0]) else None
            elif isinstance(child, ast.Call) and isinstance(child.func, ast.Name):
                # QT_TRANSLATE_NOOP("X", …): marks a text for lupdate (at the call's line), looked up later
                if child.func.id == "QT_TRANSLATE_NOOP" and len(child.args) >= 2 and _literal(child.args[1]):
                    found[child.lineno] = child.args[0].value if _literal(child.args[0]) else None
            visit(child, cls)

    visit(ast.parse(path.read_text(encoding="utf-8")), None)
    return found


def test_lupdate_puts_every_string_in_the_context_the_code_looks_it_up_in(tmp_path):
    """lupdate reads Python by its own rules (a nested function can lose its class): what it collects must
    be what ``tr`` asks for at run time, or the string stays English in a Danish window."""
    lupdate = _lupdate()
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed (it comes with the PySide6 wheel, so CI runs this)")
    sources = sorted(str(path) for path in GUI.rglob("*.py"))
    ts = tmp_path / "check.ts"
    subprocess.run(
        [lupdate, *sources, "-ts", str(ts), "-locations", "absolute", "-no-obsolete"],
        check=True,
        capture_output=True,
    )
    expected = {Path(path).resolve(): _translated_strings(Path(path)) for path in sources}
    collected, wrong = set(), []
    for context, message in ts_messages(ts):
        for location in message.iter("location"):
            path = (tmp_path / location.get("filename")).resolve()
            line = int(location.get("line"))
            collected.add((path, line))
            want = expected.get(path, {}).get(line, "<no tr call here>")
            if not context or context != want:
                wrong.append((path.name, line, message.findtext("source"), context, want))
    assert wrong == []
    missed = [
        (path.name, line)
        for path, lines in expected.items()
        for line in lines
        if (path, line) not in collected
    ]
    assert missed == []


# -- the research panels in Danish ------------------------------------------------------------------------


@pytest.fixture
def danish(qapp):
    assert i18n.install("da")
    yield
    i18n.install("en")


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def session(tmp_path) -> ProjectSession:
    path = interview_project(tmp_path)
    return ProjectSession(load_project(path), path, autosave_ms=60_000)


def test_the_export_dialog_switches_to_danish_and_back(qtbot, session, settings):
    i18n.install("en")
    dialog = ExportDialog(session, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.anyway_button.text() == "Export anyway"
    try:
        assert i18n.install("da")
        assert dialog.windowTitle() == "Eksportér" and dialog.export_button.text() == "Eksportér"
        assert dialog.anyway_button.text() == "Eksportér alligevel"
        assert dialog.review_button.text() == "Gå til navnegennemgangen"
        assert dialog.format_combo.itemText(dialog.format_combo.findData("docx")) == (
            "Word-bilag med linjenumre (.docx)"
        )
        assert dialog.level_combo.itemText(dialog.level_combo.findData("verbatim")).startswith("ordret")
        assert dialog.pseudonymise_box.text().startswith("Pseudonymisér")
        dialog.output_edit.setText("")
        dialog.export()
        assert dialog.status_label.text() == "Vælg, hvor eksporten skal gemmes."
    finally:
        i18n.install("en")
    assert dialog.anyway_button.text() == "Export anyway"


def test_the_names_panel_speaks_danish(qtbot, danish, session, settings):
    panel = NamesPanel(session, settings=settings)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: not panel.busy and panel.review is not None, timeout=WAIT_MS)
    assert panel.accept_button.text() == "Godkend" and panel.reject_button.text() == "Afvis"
    assert panel.accept_all_button.text() == "Godkend alle"
    assert panel.tabs.tabText(0).startswith("Til gennemsyn (")
    assert "navne bliver erstattet" in panel.status_label.text()
    mark = next(
        panel.review_list.topLevelItem(i)
        for i in range(panel.review_list.topLevelItemCount())
        if panel.review_list.topLevelItem(i).text(0) == "Mark"
    )
    assert mark.text(2).endswith(", hvis godkendt")
    occurrence = mark.child(0)
    assert occurrence.text(1).startswith("taletur ") and "Fundet ved:" in occurrence.toolTip(0)
    texts = [action.text() for action in panel.context_menu(occurrence).actions()]
    assert "Godkend denne" in texts and "Vis i editoren" in texts


def test_the_cite_panel_speaks_danish(qtbot, danish, session):
    panel = CitePanel(session)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: not panel.busy and panel.view is not None, timeout=WAIT_MS)
    assert panel.copy_button.text() == "Kopiér citat" and panel.add_button.text() == "Læg i citatkurven"
    assert panel.pack_button.text() == "Pakke til citatgodkendelse…"
    assert panel.banner_export_button.text() == "Eksportér bilaget…"
    assert panel.banner_label.text().startswith("Der er endnu ikke eksporteret noget bilag")
    assert panel.model.headerData(0, Qt.Orientation.Horizontal) == "Linje"
    panel.select_lines(5, 6)
    panel.copy_citation()
    assert panel.message_label.text() == "Kopierede (VJ: 5-6) til udklipsholderen."
