"""The Whisper models the transcription panel offers, with their published Danish figures.

The figures are the ones README.md ("Models") cites: word error rate on the
CoRal read-aloud test set (lower is better; conversation is about twice as
hard). Where none is published, the panel says so rather than guess.

What is on this computer, and whether a CUDA graphics card was found, is
probed in a background thread: looking a model up imports faster-whisper,
which takes longer than the window may stall.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from ..core.asr.device import cuda_device_count
from ..core.asr.models import resolve_model
from ..core.asr.registry import FASTER_WHISPER
from ..core.errors import TranskriptError


def _tr(text: str) -> str:
    return QCoreApplication.translate("ModelChoice", text)


@dataclass(frozen=True)
class ModelChoice:
    """One entry of the model list."""

    name: str  # what --model gets for a standard model; the model's own name for a fine-tune
    lookup: str  # what resolve_model looks for (a hub-style id finds a converted folder by its last part)
    figure: str  # the published Danish figure, untranslated (see quality())
    fine_tune: bool = False

    def quality(self) -> str:
        """The figure in the window's language."""
        return _tr(self.figure)


# The figures are translated through the translate() calls in _figures(), where lupdate finds them.
MODEL_CHOICES = (
    ModelChoice("tiny", "tiny", "no Danish figure published; the fastest and weakest"),
    ModelChoice("base", "base", "WER 89 % (CoRal), 71 % (Common Voice); for trying the tool"),
    ModelChoice("small", "small", "WER 55 % (CoRal)"),
    ModelChoice("medium", "medium", "WER 41 % (CoRal)"),
    ModelChoice("large-v3", "large-v3", "WER 28 % (CoRal); needs a graphics card or patience"),
    ModelChoice("turbo", "turbo", "a faster large-v3; no Danish figure of its own published"),
    ModelChoice(
        "hviske-v2", "syvai/hviske-v2", "WER 12 % (CoRal); Danish fine-tune, converted folder", fine_tune=True
    ),
    ModelChoice(
        "roest-v1-whisper-1.5b",
        "CoRal-project/roest-v1-whisper-1.5b",
        "WER 10 % (CoRal); Danish fine-tune, converted folder",
        fine_tune=True,
    ),
)
DEFAULT_MODEL = "base"


def _figures() -> None:  # pragma: no cover - never called; it lists the figures for lupdate
    QCoreApplication.translate("ModelChoice", "no Danish figure published; the fastest and weakest")
    QCoreApplication.translate("ModelChoice", "WER 89 % (CoRal), 71 % (Common Voice); for trying the tool")
    QCoreApplication.translate("ModelChoice", "WER 55 % (CoRal)")
    QCoreApplication.translate("ModelChoice", "WER 41 % (CoRal)")
    QCoreApplication.translate("ModelChoice", "WER 28 % (CoRal); needs a graphics card or patience")
    QCoreApplication.translate("ModelChoice", "a faster large-v3; no Danish figure of its own published")
    QCoreApplication.translate("ModelChoice", "WER 12 % (CoRal); Danish fine-tune, converted folder")
    QCoreApplication.translate("ModelChoice", "WER 10 % (CoRal); Danish fine-tune, converted folder")


@dataclass
class ComputerReport:
    """What the probe found: model name → its path on this computer (None: not here), and CUDA."""

    models: dict[str, str | None]
    cuda_devices: int | None  # None: could not tell


_RUNNING: set[ComputerProbe] = set()  # probes whose thread runs, kept alive by the window's thread


class ComputerProbe(QObject):
    """Looks up the models and the graphics card in a thread; ``found`` arrives in the window's thread."""

    found = Signal(object)  # ComputerReport

    def start(self) -> None:
        # Held here until ``found`` has reached the window's thread: otherwise a panel closed meanwhile
        # leaves the probe thread with the last reference, and the QObject is deleted in that thread
        # while its queued signal waits in the window's (a crash in the event loop, seen in the tests).
        _RUNNING.add(self)
        self.found.connect(self._delivered)
        threading.Thread(target=self._run, name="model-probe", daemon=True).start()

    @Slot(object)
    def _delivered(self, _report) -> None:
        _RUNNING.discard(self)

    def _run(self) -> None:
        models: dict[str, str | None] = {}
        for choice in MODEL_CHOICES:
            try:
                models[choice.name] = resolve_model(FASTER_WHISPER, choice.lookup).path
            except TranskriptError:
                models[choice.name] = None
            except Exception:  # noqa: BLE001 - a broken cache must not stop the window from starting
                models[choice.name] = None
        self.found.emit(ComputerReport(models, cuda_device_count()))
