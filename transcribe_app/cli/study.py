"""``study``: a folder of interviews with one roster, one set of pseudonyms and one key.

    transcribe-app study init DIR [--title T] [--roster FILE] [--model M] [--language L] [--level L]
                              [--width N]
    transcribe-app study add DIR RECORDING|TRANSCRIPT|PROJECT… [--kind elite|focus_group]
    transcribe-app study roster DIR FILE
    transcribe-app study DIR [--json]

The words after ``study`` decide: ``init``, ``add`` and ``roster`` are actions on the
folder that follows; anything else is the folder whose overview is printed (a
folder called ``init`` is ``./init``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..core.errors import BadInputError
from ..core.project.transcript import LEVELS
from .common import EXIT_OK, counted, print_columns

_ACTIONS = ("init", "add", "roster")


def add_commands(commands) -> None:
    p = commands.add_parser(
        "study",
        help="a study: interviews with one roster and one set of pseudonyms (init, add, roster, overview)",
        description=__doc__.split("\n\n")[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        usage="transcribe-app study [init|add|roster] DIR [FILE …] [options]",
    )
    p.add_argument("words", nargs="+", metavar="WORDS", help="[init|add|roster] DIR [FILE …]: what and where")
    p.add_argument("--title", help="init: the study's title (default: the folder's name)")
    p.add_argument("--roster", type=Path, help="init: the study's roster (.csv or .json)")
    p.add_argument("--model", help="init: the Whisper model every interview is transcribed with")
    p.add_argument("--language", help="init: the language of the interviews (default: da)")
    p.add_argument("--level", choices=LEVELS, help="init: the cleanup level of the appendices")
    p.add_argument("--width", type=int, metavar="N", help="init: characters per numbered appendix line (85)")
    p.add_argument("--kind", choices=("elite", "focus_group"), help="add: the kind of the interviews added")
    p.add_argument("--json", action="store_true", help="the overview as JSON")
    p.set_defaults(handler=_study)


def _study(args: argparse.Namespace) -> int:
    action, rest = (args.words[0], args.words[1:]) if args.words[0] in _ACTIONS else ("overview", args.words)
    _check_options(args, action)
    if not rest:
        raise BadInputError(f"Give the study folder: transcribe-app study {action} DIR.")
    folder, files = Path(rest[0]), [Path(word) for word in rest[1:]]
    if action == "add" and not files:
        raise BadInputError("Give the recordings, typed transcripts or projects to add to the study.")
    if action == "roster" and len(files) != 1:
        raise BadInputError("Give one roster file: transcribe-app study roster DIR ROSTER.csv.")
    if action in ("init", "overview") and files:
        raise BadInputError(f"“study {action}” takes only the study folder; “{files[0]}” is one too many.")
    return {"init": _init, "add": _add, "roster": _roster, "overview": _overview}[action](args, folder, files)


def _check_options(args: argparse.Namespace, action: str) -> None:
    init = {"title", "roster", "model", "language", "level", "width"}
    allowed = {"init": init, "add": {"kind"}, "roster": set(), "overview": {"json"}}[action]
    for option in (*sorted(init), "kind", "json"):
        if getattr(args, option) not in (None, False) and option not in allowed:
            raise BadInputError(f"--{option} does not go with “study {action}”.")


def _init(args: argparse.Namespace, folder: Path, _files: list[Path]) -> int:
    from ..core.study.members import init_study
    from ..core.study.record import save_study

    _check_width(args.width)
    study = init_study(folder, args.title or "")
    _settings(study, args)
    if args.roster is not None:
        _import_roster(study, args.roster)
    save_study(study)
    print(
        f"Made the study “{study.title}” in {folder} ({len(study.roster)} people in its roster).",
        file=sys.stderr,
    )
    return EXIT_OK


def _check_width(width: int | None) -> None:
    from ..core.layout import MAX_WIDTH, MIN_WIDTH

    if width is not None and not MIN_WIDTH <= width <= MAX_WIDTH:
        raise BadInputError(f"--width must be between {MIN_WIDTH} and {MAX_WIDTH} characters per line.")


def _settings(study, args: argparse.Namespace) -> None:
    settings = study.settings
    settings.model = args.model or settings.model
    settings.language = args.language or settings.language
    settings.cleanup_level = args.level or settings.cleanup_level
    settings.layout_width = args.width or settings.layout_width


def _add(args: argparse.Namespace, folder: Path, files: list[Path]) -> int:
    from ..core.project.lock import ProjectLock
    from ..core.study.members import add_to_study
    from ..core.study.record import load_study, save_study, study_file

    with ProjectLock(study_file(folder), "study add"):
        study = load_study(folder)
        before = len(study.interviews)
        try:
            added = add_to_study(study, files, args.kind)
        finally:
            if len(study.interviews) != before:
                save_study(study)  # what was brought in before a failure is listed, never lost
    for item in added:
        how = "moved in" if item.moved else "made"
        print(f"{item.project.name}: {how} (appendix {item.appendix})", file=sys.stderr)
    return EXIT_OK


def _roster(args: argparse.Namespace, folder: Path, files: list[Path]) -> int:
    from ..core.project.lock import ProjectLock
    from ..core.study.record import load_study, save_study, study_file

    with ProjectLock(study_file(folder), "study roster"):
        study = load_study(folder)
        _import_roster(study, files[0])
        save_study(study)
    print(f"The study's roster has {len(study.roster)} people.", file=sys.stderr)
    return EXIT_OK


def _import_roster(study, path: Path) -> None:
    from ..core.study.roster import import_study_roster
    from .common import note

    for warning in import_study_roster(study, path):
        note(warning)


def _overview(args: argparse.Namespace, folder: Path, _files: list[Path]) -> int:
    from ..core.project.transcript import clock_time
    from ..core.study.overview import overview
    from ..core.study.record import load_study

    study = load_study(folder)
    rows = overview(study)
    if args.json:
        data = {
            "title": study.title,
            "folder": str(study.folder),
            "interviews": [row.to_dict() for row in rows],
        }
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return EXIT_OK
    interviews = counted(len(rows), "interview", "interviews")
    people = counted(len(study.roster), "person", "people")
    print(f"{study.title}: {interviews}, {people} in the roster")
    print_columns(
        (
            "appendix",
            "interview",
            "kind",
            "state",
            "corrected",
            "names",
            "appendix export",
            "duration",
            "speakers",
        ),
        [
            (
                row.appendix if row.appendix is not None else "-",
                row.project,
                "focus group" if row.kind == "focus_group" else "elite",
                row.stage,
                f"{row.corrected:.0%}" if row.corrected is not None else "-",
                {None: "-", True: "reviewed", False: "to review"}[row.names_reviewed],
                row.appendix_state or "-",
                clock_time(row.duration) if row.duration is not None else "-",
                row.speakers or "-",
            )
            for row in rows
        ],
    )
    for row in rows:
        if row.problem:
            print(f"{row.project}: {row.problem}", file=sys.stderr)
    return EXIT_OK
