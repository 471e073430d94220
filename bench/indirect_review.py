"""The window's indirect-identifier list: what a refresh costs after one edit (issue 18 §2 in the window).

The names panel makes its lists again after every change (a decision, an edit in the editor), on the
worker thread. Core's ``find_indirect`` searches every turn for hundreds of list words and patterns;
for about an hour of talk that is a second or more on each refresh. The window
(``gui/indirect_review.py`` ``find_in_turns``) remembers each turn's items by its text, so after one
edit only that turn is searched again. This prints, for a transcript of ``--words`` words made of the
annotated excerpt (``tests/data/pseudonymisation/indirect_interview.txt``, each copy of a turn made
distinct), the median of ``--runs`` of: core on every turn (the baseline), the window's first search
(nothing remembered), and the window's refresh after one turn was edited; and checks the items are
core's. Timings are reported, never asserted.

    python bench/indirect_review.py [--words 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.pseudonymisation_gold import DATA, read_indirect_gold  # noqa: E402
from transcribe_app.core.pseudonymise.indirect import find_indirect  # noqa: E402
from transcribe_app.gui import indirect_review  # noqa: E402


def _median(times: list[float]) -> float:
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    text, _ = read_indirect_gold(DATA / "indirect_interview.txt")
    turns = [t for t in text.split("\n") if t.strip()]
    per_copy = sum(len(t.split()) for t in turns)
    copies = max(1, round(args.words / per_copy))
    parts = [f"{turn} ({n})" for n in range(copies) for turn in turns]
    words = sum(len(p.split()) for p in parts)
    find_indirect(parts[:1])  # the lists loaded and compiled before timing

    core, first, refresh = [], [], []
    for run in range(args.runs):
        started = time.perf_counter()
        expected = find_indirect(parts)
        core.append(time.perf_counter() - started)
        indirect_review._items_in.cache_clear()
        started = time.perf_counter()
        found = indirect_review.find_in_turns(parts, [], [])
        first.append(time.perf_counter() - started)
        assert found == expected
        parts[run % len(parts)] += " Jeg er 43 år."  # the researcher corrects one turn
        started = time.perf_counter()
        indirect_review.find_in_turns(parts, [], [])
        refresh.append(time.perf_counter() - started)

    print(f"{len(parts)} turns, {words} words; median of {args.runs} runs")
    print(f"  core, every turn (baseline):        {_median(core):.3f} s")
    print(
        f"  window, first search:               {_median(first):.3f} s "
        f"({_median(first) / _median(core):.2f}×)"
    )
    print(
        f"  window, refresh after one edit:     {_median(refresh) * 1000:.1f} ms "
        f"({_median(refresh) / _median(core):.4f}×)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
