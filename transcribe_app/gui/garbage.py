"""Python's garbage collection, run only in the window's thread.

Python collects reference cycles in whichever thread happens to allocate when a
threshold is passed. A Qt object caught in such a cycle (a closed dialog whose
slot holds the dialog, a panel's lambda holding the panel) is then destroyed in
that thread, the model probe's say; and a Qt object must die in the thread it
lives in: its timers are left registered in the window's event loop, which
crashes on them later (tests/test_gui_garbage.py shows it). So while the window
runs, automatic collection is off and a timer in the window's thread collects
as Python would have: a generation when its count passes its threshold.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

COLLECT_EVERY_MS = 1000  # often enough that no memory piles up, rare enough to cost nothing


class MainThreadCollector(QObject):
    """Turns Python's automatic collection off until ``stop``, and collects on a timer in this thread."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = COLLECT_EVERY_MS):
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    def collect_due(self) -> int:
        """Collect the oldest generation whose count passed its threshold; the objects freed."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation] > 0:
                return gc.collect(generation)
        return 0

    def stop(self) -> None:
        """Collection as it was (automatic again), after one last full collection here."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()

