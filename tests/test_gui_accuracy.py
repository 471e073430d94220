"""Edit → Whisper's Accuracy…: the figures of ``transcribe-app accuracy`` in the window, in Danish too."""

from __future__ import annotations

from tests.accuracy_fixtures import base_hypotheses, corrected_nst_project
from transcribe_app.core.asr.accuracy import corrected_stretches, measure
from transcribe_app.core.project.file import save_project
from transcribe_app.gui import i18n
from transcribe_app.gui.accuracy_dialog import AccuracyDialog

pytest_plugins = ("tests.gui_fixtures",)


def test_the_window_shows_whispers_accuracy_after_correcting(window, qtbot, tmp_path):
    project = corrected_nst_project(base_hypotheses())
    path = tmp_path / "nst.transkript.json"
    save_project(project, path)
    action = window.accuracy.action
    assert not action.isEnabled()  # no project open
    assert window.open_project(path)
    assert action.isEnabled() and action in window.menu("edit").actions()
    dialog = window.accuracy.show()
    qtbot.addWidget(dialog)
    expected = measure(corrected_stretches(project), project.recognised.text()).overall
    assert f"{expected.wer:.1f} %" in dialog.summary.text()
    assert dialog.speakers.rowCount() == 4 and dialog.substitutions.rowCount() == 10
    dialog.close()

    i18n.install("da")
    try:
        danish = AccuracyDialog(window.session.project, window)
        qtbot.addWidget(danish)
        assert "Ordfejlrate (WER): " + f"{expected.wer:.1f} %".replace(".", ",") in danish.summary.text()
        project.edits = []
        uncorrected = AccuracyDialog(project, window)
        qtbot.addWidget(uncorrected)
        assert uncorrected.summary.text().startswith("Intet at måle endnu")
        assert not uncorrected.speakers.isVisibleTo(uncorrected)
    finally:
        i18n.install("en")
