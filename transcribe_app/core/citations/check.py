"""The manuscript check: does every citation in a thesis point at the words it quotes?

For a quote with a citation the quoted words must stand within the cited lines
of that transcript's appendix (laid out as its last export recorded):

- OK: they do (a wider range than the quote needs is fine; it covers the quote);
- WRONG LINES: they stand elsewhere in a cited transcript — the right citation is given;
- NOT FOUND: they stand nowhere (the nearest stretch is named when there is one);
- UNKNOWN CODE: no project has the code (and the quote is not in the others cited).

A bare reference, without a quote, is checked for its lines existing:
OK, RANGE DOES NOT EXIST, or UNKNOWN CODE.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..errors import BadInputError
from ..project.record import Project
from .appendix import Appendix, CitedQuote
from .library import Appendices
from .manuscript import CitedPassage, accept_code, manuscript_citations
from .quotes import parse_quote
from .references import Reference, format_citation

OK = "OK"
WRONG_LINES = "WRONG LINES"
NOT_FOUND = "NOT FOUND"
UNKNOWN_CODE = "UNKNOWN CODE"
NO_SUCH_RANGE = "RANGE DOES NOT EXIST"
STATUSES = (OK, WRONG_LINES, NOT_FOUND, UNKNOWN_CODE, NO_SUCH_RANGE)


@dataclass(frozen=True)
class CitationCheck:
    """The verdict on one citation of a manuscript."""

    passage: CitedPassage
    status: str
    right: str | None = None  # WRONG LINES: where the quote does stand, e.g. "(VJ: 79-80)"
    note: str = ""  # why, in a few words

    @property
    def ok(self) -> bool:
        return self.status == OK

    @property
    def citation(self) -> str:
        return self.passage.citation.written

    @property
    def quote(self) -> str | None:
        return self.passage.quote


def check_manuscript(
    docx_path: str | os.PathLike[str], projects: Appendices | Mapping[str, Project] | Iterable[Project]
) -> list[CitationCheck]:
    """Check every citation in the manuscript ``docx_path`` against the projects (keyed by citation code)."""
    shelf = projects if isinstance(projects, Appendices) else Appendices(projects)
    passages = manuscript_citations(docx_path, accept_code(set(shelf.codes)))
    return [check_passage(passage, shelf) for passage in passages]


def check_passage(passage: CitedPassage, shelf: Appendices) -> CitationCheck:
    """The verdict on one citation (with its quote, if it has one)."""
    references = passage.citation.references
    unknown = [r.code for r in references if r.code not in shelf]
    known = [r for r in references if r.code in shelf]
    if passage.quote is None or not _has_words(passage.quote):
        return _check_reference(passage, shelf, known, unknown)
    quote = passage.quote
    for reference in known:
        appendix = shelf.appendix(reference.code)
        if appendix.find(quote, within=reference.ranges).places:
            return CitationCheck(passage, OK)
    found: list[CitedQuote] = []
    for reference in known:
        found += shelf.appendix(reference.code).find(quote).places
    if found:
        right = " or ".join(place.citation for place in found)
        return CitationCheck(passage, WRONG_LINES, right, "the quote stands in other lines")
    if unknown:
        return CitationCheck(passage, UNKNOWN_CODE, note=_unknown(unknown, shelf))
    return CitationCheck(passage, NOT_FOUND, note=_nearest(quote, [shelf.appendix(r.code) for r in known]))


def _check_reference(passage, shelf: Appendices, known: list[Reference], unknown: list[str]) -> CitationCheck:
    if unknown:
        return CitationCheck(passage, UNKNOWN_CODE, note=_unknown(unknown, shelf))
    for reference in known:
        appendix = shelf.appendix(reference.code)
        count = len(appendix.lines)
        for line_range in reference.ranges:
            if not 1 <= line_range.first <= line_range.last <= count:
                return CitationCheck(
                    passage, NO_SUCH_RANGE, note=f"the appendix of {reference.code} has lines 1-{count}"
                )
    return CitationCheck(passage, OK)


def _has_words(quote: str) -> bool:
    try:
        parse_quote(quote)
    except BadInputError:
        return False
    return True


def _unknown(codes: list[str], shelf: Appendices) -> str:
    return f"no project has the code {', '.join(codes)} (known: {', '.join(shelf.codes) or 'none'})"


def _nearest(quote: str, appendices: list[Appendix]) -> str:
    best = None
    for appendix in appendices:
        miss = appendix.find(quote).nearest
        if miss is not None and (best is None or miss.shared > best[1].shared):
            best = (appendix, miss)
    if best is None:
        return "the quote stands nowhere in the cited transcripts"
    appendix, miss = best
    citation = format_citation(appendix.code or "?", miss.ranges)
    return f"nearest: {citation}, {miss.describe()}"


def summary(checks: list[CitationCheck]) -> str:
    """``12 citations checked: 9 OK, 1 WRONG LINES, 2 NOT FOUND``."""
    counts = Counter(check.status for check in checks)
    parts = [f"{counts[status]} {status}" for status in STATUSES if counts[status]]
    noun = "citation" if len(checks) == 1 else "citations"
    return f"{len(checks)} {noun} checked: " + (", ".join(parts) if parts else "nothing to check")


def report_line(check: CitationCheck, quote_length: int = 40) -> str:
    """One line per citation: status, citation, the quote's start, the right citation or why, where."""
    parts = [f"{check.status:<20}", check.citation]
    if check.quote is not None:
        parts.append(f"„{_start(check.quote, quote_length)}“")
    if check.right:
        parts.append(f"→ {check.right}")
    if check.note and check.status != WRONG_LINES:
        parts.append(f"({check.note})")
    parts.append(f"[{check.passage.where}]")
    return "  ".join(parts)


def _start(quote: str, length: int) -> str:
    quote = " ".join(quote.split())
    return quote if len(quote) <= length else quote[: length - 1].rstrip() + "…"
