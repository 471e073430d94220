"""Diarisation error rate (DER), the standard score of who-spoke-when.

DER = (missed speech + false alarm + speaker confusion) / reference speech,
each weighted by time and by the number of speakers talking at once (NIST
md-eval's definition). A collar of ``collar`` seconds on each side of every
reference turn boundary is not scored, because no two people mark a change
to within a quarter second. Hypothesis speakers are mapped one-to-one onto
reference speakers so as to maximise the time they agree (Hungarian method);
the labels themselves never matter.

Note on conventions: md-eval's ``-c 0.25`` and this module's ``collar=0.25``
mean ±0.25 s; ``pyannote.metrics`` takes the total width (``collar=0.5``).
This scorer was cross-checked against pyannote.metrics 4.2.0 (600 random turn
sets, with and without collar: equal to 1e-14) when it was written.
``skip_overlap=True`` leaves out the stretches where two or more reference
speakers talk at once, so a bench can print DER with and without overlap.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from ..safe_write import EXPORT, replace_file
from .turns import SpeakerTurn


@dataclass
class DerResult:
    """The error components in seconds, and who was taken for whom."""

    missed: float
    false_alarm: float
    confusion: float
    total: float  # scored reference speech (speaker-weighted)
    mapping: dict[str, str]  # hypothesis label → reference label
    reference_labels: list[str]
    hypothesis_labels: list[str]
    matrix: np.ndarray  # seconds each reference speaker (row) overlaps each hypothesis speaker (column)

    @property
    def der(self) -> float:
        return (self.missed + self.false_alarm + self.confusion) / self.total if self.total else 0.0

    def summary(self) -> str:
        """The figures and the confusion matrix as a small text table."""
        width = max([len(x) for x in self.reference_labels + self.hypothesis_labels] + [6])
        lines = [
            f"DER {100 * self.der:.2f} % (missed {100 * self.missed / max(self.total, 1e-9):.2f} %, "
            f"false alarm {100 * self.false_alarm / max(self.total, 1e-9):.2f} %, "
            f"confusion {100 * self.confusion / max(self.total, 1e-9):.2f} %) of {self.total:.1f} s",
            "ref \\ hyp".ljust(width + 2) + "".join(h.rjust(width + 2) for h in self.hypothesis_labels),
        ]
        for label, row in zip(self.reference_labels, self.matrix, strict=True):
            lines.append(label.ljust(width + 2) + "".join(f"{v:.1f}".rjust(width + 2) for v in row))
        return "\n".join(lines)


def read_rttm(path: str | os.PathLike[str]) -> list[SpeakerTurn]:
    """The SPEAKER lines of an RTTM file as turns (onset is field 4, duration field 5, name field 8)."""
    turns = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            fields = line.split()
            if fields and fields[0] == "SPEAKER":
                start, duration = float(fields[3]), float(fields[4])
                turns.append(SpeakerTurn(start, start + duration, fields[7]))
    return sorted(turns, key=lambda t: (t.start, t.end))


def write_rttm(turns: Iterable[SpeakerTurn], path: str | os.PathLike[str], recording: str = "audio") -> None:
    """Write turns as RTTM, the format other diarisation tools and scorers read (whole or not at all)."""
    text = "".join(
        f"SPEAKER {recording} 1 {t.start:.3f} {t.end - t.start:.3f} <NA> <NA> {t.speaker} <NA> <NA>\n"
        for t in turns
    )
    replace_file(path, text.encode("utf-8"), wording=EXPORT)


def diarisation_error_rate(
    reference: list[SpeakerTurn],
    hypothesis: list[SpeakerTurn],
    *,
    collar: float = 0.25,
    skip_overlap: bool = False,
) -> DerResult:
    """Score ``hypothesis`` against ``reference`` (both lists of turns, any labels).

    Overlapping reference turns count once per speaker: where two people talk,
    a hypothesis with one of them has missed the other (md-eval). With
    ``skip_overlap`` the stretches where the reference has two or more speakers
    are not scored at all (md-eval's ``-1``, pyannote's ``skip_overlap``): the
    score of a diariser that gives one speaker at a time, on what it can get right.
    """
    ref_labels = sorted({t.speaker for t in reference})
    hyp_labels = sorted({t.speaker for t in hypothesis})
    edges = [t.start for t in reference + hypothesis] + [t.end for t in reference + hypothesis]
    no_score = _collar_zones(reference, collar)
    edges += [a for a, _ in no_score] + [b for _, b in no_score]
    times = np.unique(np.asarray(edges, dtype=float))
    if len(times) < 2:
        return DerResult(
            0.0, 0.0, 0.0, 0.0, {}, ref_labels, hyp_labels, np.zeros((len(ref_labels), len(hyp_labels)))
        )
    middles = (times[:-1] + times[1:]) / 2
    ref = (
        np.stack([_active(_spans(reference, x), middles) for x in ref_labels], axis=1)
        if ref_labels
        else np.zeros((len(middles), 0), bool)
    )
    hyp = (
        np.stack([_active(_spans(hypothesis, x), middles) for x in hyp_labels], axis=1)
        if hyp_labels
        else np.zeros((len(middles), 0), bool)
    )
    n_ref, n_hyp = ref.sum(axis=1), hyp.sum(axis=1)
    weight = np.diff(times) * ~_active(no_score, middles)  # seconds scored per piece
    if skip_overlap:
        weight = weight * (n_ref < 2)
    matrix = (ref * weight[:, None]).T @ hyp.astype(float)
    mapping = _best_mapping(matrix)
    correct = np.zeros(len(middles))
    for r, h in mapping:
        correct += ref[:, r] & hyp[:, h]
    return DerResult(
        missed=float((weight * np.maximum(n_ref - n_hyp, 0)).sum()),
        false_alarm=float((weight * np.maximum(n_hyp - n_ref, 0)).sum()),
        confusion=float((weight * (np.minimum(n_ref, n_hyp) - correct)).sum()),
        total=float((weight * n_ref).sum()),
        mapping={hyp_labels[h]: ref_labels[r] for r, h in mapping},
        reference_labels=ref_labels,
        hypothesis_labels=hyp_labels,
        matrix=matrix,
    )


def _best_mapping(matrix: np.ndarray) -> list[tuple[int, int]]:
    from scipy.optimize import linear_sum_assignment

    if matrix.size == 0:
        return []
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    return list(zip(rows.tolist(), cols.tolist(), strict=True))


def _spans(turns: list[SpeakerTurn], speaker: str) -> list[tuple[float, float]]:
    return [(t.start, t.end) for t in turns if t.speaker == speaker]


def _collar_zones(reference: list[SpeakerTurn], collar: float) -> list[tuple[float, float]]:
    """Around the boundaries of each speaker's speech (one person's overlapping turns are one)."""
    if collar <= 0:
        return []
    zones = []
    for speaker in {t.speaker for t in reference}:
        for start, end in _union(_spans(reference, speaker)):
            zones += [(start - collar, start + collar), (end - collar, end + collar)]
    return zones


def _active(spans: list[tuple[float, float]], points: np.ndarray) -> np.ndarray:
    """Which ``points`` fall inside any of ``spans`` (spans may overlap)."""
    inside = np.zeros(len(points), dtype=bool)
    if not spans:
        return inside
    merged = _union(spans)
    starts = np.array([a for a, _ in merged])
    ends = np.array([b for _, b in merged])
    i = np.searchsorted(starts, points, side="right") - 1
    ok = i >= 0
    inside[ok] = points[ok] < ends[i[ok]]
    return inside


def _union(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out
