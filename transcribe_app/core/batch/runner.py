"""Transcribe the interviews of a batch: each one not yet complete, N at a time, safe to kill and rerun.

For each interview, in order:

    take the project's lock → read the project → skip it (complete, or made from a typed
    transcript), resume it (interrupted) or start it (no project yet) → run
    ``transcribe … --progress-jsonl`` in a child process under that lock → give the lock back

The child is the same command the window runs (``core/asr/run_events.py`` is the protocol),
so a batch transcribes exactly as ``transcribe-app transcribe`` does, resumes exactly as
``--resume`` does, and a crash of one recording's decoder ends only that child. The batch
holds each project's lock while its child writes (the child inherits it, ``HANDOVER_VARIABLE``),
so two batches over one folder never transcribe the same project at once: the second finds
it locked and leaves it to the first. The decision to skip or resume is made under the lock,
from the file, so nothing is done twice and nothing is left out when a batch is killed and
run again: a killed batch's children see their standard input close and stop cleanly, saving
what they did; a SIGKILLed child leaves its last save, which the next run resumes.

Stopping: ``stop()`` stops every running transcription (each saves and can be resumed) and
starts no more; ``stop_after_current()`` lets the running ones finish and starts no more.
"""

from __future__ import annotations

import collections
import dataclasses
import logging
import os
import queue
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..asr import DEFAULT_BACKEND, TranscriptionOptions
from ..asr.run_events import (
    EventLineError,
    RunFailed,
    RunNotice,
    RunProgress,
    RunStopped,
    read_line,
    transkript_program,
    worker_arguments,
)
from ..errors import EXIT_CANCELLED, EXIT_TERMINATED, TranskriptError
from ..project.lock import HANDOVER_VARIABLE, NOT_POSSIBLE, TRANSCRIBING, ProjectLock, ProjectLockedError
from ..project.record import COMPLETE
from .discovery import Interview

log = logging.getLogger(__name__)

# How an interview ended in this batch.
TRANSCRIBED = "transcribed"  # from the start, now complete
RESUMED = "resumed"  # an interrupted transcription, now complete
SPEAKERS = "speakers"  # its words were complete; this run found its speakers
SKIPPED = "skipped"  # nothing to do: complete already, or made from a typed transcript
BUSY = "busy"  # another batch, command or window is writing it now
FAILED = "failed"
STOPPED = "stopped"  # stopped by the researcher; what was done is saved
DONE = (TRANSCRIBED, RESUMED, SPEAKERS)
# Each, as the summary counts it ("2 transcribed, 1 already done").
IN_WORDS = {
    TRANSCRIBED: "transcribed",
    RESUMED: "resumed and finished",
    SPEAKERS: "with speakers found",
    SKIPPED: "already done",
    BUSY: "being written by another run",
    STOPPED: "stopped (saved; run the batch again to go on)",
    FAILED: "failed",
}


@dataclass(frozen=True)
class BatchSettings:
    """How every interview of the batch is transcribed (an interrupted one continues with its own)."""

    options: TranscriptionOptions = dataclasses.field(default_factory=TranscriptionOptions)
    backend: str = DEFAULT_BACKEND
    kind: str = "elite"
    level: str | None = None
    download: bool = False
    diarise: bool = False
    speakers: int | str | None = None  # a count, or a range as --speakers takes it ("5-8")
    diariser: str | None = None
    pyannote_pipeline: str | None = None
    voice_threshold: float | None = None  # the study's enrolled voices (core/voices): as `transcribe`
    use_voices: bool = True

    def arguments(self, audio: Path, project: Path, resume: bool) -> list[str]:
        """The ``transcribe`` command line for one interview (after the program)."""
        from ..asr.stage import TranscriptionRequest

        request = TranscriptionRequest(
            audio_path=audio,
            project_path=project,
            options=self.options,
            backend=self.backend,
            kind=self.kind,
            resume=resume,
            download=self.download,
            level=self.level,
        )
        args = worker_arguments(request, find_speakers=self.diarise, speakers=self.speakers)
        if self.diarise and self.diariser:
            args += ["--diariser", self.diariser]
        if self.diarise and self.pyannote_pipeline:
            args += ["--pyannote-pipeline", str(self.pyannote_pipeline)]
        if self.diarise and self.voice_threshold is not None:
            args += ["--voice-threshold", str(self.voice_threshold)]
        if self.diarise and not self.use_voices:
            args.append("--no-voices")
        if resume and self.download:
            args.append("--download")
        return args

    def option_arguments(self) -> list[str]:
        """The transcription options alone, as ``batch`` takes them (for a Slurm job's command)."""
        return self.arguments(Path("AUDIO"), Path("PROJECT"), resume=False)[5:]


@dataclass
class InterviewOutcome:
    """What the batch did with one interview; ``message`` is a sentence when it did not go as planned."""

    interview: Interview
    result: str
    message: str = ""
    exit_code: int = 0
    segments: int = 0


@dataclass(frozen=True)
class BatchProgress:
    """How far the whole batch is (seconds of recording), for a progress bar with an ETA."""

    interviews_done: int  # ended one way or another
    interviews: int
    seconds_done: float
    seconds_total: float  # the known lengths, and an estimate for those not yet known
    elapsed: float
    eta: float | None  # seconds; None until it can be told
    running: tuple[str, ...]  # the interviews being transcribed now


@dataclass
class BatchSummary:
    """Every interview's outcome, and whether the batch was stopped before the end."""

    outcomes: list[InterviewOutcome]
    stopped: bool = False

    def of(self, *results: str) -> list[InterviewOutcome]:
        return [o for o in self.outcomes if o.result in results]

    @property
    def exit_code(self) -> int:
        """0 when every interview is done (or left to another run); else the failures' common code, or 1."""
        codes = {o.exit_code or 1 for o in self.of(FAILED)}
        if not codes:
            return 0
        return codes.pop() if len(codes) == 1 else 1

    def sentences(self) -> list[str]:
        """The summary for the researcher: counts first, then one line per interview that needs a look."""
        total = len(self.outcomes)
        parts = []
        for result, words in IN_WORDS.items():
            count = len(self.of(result))
            if count:
                parts.append(f"{count} {words}")
        noun = "interview" if total == 1 else "interviews"
        lines = [f"Batch of {total} {noun}: {', '.join(parts) or 'nothing done'}."]
        if self.stopped and not self.of(STOPPED):
            lines.append("The batch was stopped before every interview was started; run it again to go on.")
        for outcome in self.of(FAILED):
            lines.append(f"  Failed: “{outcome.interview.name}”: {outcome.message}")
        for outcome in self.of(BUSY):
            lines.append(f"  Left to the other run: {outcome.message}")
        if self.of(FAILED):
            lines.append(
                "The others were transcribed; correct what the lines above say and run the batch again "
                "(finished interviews are skipped)."
            )
        return lines


@dataclass
class _Plan:
    """What an interview needs, decided under its lock from the project file."""

    recording: Path | None = None
    resume: bool = False
    words_done: bool = False  # only the speakers are left
    seconds_before: float = 0.0  # saved by an earlier run
    duration: float | None = None
    outcome: InterviewOutcome | None = None  # decided without a run


class BatchRun:
    """One batch: ``run()`` transcribes the interviews and returns the summary (see the module)."""

    def __init__(
        self,
        interviews: Sequence[Interview],
        settings: BatchSettings,
        *,
        jobs: int = 1,
        on_progress: Callable[[BatchProgress], None] | None = None,
        on_outcome: Callable[[InterviewOutcome], None] | None = None,
        on_notice: Callable[[str], None] | None = None,
        program: Sequence[str] | None = None,
    ):
        if jobs < 1:
            raise TranskriptError(f"--jobs must be 1 or more, not {jobs}.")
        self.interviews = list(interviews)
        self.settings = settings
        self.jobs = jobs
        self._on_progress = on_progress or (lambda progress: None)
        self._on_outcome = on_outcome or (lambda outcome: None)
        self._notice = on_notice or (lambda message: log.info("%s", message))
        self._program = list(program or transkript_program())
        self._stop = threading.Event()
        self._stop_between = threading.Event()
        self._wake: queue.Queue = queue.Queue()

    def stop(self) -> None:
        """Stop now: every running transcription saves what it has and ends; none is started."""
        self._stop.set()
        self._wake.put(None)

    def stop_after_current(self) -> None:
        """Let the running transcriptions finish; start no more."""
        self._stop_between.set()
        self._wake.put(None)

    def run(self) -> BatchSummary:
        lengths = _Lengths(self.interviews)
        waiting = list(range(len(self.interviews)))
        running: dict[int, _Child] = {}
        outcomes: dict[int, InterviewOutcome] = {}

        def finish(index: int, outcome: InterviewOutcome) -> None:
            outcomes[index] = outcome
            self._on_outcome(outcome)

        def report() -> None:
            self._on_progress(lengths.progress(len(outcomes), [c.interview.name for c in running.values()]))

        report()
        while waiting or running:
            while waiting and len(running) < self.jobs and not self._stopping:
                index = waiting.pop(0)
                child = self._start(self.interviews[index], lengths, index)
                if isinstance(child, InterviewOutcome):
                    lengths.settle(index, child)
                    finish(index, child)
                else:
                    running[index] = child
                report()
            if not running:
                break
            if self._stop.is_set():
                for child in running.values():
                    child.cancel()
            try:
                item = self._wake.get(timeout=1.0)
            except queue.Empty:
                continue
            if item is None:
                continue
            index, event = item
            child = running.get(index)
            if child is None:
                continue
            if event is _ENDED:
                del running[index]
                outcome = child.outcome()
                lengths.settle(index, outcome)
                finish(index, outcome)
            elif isinstance(event, RunProgress):
                lengths.update(index, event)
            elif isinstance(event, RunNotice):  # CUDA fell back to the CPU, a damaged end of a file…
                self._notice(f"{child.interview.name}: {event.message}")
            report()
        stopped = self._stopping and bool(waiting)
        for index in waiting:  # never started: they stay as they are
            outcomes[index] = InterviewOutcome(self.interviews[index], STOPPED, "not started")
        if self._stop.is_set():
            stopped = True
        return BatchSummary([outcomes[i] for i in range(len(self.interviews))], stopped=stopped)

    @property
    def _stopping(self) -> bool:
        return self._stop.is_set() or self._stop_between.is_set()

    def _start(self, interview: Interview, lengths: _Lengths, index: int) -> _Child | InterviewOutcome:
        """Take the interview's lock, decide what it needs and start its child; or say why not."""
        if interview.problem:
            return InterviewOutcome(interview, FAILED, interview.problem, exit_code=2)
        lock = ProjectLock(interview.project_path, TRANSCRIBING, on_notice=self._notice)
        try:
            taken = lock.acquire()
        except ProjectLockedError as error:
            return InterviewOutcome(interview, BUSY, str(error))
        except TranskriptError as error:
            return InterviewOutcome(interview, FAILED, str(error), exit_code=error.exit_code)
        try:
            plan = _plan(interview, self.settings)
            lengths.begin(index, plan)
            if plan.outcome is not None:
                lock.release()
                return plan.outcome
            lengths.working()
            args = self.settings.arguments(plan.recording, interview.project_path, plan.resume)
            token = lock.token if taken != NOT_POSSIBLE else None
            child = _Child(index, interview, plan, lock, [*self._program, *args], token, self._wake)
        except BaseException:
            lock.release()
            raise
        lock.describe_as(TRANSCRIBING, helper_pid=child.pid)
        return child


def _plan(interview: Interview, settings: BatchSettings) -> _Plan:
    """Skip, resume or start: read from the project file as it is now (under the lock)."""
    from ..project.file import load_project

    path = interview.project_path
    if not path.exists():
        if interview.recording is None:
            return _Plan(outcome=InterviewOutcome(interview, FAILED, f"“{path.name}” does not exist.", 2))
        return _Plan(recording=interview.recording, duration=_recording_length(interview.recording))
    try:
        project = load_project(path)
    except TranskriptError as error:
        return _Plan(outcome=InterviewOutcome(interview, FAILED, str(error), error.exit_code))
    run = project.transcription
    waiting = project.audio_file(path) if project.source == "audio" and not project.segments else None
    if run is None and waiting is not None:
        # Made for its recording and waiting (File → New project, ``study add``): transcribed into
        # as it is, keeping its title, kind, appendix and roster (core/asr/stage.py).
        return _Plan(recording=waiting, duration=project.audio.duration or _recording_length(waiting))
    if run is None:
        message = f"“{path.name}” was made from a typed transcript; there is no recording to transcribe."
        return _Plan(outcome=InterviewOutcome(interview, SKIPPED, message))
    complete = run.status == COMPLETE
    if complete and (not settings.diarise or project.diarisation is not None):
        skipped = InterviewOutcome(interview, SKIPPED, segments=len(project.segments))
        length = project.audio.duration or 0.0
        return _Plan(outcome=skipped, duration=length, seconds_before=length)
    recording = project.audio_file(path) or interview.recording
    if recording is None:
        message = f"“{path.name}” does not say which recording it was made from, so it cannot be resumed."
        return _Plan(outcome=InterviewOutcome(interview, FAILED, message, 2))
    duration = project.audio.duration
    return _Plan(
        recording=recording,
        resume=True,
        words_done=complete,
        seconds_before=duration if complete and duration else run.transcribed_until,
        duration=duration,
    )


def _recording_length(path: Path) -> float | None:
    """The recording's length from its header (None when it cannot be told): for the batch's ETA only."""
    try:
        import av

        with av.open(str(path)) as container:
            if container.duration:
                return container.duration / 1_000_000
    except Exception:  # noqa: BLE001 - a file the child will report on properly; here only the ETA suffers
        return None
    return None


class _Lengths:
    """Seconds of recording done and in all, and the pace of this batch, for the ETA."""

    def __init__(self, interviews: Sequence[Interview]):
        self.count = len(interviews)
        self.total: dict[int, float | None] = dict.fromkeys(range(self.count))
        self.done: dict[int, float] = dict.fromkeys(range(self.count), 0.0)
        self.before: dict[int, float] = dict.fromkeys(range(self.count), 0.0)
        self.started = time.monotonic()
        self.first_work: float | None = None

    def begin(self, index: int, plan: _Plan) -> None:
        self.total[index] = plan.duration
        self.done[index] = self.before[index] = plan.seconds_before

    def working(self) -> None:
        """A transcription starts: the pace is counted from the first one."""
        if self.first_work is None:
            self.first_work = time.monotonic()

    def update(self, index: int, event: RunProgress) -> None:
        self.total[index] = event.total
        self.done[index] = max(self.done[index], event.done)

    def settle(self, index: int, outcome: InterviewOutcome) -> None:
        if outcome.result in DONE or outcome.result == SKIPPED:
            length = self.total[index] or self.done[index]
            self.total[index] = self.done[index] = length
        elif outcome.result in (FAILED, BUSY):
            self.total[index] = self.done[index] = self.before[index] = 0.0  # not this batch's work

    def progress(self, ended: int, running: list[str]) -> BatchProgress:
        now = time.monotonic()
        known = [t for t in self.total.values() if t]
        unknown = sum(1 for t in self.total.values() if t is None)
        guess = (sum(known) / len(known)) if known else 0.0
        total = sum(known) + unknown * guess
        done = sum(self.done.values())
        worked = done - sum(self.before.values())
        eta = None
        if self.first_work is not None and worked > 0 and (known or not unknown):
            eta = (now - self.first_work) / worked * max(0.0, total - done)
        return BatchProgress(
            ended, self.count, done, max(total, done), now - self.started, eta, tuple(running)
        )


_ENDED = object()  # put on the queue when a child's output has ended


class _Child:
    """One interview's ``transcribe --progress-jsonl`` child, read by two threads."""

    def __init__(self, index, interview, plan, lock, command, token, wake: queue.Queue):
        self.index, self.interview, self.plan, self.lock = index, interview, plan, lock
        self._wake = wake
        self._end = None  # the child's last event: finished, stopped or error
        self._segments = 0
        self._errors: collections.deque[str] = collections.deque(maxlen=5)
        self._cancelled = False
        environment = {key: value for key, value in os.environ.items() if key != HANDOVER_VARIABLE}
        environment["PYTHONUNBUFFERED"] = "1"
        if token:
            environment[HANDOVER_VARIABLE] = token
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=environment,
        )
        self.pid = self.process.pid
        self._stderr = threading.Thread(target=self._read_errors, daemon=True)
        self._stderr.start()
        threading.Thread(target=self._read_events, daemon=True).start()

    def cancel(self) -> None:
        """Ask the child to stop after its current segment (it saves, then ends with status cancelled)."""
        if self._cancelled:
            return
        self._cancelled = True
        try:
            self.process.stdin.write(b"cancel\n")
            self.process.stdin.close()
        except (OSError, ValueError):
            pass

    def _read_events(self) -> None:
        for line in self.process.stdout:
            try:
                event = read_line(line)
            except EventLineError:
                continue  # a library that printed on standard output
            if event.EVENT == "segment":
                self._segments += 1
            elif event.EVENT in ("finished", "stopped", "error"):
                self._end = event
            self._wake.put((self.index, event))
        self.process.wait()
        self._stderr.join(timeout=5)
        self._wake.put((self.index, _ENDED))

    def _read_errors(self) -> None:
        # Progress bars and sentences; never transcript text (the CLI prints none there).
        for raw in self.process.stderr:
            text = raw.decode("utf-8", "replace").strip().split("\r")[-1].strip()
            if text:
                self._errors.append(text)

    def outcome(self) -> InterviewOutcome:
        """How the child ended, in words; its lock is given back here."""
        self.lock.release()
        try:
            self.process.stdin.close()
        except (OSError, ValueError):
            pass
        code = self.process.returncode
        interview = self.interview
        if code == 0:
            result = SPEAKERS if self.plan.words_done else RESUMED if self.plan.resume else TRANSCRIBED
            return InterviewOutcome(interview, result, segments=self._segments)
        if isinstance(self._end, RunStopped) or code in (EXIT_CANCELLED, EXIT_TERMINATED):
            message = (
                self._end.message if isinstance(self._end, RunStopped) else "stopped; what was done is saved"
            )
            return InterviewOutcome(interview, STOPPED, message, exit_code=code)
        if isinstance(self._end, RunFailed):
            return InterviewOutcome(interview, FAILED, self._end.message, exit_code=self._end.exit_code)
        last = next((line for line in reversed(self._errors) if not line.startswith("Note:")), "")
        said = last.removeprefix("transcribe-app: ").strip()
        if code < 0:
            said = (
                f"its transcription was ended by signal {-code}; what was saved is kept (run the batch again)"
            )
        return InterviewOutcome(
            interview,
            FAILED,
            said or f"its transcription ended with exit status {code}.",
            exit_code=1 if code < 0 else code,
        )
