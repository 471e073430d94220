"""The transcription pipeline: recording → Whisper → project file, saved as it goes.

    check the project → find the model → decode the audio → load the model
      → stream segments, saving every few seconds → mark complete

Everything that can fail on the user's input (an unknown language or compute
type, a missing model, a bad recording) fails *before* an existing project
file is touched; the first save keeps the project as it was before the run as
``.bak``, and no later save of the run touches that ``.bak``. While
decoding, the project on disk always holds every segment older than
``save_interval`` seconds, so a crash or a cancel at 80 % keeps the 80 %,
and ``resume=True`` continues from the last saved segment.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ... import __version__
from ..cleanup import check_level
from ..errors import BadInputError, Cancelled, TranskriptError
from ..project.file import ProjectWriter, load_project
from ..project.recognised import RecognisedText
from ..project.record import CANCELLED, COMPLETE, IN_PROGRESS, Metadata, Project, TranscriptionRun
from ..project.transcript import Segment, clock_time
from ..text_form import normalised_segments
from . import DEFAULT_BACKEND, TranscriptionOptions, load_backend
from .models import resolve_model
from .verbatim_fillers import merge_fillers

log = logging.getLogger(__name__)


@dataclass
class Progress:
    """How far a transcription is, for a progress bar (all times in seconds)."""

    fraction: float  # 0..1 of the recording
    audio_done: float
    duration: float
    elapsed: float
    eta: float | None  # None until it can be estimated
    segments: int


@dataclass
class TranscriptionRequest:
    """Everything one run needs besides the callbacks."""

    audio_path: Path
    project_path: Path
    options: TranscriptionOptions = dataclasses.field(default_factory=TranscriptionOptions)
    backend: str = DEFAULT_BACKEND
    kind: str = "elite"
    title: str | None = None
    resume: bool = False
    overwrite: bool = False
    download: bool = False
    save_interval: float = 5.0
    level: str | None = None  # cleanup level to store in a new project (verbatim, clean, strict)


def transcribe_recording(
    request: TranscriptionRequest,
    *,
    on_progress: Callable[[Progress], None] | None = None,
    on_segment: Callable[[Segment], None] | None = None,
    on_notice: Callable[[str], None] | None = None,
    cancel: threading.Event | None = None,
) -> Project:
    """Transcribe ``request.audio_path`` into the project at ``request.project_path``.

    Raises ``Cancelled`` (after saving what was done) when ``cancel`` is set.
    """
    notify = on_notice or (lambda message: log.info("%s", message))
    request.options.check()  # a mistyped option fails here, before any file is touched
    if request.level:
        check_level(request.level)
    project = _existing_project(request)
    if project is not None and project.transcription is not None:
        if project.transcription.status == COMPLETE:
            notify("This transcription is already complete; nothing to resume.")
            return project
        # Continue exactly as it was started: the same backend, model and options.
        request = dataclasses.replace(
            request,
            backend=project.transcription.backend,
            options=TranscriptionOptions.from_dict(project.transcription.options).check(),
        )

    # Everything that can fail on the user's input happens before the project is written.
    model = resolve_model(request.backend, request.options.model, download=request.download)
    # NumPy and PyAV load with the first recording, not with the window that imports this module.
    from .audio import decode_audio, file_sha256, is_silent

    audio = decode_audio(request.audio_path)
    for warning in audio.warnings:
        notify(warning)
    sha256 = file_sha256(request.audio_path)
    if project is not None and project.audio.sha256 not in (None, sha256):
        raise BadInputError(
            f"“{request.audio_path.name}” is not the recording this project was made from "
            "(its contents differ); choose the original recording to resume."
        )
    backend, loaded = load_backend(request.backend, model, request.options)
    for message in loaded.notices:
        notify(message)

    if project is None:
        project = _new_project(request, sha256, audio.duration)
    elif project.transcription is None:  # a project made for the recording, waiting: it keeps its parts
        project.audio.sha256, project.audio.duration = sha256, audio.duration
        if request.level and project.cleanup_level is None:
            project.cleanup_level = check_level(request.level)
    run = _start_run(project, request, model, loaded)
    # The first save keeps the project as it was before this run as .bak; no later one touches it.
    writer = ProjectWriter(request.project_path)
    writer.save(project)
    silent = is_silent(audio.samples)
    if silent:
        # Whisper invents sentences in pure silence; there is nothing to transcribe.
        notify("The recording is silent (no sound above -60 dBFS); the transcript is empty.")
        segments: Iterator[Segment] = iter(())
    else:
        # The words always come from an unprompted pass; fillers are a second pass (below).
        words_options = dataclasses.replace(request.options, verbatim_prompt=False)
        # A resume listens from where Whisper's window of the last saved segment began and
        # keeps only the words after the saved ones (``_resume_point``); a fresh run starts at 0.
        listen_from, keep_after = _resume_point(project)
        segments = backend.transcribe(audio.samples, words_options, start_at=listen_from, cancel=cancel)
        if keep_after > 0:
            segments = _words_after(segments, keep_after)
    _collect(normalised_segments(segments, notify), project, request, writer, on_progress, on_segment, cancel)
    if request.options.verbatim_prompt and not silent and not (cancel is not None and cancel.is_set()):
        run.transcribed_until = audio.duration  # the words are done; a resume redoes only the fillers
        writer.save(project)
        notify("Listening once more for fillers (øh, øhm) for the verbatim transcript…")
        prompted = list(
            normalised_segments(backend.transcribe(audio.samples, request.options, cancel=cancel), notify)
        )
        if not (cancel is not None and cancel.is_set()):
            project.segments, run.verbatim_fillers = merge_fillers(project.segments, prompted)
            if project.recognised is not None and not project.edits:
                project.recognised = RecognisedText.of(project.segments)  # the fillers are Whisper's too

    if cancel is not None and cancel.is_set():
        run.status = CANCELLED
        writer.save(project)
        raise Cancelled(
            f"Transcription stopped at {clock_time(run.transcribed_until)} of {clock_time(audio.duration)}; "
            "what was done is saved. Resume it with --resume."
        )
    run.status, run.transcribed_until, run.finished_at = COMPLETE, audio.duration, _now()
    writer.save(project)
    return project


def _start_run(project: Project, request: TranscriptionRequest, model, loaded) -> TranscriptionRun:
    """The provenance record of this run (continued, on resume)."""
    run = project.transcription or TranscriptionRun(
        backend=loaded.backend,
        model={"name": model.name, "path": model.path, "source": model.source},
        options=request.options.to_dict(),
        started_at=_now(),
    )
    run.device, run.compute_type = loaded.device, loaded.compute_type
    run.library_version, run.app_version = loaded.library_version, __version__
    run.status, run.notices = IN_PROGRESS, run.notices + loaded.notices
    project.transcription = run
    return run


def _collect(
    segments: Iterator[Segment],
    project: Project,
    request: TranscriptionRequest,
    writer: ProjectWriter,
    on_progress: Callable[[Progress], None] | None,
    on_segment: Callable[[Segment], None] | None,
    cancel: threading.Event | None,
) -> None:
    """Append segments to the project as they come, saving every few seconds."""
    run = project.transcription
    duration = project.audio.duration or 0.0
    clock = _ProgressClock(run.transcribed_until, duration)
    saver = _PeriodicSaver(project, writer, request.save_interval)
    if project.recognised is None and not project.edits:
        # A new run, or one begun before Whisper's own words were kept and not corrected since: the
        # saved segments are still what Whisper wrote. (Corrected ones are not: then none is kept.)
        project.recognised = RecognisedText.of(project.segments)
    try:
        for segment in segments:
            segment.id = len(project.segments)
            project.segments.append(segment)
            if project.recognised is not None:
                project.recognised.extend([segment])
            run.transcribed_until = max(run.transcribed_until, segment.end or 0.0)
            if segment.window_start is not None:
                run.window_start = segment.window_start
            saver.maybe_save()
            if on_segment:
                on_segment(segment)
            if on_progress:
                on_progress(clock.progress(run.transcribed_until, len(project.segments)))
            if cancel is not None and cancel.is_set():
                break
    except BaseException:
        writer.save(project)  # keep what was done; status stays in_progress
        raise
    finally:
        if hasattr(segments, "close"):
            segments.close()
    if on_progress and not (cancel is not None and cancel.is_set()):
        on_progress(clock.progress(duration, len(project.segments)))


def _existing_project(request: TranscriptionRequest) -> Project | None:
    path = request.project_path
    if request.resume:
        if not path.exists():
            raise BadInputError(f"There is no project “{path}” to resume.")
        project = load_project(path)
        if project.transcription is None:
            raise BadInputError(
                f"“{path.name}” was not made by transcribing a recording; there is nothing to resume."
            )
        return project
    if path.exists() and not request.overwrite:
        waiting = _waiting_project(path, request.audio_path)
        if waiting is not None:
            return waiting
        raise BadInputError(
            f"The project “{path.name}” already exists. Use --resume to continue it, "
            "--overwrite to start again (the old file is kept as .bak), or choose another name with -o."
        )
    return None


def _waiting_project(path: Path, recording: Path) -> Project | None:
    """The project at ``path`` when it was made for ``recording`` and is not transcribed yet (File → New
    project, ``study add``): the run fills it, keeping its title, kind, appendix, roster and level."""
    try:
        project = load_project(path)
    except TranskriptError:
        return None  # the "already exists" sentence stands; the file is left alone
    if project.source != "audio" or project.transcription is not None or project.segments:
        return None
    made_for = project.audio_file(path)
    try:
        same = made_for is not None and made_for.resolve() == Path(recording).resolve()
    except OSError:
        same = False
    return project if same else None


def _new_project(request: TranscriptionRequest, sha256: str, duration: float) -> Project:
    project = Project(
        metadata=Metadata(title=request.title or request.audio_path.stem, kind=request.kind),
        cleanup_level=check_level(request.level) if request.level else None,
    )
    project.validate()
    project.set_audio_file(request.audio_path, request.project_path)
    project.audio.sha256, project.audio.duration = sha256, duration
    return project


def _resume_point(project: Project) -> tuple[float, float]:
    """Where a (resumed) run listens from, and the time before which every word is already saved.

    A resume continues the transcript from exactly the end of the last saved segment,
    with nothing skipped. Starting Whisper *at* that point skipped speech: a window that
    begins in a pause (where a segment ends) may come out with its first words missing,
    or end in a lone timestamp that the library reads as "the rest of this window is
    silence" and jumps 30 s (cut at 86.2 s, a resumed run went on at 116.2 s, and
    102.8-113.4 s were never transcribed). The old resume also primed Whisper with the
    last 200 characters as a plain-text prompt, which made that ending far likelier.
    So the decoder listens again from where the interrupted run's window began (it
    began there because Whisper chose to), unprompted, and only the words after the
    saved ones are kept (``_words_after``): at most one window is decoded twice.
    """
    run = project.transcription
    until = run.transcribed_until if run else 0.0
    if until <= 0:
        return 0.0, 0.0
    if project.audio.duration and until >= project.audio.duration:
        return until, until  # the words are done (a verbatim run stopped in its filler pass)
    if run.window_start is not None:
        return min(run.window_start, until), until
    # Saved before the window was recorded: listen from the start of the last saved segment.
    last_start = project.segments[-1].start if project.segments else None
    return (min(last_start, until) if last_start is not None else until), until


def _words_after(segments: Iterator[Segment], until: float) -> Iterator[Segment]:
    """The segments from ``until`` on: words whose middle lies before it are already saved."""
    try:
        for segment in segments:
            if not segment.words:
                if (segment.start or 0.0) >= until:
                    yield segment
                continue
            kept = [w for w in segment.words if ((w.start or 0.0) + (w.end or 0.0)) / 2 >= until]
            if not kept:
                continue
            if len(kept) < len(segment.words):
                segment = dataclasses.replace(
                    segment, start=kept[0].start, text="".join(w.text for w in kept), words=kept
                )
            yield segment
    finally:
        if hasattr(segments, "close"):
            segments.close()


class _PeriodicSaver:
    """Save the project at most every ``interval`` seconds of wall time (never rotating ``.bak``)."""

    def __init__(self, project: Project, writer: ProjectWriter, interval: float):
        self.project, self.writer, self.interval = project, writer, interval
        self.last = time.monotonic()

    def maybe_save(self) -> None:
        if time.monotonic() - self.last >= self.interval:
            self.writer.save(self.project)
            self.last = time.monotonic()


class _ProgressClock:
    """Fraction done and an ETA from the pace since this run (or resume) began."""

    def __init__(self, start_at: float, duration: float):
        self.start_at, self.duration = start_at, duration
        self.started = time.monotonic()

    def progress(self, done: float, segments: int) -> Progress:
        fraction = min(1.0, done / self.duration) if self.duration > 0 else 1.0
        elapsed = time.monotonic() - self.started
        worked = done - self.start_at
        eta = elapsed / worked * max(0.0, self.duration - done) if worked > 0 else None
        return Progress(fraction, min(done, self.duration), self.duration, elapsed, eta, segments)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
