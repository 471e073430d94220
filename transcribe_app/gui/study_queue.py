"""The study view's queue: transcribe the study's interviews not yet done, one after another.

A view on ``core/batch/queue.py`` (``StudyQueue``), which drives ``BatchRun`` on a thread of
its own: each interview in its own ``transcribe --progress-jsonl`` child, as the transcription
panel runs one (the same command and protocol, core/asr/run_events.py), under the project's
lock. The queue's callbacks come from that thread; ``_Relay``'s signals bring them to the GUI
thread. Buttons: Transcribe all (queue what is not transcribed), Pause (after the running
interview), Resume, Stop (the running one saves what it has). The queue is kept in the study
folder (``queue.json``); opening the study again offers to continue it, never starts it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ..core.batch.queue import IDLE, PAUSED, PAUSING, RUNNING, STOPPING, StudyQueue, study_settings
from ..core.batch.runner import BUSY, DONE, FAILED, BatchProgress, InterviewOutcome
from ..core.errors import TranskriptError
from ..core.study.record import Study
from .core_messages import core_message
from .transcription import eta_text

_STEPS = 1000


class _Relay(QObject):
    """The queue's callbacks, from its thread to the GUI thread (queued signals)."""

    state = Signal(str)
    progress = Signal(object)  # BatchProgress
    outcome = Signal(object)  # InterviewOutcome
    notice = Signal(str)


class QueueBar(QWidget):
    """Transcribe all · Pause · Resume · Stop, the whole queue's progress with the time left, and what
    happened, in words. ``changed`` asks the study view to read the interviews' states again."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, program: Sequence[str] | None = None):
        super().__init__(parent)
        self.queue: StudyQueue | None = None
        self.program = program  # the command that runs transcribe-app (tests give a stand-in)
        self._study: Study | None = None
        self._running: tuple[str, ...] = ()
        self._progress: BatchProgress | None = None
        self._notes: list[str] = []  # interviews skipped or failed in this run, in words
        self._notice = ""  # the running interview's latest notice
        self._transcribed = 0  # interviews this run transcribed
        self._offered = 0  # interviews a queue left last time holds (0: none offered)
        self._relay = _Relay(self)
        self._relay.state.connect(self._on_state)
        self._relay.progress.connect(self._on_progress)
        self._relay.outcome.connect(self._on_outcome)
        self._relay.notice.connect(self._on_notice)
        self.start_button, self.pause_button = QPushButton(), QPushButton()
        self.resume_button, self.stop_button = QPushButton(), QPushButton()
        self.start_button.clicked.connect(lambda: self.transcribe_all())
        self.pause_button.clicked.connect(self.pause)
        self.resume_button.clicked.connect(self.resume)
        self.stop_button.clicked.connect(self.stop)
        self.bar = QProgressBar()
        self.bar.setRange(0, _STEPS)
        self.bar.setTextVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.start_button, self.pause_button, self.resume_button, self.stop_button):
            buttons.addWidget(button)
        buttons.addWidget(self.bar, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        application = QCoreApplication.instance()
        if application is not None:
            application.aboutToQuit.connect(self.stop_for_close)
        self.retranslate()

    # -- the study -----------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.queue is not None and self.queue.running

    def set_study(self, study: Study | None) -> None:
        """Show ``study``'s queue; a queue it left (a closed or crashed window) is offered, not started."""
        if self.running:
            return  # the running queue stays with its study (the panel does not switch meanwhile)
        if study is not None and self._study is not None and study.folder == self._study.folder:
            self._study = study  # the same study read again (Refresh): its queue stays as it is
            self._update()
            return
        self._study, self._notes, self._progress, self._offered = study, [], None, 0
        self.queue = None
        if study is not None:
            relay = self._relay
            self.queue = StudyQueue(
                study.folder,
                study_settings(study),
                on_state=relay.state.emit,
                on_progress=relay.progress.emit,
                on_outcome=relay.outcome.emit,
                on_notice=relay.notice.emit,
                program=self.program,
            )
            try:
                saved = self.queue.restore()
            except TranskriptError as error:
                self._notes.append(core_message(str(error)))
                saved = None
            self._offered = len(saved.projects) if saved else 0
        self._update()

    def queued(self) -> set[Path]:
        """The project files in the queue (the running ones included)."""
        return set(self.queue.pending) if self.queue is not None and self.queue.state != IDLE else set()

    # -- the buttons ---------------------------------------------------------------------------

    def transcribe_all(self, projects: Sequence[Path] | None = None) -> bool:
        """Queue the study's interviews that are not transcribed yet (or ``projects``) and start."""
        if self.queue is None or self.running:
            return False
        if projects is None:
            projects = self._not_transcribed()
        self._notes, self._progress, self._offered, self._transcribed = [], None, 0, 0
        if not projects:
            self._notes.append(self.tr("Every interview of the study is transcribed; nothing to queue."))
            self._update()
            return False
        try:
            started = self.queue.start(projects)
        except TranskriptError as error:
            self._notes.append(core_message(str(error)))
            started = False
        self._update()
        return started

    def pause(self) -> None:
        if self.queue is not None:
            self.queue.pause()

    def resume(self) -> bool:
        if self.queue is None:
            return False
        self._notes, self._progress, self._offered, self._transcribed = [], None, 0, 0
        try:
            started = self.queue.resume()
        except TranskriptError as error:
            self._notes.append(core_message(str(error)))
            started = False
        self._update()
        return started

    def stop(self) -> None:
        if self.queue is not None:
            self.queue.stop()

    def stop_for_close(self, wait_s: float = 15.0) -> None:
        """The window is closing: stop the running interview (it saves) and wait for it; the queue
        stays in the study folder for the next start."""
        if self.running:
            self.queue.stop()
            self.queue.wait(wait_s)

    def _not_transcribed(self) -> list[Path]:
        from ..core.study.overview import INTERRUPTED, NOT_TRANSCRIBED, overview

        rows = overview(self._study, check_appendix=False)
        return [row.path for row in rows if row.stage in (NOT_TRANSCRIBED, INTERRUPTED)]

    # -- what the queue says -------------------------------------------------------------------

    def _on_state(self, state: str) -> None:
        if state in (IDLE, PAUSED):
            self._running = ()
            self.changed.emit()
        self._update()

    def _on_progress(self, progress: BatchProgress) -> None:
        self._progress = progress
        if progress.running != self._running:  # one began: the table shows it transcribing
            self._running = progress.running
            self.changed.emit()
        self._update()

    def _on_outcome(self, outcome: InterviewOutcome) -> None:
        name = outcome.interview.name
        self._transcribed += outcome.result in DONE
        if outcome.result == BUSY:
            self._notes.append(
                self.tr(
                    "“{name}” was skipped: it is open in the editor or being written by another program. "
                    "Transcribe it there, or close it and queue it again."
                ).format(name=name)
            )
        elif outcome.result == FAILED:
            self._notes.append(
                self.tr("“{name}” could not be transcribed: {reason}").format(
                    name=name, reason=core_message(outcome.message)
                )
            )
        self._update()
        self.changed.emit()

    def _on_notice(self, message: str) -> None:
        # A running interview's passing news (the CPU instead of CUDA, fillers being listened for):
        # shown while the queue runs, not kept with the skipped and failed ones.
        self._notice = core_message(message)
        self._update()

    def _update(self) -> None:
        queue = self.queue
        state = queue.state if queue is not None else IDLE
        waiting = len(queue.pending) if queue is not None else 0
        self.start_button.setEnabled(queue is not None and state in (IDLE, PAUSED))
        self.pause_button.setEnabled(state == RUNNING)
        self.resume_button.setEnabled(state == PAUSED and waiting > 0)
        self.stop_button.setEnabled(state in (RUNNING, PAUSING))
        progress = self._progress
        if progress is not None and progress.seconds_total > 0:
            self.bar.setValue(round(progress.seconds_done / progress.seconds_total * _STEPS))
        elif state == IDLE:
            self.bar.setValue(0)
        if state not in (RUNNING, PAUSING):
            self._notice = ""
        said = [self._state_text(state, waiting), self._notice, *self._notes]
        self.status.setText(" ".join(part for part in said if part))

    def _state_text(self, state: str, waiting: int) -> str:
        progress = self._progress
        if state == RUNNING and progress is not None:
            return self.tr("Transcribing {running}: {done} of {total} interviews ended · {eta}.").format(
                running=", ".join(progress.running) or "…",
                done=progress.interviews_done,
                total=progress.interviews,
                eta=eta_text(progress.eta),
            )
        if state == RUNNING:
            return self.tr("Starting the queue…")
        if state == PAUSING:
            return self.tr("Pausing after the interview being transcribed…")
        if state == STOPPING:
            return self.tr("Stopping; the interview being transcribed saves what it has…")
        if state == PAUSED and self._offered:
            return self.tr(
                "%n interview(s) wait in the queue left last time. Resume continues it.", "", self._offered
            )
        if state == PAUSED:
            return self.tr("Paused: %n interview(s) wait in the queue. Resume continues it.", "", waiting)
        if progress is not None:
            return self.tr("The queue is done: %n interview(s) transcribed.", "", self._transcribed)
        return ""

    def retranslate(self) -> None:
        self.start_button.setText(self.tr("Transcribe All"))
        self.start_button.setToolTip(
            self.tr("Queue every interview of the study not transcribed yet, with the study's settings")
        )
        self.pause_button.setText(self.tr("Pause"))
        self.pause_button.setToolTip(self.tr("Stop the queue after the interview being transcribed"))
        self.resume_button.setText(self.tr("Resume"))
        self.resume_button.setToolTip(self.tr("Go on with the interviews still in the queue"))
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setToolTip(
            self.tr("Stop now: the interview being transcribed saves what it has; Resume continues it")
        )
        self._update()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
