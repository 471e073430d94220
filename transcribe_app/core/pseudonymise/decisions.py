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

import getpass
from datetime import datetime, timezone
from typing import Any

from ..errors import BadInputError
from .detection import Detection, Mention, Referent
from .recognizers import LOCATION, ORGANIZATION, PERSON

ACTIONS = ("accept", "reject", "add", "merge", "assign", "pseudonym", "dismiss")
ENTITY_WORDS = {"person": PERSON, "place": LOCATION, "organisation": ORGANIZATION}


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def who() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in some containers
        return "unknown"


def make_decision(
    action: str,
    text: str,
    *,
    part: int | None = None,
    nth: int = 0,
    to: str | None = None,
    entity: str = "person",
) -> dict[str, Any]:
    """A decision record; ``part``/``nth`` narrow it to one occurrence, ``to`` is a merge/assign target
    or a pseudonym."""
    if action not in ACTIONS:
        raise BadInputError(f"Unknown decision “{action}”; use one of {', '.join(ACTIONS)}.")
    if not text.strip():
        raise BadInputError("A decision needs the name it is about.")
    if action in ("merge", "pseudonym") and not (to or "").strip():
        raise BadInputError(f"“{action} {text}” needs a target: who or what it becomes.")
    if entity not in ENTITY_WORDS:
        raise BadInputError(f"“{entity}” is not person, place or organisation.")
    decision: dict[str, Any] = {"action": action, "text": text.strip(), "by": who(), "at": now()}
    if part is not None:
        decision.update(part=part, nth=nth)
    if to:
        decision["to"] = to.strip()
    if action == "add":
        decision["entity"] = entity
    return decision


def added_names(decisions: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(name, Presidio entity) for every name the user added by hand."""
    return [
        (d["text"], ENTITY_WORDS.get(d.get("entity", "person"), PERSON))
        for d in decisions
        if d["action"] == "add"
    ]


def apply_decisions(detection: Detection, decisions: list[dict[str, Any]]) -> None:
    """Apply the decisions in the order they were made; a later one overrides an earlier one."""
    dismissed = set()
    for decision in decisions:
        action = decision["action"]
        if action in ("accept", "reject"):
            for mention in _targets(detection, decision):
                mention.decision = "accepted" if action == "accept" else "rejected"
        elif action == "assign":
            target = _referent_key(detection, decision.get("to"), decision)
            for mention in _targets(detection, decision):
                mention.referent, mention.candidates, mention.decision = target, [], "accepted"
        elif action == "merge":
            source = _referent_key(detection, decision["text"])
            target = _referent_key(detection, decision["to"])
            if source and target:
                for mention in detection.mentions:
                    if mention.referent == source or source in mention.candidates:
                        mention.referent, mention.candidates = target, []
        elif action == "pseudonym":
            key = _referent_key(detection, decision["text"])
            if key in detection.referents:
                detection.referents[key].code = decision["to"]
        elif action == "dismiss":
            dismissed.add(decision["text"])
    detection.leftovers = [item for item in detection.leftovers if item.text not in dismissed]


def _targets(detection: Detection, decision: dict[str, Any]) -> list[Mention]:
    text = decision["text"]
    if "part" in decision:
        return [
            m
            for m in detection.mentions
            if m.part == decision["part"] and m.nth == decision.get("nth", 0) and text in (m.text, m.base)
        ]
    # The words as written first: rejecting "Per" (the word) must not reject "Per Skov". Only a name
    # that stands nowhere as such ("Karin Storm", written "Karin Storms" and "Storm") means its person.
    written = [m for m in detection.mentions if text in (m.text, m.base)]
    if written:
        return written
    key = next((k for k, ref in detection.referents.items() if text in (k, ref.name, ref.code)), None)
    return [m for m in detection.mentions if key is not None and m.referent == key]


def _referent_key(detection: Detection, name: str | None, split_from: dict | None = None) -> str | None:
    """The referent a name means; for an assignment without a target, a new person of its own."""
    if not name:
        if split_from is None:
            return None
        key = f"split:{split_from['text']}:{split_from.get('part')}:{split_from.get('nth', 0)}"
        detection.referents.setdefault(key, Referent(key, split_from["text"], PERSON))
        return key
    for key, referent in detection.referents.items():
        if name in (key, referent.name, referent.code):
            return key
    for mention in detection.mentions:
        if name in (mention.text, mention.base) and mention.referent:
            return mention.referent
    return None
