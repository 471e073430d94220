"""The transcription panel: choose model, device, language and prompt; run, watch, cancel, resume.

The run itself is the CLI in a child process (``worker.TranscriptionWorker``).
While it runs, the worker owns the project file: the session's saves wait
(``WorkerAwareSession.saves_held``), so the window never writes over segments
the worker has just saved. When the run ends — finished, cancelled, crashed or
killed — the panel reads the file the worker left, keeps the window's own
parts of the project (metadata, roster, decisions, quotes …, which the user
may have changed meanwhile) and hands the result to the session
(``replace_project``), which saves it. What the panel then says comes from that
file too: the live list keeps only the segments the file holds and the message
names the position saved, since a killed worker may have reported segments it
never saved.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QRegularExpression, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..core.asr import TranscriptionOptions
from ..core.asr.device import DEVICES
from ..core.asr.registry import FASTER_WHISPER, OPENAI_WHISPER
from ..core.asr.run_events import RunProgress
from ..core.asr.stage import TranscriptionRequest
from ..core.diarise.speaker_count import parse_speakers
from ..core.errors import ModelNotAvailableError, TranskriptError
from ..core.file_safety import is_file
from ..core.project.file import load_project
from ..core.project.lock import TRANSCRIBING, WINDOW
from ..core.project.record import CANCELLED, COMPLETE, IN_PROGRESS, KEPT_BY_WINDOW, Project
from ..core.project.transcript import Segment, clock_time
from . import prompts
from .core_messages import core_message
from .files import audio_filter
from .models_choice import (
    DEFAULT_MODEL,
    MODEL_CHOICES,
    ComputerProbe,
    ComputerReport,
    SpeedProbe,
    choice_named,
)
from .session import ProjectSession
from .settings import project_key, string_list
from .worker import CANCELLED as RUN_CANCELLED
from .worker import COMPLETE as RUN_COMPLETE
from .worker import RunOutcome, TranscriptionJob, TranscriptionWorker

# The parts of a project the window owns (core/project/record.py declares them), and the keys of a later
# build as the window read them; the worker owns the words (segments), the run record, the
# recording's details and the speakers found. Everything listed here survives a run as the window has it.
WINDOW_PARTS = (*KEPT_BY_WINDOW, "extra")
LANGUAGE_CODES = ("da", "en", "sv", "no", "de", "auto")
_LOCAL = "__local__"
_LOCAL_MODELS = "transcription/local_models"
_SPEED = "transcription/measured_speed"  # the last speed measurement on this computer (JSON)
_PROGRESS_STEPS = 1000
# The model probe waits this long after the panel is made (the window paints meanwhile).
PROBE_DELAY_MS = 800
# Closing the window waits this long for the run to finish its segment and save (status cancelled),
# then kills it: what was saved a few seconds before stays, and Resume continues from there.
CLOSE_WAIT_MS = 15_000


class WorkerAwareSession(ProjectSession):
    """A project session whose saves wait while a transcription worker owns the project file.

    ``saves_held``: True while a worker runs. Edits are still taken (and undoable); saving,
    the autosave included, waits, and the session stays dirty until the run has ended and
    the transcription panel has merged the worker's result and saved. ``path`` stays valid.
    """

    saves_held = False

    def save(self) -> bool:
        if self.saves_held:
            return False
        return super().save()


class TranscriptionPanel(QWidget):
    """Transcribes the session's recording in a worker process and shows it as it goes."""

    running_changed = Signal(bool)
    run_ended = Signal(object)  # RunOutcome, once the session holds the result

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("TranscriptionPanel")
        self._settings = settings
        self._session: ProjectSession | None = None
        self._run_path: Path | None = None
        self._job_running: TranscriptionJob | None = None
        self._segments_before = 0  # segments the project had before the run (a resume keeps them)
        self._live_header = ""  # the live list's first line on a resume
        self._report: ComputerReport | None = None
        self._measured = _stored_speed(settings)
        self._speed_message = ""
        self._speed_probe = SpeedProbe(self)
        self._speed_probe.measured.connect(self._on_speed_measured)
        self._speed_probe.failed.connect(self._on_speed_failed)
        # Model files and folders the user chose on this computer: kept in the settings, so that a
        # local model is still in the list (and chosen) after a restart.
        self._local_models: list[str] = string_list(settings, _LOCAL_MODELS) if settings is not None else []
        self._prompt_typed = False
        self._message = ""
        self._message_is_warning = False
        self.worker = TranscriptionWorker(self)
        self.worker.progress.connect(self._on_progress)
        self.worker.segment.connect(self._on_segment)
        self.worker.notice.connect(self._on_notice)
        self.worker.finished.connect(self._on_finished)
        self.worker.started.connect(self._on_worker_started)
        self._build()
        self.retranslate()
        self._restore_choices()
        self._probe = ComputerProbe()  # no parent: it must outlive nothing, and it is tiny
        self._probe.found.connect(self._on_probe)
        # Once the window is on the screen: the probe imports faster-whisper (a second of CPU), and its
        # thread, started at once, would hold the interpreter while the window is being drawn.
        QTimer.singleShot(PROBE_DELAY_MS, self._probe.start)
        self._update_state()

    # -- building ----------------------------------------------------------------

    def _build(self) -> None:
        self.state_label = QLabel(wordWrap=True)
        self.state_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A long sentence (a path has no place to wrap) must never widen the panel and push the form
        # apart: the labels take the width the panel has and wrap in it (the whole text is the tooltip).
        self.state_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.model_combo = QComboBox()
        self.model_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.model_combo.activated.connect(self._on_model_activated)
        self.model_status = QLabel(wordWrap=True)
        self.model_status.setTextFormat(Qt.TextFormat.RichText)  # the licence badge is coloured
        # The catalogue's advice for this computer, and a short measurement that calibrates its estimate.
        self.recommend_label = QLabel(wordWrap=True)
        self.measure_button = QPushButton()
        self.measure_button.clicked.connect(self.measure_speed)
        self.device_combo = QComboBox()
        self.device_combo.activated.connect(self._on_choice_activated)
        self.device_label = QLabel(wordWrap=True)
        self.language_combo = QComboBox()
        self.language_combo.activated.connect(self._on_choice_activated)
        self.prompt_edit = QLineEdit()
        self.prompt_edit.textEdited.connect(self._on_prompt_typed)
        self.roster_button = QPushButton()
        self.roster_button.clicked.connect(self.fill_prompt_from_roster)
        self.verbatim_check = QCheckBox()
        # Who speaks when: diarisation after the words, so that turns get speakers (S1, S2 …) to map.
        self.speakers_check = QCheckBox()
        # A count (2) or a range (5-8), read by core's speaker_count; empty: estimate (2 in an interview).
        self.speakers_edit = QLineEdit()
        self.speakers_edit.setMaximumWidth(90)
        typed = QRegularExpression(r"\s*\d{0,2}\s*(-\s*\d{0,2})?\s*")
        self.speakers_edit.setValidator(QRegularExpressionValidator(typed, self.speakers_edit))
        self.transcribe_button = QPushButton()
        self.transcribe_button.clicked.connect(self.start)
        self.restart_button = QPushButton()
        self.restart_button.clicked.connect(self.transcribe_again)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, _PROGRESS_STEPS)
        self.progress_bar.setTextVisible(False)
        self.progress_label = QLabel(wordWrap=True)
        for label in (self.model_status, self.recommend_label, self.device_label, self.progress_label):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.live_view = QPlainTextEdit(readOnly=True)
        self.live_view.setObjectName("LiveSegments")

        self._form = QFormLayout()
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        model_box = QVBoxLayout()
        model_box.addWidget(self.model_combo)
        model_box.addWidget(self.model_status)
        advice_box = QHBoxLayout()
        advice_box.addWidget(self.recommend_label, 1)
        advice_box.addWidget(self.measure_button, 0, Qt.AlignmentFlag.AlignTop)
        model_box.addLayout(advice_box)
        device_box = QVBoxLayout()
        device_box.addWidget(self.device_combo)
        device_box.addWidget(self.device_label)
        prompt_box = QHBoxLayout()
        prompt_box.addWidget(self.prompt_edit, 1)
        prompt_box.addWidget(self.roster_button)
        self._model_caption, self._device_caption = QLabel(), QLabel()
        self._language_caption, self._prompt_caption = QLabel(), QLabel()
        self._form.addRow(self._model_caption, model_box)
        self._form.addRow(self._device_caption, device_box)
        self._form.addRow(self._language_caption, self.language_combo)
        self._form.addRow(self._prompt_caption, prompt_box)
        self._form.addRow(self.verbatim_check)  # the whole width: the caption column has nothing to say
        speakers_box = QHBoxLayout()
        speakers_box.addWidget(self.speakers_check)
        speakers_box.addWidget(self.speakers_edit)
        speakers_box.addStretch(1)
        self._form.addRow(speakers_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.transcribe_button)
        buttons.addWidget(self.restart_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state_label)
        layout.addLayout(self._form)
        layout.addLayout(buttons)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.live_view, 1)
        self._options = (
            self.model_combo,
            self.device_combo,
            self.language_combo,
            self.prompt_edit,
            self.roster_button,
            self.verbatim_check,
            self.speakers_check,
            self.speakers_edit,
        )

    def retranslate(self) -> None:
        """All texts in the window's current language (called again when the language changes)."""
        self._model_caption.setText(self.tr("Model"))
        self._device_caption.setText(self.tr("Device"))
        self._language_caption.setText(self.tr("Language"))
        self._prompt_caption.setText(self.tr("Names and terms"))
        self.prompt_edit.setPlaceholderText(
            self.tr("names and words to expect, e.g. Borgernes MSB, jobafklaring")
        )
        self.prompt_edit.setToolTip(
            self.tr("Whisper is primed with these words, so names and special terms come out right.")
        )
        self.roster_button.setText(self.tr("From roster"))
        self.measure_button.setText(self.tr("Measure speed"))
        self.measure_button.setToolTip(
            self.tr(
                "Transcribes a few seconds of the Danish sample with a model on this computer, so that the "
                "time estimates fit this computer"
            )
        )
        self.roster_button.setToolTip(self.tr("Fill in the names of the people in the roster"))
        # Short, so that the panel stays narrow in Danish too: what it costs is in the tooltip.
        self.verbatim_check.setText(self.tr("Verbatim: also write fillers (øh, øhm)"))
        self.verbatim_check.setToolTip(
            self.tr("Takes a second pass over the recording, so the transcription takes longer.")
        )
        self.speakers_check.setText(self.tr("Find who speaks when; speakers:"))
        self.speakers_edit.setPlaceholderText(self.tr("estimate"))
        self.speakers_edit.setToolTip(
            self.tr(
                "How many people speak, if you know: 2, or a range such as 5-8 for a focus group. "
                "Left empty: 2 in an interview; in a focus group estimated, at most 10."
            )
        )
        self.restart_button.setText(self.tr("Transcribe again…"))
        self.live_view.setPlaceholderText(self.tr("The transcript appears here while it is made."))
        self._fill_models()
        self._fill_devices()
        self._fill_languages()
        self._update_state()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _fill_models(self) -> None:
        current = self.model_combo.currentData() or DEFAULT_MODEL
        found = self._report.models if self._report else {}
        self.model_combo.blockSignals(True)
        self.model_combo.clear()
        for choice in MODEL_CHOICES:
            self.model_combo.addItem(f"{choice.name} — {choice.quality()}", choice.name)
            index = self.model_combo.count() - 1
            tip = f"{choice.model.title}\n{choice.licence_badge()} · {choice.size_text()}"
            if self._report is not None and not found.get(choice.name):
                tip += "\n" + self.tr("Not on this computer yet")
            self.model_combo.setItemData(index, tip, Qt.ItemDataRole.ToolTipRole)
        for path in self._local_models:
            self.model_combo.addItem(self.tr("Local model: {name}").format(name=Path(path).name), path)
        self.model_combo.addItem(self.tr("Use local model file…"), _LOCAL)
        index = self.model_combo.findData(current)
        self.model_combo.setCurrentIndex(max(index, 0))
        self.model_combo.blockSignals(False)
        self._update_model_status()

    def _fill_devices(self) -> None:
        current = self.device_combo.currentData() or "auto"
        texts = {
            "auto": self.tr("Automatic (graphics card if there is one)"),
            "cpu": self.tr("Processor (CPU)"),
            "cuda": self.tr("Graphics card (CUDA)"),
        }
        self.device_combo.clear()
        for device in DEVICES:
            self.device_combo.addItem(texts[device], device)
        self.device_combo.setCurrentIndex(max(self.device_combo.findData(current), 0))
        if self._report is None:
            self.device_label.setText(self.tr("Looking for a graphics card…"))
        elif self._report.cuda_devices:
            self.device_label.setText(
                self.tr("Found: %n CUDA graphics card(s); Automatic uses it.", "", self._report.cuda_devices)
            )
        else:
            self.device_label.setText(self.tr("Found: no CUDA graphics card; the processor (CPU) is used."))

    def _fill_languages(self) -> None:
        current = self.language_combo.currentData() or "da"
        names = {
            "da": self.tr("Danish"),
            "en": self.tr("English"),
            "sv": self.tr("Swedish"),
            "no": self.tr("Norwegian"),
            "de": self.tr("German"),
            "auto": self.tr("Detect the language"),
        }
        self.language_combo.clear()
        for code in LANGUAGE_CODES:
            self.language_combo.addItem(names[code], code)
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(current), 0))

    def _update_model_status(self) -> None:
        name = self.model_combo.currentData()
        self._update_advice()
        choice = choice_named(name)
        if choice is None:
            self.model_status.setText("")
            return
        facts = f"{_badge(choice)} ·&nbsp;{html.escape(choice.size_text()).replace(' ', '&nbsp;')}"
        if self._report is None:
            self.model_status.setText(facts)
            return
        if self._report.models.get(name):
            here = self.tr("On this computer.")
        elif choice.model.needs_conversion:
            here = self.tr(
                "Not on this computer yet: Transcribe offers to download and convert it (needs internet "
                "once, and the Transformers library: pip install 'transcribe-app[convert]')."
            )
        else:
            here = self.tr(
                "Not on this computer yet: Transcribe offers to download it (needs internet once)."
            )
        lines = [facts, html.escape(here)]
        guess = self._estimate(choice)
        if guess is not None:
            lines.append(html.escape(guess))
        self.model_status.setText("<br>".join(lines))

    def _estimate(self, choice) -> str | None:
        """The time for an hour of audio with ``choice`` here, in words (None: cannot tell)."""
        from ..core.asr.speed import estimate

        computer = self._report.computer if self._report else None
        if computer is None:
            return None
        guess = estimate(choice.model, computer, self._measured)
        if not guess.fits:
            return self.tr("Needs more memory than this computer has.")
        if guess.hours_per_hour is None:
            return self.tr("Time for an hour of audio: press Measure speed to estimate it.")
        when = self._duration_text(guess.hours_per_hour * 3600)
        if guess.calibrated:
            return self.tr("About {time} for an hour of audio here (measured).").format(time=when)
        return self.tr(
            "About {time} for an hour of audio here (a rough estimate; Measure speed refines it)."
        ).format(time=when)

    def _duration_text(self, seconds: float) -> str:
        minutes = max(1, round(seconds / 60))
        if minutes < 60:
            return self.tr("{minutes} min").format(minutes=minutes)
        return self.tr("{hours} h {minutes} min").format(hours=minutes // 60, minutes=minutes % 60)

    def _update_advice(self) -> None:
        """The recommendation for this computer, and whether a measurement can be made now."""
        from ..core.asr.catalogue import load_catalogue
        from ..core.asr.speed import recommend

        computer = self._report.computer if self._report else None
        self.measure_button.setEnabled(self._speed_model() is not None and not self._speed_probe.running)
        if computer is None:
            self.recommend_label.setText(self._speed_message)
            return
        card = (
            self.tr("a CUDA card with {memory} GB").format(memory=f"{computer.cuda_memory_mb / 1024:.0f}")
            if computer.has_cuda and computer.cuda_memory_mb
            else self.tr("a CUDA card")
            if computer.has_cuda
            else self.tr("no CUDA card")
        )
        memory = f"{computer.memory_mb / 1024:.0f}" if computer.memory_mb else "?"
        this = self.tr("%n core(s), {memory} GB memory, {card}", "", computer.cores).format(
            memory=memory, card=card
        )
        best = recommend(load_catalogue(), computer, self._measured)
        text = (
            self.tr("Recommended for this computer ({computer}): {model}.").format(
                computer=this, model=best.id
            )
            if best is not None
            else self.tr("This computer ({computer}) is slow for every model with a Danish figure.").format(
                computer=this
            )
        )
        self.recommend_label.setText(" ".join(filter(None, [text, self._speed_message])))

    def _speed_model(self):
        """The model a measurement uses: the chosen one if it is here, else the smallest one here."""
        if self._report is None:
            return None
        here = [c for c in MODEL_CHOICES if self._report.models.get(c.name) and c.model.parameters_m]
        chosen = next((c for c in here if c.name == self.model_combo.currentData()), None)
        if chosen is None and here:
            chosen = min(here, key=lambda c: c.model.parameters_m)
        return chosen

    def measure_speed(self) -> bool:
        """Time a few seconds of the Danish sample with a model on this computer (only when asked)."""
        choice = self._speed_model()
        if choice is None or self._speed_probe.running:
            return False
        self._speed_message = self.tr("Measuring with {model}…").format(model=choice.name)
        self._speed_probe.start(choice.model, self.device_combo.currentData() or "auto")
        self._update_model_status()
        return True

    def _on_speed_measured(self, measurement) -> None:
        self._measured = measurement
        self._speed_message = ""
        if self._settings is not None:
            self._settings.setValue(
                _SPEED,
                json.dumps(
                    {
                        "parameters_m": measurement.model_parameters_m,
                        "device": measurement.device,
                        "rtf": measurement.rtf,
                    }
                ),
            )
        self._update_model_status()

    def _on_speed_failed(self, message: str) -> None:
        self._speed_message = self.tr("The measurement did not succeed: {why}").format(
            why=core_message(message)
        )
        self._update_model_status()

    # -- the session ---------------------------------------------------------------

    def set_session(self, session: WorkerAwareSession | None) -> None:
        """Show the transcription state of ``session``'s project (None: no project open)."""
        if session is not None and not isinstance(session, WorkerAwareSession):
            raise TypeError("the transcription panel needs a WorkerAwareSession (its saves can wait)")
        if self.worker.running:
            raise RuntimeError("the project cannot change while a transcription runs")
        if self._session is not None:
            self._session.changed.disconnect(self._on_session_changed)
        self._session = session
        self._message, self._prompt_typed = "", False
        self.live_view.clear()
        self.progress_bar.setValue(0)
        self.progress_label.setText("")
        if session is not None:
            session.changed.connect(self._on_session_changed)
            self._apply_project_choices(session)
        self._update_state()

    @property
    def running(self) -> bool:
        return self.worker.running

    def _on_session_changed(self) -> None:
        if not self._prompt_typed:
            self.fill_prompt_from_roster()
        if not self.worker.running:
            self._update_state()

    def fill_prompt_from_roster(self) -> None:
        """The names (and other names) of the roster's people: what Whisper should expect to hear."""
        if self._session is None:
            return
        self.prompt_edit.setText(roster_prompt(self._session.project))
        self._prompt_typed = False
        # "": the roster's names, also over a prompt the project's run record has
        self._remember_for_project("prompt", "")

    def _on_prompt_typed(self, text: str) -> None:
        self._prompt_typed = True
        self._remember_for_project("prompt", text)

    def _on_choice_activated(self, _index: int) -> None:
        self._remember_choices()

    # -- the choices remembered: per user (the settings) and per project ---------------------

    def project_choices(self, session: ProjectSession) -> dict:
        """What this project was last transcribed with, overridden by what the user chose for it since.

        Keys: ``model`` (a name or a model file/folder), ``device``, ``language``, ``prompt`` (a typed
        prompt; absent when the roster's names are the prompt), ``verbatim``.
        """
        choices: dict = {}
        run = session.project.transcription
        if run is not None:
            options = run.options
            for key in ("model", "device"):
                if options.get(key):
                    choices[key] = str(options[key])
            if "language" in options:
                choices["language"] = options.get("language") or "auto"
            if "verbatim_prompt" in options:
                choices["verbatim"] = bool(options["verbatim_prompt"])
            prompt = options.get("initial_prompt") or ""
            if prompt and prompt != roster_prompt(session.project):
                choices["prompt"] = prompt
        if self._settings is not None and session.path is not None:
            for key in ("model", "device", "language", "prompt"):
                value = self._settings.value(project_key(session.path, key))
                if value is not None:
                    choices[key] = str(value)
        return choices

    def _apply_project_choices(self, session: ProjectSession) -> None:
        choices = self.project_choices(session)
        model = choices.get("model")
        if model and choice_named(model) is None and model not in self._local_models:
            if Path(model).exists():
                self._add_local_model(model)
            else:  # the run record of another computer (or a model moved since): nothing to choose here
                choices.pop("model")
        for combo, key in (
            (self.model_combo, "model"),
            (self.device_combo, "device"),
            (self.language_combo, "language"),
        ):
            index = combo.findData(choices.get(key))
            if index >= 0:
                combo.setCurrentIndex(index)
        self._update_model_status()
        if "verbatim" in choices:
            self.verbatim_check.setChecked(bool(choices["verbatim"]))
        if choices.get("prompt"):
            self.prompt_edit.setText(choices["prompt"])
            self._prompt_typed = True
        else:
            self.fill_prompt_from_roster()

    def _remember_for_project(self, key: str, value) -> None:
        session = self._session
        if self._settings is None or session is None or session.path is None:
            return
        if value is None:
            self._settings.remove(project_key(session.path, key))
        else:
            self._settings.setValue(project_key(session.path, key), value)

    # -- state -----------------------------------------------------------------------

    def _update_state(self) -> None:
        running = self.worker.running
        project = self._session.project if self._session else None
        run = project.transcription if project else None
        can_run = (
            project is not None
            and not running
            and not self._session.read_only  # open in another window or command
            and self._audio_known(project)
        )
        for widget in self._options:
            widget.setEnabled(can_run and not (run and run.status in (IN_PROGRESS, CANCELLED)))
        self.transcribe_button.setEnabled(can_run and not (run and run.status == COMPLETE))
        self.transcribe_button.setText(
            self.tr("Resume") if run and run.status in (IN_PROGRESS, CANCELLED) else self.tr("Transcribe")
        )
        self.restart_button.setVisible(can_run and run is not None)
        self.cancel_button.setVisible(running)
        self.cancel_button.setText(self.tr("Stop now") if self.worker.cancelling else self.tr("Cancel"))
        self.progress_bar.setVisible(running or self.progress_bar.value() > 0)
        text = self._message or self._describe(project)
        self.state_label.setText(text)
        self.state_label.setToolTip(text if self._message else "")
        self.state_label.setStyleSheet(
            "color: #a4000f;" if self._message and self._message_is_warning else ""
        )

    def _describe(self, project: Project | None) -> str:
        if project is None:
            return self.tr("Open or create a project to transcribe it.")
        if self.worker.running:
            return self.tr(
                "Transcribing… Editing waits until it is done; the words appear below as they come."
            )
        if project.source == "import":
            return self.tr(
                "This transcript was imported from a typed file; there is no recording to transcribe."
            )
        if not project.audio.path:
            return self.tr("This project has no recording.")
        run = project.transcription
        if run is None:
            return self.tr("Not transcribed yet. Choose a model and press Transcribe.")
        total = clock_time(project.audio.duration or 0.0)
        if run.status == COMPLETE:
            return self.tr(
                "Transcribed: %n segment(s), with {model} on {device}.", "", len(project.segments)
            ).format(model=run.model.get("name", "?"), device=run.device)
        why = (
            self.tr("it was cancelled")
            if run.status == CANCELLED
            else self.tr("Transkript or the computer stopped during the run")
        )
        return self.tr(
            "The transcription stopped at {position} of {total} ({why}). What was done is saved: %n "
            "segment(s). Resume continues from there, with the same model and options.",
            "",
            len(project.segments),
        ).format(position=clock_time(run.transcribed_until), total=total, why=why)

    def _audio_known(self, project: Project) -> bool:
        return project.source != "import" and bool(project.audio.path)

    # -- running -----------------------------------------------------------------------

    def start(self) -> bool:
        """Transcribe the project's recording, or resume its interrupted transcription."""
        session = self._session
        if session is None or self.worker.running or session.read_only:
            return False
        if not self._audio_known(session.project):
            return False
        run = self._session.project.transcription
        if run is not None and run.status == COMPLETE:
            return self.transcribe_again()
        resume = run is not None and run.status in (IN_PROGRESS, CANCELLED)
        return self._start(resume=resume, overwrite=not resume)

    def transcribe_again(self) -> bool:
        """Replace the transcript with a new run (the old project file is kept as .bak)."""
        if self._session is None or self.worker.running or self._session.read_only:
            return False
        if self._session.project.segments:
            box = QMessageBox(
                QMessageBox.Icon.Question,
                self.tr("Transcribe again"),
                self.tr(
                    "Transcribe the recording again? The new words replace the transcript and the "
                    "corrections made in it; the roster and metadata stay. "
                    "The old project file is kept as .bak."
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                self,
            )
            if prompts.choose(box) != QMessageBox.StandardButton.Yes:
                return False
        return self._start(resume=False, overwrite=True)

    def use_local_model(self, path: str | None = None) -> bool:
        """Use a model file or folder from this computer (asks for it when ``path`` is None)."""
        if path is None:
            path = prompts.open_file(
                self,
                self.tr("Choose a Whisper model"),
                self.tr("Whisper models (model.bin *.pt);;All files (*)"),
            )
            if not path:
                self._fill_models()
                return False
        chosen = Path(path)
        if chosen.name == "model.bin":  # a CTranslate2 model is the folder that holds model.bin
            chosen = chosen.parent
        path = str(chosen)
        self._add_local_model(path)
        self.model_combo.setCurrentIndex(self.model_combo.findData(path))
        self._update_model_status()
        self._remember_choices()
        return True

    def _add_local_model(self, path: str) -> None:
        if path not in self._local_models:
            self._local_models.append(path)
            if self._settings is not None:
                self._settings.setValue(_LOCAL_MODELS, self._local_models)
        self._fill_models()

    def _on_model_activated(self, index: int) -> None:
        if self.model_combo.itemData(index) == _LOCAL:
            self.use_local_model()
        else:
            self._remember_choices()
        self._update_model_status()

    def _start(self, *, resume: bool, overwrite: bool, download: bool = False) -> bool:
        session = self._session
        job = self._job(resume=resume, overwrite=overwrite, download=download)
        if job is None:
            return False
        if session.dirty:
            session.save()  # the worker reads the file: it must hold what the window has
        self._remember_choices()
        self._job_running = job
        self._run_path = session.path
        session.saves_held = True  # the worker owns the file until it ends (no autosave over its segments)
        if session.lock is not None and session.lock.token:  # the worker writes under the window's lock
            job.lock_token = session.lock.token
            session.lock.describe_as(TRANSCRIBING)
        self._message = ""
        self._segments_before = len(session.project.segments) if resume else 0  # the run's own come after
        self._live_header = ""
        if resume:
            self._live_header = self.tr("… continuing after {position}").format(
                position=clock_time(session.project.transcription.transcribed_until)
            )
            self.live_view.appendPlainText(self._live_header)
        else:
            self.live_view.clear()
        self.progress_bar.setRange(0, 0)  # busy until the first segment: loading the model, decoding audio
        self.progress_label.setText(self.tr("Loading the model and reading the recording…"))
        self.worker.start(job)
        self._update_state()
        self.running_changed.emit(True)
        return True

    def _job(self, *, resume: bool, overwrite: bool, download: bool) -> TranscriptionJob | None:
        session = self._session
        if session.path is None:
            prompts.inform(self, self.tr("Transcribe"), self.tr("Save the project first."), warning=True)
            return None
        project = session.project
        audio = project.audio_file(session.path)
        if audio is None or not is_file(audio):
            audio = self._locate_recording(audio)
            if audio is None:
                return None
        model = self._model_argument()
        if model is None:
            return None
        name, backend = model
        language = self.language_combo.currentData() or "da"
        options = TranscriptionOptions(
            model=name,
            language=None if language == "auto" else language,
            device=self.device_combo.currentData() or "auto",
            initial_prompt=self.prompt_edit.text().strip() or None,
            verbatim_prompt=self.verbatim_check.isChecked(),
        )
        if not (download or resume) and self._model_missing(name):
            # The one network access Transkript makes is asked for once; No starts nothing.
            if not self.ask_download(name):
                self._message, self._message_is_warning = (
                    self.tr(
                        "Nothing was started: the model “{name}” is not on this computer. Choose a model "
                        "that is, or a local model file, or agree to download it."
                    ).format(name=name),
                    True,
                )
                self._update_state()
                return None
            download = True
        request = TranscriptionRequest(
            audio_path=audio,
            project_path=session.path,
            options=options,
            backend=backend,
            kind=project.metadata.kind,
            title=project.metadata.title or None,
            resume=resume,
            overwrite=overwrite,
            download=download,
        )
        speakers = self._speakers_asked()
        if speakers is False:
            return None
        return TranscriptionJob(request, find_speakers=self.speakers_check.isChecked(), speakers=speakers)

    def _speakers_asked(self) -> str | None | bool:
        """The count or range typed (``"5-8"``), None to estimate; False (and the reason shown) when
        what was typed is no count."""
        text = self.speakers_edit.text().strip()
        if not self.speakers_check.isChecked() or not text:
            return None
        try:
            return str(parse_speakers(text))
        except TranskriptError as error:
            self._message, self._message_is_warning = core_message(str(error)), True
            self._update_state()
            return False

    def _model_argument(self) -> tuple[str, str] | None:
        """(what --model gets, backend) for the chosen entry; None if the user must choose first."""
        data = self.model_combo.currentData()
        if data in self._local_models:
            return data, OPENAI_WHISPER if data.endswith(".pt") else FASTER_WHISPER
        choice = choice_named(data)
        if choice is None:
            return None
        # A catalogue model by its id: the look-up finds it here, or --download fetches (and converts) it.
        return choice.name, FASTER_WHISPER

    def _model_missing(self, name: str) -> bool:
        """True when the look-up found that the standard model ``name`` is not on this computer."""
        return self._report is not None and name in self._report.models and not self._report.models[name]

    def ask_download(self, name: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Download the model"),
            self.tr(
                "The model “{name}” is not on this computer. Download it now? This needs the internet once; "
                "the recording never leaves this computer."
            ).format(name=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        return prompts.choose(box) == QMessageBox.StandardButton.Yes

    def _locate_recording(self, missing: Path | None) -> Path | None:
        where = str(missing) if missing else self.tr("(unknown)")
        prompts.inform(
            self,
            self.tr("Recording not found"),
            self.tr(
                "The recording of this project is not where it was ({where}). Please show where it is now."
            ).format(where=where),
            warning=True,
        )
        path = prompts.open_file(self, self.tr("Where is the recording?"), audio_filter())
        return Path(path) if path else None

    def cancel(self) -> None:
        """Stop after the current segment; what was done is saved (Resume continues)."""
        self.worker.cancel()
        self.progress_label.setText(self.tr("Stopping after the current part; saving what is done…"))
        self._update_state()

    def stop_now(self) -> None:
        self.worker.stop_now()

    def _on_cancel_clicked(self) -> None:
        if self.worker.cancelling:
            self.stop_now()
        else:
            self.cancel()

    def stop_for_close(self, wait_ms: int | None = None) -> None:
        """Cancel a run and wait for it to save (then kill it): the window is closing."""
        if not self.worker.running:
            return
        self.cancel()
        if not self.worker.wait(CLOSE_WAIT_MS if wait_ms is None else wait_ms):
            self.stop_now()
            self.worker.wait(5_000)

    # -- what the worker says ----------------------------------------------------------------

    def _on_progress(self, progress: RunProgress) -> None:
        if self.progress_bar.maximum() == 0:
            self.progress_bar.setRange(0, _PROGRESS_STEPS)
        self.progress_bar.setValue(round(progress.fraction * _PROGRESS_STEPS))
        if self.worker.cancelling:
            return
        self.progress_label.setText(
            self.tr("{done} of {total} · {eta} · %n segment(s)", "", progress.segments).format(
                done=clock_time(progress.done),
                total=clock_time(progress.total),
                eta=self.eta_text(progress.eta),
            )
        )

    def _on_segment(self, segment: Segment) -> None:
        self.live_view.appendPlainText(_live_line(segment))

    def _on_notice(self, message: str) -> None:
        self.progress_label.setText(core_message(message))

    def _on_worker_started(self) -> None:
        """Name the worker in the project's lock: should the window die, the lock holds while it saves."""
        session, process = self._session, self.worker.process
        if session is not None and session.lock is not None and process is not None:
            session.lock.describe_as(TRANSCRIBING, helper_pid=int(process.processId()))

    def _on_finished(self, outcome: RunOutcome) -> None:
        written = self._adopt_result()
        if written is not None:  # what the file holds, not what the worker said before it ended
            run = written.transcription
            outcome = self.worker.told_from_file(outcome, run.transcribed_until if run else None)
            self._show_saved_segments(written)
        if self.progress_bar.maximum() == 0:
            self.progress_bar.setRange(0, _PROGRESS_STEPS)
        if outcome.status == RUN_COMPLETE:
            self.progress_bar.setValue(_PROGRESS_STEPS)
            self.progress_label.setText(self.tr("Done."))
            self._message = ""
            job, found = self._job_running, written.diarisation if written is not None else None
            if found is not None and job is not None and job.find_speakers:
                # What to check about the speakers found (too many for the search, too little speech)
                warnings = found.warnings
                self._message = " ".join(core_message(w) for w in warnings)
                self._message_is_warning = bool(warnings)
        else:
            self.progress_label.setText("")
            self._message, self._message_is_warning = (
                core_message(outcome.message),
                outcome.status != RUN_CANCELLED,
            )
        self._update_state()
        self.running_changed.emit(False)
        self.run_ended.emit(outcome)
        job, self._job_running = self._job_running, None
        missing_model = outcome.exit_code == ModelNotAvailableError.exit_code
        if missing_model and job is not None and not job.resume and not job.download:
            # The model is not on this computer (the look-up before the run had not finished yet, so
            # nothing was asked): ask now, once.
            choice = choice_named(job.model)
            if choice is not None and self.ask_download(job.model):
                self._start(resume=False, overwrite=True, download=True)

    def _show_saved_segments(self, project: Project) -> None:
        """The live list as the file has it: the run's segments that were saved, and no others."""
        lines = [_live_line(segment) for segment in project.segments[self._segments_before :]]
        self.live_view.setPlainText("\n".join([self._live_header, *lines] if self._live_header else lines))

    def _adopt_result(self) -> Project | None:
        """Give the session the project the worker left on disk, with the window's own parts kept;
        returns it (None: no project, or a file that could not be read, which the message says)."""
        session, path = self._session, self._run_path
        self._run_path = None
        if session is None or path is None:
            return None
        session.saves_held = False
        if session.lock is not None:
            session.lock.describe_as(WINDOW)
        try:
            written = load_project(path)
        except TranskriptError as error:
            self._message, self._message_is_warning = core_message(str(error)), True
            return None
        differs = any(getattr(written, part) != getattr(session.project, part) for part in WINDOW_PARTS)
        # Speakers the run found (S1, S2 … with suggested codes) join the window's roster; the
        # window's own entries win where both name the same label.
        labels = {entry.label for entry in session.project.roster if entry.label}
        found = [entry for entry in written.roster if entry.label and entry.label not in labels]
        for part in WINDOW_PARTS:
            setattr(written, part, getattr(session.project, part))
        if found:
            written.roster = [*written.roster, *found]
            differs = True
        session.replace_project(written)
        if differs or session.dirty:  # a save of a long transcript takes a while: only when needed
            session.save()
        return written

    # -- helpers ------------------------------------------------------------------------

    def eta_text(self, seconds: float | None) -> str:
        return eta_text(seconds)

    def _on_probe(self, report: ComputerReport) -> None:
        self._report = report
        self._fill_models()
        self._fill_devices()

    def _restore_choices(self) -> None:
        if self._settings is None:
            return
        for combo, key in (
            (self.model_combo, "transcription/model"),
            (self.device_combo, "transcription/device"),
            (self.language_combo, "transcription/language"),
        ):
            index = combo.findData(self._settings.value(key, ""))
            if index >= 0:
                combo.setCurrentIndex(index)
        self.verbatim_check.setChecked(self._settings.value("transcription/verbatim", False, type=bool))
        self.speakers_check.setChecked(self._settings.value("transcription/speakers", False, type=bool))

    def _remember_choices(self) -> None:
        """Keep the model (a local one too), device and language for the user and for this project."""
        if self._settings is None:
            return
        model = self.model_combo.currentData()
        chosen = {
            "model": model if model not in (None, _LOCAL) else None,
            "device": self.device_combo.currentData(),
            "language": self.language_combo.currentData(),
        }
        for key, value in chosen.items():
            if value is None:
                continue
            self._settings.setValue(f"transcription/{key}", value)
            self._remember_for_project(key, value)
        self._settings.setValue("transcription/verbatim", self.verbatim_check.isChecked())
        self._settings.setValue("transcription/speakers", self.speakers_check.isChecked())
        if self._prompt_typed:
            self._remember_for_project("prompt", self.prompt_edit.text())


def eta_text(seconds: float | None) -> str:
    """The time left, in words (a transcription's, and the study queue's; the panel's translations)."""
    if seconds is None:
        return QCoreApplication.translate("TranscriptionPanel", "estimating the time left")
    if seconds < 60:
        return QCoreApplication.translate("TranscriptionPanel", "less than a minute left")
    minutes = round(seconds / 60)
    if minutes < 60:
        return QCoreApplication.translate("TranscriptionPanel", "about {minutes} min left").format(
            minutes=minutes
        )
    return QCoreApplication.translate("TranscriptionPanel", "about {hours} h {minutes} min left").format(
        hours=minutes // 60, minutes=minutes % 60
    )


def _live_line(segment: Segment) -> str:
    """One segment in the live list: ``[0:01:10] its words``."""
    when = clock_time(segment.start) if segment.start is not None else "?"
    return f"[{when}] {segment.text.strip()}"


# The licence badge's colours (background, text): may the model be used commercially?
_BADGE_COLOURS = {
    "yes": ("#dcefdc", "#1d5e20"),
    "with conditions": ("#fff1c7", "#6b4e00"),
    "unknown": ("#fff1c7", "#6b4e00"),
    "no": ("#f8d7da", "#8a1c24"),
}


def _badge(choice) -> str:
    background, colour = _BADGE_COLOURS[choice.model.commercial_use]
    text = html.escape(choice.licence_badge())
    return f'<span style="background-color:{background}; color:{colour};">&nbsp;{text}&nbsp;</span>'


def _stored_speed(settings: QSettings | None):
    """The last speed measurement kept in the settings (None: never measured, or unreadable)."""
    from ..core.asr.speed import SpeedMeasurement

    if settings is None:
        return None
    try:
        stored = json.loads(str(settings.value(_SPEED, "")))
        return SpeedMeasurement(int(stored["parameters_m"]), str(stored["device"]), float(stored["rtf"]))
    except (ValueError, KeyError, TypeError):
        return None


def roster_prompt(project: Project) -> str:
    """The names and other names in the roster, as Whisper's list of words to expect.

    Codes are left out: nobody says "VJ" aloud, and a code in the prompt invites
    Whisper to write it.
    """
    words: list[str] = []
    for entry in project.roster:
        for word in (entry.name, *entry.aliases):
            word = " ".join(word.split())
            if word and word not in words:
                words.append(word)
    return ", ".join(words)
