"""File → Open Study…: a study's interviews and its shared roster, in a panel beside the project.

The interviews table shows where each interview stands (``core/study/overview.py``:
read from the stored files, never by running a stage); a double-click opens its
project in the window. Above it, the queue (``study_queue.py``) transcribes the
interviews not transcribed yet, and the table follows it. The roster tab lists
the study's people and their codes — the codes every interview of the study is
pseudonymised with.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import TranskriptError
from ..core.project.transcript import clock_time
from ..core.study.overview import (
    CHANGED,
    DAMAGED,
    EXPORTED,
    INTERRUPTED,
    MISSING,
    NOT_TRANSCRIBED,
    TRANSCRIBED,
    TRANSCRIBING,
    UP_TO_DATE,
    InterviewState,
    overview,
)
from ..core.study.record import STUDY_FILE, Study, load_study
from . import prompts
from .core_messages import core_message
from .roster_panel import role_names
from .study_queue import QueueBar

_PATH_ROLE = Qt.ItemDataRole.UserRole


class StudyView(QWidget):
    """The open study: its interviews (double-click opens one) and its roster."""

    open_requested = Signal(Path)  # the project file of an interview

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.study: Study | None = None
        self.rows: list[InterviewState] = []
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.refresh_button)
        self.queue_bar = QueueBar()
        self.queue_bar.changed.connect(self.refresh)
        self.interviews = _table(9)
        self.interviews.horizontalHeader().setStretchLastSection(False)
        self.interviews.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.interviews.cellDoubleClicked.connect(self._open_row)
        self.roster = _table(3)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.interviews, "")
        self.tabs.addTab(self.roster, "")
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.queue_bar)
        layout.addWidget(self.tabs)
        self.retranslate()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(800, 240)  # a strip under the editor: the transcript keeps most of the height

    def set_study(self, study: Study | None) -> None:
        self.study = study
        self.refresh()

    def refresh(self) -> None:
        """Read the study and its interviews again from disk (another program may have changed them)."""
        if self.study is not None:
            try:
                self.study = load_study(self.study.folder)
            except TranskriptError as error:
                prompts.inform(self, self.tr("Study"), core_message(str(error)), warning=True)
        # The appendix is not laid out again here: that runs name detection, seconds per interview.
        self.rows = overview(self.study, check_appendix=False) if self.study is not None else []
        self.queue_bar.set_study(self.study)
        self._fill()

    def _fill(self) -> None:
        study = self.study
        self.title.setText(
            self.tr("<b>{title}</b> — {folder}").format(title=study.title, folder=study.folder)
            if study is not None
            else ""
        )
        self.interviews.setRowCount(len(self.rows))
        queued = self.queue_bar.queued()
        for row, state in enumerate(self.rows):
            for column, text in enumerate(self._cells(state, state.path in queued)):
                item = QTableWidgetItem(text)
                item.setData(_PATH_ROLE, str(state.path))
                if state.problem:
                    item.setToolTip(core_message(state.problem))
                self.interviews.setItem(row, column, item)
        people = study.roster if study is not None else []
        roles = role_names()
        self.roster.setRowCount(len(people))
        for row, entry in enumerate(people):
            for column, text in enumerate((entry.code, entry.name, roles.get(entry.role, entry.role))):
                self.roster.setItem(row, column, QTableWidgetItem(text))
        self.interviews.resizeColumnsToContents()
        self.roster.resizeColumnsToContents()

    def _cells(self, state: InterviewState, queued: bool = False) -> list[str]:
        reviewed = {None: "–", True: self.tr("reviewed"), False: self.tr("to review")}[state.names_reviewed]
        return [
            str(state.appendix) if state.appendix is not None else "–",
            state.title or Path(state.project).name,
            self.tr("focus group") if state.kind == "focus_group" else self.tr("elite"),
            self.tr("queued") if queued and state.stage != TRANSCRIBING else self._stage(state.stage),
            f"{state.corrected:.0%}" if state.corrected is not None else "–",
            reviewed,
            self._appendix(state.appendix_state),
            clock_time(state.duration) if state.duration is not None else "–",
            str(state.speakers) if state.speakers else "–",
        ]

    def _stage(self, stage: str) -> str:
        return {
            MISSING: self.tr("missing"),
            DAMAGED: self.tr("damaged"),
            NOT_TRANSCRIBED: self.tr("not transcribed"),
            TRANSCRIBING: self.tr("transcribing"),
            INTERRUPTED: self.tr("interrupted"),
            TRANSCRIBED: self.tr("transcribed"),
        }.get(stage, stage)

    def _appendix(self, state: str) -> str:
        return {
            EXPORTED: self.tr("exported"),
            UP_TO_DATE: self.tr("up to date"),
            CHANGED: self.tr("changed since export"),
        }.get(state, "–")

    def _open_row(self, row: int, _column: int) -> None:
        item = self.interviews.item(row, 0)
        if item is not None and self.rows[row].stage not in (MISSING, DAMAGED):
            self.open_requested.emit(Path(item.data(_PATH_ROLE)))

    def retranslate(self) -> None:
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Read the study and its interviews again"))
        self.tabs.setTabText(0, self.tr("Interviews"))
        self.tabs.setTabText(1, self.tr("Roster"))
        self.interviews.setHorizontalHeaderLabels(
            [
                self.tr("Appendix"),
                self.tr("Interview"),
                self.tr("Kind"),
                self.tr("State"),
                self.tr("Corrected"),
                self.tr("Names"),
                self.tr("Appendix export"),
                self.tr("Duration"),
                self.tr("Speakers"),
            ]
        )
        self.interviews.setToolTip(self.tr("Double-click an interview to open it"))
        self.roster.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Name"), self.tr("Role")])
        self._fill()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class StudyPanel(QWidget):
    """What the main window gets: the File → Open Study… action and the study's dock."""

    def __init__(self, window):
        super().__init__(window)
        from PySide6.QtGui import QAction

        self.window_ = window
        self.view = StudyView()
        self.view.open_requested.connect(window.open_project)
        self.dock = window.add_panel(
            self.view, "", Qt.DockWidgetArea.BottomDockWidgetArea, project_only=False, object_name="StudyDock"
        )
        self.dock.hide()
        self.open_action = QAction(window)
        self.open_action.triggered.connect(lambda: self.open_dialog())
        menu = window.menu("file")
        menu.insertAction(window.recent_menu.menuAction(), self.open_action)
        # A project opened from the study lays the docks out anew: keep the study's strip low.
        window.session_changed.connect(self._on_session_changed)
        self.hide()
        self.retranslate()

    def open_dialog(self) -> bool:
        folder = prompts.open_folder(self.window_, self.tr("Open a study folder"))
        return self.open_study(folder) if folder else False

    def open_study(self, folder: str | Path) -> bool:
        """Show the study in ``folder``; says in words why not (no study there, a damaged study.json)."""
        folder = Path(folder)
        running = self.view.queue_bar.running and self.view.study is not None
        if running and Path(folder).resolve() != self.view.study.folder.resolve():
            prompts.inform(
                self.window_,
                self.tr("Open Study"),
                self.tr(
                    "The queue is transcribing the interviews of “{title}”. Pause or stop it before you "
                    "open another study."
                ).format(title=self.view.study.title),
                warning=True,
            )
            return False
        if not (folder / STUDY_FILE).is_file():
            prompts.inform(
                self.window_,
                self.tr("Open Study"),
                self.tr(
                    "“{folder}” is not a study: it has no {file}. Make one with “transcribe-app study init”."
                ).format(folder=folder, file=STUDY_FILE),
                warning=True,
            )
            return False
        try:
            study = load_study(folder)
        except TranskriptError as error:
            prompts.inform(self.window_, self.tr("Open Study"), core_message(str(error)), warning=True)
            return False
        self.view.set_study(study)
        self.dock.show()
        self.dock.raise_()
        self._keep_low()
        return True

    def _on_session_changed(self, _session) -> None:
        QTimer.singleShot(0, self._keep_low)  # after the window has laid its docks out

    def _keep_low(self, *_args) -> None:
        """A strip under the editor, as low as its rows need: the transcript keeps the height."""
        if self.dock.isVisible():
            self.window_.resizeDocks([self.dock], [250], Qt.Orientation.Vertical)

    def retranslate(self) -> None:
        self.open_action.setText(self.tr("Open S&tudy…"))
        self.dock.setWindowTitle(self.tr("Study"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
