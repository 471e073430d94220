"""What the names panel shows, computed off the GUI thread from core's pseudonymisation (no Qt here).

``review_names`` runs what ``transcribe-app pseudonymise`` runs — detection with
the stored decisions, on the transcript at the project's cleanup level — once
as it stands and once with every review detection accepted, to say what each
undecided name *would* become ([Person 17]). It also maps every mention to the
stored segment it stands in, for "show in the editor".

A lone first name or surname that fits a roster person ("Mette" → Mette Skov
Sørensen) is grouped in the review list by the name as written, not by the
person: "Mette" and "Sørensen" are two questions. The leak check runs on the
preview too: a real name still in it that no review item covers (``leaks``) is
listed for review with a fix of one click (link it to a roster person, or make
it a person of its own).

``name_decisions`` turns "accept this name" on a group of mentions into the
decisions the CLI would store: one for the words everywhere (``--accept Mark``)
when every mention of those words is in the group, otherwise one per occurrence
(``--accept Mark@10``), so a decision about one person never touches another.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..core.cleanup.transcript_view import TurnView, transcript_view
from ..core.errors import TranskriptError
from ..core.project.record import Project, RosterEntry
from ..core.pseudonymise import (
    REVIEW_TIER,
    Decision,
    DetectionSettings,
    Mention,
    Pseudonymised,
    make_decision,
    pseudonymise_parts,
    pseudonymise_view,
)
from ..core.pseudonymise.review import leaks_beyond_review
from ..core.pseudonymise.stage import indirect_decisions
from .indirect_review import IndirectReview, review_indirect

if TYPE_CHECKING:  # the gate loads with the first review, not with the window
    from ..core.pseudonymise.gate import Leak

# The lists of the panel: what will be replaced, what waits for the researcher, what stays as written.
REVIEW, REPLACED, KEPT = "review", "replaced", "kept"
PERSON = "PERSON"


@dataclass
class Group:
    """One person (or place, organisation) in one list, with its mentions there."""

    key: str  # the referent, or "ambiguous:<word>" for a mention that could be several people
    name: str
    entity: str
    mentions: list[int] = field(default_factory=list)  # indices into ``NamesReview.mentions``
    suggested: str | None = None  # a lone name: the roster person it becomes once accepted

    @property
    def lone(self) -> bool:
        return self.suggested is not None


@dataclass
class NamesReview:
    """Everything the names panel shows for one state of the project."""

    result: Pseudonymised  # with the stored decisions: what an export replaces now
    turns: list[TurnView]  # pseudonymised, speakers as codes: the preview
    would_be: list[str | None]  # per mention: its replacement once accepted (None: never replaced)
    segments: list[int | None]  # per mention: the index in ``project.segments`` it stands in
    settings: DetectionSettings
    lists: dict[str, list[Group]] = field(default_factory=dict)
    leaks: list[Leak] = field(default_factory=list)  # real names the leak check finds beyond the review
    roster_people: list[tuple[str, str]] = field(default_factory=list)  # (name, code) a name may link to
    indirect: IndirectReview = field(default_factory=IndirectReview)  # positions, ages, places… found

    @property
    def mentions(self) -> list[Mention]:
        return self.result.detection.mentions

    @property
    def leftovers(self):
        return self.result.detection.leftovers

    def group_key(self, index: int) -> str:
        return group_key(self.mentions[index])

    def name_of(self, key: str) -> str:
        referent = self.result.detection.referents.get(key)
        return referent.name if referent else key.partition(":")[2]

    def replacement(self, index: int) -> str | None:
        """What stands in the export for this mention now (None: it is not replaced)."""
        mention = self.mentions[index]
        return self.result.labels.get(mention.referent) if mention.replaced else None

    def context(self, index: int, width: int = 40) -> str:
        mention = self.mentions[index]
        return self.result.detection.document.context(mention.start, mention.end, width)

    def candidates(self, index: int) -> list[str]:
        """The people an ambiguous mention could be, by name."""
        return [self.name_of(key) for key in self.mentions[index].candidates]

    def people(self) -> list[tuple[str, str]]:
        """(referent key, name) of everyone a mention can be merged with or assigned to, by name."""
        detection = self.result.detection
        mentioned = {m.referent for m in detection.mentions if m.referent}
        mentioned |= {key for m in detection.mentions for key in m.candidates}
        people = [
            (key, referent.name)
            for key, referent in detection.referents.items()
            if referent.entity == PERSON
            and not key.startswith(("ambiguous:", "split:"))
            and (key in mentioned or key.startswith("roster:"))
            and referent.name.strip()
        ]
        return sorted(people, key=lambda item: item[1].casefold())

    def label_of(self, key: str) -> str | None:
        """What a person becomes: their replacement now, else what they would be once accepted."""
        if key in self.result.labels:
            return self.result.labels[key]
        for index, mention in enumerate(self.mentions):
            if mention.referent == key and self.would_be[index]:
                return self.would_be[index]
        referent = self.result.detection.referents.get(key)
        return referent.code if referent else None

    def speaker(self, index: int) -> str:
        """Who says the mention (the turn's code), "" when unknown."""
        part = self.mentions[index].part
        return (self.turns[part].speaker or "") if part < len(self.turns) else ""

    def leak_groups(self) -> dict[str, list[Leak]]:
        """The leak check's hits by the words found, in order."""
        found: dict[str, list[Leak]] = {}
        for leak in self.leaks:
            found.setdefault(leak.found, []).append(leak)
        return found

    def counts(self) -> Counter:
        counts = Counter({name: sum(len(g.mentions) for g in groups) for name, groups in self.lists.items()})
        counts[REVIEW] += len(self.leaks)
        return counts


class NothingToReview(TranskriptError):
    """The project has no transcript yet."""


def list_of(mention: Mention) -> str:
    if mention.replaced:
        return REPLACED
    if mention.tier == REVIEW_TIER and mention.decision is None:
        return REVIEW
    return KEPT


def group_key(mention: Mention) -> str:
    """The group a mention is listed in: its person, or — a lone name waiting for review — the name."""
    if mention.lone and list_of(mention) == REVIEW:
        return f"lone:{mention.base}:{mention.referent}"
    return mention.referent or f"ambiguous:{mention.base}"


def review_names(project: Project) -> NamesReview:
    """Detection with the stored decisions, what undecided names would become, and the preview's turns."""
    state = project.pseudonymisation
    turns = transcript_view(project)
    if not turns:  # core's replacement cannot take a transcript of no turns (a project before transcribing)
        raise NothingToReview("There is no transcript yet: names are looked for once there is text.")
    preview, result = pseudonymise_view(project, turns)
    # The same detection with every review mention accepted: the analysis is cached, so this is cheap.
    everything = pseudonymise_parts([t.text for t in turns], project.roster, state, accept_review=True)
    would_be = [
        everything.labels.get(m.referent) if m.replaced else None for m in everything.detection.mentions
    ]
    review = NamesReview(
        result=result,
        turns=preview,
        would_be=would_be,
        segments=_segments(project, turns, result.detection.mentions),
        settings=state.settings_in_use,
        roster_people=roster_people(project.roster),
    )
    review.lists = _group(review)
    review.leaks = leaks_beyond_review(result, project.roster)
    index_of = {id(segment): i for i, segment in enumerate(project.segments)}
    review.indirect = review_indirect(  # on the name-pseudonymised text, as the command lists them
        result.parts,
        [t.speaker for t in preview],
        turns,
        project.roster,
        indirect_decisions(project),
        index_of,
    )
    return review


def roster_people(roster: list[RosterEntry]) -> list[tuple[str, str]]:
    """(name, code) of every person on the roster with a name: whom a name may be linked to."""
    return [(e.name, e.code) for e in roster if e.name.strip() and e.role != "organisation"]


def _group(review: NamesReview) -> dict[str, list[Group]]:
    lists: dict[str, dict[str, Group]] = {REVIEW: {}, REPLACED: {}, KEPT: {}}
    for index, mention in enumerate(review.mentions):
        key = group_key(mention)
        groups = lists[list_of(mention)]
        if key not in groups and key.startswith("lone:"):
            groups[key] = Group(key, mention.base, mention.entity, suggested=mention.referent)
        elif key not in groups:
            groups[key] = Group(key, review.name_of(key) or mention.base, mention.entity)
        groups[key].mentions.append(index)
    return {name: list(groups.values()) for name, groups in lists.items()}


def _segments(project: Project, turns: list[TurnView], mentions: list[Mention]) -> list[int | None]:
    """The stored segment each mention stands in: the segment of its turn holding that occurrence."""
    index_of = {id(segment): i for i, segment in enumerate(project.segments)}
    found = []
    for mention in mentions:
        turn = turns[mention.part] if mention.part < len(turns) else None
        found.append(_segment_of(turn, mention, index_of) if turn is not None else None)
    return found


def _segment_of(turn: TurnView, mention: Mention, index_of: dict[int, int]) -> int | None:
    if not turn.segments:
        return None
    seen = 0
    for segment in turn.segments:
        seen += segment.text.count(mention.text)
        if seen > mention.nth:
            return index_of.get(id(segment))
    return index_of.get(id(turn.segments[0]))


def name_decisions(
    action: str, mentions: list[Mention], chosen: list[int], *, to: str | None = None, entity: str = "person"
) -> list[Decision]:
    """Decisions about the mentions ``chosen`` (indices into ``mentions``) as one name.

    Words that stand nowhere else become one decision for those words everywhere;
    words that also stand in mentions outside the choice get one decision per occurrence.
    """
    chosen_set = set(chosen)
    decisions = []
    for text in dict.fromkeys(mentions[i].text for i in chosen):
        elsewhere = [i for i, m in enumerate(mentions) if text in (m.text, m.base) and i not in chosen_set]
        if not elsewhere:
            decisions.append(make_decision(action, text, to=to, entity=entity))
            continue
        decisions += [
            occurrence_decision(action, mentions[i], to=to) for i in chosen if mentions[i].text == text
        ]
    return decisions


def occurrence_decision(action: str, mention: Mention, *, to: str | None = None) -> Decision:
    """A decision about this one occurrence (``NAME@TURN:N`` in the CLI)."""
    return make_decision(action, mention.text, part=mention.part, nth=mention.nth, to=to)


def someone_else(mentions: list[Mention], chosen: list[int], name: str) -> list[Decision]:
    """ "These are someone else, not the roster person": one person of their own for the name ``name``
    ("Mette", "Mettes", "Mette-sagen" alike) when every mention of it is chosen, else one per occurrence."""
    everywhere = [i for i, m in enumerate(mentions) if name in (m.text, m.base)]
    if set(everywhere) <= set(chosen):
        return [make_decision("assign", name)]
    return [occurrence_decision("assign", mentions[i]) for i in chosen]


def linked_name(text: str, entity: str, person: str | None) -> list[Decision]:
    """A name the lists missed, added — and, with ``person`` (a roster name), linked to that person
    everywhere it stands (the CLI's ``--add NAME --as WHO``)."""
    decisions = [make_decision("add", text, entity=entity)]
    if person is not None and entity == "person":
        decisions.append(make_decision("assign", text, to=person))
    return decisions


def leak_fix(found: str, person: str | None) -> list[Decision]:
    """The one-click fix of a leak-check hit: the words, added as a name, linked to the roster person
    ``person`` — or, with None, a person of their own ([Person N])."""
    return [make_decision("add", found, entity="person"), make_decision("assign", found, to=person)]
