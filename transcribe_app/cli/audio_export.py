"""``export … --format audio --pseudonymise [--profile archive]``: the recording with every replaced name
(and, by the profile and the decisions, every generalised indirect identifier) covered."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.errors import TranskriptError
from .common import EXIT_OK

AUDIO_ENDINGS = (".flac", ".wav", ".mp3", ".opus")  # core/exports/audio.py AUDIO_FORMATS


def add_audio_options(parser: argparse.ArgumentParser) -> None:
    """The options only a pseudonymised recording takes."""
    group = parser.add_argument_group(
        "a pseudonymised recording (--format audio, -o OUT.flac|.wav|.mp3|.opus)"
    )
    group.add_argument(
        "--cover",
        choices=("tone", "silence"),
        help="what covers each replaced name: a 1 kHz tone (default: a listener hears that something "
        "was covered) or silence",
    )
    group.add_argument(
        "--disguise-voice",
        type=float,
        nargs="?",
        const=4.0,
        metavar="SEMITONES",
        help="shift every voice's pitch (default 4 semitones): a weak disguise, not anonymisation",
    )


def wants_audio(args: argparse.Namespace) -> bool:
    """``--format audio``, or no format and an output file with an audio ending."""
    if args.format is not None:
        return args.format == "audio"
    return args.output is not None and Path(args.output).suffix.lower() in AUDIO_ENDINGS


def refuse_audio_options(args: argparse.Namespace) -> None:
    """``--cover`` and ``--disguise-voice`` belong to a recording: refused with any other format."""
    if args.cover is not None or args.disguise_voice is not None:
        raise TranskriptError(
            "--cover and --disguise-voice go with --format audio (a pseudonymised recording)."
        )


def export_audio_command(args: argparse.Namespace) -> int:
    from ..core.exports.audio import AudioRequest, export_audio
    from ..core.file_safety import check_files, reading, writing
    from ..core.project.file import load_project, save_project

    if args.output is None or str(args.output) == "-":
        raise TranskriptError("A recording cannot be printed; give an output file with -o (interview.flac).")
    if not args.pseudonymise:
        raise TranskriptError(
            "--format audio writes a pseudonymised recording: add --pseudonymise (the recording itself is "
            "the copy with names)."
        )
    chosen = (("--view", args.view), ("--width", args.width), ("--timestamps", args.timestamps),
              ("--overlap-marks", getattr(args, "overlap_marks", None)),
              ("--with-names", args.with_names), ("--informant", args.informant))  # fmt: skip
    unused = [flag for flag, value in chosen if value not in (None, False)]
    if unused:
        raise TranskriptError(
            f"{' and '.join(unused)} concern(s) the transcript's lines; a recording holds none. Leave it out."
        )
    if len(args.project) > 1:
        raise TranskriptError("Give one project: a pseudonymised recording is made from one interview.")
    if args.key is None:
        raise TranskriptError(
            "A pseudonymised recording needs --key KEY.json: the file that records what was covered and who "
            "is behind each code, kept apart from the recording."
        )
    path = args.project[0]
    project = load_project(path)
    recording = project.audio_file(path)
    check_files(
        [reading(path, "the project you are exporting", project=True), reading(recording, "the recording")],
        [
            writing(args.output, "The pseudonymised recording", "-o"),
            writing(args.key, "The key", "--key", backup=True),
        ],
    )
    request = AudioRequest(
        args.output,
        args.key,
        cover=args.cover or "tone",
        disguise_semitones=args.disguise_voice or 0.0,
        accept_review=args.accept_review,
        allow_leaks=args.allow_leaks,
        profile=args.profile,
    )
    outcome = export_audio(project, path, request)
    covered = sum(span.end - span.start for span in outcome.spans)
    identifiers = f" and {outcome.identifiers} indirect identifier(s)" if outcome.identifiers else ""
    print(
        f"Wrote {args.output}: {outcome.names} name mention(s){identifiers} covered in "
        f"{len(outcome.spans)} stretch(es), "
        f"{covered:.1f} s in all, by {request.cover}"
        + (
            f"; every voice shifted {request.disguise_semitones:+g} semitones"
            if request.disguise_semitones
            else ""
        ),
        file=sys.stderr,
    )
    if request.disguise_semitones:
        print(
            "Note: the voice disguise is weak; the recording still identifies the speakers.", file=sys.stderr
        )
    print(f"Wrote the key to {args.key}: keep it apart from the recording", file=sys.stderr)
    if outcome.leaks:
        print(f"Exported despite {outcome.leaks} possible leak(s), as asked.", file=sys.stderr)
    if outcome.changed:
        save_project(project, path)  # the key's audit entry and any override must be on record
    return EXIT_OK
