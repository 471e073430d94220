"""The notice above a project that another window or command writes (core/project/lock): read-only here.

The window opens such a project for reading, says who writes it, and offers
Try Again for when the other writer is done.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class ReadOnlyBanner(QFrame):
    """A yellow band: "Open elsewhere – read-only here", the reason, and Try Again."""

    retry = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ReadOnlyBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame#ReadOnlyBanner { background: #fff4d6; }")
        self.label = QLabel(wordWrap=True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry_button = QPushButton()
        self.retry_button.clicked.connect(self.retry)
        row = QHBoxLayout(self)
        row.addWidget(self.label, 1)
        row.addWidget(self.retry_button)
        self._reason = ""
        self.retranslate()
        self.hide()

    def show_reason(self, reason: str) -> None:
        """Show the band with ``reason`` (the core's sentence: who writes the project, since when)."""
        self._reason = reason
        self.retranslate()
        self.show()

    def retranslate(self) -> None:
        self.label.setText(
            self.tr(
                "<b>Open elsewhere – read-only here.</b> {reason}<br>You can read the transcript here, but "
                "not change or save it, so that neither window loses the other's work."
            ).format(reason=self._reason.replace("&", "&amp;").replace("<", "&lt;"))
        )
        self.retry_button.setText(self.tr("Try Again"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
