"""Speaker turns: who speaks when, smoothed the way a listener would hear it."""

from __future__ import annotations

from dataclasses import dataclass

# Same-speaker pieces this close together are one turn: a breath is not a new turn.
MERGE_GAP = 0.5
# A stretch shorter than this between (or beside) another speaker's speech is a flicker of
# the embedding, not a turn: even "ja" takes about half a second.
MIN_TURN = 0.5


@dataclass(frozen=True)
class SpeakerTurn:
    """One speaker's continuous speech; ``speaker`` is "S1".."SN" in order of first appearance."""

    start: float
    end: float
    speaker: str

    @property
    def duration(self) -> float:
        return self.end - self.start


def build_turns(pieces: list[tuple[float, float, int]]) -> list[SpeakerTurn]:
    """Turn labelled pieces ``(start, end, cluster)`` into smoothed, named speaker turns."""
    merged = _merge(sorted(pieces))
    merged = _drop_flickers(merged)
    return _name_by_first_appearance(_merge(merged))


def _merge(pieces: list[tuple[float, float, int]]) -> list[tuple[float, float, int]]:
    out: list[tuple[float, float, int]] = []
    for start, end, label in pieces:
        if out and out[-1][2] == label and start - out[-1][1] <= MERGE_GAP:
            out[-1] = (out[-1][0], max(end, out[-1][1]), label)
        else:
            out.append((start, end, label))
    return out


def _drop_flickers(turns: list[tuple[float, float, int]]) -> list[tuple[float, float, int]]:
    """Give each too-short turn that touches another speaker's turn to that neighbour.

    Shortest first, so a blip is absorbed before it can decide a longer neighbour's fate;
    a short turn standing alone between pauses is a real short utterance and stays.
    """
    turns = list(turns)
    while True:
        candidates = [
            i for i, (s, e, _) in enumerate(turns) if e - s < MIN_TURN and _touching_neighbours(turns, i)
        ]
        if not candidates:
            return turns
        i = min(candidates, key=lambda j: turns[j][1] - turns[j][0])
        neighbours = _touching_neighbours(turns, i)
        # The longer neighbour is the likelier owner of the blip.
        j = max(neighbours, key=lambda n: turns[n][1] - turns[n][0])
        start, end, _ = turns[i]
        turns[i] = (start, end, turns[j][2])
        turns = _merge(turns)


def _touching_neighbours(turns: list[tuple[float, float, int]], i: int) -> list[int]:
    start, end, label = turns[i]
    out = []
    if i > 0 and start - turns[i - 1][1] <= MERGE_GAP and turns[i - 1][2] != label:
        out.append(i - 1)
    if i + 1 < len(turns) and turns[i + 1][0] - end <= MERGE_GAP and turns[i + 1][2] != label:
        out.append(i + 1)
    return out


def _name_by_first_appearance(turns: list[tuple[float, float, int]]) -> list[SpeakerTurn]:
    names: dict[int, str] = {}
    out = []
    for start, end, label in turns:
        name = names.setdefault(label, f"S{len(names) + 1}")
        out.append(SpeakerTurn(round(start, 3), round(end, 3), name))
    return out
