"""Edit → Whisper's Accuracy…: how good the machine transcript was, measured against the corrections.

The same figures as ``transcribe-app accuracy`` (core/asr/accuracy.py): word and character error
rates, per speaker, and the words Whisper wrote wrong most often — for the vocabulary prompt of the
next interview. Measured when asked, never while typing: a corrected hour is some 10,000 words.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def _percent(value: float | None) -> str:
    """12.3 % in English, 12,3 % in Danish (the window's locale)."""
    from . import i18n

    locale = QLocale(QLocale.Language.Danish if i18n.current_language() == "da" else QLocale.Language.English)
    return "–" if value is None else f"{locale.toString(float(value), 'f', 1)} %"


class AccuracyDialog(QDialog):
    """The figures for one project, or a sentence saying why there are none yet."""

    def __init__(self, project, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("AccuracyDialog")
        self.setWindowTitle(self.tr("Whisper's accuracy"))
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary)
        self.speakers = self._table([self.tr("Speaker"), self.tr("Words"), self.tr("WER"), self.tr("CER")])
        self.substitutions = self._table([self.tr("Said"), self.tr("Whisper wrote"), self.tr("Times")])
        self.substitutions_label = QLabel(self.tr("Written wrong most often — worth adding to the names and "
                                                  "terms for Whisper next time:"))  # fmt: skip
        self.substitutions_label.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: palette(mid);")
        for widget in (self.speakers, self.substitutions_label, self.substitutions, self.note):
            layout.addWidget(widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.report = None
        self._show(project)
        self.resize(520, 560 if self.report is not None else 160)

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        return table

    def _show(self, project) -> None:
        from ..core.asr.accuracy import NORMALISATION, corrected_stretches, measure

        reason = self._why_not(project)
        for widget in (self.speakers, self.substitutions, self.substitutions_label, self.note):
            widget.setVisible(reason is None)
        if reason is not None:
            self.summary.setText(reason)
            return
        report = self.report = measure(corrected_stretches(project), project.recognised.text())
        overall = report.overall
        model = (project.transcription.model.get("name", "") if project.transcription else "") or "Whisper"
        self.summary.setText(
            self.tr(
                "Whisper ({model}) against your corrections, {words} words:\n"
                "Word error rate (WER): {wer}\nCharacter error rate (CER): {cer}\n"
                "{substituted} words written wrong, {missing} left out, {added} added."
            ).format(
                model=model,
                words=overall.words,
                wer=_percent(overall.wer),
                cer=_percent(overall.cer),
                substituted=overall.substitutions,
                missing=overall.deletions,
                added=overall.insertions,
            )  # fmt: skip
        )
        self._fill(
            self.speakers,
            [(code, str(c.words), _percent(c.wer), _percent(c.cer)) for code, c in report.speakers.items()],
        )
        self._fill(self.substitutions, [(s.reference, s.machine, str(s.count)) for s in report.substitutions])
        self.substitutions.setVisible(bool(report.substitutions))
        self.substitutions_label.setVisible(bool(report.substitutions))
        self.note.setText(
            self.tr(
                "Both texts are compared in lower case, without punctuation or pause marks; numbers and "
                "æ, ø, å as written."
            )  # fmt: skip
        )
        self.note.setToolTip(NORMALISATION)

    def _why_not(self, project) -> str | None:
        if project.recognised is None:
            if project.source == "import" or project.transcription is None:
                return self.tr(
                    "This transcript was imported from a typed file: there is no machine transcript in it to "
                    "measure."
                )
            if project.edits:
                return self.tr(
                    "This transcript was corrected before Transkript kept what Whisper wrote, so Whisper's "
                    "own words are no longer known. Transcribe the recording into a new project and measure "
                    "it with: transcribe-app accuracy NEW --reference THIS"
                )
        if not project.edits:
            return self.tr(
                "Nothing to measure yet: correct the transcript first. The figures compare what Whisper "
                "wrote with your corrections."
            )
        return None

    @staticmethod
    def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
        table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                table.setItem(i, j, QTableWidgetItem(text))


class AccuracyAction(QObject):
    """Edit → Whisper's Accuracy…, enabled while a project is open."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.action = QAction(window)
        self.action.triggered.connect(self.show)
        edit_menu = window.menu("edit")
        edit_menu.addSeparator()
        edit_menu.addAction(self.action)
        window.session_changed.connect(lambda session: self.action.setEnabled(session is not None))
        self.action.setEnabled(False)
        self.retranslate()
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def retranslate(self) -> None:
        self.action.setText(QCoreApplication.translate("AccuracyAction", "Whisper's &Accuracy…"))

    def show(self) -> AccuracyDialog | None:
        session = self.window.session
        if session is None:
            return None
        editor = self.window.editor
        if editor is not None and hasattr(editor, "commit_pending"):
            editor.commit_pending()  # the word being typed counts
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            dialog = AccuracyDialog(session.project, self.window)
        finally:
            QApplication.restoreOverrideCursor()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
