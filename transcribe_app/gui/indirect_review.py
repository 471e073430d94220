"""What the names panel's "Indirect identifiers" list shows, computed off the GUI thread (no Qt here).

``review_indirect`` runs what ``transcribe-app pseudonymise`` prints after the names: core's
``find_indirect`` over the name-pseudonymised turns (so no real name is ever listed as an identifier's
words), with the project's decisions (in a study, every interview's), and ``resolve`` for what the
appendix and the archive copy put in each item's place. Items are grouped by kind and, within a kind,
by their words (one identifier, one decision, one label everywhere), each with its occurrences: the
turn, its speaker and the words around it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from ..core.cleanup.transcript_view import TurnView
from ..core.pseudonymise.indirect import ARCHIVE, KINDS, Generalised, IndirectItem, find_indirect, resolve
from ..core.pseudonymise.state import IndirectDecision

CONTEXT_WIDTH = 30  # characters each side of an item in the "Where" column


@dataclass(frozen=True)
class IndirectOccurrence:
    """One place an identifier stands: its turn (0-based), speaker code, the words around it, and the
    stored segment it is in (None: unknown) for "show in the editor"."""

    part: int
    speaker: str
    context: str
    segment: int | None


@dataclass
class IndirectEntry:
    """One identifier (its words, ignoring case) with every occurrence and what becomes of it."""

    key: str
    text: str  # as first written
    kind: str
    label: str  # the label proposed for it (a generalisation without a label of one's own)
    source: str  # titles, workplaces, municipalities, roster, added, pattern
    appendix: Generalised  # as the appendix (no profile) prints it now
    archive: Generalised  # as the archive copy prints it now
    decided: str | None  # "item" (a decision about these words), "kind" (about its kind), None
    occurrences: list[IndirectOccurrence] = field(default_factory=list)


@dataclass
class IndirectReview:
    """Every indirect identifier of the project by kind (in ``KINDS`` order), and each kind's decision."""

    kinds: dict[str, list[IndirectEntry]] = field(default_factory=dict)
    kind_decisions: dict[str, IndirectDecision] = field(default_factory=dict)  # the latest per kind

    def entries(self) -> list[IndirectEntry]:
        return [entry for entries in self.kinds.values() for entry in entries]

    def entry(self, key: str) -> IndirectEntry | None:
        return next((e for e in self.entries() if e.key == key), None)

    def occurrence_count(self, kind: str | None = None) -> int:
        entries = self.kinds.get(kind, []) if kind else self.entries()
        return sum(len(entry.occurrences) for entry in entries)


def review_indirect(
    parts: list[str],
    speakers: list[str | None],
    turns: list[TurnView],
    roster,
    decisions: list[IndirectDecision],
    index_of: dict[int, int],
) -> IndirectReview:
    """The identifiers in ``parts`` (the name-pseudonymised turns; ``speakers`` their codes, ``turns``
    the turns as stored, for the segments) as the list shows them. ``index_of``: ``id(segment)`` →
    its index in ``project.segments``."""
    items = find_in_turns(parts, roster, decisions)
    review = IndirectReview()
    for decision in decisions:
        if decision.action != "add" and decision.text is None and decision.kind:
            review.kind_decisions[decision.kind] = decision
    by_key: dict[str, IndirectEntry] = {}
    for item in items:
        entry = by_key.get(item.key)
        if entry is None:
            entry = IndirectEntry(
                item.key,
                item.text,
                item.kind,
                item.label,
                item.source,
                resolve(item, decisions, None),
                resolve(item, decisions, ARCHIVE),
                _decided(item, decisions),
            )
            by_key[item.key] = entry
        speaker = (speakers[item.part] or "") if item.part < len(speakers) else ""
        segment = _segment_of(turns[item.part], item, index_of) if item.part < len(turns) else None
        entry.occurrences.append(IndirectOccurrence(item.part, speaker, _context(parts, item), segment))
    for kind in KINDS:
        found = [entry for entry in by_key.values() if entry.kind == kind]
        if found:
            review.kinds[kind] = found
    return review


class _Fields(NamedTuple):
    """What ``find_indirect`` reads of a roster entry."""

    position: str
    area: str


def find_in_turns(parts: list[str], roster, decisions: list[IndirectDecision]) -> list[IndirectItem]:
    """``find_indirect`` of core, turn by turn, each turn's items remembered by its text: the list is
    made again after every change (a decision, an edit), and an hour of talk takes core 0.5–2 s
    to search (hundreds of list words in every turn), so only the turns that changed are searched again.
    A turn's items depend on its text, the roster's positions and areas and the words added, no more."""
    fields = tuple(
        _Fields((getattr(e, "position", "") or ""), (getattr(e, "area", "") or "")) for e in roster
    )
    added = tuple((d.text, d.kind) for d in decisions if d.action == "add" and d.text)
    items: list[IndirectItem] = []
    for part, text in enumerate(parts):
        items += [dataclasses.replace(item, part=part) for item in _items_in(text, fields, added)]
    return items


@lru_cache(maxsize=20_000)  # a few long interviews' turns; an item is a few hundred bytes
def _items_in(text: str, fields: tuple[_Fields, ...], added: tuple) -> tuple[IndirectItem, ...]:
    decisions = [IndirectDecision("add", words, kind) for words, kind in added]
    return tuple(find_indirect([text], fields, decisions))


def _decided(item: IndirectItem, decisions: list[IndirectDecision]) -> str | None:
    """Which decision ``resolve`` follows for ``item``: one about its words, else one about its kind."""
    if any(d.action != "add" and d.text is not None and d.text.casefold() == item.key for d in decisions):
        return "item"
    if any(d.action != "add" and d.text is None and d.kind == item.kind for d in decisions):
        return "kind"
    return None


def _context(parts: list[str], item: IndirectItem) -> str:
    text = parts[item.part]
    before = text[max(0, item.start - CONTEXT_WIDTH) : item.start]
    after = text[item.end : item.end + CONTEXT_WIDTH]
    return f"…{before}‹{item.text}›{after}…"


def _segment_of(turn: TurnView, item: IndirectItem, index_of: dict[int, int]) -> int | None:
    """The stored segment of ``turn`` whose words hold the item (the first, else the turn's first)."""
    if not turn.segments:
        return None
    wanted = item.text.casefold()
    for segment in turn.segments:
        if wanted in segment.text.casefold():
            return index_of.get(id(segment))
    return index_of.get(id(turn.segments[0]))
