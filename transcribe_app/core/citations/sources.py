"""Sources a thesis cites that are not interviews: documents, cited by code and page.

``(MSB1: 7)``, ``(MSB1: 26; MSB2: 4)``: the numbers after a document's code are
pages. The researcher lists the documents in a CSV or JSON file (``--sources``):
a code, a title and, optionally, the path of the document (PDF or DOCX; a relative
path is read from the list's folder). With a file, a cited page must exist in it,
and a quote before the citation must stand on the cited pages; without one, the
code is known and only the form of the citation is checked.

A DOCX has no fixed pages: its pages are those Word last laid out (the page
breaks Word records when it saves). A DOCX saved by a program that records none
is one page, and its cited pages are not checked.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..errors import BadInputError
from .matching import search
from .quotes import parse_quote
from .references import LineRange, format_citation
from .words import WordStream, key

# The verdicts of the manuscript check (``check``), on a citation, one of its parts, or a document's pages.
OK = "OK"
WRONG_LINES = "WRONG LINES"
NOT_FOUND = "NOT FOUND"
UNKNOWN_CODE = "UNKNOWN CODE"
NO_SUCH_RANGE = "RANGE DOES NOT EXIST"
_WORD = re.compile(r"[\w\u0300-\u036f]+")
COLUMNS = ("code", "title", "path")


@dataclass(frozen=True)
class PagesCheck:
    """The verdict on the pages a citation names in one document (statuses as in ``check``)."""

    status: str
    note: str = ""
    right: str | None = None  # WRONG LINES: the pages the quote stands on, "(MSB1: 2)"


@dataclass(frozen=True)
class Source:
    """A document a thesis cites by code and page."""

    code: str
    title: str
    path: Path | None = None

    @cached_property
    def pages(self) -> list[str] | None:
        """The text of each page; None without a file, or for a DOCX that records no pages."""
        if self.path is None:
            return None
        return read_pages(self.path)

    def check(self, ranges: tuple[LineRange, ...], quote: str | None) -> PagesCheck:
        """The verdict on pages ``ranges`` of this document, and on the quote before them (or None)."""
        for page_range in ranges:
            if not 1 <= page_range.first <= page_range.last:
                return PagesCheck(NO_SUCH_RANGE, f"pages {page_range} cannot be meant")
        pages = self.pages
        if pages is None:
            return PagesCheck(
                OK,
                "code known; no file to check the pages against"
                if self.path is None
                else "the DOCX records no pages; only the form was checked",
            )
        for page_range in ranges:
            if page_range.last > len(pages):
                return PagesCheck(NO_SUCH_RANGE, f"{self.code} has pages 1-{len(pages)}")
        if quote is None or not ranges:
            return PagesCheck(OK)
        pattern = parse_quote(quote)
        wanted = {n for r in ranges for n in r.numbers}
        stream = _page_words(pages)
        if search(stream.within(wanted), pattern, omissions_unbounded=True):
            return PagesCheck(OK)
        found = search(stream, pattern)
        if found:
            pages_found = sorted({n for m in found for n in stream.lines_of(m.covered)})
            right = format_citation(self.code, (LineRange(pages_found[0], pages_found[-1]),))
            where = ", ".join(map(str, pages_found))
            return PagesCheck(WRONG_LINES, f"the quote stands on page {where} of {self.code}", right)
        return PagesCheck(NOT_FOUND, f"the quote stands on none of the cited pages of {self.code}")


def _page_words(pages: list[str]) -> WordStream:
    stream = WordStream()
    for number, text in enumerate(pages, start=1):
        # A word hyphenated at a line's end in a PDF ("infor-\nmation") is one word again.
        for match in _WORD.finditer(re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)):
            stream.add(key(match.group()), False, number, number)
    stream.lines_with_words = frozenset(stream.first_line)
    return stream


def read_pages(path: Path) -> list[str] | None:
    """The text of each page of a PDF or DOCX (None: a DOCX without recorded pages)."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return _pdf_pages(path)
    if suffix == ".docx":
        return _docx_pages(path)
    raise BadInputError(f"The source “{path.name}” is neither a PDF nor a Word document (.docx).")


def _pdf_pages(path: Path) -> list[str]:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        return [page.extract_text() or "" for page in PdfReader(path).pages]
    except ImportError as exc:
        raise BadInputError(
            f"Reading the pages of “{path.name}” needs pypdf; install it (pip install pypdf)."
        ) from exc
    except (PdfReadError, OSError, ValueError, KeyError) as exc:
        raise BadInputError(f"The PDF “{path}” cannot be read ({exc}); is it damaged?") from exc


def _docx_pages(path: Path) -> list[str] | None:
    """Pages where Word last laid them out (``w:lastRenderedPageBreak``, which Word writes on saving);
    without any, at the page breaks typed into the text; without those either, None."""
    from docx.oxml.ns import qn

    from ..imports.docx_reading import open_docx

    body = open_docx(path, "source document").element.body
    rendered = qn("w:lastRenderedPageBreak")
    # Word records a rendered break after a typed one as well: counting both would make empty pages.
    uses_rendered = next(body.iter(rendered), None) is not None
    pages: list[str] = []
    current: list[str] = []
    for element in body.iter(qn("w:t"), rendered, qn("w:br"), qn("w:p")):
        if element.tag == qn("w:t"):
            current.append(element.text or "")
        elif element.tag == qn("w:p"):
            current.append("\n")
        elif element.tag == rendered if uses_rendered else element.get(qn("w:type")) == "page":
            pages.append("".join(current))
            current = []
    pages.append("".join(current))
    return pages if len(pages) > 1 else None


# -- the list of sources ---------------------------------------------------------------


@dataclass
class Sources:
    """The documents of a thesis by code."""

    by_code: dict[str, Source] = field(default_factory=dict)

    def resolve(self, code: str) -> Source | None:
        return self.by_code.get(code) or next(
            (s for c, s in self.by_code.items() if c.casefold() == code.casefold()), None
        )

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and self.resolve(code) is not None

    @property
    def codes(self) -> list[str]:
        return sorted(self.by_code)


def read_sources(path: str | Path) -> Sources:
    """The sources listed in a CSV (columns code, title, path) or JSON file (a list of such objects)."""
    path = Path(path)
    if not path.is_file():
        raise BadInputError(f"The list of sources “{path}” does not exist.")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInputError(
            f"The list of sources “{path.name}” cannot be read as UTF-8 text ({exc})."
        ) from exc
    if path.suffix.lower() == ".json":
        rows = _json_rows(text, path)
    elif path.suffix.lower() == ".csv":
        rows = _csv_rows(text, path)
    else:
        raise BadInputError(f"The list of sources “{path.name}” must be a .csv or .json file.")
    return _sources(rows, path)


def _json_rows(text: str, path: Path) -> list[dict]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise BadInputError(f"The list of sources “{path.name}” is not valid JSON ({exc}).") from exc
    if isinstance(data, dict) and isinstance(data.get("sources"), list):
        data = data["sources"]
    if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
        raise BadInputError(
            f"The list of sources “{path.name}” must be a JSON list of objects with "
            '"code", "title" and optionally "path".'
        )
    return data


def _csv_rows(text: str, path: Path) -> list[dict]:
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(text.splitlines(), dialect=dialect)
    columns = [c.strip().casefold() for c in reader.fieldnames or []]
    if "code" not in columns or "title" not in columns or not set(columns) <= set(COLUMNS):
        raise BadInputError(
            f"The list of sources “{path.name}” must have the columns code, title and optionally path "
            f"(it has: {', '.join(columns) or 'none'})."
        )
    return [{k.strip().casefold(): v for k, v in row.items() if k is not None} for row in reader]


def _sources(rows: list[dict], path: Path) -> Sources:
    from .references import CODE

    sources = Sources()
    for number, row in enumerate(rows, start=1):
        code, title, file = row.get("code"), row.get("title"), row.get("path")
        if not isinstance(code, str) or not re.fullmatch(CODE, code.strip()):
            raise BadInputError(
                f"Source {number} in “{path.name}” has no usable code (“{code}”): a letter, then letters, "
                "digits or hyphens, as MSB1."
            )
        if not isinstance(title, str) or not title.strip():
            raise BadInputError(f"Source {code} in “{path.name}” has no title.")
        if file is not None and not isinstance(file, str):
            raise BadInputError(f"The path of source {code} in “{path.name}” must be text.")
        document = None
        if file and file.strip():
            document = (path.parent / file.strip()).resolve()
            if not document.is_file():
                raise BadInputError(
                    f"The document of source {code} in “{path.name}”, “{file.strip()}”, does not exist."
                )
            if document.suffix.lower() not in (".pdf", ".docx"):
                raise BadInputError(
                    f"The document of source {code} must be a PDF or DOCX, not “{document.name}”."
                )
        code = code.strip()
        if code in sources:
            raise BadInputError(f"“{path.name}” lists the code {code} twice.")
        sources.by_code[code] = Source(code, title.strip(), document)
    return sources
