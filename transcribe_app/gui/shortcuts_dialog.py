"""Help → Shortcuts: every keyboard shortcut of the window and the editor, in one table."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def keys_text(keys) -> str:
    """A shortcut as the platform writes it (Ctrl+S, ⌘S); lists become "F4 or Ctrl+Space"."""
    if isinstance(keys, (list, tuple)):
        return " / ".join(keys_text(k) for k in keys if keys_text(k))
    if isinstance(keys, QKeySequence):
        return keys.toString(QKeySequence.SequenceFormat.NativeText)
    if isinstance(keys, QKeySequence.StandardKey):
        return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
    return str(keys)


def normalise_rows(rows: Iterable, group: str) -> list[tuple[str, str, str]]:
    """(group, what it does, keys) from rows given as (what, keys) or (group, what, keys)."""
    result = []
    for row in rows:
        row = tuple(row)
        if len(row) >= 3:
            result.append((str(row[0]), str(row[1]), keys_text(row[2])))
        elif len(row) == 2:
            result.append((group, str(row[0]), keys_text(row[1])))
    return result


class ShortcutsDialog(QDialog):
    """A read-only table: where, what, which keys."""

    def __init__(self, rows: list[tuple[str, str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ShortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels([self.tr("Where"), self.tr("Action"), self.tr("Keys")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                self.table.setItem(i, j, QTableWidgetItem(text))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 480)

    def rows(self) -> list[tuple[str, str, str]]:
        return [
            tuple(self.table.item(i, j).text() for j in range(3))  # type: ignore[misc]
            for i in range(self.table.rowCount())
        ]
