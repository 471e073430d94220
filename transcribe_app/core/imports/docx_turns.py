"""A typed transcript in Word, paragraphs *and* tables, read in document order as paragraphs of turns.

Many transcribers lay a transcript out as a table, and the importer reads
paragraphs ("CODE: text"). This module turns each table row into such a
paragraph, as the table is laid out:

    | VJ        | Det var i 2019 …  |          → "VJ: Det var i 2019 …"
    | 00:12:34  | VJ | Det var …    |          → "[00:12:34] VJ: Det var …"
    | 00:12:34  | VJ: Det var …     |          → "[00:12:34] VJ: Det var …"
    | VJ: Det var i 2019 … |                   → the cell's paragraphs as they are

A header row ("Tid | Taler | Tekst") is left out; any other layout gives each
cell's paragraphs in order (a cell holding "CODE: text" is a turn, one without
a code continues the turn before it). Tables stand between the paragraphs
where the document has them; a table inside a table cell is read with its cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from docx.oxml.ns import qn

_TIME_CELL = re.compile(r"^[\[(#]?\s*(\d{1,2}:\d{2}(?::\d{2})?(?:[.,-]\d{1,3})?)\s*[\])#]?$")
# A speaker cell: up to four words, the first capitalised ("VJ", "B1", "Deltager 2", "Vibeke Jensen").
_SPEAKER_CELL = re.compile(r"^[A-ZÆØÅ][\w.'’-]{0,19}(?: [\w.'’-]{1,20}){0,3}$")
_HEADER_WORDS = {
    "tid", "time", "tidspunkt", "timestamp", "tidskode",
    "taler", "speaker", "kode", "code", "person", "navn", "name", "deltager", "informant",
    "tekst", "text", "replik", "udsagn", "transskription", "transcript", "transkription", "indhold",
}  # fmt: skip


def docx_turn_paragraphs(document) -> list[str]:
    """The text of a python-docx ``document`` as paragraphs, tables' rows made turns, in document order."""
    return list(_block_texts(document.element.body))


def _block_texts(container) -> Iterator[str]:
    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            yield _paragraph_text(child)
        elif child.tag == qn("w:tbl"):
            yield from _table_texts(child)
        elif child.tag == qn("w:sdt"):  # a content control around paragraphs or tables
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _block_texts(content)


def _paragraph_text(p) -> str:
    from docx.text.paragraph import Paragraph

    return Paragraph(p, None).text


def _table_texts(tbl) -> Iterator[str]:
    header_checked = False
    for tr in tbl.iterchildren(qn("w:tr")):
        cells = list(_row_cells(tr))
        texts = [" ".join(p.strip() for p in paragraphs if p.strip()) for paragraphs in cells]
        if not any(texts):
            continue
        if not header_checked:
            header_checked = True
            if all(not t or t.casefold().rstrip(":") in _HEADER_WORDS for t in texts):
                continue
        turn = _row_turn(texts)
        if turn is not None:
            yield turn
        else:
            for paragraphs in cells:
                yield from paragraphs


def _row_cells(tr) -> Iterator[list[str]]:
    """Each cell of a row as its paragraphs' texts (nested tables read in place); a cell merged
    across columns (``gridSpan``) is one cell, as the reader sees it."""
    for tc in tr.iterchildren(qn("w:tc")):
        yield list(_block_texts(tc))


def _row_turn(texts: list[str]) -> str | None:
    """One turn for a row laid out as "CODE | text", "time | CODE | text" or "time | CODE: text"."""
    if len(texts) == 3 and all(texts):
        time, speaker, text = (_TIME_CELL.match(texts[0]), _speaker(texts[1]), texts[2])
        if time and speaker:
            return f"[{time.group(1)}] {speaker}: {text}"
    if len(texts) == 2 and all(texts):
        time, speaker = _TIME_CELL.match(texts[0]), _speaker(texts[0])
        if time:
            return f"[{time.group(1)}] {texts[1]}"
        if speaker:
            return f"{speaker}: {texts[1]}"
    return None


def _speaker(cell: str) -> str | None:
    """The speaker a cell names (a code, "Interviewer", "Deltager 2", a name), or None for text."""
    cell = cell.strip().rstrip(":").strip()
    return cell if _SPEAKER_CELL.match(cell) else None
