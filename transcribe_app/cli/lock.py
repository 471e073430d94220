"""Which commands write a project, and the project lock each takes around its work (core/project/lock).

``main`` wraps every command in ``writer_lock(args)``: a command listed in ``WRITERS``
holds the lock of the project it writes for as long as it runs, so that a second writer
(another command, a window) is refused with a sentence and exit 2 instead of one of them
silently losing the other's change. Commands in ``READERS`` never take it and work while
someone else writes. tests/test_project_lock.py checks that every command is in one of
the two, so a new command has to say which it is.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from ..core.errors import TranskriptError
from ..core.project.lock import HANDOVER_VARIABLE, TRANSCRIBING, ProjectLock


def _the_project(args: argparse.Namespace) -> list[Path]:
    return [args.project]


def _transcribed(args: argparse.Namespace) -> list[Path]:
    from ..core.project.record import default_project_path

    return [args.output or default_project_path(args.audio)]


def _imported(args: argparse.Namespace) -> list[Path]:
    from ..core.project.record import default_project_path

    return [args.output or default_project_path(args.transcript)]


def _meta(args: argparse.Namespace) -> list[Path]:
    changes = (args.code, args.appendix, args.title, args.date, args.kind)
    return [args.project] if any(value is not None for value in changes) else []


def _speakers(args: argparse.Namespace) -> list[Path]:
    return [args.project] if args.swap or args.set else []


def _roster(args: argparse.Namespace) -> list[Path]:
    return [args.project] if args.import_file else []


def _export(args: argparse.Namespace) -> list[Path]:
    # An export records its layout (and a pseudonymised one its audit entry) in the project;
    # the tables write into their projects only what goes on record: names on purpose, or leaks let through.
    from .qdpx_export import wants_qdpx, written_projects

    if wants_qdpx(args):
        return written_projects(args)
    if args.format == "tables":
        return list(args.project) if args.with_names or args.allow_leaks else []
    if len(args.project) != 1:
        return []
    to_stdout = args.output is None or str(args.output) == "-"
    return [] if to_stdout and not args.pseudonymise else [args.project[0]]


def _quotes(args: argparse.Namespace) -> list[Path]:
    # Listing writes only an override of the leak gate, on record (as export's tables).
    return [args.project] if args.add or args.remove or args.allow_leaks else []


def _batch(args: argparse.Namespace) -> list[Path]:
    # A batch takes each interview's lock itself, one interview at a time (core/batch/runner.py),
    # so that the other interviews stay free for another batch, a window or a command meanwhile.
    return []


# command → the project file(s) this invocation writes (empty: it only reads this time)
WRITERS: dict[str, Callable[[argparse.Namespace], list[Path]]] = {
    "transcribe": _transcribed,
    "batch": _batch,
    "import": _imported,
    "meta": _meta,
    "clean": _the_project,
    "diarise": _the_project,
    "speakers": _speakers,
    "roster": _roster,
    "pseudonymise": _the_project,
    "export": _export,
    "quotes": _quotes,
    "restore": _the_project,
}
# commands that write no project (their outputs are other files)
READERS = frozenset(
    {
        "info",
        "cite",
        "find-quote",
        "check-citations",
        "validation-pack",
        "clean-text",
        "pseudonymise-text",
        "depseudonymise",
        "voices",  # writes the study folder's voices/, never a project
        "study",  # writes study.json; moving a project in takes that project's lock itself (core/study)
        "accuracy",
        "compare-models",  # transcribes an excerpt in memory; writes no project
        "methods",
        "models",  # the model folder, never a project
    }
)


@contextmanager
def writer_lock(args: argparse.Namespace) -> Iterator[None]:
    """Hold the lock of every project this command writes while the body runs; nothing for readers.

    Raises ``ProjectLockedError`` (exit 2) when another window or command writes one of them.
    A transcription the window started runs under the window's lock (``HANDOVER_VARIABLE``).
    """
    command = getattr(args, "command", None)
    writes = WRITERS.get(command)
    if writes is None:
        yield
        return
    holder = TRANSCRIBING if command == "transcribe" else command
    handover = os.environ.get(HANDOVER_VARIABLE) or None
    seen: set[Path] = set()
    with ExitStack() as stack:
        for path in writes(args):
            key = Path(os.path.abspath(path))
            if key in seen:
                continue
            seen.add(key)
            lock = ProjectLock(path, holder, on_notice=_note, handover=handover)
            try:
                lock.acquire()
            except TranskriptError as error:
                if getattr(args, "progress_jsonl", False):  # the window reads why from standard output
                    _json_line(event="error", message=str(error), exit_code=error.exit_code)
                raise
            stack.callback(lock.release)
        yield


def _note(message: str) -> None:
    print(f"Note: {message}", file=sys.stderr)


def _json_line(**fields) -> None:
    """A line of ``transcribe --progress-jsonl``'s protocol (cli._JsonLines): a refusal before the run."""
    try:
        sys.stdout.write(json.dumps(fields) + "\n")
        sys.stdout.flush()
    except (OSError, ValueError):
        pass
