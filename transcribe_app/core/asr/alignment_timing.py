"""Segments for a model that writes no timestamp tokens (``--timing alignment``).

Without timestamp tokens Whisper decodes a 30 s window as one stretch of text. The words still get
their times — both libraries place every word by the decoder's cross-attention on the audio (the
"alignment heads"), which needs no timestamp tokens — so the segments are cut from the words: at the
end of a sentence, and at a pause. Everything after recognition (diarisation, the editor's audio
sync, SRT/VTT, a resume) reads segments and word times as it does for a stock model.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from ..project.transcript import Segment
from .base import spanning_its_words

# A silence this long between two words ends a segment (subtitles and turns read better so).
PAUSE_SECONDS = 1.0
# A segment this long is cut at the next word boundary even without a sentence end or a pause.
LONGEST_SECONDS = 15.0
_SENTENCE_ENDS = (".", "?", "!", "…")


def sentence_segments(segment: Segment) -> list[Segment]:
    """``segment`` cut after each sentence end and at each pause of ``PAUSE_SECONDS`` or more.

    Words without times stay with the piece they stand in; a segment without words is kept whole.
    """
    if not segment.words:
        return [segment]
    pieces: list[list] = [[]]
    for word in segment.words:
        current = pieces[-1]
        if current and _starts_new(current, word):
            pieces.append(current := [])
        current.append(word)
    return [_piece(segment, words) for words in pieces if words]


def sentence_segments_of(segments: Iterable[Segment]) -> Iterator[Segment]:
    """Every segment cut as ``sentence_segments`` does, in order."""
    for segment in segments:
        yield from sentence_segments(segment)


def _starts_new(current: list, word) -> bool:
    last = current[-1]
    if last.text.rstrip().endswith(_SENTENCE_ENDS):
        return True
    if last.end is not None and word.start is not None and word.start - last.end >= PAUSE_SECONDS:
        return True
    first = current[0]
    return first.start is not None and word.start is not None and word.start - first.start >= LONGEST_SECONDS


def _piece(segment: Segment, words: list) -> Segment:
    starts = [w.start for w in words if w.start is not None]
    ends = [w.end for w in words if w.end is not None]
    return spanning_its_words(
        dataclasses.replace(
            segment,
            start=min(starts) if starts else segment.start,
            end=max(ends) if ends else segment.end,
            text="".join(w.text for w in words),
            words=list(words),
        )
    )
