"""The researcher's decisions about detections, stored in the project so that they survive re-detection.

A decision names words, not positions: "reject Mark" (everywhere), "reject
Mark in turn 12" (one occurrence: the ``nth`` time those words stand in that
turn), "add Oksana Petrenko", "merge Lars Løkke into Lars Løkke Rasmussen",
"assign Holm in turn 40 to Mads Holm" (split an ambiguous or wrong link),
"pseudonym Aarhus → Storby". Detection runs again after every edit of the
text; words and turns still find the same mention, where character offsets
would not. Each decision records who made it and when: the audit log.
"""

from __future__ import annotations

from ..errors import BadInputError
from .detection import Detection, Mention, Referent
from .kinds import LOCATION, ORGANIZATION, PERSON
from .state import DECISION_ACTIONS as ACTIONS
from .state import NEEDS_TARGET, Decision, now, who

__all__ = ["ACTIONS", "ENTITY_WORDS", "added_names", "apply_decisions", "make_decision", "now", "who"]

ENTITY_WORDS = {"person": PERSON, "place": LOCATION, "organisation": ORGANIZATION}


def make_decision(
    action: str,
    text: str,
    *,
    part: int | None = None,
    nth: int = 0,
    to: str | None = None,
    entity: str = "person",
) -> Decision:
    """A decision made now; ``part``/``nth`` narrow it to one occurrence, ``to`` is a merge/assign
    target or a pseudonym."""
    if action not in ACTIONS:
        raise BadInputError(f"Unknown decision “{action}”; use one of {', '.join(ACTIONS)}.")
    if not text.strip():
        raise BadInputError("A decision needs the name it is about.")
    if action in NEEDS_TARGET and not (to or "").strip():
        raise BadInputError(f"“{action} {text}” needs a target: who or what it becomes.")
    if entity not in ENTITY_WORDS:
        raise BadInputError(f"“{entity}” is not person, place or organisation.")
    return Decision(
        action,
        text.strip(),
        by=who(),
        at=now(),
        part=part,
        nth=nth if part is not None else None,
        to=to.strip() if to else None,
        entity=entity if action == "add" else None,
    )


def added_names(decisions: list[Decision]) -> list[tuple[str, str]]:
    """(name, Presidio entity) for every name the user added by hand."""
    return [(d.text, ENTITY_WORDS.get(d.entity or "person", PERSON)) for d in decisions if d.action == "add"]


def apply_decisions(detection: Detection, decisions: list[Decision]) -> None:
    """Apply the decisions in the order they were made; a later one overrides an earlier one."""
    dismissed = set()
    for decision in decisions:
        action = decision.action
        if action in ("accept", "reject"):
            for mention in _targets(detection, decision):
                mention.decision = "accepted" if action == "accept" else "rejected"
        elif action == "assign":
            target = _referent_key(detection, decision.to, decision)
            for mention in _targets(detection, decision):
                mention.referent, mention.candidates, mention.decision = target, [], "accepted"
        elif action == "merge":
            source = _referent_key(detection, decision.text)
            target = _referent_key(detection, decision.to)
            if source and target:
                for mention in detection.mentions:
                    if mention.referent == source or source in mention.candidates:
                        mention.referent, mention.candidates = target, []
        elif action == "pseudonym":
            key = _referent_key(detection, decision.text)
            if key in detection.referents:
                detection.referents[key].code = decision.to
        elif action == "dismiss":
            dismissed.add(decision.text)
    detection.leftovers = [item for item in detection.leftovers if item.text not in dismissed]


def _targets(detection: Detection, decision: Decision) -> list[Mention]:
    text = decision.text
    if decision.part is not None:
        return [
            m
            for m in detection.mentions
            if m.part == decision.part and m.nth == decision.occurrence and text in (m.text, m.base)
        ]
    # The words as written first: rejecting "Per" (the word) must not reject "Per Skov". Only a name
    # that stands nowhere as such ("Karin Storm", written "Karin Storms" and "Storm") means its person.
    written = [m for m in detection.mentions if text in (m.text, m.base)]
    if written:
        return written
    key = next((k for k, ref in detection.referents.items() if text in (k, ref.name, ref.code)), None)
    return [m for m in detection.mentions if key is not None and m.referent == key]


def _referent_key(detection: Detection, name: str | None, split_from: Decision | None = None) -> str | None:
    """The referent a name means; for an assignment without a target, a new person of its own."""
    if not name:
        if split_from is None:
            return None
        key = f"split:{split_from.text}:{split_from.part}:{split_from.occurrence}"
        detection.referents.setdefault(key, Referent(key, split_from.text, PERSON))
        return key
    for key, referent in detection.referents.items():
        # A roster person by code even when the code is not what replaces them ("other": [Person N]).
        if name in (key, referent.name, referent.code) or key == f"roster:{name}":
            return key
    for mention in detection.mentions:
        if name in (mention.text, mention.base) and mention.referent:
            return mention.referent
    return None
