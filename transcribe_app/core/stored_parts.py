"""The shape of the project's untyped layers, checked once where the project file is read.

``edits``, ``quotes``, ``diarisation`` and ``layout`` are kept as plain JSON in
``Project`` and read by their keys wherever they are used. A file that holds the
wrong type in one of them (a ``layout.width`` of "wide") would crash far from the
file. Each checker here
raises ``FieldError`` naming the field, and returns the value *unchanged*, so a
valid project is saved back byte for byte. One checker per layer: when a layer gets
a typed record of its own, its checker becomes that record's ``from_dict`` (as
``pseudonymisation``'s did: core/pseudonymise/state.py).

Only what the program reads is checked; keys it does not know are left alone.
"""

from __future__ import annotations

from typing import Any

from . import fieldcheck as fc

LEVELS = ("verbatim", "clean", "strict")  # as core/cleanup's LEVELS (not imported: keep loading cheap)
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


def check_quotes(value: Any, path: str = "quotes") -> list[dict[str, Any]]:
    """The saved quotes (the window's quote basket): records; their fields are shown as given."""
    fc.listing(value, path)
    for index, quote in enumerate(value):
        fc.record(quote, fc.join(path, index))
    return value


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
