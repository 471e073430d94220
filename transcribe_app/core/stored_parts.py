"""The shape of the project's untyped layers, checked once where the project file is read.

``pseudonymisation`` and ``quotes`` are kept as plain JSON in ``Project`` and read
by their keys wherever they are used (the edit log, the diarisation record and the
appendix layout have typed records: ``EditEntry``, ``DiarisationRecord``,
``AppendixRecord``). A file that holds the wrong type in one of them (a decision
whose ``text`` is a number, a quote that is not a record) would crash far from the file. Each checker here
raises ``FieldError`` naming the field, and returns the value *unchanged*, so a
valid project is saved back byte for byte. One checker per layer: when a layer gets
a typed record of its own, its checker becomes that record's ``from_dict``.

Only what the program reads is checked; keys it does not know are left alone.
"""

from __future__ import annotations

from typing import Any

from . import fieldcheck as fc

LEVELS = ("verbatim", "clean", "strict")  # as core/cleanup's LEVELS (not imported: keep loading cheap)
DECISION_ACTIONS = ("accept", "reject", "add", "merge", "assign", "pseudonym", "dismiss")
DECISION_ENTITIES = ("person", "place", "organisation")


def check_pseudonymisation(value: Any, path: str = "pseudonymisation") -> dict[str, Any]:
    """Settings, decisions and the audit log (core/pseudonymise)."""
    state = fc.Fields(value, path)
    settings = state.raw("settings")
    if settings is not None:
        settings = fc.Fields(settings, state.at("settings"))
        for switch in ("places", "organisations"):
            if settings.raw(switch) is not None:
                settings.boolean(switch)
        settings.optional_text("ner_model")
    for decision in state.records("decisions", []):
        check_decision(decision)
    for _ in state.records("audit", []):
        pass  # any record: the log is copied into keys as it stands
    return value


def check_decision(decision: fc.Fields) -> None:
    """One decision (see pseudonymise/decisions.py's ``make_decision``)."""
    action = decision.one_of("action", DECISION_ACTIONS)
    name = decision.text("text", null_is_empty=False)
    if not name.strip():
        raise fc.FieldError(decision.at("text"), "the name the decision is about", found="it is empty")
    if decision.has("part"):
        decision.integer("part", minimum=0)
        decision.integer("nth", 0, minimum=0)
    if action in ("merge", "pseudonym"):
        decision.text("to", null_is_empty=False)
    else:
        decision.optional_text("to")
    if decision.has("entity"):
        decision.one_of("entity", DECISION_ENTITIES)


def check_quotes(value: Any, path: str = "quotes") -> list[dict[str, Any]]:
    """The saved quotes (the window's quote basket): records; their fields are shown as given."""
    fc.listing(value, path)
    for index, quote in enumerate(value):
        fc.record(quote, fc.join(path, index))
    return value
