"""Does priming Whisper with Danish fillers (``--verbatim-prompt``) cost accuracy?

Transcribes the 12 referenced NST clips through the pipeline twice — without and
with the verbatim prompt (which the pipeline runs as a second, filler-only pass:
core/asr/verbatim_fillers.py) — and prints, for each, the WER of the verbatim layer
and of the clean view (``core.cleanup`` at level ``clean``) against the
reference, and how many fillers the verbatim layer holds. The target: the
prompt must not raise the clean view's WER by more than 1 point. ``--single-pass``
measures the plain alternative, the prompt given to the one and only pass.

Read speech has few fillers, so this measures the prompt's cost, not its gain;
the gain shows on conversational audio. Decoding is the app's default (beam 5,
temperature fallback): with temperature 0 alone a small model primed with
fillers can loop on them, and the fallback is what stops that in practice.
The fallback samples at random, so each condition runs ``--repeats`` times and
the median (with the range) is reported.

    python bench/verbatim_prompt.py [--backend faster-whisper|whisper] [--model PATH] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests import model_files  # noqa: E402
from tests.speech import normalise, nst_clips, word_error_rate  # noqa: E402
from transcribe_app.core.asr import TranscriptionOptions  # noqa: E402
from transcribe_app.core.asr.base import verbatim_prompt_text  # noqa: E402
from transcribe_app.core.asr.stage import TranscriptionRequest, transcribe_recording  # noqa: E402
from transcribe_app.core.cleanup import clean_text  # noqa: E402

FILLERS = {"øh", "øhm", "øhh", "æh", "æhm", "eh", "ehm", "hm", "hmm", "mm", "mhm"}


def transcribe_all(backend: str, model: str, verbatim_prompt: bool, single_pass: bool = False) -> list[str]:
    options = TranscriptionOptions(model=model, language="da", device="cpu", verbatim_prompt=verbatim_prompt)
    if verbatim_prompt and single_pass:  # the prompt as plain initial prompt of the only pass
        options = TranscriptionOptions(
            model=model, language="da", device="cpu", initial_prompt=verbatim_prompt_text()
        )
    texts = []
    with tempfile.TemporaryDirectory() as tmp:
        for index, clip in enumerate(nst_clips()):
            request = TranscriptionRequest(
                clip.path, Path(tmp) / f"{index}.transkript.json", options, backend
            )
            project = transcribe_recording(request)
            texts.append(" ".join(s.text.strip() for s in project.segments))
    return texts


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def _median_range(runs: list[dict], key: str) -> str:
    values = [r[key] for r in runs]
    return f"{statistics.median(values):.1f} ({min(values):.1f}–{max(values):.1f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", default="faster-whisper", choices=("faster-whisper", "whisper"))
    parser.add_argument("--model", help="model path (default: the test base model)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--single-pass", action="store_true", help="prompt the one pass instead (for comparison)"
    )
    parser.add_argument("--json", type=Path, default=REPO / "bench" / "results" / "verbatim_prompt.json")
    args = parser.parse_args()
    model = args.model or str(
        model_files.faster_whisper_base_dir()
        if args.backend == "faster-whisper"
        else model_files.openai_whisper_base_pt()
    )
    references = [clip.reference for clip in nst_clips()]
    rows = {}
    for prompt in (False, True):
        runs = []
        for _ in range(args.repeats):
            verbatim = transcribe_all(args.backend, model, prompt, args.single_pass)
            clean = [clean_text(text, "clean") for text in verbatim]
            runs.append(
                {
                    "wer_verbatim": word_error_rate(references, verbatim),
                    "wer_clean": word_error_rate(references, clean),
                    "fillers_in_verbatim": sum(w in FILLERS for t in verbatim for w in normalise(t).split()),
                    "texts": verbatim,
                }
            )
        rows["with prompt" if prompt else "without prompt"] = runs
    print(
        f"Verbatim prompt on {len(references)} NST clips "
        f"({args.backend}, default decoding, {args.repeats} runs)\n"
    )
    print(
        "| run | WER verbatim % (range) | WER clean view % (range) | fillers in verbatim |\n"
        "|---|---:|---:|---:|"
    )
    for name, runs in rows.items():
        print(
            f"| {name} | {_median_range(runs, 'wer_verbatim')} | {_median_range(runs, 'wer_clean')} | "
            f"{statistics.median(r['fillers_in_verbatim'] for r in runs):.0f} |"
        )
    change = _median(rows["with prompt"], "wer_clean") - _median(rows["without prompt"], "wer_clean")
    print(
        f"\nClean-view WER change with the prompt (medians): {change:+.1f} points (target: at most +1.0) -> "
        f"{'met' if change <= 1.0 else 'NOT met'}"
    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
