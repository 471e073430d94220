"""The thesis appendix as a Word document (DOCX).

One paragraph per layout line: a right-aligned line number in a fixed left
gutter, a tab, and the line's text. The number is text, not Word's line
numbering field, so it cannot drift when the document is opened with other
fonts, margins or Word versions. Paragraphs have no spacing before or after,
so the page reads as a continuous transcript.

Word and LibreOffice wrap a paragraph themselves, so a numbered line must fit
its column in whatever font the reader ends up using: the page, the font
(Arial, with free metric twins everywhere) and its size come from
``layout.docx_typeface``, which measures the actual lines in the widest common
fallback. Lines are left-aligned (never justified) and never hyphenated. Should
a reader still wrap a line, the hanging indent puts the overflow under the
text, unnumbered, and every later number stays right.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

from ..layout import PAGE, Typeface, docx_typeface
from .document import ExportDocument

GREY = RGBColor(0x70, 0x70, 0x70)
# What follows w:suppressAutoHyphens in a paragraph's properties (ECMA-376 order; Word insists on it).
_AFTER_SUPPRESS_AUTO_HYPHENS = tuple(
    f"w:{name}"
    for name in (
        "kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
        "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
        "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
    ).split()
)


def render_docx(document: ExportDocument, typeface: Typeface | None = None) -> bytes:
    """The appendix as DOCX bytes: heading, provenance block, numbered lines, page numbers.

    ``typeface``: the font and size of the numbered lines; ``layout.docx_typeface`` of the
    document's lines unless given (the wrapping benchmark gives others to compare).
    """
    typeface = typeface or docx_typeface(document.lines)
    doc = Document()
    use_font(doc, typeface.family)
    _page_setup(doc, document.heading)
    _styles(doc, typeface)
    doc.add_heading(document.heading, level=1)
    for text in document.provenance:
        doc.add_paragraph(text, style="Transkript kilde")
    doc.add_paragraph("", style="Transkript kilde")
    _add_lines(doc, document)
    _core_properties(doc, document.properties)
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


def use_font(doc, family: str) -> None:
    """``family`` for every run of the document, headings and header included.

    The template's defaults name the theme's fonts (Calibri, Calibri Light), which would win
    over a style's font in Word: they are replaced by ``family`` itself.
    """
    for fonts in doc.styles.element.iter(qn("w:rFonts")):
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), family)


def _page_setup(doc, heading: str) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE.width), Mm(PAGE.height)
    section.left_margin = section.right_margin = Mm(PAGE.side)
    section.top_margin, section.bottom_margin = Mm(PAGE.top), Mm(PAGE.bottom)
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


def _styles(doc, typeface: Typeface) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = typeface.family
    _danish(normal)
    gutter = Mm(PAGE.gutter)
    line = doc.styles.add_style("Transkript linje", WD_STYLE_TYPE.PARAGRAPH)
    line.base_style = normal
    line.font.name, line.font.size = typeface.family, Pt(typeface.size)
    fmt = line.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    fmt.widow_control = False  # a line is a line: Word must not move it to balance pages
    fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT  # never justified: a justified reader may re-space a line
    fmt.left_indent, fmt.first_line_indent = gutter, -gutter
    fmt.tab_stops.add_tab_stop(gutter - Mm(PAGE.number_gap), WD_TAB_ALIGNMENT.RIGHT)
    fmt.tab_stops.add_tab_stop(gutter, WD_TAB_ALIGNMENT.LEFT)
    # Nor hyphenated, should a reader with automatic hyphenation still break a line.
    line.element.get_or_add_pPr().insert_element_before(
        OxmlElement("w:suppressAutoHyphens"), *_AFTER_SUPPRESS_AUTO_HYPHENS
    )
    number = doc.styles.add_style("Transkript linjenummer", WD_STYLE_TYPE.CHARACTER)
    number.font.size, number.font.color.rgb = Pt(typeface.number_size), GREY
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


def _core_properties(doc, properties: dict[str, str]) -> None:
    # The template says "python-docx"; an appendix names no author (it may go to informants).
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = properties["title"], properties["author"], ""
    props.comments, props.keywords = properties["comments"], properties["keywords"]
    props.subject = properties["subject"]
