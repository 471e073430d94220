"""The one part of the project still kept as plain JSON, checked once where the project file is read.

``quotes`` is read by its keys where it is used; the other later parts have typed records
owned by their subsystems (``EditEntry``, ``PseudonymisationState``, ``DiarisationRecord``,
``AppendixRecord``). A file that holds the wrong type in it (a quote that is not a record)
would crash far from the file, so the checker raises ``FieldError`` naming the field, and
returns the value *unchanged*, so a valid project is saved back byte for byte.
"""

from __future__ import annotations

from typing import Any

from . import fieldcheck as fc

LEVELS = ("verbatim", "clean", "strict")  # as core/cleanup's LEVELS (not imported: keep loading cheap)


def check_quotes(value: Any, path: str = "quotes") -> list[dict[str, Any]]:
    """The saved quotes (the window's quote basket): records; their fields are shown as given."""
    fc.listing(value, path)
    for index, quote in enumerate(value):
        fc.record(quote, fc.join(path, index))
    return value
