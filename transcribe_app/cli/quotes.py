"""``quotes``: the project's quote basket, as the window's cite panel keeps it (core/citations/basket.py).

The basket holds the quotes a researcher means to send the informant: appendix lines
with their words and citation. ``--add 79-80`` keeps the lines' quote, ``--remove N``
takes out quote N as ``--list`` numbers it; removals count from the basket as it was
before this command, then the additions go at the end. Everything is checked before
the project is saved, so a bad line range or number changes nothing. The list prints
the quotes' words: the leak gate reads them first, as it reads ``cite``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .citations import note_unrecorded
from .common import EXIT_OK, add_allow_leaks, audited


def add_commands(commands) -> None:
    p = commands.add_parser(
        "quotes",
        help="the quote basket: keep appendix lines as quotes, remove them, list them",
        description="The quotes kept for the informant's validation package (the window's quote basket). "
        "--add keeps the quote of appendix lines (their words and citation as the appendix has them now); "
        "--remove takes out a quote by its number in --list. Without --add or --remove the basket is "
        "listed. Exit status: 0 done; 2 bad input (lines past the end, a number not in the basket), and "
        "then the project is unchanged; 4 the list would print a real name.",
    )
    p.add_argument("project", type=Path)
    p.add_argument(
        "--add",
        action="append",
        default=[],
        metavar="A-B",
        help="appendix lines to keep as one quote: 79-80, 79, or 149-151;181-185 (repeatable)",
    )
    p.add_argument(
        "--remove",
        action="append",
        default=[],
        type=int,
        metavar="N",
        help="take out quote N, numbered as --list prints them (repeatable)",
    )
    p.add_argument(
        "--list", action="store_true", help="print the basket: number, citation, words (the default)"
    )
    add_allow_leaks(p, "list the quotes")
    p.set_defaults(handler=_quotes)


def _quotes(args: argparse.Namespace) -> int:
    from ..core.citations import open_appendix
    from ..core.citations.basket import add_quotes, quotes_of_lines, remove_quotes
    from ..core.project.file import ProjectWriter, load_project

    project = load_project(args.project)
    writer = ProjectWriter(args.project)  # one .bak: the project as it was before this command
    removed = remove_quotes(project, args.remove) if args.remove else []
    appendix, added = None, []
    if args.add:
        appendix = open_appendix(project)
        note_unrecorded(appendix, args.project.name)
        added = quotes_of_lines(appendix, args.add)
        add_quotes(project, added)
    if removed or added:
        writer.save(project)
    for quote in removed:
        print(f"Removed {quote.shown_citation} from the quote basket.", file=sys.stderr)
    for quote in added:
        print(f"Added {quote.shown_citation} to the quote basket.", file=sys.stderr)
    if args.list or not (args.add or args.remove):
        _list(project, args, appendix, writer)
    elif removed or added:
        print(f"The quote basket holds {_count(len(project.quotes))}.", file=sys.stderr)
    return EXIT_OK


def _list(project, args: argparse.Namespace, appendix, writer) -> None:
    """Number, citation and words of each quote, through the leak gate; a note for quotes whose lines
    hold other words now."""
    from ..core.citations import open_appendix
    from ..core.citations.basket import quote_moved

    if not project.quotes:
        print(
            f"The quote basket of {args.project.name} is empty. Keep appendix lines in it with: "
            f"transcribe-app quotes {args.project} --add 79-80",
            file=sys.stderr,
        )
        return
    appendix = appendix or open_appendix(project)
    printed = "".join(
        f"{number}\t{quote.shown_citation}\t{' '.join((quote.text or '').split())}\n"
        for number, quote in enumerate(project.quotes, start=1)
    )
    with audited(project, args.project, writer):  # the words go into a thesis: the gate reads them
        appendix.gate(printed, allow_leaks=args.allow_leaks, what="quotes")
    sys.stdout.write(printed)
    for number, quote in enumerate(project.quotes, start=1):
        if quote_moved(quote, appendix.lines):
            print(
                f"Note: the words on the lines of quote {number} {quote.shown_citation} are not the words it "
                f"was added with: the transcript or the appendix changed since. Check them with: "
                f"transcribe-app cite {args.project} --lines {quote.lines.replace(' ', '')}",
                file=sys.stderr,
            )


def _count(number: int) -> str:
    return f"{number} quote{'s' if number != 1 else ''}"
