"""What a transcription run reports, line by line: the protocol between the worker and the window.

The desktop window never runs Whisper itself: it starts ``transcribe … --progress-jsonl`` (the
command line is ``worker_arguments``) and reads what the command writes on standard output, one
JSON object per line. Both ends use the records here, so that a field cannot be written under
one name and read under another:

    {"event": "started", "protocol": 1, "audio": PATH, "project": PATH, "resume": false}
    {"event": "notice", "message": TEXT}
    {"event": "segment", "id": 0, "start": 0.0, "end": 4.2, "text": " ...", "speaker": null,
     "words": [{"text": " Hej", "start": 0.0, "end": 0.4, "probability": 0.93, "speaker": null}],
     "avg_logprob": -0.2, "no_speech_prob": 0.01}                 (the segment as the project stores it)
    {"event": "progress", "fraction": 0.42, "done": 252.0, "total": 600.0, "elapsed": 61.3,
     "eta": 84.6, "segments": 17}                       (seconds; eta null until it can be told)
    {"event": "finished", "status": "complete", "segments": 120, "project": PATH}     exit 0
    {"event": "stopped", "status": "cancelled", "message": TEXT}          exit 130 (143 after SIGTERM)
    {"event": "error", "message": TEXT, "exit_code": 2}                               exit 2 or 3

``read_line`` turns a line back into its record and checks every field; a line that is not one
(a library that printed to standard output, a damaged line) is an ``EventLineError`` whose
message says what is wrong, never an exception of another kind.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from ..errors import TranskriptError
from ..project import fieldcheck as fc
from ..project.record import CANCELLED, COMPLETE
from ..project.transcript import MAX_SECONDS, Segment

if TYPE_CHECKING:
    from .stage import TranscriptionRequest

PROTOCOL_VERSION = 1  # raise it when a line changes in a way an older window would misread


class EventLineError(TranskriptError):
    """A line of the worker's output that is not a run event; ``str()`` says why."""


@dataclass(frozen=True)
class RunStarted:
    """The worker has begun (before the model is loaded)."""

    EVENT: ClassVar[str] = "started"
    audio: str
    project: str
    resume: bool
    protocol: int = PROTOCOL_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "event": self.EVENT,
            "protocol": self.protocol,
            "audio": self.audio,
            "project": self.project,
            "resume": self.resume,
        }

    @classmethod
    def from_fields(cls, fields: fc.Fields) -> RunStarted:
        protocol = fields.integer("protocol")
        if protocol != PROTOCOL_VERSION:
            raise fc.FieldError(
                fields.at("protocol"),
                f"{PROTOCOL_VERSION}, the version this program reads",
                found=f"it is {protocol}: the transcribing program is of another version",
            )
        return cls(
            audio=fields.text("audio", null_is_empty=False),
            project=fields.text("project", null_is_empty=False),
            resume=fields.boolean("resume"),
            protocol=protocol,
        )


@dataclass(frozen=True)
class RunNotice:
    """Something the researcher should know while the run goes on (CUDA fell back to the CPU…)."""

    EVENT: ClassVar[str] = "notice"
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"event": self.EVENT, "message": self.message}

    @classmethod
    def from_fields(cls, fields: fc.Fields) -> RunNotice:
        return cls(fields.text("message"))


@dataclass(frozen=True)
class SegmentDone:
    """A segment decoded (and saved within a few seconds), as the project file stores it."""

    EVENT: ClassVar[str] = "segment"
    segment: Segment

    def to_dict(self) -> dict[str, Any]:
        return {"event": self.EVENT, **self.segment.to_dict()}

    @classmethod
    def from_fields(cls, fields: fc.Fields) -> SegmentDone:
        return cls(Segment.from_fields(fields))


@dataclass(frozen=True)
class RunProgress:
    """How far the run is: ``fraction`` of the recording, seconds ``done`` of ``total``, an ``eta``."""

    EVENT: ClassVar[str] = "progress"
    fraction: float
    done: float
    total: float
    elapsed: float
    eta: float | None  # None until it can be told
    segments: int

    @classmethod
    def of(cls, progress: Any) -> RunProgress:
        """The event for ``core.transcription.Progress``, rounded as it is written."""
        return cls(
            fraction=round(progress.fraction, 4),
            done=round(progress.audio_done, 2),
            total=round(progress.duration, 2),
            elapsed=round(progress.elapsed, 2),
            eta=None if progress.eta is None else round(progress.eta, 1),
            segments=progress.segments,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "event": self.EVENT,
            "fraction": self.fraction,
            "done": self.done,
            "total": self.total,
            "elapsed": self.elapsed,
            "eta": self.eta,
            "segments": self.segments,
        }

    @classmethod
    def from_fields(cls, fields: fc.Fields) -> RunProgress:
        seconds = {"minimum": 0, "maximum": MAX_SECONDS}
        return cls(
            fraction=float(fields.number("fraction", minimum=0, maximum=1)),
            done=float(fields.number("done", **seconds)),
            total=float(fields.number("total", **seconds)),
            elapsed=float(fields.number("elapsed", minimum=0)),
            eta=_optional_float(fields.optional_number("eta", minimum=0)),
            segments=fields.integer("segments", minimum=0),
        )


@dataclass(frozen=True)
class RunFinished:
    """The whole recording is transcribed and saved (exit 0)."""

    EVENT: ClassVar[str] = "finished"
    segments: int
    project: str

    def to_dict(self) -> dict[str, Any]:
        return {"event": self.EVENT, "status": COMPLETE, "segments": self.segments, "project": self.project}

    @classmethod
    def from_fields(cls, fields: fc.Fields) -> RunFinished:
        fields.one_of("status", (COMPLETE,))
        return cls(fields.integer("segments", minimum=0), fields.text("project", null_is_empty=False))


@dataclass(frozen=True)
class RunStopped:
    """The run was stopped (a cancel, Ctrl+C, SIGTERM); what was done is saved and can be resumed."""

    EVENT: ClassVar[str] = "stopped"
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"event": self.EVENT, "status": CANCELLED, "message": self.message}

    @classmethod
    def from_fields(cls, fields: fc.Fields) -> RunStopped:
        fields.one_of("status", (CANCELLED,))
        return cls(fields.text("message"))


@dataclass(frozen=True)
class RunFailed:
    """The run could not go on: ``message`` for the researcher, and the command's ``exit_code``."""

    EVENT: ClassVar[str] = "error"
    message: str
    exit_code: int

    def to_dict(self) -> dict[str, Any]:
        return {"event": self.EVENT, "message": self.message, "exit_code": self.exit_code}

    @classmethod
    def from_fields(cls, fields: fc.Fields) -> RunFailed:
        return cls(fields.text("message"), fields.integer("exit_code", minimum=0, maximum=255))


RunEvent = RunStarted | RunNotice | SegmentDone | RunProgress | RunFinished | RunStopped | RunFailed
EVENT_TYPES: tuple[type, ...] = (
    RunStarted, RunNotice, SegmentDone, RunProgress, RunFinished, RunStopped, RunFailed,
)  # fmt: skip
END_EVENTS: tuple[type, ...] = (RunFinished, RunStopped, RunFailed)  # one of them is the last line of a run
_BY_NAME: dict[str, type] = {event.EVENT: event for event in EVENT_TYPES}


def to_line(event: RunEvent) -> str:
    """The event as one line of JSON (ASCII only, whatever the console), without the newline."""
    return json.dumps(event.to_dict())


def read_line(line: str | bytes) -> RunEvent:
    """The event one line of the worker's output holds; ``EventLineError`` saying why if it holds none."""
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError:
            raise EventLineError("The line is not UTF-8 text, so it is no run event.") from None
    try:
        data = json.loads(line)
    except (ValueError, RecursionError):  # RecursionError: brackets nested thousands deep
        raise EventLineError("The line is not JSON, so it is no run event.") from None
    if not isinstance(data, Mapping):
        raise EventLineError(f"The line is {fc.describe(data)}, not a record, so it is no run event.")
    name = data.get("event")
    kind = _BY_NAME.get(name) if isinstance(name, str) else None
    if kind is None:
        known = ", ".join(_BY_NAME)
        raise EventLineError(f"The line names no known run event (“event” must be one of: {known}).")
    try:
        fc.check_depth(data, f"the {name} event")
        return kind.from_fields(fc.Fields(data, f"the {name} event"))
    except fc.FieldError as error:
        raise EventLineError(f"A damaged run event: {error}") from None


def worker_arguments(
    request: TranscriptionRequest, *, find_speakers: bool = False, speakers: int | str | None = None
) -> list[str]:
    """The ``transcribe`` command line (after the program) that runs ``request`` reporting these events.

    Every option comes from ``request.options`` and the request itself, so that what the window
    asks for is what the command does. A resumed run passes no options: the command continues
    with the ones the project recorded when the run began. ``find_speakers``: diarise after the
    words (``speakers``: how many, if known; a count or a range, ``5-8``). The options the command
    line has no flag for (temperature, conditioning on previous text) must be left at their defaults.
    """
    options = request.options
    args = ["transcribe", str(request.audio_path), "-o", str(request.project_path), "--progress-jsonl"]
    if find_speakers:
        args.append("--diarise")
        if speakers:
            args += ["--speakers", str(speakers)]
    if request.resume:
        return [*args, "--resume"]
    args += ["--backend", request.backend, "--model", options.model, "--device", options.device]
    args += ["--language", options.language or "auto", "--kind", request.kind]
    args += ["--beam-size", str(options.beam_size)]
    if options.compute_type:
        args += ["--compute-type", options.compute_type]
    if request.title:
        args += ["--title", request.title]
    if request.level:
        args += ["--level", request.level]
    if options.initial_prompt and options.initial_prompt.strip():
        args += ["--prompt", options.initial_prompt.strip()]
    args.append("--verbatim-prompt" if options.verbatim_prompt else "--no-verbatim-prompt")
    if options.timing != "tokens":  # tokens: the command takes what the catalogue says of the model
        args += ["--timing", options.timing]
    if options.batch_size:
        args += ["--batch-size", str(options.batch_size)]
    if request.overwrite:
        args.append("--overwrite")
    if request.download:
        args.append("--download")
    return args


def _optional_float(value: float | None) -> float | None:
    return None if value is None else float(value)


def transkript_program() -> list[str]:
    """The command that runs ``transcribe-app`` in a child process: this Python with ``-m``, or the bundle.

    A Windows bundle has a console twin, ``transkript-cli.exe``, beside the windowed program (whose
    standard output a windowed process may not have): the child runs that one when it is there.
    """
    if getattr(sys, "frozen", False):
        program = Path(sys.executable)
        console = program.with_name("transkript-cli" + program.suffix)
        return [str(console if console.is_file() else program)]
    return [sys.executable, "-m", "transcribe_app"]
