"""The transcription worker: the CLI in a child process, read line by line as it reports.

The window never runs Whisper itself. It starts

    <python> -m transcribe_app transcribe AUDIO -o PROJECT --progress-jsonl …

(in a standalone bundle the program itself, which takes the same arguments)
with ``QProcess`` and reads the JSON lines the CLI writes, as the typed events
of ``core.run_events``: ``started``, ``notice``, ``segment``, ``progress``, then
one of ``finished``, ``stopped`` or ``error``. Reading happens when Qt says output is ready, so the
event loop never waits on the worker, and a worker that crashes or is killed
cannot take the window with it.

Cancel protocol: the window writes the line ``cancel`` to the worker's standard
input and closes it. The CLI then stops after the segment it is decoding,
saves the project with status ``cancelled`` and exits with 130 (``EXIT_CANCELLED``). This works the
same on Windows, where ``QProcess.terminate`` sends no signal a console
program can catch. ``stop_now`` kills the worker outright; the CLI saves every
few seconds while it decodes, so a kill loses at most those seconds — and so
the segments and the position it reported last may be ahead of what the file
holds. The panel therefore tells a run's ending from the file
(``TranscriptionWorker.told_from_file``): the position a message names is the
one saved.

Lock handover: the window holds the project's lock (core/project/lock) while the
project is open, and the worker writes the same project. The window keeps its
lock and hands the worker its token in ``TRANSKRIPT_PROJECT_LOCK``; the CLI,
finding the lock held with that token, writes under it and leaves it in place.
So no other window or command can slip in between (as it could if the window
gave the lock back for the run and took it again after). The lock also names
the worker's process while it runs: if the window dies, its worker stops too
(its standard input closes: the cancel above), and until it has saved and
ended, nobody takes the lock over.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal

from ..core.asr.run_events import (
    END_EVENTS,
    EventLineError,
    RunEvent,
    RunFailed,
    RunFinished,
    RunNotice,
    RunProgress,
    RunStopped,
    SegmentDone,
    read_line,
    transkript_program,
    worker_arguments,
)
from ..core.asr.stage import TranscriptionRequest
from ..core.errors import EXIT_CANCELLED, EXIT_TERMINATED
from ..core.project.lock import HANDOVER_VARIABLE
from ..core.project.record import CANCELLED, COMPLETE
from ..core.project.transcript import clock_time
from .core_messages import core_message

FAILED = "failed"  # a run's outcome besides the project's own statuses (complete, cancelled)
_FINISHED, _STOPPED, _FAILED, _CRASHED = "finished", "stopped", "failed", "crashed"  # RunOutcome.ending
_STDERR_TAIL = 40  # lines of the worker's stderr kept, for the message when it fails


@dataclass
class TranscriptionJob:
    """One run of the ``transcribe`` command, as the transcription panel asks for it: the run itself
    (``core.transcription.TranscriptionRequest``, its options included) and what only the window adds."""

    request: TranscriptionRequest
    find_speakers: bool = False  # diarise after transcribing: who speaks when
    speakers: int | str | None = None  # how many (or "5-8") if known; None: 2 in an interview, else estimated
    lock_token: str | None = None  # the window's project lock, handed to the worker (not an argument)

    @property
    def resume(self) -> bool:
        return self.request.resume

    @property
    def download(self) -> bool:
        return self.request.download

    @property
    def model(self) -> str:
        return self.request.options.model

    def arguments(self) -> list[str]:
        """The CLI arguments, after the program (and ``-m transcribe_app``)."""
        return worker_arguments(self.request, find_speakers=self.find_speakers, speakers=self.speakers)


def worker_command(arguments: list[str]) -> tuple[str, list[str]]:
    """Program and arguments that run the CLI (``transkript_program``: this Python or the bundle)."""
    program, *before = transkript_program()
    return program, [*before, *arguments]


@dataclass
class RunOutcome:
    """How a run ended, in words for the researcher."""

    status: str  # complete | cancelled | failed
    message: str  # "" when complete
    exit_code: int | None
    segments: int  # segments reported during this run
    done: float | None  # seconds of the recording done, as last reported
    ending: str = ""  # finished, stopped, failed or crashed ("": it never started)
    details: str = ""  # why a failed run could not run, or a crashed worker's last message
    saved_until: float | None = None  # where the saved transcript ends, once the file was read


class TranscriptionWorker(QObject):
    """Runs one ``TranscriptionJob`` in a child process and reports what it says."""

    started = Signal()
    progress = Signal(object)  # core.run_events.RunProgress
    segment = Signal(object)  # core.transcript.Segment, as the project file stores it
    notice = Signal(str)
    finished = Signal(object)  # RunOutcome

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._process: QProcess | None = None
        self._buffer = b""
        self._stderr: list[str] = []
        self._end: RunEvent | None = None  # the run's last event: finished, stopped or error
        self._segments = 0
        self._done: float | None = None
        self._cancelling = False
        self._reported = False

    # -- control -----------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.state() != QProcess.ProcessState.NotRunning

    @property
    def process(self) -> QProcess | None:
        """The child process (tests and benchmarks look at it; the window does not)."""
        return self._process

    @property
    def cancelling(self) -> bool:
        return self._cancelling

    def start(self, job: TranscriptionJob) -> None:
        if self.running:
            raise RuntimeError("a transcription is already running")
        self._buffer, self._stderr, self._end = b"", [], None
        self._segments, self._done, self._cancelling, self._reported = 0, None, False, False
        process = QProcess(self)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        environment = QProcessEnvironment.systemEnvironment()
        environment.insert("PYTHONUNBUFFERED", "1")
        environment.remove(HANDOVER_VARIABLE)  # never a token this window did not give
        if job.lock_token:
            environment.insert(HANDOVER_VARIABLE, job.lock_token)
        process.setProcessEnvironment(environment)
        process.readyReadStandardOutput.connect(self._read_output)
        process.readyReadStandardError.connect(self._read_errors)
        process.finished.connect(self._on_finished)
        process.errorOccurred.connect(self._on_error)
        process.started.connect(self._on_started)
        self._process = process
        program, arguments = worker_command(job.arguments())
        process.start(program, arguments)

    def cancel(self) -> None:
        """Ask the worker to stop after the current segment; it saves and exits (status cancelled)."""
        if not self.running or self._cancelling:
            return
        self._cancelling = True
        self._process.write(b"cancel\n")
        self._process.closeWriteChannel()

    def stop_now(self) -> None:
        """Kill the worker at once (what was saved up to a few seconds ago stays)."""
        if self.running:
            self._process.kill()

    def wait(self, msecs: int) -> bool:
        """Block until the worker has ended (only for closing the window and for tests)."""
        if self._process is None:
            return True
        return self._process.waitForFinished(msecs) or not self.running

    # -- reading -----------------------------------------------------------------

    def _on_started(self) -> None:
        _lower_priority(self._process.processId())
        self.started.emit()

    def _read_output(self) -> None:
        self._buffer += bytes(self._process.readAllStandardOutput())
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            self._dispatch(line)

    def _dispatch(self, line: bytes) -> None:
        try:
            event = read_line(line)
        except EventLineError:
            return  # not a protocol line (a library that printed to stdout); ignore it
        if isinstance(event, SegmentDone):
            self._segments += 1
            self.segment.emit(event.segment)
        elif isinstance(event, RunProgress):
            self._done = event.done
            self.progress.emit(event)
        elif isinstance(event, RunNotice):
            self.notice.emit(event.message)
        elif isinstance(event, END_EVENTS):
            self._end = event

    def _read_errors(self) -> None:
        text = bytes(self._process.readAllStandardError()).decode("utf-8", errors="replace")
        self._stderr = (self._stderr + [line for line in text.splitlines() if line.strip()])[-_STDERR_TAIL:]

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._report(
                RunOutcome(
                    FAILED,
                    self.tr("The transcription could not be started ({reason}).").format(
                        reason=self._process.errorString()
                    ),
                    None,
                    0,
                    None,
                )
            )

    def _on_finished(self, exit_code: int, exit_status: QProcess.ExitStatus) -> None:
        self._read_output()
        if self._buffer.strip():
            self._dispatch(self._buffer)
            self._buffer = b""
        self._read_errors()
        crashed = exit_status == QProcess.ExitStatus.CrashExit
        self._report(self._outcome(None if crashed else exit_code))

    def _report(self, outcome: RunOutcome) -> None:
        if not self._reported:
            self._reported = True
            self.finished.emit(outcome)

    def _outcome(self, exit_code: int | None) -> RunOutcome:
        end, details = self._end, ""
        if exit_code == 0 and isinstance(end, RunFinished):
            status, ending = COMPLETE, _FINISHED
        elif isinstance(end, RunStopped) or exit_code in (EXIT_CANCELLED, EXIT_TERMINATED):
            status, ending = CANCELLED, _STOPPED
        elif isinstance(end, RunFailed):
            status, ending, details = FAILED, _FAILED, end.message
        else:
            status, ending = FAILED, _CRASHED
            if self._stderr and exit_code is not None:
                details = self._stderr[-1]
        outcome = RunOutcome(status, "", exit_code, self._segments, self._done, ending, details)
        return self._told(outcome, self._done)

    def told_from_file(self, outcome: RunOutcome, saved_until: float | None) -> RunOutcome:
        """``outcome`` as the project file tells it: the position named is ``saved_until``, where the
        saved transcript ends (None: nothing of this run was saved), not the one reported last — a
        killed worker reported segments it had not saved yet."""
        return replace(self._told(outcome, saved_until), saved_until=saved_until)

    def _told(self, outcome: RunOutcome, seconds: float | None) -> RunOutcome:
        where = "" if seconds is None else self.tr(" at {position}").format(position=clock_time(seconds))
        if outcome.ending == _STOPPED:
            text = self.tr(
                "The transcription was stopped{where}. What was done is saved; Resume continues from there."
            ).format(where=where)
        elif outcome.ending == _FAILED:
            reason = core_message(outcome.details)  # core's sentence in the window's language
            text = self.tr("The transcription could not run: {reason}").format(reason=reason)
        elif outcome.ending == _CRASHED:
            text = self.tr(
                "The transcription stopped unexpectedly: the transcribing process ended before it had "
                "finished{where}. What it had done is saved (it saves every few seconds), "
                "and Resume continues from there."
            ).format(where=where)
            if outcome.details:
                text += " " + self.tr("Its last message: {details}").format(details=outcome.details)
        else:  # finished, or never started: nothing to tell of a position
            return outcome
        return replace(outcome, message=text)


def _lower_priority(pid: int) -> None:
    """Let the window win the processor over the worker, so it stays quick to respond (POSIX)."""
    if pid and hasattr(os, "setpriority"):
        try:
            os.setpriority(os.PRIO_PROCESS, pid, 10)
        except OSError:
            pass
