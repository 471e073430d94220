"""Citations that hold: citing appendix lines, finding quotes, checking a manuscript, validation packages.

Everything here reads one thing, the project's appendix as its last export laid
it out (``appendix_lines``), so a line number means the same words in the
thesis, the DOCX/PDF/TXT appendix and the informant's validation package.

    cite(project, 79, 80)                  # (VJ: 79-80) and the words on those lines
    find_quote(project, "… det var (...) godt")   # every place the quote stands
    check_manuscript("speciale.docx", projects)   # OK / WRONG LINES / NOT FOUND … per citation
    validation_pack(project, ["79-80", "det var godt"], context=3)  # DOCX bytes for the informant

Modules, in the order of the data flow: ``references`` (the citation format),
``words`` (the appendix as words with line numbers), ``quotes`` (a quote's
conventions read into a pattern), ``matching`` (where a pattern stands),
``appendix`` (the lines and the lookups), ``manuscript`` (citations and quotes
in a DOCX), ``library`` (projects by code), ``check`` (the manuscript check),
``validation`` and ``pack_docx`` (the validation package).
"""

from __future__ import annotations

from .appendix import Appendix, CitedQuote, QuoteSearch, appendix_lines, cite, find_quote, open_appendix
from .check import (
    NO_SUCH_RANGE,
    NOT_FOUND,
    OK,
    UNKNOWN_CODE,
    WRONG_LINES,
    CitationCheck,
    check_manuscript,
    report_line,
    summary,
)
from .library import Appendices
from .manuscript import CitedPassage, manuscript_citations
from .matching import NearMiss
from .references import (
    Citation,
    LineRange,
    Reference,
    find_citations,
    format_citation,
    parse_citation,
    parse_ranges,
)
from .validation import PackQuote, QuoteLeakError, quotes_from_manuscript, resolve_quotes, validation_pack

__all__ = [
    "NOT_FOUND",
    "NO_SUCH_RANGE",
    "OK",
    "UNKNOWN_CODE",
    "WRONG_LINES",
    "Appendices",
    "Appendix",
    "CitationCheck",
    "Citation",
    "CitedPassage",
    "CitedQuote",
    "LineRange",
    "NearMiss",
    "PackQuote",
    "QuoteLeakError",
    "QuoteSearch",
    "Reference",
    "appendix_lines",
    "check_manuscript",
    "cite",
    "find_citations",
    "find_quote",
    "format_citation",
    "manuscript_citations",
    "open_appendix",
    "parse_citation",
    "parse_ranges",
    "quotes_from_manuscript",
    "report_line",
    "resolve_quotes",
    "summary",
    "validation_pack",
]
