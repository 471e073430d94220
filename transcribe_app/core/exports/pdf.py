"""The thesis appendix as PDF, with the same numbered lines as the DOCX and TXT.

Each layout line is drawn as one line of text; nothing is re-wrapped, so line
N of the PDF is line N of every other export. DejaVu Sans (shipped in
``resources/fonts`` with its licence) is embedded, so æ, ø and å print on any
computer. The page and the font size come from ``layout.pdf_typeface``: the
widest numbered line fits the text column exactly. The heading, the provenance
block and the running page header are wrapped by their measured width, so nothing
is drawn outside the margins. Pages carry the heading at the top and "Side X af
Y" at the bottom.
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
from ..layout import PAGE, Typeface, pdf_typeface
from ..resources import resource_path
from .document import ExportDocument

REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM = PAGE.side * mm, PAGE.top * mm, PAGE.bottom * mm
GUTTER = PAGE.gutter * mm
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_SIDE  # heading and provenance use the whole width
LEADING = 1.45  # line height as a multiple of the font size
HEADING_SIZE, SOURCE_SIZE, FRAME_SIZE = 14, 8.5, 7.5
FRAME_TOP = 14 * mm  # the running header's first baseline, from the top edge
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
    typeface = pdf_typeface(document.lines)
    size = typeface.size
    pages = _paginate(_rows(document), size)
    frame = _frame_lines(document.heading)
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
        _page_frame(canvas, frame, page_number, len(pages))
        for y, row in page:
            _draw(canvas, row, y, typeface)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def wrap_to_width(text: str, font: str, size: float, width: float = TEXT_WIDTH) -> list[str]:
    """``text`` in lines no wider than ``width`` points in ``font`` at ``size``: greedy, by words;
    a word wider than a whole line is cut where it must be."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if pdfmetrics.stringWidth(candidate, font, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while pdfmetrics.stringWidth(word, font, size) > width:
            cut = max(1, _longest_fitting(word, font, size, width))
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current or not lines:
        lines.append(current)
    return lines


def _longest_fitting(word: str, font: str, size: float, width: float) -> int:
    low, high = 0, len(word)  # the longest prefix of ``word`` that fits
    while low < high:
        middle = (low + high + 1) // 2
        if pdfmetrics.stringWidth(word[:middle], font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return low


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
    rows = [_Row("heading", text) for text in wrap_to_width(document.heading, BOLD, HEADING_SIZE)]
    rows.append(_Row("blank"))
    rows += [
        _Row("source", piece)
        for text in document.provenance
        for piece in wrap_to_width(text, REGULAR, SOURCE_SIZE)
    ]
    rows.append(_Row("blank"))
    rows += [_Row("line", line.body, line.number, line.prefix) for line in document.lines]
    return rows


def _height(row: _Row, size: float) -> float:
    if row.kind == "heading":
        return HEADING_SIZE * LEADING
    if row.kind == "source":
        return SOURCE_SIZE * LEADING
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


def _frame_lines(heading: str) -> list[str]:
    """The running header: the heading wrapped, as many lines as fit above the text (the last cut with …)."""
    room = int((MARGIN_TOP - FRAME_TOP) // (FRAME_SIZE * LEADING)) + 1
    lines = wrap_to_width(heading, REGULAR, FRAME_SIZE)
    if len(lines) <= room:
        return lines
    last = " ".join(lines[room - 1 :])
    while last and pdfmetrics.stringWidth(last + " …", REGULAR, FRAME_SIZE) > TEXT_WIDTH:
        last = last[:-1]
    return [*lines[: room - 1], last.rstrip() + " …"]


def _page_frame(canvas: Canvas, frame: list[str], page: int, pages: int) -> None:
    canvas.setFillColor(GREY)
    canvas.setFont(REGULAR, FRAME_SIZE)
    for index, text in enumerate(frame):
        canvas.drawString(MARGIN_SIDE, PAGE_HEIGHT - FRAME_TOP - index * FRAME_SIZE * LEADING, text)
    canvas.drawCentredString(PAGE_WIDTH / 2, 11 * mm, f"Side {page} af {pages}")


def _draw(canvas: Canvas, row: _Row, y: float, typeface: Typeface) -> None:
    size = typeface.size
    if row.kind == "heading":
        canvas.setFillColor(Color(0, 0, 0))
        canvas.setFont(BOLD, HEADING_SIZE)
        canvas.drawString(MARGIN_SIDE, y, row.text)
    elif row.kind == "source":
        canvas.setFillColor(GREY)
        canvas.setFont(REGULAR, SOURCE_SIZE)
        canvas.drawString(MARGIN_SIDE, y, row.text)
    elif row.kind == "line":
        canvas.setFillColor(GREY)
        canvas.setFont(REGULAR, typeface.number_size)
        canvas.drawRightString(MARGIN_SIDE + GUTTER - PAGE.number_gap * mm, y, str(row.number))
        # One text object per line, so a PDF reader extracts the line as one piece of text.
        text = canvas.beginText(MARGIN_SIDE + GUTTER, y)
        text.setFillColor(Color(0, 0, 0))
        if row.prefix:
            text.setFont(BOLD, size)
            text.textOut(row.prefix)
        text.setFont(REGULAR, size)
        text.textOut(row.text)
        canvas.drawText(text)
