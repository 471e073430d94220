"""How long until the window is on the screen, against a bare PySide6 window on the same machine.

Each run is a fresh Python process, timed from its start until the main window
has been shown and drawn once (the first paint event after ``show``); the
process then quits. The bare run creates a QApplication and an empty
QMainWindow the same way. Runs alternate (bare, Transkript, bare, …) so that a
busy moment of the machine falls on both; the medians and their ratio are
printed (the issue's target: 5 or less). ``--project`` times opening a project
too (as ``python -m transcribe_app PROJECT.transkript.json`` does).

Run it from the repository root:

    python bench/startup.py                      # 5 runs each, offscreen
    python bench/startup.py --runs 7 --project tests/…/p.transkript.json
    QT_QPA_PLATFORM=xcb DISPLAY=:1 python bench/startup.py   # on a real (or Xvfb) screen

Settings go to a temporary file, never the user's. Results also go to
bench/results/startup.json. Nothing here is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# The child says SHOWN when the window is first painted, then quits.
_CHILD = r"""
import sys, time
t0 = time.perf_counter()  # only for a look by hand: the parent times from the launch
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print(f"SHOWN {time.perf_counter() - t0:.4f}", flush=True)
            QTimer.singleShot(0, QApplication.instance().quit)
            watched.removeEventFilter(self)
        return False

kind, settings_file, project = sys.argv[1], sys.argv[2], sys.argv[3]
if kind == "bare":
    app = QApplication(["bare"])
    window = QMainWindow()
    window.resize(1240, 680)
else:
    from transcribe_app.gui.app import create_application, create_window
    app = create_application(["transkript"])
    settings = QSettings(settings_file, QSettings.Format.IniFormat)
    window = create_window(settings, [project] if project else [])
watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
app.exec()
"""


def one_run(kind: str, project: str, settings_file: str) -> float:
    """Seconds from starting the process to the window's first paint (the interpreter's start included)."""
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, kind, settings_file, project],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    shown = None
    for line in child.stdout:  # the line comes the moment the window is drawn
        if line.startswith("SHOWN "):
            shown = time.perf_counter() - started
            break
    _, errors = child.communicate(timeout=300)
    if shown is None:
        raise SystemExit(f"The {kind} window did not start:\n{errors[-3000:]}")
    return shown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each (default 5)")
    parser.add_argument("--project", default="", help="a project file to open as the window starts")
    args = parser.parse_args(argv)
    times: dict[str, list[float]] = {"bare": [], "transkript": []}
    with tempfile.TemporaryDirectory() as folder:
        settings_file = str(Path(folder) / "settings.ini")
        one_run("bare", "", settings_file)  # warm the disk cache: the first start of a day is not the subject
        one_run("transkript", args.project, settings_file)
        for _ in range(args.runs):
            for kind in ("bare", "transkript"):
                times[kind].append(one_run(kind, args.project, settings_file))
    bare, ours = statistics.median(times["bare"]), statistics.median(times["transkript"])
    print(f"bare PySide6 window : median {bare:.3f} s  ({', '.join(f'{t:.2f}' for t in times['bare'])})")
    print(
        f"Transkript window   : median {ours:.3f} s  ({', '.join(f'{t:.2f}' for t in times['transkript'])})"
    )
    print(f"ratio               : {ours / bare:.2f}  (target ≤ 5)")
    results = REPO / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "startup.json").write_text(
        json.dumps(
            {
                "bare_s": times["bare"],
                "transkript_s": times["transkript"],
                "median_bare_s": bare,
                "median_transkript_s": ours,
                "ratio": ours / bare,
                "project": bool(args.project),
                "platform": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                "machine": platform.platform(),
                "python": platform.python_version(),
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
