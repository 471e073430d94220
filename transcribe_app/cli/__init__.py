"""``transcribe-app``: the headless front door (batch jobs, servers, tests, benchmarks).

One module per command group; each has an ``add_commands`` that puts its commands on the parser
with their handlers. ``lock`` keeps one writer per project, ``guard`` turns any unexpected problem
into a sentence and an exit status, ``loading`` holds signals while native libraries load.

Exit codes: 0 ok, 1 a check that did not pass (find-quote: not found or in several places;
check-citations: a citation fails) or an unexpected problem (a sentence; details in the log, or with
--debug), 2 bad input or usage, 3 model not available, 4 output stopped by the leak check (a
pseudonymised export, the thesis tables, a validation package, ``cite`` or the ``quotes`` list that
would hold a real name, its file name included; ``--allow-leaks`` lets it through, on record), 130
cancelled (Ctrl+C), 141 the reader of standard output went away, 143 ended by SIGTERM (what was done
is saved).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from .. import __version__
from . import (
    accuracy,
    batch,
    citations,
    exports,
    methods,
    models,
    project_commands,
    pseudonymise,
    quotes,
    restore,
    speakers,
    study,
    transcribe,
    voices,
)
from .common import EXIT_BAD_INPUT, EXIT_CANCELLED
from .guard import guarded
from .lock import writer_lock

# The order ``transcribe-app --help`` lists them in: the workflow's order.
COMMAND_GROUPS = (
    study,
    models,
    transcribe,
    batch,
    project_commands,
    accuracy,
    exports,
    citations,
    quotes,
    speakers,
    voices,
    pseudonymise,
    restore,
    methods,
)


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
    with writer_lock(args):  # one writer per project (cli/lock.py): a second one gets exit 2
        return args.handler(args)


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
    for group in COMMAND_GROUPS:
        group.add_commands(commands)
    return parser


if __name__ == "__main__":
    sys.exit(main())
