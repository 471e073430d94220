"""``speakers`` (talk time; swap or rename) and ``roster`` (who is who; import and export)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.errors import TranskriptError
from ..core.file_safety import check_files, reading, writing
from .common import EXIT_OK, note, print_columns


def add_commands(commands) -> None:
    _add_speakers(commands)
    _add_roster(commands)


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
    from ..core.diarise.labels import set_speaker, swap_speakers, talk_time
    from ..core.project.file import load_project, save_project

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
    from ..core.project.file import load_project, save_project
    from ..core.project.roster import (
        check_roster_output,
        informant_table,
        merge_roster,
        read_roster,
        write_roster,
    )

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
        entries = read_roster(args.import_file, on_notice=note)
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
        print_columns(
            ("label", "code", "role", "name", "aliases"),
            [(e.label or "-", e.code, e.role, e.name, "; ".join(e.aliases)) for e in project.roster],
        )
        print("\nInformant table")
        print_columns(
            ("name", "position", "area", "code"),
            [(r.name, r.position, r.area, r.code) for r in informant_table(project.roster)],
        )
    return EXIT_OK


