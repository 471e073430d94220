"""The gate at every door: what each output that leaves Transkript shows, checked for real names.

The export gate (``gate``) reads the text of a pseudonymised export. An output
shows more than its lines, though: its *file name* ("Vibeke_Jensen.docx", made
from a title), its document information (DOCX core properties, PDF info — see
``ExportDocument.properties``), and some outputs are not transcript exports at
all (the thesis tables, the validation package, ``cite`` on standard output).
This module gives each of them the same check and the same audited override:

    gated_text(text, output)        the text plus the output's file name, as the gate reads it
    find_output_leaks(...)          real names in an output: the roster's, and those the
                                    pseudonymisation replaced (when there is a result)
    pass_gate(...)                  stop (``LeakError``) or, with ``allow_leaks``, let it
                                    through and record that in the audit log

The matching itself is the gate's (``gate.find_leaks``); nothing here decides
what counts as a name.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import Any

from ..project.record import RosterEntry
from .gate import Leak, LeakError, find_leaks, protected_names
from .state import PseudonymisationState

STANDARD_OUTPUT = "standard output"
_SEPARATORS = re.compile(r"[\W_]+")
_CAMEL = re.compile(r"(?<=[a-zæøå])(?=[A-ZÆØÅ])")


def file_name_line(output: str | os.PathLike[str] | None) -> str:
    """``file name: Vibeke Jensen bilag docx`` — an output's file name in words, as the gate reads names.

    Underscores, dots and hyphens separate words in a file name (the gate treats "Vibeke_Jensen" as one
    word), and so does a capital after a small letter ("VibekeJensen"). Standard output has no name.
    """
    if output is None:
        return ""
    name = os.path.basename(os.fspath(output))
    if not name or name == STANDARD_OUTPUT:
        return ""
    words = _SEPARATORS.sub(" ", _CAMEL.sub(" ", name)).strip()
    return f"file name: {words}"


def gated_text(text: str, output: str | os.PathLike[str] | None) -> str:
    """What the gate reads of an output: its text, then (on a line of its own) its file name."""
    line = file_name_line(output)
    return f"{text.rstrip(chr(10))}\n{line}\n" if line else text


def find_output_leaks(text: str, roster: Iterable[RosterEntry], result: Any | None = None) -> list[Leak]:
    """Real names in ``text``: every roster name, and with a pseudonymisation ``result`` every name it
    replaced (rejected occurrences allowed, as in the export gate)."""
    if result is None:
        return find_leaks(text, protected_names(roster, ()))
    from . import check_leaks

    return check_leaks(text, list(roster), result)


def pass_gate(
    state: PseudonymisationState | None,
    leaks: list[Leak],
    *,
    allow_leaks: bool,
    output: str | os.PathLike[str] | None,
    what: str = "export",
) -> list[Leak]:
    """Stop an output with ``leaks`` (a ``LeakError``), or let it through when the researcher allows it —
    then the audit log in ``state`` (a project's ``pseudonymisation``) records where it went: an
    "export despite leaks" entry with the output's name and, for other outputs than a transcript
    export, ``kind`` ("tables", "validation package", "cite")."""
    if leaks and not allow_leaks:
        raise LeakError(leaks)
    if leaks and state is not None:
        name = os.path.basename(os.fspath(output)) if output is not None else STANDARD_OUTPUT
        kind = {} if what == "export" else {"kind": what}
        state.record("export despite leaks", output=name or STANDARD_OUTPUT, hits=len(leaks), **kind)
    return leaks
