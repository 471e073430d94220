"""The names waiting for the researcher, grouped by name: one decision per name, or one per occurrence.

A lone "Mette" that fits the informant Mette Skov Sørensen, an ambiguous "Holms",
an uncertain "Mark" at a sentence start: each waits in the review tier until the
researcher decides (``decisions``). Deciding them one occurrence at a time is what
makes a review long, so they are grouped by the name as written without its
endings ("Mette", "Mettes" and "Mette-sagen" are one name) and by whom the lists
suggest: "accept Mette" links all of them at once (``make_decision("accept",
"Mette")``), "Mette@3:1" one of them. Each occurrence carries its turn's speaker
and the words around it — for the researcher's own screen (the window, the
terminal), never for a log.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .state import REVIEW_TIER

if TYPE_CHECKING:
    from .replacement import Pseudonymised


@dataclass
class WaitingOccurrence:
    """One occurrence of a name waiting for review."""

    index: int  # in ``detection.mentions``
    text: str  # as written: "Mettes"
    part: int  # the turn (0: the first)
    nth: int  # the how-manieth time these words stand in the turn (0: the first)
    speaker: str  # who says it (the turn's code), "" when unknown
    context: str  # the words around it, the name in [brackets]

    @property
    def where(self) -> str:
        """``Mettes@5:1``: the occurrence as the CLI's ``--accept``/``--assign`` take it."""
        return f"{self.text}@{self.part + 1}:{self.nth + 1}"


@dataclass
class WaitingName:
    """A name waiting for review, with everyone it could be and every occurrence."""

    name: str  # the name without its endings: "Mette"
    suggested: str | None  # the referent the lists link it to (None: it could be several)
    candidates: list[str]  # referent keys of an ambiguous name
    label: str | None  # what it becomes when accepted: "MSS" (None: a number given then)
    who: str  # the suggested person's name, or the candidates' names joined
    lone: bool  # a lone first name or surname of a roster person
    occurrences: list[WaitingOccurrence] = field(default_factory=list)


def review_groups(result: Pseudonymised, speakers: Sequence[str | None] = ()) -> list[WaitingName]:
    """The undecided review detections of ``result``, grouped by name and suggested person, in order of
    first occurrence; ``speakers`` gives each turn's speaker (by turn index) for the occurrences."""
    detection = result.detection
    referents = detection.referents
    groups: dict[tuple, WaitingName] = {}
    for index, mention in enumerate(detection.mentions):
        if mention.tier != REVIEW_TIER or mention.decision is not None:
            continue
        key = (mention.entity, mention.base, mention.referent, tuple(mention.candidates))
        group = groups.get(key)
        if group is None:
            suggested = mention.referent
            keys = [suggested] if suggested else mention.candidates
            names = [referents[k].name for k in keys if k in referents]
            label = None
            if suggested in referents:
                label = result.labels.get(suggested) or referents[suggested].code
            group = groups[key] = WaitingName(
                mention.base, suggested, list(mention.candidates), label, " / ".join(names), mention.lone
            )
        speaker = speakers[mention.part] if mention.part < len(speakers) else None
        group.occurrences.append(
            WaitingOccurrence(
                index,
                mention.text,
                mention.part,
                mention.nth,
                speaker or "",
                detection.document.context(mention.start, mention.end),
            )
        )
    return list(groups.values())


def leaks_beyond_review(result: Pseudonymised, roster) -> list:
    """What the export's leak check would stop on in ``result`` that no name waiting for review covers
    already (each waiting name is one hit of its own words): a name every list missed, in a form the
    gate knows ("karin storm" in lower case), listed for review with its fix."""
    from . import check_leaks

    waiting = Counter(
        m.text for m in result.detection.mentions if m.tier == REVIEW_TIER and m.decision is None
    )
    beyond = []
    for leak in check_leaks(result.text, list(roster), result):
        if waiting[leak.found] > 0:
            waiting[leak.found] -= 1
        else:
            beyond.append(leak)
    return beyond


def decisions_needed(groups: list[WaitingName]) -> int:
    """How many decisions settle ``groups`` when each name is decided at once: one per name."""
    return len(groups)
