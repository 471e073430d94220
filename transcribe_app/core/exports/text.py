"""Text exports: the line-numbered appendix (``txt``), one line per turn (``plain``) and ``json``.

The numbered TXT prints the heading and provenance block unnumbered at the
top, a blank line, then every layout line as its number right-aligned in a
fixed-width column, two spaces, and the line. Unnumbered lines never start
with a space or a digit, so a program can tell them apart.
"""

from __future__ import annotations

import json

from . import plain as plain_export
from .document import ExportDocument


def numbered_text(document: ExportDocument) -> str:
    """The appendix as plain text with line numbers."""
    digits = max(3, len(str(len(document.lines))))
    head = [document.heading, *document.provenance, ""]
    body = [f"{line.number:>{digits}}  {line.text}" for line in document.lines]
    return "\n".join(head + body) + "\n"


def plain_text(document: ExportDocument) -> str:
    """One line per turn, ``[hh:mm:ss] CODE: text``: for a quick read or another program."""
    return plain_export.turns_text(document.turns)


def json_text(document: ExportDocument) -> str:
    """The transcript for other programs (see ``plain_export.turns_json``).

    When a hook rewrote the turns (pseudonymisation), the stored verbatim words
    are left out: they are the real words, names included.
    """
    record = plain_export.turns_json(
        document.project, document.turns, document.level, words=not document.hooked
    )
    record["pseudonymised"] = document.pseudonymised
    return json.dumps(record, ensure_ascii=False, indent=1) + "\n"
