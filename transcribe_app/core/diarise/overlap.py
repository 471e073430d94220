"""Overlapped speech: stretches where two voices are heard at once, and whose they are.

Where people interrupt, agree ("ja, ja") or start before the other has finished, a
diariser that gives each moment one speaker (ours does) misses the second voice,
and a reader of the transcript cannot tell that the words there were spoken over
each other. This module finds such stretches so that they can be stored
(``DiarisationRecord.overlaps``), the words in them known
(``cleanup/overlap_marks.py`` ``overlap_flags``) and marked in the editor and,
as the researcher chooses, in the exports.

Two sources:

- A diariser that gives overlapping turns (pyannote) has already said it:
  ``overlapping_turns`` reads the stretches off its turns.
- For the built-in diariser, ``detect_overlaps`` looks where overlap happens in
  conversation: at a change of speaker with no pause between the turns. There
  one person either takes over at once (a short pause the voice detector did not
  cut at) or starts while the other still talks. The loudness tells them apart:
  at a hand-over it falls, for a tenth of a second or more, towards the
  recording's background; where two talk at once it never does. A change whose
  loudness stays up is marked as an overlap of ``STRETCH`` seconds around the
  change (the diariser puts the change inside or just after the overlap).

  What was tried and did not work (``bench/overlap.py``'s figures are in the README):
  short-window voice embeddings (0.8 s) compared with both speakers' voices. A mix
  of two voices embeds close to the louder one; at ±6 dB the windows in overlap
  were not closer to both voices than a window straddling a plain change
  (precision 17 %, recall 8 % at best).

Numpy only, CPU, no model: under 1 % of the diarisation's own time (``bench/overlap.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ..asr.audio import SAMPLE_RATE
from ..project.diarisation import OverlapStretch
from .turns import SpeakerTurn

# A change across a pause this long or longer is a clean hand-over, not a place of overlap.
MAX_GAP = 0.3
LOOK = 0.8  # seconds on each side of a change in which a hand-over's pause is looked for
FRAME = 0.01  # seconds: loudness is measured in 10 ms frames,
SMOOTH = 10  # averaged over 100 ms: a pause shorter than that is a stop consonant, not a pause
# How far towards the background (0) from the level of speech (1) the loudness must fall to be a pause.
# Chosen on the NST conversation mixes (bench/overlap.py): larger finds more, less surely.
PAUSE_LEVEL = 0.08
STRETCH = 0.8  # seconds marked around a change held to be an overlap
MIN_OVERLAP = 0.2  # a shorter stretch is not worth a mark: a breath's worth of crosstalk
_BLOCK = 60_000  # frames (10 minutes) measured at a time


@dataclass(frozen=True)
class _Change:
    before: SpeakerTurn
    after: SpeakerTurn

    @property
    def at(self) -> float:
        return (self.before.end + self.after.start) / 2


def overlapping_turns(turns: Iterable[SpeakerTurn], min_length: float = MIN_OVERLAP) -> list[OverlapStretch]:
    """Where turns of different speakers overlap in time (a diariser that gives overlaps: pyannote)."""
    ordered = sorted(turns, key=lambda t: (t.start, t.end))
    found: list[OverlapStretch] = []
    for i, turn in enumerate(ordered):
        for other in ordered[i + 1 :]:
            if other.start >= turn.end:
                break
            if other.speaker == turn.speaker:
                continue
            start, end = other.start, min(turn.end, other.end)
            if end - start >= min_length:
                found.append(OverlapStretch(round(start, 3), round(end, 3), (turn.speaker, other.speaker)))
    return merge_stretches(found)


def find_overlaps(audio: np.ndarray, turns: Sequence[SpeakerTurn]) -> list[OverlapStretch]:
    """The overlapped stretches of a diarised recording: the turns' own overlaps when the diariser
    gives them (pyannote), else those ``detect_overlaps`` finds at the changes of speaker."""
    return overlapping_turns(turns) or detect_overlaps(audio, turns)


def detect_overlaps(
    audio: np.ndarray,
    turns: Sequence[SpeakerTurn],
    *,
    pause_level: float = PAUSE_LEVEL,
    stretch: float = STRETCH,
) -> list[OverlapStretch]:
    """Stretches of ``audio`` (16 kHz mono) where two of the speakers in ``turns`` speak at once.

    ``turns`` are one-speaker-at-a-time turns (the built-in diariser's). Only changes of
    speaker without a pause are looked at; each stretch names the speaker before the change
    and the one after it.
    """
    ordered = sorted(turns, key=lambda t: (t.start, t.end))
    changes = [
        _Change(a, b)
        for a, b in zip(ordered, ordered[1:], strict=False)
        if a.speaker != b.speaker and b.start - a.end < MAX_GAP
    ]
    if not changes:
        return []
    level = _loudness(audio)
    background, speech = np.percentile(level, 5), np.percentile(level, 90)
    pause = background + pause_level * max(speech - background, 1e-6)
    found = []
    for change in changes:
        first = max(int((change.at - LOOK) / FRAME), 0)
        last = min(int((change.at + LOOK) / FRAME), len(level))
        if last - first < SMOOTH or level[first:last].min() <= pause:
            continue  # a pause at the change: one hands over to the other
        start, end = (
            max(change.at - stretch / 2, change.before.start),
            min(change.at + stretch / 2, change.after.end),
        )
        if end - start >= MIN_OVERLAP:
            found.append(
                OverlapStretch(round(start, 3), round(end, 3), (change.before.speaker, change.after.speaker))
            )
    return merge_stretches(found)


def _loudness(audio: np.ndarray) -> np.ndarray:
    """The level (dB) of each 10 ms frame, averaged over 100 ms."""
    size = int(FRAME * SAMPLE_RATE)
    frames = audio[: len(audio) // size * size].reshape(-1, size)  # a view: no copy of a long recording
    if len(frames) == 0:
        return np.zeros(1)
    power = np.empty(len(frames))
    for first in range(0, len(frames), _BLOCK):  # in blocks: a float64 copy of two hours is 900 MB
        block = frames[first : first + _BLOCK].astype(np.float64)
        power[first : first + len(block)] = (block**2).mean(axis=1)
    decibels = 10 * np.log10(power + 1e-10)
    return np.convolve(decibels, np.ones(SMOOTH) / SMOOTH, mode="same")


def merge_stretches(stretches: Iterable[OverlapStretch]) -> list[OverlapStretch]:
    """In time order, with stretches that touch or overlap joined (their speakers together)."""
    out: list[OverlapStretch] = []
    for stretch in sorted(stretches, key=lambda s: (s.start, s.end)):
        if out and stretch.start <= out[-1].end:
            last = out[-1]
            speakers = tuple(dict.fromkeys(last.speakers + stretch.speakers))
            out[-1] = OverlapStretch(last.start, max(last.end, stretch.end), speakers)
        else:
            out.append(stretch)
    return out
