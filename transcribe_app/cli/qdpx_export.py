"""``export … --format qdpx``: several interviews (or a folder of them) as one REFI-QDA project."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.errors import TranskriptError
from .common import EXIT_OK, counted


def wants_qdpx(args: argparse.Namespace) -> bool:
    """``--format qdpx``, or no format and an output file ending in ``.qdpx``."""
    if args.format is not None:
        return args.format == "qdpx"
    return args.output is not None and Path(args.output).suffix.lower() == ".qdpx"


def written_projects(args: argparse.Namespace) -> list[Path]:
    """The projects a qdpx export writes: a pseudonymised one records its key and overrides in each."""
    from ..core.exports.qdpx_export import project_files

    return project_files(list(args.project)) if args.pseudonymise else []


def export_qdpx_command(args: argparse.Namespace) -> int:
    from ..core.exports.qdpx_export import QdpxRequest, export_qdpx, load_interviews, project_files
    from ..core.file_safety import check_files, reading, writing
    from ..core.project.file import save_project

    if args.output is None or str(args.output) == "-":
        raise TranskriptError("A REFI-QDA project is a zip file; give an output file with -o (studie.qdpx).")
    chosen = (("--view", args.view), ("--width", args.width), ("--timestamps", args.timestamps),
              ("--overlap-marks", getattr(args, "overlap_marks", None)),
              ("--with-names", args.with_names))  # fmt: skip
    unused = [flag for flag, value in chosen if value not in (None, False)]
    if unused:
        raise TranskriptError(
            f"{' and '.join(unused)} cannot be chosen for a REFI-QDA project: each interview goes in as its "
            "last appendix was laid out, so that the quotes' line numbers hold. Leave it out."
        )
    paths = project_files(list(args.project))
    interviews = load_interviews(paths)
    inputs = [reading(path, "the project you are exporting", project=True) for path in paths]
    inputs += [reading(item.project.audio_file(item.path), "a recording") for item in interviews]
    check_files(
        inputs, [writing(args.output, "The export", "-o"), writing(args.key, "The key", "--key", backup=True)]
    )
    request = QdpxRequest(
        args.output,
        pseudonymise=args.pseudonymise,
        key=args.key,
        accept_review=args.accept_review,
        allow_leaks=args.allow_leaks,
    )
    outcome = export_qdpx(interviews, request)
    for note in outcome.notes:
        print(f"Note: {note}", file=sys.stderr)
    interviews = counted(outcome.interviews, "interview", "interviews")
    quotes = counted(outcome.quotes, "quote", "quotes")
    print(
        f"Wrote {args.output}: {interviews}, {outcome.recordings} with the recording, "
        f"{quotes} from the basket as codes",
        file=sys.stderr,
    )
    if args.key is not None:
        print(f"Wrote the key to {args.key}: keep it apart from the export", file=sys.stderr)
    if outcome.leaks:
        print(f"Exported despite {outcome.leaks} possible leak(s), as asked.", file=sys.stderr)
    for item in outcome.changed:
        save_project(item.project, item.path)  # the key and any override must be on record
    return EXIT_OK
