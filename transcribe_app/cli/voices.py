"""``voices``: enrol, list and remove the voices a study recognises (core/voices).

    transcribe-app voices enrol DIR --from PROJECT --speaker S1 --as I
    transcribe-app voices list DIR
    transcribe-app voices remove DIR I

A voice is biometric personal data: it is kept only in ``DIR/voices/`` and is never part of an export.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import EXIT_OK, print_columns


def add_commands(commands) -> None:
    p = commands.add_parser(
        "voices",
        help="enrol a speaker's voice in a study: diarisation then recognises them in its other interviews",
        description="A study folder's enrolled voices (DIR/voices/). When a project inside the study (or one "
        "folder below it) is diarised, each speaker found is compared with them, and a clear match is "
        "labelled with the voice's code. A voice is biometric personal data: it stays in the study folder, "
        "is never exported, and is deleted with 'voices remove'.",
    )
    actions = p.add_subparsers(title="actions", metavar="ACTION", dest="action", required=True)

    enrol = actions.add_parser("enrol", help="enrol one speaker of a corrected project")
    enrol.add_argument("study", type=Path, metavar="DIR", help="the study folder")
    enrol.add_argument("--from", dest="project", type=Path, required=True, metavar="PROJECT")
    enrol.add_argument(
        "--speaker",
        required=True,
        help="the speaker in PROJECT: a label (S1) or the code the roster gives it",
    )
    enrol.add_argument("--as", dest="code", required=True, metavar="CODE", help="the person's code: I, VJ…")
    enrol.add_argument(
        "--role",
        choices=("informant", "interviewer", "organisation", "other"),
        help="default: the speaker's role in PROJECT's roster",
    )
    enrol.add_argument("--replace", action="store_true", help="enrol again over a voice of that code")
    enrol.set_defaults(handler=_enrol)

    listing = actions.add_parser("list", help="list the voices enrolled in a study")
    listing.add_argument("study", type=Path, metavar="DIR")
    listing.set_defaults(handler=_list)

    remove = actions.add_parser("remove", help="delete an enrolled voice")
    remove.add_argument("study", type=Path, metavar="DIR")
    remove.add_argument("code", metavar="NAME", help="the voice's code, as 'voices list' shows it")
    remove.set_defaults(handler=_remove)


def _enrol(args: argparse.Namespace) -> int:
    from ..core.project.file import load_project
    from ..core.voices.enrol import enrol_voice

    project = load_project(args.project)
    profile, path = enrol_voice(
        args.study, project, args.project, args.speaker, args.code, role=args.role, replace=args.replace
    )
    print(
        f"Enrolled {profile.source_speaker} of {args.project.name} as {profile.code} ({profile.role}) from "
        f"{profile.speech_seconds:.0f} s of speech: {path}",
        file=sys.stderr,
    )
    print(
        "Diarisation now labels this voice in the study's other interviews. A voice is biometric personal "
        "data: remove it with 'transcribe-app voices remove' when the study no longer needs it.",
        file=sys.stderr,
    )
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    from ..core.errors import BadInputError
    from ..core.voices.profile import study_voices, voices_folder

    if not args.study.is_dir():
        raise BadInputError(f"The study folder “{args.study}” does not exist.")
    voices = study_voices(args.study)
    if not voices:
        print(f"No voices are enrolled in {args.study} ({voices_folder(args.study)} is empty or absent).")
        return EXIT_OK
    print_columns(
        ("code", "role", "speech", "enrolled from", "speaker", "enrolled"),
        (
            (v.code, v.role, f"{v.speech_seconds:.0f} s", v.source_project, v.source_speaker, v.enrolled_at)
            for v in voices
        ),
    )
    return EXIT_OK


def _remove(args: argparse.Namespace) -> int:
    from ..core.voices.profile import remove_profile

    path = remove_profile(args.study, args.code)
    print(f"Removed the voice {args.code}: {path} is deleted.", file=sys.stderr)
    return EXIT_OK
