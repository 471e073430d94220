"""``transcribe`` (a recording into a project file) and ``diarise`` (who speaks when)."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

from ..core.asr.base import TIMINGS
from ..core.asr.device import DEVICES
from ..core.asr.registry import BACKEND_NAMES, DEFAULT_BACKEND
from ..core.cleanup import LEVELS
from ..core.diarise.registry import DEFAULT_DIARISER, DIARISER_NAMES
from ..core.errors import Cancelled
from ..core.file_safety import check_files, reading, writing
from .common import EXIT_OK, EXIT_TERMINATED, counted
from .guard import Terminated
from .progress_jsonl import JsonLines, transcribe_reporting_jsonl


def add_commands(commands) -> None:
    _add_transcribe(commands)
    _add_diarise(commands)


def _add_transcribe(commands) -> None:
    p = commands.add_parser("transcribe", help="transcribe a recording into a project file")
    p.add_argument("audio", type=Path, help="the recording (wav, mp3, m4a, ogg/opus, flac, mp4/mov)")
    p.add_argument("-o", "--output", type=Path, help="project file (default: AUDIO.transkript.json)")
    add_transcription_options(p)
    p.add_argument("--title", help="title of the interview (default: the file name)")
    p.add_argument("--resume", action="store_true", help="continue an interrupted transcription")
    p.add_argument("--overwrite", action="store_true", help="replace an existing project (kept as .bak)")
    p.add_argument(
        "--progress-jsonl",
        action="store_true",
        help="report on standard output as JSON lines (progress, each segment, the end) for the desktop "
        "window or a script; a line 'cancel' on standard input, or closing a piped standard input, stops "
        "the run cleanly",
    )
    add_speaker_options(p, "--diarise")
    p.set_defaults(handler=_transcribe)


def add_transcription_options(p) -> None:
    """How to transcribe: the options ``transcribe`` and ``batch`` share."""
    p.add_argument("--backend", choices=BACKEND_NAMES, default=DEFAULT_BACKEND)
    p.add_argument("--model", default="base", help="model name (base, large-v3, turbo…) or path to a model")
    p.add_argument("--language", default="da", help="language code (default da); auto detects it")
    p.add_argument("--device", choices=DEVICES, default="auto")
    p.add_argument("--compute-type", help="faster-whisper: int8 (CPU default), float16 (CUDA default)…")
    p.add_argument("--beam-size", type=int, default=5)
    p.add_argument("--prompt", help="names and terms to expect, e.g. 'Borgernes MSB, jobafklaring'")
    p.add_argument(
        "--timing",
        choices=TIMINGS,
        help="where segment and word times come from: tokens (Whisper's timestamp tokens, stock models) or "
        "alignment (text only, every word placed by cross-attention alignment: for models trained without "
        "timestamp tokens, such as Edda). Default: what the model catalogue says of the model (`models`)",
    )
    p.add_argument(
        "--batch-size",
        type=int,
        metavar="N",
        help="faster-whisper: decode N stretches of up to 30 s at once (batched pipeline; much faster on a "
        "GPU, e.g. 8 or 16)",
    )
    p.add_argument("--kind", choices=("elite", "focus_group"), default="elite")
    p.add_argument(
        "--level",
        choices=LEVELS,
        help="the transcript you want: verbatim keeps øh, stutters and pauses; clean (default) hides them",
    )
    p.add_argument(
        "--verbatim-prompt",
        action=argparse.BooleanOptionalAction,
        help="prime Whisper with Danish fillers so it writes them (default: on with --level verbatim)",
    )
    p.add_argument("--download", action="store_true", help="download the model if it is not on this computer")


def add_speaker_options(p, switch: str | None) -> None:
    if switch:
        p.add_argument(switch, action="store_true", help="find who speaks when and label every word")
    p.add_argument(
        "--speakers",
        metavar="N|MIN-MAX",
        help="number of speakers if known, or a range (5-8) (default: 2 in an elite interview; in a focus "
        "group estimated, at most 10)",
    )
    p.add_argument(
        "--diariser",
        choices=DIARISER_NAMES,
        default=DEFAULT_DIARISER,
        help="pyannote: your own pyannote.audio with a local pipeline (models/pyannote/config.yaml)",
    )
    p.add_argument(
        "--pyannote-pipeline", metavar="CONFIG", help="path of a local pyannote pipeline config.yaml"
    )
    p.add_argument(
        "--voice-threshold",
        type=float,
        metavar="SIMILARITY",
        help="in a study with enrolled voices (transcribe-app voices): the similarity, 0-1, a speaker needs "
        "to be labelled with a voice (default 0.80)",
    )
    p.add_argument(
        "--no-voices",
        action="store_true",
        help="do not compare the speakers with the study's enrolled voices",
    )


def _transcribe(args: argparse.Namespace) -> int:
    from ..core.asr.stage import TranscriptionRequest, transcribe_recording
    from ..core.project.record import default_project_path

    project_path = args.output or default_project_path(args.audio)
    check_files(
        [
            reading(args.audio, "the recording you are transcribing"),
            reading(args.pyannote_pipeline, "the pyannote pipeline"),
        ],
        [writing(project_path, "The project file", "-o", backup=True)],
    )
    if args.diarise:
        check_speaker_options(args)
    options = transcription_options(args)
    request = TranscriptionRequest(
        audio_path=args.audio,
        project_path=project_path,
        options=options,
        backend=args.backend,
        kind=args.kind,
        title=args.title,
        resume=args.resume,
        overwrite=args.overwrite,
        download=args.download,
        level=args.level,
    )
    cancel = threading.Event()
    if args.progress_jsonl:
        with cancel_on_interrupt(cancel):
            project = transcribe_reporting_jsonl(request, cancel)
    else:
        with _ProgressBar() as bar, cancel_on_interrupt(cancel):
            project = transcribe_recording(
                request, on_progress=bar.update, on_notice=bar.notice, cancel=cancel
            )
    print(f"Saved {len(project.segments)} segments to {request.project_path}", file=sys.stderr)
    if args.diarise:
        if args.progress_jsonl:  # the window shows what happens after the words are done
            JsonLines(threading.Event()).notice("Finding who speaks when…")
        _find_speakers(project, request.project_path, args, keep_backup=False)  # .bak: before the run
    return EXIT_OK


def transcription_options(args: argparse.Namespace):
    """The ``TranscriptionOptions`` the options of ``add_transcription_options`` ask for (checked)."""
    from ..core.asr import TranscriptionOptions

    return TranscriptionOptions(
        model=args.model,
        language=None if args.language == "auto" else args.language,
        device=args.device,
        compute_type=args.compute_type,
        beam_size=args.beam_size,
        initial_prompt=args.prompt,
        verbatim_prompt=args.level == "verbatim" if args.verbatim_prompt is None else args.verbatim_prompt,
        timing=args.timing or _timing_for(args.model),
        batch_size=args.batch_size,
    ).check()


def _timing_for(model: str) -> str:
    from ..core.asr.catalogue import timing_for

    return timing_for(model)


def check_speaker_options(args: argparse.Namespace) -> None:
    from ..core.diarise.speaker_count import speaker_count
    from ..core.diarise.stage import check_speaker_options
    from ..core.voices.matching import check_threshold

    check_speaker_options(args.speakers, args.diariser, args.pyannote_pipeline)
    args.speakers = speaker_count(args.speakers)  # "5 - 8" → 5-8, as the commands after it pass it on
    if getattr(args, "voice_threshold", None) is not None:
        check_threshold(args.voice_threshold)


def _find_speakers(project, project_path: Path, args: argparse.Namespace, keep_backup: bool = True) -> None:
    from tqdm import tqdm

    from ..core.diarise.stage import diarise_project

    cancel = threading.Event()
    with tqdm(total=100, unit="%", desc="Speakers", file=sys.stderr) as bar, cancel_on_interrupt(cancel):

        def show(fraction: float) -> None:
            bar.n = round(100 * fraction)
            bar.refresh()

        diarise_project(
            project,
            project_path,
            speakers=args.speakers,
            diariser=args.diariser,
            pyannote_pipeline=args.pyannote_pipeline,
            on_progress=show,
            cancel=cancel,
            keep_backup=keep_backup,
            # getattr: a command that finds speakers without these options compares with the voices as usual
            use_voices=not getattr(args, "no_voices", False),
            voice_threshold=getattr(args, "voice_threshold", None),
        )
    found, review = project.diarisation.speakers_found, project.diarisation.words_to_review
    print(
        f"Found {found} speakers; {review} words near speaker changes are worth a check. "
        f"See them with: transcribe-app speakers {project_path}",
        file=sys.stderr,
    )
    for warning in project.diarisation.warnings:
        print(f"Warning: {warning}", file=sys.stderr)
    overlaps = project.diarisation.overlaps
    if overlaps:
        seconds = sum(stretch.end - stretch.start for stretch in overlaps)
        print(
            f"Two voices at once in {counted(len(overlaps), 'place', 'places')} "
            f"({seconds:.0f} s); the editor underlines them, and export --overlap-marks marks them.",
            file=sys.stderr,
        )
    if project.diarisation.voices is not None:
        from ..core.voices.report import voice_lines

        for line in voice_lines(project.diarisation.voices, project.roster):
            print(line, file=sys.stderr)


class _ProgressBar:
    """A tqdm bar on stderr in seconds of audio, shown once decoding has started."""

    def __enter__(self):
        self._bar = None
        return self

    def update(self, progress) -> None:
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(
                total=round(progress.duration, 1), unit="s audio", file=sys.stderr, dynamic_ncols=True
            )
        self._bar.n = round(progress.audio_done, 1)
        self._bar.set_postfix(segments=progress.segments, refresh=False)
        self._bar.refresh()

    def notice(self, message: str) -> None:
        if self._bar is None:
            print(f"Note: {message}", file=sys.stderr)
        else:
            self._bar.write(f"Note: {message}", file=sys.stderr)

    def __exit__(self, *exc):
        if self._bar is not None:
            self._bar.close()
        return False


class cancel_on_interrupt:  # noqa: N801 - a context manager used like a function
    """First Ctrl+C (or SIGTERM) stops cleanly (work is saved); a second one stops at once.

    After SIGTERM the run's ``Cancelled`` carries exit status 143 instead of 130, so that a
    service manager sees the run ended as asked, with its work kept.
    """

    _SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self, cancel: threading.Event):
        self._cancel = cancel
        self._previous: dict[int, object] = {}
        self._received: int | None = None

    def _handle(self, signum, frame):
        if self._cancel.is_set():
            raise Terminated if signum == signal.SIGTERM else KeyboardInterrupt
        self._received = signum
        print("\nStopping after the current part; saving what is done…", file=sys.stderr)
        self._cancel.set()

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            for signum in self._SIGNALS:
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, exc_type, exc, tb):
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)
        if isinstance(exc, Cancelled) and self._received == signal.SIGTERM:
            exc.exit_code = EXIT_TERMINATED
        return False


# -- diarise --------------------------------------------------------------------


def _add_diarise(commands) -> None:
    p = commands.add_parser("diarise", help="find who speaks when in a transcribed project")
    p.add_argument("project", type=Path)
    add_speaker_options(p, None)
    p.set_defaults(handler=_diarise)


def _diarise(args: argparse.Namespace) -> int:
    from ..core.project.file import load_project

    check_speaker_options(args)
    _find_speakers(load_project(args.project), args.project, args)
    return EXIT_OK
