"""The quote-validation package (PRODUCT.md step 7): the quotes an informant is asked to approve.

One Word document per informant, in Danish: addressed to the informant by code,
a short explanation, then per quote the quote as the thesis uses it, its
citation, the transcript lines around it (numbered as in the appendix, the
quote's own lines highlighted) and an empty field for the reply. The lines come
from the appendix (``open_appendix``), so they are pseudonymised exactly as the
appendix is; the quotes as written are checked for real names before anything
is made.

A quote is asked for as line ranges (``"79-80"``), as its words (found in the
appendix; it must stand in exactly one place), or as a citation read from a
manuscript (``quotes_from_manuscript``), which the cited lines settle.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ..errors import BadInputError, TranskriptError
from ..project.record import Project
from .appendix import Appendix, CitedQuote, open_appendix
from .manuscript import CitedPassage, manuscript_citations
from .pack_quotes import PackQuote
from .references import format_citation, is_line_ranges, parse_ranges

DEFAULT_CONTEXT = 3
MAX_CONTEXT = 50


class QuoteLeakError(TranskriptError):
    """A quote as written holds a real name; no package was made."""

    exit_code = 4  # as the export gate


def validation_pack(
    project: Project,
    quotes: Sequence[str | CitedPassage],
    context: int = DEFAULT_CONTEXT,
    *,
    allow_leaks: bool = False,
    output: str | os.PathLike[str] | None = None,
    informant: str | None = None,
) -> bytes:
    """The validation package as DOCX bytes; ``quotes``: line ranges, quote texts or manuscript passages.

    ``output``: the file it goes to (its name is checked for real names too); see ``render_pack``."""
    appendix = open_appendix(project)
    return render_pack(
        appendix, resolve_quotes(appendix, quotes), context, allow_leaks=allow_leaks, output=output,
        informant=informant,
    )  # fmt: skip


def quotes_from_manuscript(path: str | os.PathLike[str], code: str) -> list[CitedPassage]:
    """Every quote in the manuscript cited with ``code`` (bare references are not quotes)."""
    folded = code.casefold()
    return [
        passage
        for passage in manuscript_citations(path, lambda c: True)
        if passage.quote is not None and any(c.casefold() == folded for c in passage.citation.codes)
    ]


def read_quote_list(path: str | os.PathLike[str]) -> list[str]:
    """Quotes from a text file, one per line (line ranges or words); blank lines and ``#`` lines skipped."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BadInputError(f"The list of quotes “{path}” does not exist.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInputError(
            f"The list of quotes “{path.name}” cannot be read as UTF-8 text ({exc})."
        ) from exc
    quotes = [line.strip() for line in text.splitlines()]
    quotes = [quote for quote in quotes if quote and not quote.startswith("#")]
    if not quotes:
        raise BadInputError(
            f"The list of quotes “{path.name}” is empty: write one quote or line range a line."
        )
    return quotes


def resolve_quotes(appendix: Appendix, requests: Sequence[str | CitedPassage]) -> list[PackQuote]:
    """Where each requested quote stands; one ``BadInputError`` listing every quote that cannot be placed."""
    code = appendix.require_code()
    resolved, problems = [], []
    for number, request in enumerate(requests, 1):
        try:
            resolved.append(_resolve(appendix, code, request))
        except BadInputError as error:
            problems.append(f"  quote {number}: {error}")
    if problems:
        raise BadInputError("No validation package was made:\n" + "\n".join(problems))
    if not resolved:
        raise BadInputError("No quotes were given for the validation package.")
    return resolved


def _resolve(appendix: Appendix, code: str, request: str | CitedPassage) -> PackQuote:
    if isinstance(request, CitedPassage):
        return _resolve_cited(appendix, code, request)
    text = request.strip()
    if is_line_ranges(text):
        cited = appendix.cite(parse_ranges(text))
        return PackQuote(cited.text, cited)
    return PackQuote(text, _only_place(appendix, text))


def _resolve_cited(appendix: Appendix, code: str, passage: CitedPassage) -> PackQuote:
    quote = passage.quote or ""
    ranges = [
        r for ref in passage.citation.references if ref.code.casefold() == code.casefold() for r in ref.ranges
    ]
    within = appendix.find(quote, within=ranges).places
    if within:
        return PackQuote(quote, within[0])
    place = _only_place(appendix, quote)
    note = f"{passage.where}: cited as {passage.citation.written}, but the quote stands in {place.citation}"
    return PackQuote(quote, place, note)


def _only_place(appendix: Appendix, quote: str) -> CitedQuote:
    search = appendix.find(quote)
    start = _start(quote)
    if not search.places:
        nearest = search.nearest
        hint = (
            f"; nearest: {format_citation(appendix.code or '?', nearest.ranges)}, {nearest.describe()}"
            if nearest
            else ""
        )
        raise BadInputError(f"„{start}“ is not in the appendix{hint}.")
    if len(search.places) > 1:
        places = ", ".join(place.citation for place in search.places)
        raise BadInputError(
            f"„{start}“ stands in {len(search.places)} places ({places}); "
            "give its line range instead, such as 79-80."
        )
    return search.places[0]


def _start(text: str, length: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


# -- the document -------------------------------------------------------------------------


def render_pack(
    appendix: Appendix,
    quotes: Sequence[PackQuote],
    context: int = DEFAULT_CONTEXT,
    *,
    allow_leaks: bool = False,
    output: str | os.PathLike[str] | None = None,
    informant: str | None = None,
) -> bytes:
    """The package as DOCX bytes, after the leak gate: the quotes as written, then everything the
    document shows (lines, headings, properties) and its file name ``output``.

    The package is one informant's (``informant``, default the roster's one informant): the context
    lines are theirs, the interviewer's with other people and identifiers generalised, and nobody
    else's (``exports/validation_copy.py``); a quote in another participant's turn is refused. With
    no informant on the roster the lines are the appendix's as they stand.

    Real names stop the package (``QuoteLeakError`` for a quote as written, ``AppendixLeakError`` for the
    rest, both exit 4) unless ``allow_leaks``, which the project's audit log records (``Appendix.gate``).
    """
    if not 0 <= context <= MAX_CONTEXT:
        raise BadInputError(f"Give between 0 and {MAX_CONTEXT} lines of context, not {context}.")
    quote_leaks = _check_names(appendix, quotes, allow_leaks)
    from . import pack_docx  # not for a cycle (there is none): python-docx loads only when a package is made

    code, lines = _informant_lines(appendix, quotes, informant)
    # Addressed by the transcript's citation code (an interview's is its informant's), unless a focus
    # group's package is for one of its informants.
    data = pack_docx.render(appendix, quotes, context, lines=lines, informant=code if informant else None)
    appendix.gate(
        pack_docx.readable_text(data),
        allow_leaks=allow_leaks,
        output=output,
        what="validation package",
        leaks=quote_leaks,
    )
    return data


def _informant_lines(appendix: Appendix, quotes: Sequence[PackQuote], informant: str | None):
    """Whose package it is and the lines they may see; (None, None) when the roster marks no informant.
    A quote standing in another participant's turn is refused: it would show them someone else's words."""
    from ..exports.validation_copy import (
        informant_codes,
        informant_lines,
        interviewer_codes,
        someone_else,
        whose_copy,
    )

    code = whose_copy(appendix.project, informant, required=False)
    if code is None:
        if len(informant_codes(appendix.project)) > 1:
            whose_copy(appendix.project, None)  # several informants: the sentence asking whose it is
        return None, None
    interviewers = interviewer_codes(appendix.project) - {code}
    quoted = {n for quote in quotes for r in quote.cited.ranges for n in r.numbers}
    if not any(line.speaker == code for line in appendix.lines):
        # The informant's code labels no turn ("IP:" never linked to VJ in the roster): whose words a
        # line holds cannot be told, so the quotes stand as the researcher attributes them and every
        # other line but the interviewer's is left out (the command says how to label the turns).
        return code, informant_lines(appendix.document, code, shown=quoted)
    problems = [
        f"  {quote.cited.citation}: line {n} is {appendix.lines[n - 1].speaker}'s"
        for quote in quotes
        for r in quote.cited.ranges
        for n in r.numbers
        if appendix.lines[n - 1].speaker is not None
        and someone_else(appendix.lines[n - 1], code, interviewers)
    ]
    if problems:
        raise BadInputError(
            f"No validation package was made: it is {code}'s, and these quotes stand in another "
            "participant's turn, whose words they may not see:\n" + "\n".join(problems)
        )
    return code, informant_lines(appendix.document, code, shown=quoted)


def _check_names(appendix: Appendix, quotes: Sequence[PackQuote], allow_leaks: bool = False) -> list:
    """The package must not bring a real name in through a quote as written: with a pseudonymised appendix
    the roster's and every replaced name, with a plain one the roster's."""
    from ..pseudonymise.outputs import find_output_leaks

    text = "\n".join(" ".join(q.quote.split()) for q in quotes)
    leaks = find_output_leaks(text, appendix.project.roster, appendix.names)
    # With a plain appendix the names stand in its lines too: the appendix's gate says what to do.
    if leaks and not allow_leaks and appendix.document.pseudonymised:
        shown = "\n".join(f"  quote {leak.line}: “{leak.found}” ({leak.name})" for leak in leaks[:20])
        raise QuoteLeakError(
            f"No validation package was made: the quotes as written hold {len(leaks)} real name(s), "
            f"while the appendix is pseudonymised.\n{shown}\n"
            "Write the quotes as the appendix has them (with the codes and [Person N]), or go on with "
            "--allow-leaks (recorded in the audit log)."
        )
    return leaks
