"""What collecting Python's garbage in the window's thread costs: pauses, memory, wrong-thread collections.

``gui/garbage.py`` turns Python's automatic cycle collection off while the window
runs and collects on a 1 s timer in the window's thread instead (so that no Qt
object is destroyed in another thread). This measures what that changes, against
Python's automatic collection as the bare baseline, in the same run:

- the real window (offscreen) opens a long interview (``--hours`` of turns) and
  makes ``--edits`` undoable edits to it through the session, with undo and redo,
  the event loop running 20 ms between them (the autosave and the timers run);
  the opening is counted too (its allocations bring collections of their own);
- every collection is timed through ``gc.callbacks``, with the thread it ran in;
- each condition runs in a fresh child process, ``--runs`` times; medians printed.

Reported: collections, the median and largest pause, total time collecting, the
collections that ran outside the window's thread, and the peak memory (max RSS).

    python bench/collection_pauses.py                  # 2 hours of turns, 300 edits, 3 runs each
    python bench/collection_pauses.py --hours 6 --edits 600 --runs 5
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def child(mode: str, hours: float, edits: int) -> dict:
    """One measurement, in this process: ``mode`` is "automatic" or "collector"."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(REPO))
    import gc
    import resource
    import tempfile
    import threading
    import time

    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from tests.editor_fixtures import interview
    from transcribe_app.core.project.file import save_project
    from transcribe_app.gui import i18n
    from transcribe_app.gui.garbage import MainThreadCollector
    from transcribe_app.gui.main_window import MainWindow

    app = QApplication([])
    if mode == "collector":
        MainThreadCollector(app)
    gui_thread = threading.get_ident()
    pauses: list[float] = []
    off_thread = 0
    started: dict[int, float] = {}

    def timed(phase, _info):
        nonlocal off_thread
        now, me = time.perf_counter(), threading.get_ident()
        if phase == "start":
            started[me] = now
        elif me in started:
            pauses.append(now - started.pop(me))
            off_thread += me != gui_thread

    sentence = "ja altså vi talte om det i kommunen og det var en lang proces for os alle sammen"
    turns = max(2, round(hours * 3600 / 12))  # a turn of about 12 s (the fixture's 0.3 s a word)
    project = interview([("S1" if i % 2 else "S2", sentence) for i in range(turns)])
    folder = Path(tempfile.mkdtemp(prefix="collection-pauses-"))
    path = folder / "long.transkript.json"
    save_project(project, path)
    i18n.install("en")
    window = MainWindow(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    window.show()

    def spin(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    gc.callbacks.append(timed)
    begin = time.perf_counter()
    window.open_project(path)  # counted: the collections its allocations bring are part of the cost
    spin(200)
    session = window.session
    for i in range(edits):
        turn = i % turns

        def retype(p, turn=turn, i=i):
            p.segments[turn].text = f"{sentence} ({i})"

        session.edit("Edit turn", retype, segments=[turn])
        if i % 10 == 9:
            session.undo_stack.undo()
            session.undo_stack.redo()
        spin(20)
    spin(1500)  # the collector's next tick
    elapsed = time.perf_counter() - begin
    gc.callbacks.remove(timed)
    window.close_project()
    return {
        "collections": len(pauses),
        "median_pause_ms": 1000 * statistics.median(pauses) if pauses else 0.0,
        "largest_pause_ms": 1000 * max(pauses, default=0.0),
        "collecting_s": sum(pauses),
        "off_gui_thread": off_thread,
        "max_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "wall_s": elapsed,
    }


def run_child(mode: str, args: argparse.Namespace) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--hours", str(args.hours), "--edits", str(args.edits)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=2.0, help="length of the interview's transcript")
    parser.add_argument("--edits", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", choices=("automatic", "collector"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.hours, args.edits)))
        return
    results: dict[str, list[dict]] = {"automatic": [], "collector": []}
    for _ in range(args.runs):
        for mode in results:  # interleaved, so that a busy moment of the machine hits both
            results[mode].append(run_child(mode, args))
    print(f"{args.hours:g} h of turns, {args.edits} edits, medians of {args.runs} runs (fresh processes)")
    keys = ("collections", "median_pause_ms", "largest_pause_ms", "collecting_s", "off_gui_thread")
    keys += ("max_rss_mib", "wall_s")
    print(f"{'':28s}" + "".join(f"{k:>18s}" for k in keys))
    medians = {mode: {k: statistics.median(r[k] for r in rs) for k in keys} for mode, rs in results.items()}
    for mode, row in medians.items():
        label = "automatic (baseline)" if mode == "automatic" else "window-thread collector"
        print(f"{label:28s}" + "".join(f"{row[k]:>18.2f}" for k in keys))
    base, ours = medians["automatic"], medians["collector"]
    compared = ("largest_pause_ms", "collecting_s", "max_rss_mib", "wall_s")
    ratios = {k: (ours[k] / base[k] if base[k] else float("nan")) for k in compared}
    print("collector / baseline: " + ", ".join(f"{k} {v:.2f}" for k, v in ratios.items()))


if __name__ == "__main__":
    main()
