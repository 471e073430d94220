"""Reading stored records field by field, with a message that names the field when one is wrong.

A project or key file is JSON that people (and other programs) can edit. A field of
the wrong type would otherwise surface much later, far from the file, as a
programmer's error (``'NoneType' object has no attribute 'get'``). ``Fields`` reads
one record and checks every value as it is taken: its type, that numbers are
finite and in range, and says where it stands ("segments[12].words[3].start must
be a number (it is text)."). The checkers are small and take a field path, so a
typed record can use them in its own ``from_dict``.

Strict where a wrong value would crash a later stage; lenient where the reader can
honestly recover: a text field that is ``null`` reads as empty text, and keys this
version does not know are left to the caller (a project keeps them on save).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any

# JSON nested deeper than this is not a project or key anyone wrote; Python's own
# parser stops with a RecursionError long before a hostile file's 100,000 levels.
MAX_DEPTH = 64


class FieldError(ValueError):
    """A stored value that is not what its field must hold; ``str()`` is a sentence naming the field."""

    def __init__(self, path: str, requirement: str, value: Any = None, *, found: str | None = None):
        self.path = path
        found = found if found is not None else f"it is {describe(value)}"
        super().__init__(f"{path} must be {requirement} ({found}).")


def describe(value: Any) -> str:
    """What a JSON value is, in words: ``text``, ``a number``, ``empty (null)``…"""
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, float) and math.isnan(value):
        return "not a number (NaN)"
    if isinstance(value, float) and math.isinf(value):
        return "infinite"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a record"
    return type(value).__name__


def join(path: str, key: str | int) -> str:
    """``segments`` + 3 → ``segments[3]``; ``metadata`` + ``title`` → ``metadata.title``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def check_depth(value: Any, path: str = "the file", limit: int = MAX_DEPTH) -> None:
    """Refuse values nested deeper than ``limit`` (without recursion, so any depth is safe to check)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            raise FieldError(path, f"nested at most {limit} levels deep", found="it is nested deeper")
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)


# -- single values ------------------------------------------------------------------------------


def text(value: Any, path: str, *, null_is_empty: bool = False) -> str:
    """A string; ``null`` reads as "" when ``null_is_empty`` (an empty field, honestly recovered)."""
    if value is None and null_is_empty:
        return ""
    if not isinstance(value, str):
        raise FieldError(path, "text", value)
    return value


def optional_text(value: Any, path: str) -> str | None:
    return None if value is None else text(value, path)


def number(value: Any, path: str, *, minimum: float | None = None, maximum: float | None = None) -> float:
    """A finite number (int or float, never true/false), within ``minimum``..``maximum`` when given."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise FieldError(path, "a number", value)
    if isinstance(value, float) and not math.isfinite(value):
        raise FieldError(path, "a finite number", value)
    if isinstance(value, int) and abs(value) > 1e300:
        raise FieldError(path, "a number of sensible size", found="it is far too large")
    _in_range(value, path, minimum, maximum)
    return value


def optional_number(
    value: Any, path: str, *, minimum: float | None = None, maximum: float | None = None
) -> float | None:
    return None if value is None else number(value, path, minimum=minimum, maximum=maximum)


def integer(value: Any, path: str, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """A whole number (not true/false, not 2.5), within ``minimum``..``maximum`` when given."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldError(path, "a whole number", value)
    _in_range(value, path, minimum, maximum)
    return value


def optional_integer(
    value: Any, path: str, *, minimum: int | None = None, maximum: int | None = None
) -> int | None:
    return None if value is None else integer(value, path, minimum=minimum, maximum=maximum)


def boolean(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise FieldError(path, "true or false", value)
    return value


def one_of(value: Any, path: str, choices: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in choices:
        found = f"it is “{value}”" if isinstance(value, str) else f"it is {describe(value)}"
        listed = choices[0] if len(choices) == 1 else f"{', '.join(choices[:-1])} or {choices[-1]}"
        raise FieldError(path, listed, found=found)
    return value


def record(value: Any, path: str) -> dict[str, Any]:
    """A JSON object (a record of named fields)."""
    if not isinstance(value, dict):
        raise FieldError(path, "a record of named fields", value)
    return value


def listing(value: Any, path: str) -> list[Any]:
    """A JSON array."""
    if not isinstance(value, list):
        raise FieldError(path, "a list", value)
    return value


def text_list(value: Any, path: str) -> list[str]:
    return [text(item, join(path, i)) for i, item in enumerate(listing(value, path))]


def _in_range(value: float, path: str, minimum: float | None, maximum: float | None) -> None:
    if minimum is not None and maximum is not None and not minimum <= value <= maximum:
        raise FieldError(path, f"between {minimum:g} and {maximum:g}", found=f"it is {value:g}")
    if minimum is not None and value < minimum:
        raise FieldError(path, f"at least {minimum:g}", found=f"it is {value:g}")
    if maximum is not None and value > maximum:
        raise FieldError(path, f"at most {maximum:g}", found=f"it is {value:g}")


# -- a record, field by field ---------------------------------------------------------------------


class Fields:
    """One stored record read field by field; every getter checks the value and names it on failure.

    ``fields.text("title")`` reads ``data["title"]`` (the default when the key is absent);
    ``fields.records("segments")`` gives a ``Fields`` per element of a list of records.
    """

    _ABSENT = object()

    def __init__(self, data: Any, path: str):
        self.data = record(data, path)
        self.path = path

    def at(self, key: str) -> str:
        return join(self.path, key)

    def has(self, key: str) -> bool:
        return key in self.data

    def raw(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def _get(self, key: str, default: Any) -> Any:
        value = self.data.get(key, self._ABSENT)
        if value is self._ABSENT:
            if default is self._ABSENT:
                raise FieldError(self.at(key), "present", found="it is missing")
            return default
        return value

    def text(self, key: str, default: Any = _ABSENT, *, null_is_empty: bool = True) -> str:
        value = self._get(key, default)
        return text(value, self.at(key), null_is_empty=null_is_empty)

    def optional_text(self, key: str) -> str | None:
        return optional_text(self.data.get(key), self.at(key))

    def number(self, key: str, default: Any = _ABSENT, **limits: float) -> float:
        return number(self._get(key, default), self.at(key), **limits)

    def optional_number(self, key: str, **limits: float) -> float | None:
        return optional_number(self.data.get(key), self.at(key), **limits)

    def integer(self, key: str, default: Any = _ABSENT, **limits: int) -> int:
        return integer(self._get(key, default), self.at(key), **limits)

    def optional_integer(self, key: str, **limits: int) -> int | None:
        return optional_integer(self.data.get(key), self.at(key), **limits)

    def boolean(self, key: str, default: Any = _ABSENT) -> bool:
        return boolean(self._get(key, default), self.at(key))

    def one_of(self, key: str, choices: tuple[str, ...], default: Any = _ABSENT) -> str:
        return one_of(self._get(key, default), self.at(key), choices)

    def text_list(self, key: str, default: Any = _ABSENT) -> list[str]:
        return text_list(self._get(key, default), self.at(key))

    def record(self, key: str, default: Any = _ABSENT) -> Fields:
        return Fields(self._get(key, default), self.at(key))

    def listing(self, key: str, default: Any = _ABSENT) -> list[Any]:
        return listing(self._get(key, default), self.at(key))

    def records(self, key: str, default: Any = _ABSENT) -> Iterator[Fields]:
        path = self.at(key)
        for index, item in enumerate(listing(self._get(key, default), path)):
            yield Fields(item, join(path, index))

    def unknown(self, known: set[str] | frozenset[str]) -> list[str]:
        """Keys of this record that ``known`` does not list."""
        return [key for key in self.data if key not in known]
