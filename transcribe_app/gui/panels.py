"""The pseudonymisation and citation panels, and the export dialog, put into the main window.

Kept apart from ``main_window`` so that the window's shell (pages, menus, saving)
and the research panels can change independently; ``install_panels`` is called
once by the window.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from .cite_panel import CitePanel
from .export_dialog import ExportDialog
from .names_panel import NamesPanel


class ResearchPanels(QObject):
    """Names review and Cite docks, File → Export…, and their links to the editor."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.names_panel = NamesPanel(None, settings=window.settings)
        self.cite_panel = CitePanel(None)
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.names_dock = window.add_panel(self.names_panel, "", right, object_name="NamesDock")
        self.cite_dock = window.add_panel(self.cite_panel, "", right, object_name="CiteDock")
        window.tabifyDockWidget(self.names_dock, self.cite_dock)
        window.session_changed.connect(self.names_panel.set_session)
        window.session_changed.connect(self.cite_panel.set_session)
        self.names_panel.show_in_editor.connect(self.show_in_editor)
        self.cite_panel.show_in_editor.connect(self.show_in_editor)
        self.cite_panel.export_requested.connect(self.export)

        self.export_action = QAction(window)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.export)
        file_menu = window.menu("file")
        file_menu.insertAction(file_menu.actions()[-1], self.export_action)  # before Quit
        file_menu.insertSeparator(file_menu.actions()[-1])
        window.session_changed.connect(lambda session: self.export_action.setEnabled(session is not None))
        self.export_action.setEnabled(False)
        window.add_shortcut_source(
            QCoreApplication.translate("ResearchPanels", "Window"),
            lambda: [(self.export_action.text().replace("&", ""), self.export_action.shortcut().toString())],
        )
        self.retranslate()
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def retranslate(self) -> None:
        self.names_dock.setWindowTitle(QCoreApplication.translate("ResearchPanels", "Names"))
        self.cite_dock.setWindowTitle(QCoreApplication.translate("ResearchPanels", "Cite"))
        self.export_action.setText(QCoreApplication.translate("ResearchPanels", "&Export…"))

    def show_in_editor(self, segment: int, text: str) -> None:
        editor = self.window.editor
        if editor is not None and hasattr(editor, "show_segment"):
            editor.show_segment(segment, text)
            editor.setFocus()

    def export(self) -> ExportDialog | None:
        """Open the export dialog for the open project (the words typed last are stored first)."""
        session = self.window.session
        if session is None:
            return None
        editor = self.window.editor
        if editor is not None and hasattr(editor, "commit_pending"):
            editor.commit_pending()
        shown = getattr(editor, "level", None)  # the view the editor shows is the export's first choice
        dialog = ExportDialog(session, self.window, settings=self.window.settings, level=shown)
        dialog.review_requested.connect(self.show_names_review)
        dialog.exported.connect(lambda path: self.window.statusBar().showMessage(path, 8000))
        dialog.open()
        return dialog

    def show_names_review(self) -> None:
        self.names_dock.show()
        self.names_dock.raise_()
