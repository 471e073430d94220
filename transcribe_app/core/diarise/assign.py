"""Give every word its speaker, and split segments where the speaker changes.

Whisper's segments follow sentences, not speakers: a segment often ends with the
first words of the next person. Assigning per segment (as most tools do) puts
those words in the wrong mouth, so each *word* gets the speaker whose turn
covers most of it, and a segment that spans a change is cut at that word.

Each word also gets ``speaker_confidence`` (0..1). It is lowered where the
diarisation cannot be trusted to the word: within ``CHANGE_MARGIN`` of a
speaker change that is not separated by a clear pause, under overlapping
turns, in a gap between two different speakers, and in a short run of words
that interrupts one speaker's stretch (often an embedding blip, sometimes a
real "ja"). Those words are the ones to check by ear.
"""

from __future__ import annotations

import bisect
import dataclasses
from itertools import groupby

from ..project.transcript import Segment, Word
from .turns import SpeakerTurn

CHANGE_MARGIN = 0.5  # seconds around a change where a word may belong to either side
# A change across a pause at least this long was placed by the voice detector, not guessed.
CLEAR_PAUSE = 2 * CHANGE_MARGIN
SHORT_RUN = 1.0  # seconds: an interruption shorter than this is doubtful
LOW_SPEAKER_CONFIDENCE = 0.6  # below this a word is counted for review
_NEAR_CHANGE, _BETWEEN_SPEAKERS, _SHORT_RUN = 0.5, 0.5, 0.4


def assign_speakers(segments: list[Segment], turns: list[SpeakerTurn]) -> list[Segment]:
    """New segments whose words carry a speaker; the input is left untouched.

    Segments that span a speaker change are split at the word boundary (ids are
    renumbered from the first segment's id, text and times rebuilt from the
    words). Each segment's ``speaker`` is its words' speaker.
    """
    index = _TurnIndex(sorted(turns, key=lambda t: (t.start, t.end)))
    copies = [(segment, [dataclasses.replace(word) for word in segment.words]) for segment in segments]
    if not index.turns:
        return [dataclasses.replace(segment, words=words) for segment, words in copies]
    for segment, words in copies:
        _label_words(words, segment, index)
    _mark_short_runs([w for _, words in copies for w in words if w.speaker is not None])
    out: list[Segment] = []
    first_id = segments[0].id if segments else 0
    for segment, words in copies:
        for piece in _split(segment, words, index):
            out.append(dataclasses.replace(piece, id=first_id + len(out)))
    return out


def speaker_review_count(segments: list[Segment]) -> int:
    """How many words have a speaker the diarisation is unsure of."""
    return sum(needs_speaker_review(w) for s in segments for w in s.words)


def needs_speaker_review(word: Word) -> bool:
    """True when the word's speaker should be checked by ear."""
    return word.speaker_confidence is not None and word.speaker_confidence < LOW_SPEAKER_CONFIDENCE


def turns_from_segments(segments: list[Segment]) -> list[SpeakerTurn]:
    """The speaker-tagged stretches a reader sees (one per segment, timed by its words)."""
    out = []
    for segment in segments:
        timed = [w for w in segment.words if w.start is not None and w.end is not None]
        start = timed[0].start if timed else segment.start
        end = timed[-1].end if timed else segment.end
        if segment.speaker is not None and start is not None and end is not None and end > start:
            out.append(SpeakerTurn(start, end, segment.speaker))
    return out


class _TurnIndex:
    """Turns sorted by start, with what is needed to find overlaps and changes fast."""

    def __init__(self, turns: list[SpeakerTurn]):
        self.turns = turns
        self.starts = [t.start for t in turns]
        self.reach: list[float] = []  # the latest end among turns[0..i]: lets a search stop early
        for t in turns:
            self.reach.append(max(t.end, self.reach[-1]) if self.reach else t.end)
        # Changes between neighbouring turns of different speakers, as (from, to) spans.
        self.changes = [
            (a.end, b.start)
            for a, b in zip(turns, turns[1:], strict=False)
            if a.speaker != b.speaker and b.start - a.end < CLEAR_PAUSE
        ]
        self.change_starts = [a for a, _ in self.changes]

    def speaker_of(self, start: float, end: float) -> tuple[str, float]:
        """The speaker covering most of [start, end], and how sure that is (0..1)."""
        overlap: dict[str, float] = {}
        i = bisect.bisect_right(self.starts, end) - 1
        while i >= 0 and self.reach[i] > start:
            turn = self.turns[i]
            shared = min(turn.end, end) - max(turn.start, start)
            if shared > 0 or (shared == 0 and start == end and turn.start <= start <= turn.end):
                overlap[turn.speaker] = overlap.get(turn.speaker, 0.0) + max(shared, 1e-9)
            i -= 1
        if overlap:
            speaker = max(overlap, key=overlap.__getitem__)
            confidence = overlap[speaker] / sum(overlap.values())
        else:
            speaker, confidence = self._nearest(start, end)
        if self._near_change(start, end):
            confidence = min(confidence, _NEAR_CHANGE)
        return speaker, confidence

    def _nearest(self, start: float, end: float) -> tuple[str, float]:
        i = bisect.bisect_right(self.starts, start)
        before = self.turns[i - 1] if i > 0 else None
        after = self.turns[i] if i < len(self.turns) else None
        if before is None or after is None:
            return (before or after).speaker, 1.0  # type: ignore[union-attr]
        gap_before, gap_after = start - before.end, after.start - end
        speaker = before.speaker if gap_before <= gap_after else after.speaker
        return speaker, 1.0 if before.speaker == after.speaker else _BETWEEN_SPEAKERS

    def _near_change(self, start: float, end: float) -> bool:
        i = bisect.bisect_right(self.change_starts, end + CHANGE_MARGIN)
        for j in range(i - 1, max(i - 3, -1), -1):
            a, b = self.changes[j]
            if start - CHANGE_MARGIN < b and a < end + CHANGE_MARGIN:
                return True
        return False


def _label_words(words: list[Word], segment: Segment, index: _TurnIndex) -> None:
    for word in words:
        if word.start is not None and word.end is not None:
            word.speaker, confidence = index.speaker_of(word.start, max(word.end, word.start))
            word.speaker_confidence = round(confidence, 3)
    # Words without times (an edit, an import) go with the timed word before them, else after.
    timed = [w for w in words if w.start is not None and w.end is not None]
    if not timed and segment.start is not None and segment.end is not None:
        speaker, confidence = index.speaker_of(segment.start, segment.end)
        timed = [Word("", speaker=speaker, speaker_confidence=round(confidence, 3))]
    previous = timed[0] if timed else None
    for word in words:
        if word.start is not None and word.end is not None:
            previous = word
        elif previous is not None:
            word.speaker, word.speaker_confidence = previous.speaker, previous.speaker_confidence


def _mark_short_runs(words: list[Word]) -> None:
    """Doubt a short run of one speaker's words wedged inside another speaker's stretch."""
    runs = [list(group) for _, group in groupby(words, key=lambda w: w.speaker)]
    for before, run, after in zip(runs, runs[1:], runs[2:], strict=False):
        timed = [w for w in run if w.start is not None and w.end is not None]
        if before[-1].speaker != after[0].speaker or not timed:
            continue
        if timed[-1].end - timed[0].start < SHORT_RUN:  # type: ignore[operator]
            for word in run:
                word.speaker_confidence = min(word.speaker_confidence or 1.0, _SHORT_RUN)


def _split(segment: Segment, words: list[Word], index: _TurnIndex) -> list[Segment]:
    groups = [list(group) for _, group in groupby(words, key=lambda w: w.speaker)]
    if len(groups) <= 1:
        speaker = words[0].speaker if words and words[0].speaker else _segment_speaker(segment, index)
        return [dataclasses.replace(segment, words=words, speaker=speaker)]
    pieces = []
    for n, group in enumerate(groups):
        starts = [w.start for w in group if w.start is not None]
        ends = [w.end for w in group if w.end is not None]
        pieces.append(
            dataclasses.replace(
                segment,
                start=starts[0] if starts else (segment.start if n == 0 else None),
                end=ends[-1] if ends else (segment.end if n == len(groups) - 1 else None),
                text="".join(w.text for w in group),
                words=group,
                speaker=group[0].speaker,
            )
        )
    return pieces


def _segment_speaker(segment: Segment, index: _TurnIndex) -> str | None:
    if segment.start is None or segment.end is None:
        return segment.speaker
    return index.speaker_of(segment.start, segment.end)[0]
