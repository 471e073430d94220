"""Kill/resume benchmark: word counts and WER of resumed transcriptions against the uninterrupted run.

For each backend, the first ``--seconds`` of ``tests/data/nst_da/longform_4spk`` (cut
in a pause) is transcribed once without a stop, keeping a copy of the project file
after every save; then the run is resumed from ``--positions`` of those copies (every
distinct state a kill can leave, or that many chosen at random with ``--seed``).
Printed per kill point: where the saved transcript ended, the word count, the WER
against the NST reference (turns that have one) and the longest stretch of the
uninterrupted run's words that the resumed run lacks.

    python bench/resume.py                              # both backends, 72.7 s, 10 points (the test: 64.5 s)
    python bench/resume.py --backend faster-whisper --seconds 127 --positions 0   # every kill point

Real Whisper *base* weights (tests/model_files.py); CPU, greedy decoding (beam 5 for
faster-whisper, 1 for openai-whisper, as tests/resume_property.py). No transcript text
is printed.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests import model_files  # noqa: E402
from tests.resume_property import (  # noqa: E402
    MAX_GAP,
    cut_longform,
    distinct_kill_points,
    kill_point,
    longest_gap,
    reference_wer,
    resume_from,
    uninterrupted,
    word_count,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("faster-whisper", "whisper", "both"), default="both")
    parser.add_argument("--seconds", type=float, default=75.0, help="length of the piece (default 75)")
    parser.add_argument("--positions", type=int, default=10, help="kill points to try (0: all; default 10)")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    backends = ("faster-whisper", "whisper") if args.backend == "both" else (args.backend,)
    failures = 0
    with tempfile.TemporaryDirectory() as folder:
        piece = cut_longform(args.seconds, Path(folder))
        for backend in backends:
            failures += run(backend, piece, Path(folder) / backend, args)
    return 1 if failures else 0


def run(backend: str, piece, folder: Path, args) -> int:
    model = str(
        model_files.faster_whisper_base_dir()
        if backend == "faster-whisper"
        else model_files.openai_whisper_base_pt()
    )
    began = time.monotonic()
    full, snapshots = uninterrupted(piece, backend, model, folder)
    full_seconds = time.monotonic() - began
    points = distinct_kill_points(snapshots)
    if args.positions and args.positions < len(points):
        points = sorted(random.Random(args.seed).sample(points, args.positions))
    full_wer = reference_wer(full, piece)
    print(f"\n{backend}: {piece.duration:.1f} s piece, {len(points)} kill points")
    print(f"  uninterrupted: {word_count(full)} words, WER {full_wer:.1f} %  ({full_seconds:.0f} s)")
    print(f"  {'killed at':>9} {'words':>6} {'WER %':>6} {'Δ WER':>6} {'gap s':>6}  where")
    failures = 0
    began = time.monotonic()
    for snapshot in points:
        resumed = resume_from(snapshot, piece, backend, model, folder)
        wer = reference_wer(resumed, piece)
        gap, where = longest_gap(full, resumed)
        bad = gap > MAX_GAP or wer - full_wer > 2.0
        failures += bad
        place = f"{where[0]:.1f}-{where[1]:.1f}" if where else "-"
        print(
            f"  {kill_point(snapshot):>9.2f} {word_count(resumed):>6} {wer:>6.1f} {wer - full_wer:>+6.1f} "
            f"{gap:>6.2f}  {place}{'  FAILS' if bad else ''}"
        )
    print(f"  resumes took {time.monotonic() - began:.0f} s; {failures} kill point(s) break the property")
    return failures


if __name__ == "__main__":
    sys.exit(main())
