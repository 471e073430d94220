"""``export``: the transcript in every format, pseudonymised or not, and the thesis tables."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.cleanup import LEVELS
from ..core.errors import TranskriptError
from ..core.file_safety import check_files, reading, writing
from .common import EXIT_OK


def add_commands(commands) -> None:
    _add_export(commands)


def _add_export(commands) -> None:
    from ..core.exports import FORMATS, SEVERAL_INTERVIEWS
    from ..core.layout import OVERLAP_MARKS

    p = commands.add_parser(
        "export",
        help="write the transcript: line-numbered appendix (docx, pdf, txt), subtitles, QDA files, tables, "
        "a REFI-QDA project of several interviews (qdpx)",
    )
    p.add_argument(
        "project", type=Path, nargs="+", help="project file (several, or a folder, for --format tables, qdpx)"
    )
    p.add_argument(
        "--format",
        metavar="FORMAT",
        help=f"{', '.join(FORMATS)}, audio (a pseudonymised recording), or for several projects "
        f"{' or '.join(SEVERAL_INTERVIEWS)} (default: from the output file's extension, else plain)",
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
    p.add_argument(
        "--overlap-marks",
        choices=OVERLAP_MARKS,
        help="mark overlapped speech (two voices at once, found with the speakers): none, slashes "
        "(noScribe's //ja men//) or brackets (Jefferson's [ja men]) "
        "(default: as the last appendix, else none)",
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
    pseudonymising.add_argument(
        "--profile",
        choices=("appendix", "validation", "archive"),
        help="who the export is for: appendix keeps positions, ages and places unless you decided "
        "otherwise (pseudonymise --generalise); archive generalises every indirect identifier; validation "
        "is one informant's copy of the appendix (their own words; see --informant)",
    )
    pseudonymising.add_argument(
        "--informant",
        metavar="CODE",
        help="--profile validation: whose copy (default: the roster's one informant); their own turns in "
        "full, the interviewer's as context with identifiers generalised, everyone else's left out",
    )
    p.add_argument(
        "--with-names",
        action="store_true",
        help="tables: the informant table with real names (default: codes only); recorded in the audit log",
    )
    from .audio_export import add_audio_options

    add_audio_options(p)
    p.set_defaults(handler=_export)


def _export(args: argparse.Namespace) -> int:
    from ..core.exports import check_format, format_for_path
    from ..core.exports.use_case import ExportRequest, export_transcript
    from ..core.project.file import load_project
    from .audio_export import export_audio_command, refuse_audio_options, wants_audio
    from .qdpx_export import export_qdpx_command, wants_qdpx

    if wants_audio(args):  # the recording with the names covered: checked there
        return export_audio_command(args)
    refuse_audio_options(args)
    if wants_qdpx(args):  # several projects, or a folder of them: checked there
        return export_qdpx_command(args)
    check_files(
        [reading(path, "the project you are exporting", project=True) for path in args.project],
        [writing(args.output, "The export", "-o"), writing(args.key, "The key", "--key", backup=True)],
    )
    to_stdout = args.output is None or str(args.output) == "-"
    fmt = args.format or (None if to_stdout else format_for_path(args.output)) or "plain"
    if fmt == "tables":
        return _export_tables(args)
    check_format(fmt)
    _check_options(args, fmt, to_stdout)
    request = ExportRequest(
        fmt,
        None if to_stdout else args.output,
        level=args.view,
        width=args.width,
        timestamps=args.timestamps,
        pseudonymise=args.pseudonymise,
        key=args.key,
        accept_review=args.accept_review,
        allow_leaks=args.allow_leaks,
        profile=getattr(args, "profile", None),
        informant=getattr(args, "informant", None),
        overlap_marks=args.overlap_marks,
    )
    project = load_project(args.project[0])
    outcome = export_transcript(project, request)
    _say_what_was_done(outcome)
    if outcome.changed:
        _save(project, args.project[0], audited=bool(outcome.audit))
    return EXIT_OK


def _check_options(args: argparse.Namespace, fmt: str, to_stdout: bool) -> None:
    """The options' combinations, in the words of the options."""
    if args.with_names:
        raise TranskriptError("--with-names goes with --format tables (the informant table).")
    if len(args.project) > 1:
        raise TranskriptError("Give one project to export (several only with --format tables).")
    if to_stdout and fmt in ("docx", "pdf"):
        raise TranskriptError(f"A {fmt.upper()} file cannot be printed here; give an output file with -o.")
    if not args.pseudonymise:
        if args.key or args.accept_review or args.allow_leaks or getattr(args, "profile", None):
            raise TranskriptError("--key, --accept-review, --allow-leaks, --profile go with --pseudonymise.")
    elif args.key is None and not to_stdout:
        raise TranskriptError(
            "A pseudonymised export needs --key KEY.json: the file that links codes to real names, kept "
            "apart from the export."
        )


def _say_what_was_done(outcome) -> None:
    """Standard output gets the export's text; standard error what was written and kept."""
    from ..core.exports import APPENDIX_FORMATS

    if outcome.text is not None:
        sys.stdout.write(outcome.text)
    else:
        lines = f", {outcome.lines} numbered lines" if outcome.lines is not None else ""
        print(f"Wrote {outcome.path}{lines}", file=sys.stderr)
        if outcome.request.profile == "validation":
            print(
                "Note: a validation copy is laid out as the appendix, with its line numbers, but it does not "
                "replace it: the project's appendix is unchanged.",
                file=sys.stderr,
            )
        elif outcome.fmt in APPENDIX_FORMATS and not outcome.appendix:
            print(
                "Note: this export is not pseudonymised, so it is a private copy: the project's appendix "
                "(what cite, find-quote and validation packages use) stays the pseudonymised one.",
                file=sys.stderr,
            )
    if outcome.key is not None:
        print(f"Wrote the key to {outcome.key}: keep it apart from the export", file=sys.stderr)
    if outcome.leaks:
        print(f"Exported despite {outcome.leaks} possible leak(s), as asked.", file=sys.stderr)


def _save(project, path: Path, *, audited: bool) -> None:
    """The export is written; remembering its layout is a bonus, but an override of the leak check
    must be on record wherever the output went (standard output too)."""
    from ..core.project.file import save_project

    try:
        save_project(project, path)
    except TranskriptError as error:
        print(f"Note: the project could not be updated: {error}", file=sys.stderr)
        if audited:
            raise


def _export_tables(args: argparse.Namespace) -> int:
    """The thesis tables: codes only, unless --with-names (recorded); the leak gate reads them first."""
    from ..core.exports.tables import export_tables
    from ..core.project.file import load_project, save_project

    if args.output is None or str(args.output) == "-":
        raise TranskriptError("The tables are a Word document; give an output file with -o (tabeller.docx).")
    unused = [flag for flag, value in (("--view", args.view), ("--width", args.width),
              ("--timestamps", args.timestamps), ("--accept-review", args.accept_review),
              ("--overlap-marks", args.overlap_marks)) if value is not None
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
    audit_before = [p.pseudonymisation.audit_count() for p in projects]
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
        if project.pseudonymisation.audit_count() != before:
            save_project(project, path)  # the audit entry must be on record: a failure here is an error
    return EXIT_OK
