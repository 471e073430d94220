"""The shape of the project's untyped layers, checked once where the project file is read.

``edits``, ``pseudonymisation``, ``diarisation`` and ``layout`` are kept
as plain JSON in ``Project`` and read by their keys wherever they are used. A file
that holds the wrong type in one of them (a decision whose ``text`` is a number, a
``layout.width`` of "wide") would crash far from the file. Each checker here
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
MIN_WIDTH, MAX_WIDTH = 30, 200  # as core/layout.py


def check_edits(value: Any, path: str = "edits") -> list[dict[str, Any]]:
    """The edit log: one record per edit, with its kind and the segment ids it touched."""
    for index, item in enumerate(fc.listing(value, path)):
        entry = fc.Fields(item, fc.join(path, index))
        entry.text("kind", "")
        for index, segment in enumerate(entry.listing("segments", [])):
            fc.integer(segment, fc.join(entry.at("segments"), index))
        entry.optional_text("at")
    return value


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


def check_diarisation(value: Any, path: str = "diarisation") -> dict[str, Any]:
    """How speakers were found (core/speaker_stage.py)."""
    record = fc.Fields(value, path)
    record.optional_text("method")
    record.optional_integer("speakers_requested", minimum=1)
    record.optional_integer("speakers_found", minimum=0)
    record.optional_integer("words_to_review", minimum=0)
    record.optional_text("finished_at")
    return value


def check_layout(value: Any, path: str = "layout") -> dict[str, Any]:
    """How the last appendix was laid out (core/layout.py's ``record_layout``)."""
    record = fc.Fields(value, path)
    if record.has("width"):
        record.integer("width", minimum=MIN_WIDTH, maximum=MAX_WIDTH)
    if record.has("timestamps"):
        record.boolean("timestamps")
    if record.raw("level") is not None:
        record.one_of("level", LEVELS)
    if record.has("pseudonymised"):
        record.boolean("pseudonymised")
    record.optional_text("lines_sha256")
    return value
