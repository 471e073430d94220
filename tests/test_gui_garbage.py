"""Qt objects die in the window's thread and after their owners, wherever Python's collector runs.

Two ways a collected reference cycle crashes the window: a Qt object with a running timer,
collected in another thread, leaves its timer in the window's event loop, which crashes on it
later (``gui/garbage.py`` keeps collection in the window's thread); and an undo step freed by
the collector before its stack is deleted a second time by the stack (the test run's rare crash;
``gui/session.py`` holds the steps until their stack is gone).
"""

from __future__ import annotations

import gc
import threading
import weakref

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

from transcribe_app.core.project.record import Project, RosterEntry
from transcribe_app.gui import app as gui_app
from transcribe_app.gui.garbage import MainThreadCollector
from transcribe_app.gui.session import _HELD_STEPS, ProjectSession


class _Ticking(QObject):
    """A parentless Qt object with a running timer, kept only by a cycle through itself."""

    def __init__(self):
        super().__init__()
        self.me = self
        self.timer = QTimer(self)
        self.timer.start(60_000)


def _watch(obj) -> tuple[list[int], weakref.ref]:
    """A list that gets the id of the thread ``obj``'s Python side is freed in (keep the weak reference)."""
    died: list[int] = []
    return died, weakref.ref(obj, lambda _ref: died.append(threading.get_ident()))


def _allocate_in_a_thread(rounds: int = 50) -> None:
    """Work a probe thread might do: enough cyclic garbage to pass every automatic threshold."""

    def work():
        for _ in range(rounds * gc.get_threshold()[0]):
            cycle: list = []
            cycle.append(cycle)

    thread = threading.Thread(target=work, name="allocating")
    thread.start()
    thread.join()


@pytest.fixture
def automatic_collection():
    """Python's automatic collection on, as in a program that has not installed the collector."""
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


def test_garbage_qt_objects_outlive_a_busy_thread_and_die_in_the_window_thread(qapp, automatic_collection):
    collector = MainThreadCollector()
    ticking = _Ticking()
    died, _watching = _watch(ticking)
    del ticking
    _allocate_in_a_thread()
    assert died == []  # the thread's allocations collected nothing (automatically, they would have)
    collector.stop()  # its last collection, here
    assert died == [threading.get_ident()]


def test_the_collector_collects_on_its_timer_as_the_thresholds_pass(qapp, qtbot):
    collector = MainThreadCollector(interval_ms=10)
    try:
        for _ in range(3 * gc.get_threshold()[0]):
            cycle: list = []
            cycle.append(cycle)
        assert gc.get_count()[0] > gc.get_threshold()[0]
        qtbot.waitUntil(lambda: gc.get_count()[0] <= gc.get_threshold()[0], timeout=5000)
    finally:
        collector.stop()


def test_stopping_gives_automatic_collection_back_as_it_was(qapp, automatic_collection):
    collector = MainThreadCollector()
    assert not gc.isenabled()
    collector.stop()
    assert gc.isenabled()
    gc.disable()
    collector = MainThreadCollector()
    collector.stop()
    assert not gc.isenabled()  # nested under another (as in the tests): that one still holds it


def test_the_desktop_program_collects_in_the_window_thread_from_before_the_window(
    qapp, monkeypatch, automatic_collection
):
    # ``run`` builds the application, then the window; the window here quits at once, so what is
    # checked is the collector the run installed before it.
    seen = []

    class _QuitsAtOnce:
        def show(self):
            QTimer.singleShot(0, qapp.quit)

    def window_instead(files=()):
        seen.append((gc.isenabled(), len(qapp.findChildren(MainThreadCollector))))
        return _QuitsAtOnce()

    monkeypatch.setattr(gui_app, "create_window", window_instead)
    try:
        assert gui_app.run(["transkript"]) == 0
        assert seen == [(False, 1)]
    finally:
        for collector in qapp.findChildren(MainThreadCollector):
            collector.stop()
            collector.setParent(None)


# -- the undo history: steps are Python objects the stack owns in C++ -------------------------


def _rename(name):
    return lambda project: setattr(project.roster[0], "name", name)


def _session_with_history() -> ProjectSession:
    project = Project()
    project.roster = [RosterEntry(label="S1", code="I", role="interviewer")]
    session = ProjectSession(project)
    for name in ("Anna Holm", "Bo Berg", "Vibeke Jensen"):
        session.edit("Change name", _rename(name))
    return session


def test_the_steps_of_an_undo_history_are_held_until_their_stack_is_destroyed(qapp):
    session = _session_with_history()
    key = session._steps_key
    assert len(_HELD_STEPS[key]) == 3
    session.undo_stack.undo()
    session.edit("Change name", _rename("Carl Nielsen"))  # the stack deletes the undone step
    assert len(_HELD_STEPS[key]) == 3 and session.undo_stack.count() == 3
    with pytest.raises(ZeroDivisionError):
        session.edit("Fail", lambda project: 1 / 0)  # an obsolete step, deleted at once
    assert len(_HELD_STEPS[key]) == 3
    session.cycle = session  # dropped in a reference cycle, as a window's connections leave it
    session.deleteLater()
    del session
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    assert key not in _HELD_STEPS


def test_sessions_dropped_in_cycles_with_their_history_are_collected_in_one_go(qapp):
    keys = []
    for _ in range(20):
        session = _session_with_history()
        session.undo_stack.undo()
        session.cycle = session
        keys.append(session._steps_key)
        del session
    gc.collect()  # the sessions, their stacks and steps in one collection, in Python's order
    assert not set(keys) & set(_HELD_STEPS)
