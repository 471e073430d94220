"""``cite``, ``find-quote``, ``check-citations`` and ``validation-pack``.

All four read the appendix as the project's last export laid it out (core/citations).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.errors import TranskriptError
from ..core.file_safety import check_files, reading, writing
from .common import EXIT_NOT_SO, EXIT_OK, add_allow_leaks, audited


def add_commands(commands) -> None:
    _add_cite(commands)
    _add_find_quote(commands)
    _add_check_citations(commands)
    _add_validation_pack(commands)


def _appendix(project_path: Path):
    """The project's appendix, with a note when no export recorded how it was laid out."""
    from ..core.citations import open_appendix
    from ..core.project.file import load_project

    appendix = open_appendix(load_project(project_path))
    if not appendix.code:
        raise TranskriptError(
            f"“{project_path.name}” has no citation code, so its lines cannot be cited. "
            f"Give it one with: transcribe-app meta {project_path} --code VJ"
        )
    note_unrecorded(appendix, project_path.name)
    return appendix


def note_unrecorded(appendix, name: str) -> None:
    """Say when the lines are not (or no longer) those of an exported appendix."""
    if not appendix.recorded:
        print(
            f"Note: no appendix export is recorded in {name}; lines are numbered as an export would number "
            f"them now ({appendix.describe()}).",
            file=sys.stderr,
        )
    elif appendix.changed_since_export:
        print(
            f"Warning: {name} changed after its appendix was exported (edits or pseudonymisation decisions); "
            "line numbers here may differ from the appendix in your thesis. Export the appendix again.",
            file=sys.stderr,
        )


def _add_cite(commands) -> None:
    p = commands.add_parser(
        "cite", help="print the citation of appendix lines, e.g. (VJ: 79-80), and the words on them"
    )
    p.add_argument("project", type=Path)
    p.add_argument(
        "--lines",
        required=True,
        action="append",
        metavar="A-B",
        help="appendix lines: 79-80, 79, or several ranges 149-151;181-185 (repeatable)",
    )
    add_allow_leaks(p, "print the lines")
    p.set_defaults(handler=_cite)


def _cite(args: argparse.Namespace) -> int:
    from ..core.citations import parse_ranges

    appendix = _appendix(args.project)
    cited = appendix.cite([line_range for text in args.lines for line_range in parse_ranges(text)])
    printed = f"{cited.citation}\n{cited.text}\n"
    with audited(appendix.project, args.project):  # the lines go into a thesis: the gate reads them
        appendix.gate(printed, allow_leaks=args.allow_leaks, what="cite")
    sys.stdout.write(printed)
    return EXIT_OK


def _add_find_quote(commands) -> None:
    p = commands.add_parser(
        "find-quote",
        help="find where a quote stands in the appendix and print its citation",
        description="Find a quote in the project's appendix (laid out as its last export) and print each "
        "place with its citation. The quote may be cut (... or … at either end), shortened ((...) or [...] "
        "inside), carry inserted [words], and be cleaned of talk language (øh, stutters) that a verbatim "
        "appendix still has. Exit status: 0 found in exactly one place; 1 found nowhere, or in several "
        "places (all are printed); 2 bad input.",
    )
    p.add_argument("project", type=Path)
    p.add_argument("quote", help='the quote as the thesis has it; "-" reads it from standard input')
    p.set_defaults(handler=_find_quote)


def _find_quote(args: argparse.Namespace) -> int:
    from ..core.citations import format_citation

    quote = sys.stdin.read() if args.quote == "-" else args.quote
    appendix = _appendix(args.project)
    search = appendix.find(quote)
    for place in search.places:
        print(f"{place.citation}  {place.text}")
    if search.found:
        return EXIT_OK
    if search.places:
        print(
            f"The quote stands in {len(search.places)} places; quote more of it, or cite the lines you mean.",
            file=sys.stderr,
        )
        return EXIT_NOT_SO
    message = f"The quote was not found in the appendix of {appendix.code} ({appendix.describe()})."
    if search.nearest is not None:
        nearest = search.nearest
        message += f"\nNearest: {format_citation(appendix.code, nearest.ranges)}, {nearest.describe()}."
    print(message, file=sys.stderr)
    return EXIT_NOT_SO


def _add_check_citations(commands) -> None:
    p = commands.add_parser(
        "check-citations",
        help="check every citation (VJ: 79-80) in a manuscript against the appendices",
        description="Read a manuscript (.docx), find every quote followed by a citation such as "
        "(VJ: 79-80) or (SK: 320-321; HOK: 452-456), and check that the quoted words stand in those lines "
        "of that transcript's appendix (laid out as its last export). A code alone, (HOK) or (AMM; KDL), "
        "cites a whole transcript. Documents listed with --sources are cited by page, (MSB1: 26; MSB2: 4): "
        "with a file the pages must exist and the quote stand on them, without one only the form is "
        "checked. Prints one line per citation (and one per part of a citation of several): OK, "
        "WRONG LINES (with the right lines), NOT FOUND, UNKNOWN CODE, or, for a reference without a quote, "
        "RANGE DOES NOT EXIST; then a line with the counts. Exit status: 0 all OK; 1 any citation fails; "
        "2 bad input.",
    )
    p.add_argument("manuscript", type=Path, help="the thesis or article as a Word document (.docx)")
    p.add_argument(
        "--projects",
        required=True,
        nargs="+",
        type=Path,
        metavar="DIR",
        help="folder(s) holding the project files (*.transkript.json), or project files",
    )
    p.add_argument(
        "--sources",
        type=Path,
        metavar="SOURCES.csv|.json",
        help="documents cited by code and page: columns code, title and optionally path (a PDF or DOCX, "
        "relative to the list); without it, a sources.csv or sources.json in a --projects folder is read",
    )
    p.add_argument("--json", action="store_true", help="print the checks as JSON, for scripts")
    p.set_defaults(handler=_check_citations)


def _sources(args: argparse.Namespace):
    """The documents of ``--sources``, else a sources.csv/.json in a projects folder (the study's)."""
    from ..core.citations.sources import Sources, read_sources

    if args.sources is not None:
        return read_sources(args.sources)
    lists = [
        folder / name
        for folder in args.projects
        if folder.is_dir()
        for name in ("sources.csv", "sources.json")
        if (folder / name).is_file()
    ]
    if len(lists) > 1:
        raise TranskriptError(
            f"Several lists of sources ({', '.join(str(path) for path in lists)}); say which with --sources."
        )
    return read_sources(lists[0]) if lists else Sources()


def _check_citations(args: argparse.Namespace) -> int:
    import json

    from ..core.citations import Appendices, check_manuscript, report_line, summary
    from ..core.citations.check import as_json

    shelf = Appendices.from_paths(args.projects)
    checks = check_manuscript(args.manuscript, shelf, _sources(args))
    for appendix in shelf.opened():
        note_unrecorded(appendix, appendix.code)
    if args.json:
        print(json.dumps(as_json(checks), ensure_ascii=False, indent=2))
        return EXIT_OK if all(check.ok for check in checks) else EXIT_NOT_SO
    for check in checks:
        print(report_line(check))
    if not checks:
        print(f"No citations like (VJ: 79-80) in {args.manuscript.name}; nothing to check.", file=sys.stderr)
        return EXIT_OK
    print(summary(checks))
    return EXIT_OK if all(check.ok for check in checks) else EXIT_NOT_SO


def _add_validation_pack(commands) -> None:
    p = commands.add_parser(
        "validation-pack",
        help="write the quotes for an informant to approve, with their context, as a Word document",
        description="Write a Danish Word document addressed to the informant: per quote, the quote as used, "
        "its citation, the appendix lines around it with the quote's lines highlighted, and a field for the "
        "reply. The lines are those of the appendix: the last line-numbered export, and once a "
        "pseudonymised one is recorded, always that one (a later plain export is a private copy). Give the "
        "quotes with --quote (repeatable), --quotes FILE and/or --from-manuscript. Exit status: 0 written; 2 "
        "bad input (a quote not found or in several places, a range past the last line…); 4 the package "
        "would hold a real name (a quote as written, or the lines of an appendix not pseudonymised).",
    )
    p.add_argument("project", type=Path)
    p.add_argument(
        "--quote",
        action="append",
        default=[],
        metavar="QUOTE",
        help='appendix lines ("79-80", "149-151;181-185") or the quote\'s words; repeatable',
    )
    p.add_argument(
        "--quotes",
        type=Path,
        metavar="FILE",
        help="a UTF-8 text file with one quote a line: line ranges or words (# starts a comment line)",
    )
    p.add_argument(
        "--from-manuscript",
        type=Path,
        metavar="THESIS.docx",
        help="every quote the manuscript cites with this transcript's code",
    )
    p.add_argument("--context", type=int, default=3, metavar="N", help="lines before and after (default 3)")
    p.add_argument(
        "--informant",
        metavar="CODE",
        help="whose package (default: the roster's one informant): their own lines in full, the "
        "interviewer's as context with other people and identifiers generalised, nobody else's",
    )
    p.add_argument(
        "-o", "--output", type=Path, required=True, help="the Word document to write, e.g. VJ_citater.docx"
    )
    add_allow_leaks(p, "write the package")
    p.set_defaults(handler=_validation_pack)


def _validation_pack(args: argparse.Namespace) -> int:
    from ..core.citations import quotes_from_manuscript, resolve_quotes
    from ..core.citations.validation import read_quote_list, render_pack
    from ..core.exports.files import atomic_write_bytes

    if args.output.suffix.lower() != ".docx":
        raise TranskriptError(
            f"The validation package is a Word document; name it .docx, not “{args.output.name}”."
        )
    check_files(
        [
            reading(args.project, "the project the quotes come from", project=True),
            reading(args.from_manuscript, "the manuscript"),
            reading(args.quotes, "the list of quotes"),
        ],
        [writing(args.output, "The validation package", "-o")],
    )
    appendix = _appendix(args.project)
    quotes = list(args.quote)
    if args.quotes is not None:
        quotes += read_quote_list(args.quotes)
    if args.from_manuscript is not None:
        cited = quotes_from_manuscript(args.from_manuscript, appendix.code)
        if not cited:
            raise TranskriptError(
                f"{args.from_manuscript.name} quotes nothing with a citation ({appendix.code}: …)."
            )
        quotes += cited
    if not quotes:
        raise TranskriptError(
            "Say which quotes to include: --quote 79-80, --quotes FILE or --from-manuscript."
        )
    resolved = resolve_quotes(appendix, quotes)
    with audited(appendix.project, args.project):
        pack = render_pack(
            appendix, resolved, args.context, allow_leaks=args.allow_leaks, output=args.output,
            informant=args.informant,
        )  # fmt: skip
        atomic_write_bytes(args.output, pack)
    for quote in resolved:
        if quote.note:
            print(f"Note: {quote.note}", file=sys.stderr)
    whose = _informant(appendix, args.informant)
    if whose is not None and not any(line.speaker == whose for line in appendix.lines):
        print(
            f"Note: no turn of the transcript is labelled {whose}, so only the quoted lines and the "
            "interviewer's are shown; the other lines around the quotes are left out as someone else's. "
            "Label the informant's turns with their code (the roster's label column) to show their own.",
            file=sys.stderr,
        )
    print(
        f"Wrote {args.output}: {len(resolved)} quote(s) with up to {args.context} lines of context, "
        f"addressed to {_addressee(appendix, args.informant)}",
        file=sys.stderr,
    )
    return EXIT_OK


def _informant(appendix, informant: str | None) -> str | None:
    from ..core.exports.validation_copy import whose_copy

    return whose_copy(appendix.project, informant, required=False)


def _addressee(appendix, informant: str | None) -> str:
    return (_informant(appendix, informant) if informant else None) or appendix.code or "?"
