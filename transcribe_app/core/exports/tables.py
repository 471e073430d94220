"""The thesis tables as a Word document: the informant table and the appendix overview.

The rows come from the roster (``core/project/roster.py``: ``informant_table`` and
``appendix_overview``); this module prints them. The tables carry codes, not
names: the informant table lists each informant's code, position and area,
and the leak gate reads every cell (a title made from a file name can hold a
real name) and the file's name before anything is written. The table *with*
real names (for a method chapter whose informants agreed to be named) is made
only when asked for (``with_names``), and that is recorded in each project's
audit log — and in the key, when one is written.

A key for the tables (``tables_key``) links each code to the real name behind
it, with the audit entries of this output.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass

from docx import Document
from docx.shared import Pt

from ..errors import TranskriptError
from ..layout import DOCX_FONT
from ..project.record import Project, RosterEntry
from ..pseudonymise.gate import Leak, LeakError
from ..pseudonymise.state import AuditEntry
from .files import atomic_write_bytes
from .printable import printable

INFORMANT_COLUMNS = ("Informant", "Stilling", "Område", "Kode")  # with names (``with_names``)
CODE_COLUMNS = ("Kode", "Stilling", "Område")  # the informant table without names
APPENDIX_COLUMNS = ("Kode", "Bilag", "Titel")
TITLE = "Informanter og bilag"


class TablesLeakError(LeakError):
    """The tables would hold real names; nothing was written."""

    def __init__(self, leaks: list[Leak]):
        self.leaks = leaks
        shown = "\n".join(f"  “{leak.found}” ({leak.name}) — {leak.context}" for leak in leaks[:20])
        TranskriptError.__init__(
            self,
            f"The tables were stopped: {len(leaks)} real name(s) would be in them, which carry codes, not "
            f"names.\n{shown}\nGive the transcript a title without names (transcribe-app meta PROJECT "
            "--title …), write the informant table with names on purpose with --with-names, or go on with "
            "--allow-leaks (both recorded in the audit log).",
        )


@dataclass
class ThesisTables:
    """The rows of both tables, and whether the informant table holds real names."""

    informants: list[tuple[object, ...]]
    appendices: list[tuple[object, ...]]
    with_names: bool = False

    @property
    def informant_columns(self) -> tuple[str, ...]:
        return INFORMANT_COLUMNS if self.with_names else CODE_COLUMNS

    def sections(self) -> list[tuple[str, tuple[str, ...], list[tuple[object, ...]]]]:
        return [
            ("Tabel 1: Informanter", self.informant_columns, self.informants),
            ("Tabel 2: Bilagsoversigt", APPENDIX_COLUMNS, self.appendices),
        ]

    def text(self) -> str:
        """The tables as tab-separated text, then the document's title: what a reader of the DOCX sees."""
        parts = []
        for caption, columns, rows in self.sections():
            parts.append(caption)
            parts += ["\t".join(_cell(v) for v in row) for row in [columns, *rows]]
            parts.append("")
        parts.append(f"title: {TITLE}")
        return "\n".join(parts) + "\n"

    def docx(self) -> bytes:
        """The tables as DOCX bytes."""
        doc = Document()
        doc.styles["Normal"].font.name = DOCX_FONT
        doc.core_properties.author = doc.core_properties.last_modified_by = ""
        doc.core_properties.comments = doc.core_properties.keywords = doc.core_properties.subject = ""
        doc.core_properties.title = TITLE
        for caption, columns, rows in self.sections():
            _table(doc, caption, columns, rows)
        buffer = io.BytesIO()
        doc.save(buffer)
        return buffer.getvalue()


def thesis_tables(projects: Sequence[Project], *, with_names: bool = False) -> ThesisTables:
    """The informant table over all ``projects``' rosters (each informant once) and the appendix overview.

    Without names: every informant with a code (code, position, area); with names: the named informants
    (name, position, area, code), as ``roster.informant_table`` has them.
    """
    from ..project.roster import appendix_overview, informant_table

    entries = [entry for project in projects for entry in project.roster]
    if with_names:
        rows = [(r.name, r.position, r.area, r.code) for r in informant_table(entries)]
    else:
        coded = [e for e in entries if e.role == "informant" and e.code]
        rows = [(e.code, e.position, e.area) for e in sorted(coded, key=lambda e: _natural(e.code))]
    appendices = [
        (r.code, "" if r.appendix is None else r.appendix, r.title) for r in appendix_overview(projects)
    ]
    return ThesisTables(list(dict.fromkeys(rows)), appendices, with_names)


def table_leaks(tables: ThesisTables, projects: Sequence[Project], output=None) -> list[Leak]:
    """Real names in the tables and their file name: every roster name of the projects, and the names
    the pseudonymisation finds in the cells (a title "Samtale med Søren Dam")."""
    from ..pseudonymise import PseudonymisationState, pseudonymise_parts
    from ..pseudonymise.outputs import find_output_leaks, gated_text

    roster = _combined_roster(projects)
    cells = [_cell(value) for _, _, rows in tables.sections() for row in rows for value in row]
    no_decisions = PseudonymisationState()
    result = pseudonymise_parts([cell for cell in cells if cell.strip()] or [""], roster, no_decisions)
    return find_output_leaks(gated_text(tables.text(), output), roster, result)


def export_tables(
    projects: Sequence[Project],
    out_path: str | os.PathLike[str],
    *,
    with_names: bool = False,
    allow_leaks: bool = False,
    key_path: str | os.PathLike[str] | None = None,
    not_the_key: Sequence[str | os.PathLike[str]] = (),
) -> str:
    """Write the tables of ``projects`` as DOCX to ``out_path`` atomically; returns their text.

    Codes only, unless ``with_names``. Without names the leak gate reads the tables and the file name
    first (``TablesLeakError``, exit 4), unless ``allow_leaks``. Names on purpose, and an override of
    the gate, are recorded in each project's audit log (saving the projects is the caller's job) and in
    the key written to ``key_path`` (never one of ``not_the_key`` or the tables themselves).
    """
    from ..pseudonymise.outputs import pass_gate

    tables = thesis_tables(projects, with_names=with_names)
    data = tables.docx()
    name = os.path.basename(os.fspath(out_path))
    audit_from = [p.pseudonymisation.audit_count() for p in projects]
    if not with_names:
        leaks = table_leaks(tables, projects, out_path)
        if leaks and not allow_leaks:
            raise TablesLeakError(leaks)
        for project in projects:
            pass_gate(project.pseudonymisation, leaks, allow_leaks=True, output=out_path, what="tables")
    else:
        for project in projects:
            informants = len(tables.informants)
            project.pseudonymisation.record("tables with names", output=name, informants=informants)
    if key_path is not None:
        from ..pseudonymise.key import write_key

        audit = [entry for p, start in zip(projects, audit_from, strict=True)
                 for entry in p.pseudonymisation.audit[start:]]  # fmt: skip
        write_key(tables_key(projects, audit, tables), key_path, [out_path, *not_the_key])
    atomic_write_bytes(out_path, data)
    return tables.text()


def tables_key(projects: Sequence[Project], audit: list[AuditEntry], tables: ThesisTables) -> dict:
    """The key of the tables: each code with the real name behind it, and the audit entries of this output."""
    from ..pseudonymise.key import key_record

    entries = {}
    for entry in _combined_roster(projects):
        if entry.name.strip() and entry.code:
            entries.setdefault(
                (entry.code, entry.name),
                {
                    "replacement": entry.code,
                    "name": entry.name,
                    "kind": "organisation" if entry.role == "organisation" else "person",
                    "role": entry.role,
                    "written_as": [entry.name],
                },
            )
    return key_record("tables", tables.text(), list(entries.values()), occurrences=[], audit=audit)


def _combined_roster(projects: Sequence[Project]) -> list[RosterEntry]:
    return [entry for project in projects for entry in project.roster]


def _natural(code: str) -> list[object]:
    # B2 before B10, as a reader expects.
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", code.casefold())]


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
