"""The pseudonymisation state a project keeps (``project.pseudonymisation``), as typed records.

    PseudonymisationState
      settings   DetectionSettings: places, organisations, an optional NER model
      decisions  [Decision]: what the researcher decided about names ("reject Mark in turn 12")
      audit      [AuditEntry]: who did what, when (settings, decisions, overrides, keys written)
      entities   [EntitySummary]: who the last review found, by tier, for the review lists

Detection itself is never stored as truth: it is recomputed and the decisions re-applied
every time. This module reads and writes the stored form only, and loads nothing heavy
(the project file reads it on every load; Presidio and spaCy load with the detection).

The file stays byte for byte as it was: ``to_dict(from_dict(d)) == d`` with the keys in
their order. The state's own keys appear in the order they came into being (a project's
first audit entry may come before its first settings), so the order read is kept;
optional fields that are absent stay absent; keys this version does not know are kept.
"""

from __future__ import annotations

import copy
import getpass
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from ..project import fieldcheck as fc

DECISION_ACTIONS = ("accept", "reject", "add", "merge", "assign", "pseudonym", "dismiss")
DECISION_ENTITIES = ("person", "place", "organisation")
NEEDS_TARGET = ("merge", "pseudonym")  # a decision that says what the name becomes
AUTO_TIER, REVIEW_TIER, OFF_TIER = "auto", "review", "off"
# The state's keys in the order a new state writes those it has (after the ones it was read with).
STATE_KEYS = ("settings", "decisions", "audit", "entities", "indirect")
# Decisions about indirect identifiers (indirect.py): generalise (to a label), keep, remove, or add words.
INDIRECT_ACTIONS = ("generalise", "keep", "remove", "add")
INDIRECT_KINDS = ("position", "workplace", "organisation", "age", "date", "place", "relation")


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def who() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in some containers
        return "unknown"


@dataclass(frozen=True)
class DetectionSettings:
    """What is looked for beyond people: the user turns places and organisations on."""

    places: bool = False
    organisations: bool = False
    ner_model: str | None = None  # an installed spaCy model name or a model folder; None: lists only

    @classmethod
    def from_dict(cls, data: dict | None) -> DetectionSettings:
        """The settings a stored record means (``None``: the defaults); see ``check_settings``."""
        data = data or {}
        return cls(bool(data.get("places")), bool(data.get("organisations")), data.get("ner_model") or None)

    def to_dict(self) -> dict:
        return {"places": self.places, "organisations": self.organisations, "ner_model": self.ner_model}


def check_settings(value: Any, path: str = "settings") -> DetectionSettings:
    """Stored detection settings, each field checked (``FieldError`` naming it): the switches are
    true/false (or empty), the model is text (or empty)."""
    settings = fc.Fields(value, path)
    for switch in ("places", "organisations"):
        if settings.raw(switch) is not None:
            settings.boolean(switch)
    settings.optional_text("ner_model")
    return DetectionSettings.from_dict(value)


@dataclass
class Decision:
    """One decision (see decisions.py): ``action`` about the words ``text``; ``part``/``nth`` narrow it
    to one occurrence (the ``nth`` time the words stand in turn ``part``), ``to`` is what it becomes
    (a merge or assign target, a pseudonym), ``entity`` what an added name is. None: not stored."""

    action: str
    text: str
    by: str | None = None
    at: str | None = None
    part: int | None = None
    nth: int | None = None
    to: str | None = None
    entity: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # keys a later version wrote, kept

    _OPTIONAL = ("by", "at", "part", "nth", "to", "entity")

    @property
    def occurrence(self) -> int:
        """Which occurrence in its turn (0: the first), for a decision narrowed to one turn."""
        return self.nth or 0

    @classmethod
    def from_dict(cls, value: Any, path: str = "decision") -> Decision:
        decision = fc.Fields(value, path)
        action = decision.one_of("action", DECISION_ACTIONS)
        text = decision.text("text", null_is_empty=False)
        if not text.strip():
            raise fc.FieldError(decision.at("text"), "the name the decision is about", found="it is empty")
        if decision.has("part"):
            decision.integer("part", minimum=0)
        if decision.has("nth"):
            decision.integer("nth", minimum=0)
        if action in NEEDS_TARGET:
            decision.text("to", null_is_empty=False)
        if decision.has("entity"):
            decision.one_of("entity", DECISION_ENTITIES)
        return cls(
            action=action,
            text=text,
            by=decision.optional_text("by"),
            at=decision.optional_text("at"),
            part=decision.raw("part"),
            nth=decision.raw("nth"),
            to=decision.optional_text("to"),
            entity=decision.raw("entity"),
            extra={k: v for k, v in value.items() if k not in _DECISION_KEYS},
        )

    def to_dict(self) -> dict[str, Any]:
        return _stored({"action": self.action, "text": self.text}, self)

    def details(self) -> dict[str, Any]:
        """What was decided, without who and when (the audit entry of a decision has those of its own)."""
        return {k: v for k, v in self.to_dict().items() if k not in ("by", "at")}


_DECISION_KEYS = frozenset(("action", "text", *Decision._OPTIONAL))


def _stored(data: dict[str, Any], decision: Decision | IndirectDecision) -> dict[str, Any]:
    """A decision as stored: ``data``, then each optional field that is set, then unknown keys as read."""
    for key in decision._OPTIONAL:
        if getattr(decision, key) is not None:
            data[key] = getattr(decision, key)
    data.update(decision.extra)
    return data


@dataclass
class IndirectDecision:
    """A decision about an indirect identifier (indirect.py): ``action`` on the words ``text`` (matched
    ignoring case, everywhere: one identifier, one treatment), or without ``text`` on every item of
    ``kind``; ``label`` what a generalisation puts there. None: not stored."""

    action: str
    text: str | None = None
    kind: str | None = None
    label: str | None = None
    by: str | None = None
    at: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    _OPTIONAL = ("text", "kind", "label", "by", "at")

    @classmethod
    def from_dict(cls, value: Any, path: str = "indirect decision") -> IndirectDecision:
        decision = fc.Fields(value, path)
        action = decision.one_of("action", INDIRECT_ACTIONS)
        text = decision.optional_text("text")
        kind = decision.one_of("kind", INDIRECT_KINDS) if decision.has("kind") else None
        if text is None and kind is None:
            raise fc.FieldError(decision.at("text"), "the words or the kind the decision is about")
        return cls(
            action,
            text,
            kind,
            decision.optional_text("label"),
            decision.optional_text("by"),
            decision.optional_text("at"),
            extra={k: v for k, v in value.items() if k not in ("action", *cls._OPTIONAL)},
        )

    def to_dict(self) -> dict[str, Any]:
        return _stored({"action": self.action}, self)

    def details(self) -> dict[str, Any]:
        return {k: v for k, v in self.to_dict().items() if k not in ("by", "at")}


@dataclass
class AuditEntry:
    """One entry of the audit log: what happened (``event``), who, when, and the event's details
    (``output``, ``hits``, a decision's fields…) in the order they were given."""

    event: str
    by: str | None = None
    at: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def new(cls, event: str, **details: Any) -> AuditEntry:
        """An entry made now, by the user running Transkript."""
        return cls(event, who(), now(), details)

    @classmethod
    def from_dict(cls, value: Any, path: str = "audit entry") -> AuditEntry:
        entry = fc.Fields(value, path)
        return cls(
            event=entry.text("event", null_is_empty=False),
            by=entry.optional_text("by"),
            at=entry.optional_text("at"),
            details={k: v for k, v in value.items() if k not in ("event", "by", "at")},
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"event": self.event}
        if self.by is not None:
            data["by"] = self.by
        if self.at is not None:
            data["at"] = self.at
        data.update(self.details)
        return data


@dataclass
class EntitySummary:
    """Someone (or a place, an organisation) the last review found: what replaces them (None: nothing
    yet), and how many of their mentions are in each tier or decision ("auto": 3, "review": 1)."""

    name: str
    kind: str  # person, location, organization (Presidio's words, lower case)
    replacement: str | None = None
    tiers: dict[str, int] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def count(self, tier: str) -> int:
        return self.tiers.get(tier, 0)

    @classmethod
    def from_dict(cls, value: Any, path: str = "entity") -> EntitySummary:
        entity = fc.Fields(value, path)
        tiers = entity.record("tiers", {})
        for tier in tiers.data:
            tiers.integer(tier, minimum=0)
        return cls(
            name=entity.text("name", null_is_empty=False),
            kind=entity.text("kind", null_is_empty=False),
            replacement=entity.optional_text("replacement"),
            tiers=dict(tiers.data),
            extra={k: v for k, v in value.items() if k not in ("name", "kind", "replacement", "tiers")},
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "replacement": self.replacement,
            "tiers": dict(self.tiers),
            **self.extra,
        }


@dataclass
class PseudonymisationState:
    """Settings, decisions, the audit log and the last review's findings of one project."""

    settings: DetectionSettings | None = None  # None: never chosen (the defaults apply)
    decisions: list[Decision] = field(default_factory=list)
    audit: list[AuditEntry] = field(default_factory=list)
    entities: list[EntitySummary] = field(default_factory=list)
    indirect: list[IndirectDecision] = field(default_factory=list)  # stored only once one is made
    extra: dict[str, Any] = field(default_factory=dict)  # keys a later version wrote, kept
    # How the file had it: its keys in order, and the settings record as written (written back as it
    # was while the settings it means are unchanged). Not part of the state's value.
    stored_keys: list[str] = field(default_factory=list, compare=False, repr=False)
    stored_settings: dict[str, Any] | None = field(default=None, compare=False, repr=False)

    # -- what the rest of the program asks ------------------------------------------------

    @property
    def settings_in_use(self) -> DetectionSettings:
        """The settings detection runs with: the stored ones, else the defaults."""
        return self.settings if self.settings is not None else DetectionSettings()

    def add_indirect_decision(self, decision: IndirectDecision) -> None:
        """A decision about an indirect identifier, on record in the audit log too."""
        self._has("indirect")
        self.indirect.append(decision)
        self.record("indirect decision", **decision.details())

    def audit_count(self) -> int:
        """How many entries the audit log has (a command saves the project when this grew)."""
        return len(self.audit)

    def waiting_for_review(self) -> int:
        """Mentions the last review left in the review tier, undecided."""
        return sum(entity.count(REVIEW_TIER) for entity in self.entities)

    # -- changes ------------------------------------------------------------------------

    def record(self, event: str, **details: Any) -> AuditEntry:
        """Add an entry to the audit log kept in the project (and copied into every key)."""
        entry = AuditEntry.new(event, **details)
        self._has("audit")
        self.audit.append(entry)
        return entry

    def add_decision(self, decision: Decision) -> None:
        self._has("decisions")
        self.decisions.append(decision)

    def add_audit_entry(self, entry: AuditEntry) -> None:
        """An entry made elsewhere (the window's export on a copy of the project) joins this log."""
        self._has("audit")
        self.audit.append(entry)

    def use_settings(self, settings: DetectionSettings) -> bool:
        """Store new detection settings (recorded in the audit log); False when they are the same."""
        if settings == self.settings:
            return False
        self._has("settings")
        self.settings = settings
        self.record("settings", **settings.to_dict())
        return True

    def found(self, entities: list[EntitySummary]) -> None:
        """Keep what the latest review found."""
        self._has("entities")
        self.entities = entities

    def _has(self, key: str) -> None:
        if key not in self.stored_keys:
            self.stored_keys.append(key)

    # -- the stored form ----------------------------------------------------------------

    @classmethod
    def from_dict(cls, value: Any, path: str = "pseudonymisation") -> PseudonymisationState:
        """The stored state, every field checked; ``fieldcheck.FieldError`` names the first wrong one."""
        state = fc.Fields(value, path)
        stored_settings = state.raw("settings")  # null: never chosen, as when absent
        settings = None if stored_settings is None else check_settings(stored_settings, state.at("settings"))
        return cls(
            settings=settings,
            decisions=[Decision.from_dict(d.data, d.path) for d in state.records("decisions", [])],
            audit=[AuditEntry.from_dict(e.data, e.path) for e in state.records("audit", [])],
            entities=[EntitySummary.from_dict(e.data, e.path) for e in state.records("entities", [])],
            indirect=[IndirectDecision.from_dict(d.data, d.path) for d in state.records("indirect", [])],
            extra={k: v for k, v in value.items() if k not in STATE_KEYS},
            stored_keys=list(value),
            stored_settings=copy.deepcopy(stored_settings),
        )

    def to_dict(self) -> dict[str, Any]:
        values = {
            "settings": self._settings_dict(),
            "decisions": [decision.to_dict() for decision in self.decisions],
            "audit": [entry.to_dict() for entry in self.audit],
            "entities": [entity.to_dict() for entity in self.entities],
            "indirect": [decision.to_dict() for decision in self.indirect],
            **self.extra,
        }
        keys = [key for key in self.stored_keys if key in values]
        # A part filled in since (by setting it directly) follows in the usual order; an empty one
        # nobody wrote stays out, as it always has.
        keys += [key for key in STATE_KEYS if key not in keys and values[key]]
        keys += [key for key in self.extra if key not in keys]
        return {key: values[key] for key in keys}

    def _settings_dict(self) -> dict[str, Any] | None:
        if self.settings is None:
            return None
        stored = self.stored_settings
        if isinstance(stored, dict) and DetectionSettings.from_dict(stored) == self.settings:
            return dict(stored)  # as it was written ("ner_model": "" stays "")
        written = self.settings.to_dict()
        if isinstance(stored, dict):  # keys a later version wrote stay
            written.update((k, v) for k, v in stored.items() if k not in written)
        return written
