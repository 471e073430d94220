"""Every question the window asks in a modal dialog goes through here.

One seam for message boxes and the platform's native file dialogs, so the
rest of the window stays readable, and a test can answer a question without
a person at the keyboard (it replaces these functions).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget


def choose(box: QMessageBox) -> QMessageBox.StandardButton:
    """Show ``box`` and return the standard button the user pressed."""
    return QMessageBox.StandardButton(box.exec())


def inform(parent: QWidget | None, title: str, text: str, *, warning: bool = False) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information, title, text)
    box.setParent(parent, box.windowFlags())
    choose(box)


def open_file(parent: QWidget | None, title: str, filters: str, folder: str = "") -> str:
    """A path to open ("" when the user cancels)."""
    return QFileDialog.getOpenFileName(parent, title, folder, filters)[0]


def save_file(parent: QWidget | None, title: str, filters: str, suggestion: str = "") -> str:
    """A path to write ("" when the user cancels); the native dialog asks before replacing a file."""
    return QFileDialog.getSaveFileName(parent, title, suggestion, filters)[0]


def open_folder(parent: QWidget | None, title: str, folder: str = "") -> str:
    return QFileDialog.getExistingDirectory(parent, title, folder)


def run_dialog(dialog: QDialog) -> bool:
    """Show a modal dialog; True if the user accepted it."""
    return dialog.exec() == QDialog.DialogCode.Accepted
