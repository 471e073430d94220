"""The main window: start page, the open project (editor and panels), menus, and closing safely.

Panels plug in with ``add_panel`` (a dock shown while a project is open) and
follow the open project through ``session_changed`` (a ``ProjectSession`` or
None). Every change to a project goes through the session (undoable, saved);
the window adds no transcript logic of its own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..core.errors import TranskriptError
from ..core.project.backup import restore_backup
from ..core.project.lock import TAKEN, WINDOW, ProjectLock, ProjectLockedError
from . import i18n, prompts
from .accuracy_dialog import AccuracyAction
from .core_messages import core_message
from .editor_menus import EditorMenus
from .files import kind_of, project_filter
from .new_project import NewProjectDialog
from .panels import ResearchPanels
from .plain_view import PlainTranscriptView
from .read_only import ReadOnlyBanner
from .recovery import inspect
from .roster_panel import RosterPanel
from .session import ProjectSession
from .settings import app_settings, recent_projects, remember_project
from .shortcuts_dialog import ShortcutsDialog, keys_text, normalise_rows
from .start_page import StartPage
from .step_bar import StepBar
from .study_view import StudyPanel
from .transcription import TranscriptionPanel, WorkerAwareSession

log = logging.getLogger(__name__)

# Where the panels' layout (places, sizes, which are shown) is kept between sessions: saved while a
# project is open, so that a panel the researcher closed stays closed at the next start.
STATE_KEY = "window/state"
GEOMETRY_KEY = "window/geometry"
# The first size on a screen with no saved geometry: fits a 1280×720 laptop with its task bar.
FIRST_SIZE = (1240, 680)

ShortcutSource = Callable[[], Iterable]


class MainWindow(QMainWindow):
    """The window titled "Transkript"."""

    session_changed = Signal(object)  # the open ProjectSession, or None when the project closes

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.settings = settings if settings is not None else app_settings()
        prompts.keep_last_folder_in(self.settings)  # file dialogs open where the user last was
        self._session: ProjectSession | None = None
        self._editor: QWidget | None = None
        self._save_error = ""
        self._docks: list[tuple[QDockWidget, bool]] = []
        self._shortcut_sources: list[tuple[str, ShortcutSource]] = []
        self.undo_group = QUndoGroup(self)
        self.setWindowTitle("Transkript")
        self.setAcceptDrops(True)

        self.start_page = StartPage()
        self.start_page.new_requested.connect(lambda: self.new_project())
        self.start_page.open_requested.connect(lambda: self.open_dialog())
        self.start_page.open_path.connect(self.open_project)
        self.start_page.resume_path.connect(self.resume_project)
        self.project_page = QWidget()
        self._project_layout = QVBoxLayout(self.project_page)
        self._project_layout.setContentsMargins(0, 0, 0, 0)
        self.read_only_banner = ReadOnlyBanner()
        self.read_only_banner.retry.connect(self.retry_editing)
        self._project_layout.addWidget(self.read_only_banner)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.start_page)
        self.pages.addWidget(self.project_page)
        self.setCentralWidget(self.pages)

        self._build_actions()
        self.transcription_panel = TranscriptionPanel(self.settings)
        self.transcription_panel.running_changed.connect(self._on_running_changed)
        self.transcription_panel.run_ended.connect(self._on_run_ended)
        self.transcription_dock = self.add_panel(
            self.transcription_panel,
            "",
            Qt.DockWidgetArea.RightDockWidgetArea,
            object_name="TranscriptionDock",
        )
        self.roster_panel = RosterPanel()
        self.roster_panel.warned.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.roster_dock = self.add_panel(
            self.roster_panel, "", Qt.DockWidgetArea.RightDockWidgetArea, object_name="RosterDock"
        )
        self.tabifyDockWidget(self.transcription_dock, self.roster_dock)
        self.session_changed.connect(self.transcription_panel.set_session)
        self.session_changed.connect(self.roster_panel.set_session)
        self.step_bar = StepBar(self)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.step_bar)
        self.step_bar.step_requested.connect(self.go_to_step)

        self.save_state_label = QLabel()
        # A maximised window has no size grip, and the last letter would touch the screen's edge.
        self.save_state_label.setContentsMargins(0, 0, self.fontMetrics().averageCharWidth(), 0)
        self.statusBar().addPermanentWidget(self.save_state_label)
        self._build_menus()
        self.research = ResearchPanels(self)  # names review, cite, export: their own module
        self.study_panel = StudyPanel(self)  # File → Open Study…: the study's interviews and roster
        self.accuracy = AccuracyAction(self)  # Edit → Whisper's Accuracy…
        self.tabifyDockWidget(self.roster_dock, self.research.names_dock)
        self.tabifyDockWidget(self.research.names_dock, self.research.cite_dock)
        self.research.cite_panel.model.modelReset.connect(self._on_cite_lines)
        self.research.names_panel.review_shown.connect(self.step_bar.set_names_waiting)
        self.transcription_dock.raise_()
        self.retranslate()
        self._restore_geometry()
        self._show_project_docks(False)
        self._update_actions()
        self.refresh_start_page()

    # -- public API for panels ----------------------------------------------------

    @property
    def session(self) -> ProjectSession | None:
        """The open project's session (None on the start page)."""
        return self._session

    @property
    def editor(self) -> QWidget | None:
        """The transcript editor (gui/editor), or the read-only view until it exists."""
        return self._editor

    @property
    def transcription_running(self) -> bool:
        """True while a worker owns the project file: do not save or export meanwhile."""
        return self.transcription_panel.running

    def add_panel(
        self,
        widget: QWidget,
        title: str,
        area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea,
        *,
        project_only: bool = True,
        object_name: str | None = None,
    ) -> QDockWidget:
        """Dock ``widget`` in the window; shown only while a project is open unless ``project_only`` is False.

        Its View-menu entry toggles it. ``object_name`` keeps its place between sessions.
        """
        dock = QDockWidget(title, self)
        dock.setObjectName(object_name or f"{type(widget).__name__}Dock")
        dock.setWidget(_scrolling(widget))
        self.addDockWidget(area, dock)
        self._share_undo(dock)
        self._docks.append((dock, project_only))
        if hasattr(self, "view_menu"):
            self.view_menu.insertAction(self._view_separator, dock.toggleViewAction())
        dock.setVisible(self._session is not None or not project_only)
        return dock

    def menu(self, name: str) -> QMenu:
        """The ``file``, ``edit``, ``view`` or ``help`` menu, for panels that add actions."""
        return {
            "file": self.file_menu,
            "edit": self.edit_menu,
            "view": self.view_menu,
            "help": self.help_menu,
        }[name]

    def add_shortcut_source(self, where: str, rows: ShortcutSource) -> None:
        """Rows (what, keys) that Help → Shortcuts lists under ``where`` (a panel's own shortcuts)."""
        self._shortcut_sources.append((where, rows))

    # -- actions and menus -----------------------------------------------------------

    def _build_actions(self) -> None:
        def action(slot, keys=None) -> QAction:
            act = QAction(self)
            act.triggered.connect(slot)
            if keys is not None:
                act.setShortcuts(keys if isinstance(keys, list) else QKeySequence.keyBindings(keys))
            return act

        self.new_action = action(lambda: self.new_project(), QKeySequence.StandardKey.New)
        self.open_action = action(lambda: self.open_dialog(), QKeySequence.StandardKey.Open)
        self.save_action = action(lambda: self.save(), QKeySequence.StandardKey.Save)
        self.save_as_action = action(lambda: self.save_as(), QKeySequence.StandardKey.SaveAs)
        self.close_action = action(lambda: self.close_project(), QKeySequence.StandardKey.Close)
        self.quit_action = action(self.close, QKeySequence.StandardKey.Quit)
        self.undo_action = self.undo_group.createUndoAction(self)
        self.undo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.redo_action = self.undo_group.createRedoAction(self)
        self.redo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo))
        # The editor has its own Undo/Redo on the same keys (it first commits the word being typed).
        # Two actions on one key in one place cancel each other out in Qt, so the window's pair
        # answers only inside the panels and views it is given to (_share_undo), never in the editor.
        for act in (self.undo_action, self.redo_action):
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.shortcuts_action = action(lambda: self.show_shortcuts(), [QKeySequence("F1")])
        self.about_action = action(lambda: self.show_about())
        self.methods_action = action(lambda: self.show_methods())
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code in ("", "en", "da"):
            act = QAction(self, checkable=True)
            act.triggered.connect(lambda _=False, c=code: self.set_language(c))
            self.language_group.addAction(act)
            self.language_actions[code] = act
        self.language_actions[str(self.settings.value(i18n.SETTING, "") or "")].setChecked(True)
        self._window_actions = (
            self.new_action,
            self.open_action,
            self.save_action,
            self.save_as_action,
            self.close_action,
            self.quit_action,
            self.undo_action,
            self.redo_action,
            self.shortcuts_action,
        )

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.new_action)
        self.file_menu.addAction(self.open_action)
        self.recent_menu = self.file_menu.addMenu("")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.save_action)
        self.file_menu.addAction(self.save_as_action)
        self.file_menu.addAction(self.close_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.methods_action)  # File → Export… joins it (panels.py), before Quit
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.view_menu = bar.addMenu("")
        for dock, _ in self._docks:
            self.view_menu.addAction(dock.toggleViewAction())
        self._view_separator = self.view_menu.addSeparator()
        self.language_menu = self.view_menu.addMenu("")
        for act in self.language_actions.values():
            self.language_menu.addAction(act)
        self.play_menu = bar.addMenu("")
        # The editor's actions join Edit, View and Play while a project is open (editor_menus).
        self.editor_menus = EditorMenus(self.edit_menu, self.view_menu, self.play_menu, self.settings, self)
        for act in self.editor_menus.zoom_actions:
            self.addAction(act)  # the keys work wherever the focus is in the window
        self._window_actions += self.editor_menus.zoom_actions
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.shortcuts_action)
        self.help_menu.addAction(self.about_action)

    def retranslate(self) -> None:
        """Every text of the window in the current language (the panels do their own)."""
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.play_menu.setTitle(self.tr("&Play"))
        self.editor_menus.retranslate()
        self.help_menu.setTitle(self.tr("&Help"))
        self.recent_menu.setTitle(self.tr("Open &Recent"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.new_action.setText(self.tr("&New Project…"))
        self.open_action.setText(self.tr("&Open…"))
        self.save_action.setText(self.tr("&Save"))
        self.save_as_action.setText(self.tr("Save &As…"))
        self.close_action.setText(self.tr("&Close Project"))
        self.quit_action.setText(self.tr("&Quit"))
        self.undo_action.setText(self.tr("&Undo"))
        self.redo_action.setText(self.tr("&Redo"))
        self.shortcuts_action.setText(self.tr("Keyboard &Shortcuts"))
        self.about_action.setText(self.tr("&About Transkript"))
        self.methods_action.setText(self.tr("&Methods Paragraph…"))
        self.language_actions[""].setText(self.tr("As the System"))
        self.language_actions["en"].setText("English")
        self.language_actions["da"].setText("Dansk")
        self.transcription_dock.setWindowTitle(self.tr("Transcription"))
        self.roster_dock.setWindowTitle(self.tr("Roster"))
        self._update_title()
        self._update_save_state()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_language(self, code: str) -> None:
        """ "da", "en", or "" (as the system); applied at once and remembered."""
        self.settings.setValue(i18n.SETTING, code)
        i18n.install(i18n.chosen_language(self.settings))
        self.language_actions.get(code, self.language_actions[""]).setChecked(True)

    # -- opening and creating -------------------------------------------------------------

    def open_dialog(self) -> bool:
        path = prompts.open_file(self, self.tr("Open a project"), project_filter())
        return self.open_project(path) if path else False

    def open_project(self, path: str | Path) -> bool:
        """Open a project file (closing the open one first); says in words what stops it."""
        path = Path(path).resolve()
        if self._session is not None and self._session.path == path:
            return True
        if not self.close_project():
            return False
        lock, elsewhere = self._lock_project(path)  # first: even a recovery writes the file
        state = inspect(path, keep_project=True)
        if state.project is None:
            if elsewhere:  # damaged or not there yet, and another writer at work on it: not ours to mend
                prompts.inform(self, self.tr("Open"), elsewhere, warning=True)
                self.refresh_start_page()
                return False
            if not self._recover(state):
                if lock is not None:
                    lock.release()
                self.refresh_start_page()
                return False
            state = inspect(path, keep_project=True)
        session = WorkerAwareSession(state.project, path, lock=lock, read_only=bool(elsewhere), parent=self)
        self._install(session)
        if session.read_only:
            self._show_read_only(elsewhere)
        remember_project(self.settings, path)
        if state.interrupted:
            self.transcription_dock.show()
            self.transcription_dock.raise_()
            self.statusBar().showMessage(
                self.tr("The transcription of this project stopped before the end; Resume continues it."),
                15000,
            )
        return True

    def _lock_project(self, path: Path) -> tuple[ProjectLock | None, str]:
        """Take the project's lock for this window: (the lock, "") or (None, who writes it elsewhere).

        A folder where no lock can be made (read-only, gone) gives (None, ""): the project opens
        as before, and a save there says itself why it fails.
        """
        lock = ProjectLock(path, WINDOW, on_notice=lambda text: self.statusBar().showMessage(text, 15000))
        try:
            taken = lock.acquire() == TAKEN
        except ProjectLockedError as error:
            return None, core_message(str(error))
        except TranskriptError as error:
            log.warning("The project's lock could not be made: %s", error)
            taken = False
        return (lock if taken else None), ""

    def _show_read_only(self, reason: str) -> None:
        """Say that the project is open elsewhere, and keep every way of changing it shut."""
        self.read_only_banner.show_reason(reason)
        for dock, project_only in self._docks:
            if project_only:
                dock.setEnabled(False)
        self._lock_editor(True)
        if getattr(self, "research", None) is not None:
            self.research.export_action.setEnabled(False)
        self._update_actions()
        self._update_save_state()

    def _lock_editor(self, read_only: bool) -> None:
        """The editor shows a read-only project for reading (scrolling, playing); a plain view is shut."""
        editor = self._editor
        if editor is None:
            return
        set_read_only = getattr(editor, "set_read_only", None)
        if callable(set_read_only):
            set_read_only(read_only)
        else:
            editor.setEnabled(not read_only)

    def retry_editing(self) -> bool:
        """Open the project again for editing, now that the other writer may be done. True if editable."""
        session = self._session
        if session is None or not session.read_only:
            return session is not None
        path = session.path
        self.close_project()
        return self.open_project(path) and not self._session.read_only

    def _on_read_only_changed(self, read_only: bool) -> None:
        if read_only:
            self._show_read_only(self._save_error)

    def resume_project(self, path: str | Path) -> bool:
        """Open ``path`` and resume its interrupted transcription."""
        if not self.open_project(path):
            return False
        return self.transcription_panel.start()

    def _recover(self, state) -> bool:
        """A project that cannot be opened: say why; offer its previous version if there is one."""
        if not state.exists:
            prompts.inform(
                self,
                self.tr("Open"),
                self.tr("The project file {path} was not found.").format(path=state.path),
                warning=True,
            )
            return False
        if not state.backup_usable:
            prompts.inform(self, self.tr("Open"), state.problem or "", warning=True)
            return False
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Open"),
            self.tr(
                "{problem}\n\nThe previous version of the project (as it was before it was last opened "
                "or changed by a command) is intact. Open it? The damaged file is kept beside it as "
                "{name}.damaged."
            ).format(problem=state.problem, name=state.path.name),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            self,
        )
        if prompts.choose(box) != QMessageBox.StandardButton.Open:
            return False
        try:
            restored = restore_backup(state.path)
        except (TranskriptError, OSError) as error:
            prompts.inform(self, self.tr("Open"), core_message(str(error)), warning=True)
            return False
        self.statusBar().showMessage(
            self.tr("Opened the previous version; the damaged file is kept as {name}.").format(
                name=restored.kept.name if restored.kept else ""
            ),
            15000,
        )
        return True

    def new_project(self, source: str | Path | None = None) -> bool:
        """Ask for a recording or typed transcript and the interview's details; open the new project."""
        dialog = NewProjectDialog(self, source)
        if not prompts.run_dialog(dialog) or getattr(dialog, "created", None) is None:
            return False
        if not self.open_project(dialog.created.project_path):
            return False
        if dialog.created.from_audio:
            self.transcription_dock.show()
            self.transcription_dock.raise_()
        return True

    def _install(self, session: ProjectSession) -> None:
        self._session = session
        self._save_error = ""
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        session.dirty_changed.connect(self._update_title)
        session.dirty_changed.connect(self._update_save_state)
        session.saved.connect(self._on_saved)
        session.save_failed.connect(self._on_save_failed)
        session.changed.connect(self._update_title)
        session.read_only_changed.connect(self._on_read_only_changed)
        self._editor = self._create_editor(session)
        self._project_layout.addWidget(self._editor)
        said = getattr(self._editor, "status_message", None)
        if said is not None:  # "No more uncertain words…", a refused edit, the place of an overlap
            said.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self._share_undo(self._editor)
        self.editor_menus.set_editor(self._editor)
        for keys in self.shortcut_collisions():
            log.warning("The shortcut %s is both the window's and the editor's; neither will work.", keys)
        self.pages.setCurrentWidget(self.project_page)
        self._show_project_docks(True)
        self.step_bar.set_project(session.project)
        session.changed.connect(self.step_bar.project_changed)
        self.session_changed.emit(session)
        self._update_actions()
        self._update_title()
        self._update_save_state()

    def _create_editor(self, session: ProjectSession) -> QWidget:
        audio = session.project.audio_file(session.path) if session.path else None
        try:
            from .editor import TranscriptEditor
        except ImportError as error:
            if getattr(error, "name", "") != f"{__package__}.editor":
                log.warning("The editor could not be loaded (%s); showing the read-only view.", error)
            return PlainTranscriptView(session)
        return TranscriptEditor(session, audio if audio and audio.is_file() else None, self.project_page)

    def _share_undo(self, widget: QWidget) -> None:
        """Let Ctrl+Z/Ctrl+Shift+Z undo and redo while the focus is in ``widget`` (unless it has its own)."""
        own = {key.toString() for act in widget.actions() for key in act.shortcuts()}
        for act in (self.undo_action, self.redo_action):
            if not own & {key.toString() for key in act.shortcuts()}:
                widget.addAction(act)

    def shortcut_collisions(self) -> list[str]:
        """Keys that both a window-wide action and the editor use (Qt would run neither)."""
        if self._editor is None:
            return []
        editor_keys = {key.toString() for act in self._editor.actions() for key in act.shortcuts()}
        window_wide = [
            a for a in self._window_actions if a.shortcutContext() == Qt.ShortcutContext.WindowShortcut
        ]
        return sorted({key.toString() for act in window_wide for key in act.shortcuts()} & editor_keys)

    # -- saving and closing ---------------------------------------------------------------

    def save(self) -> bool:
        """Write the project now; if that fails, say why and offer Save As."""
        session = self._session
        if session is None or self.transcription_running or session.read_only:
            return False
        self._commit_editor()
        if session.save():
            return True
        return self._ask_unsaved(closing=False)

    def _commit_editor(self) -> None:
        """Store the words being typed in the editor before the project is written."""
        commit = getattr(self._editor, "commit_pending", None)
        if callable(commit):
            commit()

    def save_as(self) -> bool:
        session = self._session
        if session is None or self.transcription_running:
            return False
        suggestion = str(session.path) if session.path else ""
        path = prompts.save_file(self, self.tr("Save the project as"), project_filter(), suggestion)
        if not path:
            return False
        if not path.endswith(".transkript.json"):
            path += ".transkript.json"
        if not self._move_lock(session, Path(path).resolve()):
            return False
        if not session.save_as(path):
            return False
        remember_project(self.settings, Path(path))
        self._update_title()
        return True

    def _move_lock(self, session: ProjectSession, path: Path) -> bool:
        """Before Save As: take the new file's lock and give the old one back. False if it is taken."""
        if session.path is not None and path == session.path.resolve() and not session.read_only:
            return True
        lock, elsewhere = self._lock_project(path)
        if elsewhere:
            prompts.inform(self, self.tr("Save As"), elsewhere, warning=True)
            return False
        session.release_lock()
        session.lock = lock
        if session.read_only:  # a copy of one's own: editable again
            session.set_read_only(False)
            self.read_only_banner.hide()
            for dock, project_only in self._docks:
                if project_only:
                    dock.setEnabled(True)
            self._lock_editor(False)
            self.research.export_action.setEnabled(True)
            self._update_actions()
        return True

    def close_project(self) -> bool:
        """Close the open project; False if the user chose to keep it open."""
        session = self._session
        if session is None:
            return True
        if self.transcription_running and not self._stop_transcription():
            return False
        self._commit_editor()
        if session.dirty and not (session.path is not None and session.save()):
            if not self._ask_unsaved(closing=True):
                return False
        self.settings.setValue(STATE_KEY, self.saveState())  # with the panels as the researcher left them
        self.session_changed.emit(None)
        self.undo_group.removeStack(session.undo_stack)
        self.editor_menus.set_editor(None)
        if self._editor is not None:
            self._project_layout.removeWidget(self._editor)
            self._editor.deleteLater()
            self._editor = None
        self._session = None
        session.release_lock()
        session.deleteLater()
        self.read_only_banner.hide()
        for dock, project_only in self._docks:
            if project_only:
                dock.setEnabled(True)
        self.pages.setCurrentWidget(self.start_page)
        self.step_bar.set_project(None)
        self._show_project_docks(False)
        self._update_actions()
        self._update_title()
        self._update_save_state()
        self.refresh_start_page()
        return True

    def _stop_transcription(self) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Transcription running"),
            self.tr(
                "A transcription is running. Stop it? What was done is saved, and Resume continues it later."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        if prompts.choose(box) != QMessageBox.StandardButton.Yes:
            return False
        self.transcription_panel.stop_for_close()
        return not self.transcription_running

    def _ask_unsaved(self, *, closing: bool) -> bool:
        """The latest changes are not on disk: Save As, Discard (when closing) or Cancel. True to go on."""
        session = self._session
        reason = self._save_error or self.tr("the project has no file yet")
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Unsaved changes"),
            self.tr("The latest changes to “{title}” are not saved: {reason}").format(
                title=session.project.metadata.title or self.tr("the project"), reason=reason
            ),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Cancel
            | (QMessageBox.StandardButton.Discard if closing else QMessageBox.StandardButton.NoButton),
            self,
        )
        box.button(QMessageBox.StandardButton.Save).setText(self.tr("Save As…"))
        if closing:
            box.button(QMessageBox.StandardButton.Discard).setText(self.tr("Discard Changes"))
        answer = prompts.choose(box)
        if answer == QMessageBox.StandardButton.Save:
            return self.save_as()
        return answer == QMessageBox.StandardButton.Discard

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.close_project():
            event.ignore()
            return
        # The panels' state was saved as the project closed (close_project); on the start page every
        # panel is hidden, and saving that would hide them all at the next start.
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.settings.sync()
        event.accept()

    # -- drag and drop ------------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if self._dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802
        path = self._dropped_file(event.mimeData())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_file(path)

    def open_file(self, path: str | Path) -> bool:
        """A project opens; a recording or typed transcript starts a new project."""
        if kind_of(path) == "project":
            return self.open_project(path)
        return self.new_project(path)

    @staticmethod
    def _dropped_file(mime) -> Path | None:
        for url in mime.urls() if mime.hasUrls() else []:
            if url.isLocalFile() and kind_of(url.toLocalFile()) is not None:
                return Path(url.toLocalFile())
        return None

    # -- help ---------------------------------------------------------------------------

    def shortcut_rows(self) -> list[tuple[str, str, str]]:
        """(where, what, keys) for every shortcut: the window's, the editor's, the panels'."""
        # Undo and Redo carry the step's name ("Undo Change name"): list them by their own name.
        names = {self.undo_action: self.tr("Undo"), self.redo_action: self.tr("Redo")}
        rows = [
            (self.tr("Window"), names.get(act, act.text().replace("&", "")), keys_text(act.shortcut()))
            for act in self._window_actions
            if not act.shortcut().isEmpty()
        ]
        table = getattr(self._editor, "shortcut_table", None)
        if callable(table):
            rows += normalise_rows(table(), self.tr("Editor"))
        for where, source in self._shortcut_sources:
            rows += normalise_rows(source(), where)
        return rows

    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(self.shortcut_rows(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def show_methods(self):
        """File → Methods Paragraph…: the paragraph for the method chapter about the open project."""
        from .methods_dialog import MethodsDialog

        if self._session is None:
            return None
        dialog = MethodsDialog(self._session.project, self._session.path, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Transkript"),
            self.tr(
                "<b>Transkript</b> {version}<br>Citable, pseudonymised transcripts of research interviews. "
                "Everything happens on this computer: recordings and transcripts never leave it."
            ).format(version=__version__),
        )

    # -- state shown in the window ---------------------------------------------------------

    def refresh_start_page(self) -> None:
        """The recent projects, each checked: interrupted runs are offered for Resume."""
        self.start_page.set_recent([inspect(path) for path in recent_projects(self.settings)])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = recent_projects(self.settings)
        for path in paths:
            act = self.recent_menu.addAction(path.name)
            act.setToolTip(str(path))
            act.triggered.connect(lambda _=False, p=path: self.open_project(p))
        if not paths:
            self.recent_menu.addAction(self.tr("(none yet)")).setEnabled(False)

    def _show_project_docks(self, project_open: bool) -> None:
        for dock, project_only in self._docks:
            if project_only:
                dock.setVisible(project_open)
                dock.toggleViewAction().setEnabled(project_open)
        self.step_bar.setVisible(project_open)
        if project_open:
            # As the researcher left them: places, sizes, and the panels closed stay closed.
            state = self.settings.value(STATE_KEY)
            if state is not None:
                self.restoreState(state)
            self.step_bar.setVisible(True)

    def _update_actions(self) -> None:
        has = self._session is not None
        running = self.transcription_running
        self.save_action.setEnabled(has and not running and not self._session.read_only)
        self.save_as_action.setEnabled(has and not running)
        self.close_action.setEnabled(has)
        self.methods_action.setEnabled(has)

    def _update_title(self, *_args) -> None:
        session = self._session
        if session is None:
            self.setWindowTitle("Transkript")
            self.setWindowModified(False)
            return
        title = session.project.metadata.title or (session.path.name if session.path else self.tr("Untitled"))
        self.setWindowTitle(f"{title}[*] — Transkript")
        self.setWindowModified(session.dirty)

    def _update_save_state(self, *_args) -> None:
        session = self._session
        if session is None:
            text = ""
        elif session.read_only:
            text = self.tr("Read-only: open in another window or command")
        elif self.transcription_running:
            text = self.tr("Transcribing: the project is saved as the words come")
        elif self._save_error and session.dirty:
            text = self.tr("Not saved: {reason}").format(reason=self._save_error)
        elif session.dirty:
            text = self.tr("Saving shortly…")
        else:
            text = self.tr("All changes saved")
        self.save_state_label.setText(text)

    def _on_saved(self, _path: str) -> None:
        self._save_error = ""
        self._update_save_state()

    def _on_save_failed(self, reason: str) -> None:
        self._save_error = reason
        self.statusBar().showMessage(self.tr("Could not save: {reason}").format(reason=reason), 15000)
        self._update_save_state()

    def _on_running_changed(self, running: bool) -> None:
        if self._editor is not None:
            self._editor.setEnabled(not running)
        self._update_actions()
        self._update_save_state()

    def _on_run_ended(self, outcome) -> None:
        if outcome.message:
            self.statusBar().showMessage(outcome.message, 20000)
        if self._session is not None and self._session.path is not None:
            remember_project(self.settings, self._session.path)

    def _restore_geometry(self) -> None:
        geometry = self.settings.value(GEOMETRY_KEY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(*FIRST_SIZE)
        state = self.settings.value(STATE_KEY)
        if state is not None:
            self.restoreState(state)

    # -- the steps of the work ----------------------------------------------------------------

    def go_to_step(self, step: str) -> None:
        """Bring the step's panel to the front (or open the export dialog): the step bar's clicks."""
        docks = {
            "transcribe": self.transcription_dock,
            "speakers": self.roster_dock,
            "names": self.research.names_dock,
            "cite": self.research.cite_dock,
        }
        if step in docks:
            docks[step].show()
            docks[step].raise_()
        elif step == "correct" and self._editor is not None:
            self._editor.setFocus()
            go = getattr(self._editor, "go_to_uncertain", None)
            if callable(go):
                go(1)
        elif step == "export":
            self.research.export()

    def _on_cite_lines(self) -> None:
        """The Cite panel numbered the lines again: whether the appendix is out of date is known now."""
        view = self.research.cite_panel.view
        self.step_bar.set_appendix_out_of_date(
            None if view is None else bool(view.appendix.recorded and view.appendix.changed_since_export)
        )


def _scrolling(widget: QWidget) -> QScrollArea:
    """``widget`` in a scroll area: a tall panel scrolls instead of making the window taller than the
    screen (on a 1366×768 laptop the docks' stacked minimum heights pushed the status bar off it)."""
    area = _TallPanelArea()
    area.setObjectName(f"{widget.objectName() or type(widget).__name__}Scroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(widget)
    return area


class _TallPanelArea(QScrollArea):
    """Scrolls up and down only: the panel keeps its own minimum width (nothing hides to the right),
    while its height may shrink to a few lines."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        # The panel's minimum changed (another language, a row shown): the dock must follow it.
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        inner = self.widget().minimumSizeHint() if self.widget() is not None else QSize(0, 0)
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(inner.width() + bar + 2 * self.frameWidth(), min(inner.height(), _PANEL_MIN_HEIGHT))


_PANEL_MIN_HEIGHT = 120  # a panel shrunk this far still shows a few rows, and scrolls for the rest
