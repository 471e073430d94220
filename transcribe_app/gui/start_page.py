"""The start page: new project, open, recent projects, and interrupted transcriptions to resume."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.project.transcript import clock_time
from .recovery import ProjectState


class StartPage(QWidget):
    """What the window shows when no project is open."""

    new_requested = Signal()
    open_requested = Signal()
    open_path = Signal(str)
    resume_path = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("StartPage")
        self._states: list[ProjectState] = []
        self.heading = QLabel("Transkript")
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        self.heading.setFont(font)
        self.subtitle = QLabel(wordWrap=True)
        self.new_button = QPushButton()
        self.open_button = QPushButton()
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.drop_hint = QLabel(wordWrap=True)
        # Said on the page every researcher sees first, and always: what the files hold and where they go.
        self.sensitive_note = QLabel(wordWrap=True)
        self.sensitive_note.setObjectName("SensitiveNote")
        self.sensitive_note.setTextFormat(Qt.TextFormat.RichText)
        self.recovery_box = QFrame()
        self.recovery_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.recovery_box.setStyleSheet("QFrame { background: #fff4d6; }")
        self.recovery_layout = QVBoxLayout(self.recovery_box)
        self.recent_caption = QLabel()
        self.recent_list = QListWidget()
        self.recent_list.setObjectName("RecentProjects")
        self.recent_list.itemActivated.connect(self._on_activated)
        # The first start: no recent projects yet, so the page says how to begin instead of an empty list.
        self.empty_label = QLabel(wordWrap=True)
        self.empty_label.setObjectName("NoProjectsYet")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty_label.setStyleSheet("QLabel { color: palette(placeholder-text); padding: 8px 0; }")
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(self.heading)
        layout.addWidget(self.subtitle)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addWidget(self.drop_hint)
        layout.addSpacing(12)
        layout.addWidget(self.sensitive_note)
        layout.addSpacing(12)
        layout.addWidget(self.recovery_box)
        layout.addWidget(self.recent_caption)
        layout.addWidget(self.recent_list, 1)
        layout.addWidget(self.empty_label, 1)  # in the list's place, its text at the top
        self.retranslate()

    def retranslate(self) -> None:
        self.subtitle.setText(
            self.tr(
                "Transcripts of research interviews, made on this computer: the recordings never leave it."
            )
        )
        self.new_button.setText(self.tr("New project…"))
        self.open_button.setText(self.tr("Open…"))
        self.drop_hint.setText(
            self.tr("Or drop a recording, a typed transcript or a project file on this window.")
        )
        self.sensitive_note.setText(
            self.tr(
                "<b>Keep the project files safe.</b> A project file (.transkript.json) and the .bak beside "
                "it hold every real name and the verbatim transcript: they are as sensitive as the key. "
                "Keep them on an encrypted disk or the storage your university approves, not in e-mail or "
                "a cloud service; share only pseudonymised exports, never the project or its .bak."
            )
        )
        self.recent_caption.setText(self.tr("Recent projects"))
        self.empty_label.setText(
            self.tr(
                "No projects yet. Press New project… and choose a recording (or a typed transcript): "
                "Transkript makes a project file beside it, transcribes it on this computer, and opens it "
                "here to correct, pseudonymise, cite and export."
            )
        )
        self.set_recent(self._states)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_recent(self, states: list[ProjectState]) -> None:
        """Show the recent projects, and a Resume offer for each interrupted transcription."""
        self._states = list(states)
        self.recent_list.clear()
        for state in self._states:
            item = QListWidgetItem(self._describe(state))
            item.setData(Qt.ItemDataRole.UserRole, str(state.path))
            item.setToolTip(str(state.path))
            if not state.exists:
                item.setForeground(Qt.GlobalColor.gray)
            self.recent_list.addItem(item)
        self._fill_recovery([s for s in self._states if s.interrupted])
        empty = not self._states
        self.empty_label.setVisible(empty)
        self.recent_caption.setVisible(not empty)
        self.recent_list.setVisible(not empty)

    def recent_paths(self) -> list[str]:
        return [
            self.recent_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.recent_list.count())
        ]

    def _describe(self, state: ProjectState) -> str:
        if not state.exists:
            return self.tr("{name} (not found)").format(name=state.path.name)
        if not state.readable:
            note = (
                self.tr("damaged; the previous version can be restored")
                if state.backup_usable
                else self.tr("cannot be read")
            )
            return f"{state.path.name} ({note})"
        title = state.title or state.path.name
        note = self.tr(" — transcription interrupted") if state.interrupted else ""
        return f"{title}{note}   ·   {state.path.parent}"

    def _fill_recovery(self, interrupted: list[ProjectState]) -> None:
        while self.recovery_layout.count():
            widget = self.recovery_layout.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.recovery_box.setVisible(bool(interrupted))
        if not interrupted:
            return
        self.recovery_layout.addWidget(
            QLabel(
                self.tr("These transcriptions stopped before the end. What was done is saved."), wordWrap=True
            )
        )
        for state in interrupted:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            text = self.tr("{title}: stopped at {position} of {total}").format(
                title=state.title or state.path.name,
                position=clock_time(state.transcribed_until),
                total=clock_time(state.duration or 0.0),
            )
            line.addWidget(QLabel(text), 1)
            button = QPushButton(self.tr("Resume"))
            button.setObjectName("ResumeButton")
            button.clicked.connect(lambda _=False, p=str(state.path): self.resume_path.emit(p))
            line.addWidget(button)
            self.recovery_layout.addWidget(row)

    def _on_activated(self, item: QListWidgetItem) -> None:
        self.open_path.emit(item.data(Qt.ItemDataRole.UserRole))
