"""Reading a manuscript (DOCX): every citation of a transcript, with the quote it stands after.

A quote is recognised when a citation follows it directly (a comma or full stop
between them allowed):

- in quotation marks: ``„…“`` (Danish), ``“…”``, ``"…"``, ``»…«``, ``«…»``, ``‘…’``, ``'…'``;
- as a block quotation: a paragraph set off from the text (a quote style such as
  Word's "Quote"/"Citat", or indented at least 5 mm, not a list item) that ends in
  the citation, or is followed by a paragraph that begins with it. Set-off
  paragraphs just before, without a citation of their own, belong to the same quote.

Any other citation is a bare reference (``… som flere ledere peger på (SK: 320-321)``).
Body paragraphs, tables (nested ones too) and foot- and endnotes are read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import BadInputError
from .references import Citation, find_citations

# What closes a quotation, and the marks that open it, the more usual first.
_OPENERS = {
    "“": "„“",
    "”": "“„”",
    '"': '"',
    "«": "»",
    "»": "«",
    "’": "‘’",
    "'": "'",
    "‹": "›",
    "›": "‹",
}
# An opening mark stands at the start or after a space, a bracket or a dash (not in "VJ's").
_BEFORE_OPENER = " \t\n\u00a0([{–—-/:;"
_SET_OFF_STYLES = ("quote", "citat", "block")
_MIN_INDENT_EMU = 5 * 36_000  # 5 mm


@dataclass(frozen=True)
class ManuscriptParagraph:
    """One paragraph of a manuscript, where it stands and whether it is set off as a block quotation."""

    where: str  # "paragraph 12", "table 1", "footnote 3"
    text: str
    set_off: bool = False


@dataclass(frozen=True)
class CitedPassage:
    """A citation in a manuscript, with the quote before it (None for a bare reference)."""

    citation: Citation
    quote: str | None
    where: str


def accept_code(known: set[str]) -> Callable[[str], bool]:
    """Which ``(CODE: …)`` are citations of transcripts: known codes, and unknown ones written like codes.

    Informant codes are capitals (VJ, MSS, HOK); "(Bourdieu: 45)" is literature and is left alone.
    """
    folded = {code.casefold() for code in known}
    return lambda code: code.casefold() in folded or code.upper() == code


def manuscript_citations(
    path: str | Path, accept: Callable[[str], bool] | None = None, known: Callable[[str], bool] | None = None
) -> list[CitedPassage]:
    """Every citation in the manuscript at ``path`` (see ``accept_code``; codes alone count when
    ``known`` knows one, see ``references.find_citations``), with its quote."""
    return cited_passages(read_manuscript(path), accept, known)


def cited_passages(
    paragraphs: list[ManuscriptParagraph],
    accept: Callable[[str], bool] | None = None,
    known: Callable[[str], bool] | None = None,
) -> list[CitedPassage]:
    """The citations of ``paragraphs``, each with the quote it follows, in reading order."""
    passages = []
    block: list[str] = []  # set-off paragraphs so far without a citation of their own
    for paragraph in paragraphs:
        citations = find_citations(paragraph.text, accept, known)
        position = 0
        for citation in citations:
            before = paragraph.text[position : citation.start]
            quote = _marked_quote(before)
            if quote is None and paragraph.set_off and before.strip():
                quote = " ".join([*block, before.strip()]) if position == 0 else before.strip()
            elif quote is None and position == 0 and not before.strip() and block:
                quote = " ".join(block)
            passages.append(CitedPassage(citation, quote, paragraph.where))
            position = citation.end
        if citations or not paragraph.set_off:
            block = []
        elif paragraph.text.strip():
            block.append(paragraph.text.strip())
    return passages


def _marked_quote(before: str) -> str | None:
    """The quotation in marks that ends ``before`` (a citation follows it), or None."""
    text = before.rstrip()
    if text[-1:] in ",." and text[-2:-1] in _OPENERS:
        text = text[:-1]
    closer = text[-1:]
    if closer not in _OPENERS or len(text) < 3 or text[-2].isspace():
        return None
    for opener in _OPENERS[closer]:
        index = len(text) - 1
        while (index := text.rfind(opener, 0, index)) >= 0:
            if index == 0 or text[index - 1] in _BEFORE_OPENER:
                quote = text[index + 1 : -1]
                return quote if quote.strip() else None
    return None


# -- reading the DOCX -------------------------------------------------------------------


def read_manuscript(path: str | Path) -> list[ManuscriptParagraph]:
    """The manuscript's paragraphs: body and tables in order, then footnotes and endnotes."""
    document = _open(Path(path))
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.table import Table

    paragraphs: list[ManuscriptParagraph] = []
    counts = {"paragraph": 0, "table": 0}
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            counts["table"] += 1
            paragraphs += _table(block, f"table {counts['table']}")
        elif block.text.strip():
            counts["paragraph"] += 1
            paragraphs.append(
                ManuscriptParagraph(f"paragraph {counts['paragraph']}", block.text, _set_off(block))
            )
    paragraphs += _notes(document, RT.FOOTNOTES, "footnote", "w:footnote")
    paragraphs += _notes(document, RT.ENDNOTES, "endnote", "w:endnote")
    return paragraphs


def _open(path: Path):
    from ..imports.docx_reading import open_docx

    if not path.is_file():
        raise BadInputError(f"The manuscript “{path}” does not exist.")
    return open_docx(path, "manuscript")


def _table(table, where: str) -> list[ManuscriptParagraph]:
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    # Every paragraph once, in order, nested tables included; ``row.cells`` would repeat merged cells.
    return [
        ManuscriptParagraph(where, paragraph.text, _set_off(paragraph))
        for paragraph in (Paragraph(p, table._parent) for p in table._tbl.iter(qn("w:p")))
        if paragraph.text.strip()
    ]


def _set_off(paragraph) -> bool:
    """A block quotation: in a quote style, or indented; never a list item."""
    p_pr = paragraph._p.pPr
    if p_pr is not None and p_pr.numPr is not None:
        return False
    names, indent, style = [], paragraph.paragraph_format.left_indent, paragraph.style
    while style is not None:
        names.append((style.name or "").casefold())
        if indent is None:
            indent = style.paragraph_format.left_indent
        style = style.base_style
    if any("list" in name for name in names):
        return False
    if any(word in name for name in names for word in _SET_OFF_STYLES):
        return True
    return indent is not None and indent >= _MIN_INDENT_EMU


def _notes(document, relationship: str, name: str, tag: str) -> list[ManuscriptParagraph]:
    """Foot- or endnotes, read from their part directly (python-docx offers no reading of them)."""
    from ..imports.docx_reading import safe_xml

    paragraphs = []
    for rel in document.part.rels.values():
        if rel.reltype != relationship or rel.is_external:
            continue
        root = safe_xml(rel.target_part.blob)
        number = 0
        for note in root.iter(_qn(tag)):
            if note.get(_qn("w:type")) not in (None, "normal"):
                continue  # the separator lines Word keeps as notes
            number += 1
            for p in note.iter(_qn("w:p")):
                text = "".join(_note_text(p))
                if text.strip():
                    paragraphs.append(ManuscriptParagraph(f"{name} {number}", text))
    return paragraphs


def _note_text(p) -> Iterator[str]:
    for element in p.iter(_qn("w:t"), _qn("w:tab"), _qn("w:br")):
        yield (element.text or "") if element.tag == _qn("w:t") else " "


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)
