"""The validation package as a Word document, in Danish (the informants are Danish).

The transcript lines look as in the appendix: the number in a grey gutter, the
speaker code in bold. The quote's own lines are shaded and bold, so the
informant sees at once which words are quoted and which are only context.
Each quote ends in a bordered field for the informant's reply.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from ..exports.printable import printable, property_text
from ..exports.word import use_font
from ..layout import DOCX_FONT, PAGE, Line, Typeface, docx_typeface
from .appendix import Appendix
from .pack_quotes import HIGHLIGHT, REPLY_LABEL, PackQuote, context_windows
from .references import format_ranges

GUTTER = Mm(PAGE.gutter)
GREY = RGBColor(0x70, 0x70, 0x70)

_INTRO = (
    "Tak fordi du ville lade dig interviewe. Her er de citater fra interviewet, som jeg bruger i min "
    "opgave. Ved hvert citat står, hvilke linjer i transskriptionen det kommer fra, og linjerne omkring "
    "det, så du kan se den sammenhæng, det blev sagt i. Citatets egne linjer er fremhævet.",
    "Læs venligst citaterne, og skriv i feltet under hvert citat, om du godkender det, eller hvilke "
    "rettelser du ønsker. Citaterne kan være let renskrevet for talesprog (fx „øh“ og gentagelser); "
    "„(...)“ betyder, at noget er udeladt, og ord i [klammer] er mine.",
)
_PSEUDONYMISED = "Navne på andre personer er erstattet med koder, som i transskriptionen (fx [Person 1])."


def render(
    appendix: Appendix,
    quotes: Sequence[PackQuote],
    context: int,
    *,
    lines: Sequence[Line] | None = None,
    informant: str | None = None,
) -> bytes:
    """``lines``: the appendix's lines as the informant may see them (``validation_copy``; default the
    appendix's own); ``informant``: whom the package addresses (default the citation code)."""
    code = printable(informant or appendix.require_code())
    all_lines = list(lines) if lines is not None else appendix.lines
    doc = Document()
    # The lines are the appendix's, and as in the appendix they must never wrap in the informant's
    # reader (layout.docx_typeface): the lines shown are measured, bold, as the quoted ones print.
    shown = [
        line
        for quote in quotes
        for window in context_windows(all_lines, quote.cited.ranges, context)
        for line in window
    ]
    typeface = docx_typeface(shown, bold=True)
    _page(doc)
    _styles(doc, typeface)
    doc.add_heading("Citater til godkendelse", level=1)
    doc.add_paragraph(f"Kære {code}")
    for text in _INTRO:
        doc.add_paragraph(text)
    if appendix.document.pseudonymised:
        doc.add_paragraph(_PSEUDONYMISED)
    doc.add_paragraph(
        f"Linjenumrene er dem i „{printable(appendix.heading)}“ ({len(appendix.lines)} linjer).",
        style="Pakke kilde",
    )
    for number, quote in enumerate(quotes, 1):
        _add_quote(doc, all_lines, number, quote, context)
    doc.add_paragraph("Tak for hjælpen.")
    props = doc.core_properties  # the template names python-docx; the package names no author
    props.title, props.author, props.last_modified_by = (
        property_text(f"Citater til godkendelse – {code}"),
        "",
        "",
    )
    props.comments, props.keywords, props.subject = "Transkript", "", ""
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


QUOTE_AS_USED = "Citatet, som jeg bruger det: "


def readable_text(data: bytes) -> str:
    """What a reader of the package sees, read back from its bytes for the leak gate: every paragraph
    and table cell, and the document properties. The quotes as written are left out (the gate reads
    them on their own, ``validation._check_names``), and a transcript line shown twice (two quotes
    close together) is read once, as it stands once in the appendix."""
    document = Document(io.BytesIO(data))
    texts: list[str] = []
    for paragraph in document.paragraphs:
        if not paragraph.text.startswith(QUOTE_AS_USED):
            texts.append(paragraph.text)
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    props = document.core_properties
    texts += [props.title, props.author, props.subject, props.keywords, props.comments, props.category]
    return "\n".join(dict.fromkeys(text for text in texts if text)) + "\n"


def _add_quote(doc, lines: Sequence[Line], number: int, quote: PackQuote, context: int) -> None:
    cited = quote.cited
    doc.add_heading(printable(f"Citat {number} {cited.citation}"), level=2)
    used = doc.add_paragraph()
    used.add_run(QUOTE_AS_USED)
    # The quote as the thesis writes it (a manuscript or --quote), not from the appendix's lines.
    used.add_run(printable(f"„{' '.join(quote.quote.split())}“")).italic = True
    doc.add_paragraph(
        f"Fra transskriptionen, linje {format_ranges(cited.ranges)}, med op til {context} linjer før og "
        "efter (citatets linjer er fremhævet):"
    )
    quoted = {n for r in cited.ranges for n in r.numbers}
    for index, window in enumerate(context_windows(lines, cited.ranges, context)):
        if index:
            doc.add_paragraph("…", style="Pakke linje")
        for line in window:
            _add_line(doc, line, line.number in quoted)
    _add_reply_field(doc)


def _add_line(doc, line, highlighted: bool) -> None:
    paragraph = doc.add_paragraph(style="Pakke linje")
    number = paragraph.add_run(f"\t{line.number}\t")
    number.style = doc.styles["Pakke linjenummer"]
    if line.prefix:
        paragraph.add_run(printable(line.prefix)).bold = True
    body = paragraph.add_run(printable(line.body))
    if highlighted:
        body.bold = True
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), HIGHLIGHT)
        paragraph._p.get_or_add_pPr().append(shading)


def _add_reply_field(doc) -> None:
    table = doc.add_table(rows=2, cols=1)
    table.style = "Table Grid"
    label = table.cell(0, 0).paragraphs[0]
    label.add_run(REPLY_LABEL).bold = True
    table.cell(0, 0).add_paragraph("☐ Godkendt    ☐ Godkendt med rettelser    ☐ Ikke godkendt")
    table.rows[1].height = Cm(4)
    doc.add_paragraph()


def _page(doc) -> None:
    """A4 with the appendix's margins, so that the appendix's lines fit as they do there."""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE.width), Mm(PAGE.height)
    section.left_margin = section.right_margin = Mm(PAGE.side)
    section.top_margin, section.bottom_margin = Mm(PAGE.top), Mm(PAGE.bottom)


def _styles(doc, typeface: Typeface) -> None:
    use_font(doc, DOCX_FONT)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = DOCX_FONT, Pt(11)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "da-DK")
    normal.element.get_or_add_rPr().append(lang)
    line = doc.styles.add_style("Pakke linje", WD_STYLE_TYPE.PARAGRAPH)
    line.base_style = normal
    line.font.size = Pt(typeface.size)
    fmt = line.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.left_indent, fmt.first_line_indent = GUTTER, -GUTTER
    fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    fmt.tab_stops.add_tab_stop(GUTTER - Mm(PAGE.number_gap), WD_TAB_ALIGNMENT.RIGHT)
    fmt.tab_stops.add_tab_stop(GUTTER, WD_TAB_ALIGNMENT.LEFT)
    number = doc.styles.add_style("Pakke linjenummer", WD_STYLE_TYPE.CHARACTER)
    number.font.size, number.font.color.rgb = Pt(typeface.number_size), GREY
    source = doc.styles.add_style("Pakke kilde", WD_STYLE_TYPE.PARAGRAPH)
    source.base_style = normal
    source.font.size, source.font.color.rgb = Pt(9), GREY
