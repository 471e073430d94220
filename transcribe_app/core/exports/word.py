"""The thesis appendix as a Word document (DOCX).

One paragraph per layout line: a right-aligned line number in a fixed left
gutter, a tab, and the line's text. The number is text, not Word's line
numbering field, so it cannot drift when the document is opened with other
fonts, margins or Word versions. Paragraphs have no spacing before or after,
so the page reads as a continuous transcript.

The font size is chosen so that a line of ``width`` characters fits the text
column even when it is wide (Calibri 11 pt up to about 85 characters, smaller
for wider settings). Should Word still wrap a line, the hanging indent puts the
overflow under the text, unnumbered, and every later number stays right.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

from .document import ExportDocument
from .printable import property_text

FONT = "Calibri"  # Word's default; LibreOffice substitutes the metric-compatible Carlito
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)  # A4
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM = Mm(20), Mm(25), Mm(20)
GUTTER = Mm(12)  # room for a five-digit line number and a gap
# Average advance of running Danish text in Calibri is about 0.43 em; 0.5 em leaves room
# for lines heavy with capitals and wide letters.
EM_PER_CHARACTER = 0.5
MAX_SIZE, MIN_SIZE = 11.0, 7.0
GREY = RGBColor(0x70, 0x70, 0x70)


def render_docx(document: ExportDocument) -> bytes:
    """The appendix as DOCX bytes: heading, provenance block, numbered lines, page numbers."""
    doc = Document()
    _page_setup(doc, document.heading)
    size = font_size(document.settings.width)
    _styles(doc, size)
    doc.add_heading(document.heading, level=1)
    for text in document.provenance:
        doc.add_paragraph(text, style="Transkript kilde")
    doc.add_paragraph("", style="Transkript kilde")
    _add_lines(doc, document)
    _core_properties(doc, document.heading)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _add_lines(doc, document: ExportDocument) -> None:
    """One paragraph per line, built as XML in one go.

    python-docx looks a style up by name on every ``add_paragraph``; for the
    thousands of lines of a focus group that takes seconds, so the paragraphs
    are written directly with the styles' ids.
    """
    styles = doc.styles
    line_id = styles["Transkript linje"].style_id
    number_id = styles["Transkript linjenummer"].style_id
    speaker_id = styles["Transkript taler"].style_id
    paragraphs = []
    for line in document.lines:
        number = f"<w:tab/><w:t>{line.number}</w:t><w:tab/>"
        runs = [f'<w:r><w:rPr><w:rStyle w:val="{number_id}"/></w:rPr>{number}</w:r>']
        if line.prefix:
            runs.append(f'<w:r><w:rPr><w:rStyle w:val="{speaker_id}"/></w:rPr>{_text(line.prefix)}</w:r>')
        if line.body:
            runs.append(f"<w:r>{_text(line.body)}</w:r>")
        paragraphs.append(f'<w:p><w:pPr><w:pStyle w:val="{line_id}"/></w:pPr>{"".join(runs)}</w:p>')
    body = parse_xml(f"<w:body {nsdecls('w')}>{''.join(paragraphs)}</w:body>")
    end = doc.element.body.sectPr  # the section properties must stay the body's last child
    for paragraph in list(body):
        end.addprevious(paragraph)


def _text(text: str) -> str:
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def font_size(width: int) -> float:
    """The largest half-point size (≤ 11 pt) at which ``width`` characters fit the text column."""
    column_pt = (PAGE_WIDTH - 2 * MARGIN_SIDE - GUTTER) / 12700  # EMU per point
    size = column_pt / (width * EM_PER_CHARACTER)
    return max(MIN_SIZE, min(MAX_SIZE, int(size * 2) / 2))


def _page_setup(doc, heading: str) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN_SIDE
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    header = section.header.paragraphs[0]
    run = header.add_run(heading)
    run.font.size, run.font.color.rgb = Pt(8), GREY
    footer = section.footer.paragraphs[0]
    footer.alignment = 1  # centred
    for piece in ("Side ", "PAGE", " af ", "NUMPAGES"):
        if piece.isupper():
            _field(footer, piece)
        else:
            footer.add_run(piece).font.size = Pt(8)


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays out the pages."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _styles(doc, size: float) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    _danish(normal)
    line = doc.styles.add_style("Transkript linje", WD_STYLE_TYPE.PARAGRAPH)
    line.base_style = normal
    line.font.name, line.font.size = FONT, Pt(size)
    fmt = line.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    fmt.widow_control = False  # a line is a line: Word must not move it to balance pages
    fmt.left_indent, fmt.first_line_indent = GUTTER, -GUTTER
    fmt.tab_stops.add_tab_stop(GUTTER - Mm(3), WD_TAB_ALIGNMENT.RIGHT)
    fmt.tab_stops.add_tab_stop(GUTTER, WD_TAB_ALIGNMENT.LEFT)
    number = doc.styles.add_style("Transkript linjenummer", WD_STYLE_TYPE.CHARACTER)
    number.font.size, number.font.color.rgb = Pt(max(MIN_SIZE, size - 1.5)), GREY
    speaker = doc.styles.add_style("Transkript taler", WD_STYLE_TYPE.CHARACTER)
    speaker.font.bold = True
    source = doc.styles.add_style("Transkript kilde", WD_STYLE_TYPE.PARAGRAPH)
    source.base_style = normal
    source.font.size, source.font.color.rgb = Pt(9), GREY
    source.paragraph_format.space_before = source.paragraph_format.space_after = Pt(0)


def _danish(style) -> None:
    """Mark the text as Danish so that Word's spelling and hyphenation use Danish."""
    rpr = style.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "da-DK")
    rpr.append(lang)


def _core_properties(doc, heading: str) -> None:
    # The template says "python-docx"; an appendix names no author (it may go to informants).
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = property_text(heading), "", ""
    props.comments, props.keywords, props.subject = "Transkript", "", ""
