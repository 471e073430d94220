"""Diarisation benchmark: how long speaker recognition adds, and how much memory it takes.

For ``longform_4spk`` (about 127 s, 4 speakers) and the same recording repeated
five times (about 10.6 minutes), each run in a fresh subprocess:

- diarisation time / audio duration (the issue's target: at most 0.15 on the
  development machine), the audio already decoded, the voice encoder loaded
  (loading takes well under a second and happens once per process);
- peak RSS (MB) of that process, decoded audio included;
- the stage split (voice detection, embeddings, clustering) from the progress
  callback's timing, and the number of speakers found.

The table shows medians over ``--repeats`` runs (default 3). On a machine shared
with other work, wall times vary from run to run; read them as approximate.

    python bench/diarise.py              # both recordings, 3 runs each
    python bench/diarise.py --repeats 1  # a quick look
    python bench/diarise.py --two-hours  # adds one run on the recording tiled to 2 hours (memory)
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LONGFORM = REPO / "tests" / "data" / "nst_da" / "longform_4spk.flac"
TARGET = 0.15


def child(copies: int, speakers: int | None) -> dict:
    """One measured run, in this process (called by the parent in a subprocess)."""
    sys.path.insert(0, str(REPO))
    import numpy as np

    from transcribe_app.core.asr.audio import SAMPLE_RATE, decode_audio
    from transcribe_app.core.diarise import diarise
    from transcribe_app.core.diarise.encoder import load_encoder

    audio = np.tile(decode_audio(LONGFORM).samples, copies)
    load_encoder()
    marks: list[tuple[float, float]] = []
    start = time.perf_counter()
    turns = diarise(audio, speakers=speakers, on_progress=lambda f: marks.append((f, time.perf_counter())))
    elapsed = time.perf_counter() - start
    # Progress is 0-0.2 voice detection, 0.2-0.95 embeddings, then clustering (see pipeline.py).
    vad_end = next(t for f, t in marks if f >= 0.2)
    embed_end = next(t for f, t in marks if f >= 0.95)
    return {
        "audio_s": len(audio) / SAMPLE_RATE,
        "seconds": elapsed,
        "vad_s": vad_end - start,
        "embed_s": embed_end - vad_end,
        "cluster_s": start + elapsed - embed_end,
        "speakers": len({t.speaker for t in turns}),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_child(copies: int, speakers: int | None) -> dict:
    args = [sys.executable, __file__, "--child", json.dumps({"copies": copies, "speakers": speakers})]
    done = subprocess.run(args, capture_output=True, text=True, check=True, cwd=REPO)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--two-hours", action="store_true", help="add one run on a 2-hour recording")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(**json.loads(args.child))))
        return
    rows = []
    plan = [(1, 4, args.repeats), (1, None, args.repeats), (5, None, args.repeats)]
    if args.two_hours:
        plan.append((57, None, 1))  # 57 x 127 s = 2 h 0 min
    for copies, speakers, repeats in plan:
        runs = [run_child(copies, speakers) for _ in range(repeats)]
        median = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        median["speakers_given"] = speakers
        rows.append(median)
    header = (
        f"{'audio':>8} {'count':>9} {'found':>5} {'time s':>7} {'x audio':>8} {'VAD s':>6} "
        f"{'embed s':>8} {'cluster s':>9} {'peak RSS MB':>11}  target ≤ {TARGET} x audio"
    )
    print(header)
    for r in rows:
        given = "given 4" if r["speakers_given"] else "estimated"
        factor = r["seconds"] / r["audio_s"]
        print(
            f"{r['audio_s']:>7.0f}s {given:>9} {r['speakers']:>5.0f} {r['seconds']:>7.1f} {factor:>8.3f} "
            f"{r['vad_s']:>6.1f} {r['embed_s']:>8.1f} {r['cluster_s']:>9.1f} {r['peak_rss_mb']:>11.0f}  "
            f"{'ok' if factor <= TARGET else 'OVER'}"
        )
    print(
        f"(medians of {args.repeats} runs, the 2-hour row one run; each run in a fresh process;"
        " wall times vary on a shared machine)"
    )


if __name__ == "__main__":
    main()
