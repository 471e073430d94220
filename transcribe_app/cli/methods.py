"""``methods``: a paragraph for the thesis' method chapter about how the transcripts were made."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import EXIT_OK


def add_commands(commands) -> None:
    p = commands.add_parser(
        "methods",
        help="write a paragraph for the method chapter: how the transcripts were made, from what the "
        "projects record",
    )
    p.add_argument("project", type=Path, nargs="+", help="project files, or a folder of them (a study)")
    p.add_argument(
        "--lang", choices=("da", "en"), default="da", help="the paragraph's language (default: da, Danish)"
    )
    p.set_defaults(handler=_methods)


def _methods(args: argparse.Namespace) -> int:
    from ..core.methods import methods_text

    sys.stdout.write(methods_text(list(args.project), args.lang) + "\n")
    return EXIT_OK
