"""Batched decoding (``--batch-size``) against window-by-window decoding, on one model in one process.

Transcribes the same recording with faster-whisper one 30 s window after another (the default) and
with the batched pipeline (``--batch-size N``), alternating, ``--repeats`` times; prints the median
real-time factor (processing seconds / audio seconds) of each, their ratio, and that both wrote word
timings (the same kind of output). The model is loaded once, before the clock starts. Decoding is
fixed: language da, beam 5, temperature 0.

    python bench/batched.py                                   # Whisper base, CPU, int8, batch 4
    python bench/batched.py --model models/faster-whisper-large-v3 --device cuda --compute-type float16 \\
        --batch-size 16
    bash bench/gpu.sh                                         # large-v3 and turbo on a GPU, else this
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

from tests.speech import LONGFORM  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--model", help="a CTranslate2 model folder or name (default: the Whisper base test model)"
    )
    parser.add_argument("--device", default="cpu", choices=("cpu", "cuda"))
    parser.add_argument("--compute-type", help="default: int8 on cpu, float16 on cuda")
    parser.add_argument("--batch-size", type=int, default=4)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--audio", type=Path, default=LONGFORM, help="default: longform_4spk (127 s, 4 speakers)"
    )
    args = parser.parse_args()
    from transcribe_app.core.asr import TranscriptionOptions, load_backend
    from transcribe_app.core.asr.audio import decode_audio
    from transcribe_app.core.asr.models import resolve_model

    if args.model is None:
        from tests.model_files import faster_whisper_base_dir

        args.model = str(faster_whisper_base_dir())
    model = resolve_model("faster-whisper", args.model)
    samples = decode_audio(args.audio).samples
    seconds = len(samples) / 16_000
    compute_type = args.compute_type or ("float16" if args.device == "cuda" else "int8")
    modes = {
        "window by window": None,
        f"batched ({args.batch_size})": args.batch_size,
    }
    times: dict[str, list[float]] = {mode: [] for mode in modes}
    words: dict[str, int] = {}
    for _ in range(args.repeats):
        for mode, batch_size in modes.items():
            options = TranscriptionOptions(
                model=model.path, language="da", device=args.device, compute_type=compute_type, beam_size=5,
                temperature=(0.0,), batch_size=batch_size,
            )  # fmt: skip
            backend, loaded = load_backend("faster-whisper", model, options)  # loaded once, then cached
            began = time.perf_counter()
            segments = list(backend.transcribe(samples, options))
            times[mode].append(time.perf_counter() - began)
            timed = [w for s in segments for w in s.words if w.start is not None and w.end is not None]
            words[mode] = len(timed)
    print(f"{model.name} on {loaded.device} ({loaded.compute_type}), {args.audio.name} ({seconds:.0f} s), "
          f"median of {args.repeats}:")  # fmt: skip
    rtf = {mode: statistics.median(t) / seconds for mode, t in times.items()}
    for mode in modes:
        print(f"  {mode:<18} RTF {rtf[mode]:.3f}   {words[mode]} words with timings")
    plain, batched = rtf.values()
    print(f"  batched is {plain / batched:.2f}× as fast as window by window")
    return 0


if __name__ == "__main__":
    sys.exit(main())
