"""Editor benchmark: how the transcript editor copes with a two-hour focus group.

Builds the test suite's synthetic focus group (``tests/editor_fixtures.focus_group``:
dev-set Danish sentences with fillers and stutters, a moderator and five participants,
Whisper-style timed words) of about 20,000 words and ~1,500 turns, and times, offscreen,
the things a researcher waits for:

- opening the editor (``TranscriptEditor(...)`` up to the first paint),
- the turns the editor shows (``core.editing.display_turns``), cold and with the cache,
- one corrected word (an undoable step: core edit, refresh, only the changed block rewritten),
- undo of that step, a split and its undo, a speaker change (turns merge),
- switching the view (clean → strict → clean: every block rewritten),
- one playhead tick (word lookup, highlight, timeline; the first after an edit indexes the
  words again), and one typed character.

Medians of ``--runs`` runs (the opening of the editor is timed alone each run).
Figures are printed, never asserted (DESIGN.md: bench/ prints, tests don't time).

    python bench/editor.py [--words 20000] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from PySide6.QtCore import Qt, qVersion  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tests.editor_fixtures import focus_group  # noqa: E402
from transcribe_app.core import editing  # noqa: E402
from transcribe_app.gui.editor import TranscriptEditor  # noqa: E402
from transcribe_app.gui.session import ProjectSession  # noqa: E402


def timed(action: Callable[[], object], app: QApplication) -> float:
    start = time.perf_counter()
    action()
    app.processEvents()
    return time.perf_counter() - start


def median_ms(samples: list[float]) -> str:
    low, high = min(samples) * 1000, max(samples) * 1000
    return f"{statistics.median(samples) * 1000:8.1f} ms  (min {low:.1f}, max {high:.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    project = focus_group(words=args.words)
    words = sum(len(s.words) for s in project.segments)
    results: dict[str, list[float]] = {}

    def record(name: str, seconds: float) -> None:
        results.setdefault(name, []).append(seconds)

    for _ in range(args.runs):
        record("display_turns, cold", timed(lambda: editing.display_turns(project, "clean"), app))
        cache: dict = {}
        editing.display_turns(project, "clean", cache=cache)
        record(
            "display_turns, cached",
            timed(lambda c=cache: editing.display_turns(project, "clean", cache=c), app),
        )

    editor = None
    for _ in range(args.runs):
        if editor is not None:
            editor.close()
            editor.deleteLater()
            app.processEvents()
        session = ProjectSession(focus_group(words=args.words))

        def open_editor(s=session):
            nonlocal editor
            editor = TranscriptEditor(s, None)
            editor.resize(1200, 800)
            editor.show()

        record("open the editor (to first paint)", timed(open_editor, app))
    turns = len(editor.text.turns)
    session = editor.session
    middle = turns // 2

    for run in range(args.runs):
        turn = editor.text.turns[middle]
        word = next(p for p in turn.shown if not p.hidden)
        new_text = turn.text[: word.start] + f"rettet{run}" + turn.text[word.end :]
        record(
            "one corrected word (edit + refresh)",
            timed(lambda t=new_text: editor._on_text_edited(middle, t), app),
        )
        record("undo it", timed(session.undo_stack.undo, app))
        editor.text.place_cursor(middle, len(editor.text.turns[middle].text) // 2)
        record("split a turn at the cursor", timed(editor.split_at_cursor, app))
        record("undo the split", timed(session.undo_stack.undo, app))
        editor.text.place_cursor(middle, 0)
        record("change a turn's speaker", timed(lambda: editor.set_speaker("S1"), app))
        session.undo_stack.undo()
        record("switch view clean → strict", timed(lambda: editor.set_level("strict"), app))
        record("switch view strict → clean", timed(lambda: editor.set_level("clean"), app))
        turn = editor.text.turns[middle]
        second = turn.words[turn.shown[1].word].start
        record("first playhead tick after an edit", timed(lambda s=second: editor._on_position(s), app))
        third = turn.words[turn.shown[2].word].start
        record("one playhead tick", timed(lambda s=third: editor._on_position(s), app))
        editor.text.setFocus()
        editor.text.place_cursor(middle, 3)
        record("one typed character", timed(lambda: QTest.keyClick(editor.text, Qt.Key.Key_A), app))
        editor.commit_pending()
        session.undo_stack.undo()

    print(f"Editor benchmark: {words} words, {turns} turns, {len(project.segments)} segments")
    python = f"{platform.python_implementation()} {platform.python_version()}"
    print(f"{python}, {platform.machine()}, {os.cpu_count()} CPUs, Qt {qVersion()}")
    width = max(len(name) for name in results)
    for name, samples in results.items():
        print(f"  {name:<{width}}  {median_ms(samples)}")


if __name__ == "__main__":
    main()
