"""The indirect identifiers an output generalised: where each stood before the names were replaced, and
what the key says of them.

The indirect tier runs on the text after the names are replaced (``indirect.py``), so an item's place
is a place in that text. Two things need the place in the text *as written*: a pseudonymised recording
(the words' times say where to cover, ``exports/audio_spans.py``) and the key (what stood there, so that
``depseudonymise`` can give it back). ``original_span`` maps a place back through the replaced names;
``indirect_record`` is the key's ``indirect`` section. The key's names part (``entries``,
``occurrences``, ``document_sha256``) stays as it always was — positions in the text with names
replaced — so a key written before this tier reads as before: undoing the identifiers first gives
that text back, and the names are restored from it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .replacement import Pseudonymised


def replaced_places(result: Pseudonymised) -> dict[int, list[tuple[int, int, int, int]]]:
    """Per turn, each replaced name as (start, end) in the turn's pseudonymised text and (start, end)
    in the turn's text as written, in order."""
    detection = result.detection
    chosen = [m for m in detection.mentions if m.replaced]  # the occurrences are made in this order
    places: dict[int, list[tuple[int, int, int, int]]] = {}
    for mention, occurrence in zip(chosen, result.occurrences, strict=True):
        base = detection.document.starts[mention.part]
        places.setdefault(mention.part, []).append(
            (occurrence.start, occurrence.end, mention.start - base, mention.end - base)
        )
    return places


def original_span(places: Sequence[tuple[int, int, int, int]], start: int, end: int) -> tuple[int, int]:
    """``start``–``end`` in a turn's pseudonymised text as a span of the turn's text as written: the
    text between replacements moves by the length they changed, and a span that touches a replacement
    takes the whole name it stands for (a name's words are covered entirely or not at all)."""
    return _back(places, start, at_end=False), _back(places, end, at_end=True)


def _back(places: Sequence[tuple[int, int, int, int]], position: int, *, at_end: bool) -> int:
    shift = 0  # written minus pseudonymised length of the replacements before ``position``
    for new_start, new_end, old_start, old_end in places:
        if position < new_start or (at_end and position == new_start):
            break
        if position < new_end or (at_end and position == new_end):
            return old_end if at_end else old_start
        shift = old_end - new_end
    return position + shift


def written_words(result: Pseudonymised, part: int, start: int, end: int, places=None) -> str:
    """The words as written behind ``start``–``end`` of a turn's pseudonymised text (names included);
    ``places``: ``replaced_places(result)``, when the caller has it."""
    places = replaced_places(result) if places is None else places
    old_start, old_end = original_span(places.get(part, []), start, end)
    return result.detection.document.parts[part][old_start:old_end]


def indirect_record(result: Pseudonymised, done: Sequence, texts: Sequence[str], profile: str | None) -> dict:
    """The key's ``indirect`` section for an output whose turns read ``texts`` (names replaced, then
    the identifiers ``done``: ``indirect.Generalised`` with places in ``result.parts``).

    ``items``: each identifier once — its words as written, kind, what became of it (generalise, remove,
    keep), what stands there, how often; ``counts`` per action; ``occurrences``: each changed place in
    the output's text (turns joined by line breaks, as ``occurrences`` of names), with the words that
    stood there in the text with names replaced — undoing these gives that text back
    (``document_sha256`` of the names part), whose names the key restores as before."""
    places = replaced_places(result)
    items: dict[str, dict] = {}
    for outcome in done:
        item = outcome.item
        row = items.setdefault(
            item.key,
            {
                "words": written_words(result, item.part, item.start, item.end, places),
                "kind": item.kind,
                "action": outcome.action,
                "replacement": outcome.replacement if outcome.action != "keep" else None,
                "source": item.source,
                "count": 0,
            },
        )
        row["count"] += 1
    counts = Counter(outcome.action for outcome in done)
    starts, position = [], 0
    for text in texts:
        starts.append(position)
        position += len(text) + 1
    occurrences = []
    for part in sorted({g.item.part for g in done}):
        shift = 0
        for outcome in sorted((g for g in done if g.item.part == part), key=lambda g: g.item.start):
            item = outcome.item
            if outcome.action == "keep":
                continue
            at_part = item.start + shift
            occurrences.append(
                {
                    "part": part,
                    "start": at_part,
                    "end": at_part + len(outcome.replacement),
                    "at": starts[part] + at_part,
                    "original": item.text,
                    "replacement": outcome.replacement,
                    "kind": item.kind,
                }
            )
            shift += len(outcome.replacement) - (item.end - item.start)
    from .key import text_sha256

    output = "\n".join(texts)
    return {
        "profile": profile,
        "counts": {action: counts.get(action, 0) for action in ("generalise", "remove", "keep")},
        "items": list(items.values()),
        "document_sha256": text_sha256(output),
        "occurrences": occurrences,
    }
