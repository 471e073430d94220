"""The editor's actions in the window's menus, each with its shortcut, and the text's zoom.

The editor (gui/editor) owns its actions and their keys; the window shows them in
Edit, View and Play while a project is open, so that every function can be found
without knowing its key, and the menu teaches the key. The actions keep the
editor's shortcut context: a key still acts only in the editor, a menu entry
acts from anywhere.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

# The editor's actions by name, in menu order; None is a separator. Names the editor does not have
# (an older or newer editor) are left out; undo and redo are the window's own Edit entries.
EDIT = (
    None, "find", "replace", "find_next", "find_previous",
    None, "split_turn", "merge_next", "change_speaker", "speakers",
    None, "next_uncertain", "previous_uncertain",
)  # fmt: skip
VIEW = ("view_verbatim", "view_clean", "view_strict", None, "show_hidden", "pause_marks", "talk_time")
PLAY = (
    "play_pause", "play_from_cursor", None, "skip_back", "skip_forward",
    None, "slower", "faster", "normal_speed",
    None, "next_overlap", "previous_overlap",
)  # fmt: skip
ZOOM_KEY = "editor/zoom"  # steps above (or below) the text's normal size, kept per user
MAX_ZOOM = 12


class EditorMenus(QObject):
    """Puts an editor's actions into the window's menus, and takes them out when the project closes."""

    def __init__(self, edit: QMenu, view: QMenu, play: QMenu, settings: QSettings, parent: QWidget):
        super().__init__(parent)
        self.edit, self.view, self.play = edit, view, play
        self.settings = settings
        self.editor: QWidget | None = None
        self._added: list[tuple[QMenu, QAction]] = []
        self.speakers_menu = QMenu(parent)
        self.zoom_in_action = QAction(parent)
        self.zoom_in_action.setShortcuts([QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
        self.zoom_in_action.triggered.connect(lambda: self.zoom(1))
        self.zoom_out_action = QAction(parent)
        self.zoom_out_action.setShortcuts([QKeySequence("Ctrl+-")])
        self.zoom_out_action.triggered.connect(lambda: self.zoom(-1))
        self.zoom_reset_action = QAction(parent)
        self.zoom_reset_action.setShortcuts([QKeySequence("Ctrl+0")])
        self.zoom_reset_action.triggered.connect(lambda: self.zoom(0))
        self.zoom_actions = (self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action)
        self.set_editor(None)

    def retranslate(self) -> None:
        self.speakers_menu.setTitle(self.tr("Speaker"))
        self.zoom_in_action.setText(self.tr("Zoom &In"))
        self.zoom_out_action.setText(self.tr("Zoom &Out"))
        self.zoom_reset_action.setText(self.tr("&Normal Size"))

    @property
    def zoom_steps(self) -> int:
        try:
            return int(self.settings.value(ZOOM_KEY, 0))
        except (TypeError, ValueError):
            return 0

    def zoom(self, step: int) -> int:
        """Make the transcript's text larger (1), smaller (-1) or normal (0); remembered. The new step."""
        steps = 0 if step == 0 else max(-MAX_ZOOM, min(MAX_ZOOM, self.zoom_steps + step))
        text = getattr(self.editor, "text", None)
        if text is not None:
            text.zoomIn(steps - self.zoom_steps)
        self.settings.setValue(ZOOM_KEY, steps)
        return steps

    def set_editor(self, editor: QWidget | None) -> None:
        """Show ``editor``'s actions in the menus (None: take the last editor's out)."""
        for menu, action in self._added:
            menu.removeAction(action)
        self._added = []
        self.speakers_menu.clear()
        self.editor = editor
        action_of = getattr(editor, "action", None)
        for act in self.zoom_actions:
            act.setEnabled(editor is not None)
        self.play.menuAction().setVisible(editor is not None and callable(action_of))
        if editor is None or not callable(action_of):
            return
        names = set(getattr(editor, "_actions", {}))
        for n in range(1, 10):
            if f"speaker_{n}" in names:
                self.speakers_menu.addAction(action_of(f"speaker_{n}"))
        for menu, layout in ((self.edit, EDIT), (self.view, VIEW), (self.play, PLAY)):
            self._fill(menu, layout, names, action_of)
        self._add(self.view, self.view.insertSeparator(self._first_fixed(self.view)))
        for act in self.zoom_actions:
            self._insert(self.view, act)
        self._add(self.view, self.view.insertSeparator(self._first_fixed(self.view)))
        text = getattr(editor, "text", None)
        if text is not None and self.zoom_steps:
            text.zoomIn(self.zoom_steps)

    def _fill(self, menu: QMenu, layout: tuple, names: set[str], action_of) -> None:
        pending_separator = False
        for name in layout:
            if name is None:
                pending_separator = True
                continue
            if name == "speakers":
                action = self.speakers_menu.menuAction()
                if self.speakers_menu.isEmpty():
                    continue
            elif name in names:
                action = action_of(name)
            else:
                continue
            if pending_separator and (menu is not self.play or self._added_to(menu)):
                self._add(menu, menu.insertSeparator(self._first_fixed(menu)))
            pending_separator = False
            self._insert(menu, action)

    def _added_to(self, menu: QMenu) -> bool:
        return any(m is menu for m, _ in self._added)

    def _first_fixed(self, menu: QMenu) -> QAction | None:
        """Where the editor's entries go: at the end of Edit and Play, before the panels in View."""
        if menu is self.view:
            added = [a for m, a in self._added if m is menu]
            actions = menu.actions()
            if added:
                index = max(actions.index(a) for a in added) + 1
                return actions[index] if index < len(actions) else None
            return actions[0] if actions else None
        return None

    def _insert(self, menu: QMenu, action: QAction) -> None:
        before = self._first_fixed(menu)
        if before is None:
            menu.addAction(action)
        else:
            menu.insertAction(before, action)
        self._added.append((menu, action))

    def _add(self, menu: QMenu, action: QAction) -> None:
        self._added.append((menu, action))

    def actions_in_menus(self) -> list[QAction]:
        """The actions this put into the menus (for tests and Help → Shortcuts)."""
        return [action for _, action in self._added if not action.isSeparator()]
