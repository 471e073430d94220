"""Whisper base on the 12 referenced NST clips, measured by ``transcribe-app accuracy``.

Transcribes each clip through the pipeline (faster-whisper base int8, beam 5, temperature 0,
language da; ``--timing`` tokens or alignment), puts the clips in one project corrected to the
references (``tests/accuracy_fixtures.py``), and prints what ``transcribe-app accuracy`` prints —
WER, CER, per speaker, the most frequent substitutions — beside jiwer's WER and CER of the same pairs.

    python bench/accuracy_nst.py                    # timestamp tokens
    python bench/accuracy_nst.py --timing alignment
    python bench/accuracy_nst.py --write-fixture    # tests/data/nst_da/base_hypotheses.tsv again
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.accuracy_fixtures import HYPOTHESES, clip_key, corrected_nst_project  # noqa: E402
from tests.model_files import faster_whisper_base_dir  # noqa: E402
from tests.speech import nst_clips  # noqa: E402


def transcribe_clips(timing: str) -> tuple[dict[str, str], float, float]:
    from transcribe_app.core.asr import TranscriptionOptions
    from transcribe_app.core.asr.stage import TranscriptionRequest, transcribe_recording

    options = TranscriptionOptions(
        model=str(faster_whisper_base_dir()), language="da", device="cpu", compute_type="int8",
        beam_size=5, temperature=(0.0,), timing=timing,
    )  # fmt: skip
    hypotheses, seconds, audio = {}, 0.0, 0.0
    with tempfile.TemporaryDirectory(prefix="transkript-accuracy-") as tmp:
        for index, clip in enumerate(nst_clips()):
            began = time.perf_counter()
            project = transcribe_recording(
                TranscriptionRequest(clip.path, Path(tmp) / f"{index}.transkript.json", options=options)
            )
            seconds += time.perf_counter() - began
            audio += clip.duration
            hypotheses[clip_key(clip.path)] = " ".join(s.text.strip() for s in project.segments)
    return hypotheses, seconds, audio


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--timing", choices=("tokens", "alignment"), default="tokens")
    parser.add_argument("--write-fixture", action="store_true", help=f"write {HYPOTHESES.name} (tokens)")
    args = parser.parse_args()
    import jiwer

    from transcribe_app.cli import main as cli
    from transcribe_app.core.project.file import save_project

    hypotheses, seconds, audio = transcribe_clips(args.timing)
    print(
        f"Whisper base, faster-whisper int8, timing {args.timing}: {seconds:.1f} s for {audio:.1f} s "
        f"of audio (RTF {seconds / audio:.2f}, model load included)"
    )
    if args.write_fixture:
        with open(HYPOTHESES, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
            writer.writerow(["file", "hypothesis"])
            writer.writerows(sorted(hypotheses.items()))
        print(f"Wrote {HYPOTHESES}")
    from transcribe_app.core.asr.accuracy import normalised_words

    project = corrected_nst_project(hypotheses)
    refs = [" ".join(normalised_words(s.text)) for s in project.segments]
    hyps = [" ".join(normalised_words(h)) for h in hypotheses_in_order(hypotheses)]
    print(
        f"jiwer (each clip a sentence): WER {100 * jiwer.wer(refs, hyps):.1f} %, "
        f"CER {100 * jiwer.cer(refs, hyps):.1f} %"
    )
    with tempfile.TemporaryDirectory(prefix="transkript-accuracy-") as tmp:
        path = Path(tmp) / "nst.transkript.json"
        save_project(project, path)
        print(f"+ transcribe-app accuracy {path.name}")
        return cli(["accuracy", str(path)])


def hypotheses_in_order(hypotheses: dict[str, str]) -> list[str]:
    return [hypotheses[clip_key(clip.path)] for clip in nst_clips()]


if __name__ == "__main__":
    sys.exit(main())
