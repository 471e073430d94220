"""The thesis tables as a Word document: the informant table and the appendix overview.

The rows come from the roster (``core/roster.py``: ``informant_table`` and
``appendix_overview``); this module only prints them. The informant table
holds real names and positions: it belongs in the thesis's method chapter,
not in an appendix that is pseudonymised.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence

from docx import Document
from docx.shared import Pt

from ..project import Project
from .files import atomic_write_bytes
from .printable import printable
from .word import FONT

INFORMANT_COLUMNS = ("Informant", "Stilling", "Område", "Kode")
APPENDIX_COLUMNS = ("Kode", "Bilag", "Titel")


def render_tables(
    informants: Sequence[Sequence[object]],
    appendices: Sequence[Sequence[object]],
) -> bytes:
    """DOCX bytes with two tables: informants (name, position, area, code) and the
    appendix overview (code, appendix number, title)."""
    doc = Document()
    doc.styles["Normal"].font.name = FONT
    doc.core_properties.author = doc.core_properties.last_modified_by = ""
    doc.core_properties.title = "Informanter og bilag"
    _table(doc, "Tabel 1: Informanter", INFORMANT_COLUMNS, informants)
    _table(doc, "Tabel 2: Bilagsoversigt", APPENDIX_COLUMNS, appendices)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def tables_text(informants: Sequence[Sequence[object]], appendices: Sequence[Sequence[object]]) -> str:
    """The same tables as tab-separated text (what the DOCX shows, for checks and tests)."""
    parts = []
    for caption, columns, rows in (
        ("Tabel 1: Informanter", INFORMANT_COLUMNS, informants),
        ("Tabel 2: Bilagsoversigt", APPENDIX_COLUMNS, appendices),
    ):
        parts.append(caption)
        parts += ["\t".join(_cell(v) for v in row) for row in [columns, *rows]]
        parts.append("")
    return "\n".join(parts)


def _table(doc, caption: str, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    doc.add_paragraph(caption, style="Caption")
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, columns, strict=True):
        cell.text = name
        for run in cell.paragraphs[0].runs:
            run.font.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=False):
            cell.text = _cell(value)
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(10)
    doc.add_paragraph("")


def _cell(value: object) -> str:
    return "" if value is None else printable(str(value))


def table_rows(projects: Sequence[Project]) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """The informant table over all ``projects``' rosters (each informant once) and the appendix overview."""
    from ..roster import appendix_overview, informant_table

    entries = [entry for project in projects for entry in project.roster]
    informants = list(dict.fromkeys((r.name, r.position, r.area, r.code) for r in informant_table(entries)))
    appendices = [
        (r.code, "" if r.appendix is None else r.appendix, r.title) for r in appendix_overview(projects)
    ]
    return informants, appendices


def export_tables(projects: Sequence[Project], out_path: str | os.PathLike[str]) -> str:
    """Write the tables of ``projects`` as DOCX to ``out_path`` atomically; returns their text."""
    informants, appendices = table_rows(projects)
    atomic_write_bytes(out_path, render_tables(informants, appendices))
    return tables_text(informants, appendices)
