"""Fixtures of the window tests: settings in a temporary file, answered questions, recordings.

A test module uses them with ``pytest_plugins = ("tests.gui_fixtures",)``.
"""

from __future__ import annotations

import shutil
import wave
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from tests.audio_fixtures import SAMPLE_RATE, read_wav
from tests.speech import nst_clips
from transcribe_app.gui import i18n, prompts
from transcribe_app.gui.main_window import MainWindow

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "resources" / "sample" / "nst_da_sample.wav"


@pytest.fixture
def settings(tmp_path) -> QSettings:
    """Settings in a file of the test's own, never the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, settings):
    """The main window, in English, closed (and any worker stopped) after the test."""
    i18n.install("en")
    main = MainWindow(settings)
    qtbot.addWidget(main)
    main.show()
    yield main
    worker = main.transcription_panel.worker
    if worker.running:
        worker.stop_now()
        worker.wait(10_000)
    i18n.install("en")


class Questions:
    """Stands in for the person at the keyboard: answers message boxes in order and keeps their text."""

    def __init__(self, answers):
        self.answers = list(answers)
        self.asked: list[str] = []

    def choose(self, box: QMessageBox):
        self.asked.append(box.text())
        if not self.answers:
            raise AssertionError(f"an unexpected question: {box.text()}")
        return self.answers.pop(0)


@pytest.fixture
def questions(monkeypatch):
    """``questions.answers`` holds the replies; ``questions.asked`` what the window asked."""
    answered = Questions([])
    monkeypatch.setattr(prompts, "choose", answered.choose)
    monkeypatch.setattr(
        prompts, "inform", lambda parent, title, text, warning=False: answered.asked.append(text)
    )
    return answered


@pytest.fixture
def sample_audio(tmp_path) -> Path:
    """The 7.6 s sample recording, copied into the test's folder as vj.wav."""
    target = tmp_path / "vj.wav"
    shutil.copy(SAMPLE, target)
    return target


@pytest.fixture
def clip_recording(tmp_path) -> Path:
    """The 12 NST clips one after another (about 80 s, a dozen segments): long enough to stop midway."""
    return write_clip_recording(tmp_path / "clips.wav")


def write_clip_recording(path: Path, gap: float = 0.4) -> Path:
    silence = np.zeros(round(gap * SAMPLE_RATE), dtype="<i2")
    parts = []
    for clip in nst_clips():
        parts += [read_wav(clip.path), silence]
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(SAMPLE_RATE)
        handle.writeframes(np.concatenate(parts).tobytes())
    return path
