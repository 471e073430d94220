"""The Whisper models the transcription panel offers: the model catalogue, seen from this computer.

Each entry is a model of ``resources/models/catalogue.json`` (core/asr/catalogue.py): its published
Danish figure (a word error rate with its dataset; lower is better, conversation is about twice as
hard as read speech), its licence (may it be used commercially: a thesis is fine, a consultancy
may not be), its size, and whether it is on this computer. ``core/asr/speed.py`` recommends one for
this computer and estimates the time for an hour of audio; a short measurement (``SpeedProbe``, only
when the user asks) calibrates the estimate.

What is on this computer, and its cores, memory and CUDA card, are probed in a background thread:
looking a model up imports faster-whisper, which takes longer than the window may stall.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QTimer, Signal, Slot

from ..core.asr.catalogue import CatalogueModel, load_catalogue
from ..core.asr.device import cuda_device_count
from ..core.asr.models import resolve_model
from ..core.asr.registry import FASTER_WHISPER
from ..core.asr.speed import Computer, SpeedMeasurement, this_computer
from ..core.errors import TranskriptError

SPEED_PROBE_SECONDS = 6  # of the bundled Danish sample: enough to measure, short enough to wait for


@dataclass(frozen=True)
class ModelChoice:
    """One entry of the model list: a catalogue model."""

    model: CatalogueModel

    @property
    def name(self) -> str:
        """What ``--model`` gets (``asr/models.py`` finds a catalogue model by its id)."""
        return self.model.id

    @property
    def lookup(self) -> str:
        return self.model.id

    @property
    def fine_tune(self) -> bool:
        return not self.model.stock

    def quality(self) -> str:
        """The published Danish figure, in the window's language (the dataset keeps its own name)."""
        figure = self.model.best_figure()
        if figure is None:
            return QCoreApplication.translate("ModelChoice", "no Danish figure published")
        return QCoreApplication.translate("ModelChoice", "WER {wer} % ({dataset})").format(
            wer=_number(f"{figure.wer:g}"), dataset=figure.dataset
        )

    def licence_badge(self) -> str:
        """The licence and what it allows, e.g. ``Apache-2.0: commercial use allowed``."""
        allowed = {
            "yes": QCoreApplication.translate("ModelChoice", "commercial use allowed"),
            "no": QCoreApplication.translate("ModelChoice", "NOT for commercial use"),
            "with conditions": QCoreApplication.translate("ModelChoice", "commercial use on its conditions"),
            "unknown": QCoreApplication.translate("ModelChoice", "read its licence on the model card"),
        }[self.model.commercial_use]
        return f"{self.model.licence}: {allowed}"

    def size_text(self) -> str:
        size = self.model.download_mb
        if size is None:
            return QCoreApplication.translate("ModelChoice", "size not recorded")
        if size >= 1000:
            return QCoreApplication.translate("ModelChoice", "{size} GB").format(
                size=_number(f"{size / 1000:.1f}")
            )
        return QCoreApplication.translate("ModelChoice", "{size} MB").format(size=size)


def _number(text: str) -> str:
    """A decimal number as the window's language writes it (Danish: a decimal comma)."""
    from .i18n import current_language

    return text.replace(".", ",") if current_language() == "da" else text


MODEL_CHOICES = tuple(ModelChoice(model) for model in load_catalogue().models)
DEFAULT_MODEL = "base"


def choice_named(name) -> ModelChoice | None:
    return next((choice for choice in MODEL_CHOICES if choice.name == name), None)


@dataclass
class ComputerReport:
    """What the probe found: model id → its faster-whisper path here (None: not here), CUDA, the computer."""

    models: dict[str, str | None]
    cuda_devices: int | None  # None: could not tell
    computer: Computer | None = None


_RUNNING: set[QObject] = set()  # probes whose work runs, kept alive by the window's thread


def _release(probe: QObject) -> None:
    """Let go of a probe once the event being handled has returned.

    Its end is seen in one of its own events (its queued report, its process's ``finished``): dropping
    the last reference there would delete the probe (and its process) while Qt is still delivering
    that event to it, a use after free that crashes the event loop now and then. A zero-delay timer
    drops it from the event loop's next turn instead.
    """
    QTimer.singleShot(0, lambda: _RUNNING.discard(probe))


class ComputerProbe(QObject):
    """Looks up the models and the computer in a thread; ``found`` arrives in the window's thread."""

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
        _release(self)

    def _run(self) -> None:
        models: dict[str, str | None] = {}
        for choice in MODEL_CHOICES:
            try:
                models[choice.name] = resolve_model(FASTER_WHISPER, choice.lookup).path
            except TranskriptError:
                models[choice.name] = None
            except Exception:  # noqa: BLE001 - a broken cache must not stop the window from starting
                models[choice.name] = None
        cuda = cuda_device_count()
        try:
            computer = this_computer(cuda)
        except Exception:  # noqa: BLE001 - without it there is no recommendation, never a broken window
            computer = None
        self.found.emit(ComputerReport(models, cuda, computer))


class SpeedProbe(QObject):
    """Times a few seconds of the Danish sample with an installed model, in a child process.

    ``measured`` gets a ``SpeedMeasurement``; ``failed`` a sentence. Only started when the user asks.
    """

    measured = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._process: QProcess | None = None
        self._parameters_m = 0

    @property
    def running(self) -> bool:
        return self._process is not None

    def start(self, model: CatalogueModel, device: str) -> None:
        from .worker import worker_command

        if self._process is not None or model.parameters_m is None:
            return
        self._parameters_m = model.parameters_m
        program, arguments = worker_command(
            ["models", "speed", model.id, "--json", "--device", device, "--seconds", str(SPEED_PROBE_SECONDS)]
        )
        process = QProcess(self)
        process.finished.connect(self._on_finished)
        process.errorOccurred.connect(self._on_error)
        self._process = process
        _RUNNING.add(self)
        process.start(program, arguments)

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._end()
            self.failed.emit(QCoreApplication.translate("ModelChoice", "The measurement could not start."))

    def _on_finished(self, exit_code: int, _status) -> None:
        process = self._process
        if process is None:
            return
        output = bytes(process.readAllStandardOutput()).decode("utf-8", "replace").strip().splitlines()
        errors = bytes(process.readAllStandardError()).decode("utf-8", "replace").strip()
        self._end()
        try:
            result = json.loads(output[-1]) if exit_code == 0 and output else None
            measurement = SpeedMeasurement(self._parameters_m, str(result["device"]), float(result["rtf"]))
        except (ValueError, KeyError, TypeError):
            last = errors.splitlines()[-1] if errors else ""
            self.failed.emit(last.removeprefix("transcribe-app: ") or "?")
            return
        self.measured.emit(measurement)

    def _end(self) -> None:
        if self._process is not None:
            self._process.deleteLater()
        self._process = None
        _release(self)
