"""File → Methods Paragraph…: the paragraph for the method chapter, to read and copy.

The paragraph comes from ``core/methods`` (what the projects record, nothing more), for the open
project as it is in the window (unsaved corrections count) and, when asked, every other project in
its folder (a study keeps its interviews together). Danish or English, chosen here; the paragraph is
the thesis' language, not the window's.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import TranskriptError
from ..core.methods import interview_facts, methods_paragraph
from ..core.project.record import PROJECT_SUFFIX, Project


def folder_projects(path: Path) -> list[Path]:
    """The other projects in the open project's folder."""
    return sorted(p for p in path.parent.glob(f"*{PROJECT_SUFFIX}") if p.resolve() != path.resolve())


class MethodsDialog(QDialog):
    """The paragraph, its language, whether the folder's other projects count, and Copy."""

    def __init__(self, project: Project, path: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("MethodsDialog")
        self.project, self.path = project, path
        self.others = folder_projects(path) if path is not None else []
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.language = QComboBox()
        self.language.addItem("Dansk", "da")
        self.language.addItem("English", "en")
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language)
        self.whole_folder = QCheckBox()
        self.whole_folder.setVisible(bool(self.others))
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copy)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        choices = QHBoxLayout()
        choices.addWidget(self.language_label)
        choices.addWidget(self.language)
        choices.addStretch(1)
        choices.addWidget(self.whole_folder)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(choices)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)
        self.language.currentIndexChanged.connect(self.refresh)
        self.whole_folder.toggled.connect(self.refresh)
        self.retranslate()
        self.refresh()
        self.resize(720, 520)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Methods paragraph"))
        self.explanation.setText(
            self.tr(
                "A paragraph for your method chapter about how the transcripts were made. It states only "
                "what the projects record (models, settings, conventions, corrections, pseudonymisation, "
                "line numbers); read it through and add what only you know."
            )
        )
        self.language_label.setText(self.tr("&Language of the paragraph:"))
        count = len(self.others) + 1
        self.whole_folder.setText(self.tr("All {count} projects in this folder").format(count=count))
        self.copy_button.setText(self.tr("&Copy"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        """The paragraph for the chosen language and projects."""
        facts = [interview_facts(self.project)]
        unreadable = []
        if self.whole_folder.isChecked():
            from ..core.project.file import load_project

            for path in self.others:
                try:
                    facts.append(interview_facts(load_project(path)))
                except TranskriptError:
                    unreadable.append(path.name)
        text = methods_paragraph(facts, self.language.currentData())
        if unreadable:
            left_out = self.tr("Left out (could not be read): {names}").format(names=", ".join(unreadable))
            text += "\n\n" + left_out
        self.text.setPlainText(text)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.copy_button.setText(self.tr("Copied"))
