"""The manuscript check: does every citation in a thesis point at the words it quotes?

For a quote with a citation the quoted words must stand within the cited lines
of that transcript's appendix (laid out as its last export recorded):

- OK: they do (a wider range than the quote needs is fine; it covers the quote);
- WRONG LINES: they stand elsewhere in a cited transcript — the right citation is given;
- NOT FOUND: they stand nowhere (the nearest stretch is named when there is one);
- UNKNOWN CODE: no project has the code (and the quote is not in the others cited).

A bare reference, without a quote, is checked for its lines existing:
OK, RANGE DOES NOT EXIST, or UNKNOWN CODE. A code alone, ``(HOK)``, cites the
whole transcript: a quote before it may stand anywhere in it.

Documents listed as sources (``sources.Sources``) are cited by page: a cited page
must exist in the document, and a quote must stand on the cited pages; a source
without a file is known by its code and only the form is checked. A citation of
several parts (``(HEK: 980-986; HOK)``, ``(MSB1: 26; MSB2: 4)``) is judged as a
whole, and each part is reported too (``CitationCheck.parts``).
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
from .sources import NO_SUCH_RANGE, NOT_FOUND, OK, UNKNOWN_CODE, WRONG_LINES, PagesCheck, Sources

STATUSES = (OK, WRONG_LINES, NOT_FOUND, UNKNOWN_CODE, NO_SUCH_RANGE)


@dataclass(frozen=True)
class PartCheck:
    """The verdict on one part of a citation: a code with its lines or pages (or the code alone)."""

    cited: str  # "HEK: 980-986", "HOK", "MSB1: 26"
    kind: str  # interview | document | unknown
    status: str
    note: str = ""


@dataclass(frozen=True)
class CitationCheck:
    """The verdict on one citation of a manuscript."""

    passage: CitedPassage
    status: str
    right: str | None = None  # WRONG LINES: where the quote does stand, e.g. "(VJ: 79-80)"
    note: str = ""  # why, in a few words
    parts: tuple[PartCheck, ...] = ()

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
    docx_path: str | os.PathLike[str],
    projects: Appendices | Mapping[str, Project] | Iterable[Project],
    sources: Sources | None = None,
) -> list[CitationCheck]:
    """Check every citation in the manuscript ``docx_path`` against the projects (keyed by citation code)
    and the documents listed in ``sources``."""
    shelf = projects if isinstance(projects, Appendices) else Appendices(projects)
    sources = sources or Sources()
    known = {*shelf.codes, *sources.codes}
    folded = {code.casefold() for code in known}
    passages = manuscript_citations(docx_path, accept_code(known), lambda code: code.casefold() in folded)
    return [check_passage(passage, shelf, sources) for passage in passages]


def check_passage(passage: CitedPassage, shelf: Appendices, sources: Sources | None = None) -> CitationCheck:
    """The verdict on one citation (with its quote, if it has one), and on each of its parts."""
    sources = sources or Sources()
    references = passage.citation.references
    documents = [r for r in references if r.code not in shelf and r.code in sources]
    known = [r for r in references if r.code in shelf]
    unknown = [r.code for r in references if r.code not in shelf and r.code not in sources]
    quote = passage.quote if passage.quote is not None and _has_words(passage.quote) else None
    cited_pages = {r.code: sources.resolve(r.code).check(r.ranges, quote) for r in documents}
    parts = tuple(_part(r, shelf, cited_pages) for r in references)
    verdict = _verdict(passage, quote, shelf, sources, known, unknown, cited_pages)
    return CitationCheck(passage, verdict.status, verdict.right, verdict.note, parts)


def _verdict(passage, quote, shelf, sources, known, unknown, cited_pages) -> CitationCheck:
    if cited_pages:
        if quote is not None and any(pages.status == OK for pages in cited_pages.values()):
            return CitationCheck(passage, OK)
        if not known:
            if unknown:
                return CitationCheck(passage, UNKNOWN_CODE, note=_unknown(unknown, shelf, sources))
            failed = [pages for pages in cited_pages.values() if pages.status != OK]
            if failed:
                return CitationCheck(passage, failed[0].status, failed[0].right, failed[0].note)
            return CitationCheck(passage, OK)
    if quote is None:
        return _check_reference(passage, shelf, sources, known, unknown)
    for reference in known:
        appendix = shelf.appendix(reference.code)
        if appendix.find(quote, within=reference.ranges or None).places:
            return CitationCheck(passage, OK)
    found: list[CitedQuote] = []
    for reference in known:
        found += shelf.appendix(reference.code).find(quote).places
    if found:
        right = " or ".join(place.citation for place in found)
        return CitationCheck(passage, WRONG_LINES, right, "the quote stands in other lines")
    if unknown:
        return CitationCheck(passage, UNKNOWN_CODE, note=_unknown(unknown, shelf, sources))
    return CitationCheck(passage, NOT_FOUND, note=_nearest(quote, [shelf.appendix(r.code) for r in known]))


def _part(reference: Reference, shelf: Appendices, cited_pages: dict[str, PagesCheck]) -> PartCheck:
    """A part's own verdict: its code is known, and its lines or pages exist."""
    if reference.code in cited_pages:
        pages = cited_pages[reference.code]
        return PartCheck(str(reference), "document", pages.status, pages.note)
    if reference.code not in shelf:
        return PartCheck(str(reference), "unknown", UNKNOWN_CODE, "no project or source has this code")
    missing = _missing_lines(reference, shelf)
    return PartCheck(str(reference), "interview", NO_SUCH_RANGE if missing else OK, missing or "")


def _missing_lines(reference: Reference, shelf: Appendices) -> str | None:
    count = len(shelf.appendix(reference.code).lines)
    for line_range in reference.ranges:
        if not 1 <= line_range.first <= line_range.last <= count:
            return f"the appendix of {reference.code} has lines 1-{count}"
    return None


def _check_reference(
    passage, shelf: Appendices, sources: Sources, known: list[Reference], unknown: list[str]
) -> CitationCheck:
    if unknown:
        return CitationCheck(passage, UNKNOWN_CODE, note=_unknown(unknown, shelf, sources))
    for reference in known:
        missing = _missing_lines(reference, shelf)
        if missing:
            return CitationCheck(passage, NO_SUCH_RANGE, note=missing)
    return CitationCheck(passage, OK)


def _has_words(quote: str) -> bool:
    try:
        parse_quote(quote)
    except BadInputError:
        return False
    return True


def _unknown(codes: list[str], shelf: Appendices, sources: Sources) -> str:
    if not sources.codes:
        return f"no project has the code {', '.join(codes)} (known: {', '.join(shelf.codes) or 'none'})"
    return (
        f"no project or source has the code {', '.join(codes)} "
        f"(known: {', '.join(shelf.codes) or 'none'}; sources: {', '.join(sources.codes)})"
    )


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
    line = "  ".join(parts)
    if len(check.parts) > 1:  # a citation of several parts: each on its own line under it
        line += "".join(
            f"\n    {part.status:<20}  {part.cited}" + (f"  ({part.note})" if part.note else "")
            for part in check.parts
        )
    return line


def as_json(checks: list[CitationCheck]) -> dict:
    """The checks for scripts: one object per citation (with its parts), and the counts per kind."""
    counts = Counter(check.status for check in checks)
    return {
        "checked": len(checks),
        "counts": {status: counts[status] for status in STATUSES},
        "citations": [
            {
                "status": check.status,
                "citation": check.citation,
                "where": check.passage.where,
                "quoted": check.quote is not None,
                "right": check.right,
                "note": check.note,
                "parts": [
                    {"cited": p.cited, "kind": p.kind, "status": p.status, "note": p.note}
                    for p in check.parts
                ],
            }
            for check in checks
        ],
    }


def _start(quote: str, length: int) -> str:
    quote = " ".join(quote.split())
    return quote if len(quote) <= length else quote[: length - 1].rstrip() + "…"
