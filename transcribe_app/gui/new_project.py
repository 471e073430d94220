"""File → New project: from a recording (to transcribe) or from a typed transcript (to import).

The dialog asks what a thesis needs to know about the interview (kind, title,
date, appendix number) and where the project file goes (beside the recording
by default). ``create_project`` writes the file with the core's functions, the
same ones ``transcribe-app import`` and ``meta`` use.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import TranskriptError
from ..core.project.new import NewProject, create_project  # noqa: F401 - the use case, in core
from ..core.project.record import default_project_path
from . import prompts
from .core_messages import core_message
from .files import audio_filter, kind_of, project_filter, transcript_filter


class NewProjectDialog(QDialog):
    """Choose the recording or transcript and describe the interview."""

    def __init__(self, parent: QWidget | None = None, source: str | Path | None = None):
        super().__init__(parent)
        self.setObjectName("NewProjectDialog")
        self.setWindowTitle(self.tr("New project"))
        self._path_chosen = False
        self.created: NewProject | None = None
        self.audio_radio = QRadioButton(self.tr("From a recording (transcribe it)"))
        self.transcript_radio = QRadioButton(self.tr("From a typed transcript (.txt or .docx)"))
        self.audio_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.audio_radio)
        group.addButton(self.transcript_radio)
        self.source_edit = QLineEdit()
        self.source_edit.editingFinished.connect(
            lambda: self.set_source(self.source_edit.text(), keep_kind=True)
        )
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse_source)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("Elite interview (one informant)"), "elite")
        self.kind_combo.addItem(self.tr("Focus group"), "focus_group")
        self.title_edit = QLineEdit()
        self.date_check = QCheckBox(self.tr("Known:"))
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setEnabled(False)
        self.date_check.toggled.connect(self.date_edit.setEnabled)
        self.appendix_spin = QSpinBox()
        self.appendix_spin.setRange(0, 999)
        self.appendix_spin.setSpecialValueText(self.tr("none"))
        self.project_edit = QLineEdit()
        self.project_edit.textEdited.connect(self._on_path_typed)
        where = QPushButton(self.tr("Change…"))
        where.clicked.connect(self._browse_project)
        self.error_label = QLabel(wordWrap=True)
        self.error_label.setStyleSheet("color: #a4000f;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.audio_radio)
        form.addRow(self.transcript_radio)
        form.addRow(self.tr("File"), _row(self.source_edit, browse))
        form.addRow(self.tr("Kind"), self.kind_combo)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Date of the interview"), _row(self.date_check, self.date_edit))
        form.addRow(self.tr("Appendix number (Bilag)"), self.appendix_spin)
        form.addRow(self.tr("Project file"), _row(self.project_edit, where))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(620, self.sizeHint().height())
        if source is not None:
            self.set_source(source)

    def set_source(self, path: str | Path, *, keep_kind: bool = False) -> None:
        """Fill the dialog from a chosen (or dropped) file: its kind, a title, a project path beside it."""
        path = Path(path) if str(path).strip() else None
        if path is None:
            return
        self.source_edit.setText(str(path))
        if not keep_kind or kind_of(path) in ("audio", "transcript"):
            (self.transcript_radio if kind_of(path) == "transcript" else self.audio_radio).setChecked(True)
        if not self.title_edit.text().strip() or not keep_kind:
            self.title_edit.setText(path.stem)
        if not self._path_chosen:
            self.project_edit.setText(str(default_project_path(path)))

    def _browse_source(self) -> None:
        if self.audio_radio.isChecked():
            path = prompts.open_file(self, self.tr("Choose the recording"), audio_filter())
        else:
            path = prompts.open_file(self, self.tr("Choose the typed transcript"), transcript_filter())
        if path:
            self.set_source(path)

    def _browse_project(self) -> None:
        path = prompts.save_file(
            self, self.tr("Save the project as"), project_filter(), self.project_edit.text()
        )
        if path:
            self._path_chosen = True
            self.project_edit.setText(path)

    def _on_path_typed(self, _text: str) -> None:
        self._path_chosen = True

    def result_project(self) -> NewProject | None:
        """What was chosen, or None (with the reason shown in the dialog) if it cannot be made."""
        source = Path(self.source_edit.text().strip()) if self.source_edit.text().strip() else None
        target = Path(self.project_edit.text().strip()) if self.project_edit.text().strip() else None
        problem = None
        if source is None or not source.is_file():
            problem = self.tr("Choose a recording or a typed transcript that exists.")
        elif target is None:
            problem = self.tr("Choose where the project file goes.")
        elif target.exists():
            problem = self.tr(
                "A project file with this name exists already; open it, or choose another name."
            )
        self.error_label.setText(problem or "")
        if problem:
            return None
        return NewProject(
            source=source,
            from_audio=self.audio_radio.isChecked(),
            project_path=target,
            kind=self.kind_combo.currentData(),
            title=self.title_edit.text().strip(),
            date=self.date_edit.date().toString("yyyy-MM-dd") if self.date_check.isChecked() else None,
            appendix=self.appendix_spin.value() or None,
        )

    def accept(self) -> None:
        new = self.result_project()
        if new is None:
            return
        try:
            create_project(new)
        except (TranskriptError, OSError) as error:
            self.error_label.setText(core_message(str(error)))
            return
        self.created = new
        super().accept()


def _row(*widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget, 1 if isinstance(widget, QLineEdit) else 0)
    return box
