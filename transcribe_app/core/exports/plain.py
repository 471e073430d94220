"""Plain exports of a transcript view: one line per turn with speakers and times, and JSON.

Both honour the cleanup level (the project's, or one given). These are the
simple formats for checking and for other programs (``export --format plain``
and ``json``); ``turns_text`` and ``turns_json`` take turns already computed,
so the export pipeline (core/exports) can pass them pseudonymised. The
line-numbered appendices and the QDA formats build on the layout function.

The JSON lists the stretches of overlapped speech (``DiarisationRecord.overlaps``)
when the project has any, each speaker named as the turns print them: a
pseudonymised export's turns carry codes, so do its overlaps, and the leak check
reads them with the rest. A project without overlaps exports as it always did.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..cleanup.transcript_view import TurnView, project_level, speaker_turns, transcript_view
from ..layout import clock_stamp
from ..project.record import Project


def timestamp(seconds: float | None) -> str:
    """``[hh:mm:ss]``, the form QDA programs and typists use."""
    return "" if seconds is None else clock_stamp(seconds)


def to_text(project: Project, level: str | None = None) -> str:
    """One line per turn: ``[hh:mm:ss] CODE: text``; turns the level hides entirely are left out."""
    return turns_text(transcript_view(project, level))


def turns_text(turns: Sequence[TurnView]) -> str:
    """``to_text`` for turns already computed (and perhaps pseudonymised by the export pipeline)."""
    lines = []
    for turn in turns:
        if turn.text:
            parts = [timestamp(turn.start), f"{turn.speaker}:" if turn.speaker else "", turn.text]
            lines.append(" ".join(p for p in parts if p))
    return "\n".join(lines) + "\n"


def to_json(project: Project, level: str | None = None) -> dict[str, Any]:
    """The transcript for other programs: speaker codes, times, the text at the level, and
    every verbatim word with whether the level hides it. Never real names from the roster."""
    return turns_json(project, transcript_view(project, level), level)


def turns_json(
    project: Project, turns: Sequence[TurnView], level: str | None = None, *, words: bool = True
) -> dict[str, Any]:
    """``to_json`` for turns already computed; ``words=False`` leaves the stored words out
    (a pseudonymised export: the words are the verbatim layer, real names included)."""
    record: dict[str, Any] = {
        "title": project.metadata.title,
        "citation_code": project.metadata.citation_code,
        "duration": project.audio.duration,
        "level": level or project_level(project),
        "turns": [_turn_record(turn, words) for turn in turns],
    }
    overlaps = overlap_records(project, turns)
    if overlaps:  # only then: every other project's JSON stays byte for byte as it was
        record["overlaps"] = overlaps
    return record


def overlap_records(project: Project, turns: Sequence[TurnView]) -> list[dict[str, Any]]:
    """The stretches where two voices were heard at once: start, end, and the speakers as ``turns``
    print them (codes; after the pseudonymisation its codes). A speaker who has no turn of their own
    in ``turns``, or whom the turns print in more than one way, is null: never a name the turns hide."""
    stretches = project.diarisation.overlaps if project.diarisation is not None else []
    if not stretches:
        return []
    printed = _printed_speakers(project, turns)
    return [
        {
            "start": stretch.start,
            "end": stretch.end,
            "speakers": [printed.get(project.code_for(label)) for label in stretch.speakers],
        }
        for stretch in stretches
    ]


def _printed_speakers(project: Project, turns: Sequence[TurnView]) -> dict[str | None, str | None]:
    """Each speaker code of the project's view → the speaker the (perhaps hooked) ``turns`` print for it.

    ``turns`` are one per turn of the view, in order (the export hook's contract, document.TurnsHook),
    so the n-th speaker of ``speaker_turns`` is the one the n-th turn printed.
    """
    codes = [code for code, _ in speaker_turns(project)]
    if len(codes) != len(turns):
        return {}  # not the view's turns: who is who cannot be told, so no one is named
    seen: dict[str | None, set[str | None]] = {}
    for code, turn in zip(codes, turns, strict=True):
        seen.setdefault(code, set()).add(turn.speaker)
    return {code: next(iter(shown)) for code, shown in seen.items() if len(shown) == 1}


def _turn_record(turn: TurnView, words: bool = True) -> dict[str, Any]:
    record: dict[str, Any] = {
        "start": turn.start,
        "end": turn.end,
        "speaker": turn.speaker,
        "text": turn.text,
    }
    if words:
        record["words"] = _word_records(turn)
    return record


def _word_records(turn: TurnView) -> list[dict[str, Any]]:
    return [
        {
            "text": word.text.strip(),
            "start": word.start,
            "end": word.end,
            "probability": word.probability,
            "hidden": view.reason if view.hidden else None,
        }
        for word, view in zip(turn.words, turn.tokens, strict=True)
    ]
