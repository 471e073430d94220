"""The export dialog's pseudonymised recording: its choices, and the core use case run on a copy.

``transcribe-app export P --format audio --pseudonymise -o OUT.flac`` in the window: the kind of
file (FLAC, MP3, Opus, WAV: the ending of the output), what covers each replaced name (a tone or
silence) and the optional voice disguise, with the honest warning that a pitch shift is weak. The
dialog runs ``export_audio`` (core/exports/audio.py) on the worker thread on a light copy of the
project, so the window never freezes while the recording is decoded, covered and encoded; what the
export added to the copy's logs (the key's audit entry, an "accept review" stored as decisions) is
then brought into the project as one step, as a text export's is.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ..core.exports.audio import AUDIO_FORMATS, AudioOutcome, AudioRequest, export_audio
from ..core.project.record import Project

DEFAULT_SEMITONES = 4.0  # the command's --disguise-voice without a number
# How a recording's file name ends: beside the project's own recording (interview.wav), never it.
AUDIO_ENDINGS = {suffix: "_pseudonymised" + suffix for suffix in AUDIO_FORMATS}


@dataclass
class AudioExported:
    """What ``run_audio_export`` did on the copy: the outcome, and the decisions and audit entries it
    added there (to bring into the project itself)."""

    outcome: AudioOutcome
    decisions: list = field(default_factory=list)
    audit: list = field(default_factory=list)


def run_audio_export(project: Project, path: str | os.PathLike[str], request: AudioRequest) -> AudioExported:
    """Write the covered recording and its key from ``project`` (a copy: it is changed in memory)."""
    state = project.pseudonymisation
    decisions, audit = len(state.decisions), len(state.audit)
    outcome = export_audio(project, path, request)
    return AudioExported(
        outcome, copy.deepcopy(state.decisions[decisions:]), copy.deepcopy(state.audit[audit:])
    )


def apply_audio_export(project: Project, exported: AudioExported) -> None:
    """Bring the export's decisions and audit entries into ``project`` (the one the window shows)."""
    state = project.pseudonymisation
    for decision in exported.decisions:
        state.add_decision(copy.deepcopy(decision))
    for entry in exported.audit:
        state.add_audit_entry(copy.deepcopy(entry))


class AudioOptions(QWidget):
    """The choices of a pseudonymised recording, shown in the export dialog when it is the format."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.container_combo = QComboBox()
        for suffix in AUDIO_FORMATS:
            self.container_combo.addItem(suffix, suffix)
        self.cover_combo = QComboBox()
        for cover in ("tone", "silence"):
            self.cover_combo.addItem(cover, cover)
        self.disguise_box = QCheckBox()
        self.semitones_spin = QDoubleSpinBox()
        self.semitones_spin.setRange(-12.0, 12.0)
        self.semitones_spin.setSingleStep(1.0)
        self.semitones_spin.setDecimals(1)
        self.semitones_spin.setValue(DEFAULT_SEMITONES)
        self.warning_label = QLabel(wordWrap=True)
        self.disguise_box.toggled.connect(self._update)
        self._checked = False  # which encoders this FFmpeg has: asked when the recording is first chosen

        choices = QHBoxLayout()
        choices.setContentsMargins(0, 0, 0, 0)
        choices.addWidget(self.container_combo)
        choices.addWidget(self.cover_combo, 1)
        disguise = QHBoxLayout()
        disguise.setContentsMargins(0, 0, 0, 0)
        disguise.addWidget(self.disguise_box)
        disguise.addWidget(self.semitones_spin)
        disguise.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(choices)
        layout.addLayout(disguise)
        # ``warning_label`` is placed by the dialog, under its form: a wrapped label in a form row was
        # given the height of its first guess, and the row below covered its last line.
        self.retranslate()
        self._update()

    def retranslate(self) -> None:
        kinds = {
            ".flac": self.tr("FLAC (lossless)"),
            ".mp3": self.tr("MP3"),
            ".opus": self.tr("Opus"),
            ".wav": self.tr("WAV (uncompressed)"),
        }
        for index in range(self.container_combo.count()):
            self.container_combo.setItemText(index, kinds[self.container_combo.itemData(index)])
        self.container_combo.setToolTip(self.tr("The kind of audio file: the ending of “Save as”"))
        self.cover_combo.setItemText(0, self.tr("names covered by a tone"))
        self.cover_combo.setItemText(1, self.tr("names covered by silence"))
        self.cover_combo.setToolTip(
            self.tr("A tone lets a listener hear that something was covered; silence does not")
        )
        self.disguise_box.setText(self.tr("Disguise the voices (pitch shift, semitones):"))
        self.warning_label.setText(
            self.tr(
                "Covering names does not anonymise a recording: a voice identifies a person. The "
                "disguise is weak — shifting the pitch back undoes it. Share the recording only where "
                "your consent and data agreements allow."
            )
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def offer_usable(self) -> None:
        """Leave out the kinds of file this installation cannot write (asked once: it loads PyAV)."""
        if self._checked:
            return
        self._checked = True
        from ..core.exports.audio_signal import encoder_available

        for index in reversed(range(self.container_combo.count())):
            if not encoder_available(AUDIO_FORMATS[self.container_combo.itemData(index)].codec):
                self.container_combo.removeItem(index)

    @property
    def suffix(self) -> str:
        return self.container_combo.currentData() or ".flac"

    def set_suffix(self, suffix: str) -> None:
        index = self.container_combo.findData(suffix.lower())
        if index >= 0:
            self.container_combo.setCurrentIndex(index)

    def choices(self) -> dict:
        """The request's cover and disguise, as ``AudioRequest`` takes them."""
        semitones = self.semitones_spin.value() if self.disguise_box.isChecked() else 0.0
        return {"cover": self.cover_combo.currentData(), "disguise_semitones": semitones}

    def _update(self) -> None:
        self.semitones_spin.setEnabled(self.disguise_box.isChecked())
