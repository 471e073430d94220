"""Citations as a thesis writes them: ``(VJ: 79-80)``, ``(MSS: 149-151; 181-185)``,
``(SK: 320-321; HOK: 452-456)``.

Written here always with a hyphen and "; " between ranges, the way PRODUCT.md
shows them. Read back leniently, because manuscripts are typed by hand and
word processors turn hyphens into dashes: en and em dashes, spaces around
anything, commas as well as semicolons between ranges, several codes in one
parenthesis (a range after a semicolon without a code belongs to the code
before it), and codes without numbers: ``(HEK: 980-986; HOK)``, ``(AMM; KDL; SK)``
cite a whole transcript or document. The numbers are lines of a transcript, or
pages of a document (``(MSB1: 26; MSB2: 4)``): which, the code decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..errors import BadInputError

# A citation code as ``metadata.check_code`` allows it: a letter, then letters, digits or hyphens.
CODE = r"[A-Za-zÆØÅæøå][A-Za-zÆØÅæøå0-9-]{0,11}"
_DASH = r"[-‐‑‒–—]"
_RANGE = rf"\d+(?:\s*{_DASH}\s*\d+)?"
_PART = re.compile(rf"\s*(?:({CODE})\s*:\s*)?(\d+)(?:\s*{_DASH}\s*(\d+))?\s*")
_BARE = re.compile(rf"\s*({CODE})\s*")  # a code alone: the whole transcript or document
_ITEM = rf"(?:{CODE}\s*:\s*{_RANGE}|{_RANGE}|{CODE})"
_CITATION = re.compile(rf"\(\s*{CODE}\s*(?::\s*{_RANGE})?(?:\s*[;,]\s*{_ITEM})*\s*\)")
_RANGES_ONLY = re.compile(rf"\s*{_RANGE}(?:\s*[;,]\s*{_RANGE})*\s*")


@dataclass(frozen=True, order=True)
class LineRange:
    """Lines ``first``–``last`` of an appendix, both included."""

    first: int
    last: int

    def __str__(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"

    def __contains__(self, number: object) -> bool:
        return isinstance(number, int) and self.first <= number <= self.last

    @property
    def numbers(self) -> range:
        return range(self.first, self.last + 1)


@dataclass(frozen=True)
class Reference:
    """One source's part of a citation: its code and the ranges (lines or pages) cited from it.

    No ranges: the code alone, ``(HOK)``, citing the whole transcript or document.
    """

    code: str
    ranges: tuple[LineRange, ...]

    def __str__(self) -> str:
        return f"{self.code}: {format_ranges(self.ranges)}" if self.ranges else self.code

    @property
    def whole(self) -> bool:
        """The code alone, without lines or pages."""
        return not self.ranges


@dataclass(frozen=True)
class Citation:
    """A citation found in a text: what it refers to, as written, and where it stands."""

    references: tuple[Reference, ...]
    written: str  # exactly as in the text, e.g. "(VJ: 79–80)"
    start: int
    end: int

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(reference.code for reference in self.references)


def format_ranges(ranges: Iterable[LineRange]) -> str:
    """``149-151; 181-185``."""
    return "; ".join(str(r) for r in ranges)


def format_citation(code: str, ranges: Sequence[LineRange] | LineRange) -> str:
    """``(VJ: 79-80)``, ``(VJ: 79)``, ``(MSS: 149-151; 181-185)``."""
    if isinstance(ranges, LineRange):
        ranges = (ranges,)
    return f"({code}: {format_ranges(ranges)})"


def format_references(references: Iterable[Reference]) -> str:
    """``(SK: 320-321; HOK: 452-456)``."""
    return "(" + "; ".join(str(reference) for reference in references) + ")"


def parse_ranges(text: str) -> tuple[LineRange, ...]:
    """``"79-80"``, ``"79"``, ``"149–151; 181-185"`` → line ranges; a ``BadInputError`` for anything else.

    A range written backwards (``80-79``) is refused rather than turned round: it is
    more likely a typing slip than a wish.
    """
    if not _RANGES_ONLY.fullmatch(text):
        raise BadInputError(
            f"“{text}” is not a line range: write it as 79-80, a single line as 79, "
            "several as 149-151; 181-185."
        )
    return tuple(_range(part, text) for part in re.split(r"[;,]", text))


def is_line_ranges(text: str) -> bool:
    """Whether ``text`` is line ranges (``79-80``) rather than words."""
    return bool(_RANGES_ONLY.fullmatch(text))


def _range(part: str, whole: str) -> LineRange:
    match = _PART.fullmatch(part)
    assert match is not None  # the caller matched the whole text already
    first = int(match.group(2))
    last = int(match.group(3)) if match.group(3) else first
    if first < 1:
        raise BadInputError(f"Line numbers start at 1; “{whole}” asks for line {first}.")
    if last < first:
        raise BadInputError(f"The range {first}-{last} in “{whole}” runs backwards; write {last}-{first}.")
    return LineRange(first, last)


def find_citations(
    text: str, accept: Callable[[str], bool] | None = None, known: Callable[[str], bool] | None = None
) -> list[Citation]:
    """Every citation ``(CODE: lines…)``, ``(HEK: 980-986; HOK)``, ``(AMM; KDL)`` in ``text``, in order.

    ``accept`` decides which codes count (a manuscript also holds literature
    references such as ``(Bourdieu: 45)``); without it every code counts. A
    citation with a code that is not accepted is skipped whole. Codes alone, without
    any numbers — ``(EU)``, ``(AMM; KDL)`` — count only when ``known`` knows one of
    them (without ``known``, as ``accept`` says): "(EU; OECD)" in running text is no
    citation of a transcript. Ranges written backwards are kept as written
    (``LineRange(80, 79)``), so a check can report them.
    """
    found = []
    for match in _CITATION.finditer(text):
        references = _references(match.group()[1:-1])
        if accept is not None and not all(accept(reference.code) for reference in references):
            continue
        codes_alone = all(reference.whole for reference in references)
        if known is not None and codes_alone and not any(known(reference.code) for reference in references):
            continue
        found.append(Citation(references, match.group(), match.start(), match.end()))
    return found


def parse_citation(text: str) -> Citation:
    """One whole citation, ``(VJ: 79-80)``; a ``BadInputError`` when ``text`` is not one."""
    match = _CITATION.fullmatch(text.strip())
    if not match:
        raise BadInputError(f"“{text}” is not a citation like (VJ: 79-80) or (MSS: 149-151; 181-185).")
    return Citation(_references(match.group()[1:-1]), match.group(), 0, len(match.group()))


def _references(inner: str) -> tuple[Reference, ...]:
    by_code: dict[str, list[LineRange]] = {}
    code = ""
    for part in re.split(r"[;,]", inner):
        bare = _BARE.fullmatch(part)
        if bare is not None and not bare.group(1).isdigit():
            code = bare.group(1)
            by_code.setdefault(code, [])
            continue
        match = _PART.fullmatch(part)
        assert match is not None  # the citation pattern admitted only such parts
        code = match.group(1) or code
        first = int(match.group(2))
        last = int(match.group(3)) if match.group(3) else first
        by_code.setdefault(code, []).append(LineRange(first, last))
    return tuple(Reference(code, tuple(ranges)) for code, ranges in by_code.items())
