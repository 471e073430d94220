"""The thesis appendix as PDF, with the same numbered lines as the DOCX and TXT.

Each layout line is drawn as one line of text; nothing is re-wrapped, so line
N of the PDF is line N of every other export. DejaVu Sans (shipped in
``resources/fonts`` with its licence) is embedded, so æ, ø and å print on any
computer. The font size is measured from the actual lines: the widest one
fits the text column. Pages carry the heading at the top and "Side X af Y" at
the bottom.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas

from ..errors import TranskriptError
from ..resources import resource_path
from .document import ExportDocument

REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM = 20 * mm, 25 * mm, 22 * mm
GUTTER = 12 * mm
MAX_SIZE, MIN_SIZE = 10.5, 6.0
LEADING = 1.45  # line height as a multiple of the font size
GREY = Color(0.44, 0.44, 0.44)


@dataclass
class _Row:
    """Something drawn at one baseline: the heading, a provenance line or a numbered line."""

    kind: str  # heading | source | blank | line
    text: str = ""
    number: int = 0
    prefix: str = ""


def render_pdf(document: ExportDocument) -> bytes:
    """The appendix as PDF bytes."""
    _register_fonts()
    size = font_size(document)
    pages = _paginate(_rows(document), size)
    buffer = io.BytesIO()
    # invariant: no creation date or random id, so the same transcript gives the same file
    canvas = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1)
    properties = document.properties
    canvas.setTitle(properties["title"])
    canvas.setAuthor(properties["author"])
    canvas.setCreator(properties["comments"])
    canvas.setSubject(properties["subject"])
    canvas.setKeywords(properties["keywords"])
    for page_number, page in enumerate(pages, start=1):
        _page_frame(canvas, document.heading, page_number, len(pages))
        for y, row in page:
            _draw(canvas, row, y, size)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def font_size(document: ExportDocument) -> float:
    """The largest size (≤ 10.5 pt) at which the widest line fits the text column."""
    column = PAGE_WIDTH - 2 * MARGIN_SIDE - GUTTER
    widest = max(
        (
            pdfmetrics.stringWidth(line.prefix, BOLD, 1) + pdfmetrics.stringWidth(line.body, REGULAR, 1)
            for line in document.lines
        ),
        default=1.0,
    )
    return max(MIN_SIZE, min(MAX_SIZE, int(column / widest * 4) / 4))


@cache
def _register_fonts() -> None:
    for name in (REGULAR, BOLD):
        path = resource_path("fonts", f"{name}.ttf")
        try:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except (OSError, TTFError) as exc:
            raise TranskriptError(
                f"The font file “{path}” is missing or damaged, so no PDF can be made. "
                "Reinstall Transkript, or export as DOCX or TXT."
            ) from exc


def _rows(document: ExportDocument) -> list[_Row]:
    rows = [_Row("heading", document.heading), _Row("blank")]
    rows += [_Row("source", text) for text in document.provenance]
    rows.append(_Row("blank"))
    rows += [_Row("line", line.body, line.number, line.prefix) for line in document.lines]
    return rows


def _height(row: _Row, size: float) -> float:
    if row.kind == "heading":
        return 14 * LEADING
    if row.kind == "source":
        return 8.5 * LEADING
    return size * LEADING


def _paginate(rows: list[_Row], size: float) -> list[list[tuple[float, _Row]]]:
    """Baselines for every row, page by page (so that "af Y" is known before drawing)."""
    pages: list[list[tuple[float, _Row]]] = [[]]
    y = PAGE_HEIGHT - MARGIN_TOP
    for row in rows:
        height = _height(row, size)
        if y - height < MARGIN_BOTTOM and pages[-1]:
            pages.append([])
            y = PAGE_HEIGHT - MARGIN_TOP
        y -= height
        pages[-1].append((y, row))
    return pages


def _page_frame(canvas: Canvas, heading: str, page: int, pages: int) -> None:
    canvas.setFillColor(GREY)
    canvas.setFont(REGULAR, 7.5)
    canvas.drawString(MARGIN_SIDE, PAGE_HEIGHT - 14 * mm, heading)
    canvas.drawCentredString(PAGE_WIDTH / 2, 11 * mm, f"Side {page} af {pages}")


def _draw(canvas: Canvas, row: _Row, y: float, size: float) -> None:
    if row.kind == "heading":
        canvas.setFillColor(Color(0, 0, 0))
        canvas.setFont(BOLD, 14)
        canvas.drawString(MARGIN_SIDE, y, row.text)
    elif row.kind == "source":
        canvas.setFillColor(GREY)
        canvas.setFont(REGULAR, 8.5)
        canvas.drawString(MARGIN_SIDE, y, row.text)
    elif row.kind == "line":
        canvas.setFillColor(GREY)
        canvas.setFont(REGULAR, max(MIN_SIZE, size - 1.5))
        canvas.drawRightString(MARGIN_SIDE + GUTTER - 3 * mm, y, str(row.number))
        # One text object per line, so a PDF reader extracts the line as one piece of text.
        text = canvas.beginText(MARGIN_SIDE + GUTTER, y)
        text.setFillColor(Color(0, 0, 0))
        if row.prefix:
            text.setFont(BOLD, size)
            text.textOut(row.prefix)
        text.setFont(REGULAR, size)
        text.textOut(row.text)
        canvas.drawText(text)
