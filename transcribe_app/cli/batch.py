"""``batch``: transcribe every interview of a folder or list, N at a time, or write a Slurm array job."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..core.errors import BadInputError, Cancelled
from .common import EXIT_OK
from .transcribe import add_speaker_options, add_transcription_options, check_speaker_options


def add_commands(commands) -> None:
    p = commands.add_parser(
        "batch",
        help="transcribe every interview of a folder (or list) not yet complete; safe to stop and run again",
        description=(
            "Transcribes every interview in the folders, recordings and project files given: a "
            "folder's *.transkript.json and recordings, in it and one level down (a recording without "
            "a project gets NAME.transkript.json beside it, as transcribe names it). Complete projects "
            "are skipped, interrupted ones resumed; a file that fails does not stop the others (a "
            "summary at the end, exit status not 0). Each project is locked while it is written, so a "
            "batch can be killed and run again, or run twice on one folder, without doing anything twice. "
            "A study folder (with a study.json) gives the study's interviews, in appendix order, and the "
            "study's model, language and cleanup level are the defaults of --model, --language and --level."
        ),
    )
    p.add_argument("paths", nargs="+", type=Path, metavar="DIR|RECORDING|PROJECT")
    p.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="transcribe N interviews at once, each in its own process: each loads its own model, so memory "
        "(and GPU memory) is N times that of one transcription (default 1)",
    )
    add_transcription_options(p)
    p.set_defaults(model=None, language=None)  # None: not given; a study's settings, else the program's
    add_speaker_options(p, "--diarise")
    cluster = p.add_argument_group("a Slurm cluster (writes the job; submit it with sbatch)")
    cluster.add_argument(
        "--slurm",
        action="store_true",
        help="write a Slurm array job, one task per interview, instead of running",
    )
    cluster.add_argument("-o", "--output", type=Path, help="the job file to write (default: standard output)")
    cluster.add_argument("--partition", help="the partition (queue) to run in, e.g. a GPU partition")
    cluster.add_argument("--gpus", type=int, default=0, help="GPUs per task (default 0: CPU)")
    cluster.add_argument(
        "--time", help="time limit per task, HH:MM:SS (a task stopped by it resumes on a rerun)"
    )
    cluster.add_argument("--cpus", type=int, help="CPU cores per task")
    cluster.add_argument("--mem", help="memory per task, e.g. 16G")
    cluster.add_argument(
        "--setup",
        action="append",
        default=[],
        metavar="LINE",
        help="a shell line each task runs first, e.g. 'module load CUDA/12.4' (repeat it for more)",
    )
    cluster.add_argument(
        "--task-index",
        type=int,
        nargs="?",
        const=-1,
        metavar="N",
        help="transcribe only interview N of the list (0 is the first); without N, the task's "
        "SLURM_ARRAY_TASK_ID. The job --slurm writes runs this",
    )
    p.set_defaults(handler=_batch)


def _batch(args: argparse.Namespace) -> int:
    from ..core.batch import interviews_in

    if args.diarise:
        check_speaker_options(args)
    _study_defaults(args)
    settings = _settings(args)
    if args.jobs < 1:
        raise BadInputError(f"--jobs must be 1 or more, not {args.jobs}.")
    interviews = interviews_in(args.paths)
    if args.slurm:
        return _write_slurm_job(args, interviews, settings)
    if args.output is not None:
        raise BadInputError("-o names the Slurm job file; it goes with --slurm.")
    if args.task_index is not None:
        interviews = [_the_task(interviews, args.task_index)]
    return _run(interviews, settings, args.jobs)


def _study_defaults(args: argparse.Namespace) -> None:
    """Fill the model, language and level the command line left out: from the study folder(s) given
    (study.json's settings), else the program's defaults (base, da, the project's own level)."""
    from ..core.batch.discovery import study_in

    studies = [study for study in map(study_in, args.paths) if study is not None]
    for option, setting, default in (
        ("model", "model", "base"),
        ("language", "language", "da"),
        ("level", "cleanup_level", None),
    ):
        if getattr(args, option) is not None:
            continue
        chosen = {getattr(study.settings, setting) for study in studies} - {None}
        if len(chosen) > 1:
            raise BadInputError(
                f"The studies given are transcribed with different {option} settings "
                f"({', '.join(sorted(chosen))}); give --{option} or run one study at a time."
            )
        setattr(args, option, chosen.pop() if chosen else default)


def _settings(args: argparse.Namespace):
    from ..core.batch import BatchSettings
    from ..core.cleanup import check_level
    from .transcribe import transcription_options

    if args.level:
        check_level(args.level)
    return BatchSettings(
        options=transcription_options(args),
        backend=args.backend,
        kind=args.kind,
        level=args.level,
        download=args.download,
        diarise=args.diarise,
        speakers=str(args.speakers) if args.speakers else None,
        diariser=args.diariser if args.diarise else None,
        pyannote_pipeline=args.pyannote_pipeline if args.diarise else None,
        voice_threshold=args.voice_threshold,
        use_voices=not args.no_voices,
    )


def _the_task(interviews: list, index: int):
    if index == -1:
        found = os.environ.get("SLURM_ARRAY_TASK_ID")
        if found is None or not found.strip().isdigit():
            raise BadInputError(
                "--task-index without a number takes the task's number from SLURM_ARRAY_TASK_ID, which is "
                "not set here; give the number (0 is the first interview)."
            )
        index = int(found)
    if not 0 <= index < len(interviews):
        raise BadInputError(
            f"There is no interview {index}: the list holds {len(interviews)} (numbered from 0)."
        )
    return interviews[index]


def _run(interviews: list, settings, jobs: int) -> int:
    import threading

    from ..core.batch import BatchRun
    from .transcribe import cancel_on_interrupt

    stopping = threading.Event()  # set by Ctrl+C or SIGTERM (cancel_on_interrupt)
    with cancel_on_interrupt(stopping):
        with _BatchBar() as bar:
            batch = BatchRun(
                interviews,
                settings,
                jobs=jobs,
                on_progress=bar.update,
                on_outcome=bar.outcome,
                on_notice=bar.note,
            )
            # Every running transcription saves and stops; their children hear it on standard input.
            threading.Thread(target=lambda: stopping.wait() and batch.stop(), daemon=True).start()
            summary = batch.run()
        for line in summary.sentences():
            print(line, file=sys.stderr)
        if summary.stopped:  # the exit status says what stopped it (130 Ctrl+C, 143 SIGTERM)
            raise Cancelled(
                "The batch was stopped; what was done is saved. Run the same command again to go on."
            )
    stopping.set()  # ends the watching thread
    return summary.exit_code if summary.exit_code else EXIT_OK


def _write_slurm_job(args: argparse.Namespace, interviews: list, settings) -> int:
    from ..core.batch.runner import transkript_program
    from ..core.batch.slurm import SlurmSettings, slurm_script
    from ..core.file_safety import check_files, reading, writing
    from ..core.safe_write import EXPORT, replace_file

    if args.task_index is not None:
        raise BadInputError("--task-index runs one task of a job; it does not go with --slurm.")
    job_file = Path(os.path.abspath(args.output)) if args.output and str(args.output) != "-" else None
    check_files(
        [reading(i.recording, "a recording of the batch") for i in interviews]
        + [reading(i.project_path, "a project of the batch", project=True) for i in interviews],
        [writing(job_file, "The Slurm job", "-o")],
    )
    cluster = SlurmSettings(
        partition=args.partition,
        gpus=args.gpus,
        time=args.time,
        cpus=args.cpus,
        memory=args.mem,
        setup=tuple(args.setup),
    )
    environment = {name: os.environ[name] for name in ("TRANSKRIPT_MODEL_DIR",) if os.environ.get(name)}
    text = slurm_script(
        interviews,
        settings.option_arguments(),
        cluster,
        program=transkript_program(),
        job_file=job_file or Path(os.getcwd()) / "job.sbatch",
        environment=environment,
    )
    if job_file is None:
        sys.stdout.write(text)
        return EXIT_OK
    replace_file(job_file, text.encode("utf-8"), wording=EXPORT)
    print(
        f"Wrote a Slurm array job of {len(interviews)} task(s) to {job_file}; "
        f"submit it with: sbatch {job_file}",
        file=sys.stderr,
    )
    return EXIT_OK


class _BatchBar:
    """The whole batch as one tqdm bar on stderr (seconds of recording), a line per interview as it ends."""

    def __init__(self):
        self._bar = None

    def __enter__(self):
        from tqdm import tqdm

        self._bar = tqdm(
            total=0,
            file=sys.stderr,
            dynamic_ncols=True,
            desc="Batch",
            disable=None,  # no bar in a log file (a cluster task's): the line per interview says enough
            bar_format="{desc}: {percentage:3.0f}%|{bar}| {n:.0f}/{total:.0f} s of recording [{elapsed}]",
        )
        return self

    def update(self, progress) -> None:
        bar = self._bar
        bar.total = round(progress.seconds_total, 1)
        bar.n = round(progress.seconds_done, 1)
        eta = "" if progress.eta is None else f", {_clock(progress.eta)} left"
        bar.set_description_str(f"Batch {progress.interviews_done}/{progress.interviews}{eta}", refresh=False)
        bar.refresh()

    def outcome(self, outcome) -> None:
        from ..core.batch.runner import FAILED, IN_WORDS, STOPPED

        said = f" ({outcome.message})" if outcome.message and outcome.result not in (FAILED, STOPPED) else ""
        what = IN_WORDS[outcome.result].split(" (")[0]
        self._bar.write(f"{outcome.interview.name}: {what}{said}", file=sys.stderr)

    def note(self, message: str) -> None:
        self._bar.write(f"Note: {message}", file=sys.stderr)

    def __exit__(self, *exc):
        self._bar.close()
        return False


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"
