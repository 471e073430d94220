"""The NST test clips and word error rate, shared by the tests and the benchmarks."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

NST_DIR = Path(__file__).resolve().parent / "data" / "nst_da"
LONGFORM = NST_DIR / "longform_4spk.flac"


@dataclass(frozen=True)
class Clip:
    path: Path
    duration: float
    reference: str  # lower case, no punctuation, numbers as words (NST prompts)


def nst_clips() -> list[Clip]:
    """The 12 clips with a reference text, shortest first."""
    with open(NST_DIR / "manifest.tsv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    clips = [Clip(NST_DIR / r["file"], float(r["duration_s"]), r["reference_norm"]) for r in rows]
    return sorted(clips, key=lambda c: c.duration)


def normalise(text: str) -> str:
    """Lower case, letters and digits only: how the NST references are written."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def word_error_rate(references: list[str], hypotheses: list[str]) -> float:
    """Corpus WER in percent over paired texts."""
    import jiwer

    return 100 * jiwer.wer(
        [normalise(r) for r in references], [normalise(h) or "<empty>" for h in hypotheses]
    )


def write_wav(path: Path, samples, rate: int = 16_000) -> None:
    """16-bit mono WAV of float samples in [-1, 1] (the recordings the diarisation tests build)."""
    import wave

    import numpy as np

    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(rate)
        handle.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())
