"""A read-only view of the transcript, shown until the editor (gui/editor) is available."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ..core.cleanup.transcript_view import speaker_turns
from ..core.project.transcript import clock_time
from .session import ProjectSession


class PlainTranscriptView(QWidget):
    """Turns as "CODE [0:01:23]: text", redrawn when the project changes."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("PlainTranscriptView")
        self.session = session
        self.note = QLabel(wordWrap=True)
        self.text = QPlainTextEdit(readOnly=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.text, 1)
        session.changed.connect(self.refresh)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.note.setText(self.tr("Read-only view of the transcript."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        lines = []
        for code, segments in speaker_turns(self.session.project):
            start = segments[0].start
            when = f" [{clock_time(start)}]" if start is not None else ""
            words = " ".join(s.text.strip() for s in segments)
            lines.append(f"{code or '?'}{when}: {words}")
        self.text.setPlainText("\n\n".join(lines))
