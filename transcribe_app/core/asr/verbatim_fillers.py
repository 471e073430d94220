"""Fillers for the verbatim layer, without letting a prompt change the other words.

Whisper leaves out "øh" and "øhm" unless its prompt is full of them — and a
prompt sways a small model's other words too (Whisper base on the NST clips:
+1.8 points of WER with the filler prompt). So a verbatim transcription is made
in two passes: the words come from the ordinary, unprompted pass; a second pass
primed with filler-rich Danish only *contributes fillers*, each inserted at its
time where the first pass has no word. The clean view therefore shows exactly
the unprompted transcript, and the verbatim view adds what was hesitated.
"""

from __future__ import annotations

import dataclasses
import re

from ..cleanup import load_lists
from ..project.transcript import Segment, Word

# A filler must fall inside (or this close to) a segment of real speech: fillers
# "heard" in long silences are the prompt talking, not the speaker.
SEGMENT_REACH = 0.5
# A filler that overlaps a first-pass word by more than this share of its own
# length is the same sound heard twice (e.g. "og" heard as "øh"): it is not added.
MAX_OVERLAP = 0.5
_NOT_LETTERS = re.compile(r"[^\w-]+")


def filler_words() -> frozenset[str]:
    """The filled pauses and backchannels of the cleanup lists (all languages)."""
    lists = load_lists()
    return lists.fillers | lists.backchannels


def merge_fillers(segments: list[Segment], prompted: list[Segment]) -> tuple[list[Segment], int]:
    """``segments`` with the fillers of ``prompted`` inserted; returns (new segments, fillers added).

    Neither input is changed. Only timed filler words are taken from ``prompted``;
    every word of ``segments`` stays, in order, as it was.
    """
    fillers = filler_words()
    result = [dataclasses.replace(s, words=list(s.words)) for s in segments]
    added = 0
    for word in (w for s in prompted for w in s.words):
        if _key(word) not in fillers or word.start is None or word.end is None:
            continue
        target = _segment_around(result, word)
        if target is None or _overlaps_a_word(target, word):
            continue
        position = sum(1 for w in target.words if (w.start or 0.0) <= word.start)
        target.words.insert(position, dataclasses.replace(word, speaker=target.speaker))
        target.text = "".join(w.text for w in target.words)
        added += 1
    return result, added


def _key(word: Word) -> str:
    return _NOT_LETTERS.sub("", word.text).lower()


def _segment_around(segments: list[Segment], word: Word) -> Segment | None:
    middle = (word.start + word.end) / 2
    for segment in segments:
        if segment.start is None or segment.end is None:
            continue
        if segment.start - SEGMENT_REACH <= middle <= segment.end + SEGMENT_REACH:
            return segment
    return None


def _overlaps_a_word(segment: Segment, word: Word) -> bool:
    length = max(word.end - word.start, 1e-3)
    for other in segment.words:
        if other.start is None or other.end is None:
            continue
        shared = min(other.end, word.end) - max(other.start, word.start)
        if shared > MAX_OVERLAP * length:
            return True
    return False
