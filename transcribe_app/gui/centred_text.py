"""A context column that keeps the name in view: the text is cut on both sides, centred on the name.

The names review shows where each name stands as ``…words before[Name]words after…``. A
column too narrow for that cut the end off, name included; this delegate cuts words before
and after the name evenly until the line fits, so the ``[Name]`` is always what is seen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyledItemDelegate

ELLIPSIS = "…"


def centred_on_mark(text: str, fits: Callable[[str], bool]) -> str:
    """``text`` shortened on both sides around its ``[…]`` part until ``fits`` says it fits.

    Without a mark, or when even the mark alone does not fit, the text is cut at the end as usual.
    """
    start, end = text.find("["), text.find("]")
    if fits(text) or start < 0 or end < start:
        return text
    before, mark, after = text[:start].strip(ELLIPSIS), text[start : end + 1], text[end + 1 :].strip(ELLIPSIS)
    if not fits(ELLIPSIS + mark + ELLIPSIS):
        return text
    low, high = 0, max(len(before), len(after))  # the most characters kept on each side that still fits
    while low < high:
        keep = (low + high + 1) // 2
        if fits(_shown(before, mark, after, keep)):
            low = keep
        else:
            high = keep - 1
    return _shown(before, mark, after, low)


def _shown(before: str, mark: str, after: str, keep: int) -> str:
    left = before[max(0, len(before) - keep) :]
    right = after[:keep]
    return f"{ELLIPSIS}{left}{mark}{right}{ELLIPSIS}"


class CentredContextDelegate(QStyledItemDelegate):
    """Draws a column's ``…before[Name]after…`` cut evenly around the name (the tooltip keeps it all)."""

    def initStyleOption(self, option, index) -> None:  # noqa: N802 - Qt's name
        super().initStyleOption(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str):
            return
        room = option.rect.width() - 8  # the cell's margins
        metrics = option.fontMetrics
        option.text = centred_on_mark(text, lambda shown: metrics.horizontalAdvance(shown) <= room)
        option.textElideMode = Qt.TextElideMode.ElideNone
