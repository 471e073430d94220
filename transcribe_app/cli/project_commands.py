"""Commands on one project's record: ``info``, ``meta``, ``import``, ``clean`` and ``clean-text``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.cleanup import LEVELS
from ..core.errors import TranskriptError
from ..core.file_safety import check_files, reading, writing
from .common import EXIT_OK, note, warnings_on_stderr


def add_commands(commands) -> None:
    _add_info(commands)
    _add_meta(commands)
    _add_import(commands)
    _add_clean(commands)
    _add_clean_text(commands)


def _add_info(commands) -> None:
    p = commands.add_parser("info", help="summarise a project file")
    p.add_argument("project", type=Path)
    p.set_defaults(handler=_info)


def _info(args: argparse.Namespace) -> int:
    from ..core.project.file import load_project
    from ..core.project.summary import summarise

    project = load_project(args.project)
    print(summarise(project, args.project))
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
    from ..core.project.file import load_project, save_project
    from ..core.project.metadata import describe_metadata, update_metadata

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
    from ..core.imports.typed import import_transcript
    from ..core.project.file import save_project
    from ..core.project.record import default_project_path

    output = args.output or default_project_path(args.transcript)
    check_files(
        [reading(args.transcript, "the typed transcript you are importing")],
        [writing(output, "The project file", "-o", backup=True)],
    )
    if output.exists() and not args.overwrite:
        raise TranskriptError(f"The project “{output.name}” already exists; use --overwrite to replace it.")
    with warnings_on_stderr("transcribe_app.core.imports.typed"):
        project = import_transcript(args.transcript, kind=args.kind, title=args.title, on_notice=note)
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
    from ..core.cleanup.review import hidden_report
    from ..core.project.file import load_project, save_project

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
    from ..core.cleanup.review import clean_turn_line

    for line in sys.stdin:
        sys.stdout.write(clean_turn_line(line.rstrip("\r\n"), args.level) + "\n")
    return EXIT_OK


