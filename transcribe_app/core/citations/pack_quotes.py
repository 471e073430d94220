"""What the validation package is made of, shared by its checks (validation.py) and its document
(pack_docx.py): a quote with the appendix lines it stands on, the lines shown around it, the reply field's
label and the shading of the quoted lines.

Its own module so that neither of the two needs the other to be loaded first (no import cycle).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..layout import Line
from .appendix import CitedQuote
from .references import LineRange

REPLY_LABEL = "Godkendt / rettelser:"
HIGHLIGHT = "FFF2CC"  # a light yellow that prints well in black and white too


@dataclass(frozen=True)
class PackQuote:
    """One quote of the package: as used, and the appendix lines it stands on."""

    quote: str
    cited: CitedQuote
    note: str = ""  # e.g. that the manuscript cited other lines


def context_windows(lines: Sequence[Line], ranges: Sequence[LineRange], context: int) -> list[list[Line]]:
    """The lines around each range (``context`` before and after), overlapping windows joined."""
    windows: list[list[int]] = []
    for line_range in sorted(ranges):
        first, last = max(1, line_range.first - context), min(len(lines), line_range.last + context)
        if windows and first <= windows[-1][1] + 1:
            windows[-1][1] = max(windows[-1][1], last)
        else:
            windows.append([first, last])
    return [list(lines[first - 1 : last]) for first, last in windows]
