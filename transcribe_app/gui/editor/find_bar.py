"""The find/replace bar under the transcript (Ctrl+F, Ctrl+H): the editor does the searching."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QToolButton, QWidget


class FindBar(QWidget):
    """Fields and buttons; signals say what the researcher asked for."""

    search_changed = Signal()  # the text or an option changed: search again
    next_requested = Signal()
    previous_requested = Signal()
    replace_requested = Signal()
    replace_all_requested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.find_field = QLineEdit(self)
        self.find_field.setClearButtonEnabled(True)
        self.replace_field = QLineEdit(self)
        self.case_box = QCheckBox(self)
        self.words_box = QCheckBox(self)
        self.count_label = QLabel(self)
        self.previous_button = QPushButton(self)
        self.next_button = QPushButton(self)
        self.replace_button = QPushButton(self)
        self.replace_all_button = QPushButton(self)
        self._close_button = close = QToolButton(self)
        close.setText("✕")
        close.setAutoRaise(True)
        self.retranslate()

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for widget in (
            self.find_field,
            self.previous_button,
            self.next_button,
            self.count_label,
            self.replace_field,
            self.replace_button,
            self.replace_all_button,
            self.case_box,
            self.words_box,
            close,
        ):
            layout.addWidget(widget)

        self.find_field.textChanged.connect(self.search_changed)
        self.case_box.toggled.connect(self.search_changed)
        self.words_box.toggled.connect(self.search_changed)
        self.find_field.returnPressed.connect(self.next_requested)
        self.replace_field.returnPressed.connect(self.replace_requested)
        self.next_button.clicked.connect(self.next_requested)
        self.previous_button.clicked.connect(self.previous_requested)
        self.replace_button.clicked.connect(self.replace_requested)
        self.replace_all_button.clicked.connect(self.replace_all_requested)
        close.clicked.connect(self.close_bar)
        self.set_replacing(False)

    def retranslate(self) -> None:
        """The bar's texts in the window's current language (again when it changes)."""
        self.find_field.setPlaceholderText(self.tr("Find"))
        self.replace_field.setPlaceholderText(self.tr("Replace with"))
        self.case_box.setText(self.tr("Match case"))
        self.words_box.setText(self.tr("Whole words"))
        self.previous_button.setText(self.tr("Previous"))
        self.next_button.setText(self.tr("Next"))
        self.replace_button.setText(self.tr("Replace"))
        self.replace_all_button.setText(self.tr("Replace all"))
        self._close_button.setToolTip(self.tr("Close (Esc)"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def text(self) -> str:
        return self.find_field.text()

    @property
    def replacement(self) -> str:
        return self.replace_field.text()

    @property
    def case(self) -> bool:
        return self.case_box.isChecked()

    @property
    def whole_words(self) -> bool:
        return self.words_box.isChecked()

    def set_replacing(self, replacing: bool) -> None:
        for widget in (self.replace_field, self.replace_button, self.replace_all_button):
            widget.setVisible(replacing)

    def open(self, replacing: bool, text: str = "") -> None:
        self.set_replacing(replacing)
        self.show()
        if text:
            self.find_field.setText(text)
        self.find_field.setFocus()
        self.find_field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def set_count(self, current: int | None, total: int) -> None:
        if not self.text:
            self.count_label.setText("")
        elif total == 0:
            self.count_label.setText(self.tr("No matches"))
        elif current is None:
            self.count_label.setText(self.tr("{0} matches").format(total))
        else:
            self.count_label.setText(self.tr("{0} of {1}").format(current + 1, total))

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)
