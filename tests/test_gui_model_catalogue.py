"""The window's model chooser shows the catalogue: licence badge, published figure, size, installed or
not, a recommendation for this computer and an estimate that a measurement (asked for) calibrates."""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QSettings

from transcribe_app.core.asr.catalogue import load_catalogue
from transcribe_app.core.asr.speed import Computer, SpeedMeasurement
from transcribe_app.gui import i18n
from transcribe_app.gui.models_choice import ComputerReport, SpeedProbe
from transcribe_app.gui.transcription import TranscriptionPanel


def _panel(qtbot, settings, models=None):
    i18n.install("en")
    panel = TranscriptionPanel(settings)
    qtbot.addWidget(panel)
    panel._probe.found.disconnect(panel._on_probe)  # this computer's real look-up must not replace ours
    here = {model.id: None for model in load_catalogue().models}
    here.update(models or {})
    panel._on_probe(ComputerReport(here, 0, Computer(cores=4, memory_mb=8_000, cuda_devices=0)))
    return panel


def _choose(panel, name):
    panel.model_combo.setCurrentIndex(panel.model_combo.findData(name))
    panel._update_model_status()


def test_the_chooser_is_the_catalogue_with_licence_figure_size_and_advice(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    panel = _panel(qtbot, settings, {"base": str(tmp_path / "faster-whisper-base")})
    offered = [panel.model_combo.itemData(i) for i in range(panel.model_combo.count())]
    assert [m.id for m in load_catalogue().models] == offered[: len(load_catalogue().models)]
    _choose(panel, "edda-v0.2")
    assert "WER 15.5 % (CoRal v3 conversation)" in panel.model_combo.currentText()
    status = panel.model_status.text()
    assert "Apache-2.0: commercial use allowed" in status and "1.6&nbsp;GB" in status
    assert "download and convert it" in status and "rough estimate" in status
    assert panel._model_argument() == ("edda-v0.2", "faster-whisper")  # found or fetched by its id
    _choose(panel, "hviske-v2")
    assert "OpenRAIL: commercial use on its conditions" in panel.model_status.text()
    assert panel.recommend_label.text().startswith("Recommended for this computer (4 cores, 8 GB memory")
    assert panel.measure_button.isEnabled()  # base is here to measure with


def test_a_measurement_calibrates_the_estimate_and_is_remembered(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    panel = _panel(qtbot, settings)
    assert not panel.measure_button.isEnabled()  # no model here to measure with
    _choose(panel, "large-v3")
    panel._on_speed_measured(SpeedMeasurement(model_parameters_m=74, device="cpu", rtf=0.1))
    # 0.1 × 1550 / 74 of an hour: 2 h 6 min
    assert "About 2 h 6 min for an hour of audio here (measured)." in panel.model_status.text()
    again = _panel(qtbot, settings)
    _choose(again, "large-v3")
    assert "(measured)" in again.model_status.text()


def test_the_speed_probe_reads_the_measuring_command(qtbot, monkeypatch):
    from transcribe_app.gui import worker

    said = json.dumps({"model": "base", "rtf": 0.25, "load_seconds": 1.0, "device": "cpu"})
    monkeypatch.setattr(worker, "worker_command", lambda args: (sys.executable, ["-c", f"print({said!r})"]))
    probe, got = SpeedProbe(), []
    probe.measured.connect(got.append)
    probe.start(load_catalogue().get("base"), "cpu")
    qtbot.waitUntil(lambda: bool(got), timeout=20_000)
    assert got == [SpeedMeasurement(74, "cpu", 0.25)] and not probe.running

    failed = []
    monkeypatch.setattr(
        worker,
        "worker_command",
        lambda args: (
            sys.executable,
            ["-c", "import sys; sys.exit('transcribe-app: The model is not here.')"],
        ),
    )
    probe.failed.connect(failed.append)
    probe.start(load_catalogue().get("base"), "cpu")
    qtbot.waitUntil(lambda: bool(failed), timeout=20_000)
    assert failed == ["The model is not here."]
