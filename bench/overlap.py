"""Overlap benchmark: how much of the overlapped speech the detector finds, and how much it invents.

On the conversation dev set (``bench/make_conversation.py``: real NST speech, a third of
the turns starting while the previous speaker still talks, exact RTTM), for each mix:

- the built-in diariser's turns (speaker count given, and estimated with ``--estimate``);
- ``core/diarise/overlap.py`` ``detect_overlaps`` on them, at each ``--margins`` value (the
  loudness a pause must fall to, 0 background .. 1 speech);
- precision (share of the detected time that is overlapped in the reference) and recall
  (share of the reference's overlapped time detected), pooled over the mixes;
- DER with and without the overlapped reference speech, and DER when each detected
  stretch gives both of its speakers (what the detection would change if the turns
  carried it), so its effect on the score is seen too;
- the detector's time as a share of the diarisation's (the extra cost of detecting).

    python bench/overlap.py                       # seeds 0-2, wideband, the default margin
    python bench/overlap.py --seeds 0 1 2 3 4 --margins 0.2 0.3 0.4 0.5
    python bench/overlap.py --variant telephone
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

DEV = REPO / "bench" / "results" / "conversation"


def overlapped(reference) -> list[tuple[float, float]]:
    """Where two or more reference speakers talk at once."""
    events = sorted([(t.start, 1) for t in reference] + [(t.end, -1) for t in reference])
    out, active, opened = [], 0, None
    for moment, step in events:
        active += step
        if active >= 2 and opened is None:
            opened = moment
        elif active < 2 and opened is not None:
            if moment > opened:
                out.append((opened, moment))
            opened = None
    return out


def shared(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> float:
    return sum(max(0.0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def mix_paths(seed: int, speakers: int, variant: str, out: Path) -> tuple[Path, Path]:
    stem = f"conversation_seed{seed}_{speakers}spk"
    audio, rttm = out / f"{stem}_{variant}.flac", out / f"{stem}.rttm"
    if not audio.is_file() or not rttm.is_file():
        subprocess.run(
            [sys.executable, str(REPO / "bench" / "make_conversation.py"), "--seed", str(seed),
             "--speakers", str(speakers), "--variants", variant, "--out", str(out)],
            check=True, capture_output=True,
        )  # fmt: skip
    return audio, rttm


def main() -> None:
    from transcribe_app.core.asr.audio import decode_audio
    from transcribe_app.core.diarise import diarise
    from transcribe_app.core.diarise.der import diarisation_error_rate, read_rttm
    from transcribe_app.core.diarise.overlap import PAUSE_LEVEL, detect_overlaps
    from transcribe_app.core.diarise.turns import SpeakerTurn
    from transcribe_app.core.diarise.windows import single_blas_thread

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--speakers", type=int, default=4)
    parser.add_argument("--variant", default="wideband")
    parser.add_argument("--margins", type=float, nargs="+", default=[PAUSE_LEVEL], help="pause levels to try")
    parser.add_argument("--estimate", action="store_true", help="estimate the speaker count too")
    parser.add_argument("--out", type=Path, default=DEV)
    args = parser.parse_args()
    counts = [args.speakers, None] if args.estimate else [args.speakers]
    for given in counts:
        totals = {m: [0.0, 0.0, 0.0, 0.0, 0.0] for m in args.margins}  # found∩ref, found, ref, DER+, DER base
        der_all = der_skip = scored = 0.0
        diarise_s = detect_s = 0.0
        for seed in args.seeds:
            audio_path, rttm = mix_paths(seed, args.speakers, args.variant, args.out)
            audio = decode_audio(audio_path).samples
            reference = read_rttm(rttm)
            truth = overlapped(reference)
            began = time.perf_counter()
            turns = diarise(audio, speakers=given)
            diarise_s += time.perf_counter() - began
            base = diarisation_error_rate(reference, turns)
            skip = diarisation_error_rate(reference, turns, skip_overlap=True)
            der_all += base.der * base.total
            der_skip += skip.der * skip.total
            scored += base.total
            print(f"seed {seed} ({args.variant}, count {'given' if given else 'estimated'}): "
                  f"{len({t.speaker for t in turns})} speakers, reference overlap "
                  f"{sum(e - s for s, e in truth):.1f} s, DER {100 * base.der:.1f} % "
                  f"(without overlap {100 * skip.der:.1f} %)")  # fmt: skip
            for margin in args.margins:
                began = time.perf_counter()
                with single_blas_thread():
                    found = detect_overlaps(audio, turns, pause_level=margin)
                detect_s += (time.perf_counter() - began) / len(args.margins)
                spans = [(s.start, s.end) for s in found]
                both = [SpeakerTurn(s.start, s.end, who) for s in found for who in s.speakers]
                with_overlap = diarisation_error_rate(reference, turns + both)
                row = totals[margin]
                row[0] += shared(truth, spans)
                row[1] += sum(e - s for s, e in spans)
                row[2] += sum(e - s for s, e in truth)
                row[3] += with_overlap.der * with_overlap.total
                row[4] += base.der * base.total
        print(f"\n{args.variant}, count {'given' if given else 'estimated'}, seeds {args.seeds}: "
              f"DER {100 * der_all / scored:.2f} %, without overlap {100 * der_skip / scored:.2f} %; "
              f"detection took {100 * detect_s / max(diarise_s, 1e-9):.1f} % of the diarisation's time"
              )  # fmt: skip
        print(f"{'pause':>7} {'precision':>10} {'recall':>8} {'found s':>8} {'ref s':>7} {'DER with':>9}")
        for margin, (hit, found_s, ref_s, der_with, _) in totals.items():
            precision = hit / found_s if found_s else float("nan")
            print(f"{margin:7.2f} {100 * precision:9.1f}% {100 * hit / max(ref_s, 1e-9):7.1f}% "
                  f"{found_s:8.1f} {ref_s:7.1f} {100 * der_with / scored:8.2f}%")  # fmt: skip


if __name__ == "__main__":
    main()
