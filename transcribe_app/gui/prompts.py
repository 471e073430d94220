"""Every question the window asks in a modal dialog goes through here.

One seam for message boxes and the platform's native file dialogs, so the
rest of the window stays readable, and a test can answer a question without
a person at the keyboard (it replaces these functions).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

LAST_FOLDER = "last_folder"
_settings: QSettings | None = None  # where the last folder is kept (the window's settings)


def keep_last_folder_in(settings: QSettings | None) -> None:
    """File dialogs start in the folder the user last chose a file in, kept in ``settings``."""
    global _settings
    _settings = settings


def last_folder() -> str:
    """The folder of the last file chosen ("" when none is known, or it is gone)."""
    folder = str(_settings.value(LAST_FOLDER, "") or "") if _settings is not None else ""
    return folder if folder and Path(folder).is_dir() else ""


def _chosen(path: str, *, is_folder: bool = False) -> str:
    if path and _settings is not None:
        _settings.setValue(LAST_FOLDER, path if is_folder else str(Path(path).parent))
    return path


def choose(box: QMessageBox) -> QMessageBox.StandardButton:
    """Show ``box`` and return the standard button the user pressed."""
    return QMessageBox.StandardButton(box.exec())


def inform(parent: QWidget | None, title: str, text: str, *, warning: bool = False) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information, title, text)
    box.setParent(parent, box.windowFlags())
    choose(box)


def open_file(parent: QWidget | None, title: str, filters: str, folder: str = "") -> str:
    """A path to open ("" when the user cancels); the dialog starts in ``folder`` or the last folder."""
    return _chosen(QFileDialog.getOpenFileName(parent, title, folder or last_folder(), filters)[0])


def save_file(parent: QWidget | None, title: str, filters: str, suggestion: str = "") -> str:
    """A path to write ("" when the user cancels); the native dialog asks before replacing a file.

    ``suggestion``: a file name or path; a bare name is put in the last folder."""
    if suggestion and Path(suggestion).parent == Path(".") and last_folder():
        suggestion = str(Path(last_folder()) / suggestion)
    return _chosen(QFileDialog.getSaveFileName(parent, title, suggestion, filters)[0])


def open_folder(parent: QWidget | None, title: str, folder: str = "") -> str:
    return _chosen(QFileDialog.getExistingDirectory(parent, title, folder or last_folder()), is_folder=True)


def run_dialog(dialog: QDialog) -> bool:
    """Show a modal dialog; True if the user accepted it."""
    return dialog.exec() == QDialog.DialogCode.Accepted
