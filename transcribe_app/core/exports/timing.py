"""Times for the formats that play along with the recording (SRT, VTT, NVivo, MAXQDA).

Two jobs. ``timed_turns`` gives every turn that shows text a start and an end,
filling the gaps an imported transcript leaves (f4 and noScribe files often
time only some turns) and failing clearly when there are no times at all.
``word_times`` gives each word of a turn's *exported* text a time: the text
may differ from the stored words (the cleanup level hid some, the
pseudonymisation replaced names), so the exported words are aligned to the
stored ones, and words without a partner take a time between their neighbours.
"""

from __future__ import annotations

from dataclasses import replace
from difflib import SequenceMatcher
from itertools import accumulate, pairwise

from ..cleanup.transcript_view import TurnView
from ..errors import BadInputError

READING_SPEED = 15.0  # characters per second: the end of a last turn nobody timed


def timed_turns(turns: list[TurnView], format_name: str, duration: float | None = None) -> list[TurnView]:
    """Every turn with text, with times that are never None and its text on one line (spaces
    collapsed); a ``BadInputError`` when the transcript has none.

    Known times are kept. A missing one is the neighbouring turn's (the end of the turn
    before is the start of the next), else it is placed between the nearest known times
    in proportion to the text spoken in between; the first turn starts at 0, and an
    untimed last turn ends with the recording, else after the time it takes to read it.
    """
    shown = [(turn, " ".join(turn.text.split())) for turn in turns if turn.text.strip()]
    if not any(t.start is not None or t.end is not None for t, _ in shown):
        raise BadInputError(
            f"This transcript has no times (it was imported as text without timestamps), so it cannot "
            f"be exported as {format_name}, which plays along with the recording. Export it as docx, "
            "pdf or txt, or transcribe the recording to get times."
        )
    bounds = _boundaries([t for t, _ in shown], [len(text) for _, text in shown], duration)
    timed = []
    for k, (turn, text) in enumerate(shown):
        start = turn.start if turn.start is not None else bounds[k]
        end = turn.end if turn.end is not None else bounds[k + 1]
        timed.append(replace(turn, text=text, start=float(start), end=float(max(start, end))))
    return timed


def _boundaries(turns: list[TurnView], lengths: list[int], duration: float | None) -> list[float]:
    """The n+1 moments where turns meet (boundary k: turn k starts, turn k-1 ends)."""
    n = len(turns)
    known: list[float | None] = [None] * (n + 1)
    for k in range(n + 1):
        before = turns[k - 1].end if k > 0 else None
        after = turns[k].start if k < n else None
        known[k] = after if after is not None else before
    known[0] = known[0] if known[0] is not None else 0.0
    position = [0, *accumulate(lengths)]  # characters spoken before each boundary
    if known[n] is None:
        last = max(k for k in range(n + 1) if known[k] is not None)
        reading = known[last] + (position[n] - position[last]) / READING_SPEED
        known[n] = duration if duration and duration > known[last] else reading
    anchors = [(position[k], t) for k, t in enumerate(known) if t is not None]
    bounds = [float(t) if t is not None else _between(position[k], anchors) for k, t in enumerate(known)]
    for k in range(1, n + 1):  # times never go back, whatever the typed file said
        bounds[k] = max(bounds[k], bounds[k - 1])
    return bounds


def _between(position: int, anchors: list[tuple[int, float]]) -> float:
    before = max((a for a in anchors if a[0] <= position), key=lambda a: a[0])
    after = min((a for a in anchors if a[0] >= position), key=lambda a: a[0])
    if after[0] == before[0]:
        return before[1]
    return before[1] + (after[1] - before[1]) * (position - before[0]) / (after[0] - before[0])


def word_times(turn: TurnView) -> list[tuple[str, float]]:
    """Each word of a timed turn's exported text (``timed_turns``) with the time it is spoken
    (non-decreasing)."""
    words = turn.text.split(" ")
    stored = [(w.text.strip(), w.start) for w in turn.words if w.text.strip()]
    times: list[float | None] = [None] * len(words)
    matcher = SequenceMatcher(None, [_key(w) for w in words], [_key(w) for w, _ in stored], autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            times[block.a + k] = stored[block.b + k][1]
    return list(zip(words, _interpolate(times, turn.start, turn.end), strict=True))


def _key(word: str) -> str:
    # Cleanup may drop a comma or add a capital; a match should not depend on them.
    return word.strip(".,;:!?…\"'()[]/").lower()  # and the marks of overlapped speech


def _interpolate(times: list[float | None], start: float, end: float) -> list[float]:
    """Fill unknown times linearly between known neighbours; keep them within the turn, in order."""
    n = len(times)
    filled: list[float] = [start] * n
    anchors = [(k, t) for k, t in enumerate(times) if t is not None and start <= t <= end]
    if not anchors or anchors[0][0] != 0:
        anchors.insert(0, (0, start))  # an untimed first word starts when the turn starts
    anchors.append((n, end))  # position n: just after the last word
    for (k0, t0), (k1, t1) in pairwise(anchors):
        for k in range(k0, min(k1, n)):
            filled[k] = t0 + (t1 - t0) * (k - k0) / (k1 - k0)
    for k in range(1, n):  # stored words can come out of order; times must not go back
        filled[k] = max(filled[k], filled[k - 1])
    return filled
