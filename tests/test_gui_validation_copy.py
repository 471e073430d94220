"""The informant's validation copy in the window (issue 18): the export dialog's "Informant:" choice, shown
with the validation profile only, the copy written for the informant chosen and read back with no other
informant's words in it, a focus group that must choose, the profile not offered for a recording or a
subtitle file; and the cite panel's validation package made for the informant whose turns the basket's
quotes stand in, so a focus group never meets the command's "give --informant"."""

from __future__ import annotations

import io
import shutil

import docx
import pytest
from PySide6.QtCore import QSettings

from tests.test_gui_workspace import clipped_texts
from tests.test_pseudonymise_indirect_outputs import OTHER_WORDS, REAL, exported_focus_group
from transcribe_app.core.citations import open_appendix
from transcribe_app.core.citations.validation import resolve_quotes
from transcribe_app.core.exports.validation_copy import LEFT_OUT
from transcribe_app.core.project.file import load_project
from transcribe_app.gui import i18n, prompts
from transcribe_app.gui.cite_panel import CitePanel, NotOneInformant, pack_informant
from transcribe_app.gui.export_dialog import AUDIO, ExportDialog
from transcribe_app.gui.key_location import remember_key_path
from transcribe_app.gui.session import ProjectSession

WAIT_MS = 120_000  # the first pseudonymised export loads Presidio and spaCy: on busy shared cores, long
VJ_WORDS = ("2018", "jobcentret", "stadig")  # what only VJ says


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The focus group (informants VJ and MSS) with its appendix exported pseudonymised, once."""
    return exported_focus_group(tmp_path_factory.mktemp("group"))


@pytest.fixture
def path(exported, tmp_path):
    copied = tmp_path / exported.name
    shutil.copyfile(exported, copied)
    return copied


def open_dialog(qtbot, path, tmp_path, *, single=False) -> ExportDialog:
    i18n.install("en")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    remember_key_path(settings, path, str(tmp_path / "copy.key.json"))
    project = load_project(path)
    if single:  # an interview with one informant: MSS is only mentioned
        project.roster[2].role = "other"
    dialog = ExportDialog(ProjectSession(project, path, autosave_ms=60_000), settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def offered(combo) -> list:
    return [combo.itemData(i) for i in range(combo.count())]


def choose(combo, value) -> None:
    combo.setCurrentIndex(combo.findData(value))


def test_the_informant_choice_shows_with_the_validation_profile_only(qtbot, path, tmp_path):
    dialog = open_dialog(qtbot, path, tmp_path)
    assert dialog.pseudonymise_box.isChecked() and dialog.profile_combo.currentData() == "appendix"
    assert not dialog.informant_combo.isVisible() and not dialog.validation_note.isVisible()
    choose(dialog.profile_combo, "validation")
    assert dialog.informant_combo.isVisible()
    assert "never becomes the appendix" in dialog.validation_note.text()
    assert not dialog.level_combo.isVisible()  # the copy has the appendix's view and lines
    # A focus group: both informants by code and name (the researcher's own window), and no one chosen.
    assert offered(dialog.informant_combo) == [None, "VJ", "MSS"]
    assert dialog.informant_combo.itemText(1) == "VJ — Vibeke Jensen"
    assert dialog.informant_combo.currentData() is None
    choose(dialog.informant_combo, "MSS")  # the copy is named after her, never over the appendix's file
    assert dialog.output_edit.text() == str(path.parent / "fg_MSS.docx")
    # Only the line-numbered formats can be chosen with that profile.
    model = dialog.format_combo.model()
    usable = {dialog.format_combo.itemData(i) for i in range(model.rowCount()) if model.item(i).isEnabled()}
    assert usable == {"docx", "pdf", "txt"}
    # A recording is no one's validation copy: not offered there, and back when the format can take it.
    dialog.set_format(AUDIO)
    assert dialog.output_edit.text() == str(path.parent / "fg_pseudonymised.flac")
    assert "validation" not in offered(dialog.profile_combo) and dialog.profile_combo.currentData() is None
    assert not dialog.informant_combo.isVisible()
    assert model.item(dialog.format_combo.findData("srt")).isEnabled()
    dialog.set_format("srt")
    assert "validation" not in offered(dialog.profile_combo)
    dialog.set_format("pdf")
    assert dialog.profile_combo.currentData() == "validation" and dialog.informant_combo.isVisible()
    assert dialog.output_edit.text() == str(path.parent / "fg_MSS.pdf")
    dialog.pseudonymise_box.setChecked(False)  # not pseudonymised: no profile, so no informant
    assert not dialog.informant_combo.isVisible()
    assert model.item(dialog.format_combo.findData("srt")).isEnabled()
    assert dialog.output_edit.text() == str(path.parent / "fg.pdf")  # the project's name again


def test_one_informant_is_chosen_already(qtbot, path, tmp_path):
    dialog = open_dialog(qtbot, path, tmp_path, single=True)
    assert offered(dialog.informant_combo) == ["VJ"] and dialog.informant_combo.currentData() == "VJ"


def test_a_focus_group_must_choose_and_the_copy_holds_the_chosen_informants_words_only(qtbot, path, tmp_path):
    dialog = open_dialog(qtbot, path, tmp_path)
    dialog.set_format("txt")
    choose(dialog.profile_combo, "validation")
    out = tmp_path / "mss.txt"
    dialog.output_edit.setText(str(out))
    dialog.export()
    assert not dialog.busy and not out.exists()
    assert "Choose under “Informant:” whose validation copy this is" in dialog.status_label.text()
    choose(dialog.informant_combo, "MSS")
    dialog.export()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    assert out.exists(), dialog.status_label.text()
    text = out.read_text(encoding="utf-8")
    assert "skævvredet" in text and "MSS:" in text and LEFT_OUT in text  # hers in full; VJ's left out
    assert [w for w in (*VJ_WORDS, "VJ", *REAL) if w in text] == []
    assert "MSS's validation copy" in dialog.status_label.text()
    # A copy, never the appendix: the project's appendix record stays the pseudonymised export's.
    assert dialog.session.project.layout.profile == "appendix"
    assert dialog.session.project.layout == load_project(path).layout


def test_the_copy_in_word_is_vjs_and_says_so_in_danish(qtbot, path, tmp_path):
    dialog = open_dialog(qtbot, path, tmp_path)
    i18n.install("da")
    try:
        choose(dialog.profile_combo, "validation")
        assert dialog.informant_combo.itemText(0) == "Vælg, hvis kopi det er …"
        assert dialog.profile_combo.currentText().startswith("Informantens valideringskopi")
        hint = dialog.minimumSizeHint()  # the note and the informant row still fit a laptop screen
        assert hint.width() <= 1280 and hint.height() <= 720 - 70, hint
        qtbot.wait(20)
        assert clipped_texts(dialog) == []
        choose(dialog.informant_combo, "VJ")
        out = tmp_path / "vj.docx"
        dialog.output_edit.setText(str(out))
        dialog.export()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
        assert "VJs valideringskopi" in dialog.status_label.text(), dialog.status_label.text()
    finally:
        i18n.install("en")
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "jobcentret" in text and [w for w in (*OTHER_WORDS, *REAL) if w in text] == []


def quotes_by(appendix, speaker) -> list[str]:
    return [str(line.number) for line in appendix.lines if line.speaker == speaker][:1]


def test_a_package_is_for_the_informant_whose_turns_the_quotes_stand_in(path):
    appendix = open_appendix(load_project(path))
    vj, mss = quotes_by(appendix, "VJ"), quotes_by(appendix, "MSS")
    assert pack_informant(appendix, resolve_quotes(appendix, vj)) == "VJ"
    assert pack_informant(appendix, resolve_quotes(appendix, mss)) == "MSS"
    with pytest.raises(NotOneInformant) as several:
        pack_informant(appendix, resolve_quotes(appendix, [*vj, *mss]))
    assert several.value.found == ["VJ", "MSS"]
    single = load_project(path)
    single.roster[2].role = "other"
    appendix = open_appendix(single)
    assert pack_informant(appendix, resolve_quotes(appendix, vj)) is None  # core's own choice: the one


def test_the_cite_panel_writes_a_focus_groups_package_and_refuses_a_mixed_basket(
    qtbot, path, tmp_path, monkeypatch
):
    i18n.install("en")
    session = ProjectSession(load_project(path), path, autosave_ms=60_000)
    panel = CitePanel(session)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: not panel.busy and panel.view is not None, timeout=WAIT_MS)
    lines = panel.view.appendix.lines
    own = [line.number for line in lines if line.speaker == "VJ"]
    panel.select_lines(own[0], own[0])
    panel.add_to_basket()
    target = tmp_path / "VJ_citater.docx"
    monkeypatch.setattr(prompts, "save_file", lambda *args: str(target))
    qtbot.waitUntil(lambda: not panel.busy, timeout=WAIT_MS)
    panel.pack_button.click()
    qtbot.waitUntil(lambda: not panel.busy and target.exists(), timeout=WAIT_MS)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(target.read_bytes())).paragraphs)
    assert "Kære VJ" in text and [w for w in (*OTHER_WORDS, *REAL) if w in text] == []
    target.unlink()
    theirs = next(line.number for line in lines if line.speaker == "MSS")
    panel.select_lines(theirs, theirs)
    panel.add_to_basket()
    qtbot.waitUntil(lambda: not panel.busy, timeout=WAIT_MS)
    panel.pack_button.click()
    qtbot.waitUntil(lambda: not panel.busy and "No validation package" in panel.message_label.text(),
                    timeout=WAIT_MS)  # fmt: skip
    assert "quotes by VJ, MSS" in panel.message_label.text() and not target.exists()
