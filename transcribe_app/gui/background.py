"""Work the panels do off the GUI thread: name detection, the appendix lines, exports, documents.

One worker thread for all of it (a ``QThreadPool`` of one thread, shared): jobs
run one after another, in the order asked, so two of them never drive Presidio
and spaCy at the same time, and a decision that waits for its analysis is applied
after the refresh that was asked before it. Results come back on the GUI thread
through a queued signal.

A job reads a *light copy* of the project (``Project.light_copy``): its own copies of
the small parts (roster, metadata, pseudonymisation state, layout, quotes) and the
list of segments, whose segment objects it shares with the window but only
reads. The panels number their refreshes and drop a result that was computed
while the project changed (an edit emits ``session.changed`` before the result
can arrive), so a job that read a segment half-way through an edit is never shown.
"""

from __future__ import annotations

import gc
import itertools
import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from ..core.project.record import Project

_pool: QThreadPool | None = None


def shared_pool() -> QThreadPool:
    """The one worker thread of the panels (created with the application, ended with it)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool(QCoreApplication.instance())
        _pool.setMaxThreadCount(1)
        _pool.setExpiryTimeout(30_000)
    return _pool


def light_copy(project: Project) -> Project:
    """A project a worker may read and change (``Project.light_copy``: the parts declare how)."""
    return project.light_copy()


class _Dispatcher(QObject):
    """Hands each job's outcome to its callbacks on the GUI thread (one for the application's lifetime).

    The jobs hold no widget: a callback list kept here, on the GUI thread, is what keeps a panel alive
    until its job has ended, so no widget is ever destroyed on the worker thread.
    """

    finished = Signal(int, object, object)  # job number, result, exception

    def __init__(self):
        super().__init__(QCoreApplication.instance())
        self.waiting: dict[int, tuple[weakref.ref, Callable, Callable]] = {}
        self._collecting = True
        self.finished.connect(self._deliver)  # emitted on the worker thread: a queued connection

    def add(self, number: int, entry: tuple[weakref.ref, Callable, Callable]) -> None:
        # Python's cycle collector runs in whichever thread allocates when it is due: on the worker
        # thread it could destroy a window's object left in a reference cycle (a session and its autosave
        # timer) on the wrong thread. So it pauses while the worker has work, switched here, on the GUI
        # thread, and catches up on the GUI thread afterwards.
        if not self.waiting:
            self._collecting = gc.isenabled()
            gc.disable()
        self.waiting[number] = entry

    @Slot(int, object, object)
    def _deliver(self, number: int, result: object, error: object) -> None:
        owner_ref, done, failed = self.waiting.pop(number)
        if not self.waiting and self._collecting:
            gc.enable()
        owner = owner_ref()
        if owner is None or not shiboken6.isValid(owner):
            return  # the panel went away meanwhile
        try:
            if error is None:
                done(result)
            else:
                failed(error)
        finally:
            owner._ended(number)


_dispatcher: _Dispatcher | None = None


def _the_dispatcher() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None:
        _dispatcher = _Dispatcher()
    return _dispatcher


class _Job(QRunnable):
    def __init__(self, number: int, work: Callable[[], Any], dispatcher: _Dispatcher):
        super().__init__()
        self.setAutoDelete(True)
        self._number, self._work, self._dispatcher = number, work, dispatcher

    def run(self) -> None:
        try:
            result, error = self._work(), None
        except BaseException as exc:  # every failure goes back to the GUI thread, to be shown there
            result, error = None, exc
        self._work = None
        self._dispatcher.finished.emit(self._number, result, error)


class Background(QObject):
    """Runs callables on the shared worker thread; ``done`` or ``failed`` is called on the GUI thread.

    ``work`` must not hold a widget (or any QObject): it is released on the worker thread.
    """

    idle = Signal()  # no job of this runner is waiting or running any more

    _numbers = itertools.count(1)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._running: set[int] = set()

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def run(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> int:
        """Queue ``work``; returns the job's number."""
        number = next(self._numbers)
        dispatcher = _the_dispatcher()
        dispatcher.add(number, (weakref.ref(self), done, failed))
        self._running.add(number)
        shared_pool().start(_Job(number, work, dispatcher))
        return number

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the worker thread is idle (closing the window, tests); True if it is."""
        return shared_pool().waitForDone(msecs)

    def _ended(self, number: int) -> None:
        self._running.discard(number)
        if not self._running:
            self.idle.emit()


class Refresher(QObject):
    """Keeps a panel's view of the project fresh: a short pause after the last change, then one job on
    the worker thread; the newest state wins, and a hidden panel waits until it is shown.

    ``snapshot()`` gives the light copy to compute from (None: no project), ``compute(copy)`` runs on
    the worker thread, ``show(result)`` and ``failed(exc)`` on the GUI thread.
    """

    def __init__(
        self,
        widget,
        snapshot: Callable[[], Project | None],
        compute: Callable[[Project], Any],
        show: Callable[[Any], None],
        failed: Callable[[BaseException], None],
        *,
        delay_ms: int = 250,
    ):
        super().__init__(widget)
        self._widget = widget
        self._snapshot, self._compute, self._show, self._failed = snapshot, compute, show, failed
        self.background = Background(self)
        self._generation = 0
        self._running = False
        self._stale = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.refresh_now)

    @property
    def busy(self) -> bool:
        """A refresh is waiting or running (tests wait for this to end)."""
        return self._running or self._timer.isActive() or self.background.busy

    @property
    def generation(self) -> int:
        return self._generation

    def changed(self) -> None:
        """The project changed: what is shown is out of date."""
        self._generation += 1
        self._timer.start()

    def shown(self) -> None:
        """Call from the panel's ``showEvent``: a refresh skipped while hidden runs now."""
        if self._stale:
            self.refresh_now()

    def refresh_now(self) -> None:
        self._timer.stop()
        if not self._widget.isVisible():
            self._stale = True
            return
        self._stale = False
        if self._running:
            return  # the running job's end starts the next one
        project = self._snapshot()
        if project is None:
            return
        self._running = True
        generation = self._generation
        compute = self._compute  # a plain function: the job must not hold this object
        self.background.run(
            lambda: compute(project),
            lambda result: self._finished(generation, result, None),
            lambda error: self._finished(generation, None, error),
        )

    def _finished(self, generation: int, result: object, error: BaseException | None) -> None:
        self._running = False
        if generation != self._generation:
            if not self._timer.isActive():
                self.refresh_now()
            return
        if error is None:
            self._show(result)
        else:
            self._failed(error)
