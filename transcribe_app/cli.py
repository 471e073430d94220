"""``transcribe-app``: the headless front door (batch jobs, servers, tests, benchmarks).

Exit codes: 0 ok, 1 a check that did not pass (find-quote: not found or in several places;
check-citations: a citation fails) or an unexpected problem (a sentence; details in the log, or with
--debug), 2 bad input or usage, 3 model not available, 4 output stopped by the leak check (a
pseudonymised export, the thesis tables, a validation package or ``cite`` that would hold a real name,
its file name included; ``--allow-leaks`` lets it through, on record), 130 cancelled (Ctrl+C), 141 the
reader of standard output went away, 143 ended by SIGTERM (what was done is saved).
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .cli_guard import Terminated, guarded
from .cli_lock import writer_lock
from .cli_pseudonymise import add_commands as add_pseudonymise_commands
from .core.cleanup import LEVELS
from .core.errors import Cancelled, TranskriptError
from .core.file_safety import check_files, reading, writing

EXIT_OK, EXIT_BAD_INPUT, EXIT_NO_MODEL, EXIT_CANCELLED, EXIT_TERMINATED = 0, 2, 3, 130, 143


def main(argv: Sequence[str] | None = None) -> int:
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
    except KeyboardInterrupt:  # Ctrl+C before the command started: nothing to undo
        print("transcribe-app: Stopped (Ctrl+C) before anything was done.", file=sys.stderr)
        return EXIT_CANCELLED
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s: %(message)s",
        stream=sys.stderr,
    )
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return EXIT_BAD_INPUT
    debug = args.debug or bool(os.environ.get("TRANSKRIPT_DEBUG"))
    return guarded(lambda: _run_locked(args), command=args.command, debug=debug)


def _run_locked(args: argparse.Namespace) -> int:
    with writer_lock(args):  # one writer per project (cli_lock): a second one gets exit 2
        return args.handler(args)


class warnings_on_stderr:  # noqa: N801 - a context manager used like a function
    """What a core module logs as a warning (an odd line of a typed transcript) printed as "Warning: …",
    whatever logging is set up as (a test's capture, a window): the researcher must see it."""

    def __init__(self, logger: str):
        self._logger = logging.getLogger(logger)
        self._handler = logging.StreamHandler(sys.stderr)
        self._handler.setLevel(logging.WARNING)
        self._handler.setFormatter(logging.Formatter("Warning: %(message)s"))

    def __enter__(self):
        self._handler.setStream(sys.stderr)  # the stream of now (tests replace sys.stderr)
        self._propagate, self._logger.propagate = self._logger.propagate, False
        self._logger.addHandler(self._handler)
        return self

    def __exit__(self, *exc):
        self._logger.removeHandler(self._handler)
        self._logger.propagate = self._propagate
        return False


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="transcribe-app",
        description="Transkript: offline transcripts of research interviews (Danish first).",
    )
    parser.add_argument("--version", action="version", version=f"Transkript {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="say more about what happens")
    parser.add_argument(
        "--debug", action="store_true", help="on an unexpected problem, show the full technical details"
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")
    _add_transcribe(commands)
    _add_info(commands)
    _add_export(commands)
    _add_meta(commands)
    _add_cite(commands)
    _add_find_quote(commands)
    _add_check_citations(commands)
    _add_validation_pack(commands)
    _add_import(commands)
    _add_clean(commands)
    _add_clean_text(commands)
    _add_speakers(commands)
    _add_diarise(commands)
    _add_roster(commands)
    add_pseudonymise_commands(commands)
    return parser


# -- transcribe -----------------------------------------------------------------


def _add_transcribe(commands) -> None:
    p = commands.add_parser("transcribe", help="transcribe a recording into a project file")
    p.add_argument("audio", type=Path, help="the recording (wav, mp3, m4a, ogg/opus, flac, mp4/mov)")
    p.add_argument("-o", "--output", type=Path, help="project file (default: AUDIO.transkript.json)")
    p.add_argument("--backend", choices=("faster-whisper", "whisper"), default="faster-whisper")
    p.add_argument("--model", default="base", help="model name (base, large-v3, turbo…) or path to a model")
    p.add_argument("--language", default="da", help="language code (default da); auto detects it")
    p.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    p.add_argument("--compute-type", help="faster-whisper: int8 (CPU default), float16 (CUDA default)…")
    p.add_argument("--beam-size", type=int, default=5)
    p.add_argument("--prompt", help="names and terms to expect, e.g. 'Borgernes MSB, jobafklaring'")
    p.add_argument("--kind", choices=("elite", "focus_group"), default="elite")
    p.add_argument("--title", help="title of the interview (default: the file name)")
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
    p.add_argument("--resume", action="store_true", help="continue an interrupted transcription")
    p.add_argument("--overwrite", action="store_true", help="replace an existing project (kept as .bak)")
    p.add_argument("--download", action="store_true", help="download the model if it is not on this computer")
    p.add_argument(
        "--progress-jsonl",
        action="store_true",
        help="report on standard output as JSON lines (progress, each segment, the end) for the desktop "
        "window or a script; a line 'cancel' on standard input, or closing a piped standard input, stops "
        "the run cleanly",
    )
    _add_speaker_options(p, "--diarise")
    p.set_defaults(handler=_transcribe)


def _add_speaker_options(p, switch: str | None) -> None:
    if switch:
        p.add_argument(switch, action="store_true", help="find who speaks when and label every word")
    p.add_argument(
        "--speakers",
        type=int,
        help="number of speakers if known (default: 2 in an elite interview, estimated in a focus group)",
    )
    p.add_argument(
        "--diariser",
        choices=("builtin", "pyannote"),
        default="builtin",
        help="pyannote: your own pyannote.audio with a local pipeline (models/pyannote/config.yaml)",
    )
    p.add_argument(
        "--pyannote-pipeline", metavar="CONFIG", help="path of a local pyannote pipeline config.yaml"
    )


def _transcribe(args: argparse.Namespace) -> int:
    from .core.asr import TranscriptionOptions
    from .core.project import default_project_path
    from .core.transcription import TranscriptionRequest, transcribe_recording

    project_path = args.output or default_project_path(args.audio)
    check_files(
        [
            reading(args.audio, "the recording you are transcribing"),
            reading(args.pyannote_pipeline, "the pyannote pipeline"),
        ],
        [writing(project_path, "The project file", "-o", backup=True)],
    )
    if args.diarise:
        _check_speaker_options(args)
    options = TranscriptionOptions(
        model=args.model,
        language=None if args.language == "auto" else args.language,
        device=args.device,
        compute_type=args.compute_type,
        beam_size=args.beam_size,
        initial_prompt=args.prompt,
        verbatim_prompt=args.level == "verbatim" if args.verbatim_prompt is None else args.verbatim_prompt,
    ).check()
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
        project = _transcribe_reporting_jsonl(request, cancel)
    else:
        with _ProgressBar() as bar, _cancel_on_interrupt(cancel):
            project = transcribe_recording(
                request, on_progress=bar.update, on_notice=bar.notice, cancel=cancel
            )
    print(f"Saved {len(project.segments)} segments to {request.project_path}", file=sys.stderr)
    if args.diarise:
        if args.progress_jsonl:  # the window shows what happens after the words are done
            _JsonLines(threading.Event()).emit("notice", message="Finding who speaks when…")
        _find_speakers(project, request.project_path, args, keep_backup=False)  # .bak: before the run
    return EXIT_OK


def _check_speaker_options(args: argparse.Namespace) -> None:
    from .core.speaker_stage import check_speaker_options

    check_speaker_options(args.speakers, args.diariser, args.pyannote_pipeline)


def _find_speakers(project, project_path: Path, args: argparse.Namespace, keep_backup: bool = True) -> None:
    from tqdm import tqdm

    from .core.speaker_stage import diarise_project

    cancel = threading.Event()
    with tqdm(total=100, unit="%", desc="Speakers", file=sys.stderr) as bar, _cancel_on_interrupt(cancel):

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
        )
    found, review = project.diarisation["speakers_found"], project.diarisation["words_to_review"]
    print(
        f"Found {found} speakers; {review} words near speaker changes are worth a check. "
        f"See them with: transcribe-app speakers {project_path}",
        file=sys.stderr,
    )


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


class _cancel_on_interrupt:  # noqa: N801 - a context manager used like a function
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


def _transcribe_reporting_jsonl(request, cancel: threading.Event):
    """``--progress-jsonl``: the same run, reported as JSON lines (see ``_JsonLines``)."""
    from .core.errors import Cancelled
    from .core.transcription import transcribe_recording

    report = _JsonLines(cancel)
    report.emit(
        "started",
        protocol=1,
        audio=str(request.audio_path),
        project=str(request.project_path),
        resume=request.resume,
    )
    _cancel_on_stdin(cancel)
    try:
        with _cancel_on_interrupt(cancel):
            project = transcribe_recording(
                request,
                on_progress=report.progress,
                on_segment=report.segment,
                on_notice=report.notice,
                cancel=cancel,
            )
    except Cancelled as error:
        report.emit("stopped", status="cancelled", message=str(error))
        raise
    except TranskriptError as error:
        report.emit("error", message=str(error), exit_code=error.exit_code)
        raise
    report.emit(
        "finished", status="complete", segments=len(project.segments), project=str(request.project_path)
    )
    return project


class _JsonLines:
    """One JSON object per line on standard output, flushed at once; ASCII only, whatever the console.

        {"event": "started", "protocol": 1, "audio": PATH, "project": PATH, "resume": false}
        {"event": "notice", "message": TEXT}
        {"event": "segment", "id": 0, "start": 0.0, "end": 4.2, "text": " ...", "speaker": null,
         "words": [{"text": " Hej", "start": 0.0, "end": 0.4, "probability": 0.93, "speaker": null}],
         "avg_logprob": -0.2, "no_speech_prob": 0.01}
        {"event": "progress", "fraction": 0.42, "done": 252.0, "total": 600.0, "elapsed": 61.3,
         "eta": 84.6, "segments": 17}                       (seconds; eta null until it can be told)
        {"event": "finished", "status": "complete", "segments": 120, "project": PATH}     exit 0
        {"event": "stopped", "status": "cancelled", "message": TEXT}                      exit 130
        {"event": "error", "message": TEXT, "exit_code": 2}                               exit 2 or 3

    A reader that goes away (a broken pipe) stops the run as a cancel does: the work is saved.
    """

    def __init__(self, cancel: threading.Event):
        self._cancel = cancel
        self._open = True

    def emit(self, event: str, **fields) -> None:
        import json

        if not self._open:
            return
        try:
            sys.stdout.write(json.dumps({"event": event, **fields}) + "\n")
            sys.stdout.flush()
        except (OSError, ValueError):
            self._open = False
            self._cancel.set()

    def progress(self, progress) -> None:
        eta = None if progress.eta is None else round(progress.eta, 1)
        self.emit(
            "progress",
            fraction=round(progress.fraction, 4),
            done=round(progress.audio_done, 2),
            total=round(progress.duration, 2),
            elapsed=round(progress.elapsed, 2),
            eta=eta,
            segments=progress.segments,
        )

    def segment(self, segment) -> None:
        self.emit("segment", **segment.to_dict())

    def notice(self, message: str) -> None:
        self.emit("notice", message=message)


def _cancel_on_stdin(cancel: threading.Event) -> None:
    """Standard input as a cancel channel: the line ``cancel`` stops the run cleanly, on every platform.

    Closing a *piped* standard input stops it too (the window that started the run closed it, or
    went away). A terminal or /dev/null never stops it. The window uses this rather than a signal
    because on Windows a process cannot be asked to stop by a signal.
    """
    import os
    import stat

    try:
        fd = sys.stdin.fileno()
        piped = stat.S_ISFIFO(os.fstat(fd).st_mode)
    except (AttributeError, OSError, ValueError):  # no standard input at all, or a replaced one
        return

    def watch() -> None:
        pending = b""
        while True:
            try:
                chunk = os.read(fd, 256)  # raw reads: no lock that could hold up the exit
            except OSError:
                return
            if not chunk:
                if piped:
                    cancel.set()
                return
            pending += chunk
            lines = pending.split(b"\n")
            pending = lines.pop()
            if any(line.strip().lower() == b"cancel" for line in lines):
                cancel.set()
                return

    threading.Thread(target=watch, name="cancel-on-stdin", daemon=True).start()


# -- info -------------------------------------------------------------------------


def _add_info(commands) -> None:
    p = commands.add_parser("info", help="summarise a project file")
    p.add_argument("project", type=Path)
    p.set_defaults(handler=_info)


def _info(args: argparse.Namespace) -> int:
    from .core.projectfile import load_project
    from .core.summary import summarise

    project = load_project(args.project)
    print(summarise(project, args.project))
    return EXIT_OK


# -- export -----------------------------------------------------------------------


def _add_export(commands) -> None:
    from .core.exports import FORMATS

    p = commands.add_parser(
        "export",
        help="write the transcript: line-numbered appendix (docx, pdf, txt), subtitles, QDA files, tables",
    )
    p.add_argument("project", type=Path, nargs="+", help="project file (several for --format tables)")
    p.add_argument(
        "--format",
        metavar="FORMAT",
        help=f"{', '.join(FORMATS)} or tables (default: from the output file's extension, else plain)",
    )
    p.add_argument(
        "--view", choices=LEVELS, help="cleanup level to export (default: the project's, else clean)"
    )
    p.add_argument(
        "--width",
        type=int,
        metavar="N",
        help="characters per numbered line (default: as the last appendix of this project, else 85)",
    )
    p.add_argument(
        "--timestamps",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="start each turn with its time, [hh:mm:ss] (default: as the last appendix, else off)",
    )
    p.add_argument("-o", "--output", type=Path, help="output file (default: standard output)")
    pseudonymising = p.add_argument_group("pseudonymisation (see the pseudonymise command)")
    pseudonymising.add_argument(
        "--pseudonymise", action="store_true", help="replace names as the project's decisions say"
    )
    pseudonymising.add_argument("--key", type=Path, help="where the key goes (a file apart from the export)")
    pseudonymising.add_argument(
        "--accept-review", action="store_true", help="replace the uncertain detections too, unseen"
    )
    pseudonymising.add_argument(
        "--allow-leaks",
        action="store_true",
        help="export even if real names remain (recorded in the audit log)",
    )
    p.add_argument(
        "--with-names",
        action="store_true",
        help="tables: the informant table with real names (default: codes only); recorded in the audit log",
    )
    p.set_defaults(handler=_export)


def _export(args: argparse.Namespace) -> int:
    from .core.exports import APPENDIX_FORMATS, check_format, export_project, format_for_path, render_export
    from .core.layout import LayoutSettings, becomes_appendix, recorded_layout
    from .core.projectfile import load_project, save_project

    check_files(
        [reading(path, "the project you are exporting", project=True) for path in args.project],
        [writing(args.output, "The export", "-o"), writing(args.key, "The key", "--key", backup=True)],
    )
    to_stdout = args.output is None or str(args.output) == "-"
    fmt = args.format or (None if to_stdout else format_for_path(args.output)) or "plain"
    if fmt == "tables":
        return _export_tables(args)
    check_format(fmt)
    if args.with_names:
        raise TranskriptError("--with-names goes with --format tables (the informant table).")
    if len(args.project) > 1:
        raise TranskriptError("Give one project to export (several only with --format tables).")
    if to_stdout and fmt in ("docx", "pdf"):
        raise TranskriptError(f"A {fmt.upper()} file cannot be printed here; give an output file with -o.")
    project_path = args.project[0]
    project = load_project(project_path)
    recorded = recorded_layout(project)
    settings = LayoutSettings(
        width=args.width if args.width is not None else recorded.width,
        timestamps=args.timestamps if args.timestamps is not None else recorded.timestamps,
    )
    options = dict(level=args.view, settings=settings, turns_hook=None, pseudonymised=False)
    pseudonymiser = _pseudonymiser(args, project, to_stdout)
    if pseudonymiser is not None:
        options.update(turns_hook=pseudonymiser.hook, pseudonymised=True)
    layout_before = dict(project.layout)
    audit_before = len(project.pseudonymisation.get("audit", []))
    if to_stdout:
        rendered = render_export(project, fmt, **options)
        if pseudonymiser is not None:
            pseudonymiser.check("standard output")(rendered)
        sys.stdout.write(rendered.text)
    else:
        check = pseudonymiser.check(args.output) if pseudonymiser is not None else None
        rendered = export_project(project, fmt, args.output, check=check, **options)
        lines = f", {len(rendered.lines)} numbered lines" if fmt in APPENDIX_FORMATS else ""
        print(f"Wrote {args.output}{lines}", file=sys.stderr)
        if fmt in APPENDIX_FORMATS and not becomes_appendix(project, pseudonymiser is not None):
            print(
                "Note: this export is not pseudonymised, so it is a private copy: the project's appendix "
                "(what cite, find-quote and validation packages use) stays the pseudonymised one.",
                file=sys.stderr,
            )
    if pseudonymiser is not None:
        if args.key is not None:
            print(f"Wrote the key to {args.key}: keep it apart from the export", file=sys.stderr)
        if pseudonymiser.leaks:
            print(f"Exported despite {len(pseudonymiser.leaks)} possible leak(s), as asked.", file=sys.stderr)
    audit_changed = len(project.pseudonymisation.get("audit", [])) != audit_before
    if project.layout != layout_before or audit_changed:
        # The export is written; remembering its layout is a bonus, but an override of the leak check
        # must be on record wherever the output went (standard output too).
        try:
            save_project(project, project_path)
        except TranskriptError as error:
            print(f"Note: the project could not be updated: {error}", file=sys.stderr)
            if audit_changed:
                raise
    return EXIT_OK


def _pseudonymiser(args: argparse.Namespace, project, to_stdout: bool):
    """The pseudonymisation of an export, or None; a file export needs a key file of its own."""
    if not args.pseudonymise:
        if args.key or args.accept_review or args.allow_leaks:
            raise TranskriptError("--key, --accept-review and --allow-leaks go with --pseudonymise.")
        return None
    from .core.pseudonymise.stage import ExportPseudonymiser

    if args.key is None and not to_stdout:
        raise TranskriptError(
            "A pseudonymised export needs --key KEY.json: the file that links codes to real names, kept "
            "apart from the export."
        )
    return ExportPseudonymiser(
        project, args.key, accept_review=args.accept_review, allow_leaks=args.allow_leaks
    )


def _export_tables(args: argparse.Namespace) -> int:
    """The thesis tables: codes only, unless --with-names (recorded); the leak gate reads them first."""
    from .core.exports.tables import export_tables
    from .core.projectfile import load_project, save_project

    if args.output is None or str(args.output) == "-":
        raise TranskriptError("The tables are a Word document; give an output file with -o (tabeller.docx).")
    unused = [flag for flag, value in (("--view", args.view), ("--width", args.width),
              ("--timestamps", args.timestamps), ("--accept-review", args.accept_review)) if value is not None
              and value is not False]  # fmt: skip
    if unused:
        raise TranskriptError(
            f"{' and '.join(unused)} concern(s) the transcript's lines; the tables hold none. Leave it out."
        )
    if args.with_names and args.pseudonymise:
        raise TranskriptError(
            "--with-names writes the informants' real names and --pseudonymise leaves them out: choose one."
        )
    if args.pseudonymise and args.key is None:
        raise TranskriptError(
            "Pseudonymised tables need --key KEY.json: the file that links the codes to the real names, kept "
            "apart from the tables."
        )
    projects = [load_project(path) for path in args.project]
    audit_before = [len(p.pseudonymisation.get("audit", [])) for p in projects]
    export_tables(
        projects,
        args.output,
        with_names=args.with_names,
        allow_leaks=args.allow_leaks,
        key_path=args.key,
        not_the_key=args.project,
    )
    if args.with_names:
        print(
            f"Wrote {args.output}: the informant table WITH REAL NAMES (as asked; recorded in the audit "
            "log) and the appendix overview. It belongs in a method chapter, never in an appendix.",
            file=sys.stderr,
        )
    else:
        print(f"Wrote {args.output}: the informant table by code and the appendix overview", file=sys.stderr)
    if args.key is not None:
        print(f"Wrote the key to {args.key}: keep it apart from the tables", file=sys.stderr)
    for project, path, before in zip(projects, args.project, audit_before, strict=True):
        if len(project.pseudonymisation.get("audit", [])) != before:
            save_project(project, path)  # the audit entry must be on record: a failure here is an error
    return EXIT_OK


# -- meta -------------------------------------------------------------------------


def _add_meta(commands) -> None:
    p = commands.add_parser(
        "meta", help="show or set the citation code, appendix number, title, date and kind of a transcript"
    )
    p.add_argument("project", type=Path)
    p.add_argument("--code", help="the code citations use: VJ for an elite interview, VK for a focus group")
    p.add_argument("--appendix", metavar="N", help='the appendix number ("Bilag N"); "" clears it')
    p.add_argument("--title")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the date of the interview")
    p.add_argument("--kind", choices=("elite", "focus_group"))
    p.set_defaults(handler=_meta)


def _meta(args: argparse.Namespace) -> int:
    from .core.metadata import describe_metadata, update_metadata
    from .core.projectfile import load_project, save_project

    project = load_project(args.project)
    changes = update_metadata(
        project, code=args.code, appendix=args.appendix, title=args.title, date=args.date, kind=args.kind
    )
    if changes:
        save_project(project, args.project)
        for change in changes:
            print(f"{args.project.name}: {change}", file=sys.stderr)
    print(describe_metadata(project))
    return EXIT_OK


# -- cite, find-quote, check-citations, validation-pack -----------------------------
# All four read the appendix as the project's last export laid it out (core/citations).

EXIT_NOT_SO = 1  # find-quote: not found or in several places; check-citations: a citation fails


def _appendix(project_path: Path):
    """The project's appendix, with a note when no export recorded how it was laid out."""
    from .core.citations import open_appendix
    from .core.projectfile import load_project

    appendix = open_appendix(load_project(project_path))
    if not appendix.code:
        raise TranskriptError(
            f"“{project_path.name}” has no citation code, so its lines cannot be cited. "
            f"Give it one with: transcribe-app meta {project_path} --code VJ"
        )
    _note_unrecorded(appendix, project_path.name)
    return appendix


def _note_unrecorded(appendix, name: str) -> None:
    if not appendix.recorded:
        print(
            f"Note: no appendix export is recorded in {name}; lines are numbered as an export would number "
            f"them now ({appendix.describe()}).",
            file=sys.stderr,
        )
    elif appendix.changed_since_export:
        print(
            f"Warning: {name} changed after its appendix was exported (edits or pseudonymisation decisions); "
            "line numbers here may differ from the appendix in your thesis. Export the appendix again.",
            file=sys.stderr,
        )


def _add_cite(commands) -> None:
    p = commands.add_parser(
        "cite", help="print the citation of appendix lines, e.g. (VJ: 79-80), and the words on them"
    )
    p.add_argument("project", type=Path)
    p.add_argument(
        "--lines",
        required=True,
        action="append",
        metavar="A-B",
        help="appendix lines: 79-80, 79, or several ranges 149-151;181-185 (repeatable)",
    )
    _add_allow_leaks(p, "print the lines")
    p.set_defaults(handler=_cite)


def _cite(args: argparse.Namespace) -> int:
    from .core.citations import parse_ranges

    appendix = _appendix(args.project)
    cited = appendix.cite([line_range for text in args.lines for line_range in parse_ranges(text)])
    printed = f"{cited.citation}\n{cited.text}\n"
    with _audited(appendix.project, args.project):  # the lines go into a thesis: the gate reads them
        appendix.gate(printed, allow_leaks=args.allow_leaks, what="cite")
    sys.stdout.write(printed)
    return EXIT_OK


def _add_allow_leaks(p, what: str) -> None:
    p.add_argument(
        "--allow-leaks",
        action="store_true",
        help=f"{what} even if real names are in it (recorded in the project's audit log)",
    )


class _audited:  # noqa: N801 - a context manager used like a function
    """Save the project when the leak gate recorded an override (--allow-leaks) in its audit log."""

    def __init__(self, project, path: Path):
        self._project, self._path = project, path

    def __enter__(self):
        self._before = len(self._project.pseudonymisation.get("audit", []))
        return self

    def __exit__(self, kind, *exc):
        if kind is None and len(self._project.pseudonymisation.get("audit", [])) != self._before:
            from .core.projectfile import save_project

            save_project(self._project, self._path)
        return False


def _add_find_quote(commands) -> None:
    p = commands.add_parser(
        "find-quote",
        help="find where a quote stands in the appendix and print its citation",
        description="Find a quote in the project's appendix (laid out as its last export) and print each "
        "place with its citation. The quote may be cut (... or … at either end), shortened ((...) or [...] "
        "inside), carry inserted [words], and be cleaned of talk language (øh, stutters) that a verbatim "
        "appendix still has. Exit status: 0 found in exactly one place; 1 found nowhere, or in several "
        "places (all are printed); 2 bad input.",
    )
    p.add_argument("project", type=Path)
    p.add_argument("quote", help='the quote as the thesis has it; "-" reads it from standard input')
    p.set_defaults(handler=_find_quote)


def _find_quote(args: argparse.Namespace) -> int:
    from .core.citations import format_citation

    quote = sys.stdin.read() if args.quote == "-" else args.quote
    appendix = _appendix(args.project)
    search = appendix.find(quote)
    for place in search.places:
        print(f"{place.citation}  {place.text}")
    if search.found:
        return EXIT_OK
    if search.places:
        print(
            f"The quote stands in {len(search.places)} places; quote more of it, or cite the lines you mean.",
            file=sys.stderr,
        )
        return EXIT_NOT_SO
    message = f"The quote was not found in the appendix of {appendix.code} ({appendix.describe()})."
    if search.nearest is not None:
        nearest = search.nearest
        message += f"\nNearest: {format_citation(appendix.code, nearest.ranges)}, {nearest.describe()}."
    print(message, file=sys.stderr)
    return EXIT_NOT_SO


def _add_check_citations(commands) -> None:
    p = commands.add_parser(
        "check-citations",
        help="check every citation (VJ: 79-80) in a manuscript against the appendices",
        description="Read a manuscript (.docx), find every quote followed by a citation such as "
        "(VJ: 79-80) or (SK: 320-321; HOK: 452-456), and check that the quoted words stand in those lines "
        "of that transcript's appendix (laid out as its last export). Prints one line per citation: OK, "
        "WRONG LINES (with the right lines), NOT FOUND, UNKNOWN CODE, or, for a reference without a quote, "
        "RANGE DOES NOT EXIST. Exit status: 0 all OK; 1 any citation fails; 2 bad input.",
    )
    p.add_argument("manuscript", type=Path, help="the thesis or article as a Word document (.docx)")
    p.add_argument(
        "--projects",
        required=True,
        nargs="+",
        type=Path,
        metavar="DIR",
        help="folder(s) holding the project files (*.transkript.json), or project files",
    )
    p.set_defaults(handler=_check_citations)


def _check_citations(args: argparse.Namespace) -> int:
    from .core.citations import Appendices, check_manuscript, report_line, summary

    shelf = Appendices.from_paths(args.projects)
    checks = check_manuscript(args.manuscript, shelf)
    for appendix in shelf.opened():
        _note_unrecorded(appendix, appendix.code)
    for check in checks:
        print(report_line(check))
    if not checks:
        print(f"No citations like (VJ: 79-80) in {args.manuscript.name}; nothing to check.", file=sys.stderr)
        return EXIT_OK
    print(summary(checks))
    return EXIT_OK if all(check.ok for check in checks) else EXIT_NOT_SO


def _add_validation_pack(commands) -> None:
    p = commands.add_parser(
        "validation-pack",
        help="write the quotes for an informant to approve, with their context, as a Word document",
        description="Write a Danish Word document addressed to the informant: per quote, the quote as used, "
        "its citation, the appendix lines around it with the quote's lines highlighted, and a field for the "
        "reply. The lines are those of the appendix: the last line-numbered export, and once a "
        "pseudonymised one is recorded, always that one (a later plain export is a private copy). Give the "
        "quotes with --quote (repeatable), --quotes FILE and/or --from-manuscript. Exit status: 0 written; 2 "
        "bad input (a quote not found or in several places, a range past the last line…); 4 the package "
        "would hold a real name (a quote as written, or the lines of an appendix not pseudonymised).",
    )
    p.add_argument("project", type=Path)
    p.add_argument(
        "--quote",
        action="append",
        default=[],
        metavar="QUOTE",
        help='appendix lines ("79-80", "149-151;181-185") or the quote\'s words; repeatable',
    )
    p.add_argument(
        "--quotes",
        type=Path,
        metavar="FILE",
        help="a UTF-8 text file with one quote a line: line ranges or words (# starts a comment line)",
    )
    p.add_argument(
        "--from-manuscript",
        type=Path,
        metavar="THESIS.docx",
        help="every quote the manuscript cites with this transcript's code",
    )
    p.add_argument("--context", type=int, default=3, metavar="N", help="lines before and after (default 3)")
    p.add_argument(
        "-o", "--output", type=Path, required=True, help="the Word document to write, e.g. VJ_citater.docx"
    )
    _add_allow_leaks(p, "write the package")
    p.set_defaults(handler=_validation_pack)


def _validation_pack(args: argparse.Namespace) -> int:
    from .core.citations import quotes_from_manuscript, resolve_quotes
    from .core.citations.validation import read_quote_list, render_pack
    from .core.exports.files import atomic_write_bytes

    if args.output.suffix.lower() != ".docx":
        raise TranskriptError(
            f"The validation package is a Word document; name it .docx, not “{args.output.name}”."
        )
    check_files(
        [
            reading(args.project, "the project the quotes come from", project=True),
            reading(args.from_manuscript, "the manuscript"),
            reading(args.quotes, "the list of quotes"),
        ],
        [writing(args.output, "The validation package", "-o")],
    )
    appendix = _appendix(args.project)
    quotes = list(args.quote)
    if args.quotes is not None:
        quotes += read_quote_list(args.quotes)
    if args.from_manuscript is not None:
        cited = quotes_from_manuscript(args.from_manuscript, appendix.code)
        if not cited:
            raise TranskriptError(
                f"{args.from_manuscript.name} quotes nothing with a citation ({appendix.code}: …)."
            )
        quotes += cited
    if not quotes:
        raise TranskriptError(
            "Say which quotes to include: --quote 79-80, --quotes FILE or --from-manuscript."
        )
    resolved = resolve_quotes(appendix, quotes)
    with _audited(appendix.project, args.project):
        pack = render_pack(appendix, resolved, args.context, allow_leaks=args.allow_leaks, output=args.output)
        atomic_write_bytes(args.output, pack)
    for quote in resolved:
        if quote.note:
            print(f"Note: {quote.note}", file=sys.stderr)
    print(
        f"Wrote {args.output}: {len(resolved)} quote(s) with up to {args.context} lines of context, "
        f"addressed to {appendix.code}",
        file=sys.stderr,
    )
    return EXIT_OK


# -- import -----------------------------------------------------------------------


def _add_import(commands) -> None:
    p = commands.add_parser("import", help="make a project from a typed transcript (.txt or .docx)")
    p.add_argument("transcript", type=Path)
    p.add_argument("-o", "--output", type=Path, help="project file (default: TRANSCRIPT.transkript.json)")
    p.add_argument("--kind", choices=("elite", "focus_group"), default="elite")
    p.add_argument("--title")
    p.add_argument("--overwrite", action="store_true", help="replace an existing project (kept as .bak)")
    p.set_defaults(handler=_import)


def _import(args: argparse.Namespace) -> int:
    from .core.importer import import_transcript
    from .core.project import default_project_path
    from .core.projectfile import save_project

    output = args.output or default_project_path(args.transcript)
    check_files(
        [reading(args.transcript, "the typed transcript you are importing")],
        [writing(output, "The project file", "-o", backup=True)],
    )
    if output.exists() and not args.overwrite:
        raise TranskriptError(f"The project “{output.name}” already exists; use --overwrite to replace it.")
    with warnings_on_stderr("transcribe_app.core.importer"):
        project = import_transcript(args.transcript, kind=args.kind, title=args.title, on_notice=_note)
    save_project(project, output)
    speakers = ", ".join(r.code for r in project.roster) or "none"
    print(f"Imported {len(project.segments)} turns (speakers: {speakers}) into {output}", file=sys.stderr)
    return EXIT_OK


# -- clean ------------------------------------------------------------------------


def _add_clean(commands) -> None:
    p = commands.add_parser("clean", help="choose how much talk language the transcript shows")
    p.add_argument("project", type=Path)
    p.add_argument(
        "--level", choices=LEVELS, required=True, help="verbatim, clean or strict (stored in the project)"
    )
    p.add_argument("--diff", action="store_true", help="print, turn by turn, what the level hides")
    p.set_defaults(handler=_clean)


def _clean(args: argparse.Namespace) -> int:
    from .core.cleanup_review import hidden_report
    from .core.projectfile import load_project, save_project

    project = load_project(args.project)
    project.cleanup_level = args.level
    save_project(project, args.project)
    if args.diff:
        sys.stdout.write(hidden_report(project, args.level))
    print(f"{args.project.name}: cleanup level set to {args.level}", file=sys.stderr)
    return EXIT_OK


def _add_clean_text(commands) -> None:
    p = commands.add_parser(
        "clean-text", help="clean turns read from standard input (one per line, optionally 'CODE: ' first)"
    )
    p.add_argument("--level", choices=LEVELS, default="clean")
    p.set_defaults(handler=_clean_text)


def _clean_text(args: argparse.Namespace) -> int:
    from .core.cleanup_review import clean_turn_line

    for line in sys.stdin:
        sys.stdout.write(clean_turn_line(line.rstrip("\r\n"), args.level) + "\n")
    return EXIT_OK


# -- diarise --------------------------------------------------------------------


def _add_diarise(commands) -> None:
    p = commands.add_parser("diarise", help="find who speaks when in a transcribed project")
    p.add_argument("project", type=Path)
    _add_speaker_options(p, None)
    p.set_defaults(handler=_diarise)


def _diarise(args: argparse.Namespace) -> int:
    from .core.projectfile import load_project

    _check_speaker_options(args)
    _find_speakers(load_project(args.project), args.project, args)
    return EXIT_OK


# -- speakers -------------------------------------------------------------------


def _add_speakers(commands) -> None:
    p = commands.add_parser("speakers", help="show speakers and talk time; swap or rename them")
    p.add_argument("project", type=Path)
    p.add_argument("--swap", nargs=2, metavar=("A", "B"), help="exchange two speakers (labels or codes)")
    p.add_argument(
        "--set", metavar="SPEAKER", help="the speaker (label or code) to change with --code/--name/--role"
    )
    p.add_argument("--code", help="informant code shown in exports, e.g. VJ")
    p.add_argument("--name", help="real name (stays in the project and the key, never in exports)")
    p.add_argument("--role", choices=("informant", "interviewer", "organisation", "other"))
    p.set_defaults(handler=_speakers)


def _speakers(args: argparse.Namespace) -> int:
    from .core.projectfile import load_project, save_project
    from .core.speakers import set_speaker, swap_speakers, talk_time

    project = load_project(args.project)
    if args.swap:
        swap_speakers(project, *args.swap)
    if args.set:
        set_speaker(project, args.set, code=args.code, name=args.name, role=args.role)
    elif args.code or args.name or args.role:
        raise TranskriptError("Say which speaker to change with --set SPEAKER.")
    if args.swap or args.set:
        save_project(project, args.project)
    rows = talk_time(project)
    total = sum(seconds for _, _, seconds, _, _ in rows) or 1.0
    print(f"{'label':<6} {'code':<6} {'role':<12} {'talk time':>9} {'share':>6} {'turns':>6} {'words':>6}")
    for entry, label, seconds, turns, words in rows:
        code, role = (entry.code, entry.role) if entry else (label, "-")
        share = seconds / total
        print(f"{label:<6} {code:<6} {role:<12} {seconds / 60:>7.1f} m {share:>6.0%} {turns:>6} {words:>6}")
    return EXIT_OK


# -- roster ---------------------------------------------------------------------


def _add_roster(commands) -> None:
    p = commands.add_parser(
        "roster", help="show the roster and informant table; import or export it as CSV or JSON"
    )
    p.add_argument("project", type=Path)
    p.add_argument(
        "--import",
        dest="import_file",
        type=Path,
        metavar="FILE",
        help="merge a roster (.csv from a spreadsheet, or .json) into the project: name,code,role,aliases",
    )
    p.add_argument(
        "--export",
        dest="export_file",
        type=Path,
        metavar="FILE",
        help="write the project's roster to FILE (.csv or .json); it holds real names",
    )
    p.set_defaults(handler=_roster)


def _roster(args: argparse.Namespace) -> int:
    from .core.projectfile import load_project, save_project
    from .core.roster import check_roster_output, informant_table, merge_roster, read_roster, write_roster

    check_files(
        [
            reading(args.project, "the project", project=True),
            reading(args.import_file, "the roster you are importing"),
        ],
        [writing(args.export_file, "The roster export", "--export")],
    )
    if args.export_file:
        check_roster_output(args.export_file)
    project = load_project(args.project)
    if args.import_file:
        entries = read_roster(args.import_file, on_notice=_note)
        before = len(project.roster)
        warnings = merge_roster(project, entries)
        save_project(project, args.project)
        for warning in warnings:
            print(f"Note: {warning}", file=sys.stderr)
        added = len(project.roster) - before
        print(
            f"{args.project.name}: roster from {args.import_file.name}: "
            f"{len(entries) - added} updated, {added} added",
            file=sys.stderr,
        )
    if args.export_file:
        write_roster(project.roster, args.export_file)
        print(f"Wrote {args.export_file} (real names: keep it apart from the transcripts)", file=sys.stderr)
    if not (args.import_file or args.export_file):
        _print_columns(
            ("label", "code", "role", "name", "aliases"),
            [(e.label or "-", e.code, e.role, e.name, "; ".join(e.aliases)) for e in project.roster],
        )
        print("\nInformant table")
        _print_columns(
            ("name", "position", "area", "code"),
            [(r.name, r.position, r.area, r.code) for r in informant_table(project.roster)],
        )
    return EXIT_OK


def _note(message: str) -> None:
    print(f"Note: {message}", file=sys.stderr)


def _print_columns(header: Sequence[str], rows) -> None:
    rows = [tuple(header)] + [tuple(row) for row in rows]
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(header))]
    for row in rows:
        print("  ".join(f"{cell!s:<{width}}" for cell, width in zip(row, widths, strict=True)).rstrip())


if __name__ == "__main__":
    sys.exit(main())
