"""How far word times by alignment alone (``--timing alignment``) lie from the timestamp-token ones.

A model trained without timestamp tokens (Edda) can only be timed by alignment. Whisper base has both,
so it shows what alignment alone costs: each recording is transcribed twice with faster-whisper base
(int8, beam 5, temperature 0, language da) — with timestamp tokens, and with ``--timing alignment`` —
the two word sequences are aligned, and for every word both wrote the same, the difference of its
start and of its end is taken. Prints the median and the 90th percentile in milliseconds, and how many
words were compared. The token run is the baseline, not the truth: NST has no word-level times.

    python bench/alignment_timing.py              # the 12 referenced NST clips and longform_4spk
    python bench/alignment_timing.py --clips-only
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.model_files import faster_whisper_base_dir  # noqa: E402
from tests.speech import LONGFORM, nst_clips  # noqa: E402


def timed_words(backend, options, samples) -> list[tuple[str, float, float]]:
    from transcribe_app.core.asr.accuracy import normalised_words

    words = []
    for segment in backend.transcribe(samples, options):
        for word in segment.words:
            for text in normalised_words(word.text):
                words.append((text, word.start, word.end))
    return words


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clips-only", action="store_true", help="leave the 127 s longform recording out")
    args = parser.parse_args()
    from transcribe_app.core.asr import TranscriptionOptions, load_backend
    from transcribe_app.core.asr.audio import decode_audio
    from transcribe_app.core.asr.models import resolve_model
    from transcribe_app.core.asr.word_alignment import EQUAL, align

    model = resolve_model("faster-whisper", str(faster_whisper_base_dir()))
    recordings = [clip.path for clip in nst_clips()] + ([] if args.clips_only else [LONGFORM])
    runs = {}
    for timing in ("tokens", "alignment"):
        options = TranscriptionOptions(
            model=model.path, language="da", device="cpu", compute_type="int8", beam_size=5,
            temperature=(0.0,), timing=timing,
        )  # fmt: skip
        backend, _ = load_backend("faster-whisper", model, options)
        began = time.perf_counter()
        runs[timing] = [timed_words(backend, options, decode_audio(path).samples) for path in recordings]
        print(f"{timing}: {time.perf_counter() - began:.1f} s", file=sys.stderr)
    for name, chosen in (("NST clips", slice(0, len(nst_clips()))), ("all", slice(None))):
        starts, ends, compared, written = [], [], 0, 0
        for tokens, aligned in zip(runs["tokens"][chosen], runs["alignment"][chosen], strict=True):
            written += len(tokens)
            for step in align([w[0] for w in tokens], [w[0] for w in aligned]):
                if step.op == EQUAL:
                    compared += 1
                    starts.append(1000 * abs(tokens[step.ref][1] - aligned[step.hyp][1]))
                    ends.append(1000 * abs(tokens[step.ref][2] - aligned[step.hyp][2]))
        if not starts:
            print(f"{name}: no word in common")
            continue
        start = f"median {statistics.median(starts):.0f} ms, 90th percentile {percentile(starts, 0.9):.0f} ms"
        end = f"median {statistics.median(ends):.0f} ms, 90th percentile {percentile(ends, 0.9):.0f} ms"
        print(f"{name}: {compared} of {written} words compared; start: {start}; end: {end}")
        if args.clips_only:
            break
    return 0


if __name__ == "__main__":
    sys.exit(main())
