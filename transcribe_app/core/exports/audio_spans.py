"""Where a pseudonymised recording is covered: the replaced names' words, in seconds.

The text exports replace names in the turns' text (``ExportPseudonymiser.hook``); a recording has
no text, so the same hook is run on the *verbatim* words (everything that was said, whatever the
project's cleanup level hides) and every replaced mention is traced back to the stored words it
stands on, whose times say where to cover. A mention whose words have no time cannot be covered
safely, so it stops the export: never a recording with a name left in it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from ..cleanup.transcript_view import TurnView, transcript_view
from ..errors import BadInputError
from ..project.record import Project
from ..text_form import normal_form

MARGIN_S = 0.08  # each side of a name: Whisper's word boundaries are off by tens of milliseconds


@dataclass(frozen=True)
class CoveredSpan:
    """A stretch of the recording to cover (seconds) and the label that replaced the name in the text."""

    start: float
    end: float
    replacement: str

    def to_dict(self) -> dict:
        return {"start": round(self.start, 3), "end": round(self.end, 3), "replacement": self.replacement}


def spoken_turns(project: Project) -> list[TurnView]:
    """Every turn with its text as spoken: the verbatim words joined, without pause marks, so that each
    character of the text comes from one stored word (``word_at`` maps it back)."""
    turns = transcript_view(project, "verbatim")
    return [dataclasses.replace(turn, text=_spoken_text(turn)[0]) for turn in turns]


def _spoken_text(turn: TurnView) -> tuple[str, list[int]]:
    """The turn's words as one text (runs of spaces made one, no space at either end), and for each
    character the index of the word it comes from."""
    chars: list[str] = []
    owners: list[int] = []
    pending_space = False
    for index, word in enumerate(turn.words):
        for char in normal_form(word.text):
            if char.isspace():
                pending_space = bool(chars)
                continue
            if pending_space:
                chars.append(" ")
                owners.append(index)
                pending_space = False
            chars.append(char)
            owners.append(index)
    return "".join(chars), owners


def name_spans(project: Project, turns: list[TurnView], result) -> list[CoveredSpan]:
    """The times of every mention ``result`` (the hook's ``Pseudonymised`` of ``turns``) replaced.

    ``BadInputError`` when the transcript has no word times at all (a typed transcript) or when a
    replaced name stands on a word without a usable time."""
    if not any(w.start is not None and w.end is not None for turn in turns for w in turn.words):
        raise BadInputError(
            "This transcript has no word times (a typed transcript has none), so nothing in the recording "
            "can be covered safely. A pseudonymised recording needs a transcript made from the recording."
        )
    detection = result.detection
    labels = result.labels
    spans = []
    for mention in detection.mentions:
        if not mention.replaced:
            continue
        turn = turns[mention.part]
        owners = _owners_of(turn, detection.document.parts[mention.part])
        turn_start = detection.document.starts[mention.part]
        indices = {owners[i] for i in range(mention.start - turn_start, mention.end - turn_start)}
        start, end = _spoken_between(
            turn,
            indices,
            "A replaced name in the turn at {at:.1f} s stands on words without usable times, so it "
            "cannot be covered in the recording; nothing was written. Correct the word times (or "
            "transcribe the recording again) and export again.",
        )
        spans.append(CoveredSpan(start, end, labels.get(mention.referent, "[Navn]")))
    return spans


def identifier_spans(turns: list[TurnView], result, done) -> list[CoveredSpan]:
    """The times of every indirect identifier the export generalised or removed (``done``: the
    ``indirect.Generalised`` of the hook, with places in the text after the names were replaced).

    Each place is traced back through the replaced names to the words as spoken
    (``indirect_key.original_span``), whose times say where to cover; the span keeps the label the
    text put there ("[40-49 år]", "[…]"). A generalised identifier on words without a usable time
    stops the export, as a name does."""
    from ..pseudonymise.indirect_key import original_span, replaced_places

    places = replaced_places(result)
    spans = []
    for outcome in done:
        if outcome.action == "keep":
            continue
        item = outcome.item
        turn = turns[item.part]
        owners = _owners_of(turn, result.detection.document.parts[item.part])
        first, last = original_span(places.get(item.part, []), item.start, item.end)  # in the spoken text
        start, end = _spoken_between(
            turn,
            {owners[i] for i in range(first, last)},
            f"A generalised identifier ({item.kind}) in the turn at {{at:.1f}} s stands on words without "
            "usable times, so it cannot be covered in the recording; nothing was written. Correct the "
            "word times (or transcribe the recording again), or keep the identifier, and export again.",
        )
        spans.append(CoveredSpan(start, end, outcome.replacement))
    return spans


def _owners_of(turn: TurnView, read: str) -> list[int]:
    """Which word each character of the turn's spoken text belongs to; ``read`` is the text the hook
    read, which must be that text (else the mapping would be a guess)."""
    text, owners = _spoken_text(turn)
    if text != read:
        raise BadInputError(
            "The words of a turn could not be matched to the recording; the recording was not written."
        )
    return owners


def _spoken_between(turn: TurnView, indices: set[int], problem: str) -> tuple[float, float]:
    """From the first to the last of these words' times; ``problem`` (with ``{at}``, the turn's start)
    is the sentence when a word has no usable time, and nothing is written."""
    times = [(turn.words[i].start, turn.words[i].end) for i in sorted(indices)]
    if not times or any(s is None or e is None or e < s for s, e in times):
        raise BadInputError(problem.format(at=turn.start if turn.start is not None else 0.0))
    return min(s for s, _ in times), max(e for _, e in times)


def merge_spans(spans: Iterable[CoveredSpan], duration: float, margin: float = MARGIN_S) -> list[CoveredSpan]:
    """The spans widened by ``margin`` each side, clamped to the recording (0 to ``duration``), sorted,
    and merged where they overlap or touch (the merged span keeps each label once, in order).

    The margin is not clamped to the neighbouring words: their times come from the same imprecise
    boundaries, and a name's last sound must not survive because a neighbour's time said it was over."""
    widened = sorted(
        (max(0.0, s.start - margin), min(duration, s.end + margin), s.replacement) for s in spans
    )
    merged: list[list] = []
    for start, end, label in widened:
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            if label not in merged[-1][2]:
                merged[-1][2].append(label)
        else:
            merged.append([start, end, [label]])
    return [CoveredSpan(start, end, " ".join(labels)) for start, end, labels in merged]
