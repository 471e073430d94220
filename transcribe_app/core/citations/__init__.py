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
``validation`` and ``pack_docx`` (the validation package); ``basket`` keeps the quotes a
researcher collects (``project.quotes``).

The names below are loaded when first used: a project file holds the quote basket, so
loading any project imports ``basket`` (and so this package) — without the layout, the
exports and the matching, which only the citation work itself needs.
"""

from __future__ import annotations

from ..lazy_names import loaded_on_use

# name → the module of this package that defines it
_HOMES = {
    **dict.fromkeys(
        ("Appendix", "CitedQuote", "QuoteSearch", "appendix_lines", "cite", "find_quote", "open_appendix"),
        "appendix",
    ),
    **dict.fromkeys(
        (
            "NO_SUCH_RANGE",
            "NOT_FOUND",
            "OK",
            "UNKNOWN_CODE",
            "WRONG_LINES",
            "CitationCheck",
            "check_manuscript",
            "report_line",
            "summary",
        ),
        "check",
    ),
    "Appendices": "library",
    "CitedPassage": "manuscript",
    "manuscript_citations": "manuscript",
    "NearMiss": "matching",
    **dict.fromkeys(
        (
            "Citation",
            "LineRange",
            "Reference",
            "find_citations",
            "format_citation",
            "parse_citation",
            "parse_ranges",
        ),
        "references",
    ),
    **dict.fromkeys(
        ("PackQuote", "QuoteLeakError", "quotes_from_manuscript", "resolve_quotes", "validation_pack"),
        "validation",
    ),
    "Quote": "basket",
}

__all__ = sorted(_HOMES)


__getattr__, __dir__ = loaded_on_use(__name__, _HOMES)
