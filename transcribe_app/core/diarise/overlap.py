"""Overlapped speech: stretches where two voices are heard at once, and whose they are.

Where people interrupt, agree ("ja, ja") or start before the other has finished, a
diariser that gives each moment one speaker (ours does) misses the second voice,
and a reader of the transcript cannot tell that the words there were spoken over
each other. This module finds such stretches so that they can be stored
(``DiarisationRecord.overlaps``), the words in them known (``overlap_flags``)
and marked in the editor and, as the researcher chooses, in the exports.

Two sources:

- A diariser that gives overlapping turns (pyannote) has already said it:
  ``overlapping_turns`` reads the stretches off its turns.
- For the built-in diariser, ``detect_overlaps`` looks where overlap happens in
  conversation: at a change of speaker with no pause between the turns. Around
  each such change it embeds short windows (0.8 s, every 0.1 s) and compares each
  with the two speakers' voices (the mean embedding of each speaker's own turns).
  A window of one voice is close to that voice and about as far from the other as
  the two voices are from each other; a window in which both speak is closer to
  *both* than that. A sequential change also gives such windows, for about one
  window length, where the window straddles it; so only a run of "both" windows
  longer than that is kept, and the stretch is the run minus half a window at
  each end. The figures it reaches are in ``bench/overlap.py``: it finds the
  longer overlaps, never the shortest (under about 0.3 s), and it is a hint to
  check by ear, not a measurement.

Numpy only, CPU; the encoder is the diarisation's own (``encoder.py``).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ..asr.audio import SAMPLE_RATE
from ..project.diarisation import OverlapStretch
from .encoder import VoiceEncoder
from .turns import SpeakerTurn

# A change across a pause this long or longer is a clean hand-over, not a place of overlap.
MAX_GAP = 0.3
SHORT_WINDOW = 0.8  # seconds: short enough to see a second voice come in, long enough to embed
SHORT_STEP = 0.1
ZONE = 2.0  # seconds looked at on each side of a change
# How much a window must sound like each of two voices to hold both (0: like the other's speech,
# 1: like the speaker's own).
# Chosen on the NST conversation mixes (bench/overlap.py); larger finds less, more surely.
BOTH_MARGIN = 0.4
MIN_OVERLAP = 0.2  # a shorter stretch is not worth a mark: a breath's worth of crosstalk
VOICE_WINDOW = 1.6  # the encoder's own length, for the speakers' voices
VOICE_WINDOWS = 24  # at most this many windows per speaker make its voice


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


def detect_overlaps(
    audio: np.ndarray,
    turns: Sequence[SpeakerTurn],
    encoder: VoiceEncoder,
    *,
    margin: float = BOTH_MARGIN,
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
    voices = _voices(audio, ordered, encoder, {s for c in changes for s in (c.before.speaker, c.after.speaker)})
    found = []
    for change in changes:
        a, b = voices.get(change.before.speaker), voices.get(change.after.speaker)
        if a is None or b is None:
            continue  # a speaker heard too briefly to know their voice
        stretch = _overlap_at(audio, change, a, b, encoder, margin)
        if stretch is not None:
            found.append(stretch)
    return merge_stretches(found)


@dataclass(frozen=True)
class _Voice:
    """A speaker's voice, and how close short windows come to it: their own, and the others'."""

    centre: np.ndarray  # unit vector
    halves: np.ndarray  # short-window embeddings of this speaker's own speech (rows)


def _voices(
    audio: np.ndarray, turns: Sequence[SpeakerTurn], encoder: VoiceEncoder, speakers: set[str]
) -> dict[str, _Voice]:
    """Each speaker's voice: the mean embedding of windows inside their turns, away from the changes."""
    out = {}
    duration = len(audio) / SAMPLE_RATE
    for speaker in sorted(speakers):
        starts: list[float] = []
        for turn in turns:
            if turn.speaker != speaker:
                continue
            # Half a second in from each end: the edges are where another voice may be.
            first, last = turn.start + 0.5, min(turn.end, duration) - 0.5 - VOICE_WINDOW
            if last >= first:
                starts.extend(np.arange(first, last + 1e-9, VOICE_WINDOW))
        if not starts:
            continue
        if len(starts) > VOICE_WINDOWS:  # an even spread over the recording
            starts = [starts[int(i)] for i in np.linspace(0, len(starts) - 1, VOICE_WINDOWS).round()]
        voice = encoder.embed(np.stack([_cut(audio, s, VOICE_WINDOW) for s in starts])).mean(axis=0)
        # The two halves of each window, as the short windows near a change see this voice.
        halves = encoder.embed(
            np.stack([_cut(audio, s + k * SHORT_WINDOW, SHORT_WINDOW) for s in starts for k in (0, 1)])
        )
        out[speaker] = _Voice(voice / max(float(np.linalg.norm(voice)), 1e-12), halves)
    return out


def _likeness(windows: np.ndarray, voice: _Voice, other: _Voice) -> np.ndarray:
    """How much each short window sounds like ``voice``: 0 as much as ``other``'s speech does, 1 as
    much as the speaker's own speech does (on average)."""
    own = float((voice.halves @ voice.centre).mean())
    others = float((other.halves @ voice.centre).mean())
    return (windows @ voice.centre - others) / max(own - others, 1e-6)


def _overlap_at(
    audio: np.ndarray,
    change: _Change,
    a: _Voice,
    b: _Voice,
    encoder: VoiceEncoder,
    margin: float,
) -> OverlapStretch | None:
    """The overlap around one change, if a long enough run of windows sounds like both voices."""
    duration = len(audio) / SAMPLE_RATE
    first = max(change.before.start, change.at - ZONE)
    last = min(change.after.end, change.at + ZONE, duration) - SHORT_WINDOW
    if last - first < SHORT_WINDOW:
        return None
    starts = np.arange(first, last + 1e-9, SHORT_STEP)
    embedded = encoder.embed(np.stack([_cut(audio, s, SHORT_WINDOW) for s in starts]))
    both = np.minimum(_likeness(embedded, a, b), _likeness(embedded, b, a)) > margin
    runs = _runs(both)
    if not runs:
        return None
    # The run nearest the change: another run is the same voices' likeness elsewhere.
    centres = starts + SHORT_WINDOW / 2
    at = int(np.searchsorted(centres, change.at))
    i, j = min(runs, key=lambda r: 0 if r[0] <= at <= r[1] else min(abs(r[0] - at), abs(r[1] - at)))
    # A window holds both voices from when its centre is a quarter window before the second voice
    # comes in to a quarter window after the first stops: a plain change gives a run of about half a
    # window, an overlap that much more.
    start, end = centres[i] - SHORT_STEP / 2, centres[j] + SHORT_STEP / 2
    if end - start < SHORT_WINDOW / 2 + MIN_OVERLAP:
        return None
    start, end = start + SHORT_WINDOW / 4, end - SHORT_WINDOW / 4
    return OverlapStretch(
        round(float(start), 3), round(float(end), 3), (change.before.speaker, change.after.speaker)
    )


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(first, last) index of each run of True."""
    edges = np.diff(np.concatenate([[0], mask.astype(int), [0]]))
    return list(zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1) - 1, strict=True))


def _cut(audio: np.ndarray, start: float, length: float) -> np.ndarray:
    first, size = int(round(start * SAMPLE_RATE)), int(round(length * SAMPLE_RATE))
    piece = audio[max(first, 0) : first + size]
    return np.pad(piece, (0, size - len(piece))) if len(piece) < size else piece


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


def overlap_seconds(stretches: Iterable[tuple[float, float]]) -> float:
    """The time covered by ``(start, end)`` stretches, each moment once."""
    total, reach = 0.0, -np.inf
    for start, end in sorted(stretches):
        if end > reach:
            total += end - max(start, reach)
            reach = end
    return total


def overlap_flags(
    times: Iterable[tuple[float | None, float | None]], stretches: Sequence[OverlapStretch]
) -> list[bool]:
    """For each word's ``(start, end)``: whether it lies in an overlapped stretch (its middle does).

    ``stretches`` in time order, not overlapping (as ``merge_stretches`` gives them). A word
    without times (typed in, imported) is not known to be in one.
    """
    starts = [s.start for s in stretches]
    flags = []
    for start, end in times:
        if start is None or end is None or not stretches:
            flags.append(False)
            continue
        middle = (start + max(end, start)) / 2
        i = bisect.bisect_right(starts, middle) - 1
        flags.append(i >= 0 and stretches[i].start <= middle <= stretches[i].end)
    return flags
