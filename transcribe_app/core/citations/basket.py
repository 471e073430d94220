"""The quote basket: the quotes a researcher keeps to send to the informant (``project.quotes``).

A quote is appendix lines with the words on them and their citation, as they were when it
was added — ``Quote(lines="79-80", text="…", citation="(VJ: 79-80)", added=ISO time)`` —
so the basket can say when the words on those lines changed since (``quote_moved``). The
window's cite panel and ``transcribe-app quotes`` both change the basket through the
functions here; the validation package reads its lines (``basket_lines``). Saving the
project is the caller's job.

This module is read whenever a project is loaded, so it imports nothing heavy: the
appendix is passed in by the caller.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from ..errors import BadInputError, TranskriptError
from ..project import fieldcheck as fc
from .references import LineRange, format_ranges, parse_ranges

if TYPE_CHECKING:
    from typing import Self

    from ..layout import Line
    from ..project.record import Project
    from .appendix import Appendix, CitedQuote

_KNOWN = ("lines", "text", "citation", "added")


@dataclass
class Quote:
    """One quote in the basket: appendix lines, and their words and citation when it was added.

    ``text``, ``citation`` and ``added`` are None when the stored quote has no such field
    (the file is written back as it was read).
    """

    lines: str  # "79-80", "149-151; 181-185": appendix line ranges, as format_ranges writes them
    text: str | None = None  # the words on those lines, "(...)" between ranges
    citation: str | None = None  # "(VJ: 79-80)"
    added: str | None = None  # ISO time, UTC
    extra: dict[str, Any] = field(default_factory=dict)  # fields of a later version, kept on save

    @property
    def ranges(self) -> tuple[LineRange, ...]:
        return parse_ranges(self.lines)

    @property
    def shown_citation(self) -> str:
        """The citation as stored, or the lines in brackets for a quote stored without one."""
        return self.citation or f"({self.lines})"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"lines": self.lines}
        for key in ("text", "citation", "added"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        data.update((key, value) for key, value in self.extra.items() if key not in data)
        return data

    @classmethod
    def from_dict(cls, value: Any, path: str = "quote") -> Self:
        """A stored quote, checked: ``lines`` must be line ranges; the other fields, when there, text."""
        fields = fc.Fields(value, path)
        lines = fields.text("lines", null_is_empty=False)
        try:
            parse_ranges(lines)
        except BadInputError:
            wanted = "appendix lines such as 79-80 or 149-151; 181-185"
            raise fc.FieldError(fields.at("lines"), wanted, found=f"it is “{lines}”") from None
        present = {key: fields.text(key, null_is_empty=False) for key in _KNOWN[1:] if fields.has(key)}
        extra = {key: item for key, item in fields.data.items() if key not in _KNOWN}
        return cls(lines=lines, **present, extra=extra)


def quotes_from_list(value: Any, path: str = "quotes") -> list[Quote]:
    """The stored basket: a list of quotes, each checked (the field named on failure)."""
    return [Quote.from_dict(item, fc.join(path, index)) for index, item in enumerate(fc.listing(value, path))]


def now() -> str:
    """When a quote is added: UTC, to the second."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def quote_of(cited: CitedQuote, *, added: str | None = None) -> Quote:
    """A basket quote of cited appendix lines (``Appendix.cite``), stamped with the time it was added."""
    return Quote(
        lines=format_ranges(cited.ranges), text=cited.text, citation=cited.citation, added=added or now()
    )


def quotes_of_lines(appendix: Appendix, wanted: Iterable[str]) -> list[Quote]:
    """Quotes of the appendix lines in ``wanted`` ("79-80", "149-151; 181-185"), all checked first.

    A ``BadInputError`` (not line ranges, a line past the end, no citation code) for the
    first one that cannot be cited; then nothing is made.
    """
    return [quote_of(appendix.cite(parse_ranges(text))) for text in wanted]


def add_quotes(project: Project, quotes: Sequence[Quote]) -> None:
    """Put ``quotes`` at the end of the project's basket (copies: the caller's stay its own)."""
    project.quotes.extend(copy.deepcopy(list(quotes)))


def remove_quotes(project: Project, numbers: Iterable[int]) -> list[Quote]:
    """Take quotes out of the basket by their number as listed (1 is the first); returns them.

    Every number is checked before anything is removed: a ``BadInputError`` for a number
    that is not in the basket, and the basket unchanged.
    """
    wanted = sorted(set(numbers))
    count = len(project.quotes)
    for number in wanted:
        if not 1 <= number <= count:
            held = "is empty" if count == 0 else f"holds {count} quote{'s' if count != 1 else ''} (1–{count})"
            raise BadInputError(f"There is no quote {number}: the quote basket {held}.")
    removed = [project.quotes[number - 1] for number in wanted]
    for number in reversed(wanted):
        del project.quotes[number - 1]
    return removed


def basket_lines(project: Project) -> list[str]:
    """The basket's line ranges, in order: what a validation package of the basket quotes."""
    return [quote.lines for quote in project.quotes]


def quote_moved(quote: Quote, lines: Sequence[Line]) -> bool:
    """The words on a quote's lines are no longer the words it was added with (or the lines are gone)."""
    from ..layout import quote_text

    try:
        ranges = quote.ranges
    except TranskriptError:
        return True
    if any(r.last > len(lines) for r in ranges):
        return True
    words = " (...) ".join(quote_text(lines, r.first, r.last) for r in ranges)
    return " ".join(words.split()) != " ".join((quote.text or "").split())
