"""One open project in the window: the project, its file, undo/redo, and autosave.

Every change the window makes to a project goes through ``ProjectSession.edit``:
it becomes an undoable step on the session's ``QUndoStack`` and schedules a
save. Saves are debounced (many quick edits, one write) and atomic (the core's
``ProjectWriter``: temp file + rename), so a crash loses at most the last moments
and never the file. As for a command, ``.bak`` is the project as it was before
this window began to save it: only the first save of a session keeps the file it
replaces there, so that the backup is not just the autosave of a moment ago.

Undo keeps copies only of what a step can touch: the small parts of the
project (metadata, roster, decisions, quotes, cleanup level, layout) whole, and
of the transcript only the segments the step names — a two-hour focus group
has tens of thousands of words, and copying them for every corrected typo
would make typing sluggish. The segments are copy-on-write: before a step
runs, each segment it names is replaced in the list by a copy, and the step
changes the copy. A segment object, once in the transcript, is therefore never
changed again, so a step keeps the segment lists from before and after it (the
objects shared, not copied) and undo and redo put exactly those back. (Keeping
the earlier list but changing its segments in place let a later step's edit
leak into an earlier step's undo: edit turn 1, then turn 2, undo twice, and
turn 2's edit came back.) A step that fails leaves the project as it was and
no step behind.

One writer per project (core/project/lock): the window holds the project's lock
(``lock``) while it has the project open. A project locked by another window or
command opens ``read_only``: every edit is refused and nothing is saved. A save
that finds the lock taken over meanwhile (the computer slept past the point
where another computer may take it) saves nothing and turns the session
read-only too, so the window never writes over the other writer's work.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from shiboken6 import Shiboken

from ..core.errors import TranskriptError
from ..core.project.file import ProjectWriter
from ..core.project.lock import ProjectLock
from ..core.project.record import KEPT_BY_WINDOW, Project

_SMALL_PARTS = KEPT_BY_WINDOW  # the parts the window changes (core/project/record.py declares them)

# The steps each undo stack holds, by the stack's address, until the stack itself is destroyed.
# A step is a Python object the stack owns in C++. If only the stack reached it, a session (or a
# window) dropped in a reference cycle would hand its steps to Python's collector, which may clear a
# step before the stack and so delete it under the stack: ``QUndoStack.clear`` then deletes it again
# (a crash in the test run, in whichever test collected). Held here, a step is never garbage; the
# stack deletes its steps, then its ``destroyed`` lets go of them.
_HELD_STEPS: dict[int, list[QUndoCommand]] = {}


def _let_go_of_steps(key: int) -> Callable[..., None]:
    return lambda *_: _HELD_STEPS.pop(key, None)


class ProjectSession(QObject):
    """The open project. Widgets read ``session.project`` and change it only through ``edit``."""

    changed = Signal()  # the project's content changed (an edit, an undo, a reload)
    saved = Signal(str)  # the path written
    save_failed = Signal(str)  # the researcher-readable reason; the edits stay in memory
    dirty_changed = Signal(bool)
    read_only_changed = Signal(bool)  # the project became read-only (its lock is another writer's)

    def __init__(
        self,
        project: Project,
        path: str | Path | None = None,
        *,
        autosave_ms: int = 1500,
        lock: ProjectLock | None = None,
        read_only: bool = False,
        parent=None,
    ):
        super().__init__(parent)
        self.project = project
        self.path = Path(path) if path is not None else None
        self._writer: ProjectWriter | None = None  # the saves to ``path`` (a new path, a new writer)
        self.lock = lock  # the project's lock, held by this window (None: not locked, e.g. no file yet)
        self._read_only = read_only
        self.undo_stack = QUndoStack(self)
        self._steps_key = Shiboken.getCppPointer(self.undo_stack)[0]
        _HELD_STEPS[self._steps_key] = []
        self.undo_stack.destroyed.connect(_let_go_of_steps(self._steps_key))
        self._dirty = False
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(autosave_ms)
        self._autosave.timeout.connect(self.save)
        # A bound slot (not a lambda): Qt drops the connection when the session goes away.
        self.undo_stack.indexChanged.connect(self._on_index_changed)

    # -- changing the project ----------------------------------------------------

    def edit(self, label: str, change: Callable[[Project], None], *, segments: Iterable[int] = ()) -> None:
        """Apply ``change`` to the project as one undoable step named ``label`` (shown in Edit → Undo).

        ``segments``: indices of the segments ``change`` modifies in place; it may also
        insert or remove segments (split, merge) — the list itself is always restored. It must
        change no other segment in place (undo would not see it); the touched segments it is
        handed are fresh copies, so the earlier states the undo history keeps stay as they were.
        A ``change`` that raises leaves the project as it was and no step on the stack;
        the error is raised again here (a ``TranskriptError`` is the researcher's sentence).
        """
        if self._read_only:
            return  # open elsewhere: the window shows it, but must not change it
        step = _Step(self, label, change, tuple(segments))
        self.undo_stack.push(step)  # runs the change; a failed step marks itself obsolete and is dropped
        held = _HELD_STEPS.setdefault(self._steps_key, [])
        # The stack deletes the steps a new one replaces (undone, then edited over): those go too.
        held[:] = [kept for kept in held if Shiboken.isValid(kept)]
        if Shiboken.isValid(step):
            held.append(step)
        if step.error is not None:
            raise step.error

    @property
    def read_only(self) -> bool:
        """True when another window or command writes the project: no edits, no saves."""
        return self._read_only

    def set_read_only(self, read_only: bool) -> None:
        if read_only != self._read_only:
            self._read_only = read_only
            if read_only:
                self._autosave.stop()
            self.read_only_changed.emit(read_only)

    def release_lock(self) -> None:
        """Give the project's lock back (the project is closing)."""
        lock, self.lock = self.lock, None
        if lock is not None:
            lock.release()

    def replace_project(self, project: Project) -> None:
        """A project that changed outside the undo history (a finished transcription run, a reload)."""
        self.project = project
        self.undo_stack.clear()
        _HELD_STEPS[self._steps_key] = []  # the stack has deleted them
        self.changed.emit()

    # -- saving ------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self._dirty

    def save(self) -> bool:
        """Write the project now (atomically). False, with ``save_failed`` emitted, if it could not be."""
        self._autosave.stop()
        if self.path is None or self._read_only:
            return False
        if self.lock is not None and not self.lock.still_ours():
            self.save_failed.emit(
                self.tr(
                    "Another window or command took over {name} while it was open here (its lock had "
                    "been left too long), so this window saves nothing more to it. Use Save As to keep "
                    "your latest changes in another file."
                ).format(name=self.path.name)
            )
            self.set_read_only(True)
            return False
        try:
            if self._writer is None or self._writer.path != self.path:
                self._writer = ProjectWriter(self.path)
            self._writer.save(self.project)
        except TranskriptError as error:
            self.save_failed.emit(str(error))
            return False
        except OSError as error:  # a folder that vanished, a disk that is full
            self.save_failed.emit(f"The project could not be saved to {self.path}: {error.strerror or error}")
            return False
        self._set_dirty(False)
        self.saved.emit(str(self.path))
        return True

    def save_as(self, path: str | Path) -> bool:
        self.path = Path(path)
        return self.save()

    def _on_index_changed(self, _index: int) -> None:
        self._content_changed()

    def _content_changed(self) -> None:
        self._set_dirty(True)
        self.changed.emit()
        if self.path is not None:
            self._autosave.start()

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)


class _Step(QUndoCommand):
    """One undoable change: the project's state before and after it, kept without copying the transcript.

    ``segments`` before and after are lists of the same (never again changed)
    segment objects, except the ones the step named, which it changed as copies.
    The small parts are kept as deep copies and copied again when put back, since
    the panels change them in place.
    """

    def __init__(self, session: ProjectSession, label: str, change: Callable[[Project], None], segments):
        super().__init__(label)
        # The project, not the session: ``_HELD_STEPS`` keeps a step until its stack is destroyed, so
        # a step holding the session would keep a session without a parent (and its stack) alive for
        # good. A step never outlives its project: a new one clears the stack (``replace_project``).
        self._project = session.project
        self._change: Callable[[Project], None] | None = change
        self._segments = segments
        self._before: _State | None = None
        self._after: _State | None = None
        self.error: BaseException | None = None  # why the change failed (the step is then obsolete)

    def redo(self) -> None:
        project = self._project
        if self._after is not None:  # redo after an undo: exactly the state the change left
            self._after.put_back(project)
            return
        self._before = _State.of(project)
        live = list(project.segments)
        for i in self._segments:
            if 0 <= i < len(live):
                live[i] = copy.deepcopy(live[i])  # copy-on-write: the earlier states keep the original
        project.segments = live
        try:
            self._change(project)
        except Exception as error:  # noqa: BLE001 - any failure: nothing half-made stays in the project
            self._before.put_back(project)
            self.error = error
            self.setObsolete(True)
            return
        finally:
            self._change = None  # its closure may hold a lot (a find's turns); the states are enough
        self._after = _State.of(project)

    def undo(self) -> None:
        self._before.put_back(self._project)


class _State:
    """The project as one step found or left it: the small parts (copies) and the segment list (shared)."""

    __slots__ = ("parts", "segments")

    def __init__(self, parts: dict, segments: list):
        self.parts = parts
        self.segments = segments

    @classmethod
    def of(cls, project: Project) -> _State:
        parts = {name: copy.deepcopy(getattr(project, name)) for name in _SMALL_PARTS}
        return cls(parts, list(project.segments))

    def put_back(self, project: Project) -> None:
        for name, value in self.parts.items():
            setattr(project, name, copy.deepcopy(value))
        project.segments = list(self.segments)
