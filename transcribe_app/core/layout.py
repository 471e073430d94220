"""The one layout function: a transcript view becomes numbered lines.

A line number in a thesis citation — ``(VJ: 79-80)`` — must mean the same words
in the app, in every export format and in an informant's validation package
(DESIGN.md, "Line numbering is one function"). So no exporter wraps text
itself: each one prints the ``Line`` objects that ``layout`` returns, and the
citation lookup reads the same objects.

The rules, chosen so that a quote can be copied straight out of any export:

- Each turn that shows any text starts a new line with the speaker code
  (``VJ: ``) and, when asked, its start time (``[00:12:34] VJ: ``).
  Turns the cleanup level hides entirely (empty text) get no line.
- Words wrap at ``width`` characters (the whole line, prefix included).
- Continuation lines are *not* indented: their text is exactly the turn's
  words, so a quote copied from lines 79–80 of a DOCX, PDF or TXT is the
  speaker's words and nothing else. Exporters may add visual indentation
  (a hanging indent) but never characters.
- A word longer than the room on a line (a URL, a long compound) is broken
  into pieces that fit; ``Line.offset`` says where each piece stands in the
  turn's text, so ``quote_text`` joins the pieces back without a space.
- Numbering starts at 1 and runs through the whole document.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from .errors import BadInputError, TranskriptError
from .project import fieldcheck as fc
from .project.transcript import LEVELS

if TYPE_CHECKING:  # the project module reads ``AppendixRecord`` from here; loading stays light
    from .cleanup.transcript_view import TurnView
    from .project.record import Project

DEFAULT_WIDTH = 85  # about what Word shows on A4 at 11–12 pt
# How overlapped speech (two voices at once) is marked in the text: not at all, noScribe's
# //…//, or Jefferson's [ … ] (core/cleanup/overlap_marks.py does the marking).
OVERLAP_MARKS = ("none", "slashes", "brackets")
MIN_WIDTH, MAX_WIDTH = 30, 200


@dataclass(frozen=True)
class LayoutSettings:
    """How lines are laid out: the width in characters, whether turns show their start time, and how
    overlapped speech is marked (it adds characters, so it moves words between lines too)."""

    width: int = DEFAULT_WIDTH
    timestamps: bool = False
    overlap_marks: str = "none"

    def __post_init__(self) -> None:
        if self.overlap_marks not in OVERLAP_MARKS:
            raise BadInputError(
                f"Unknown way of marking overlapped speech “{self.overlap_marks}”; choose "
                + ", ".join(OVERLAP_MARKS)
                + "."
            )
        if isinstance(self.width, bool) or not isinstance(self.width, int):
            raise BadInputError(f"The line width must be a whole number of characters, not “{self.width}”.")
        if not MIN_WIDTH <= self.width <= MAX_WIDTH:
            raise BadInputError(
                f"A line width of {self.width} characters cannot be used; choose between "
                f"{MIN_WIDTH} and {MAX_WIDTH} (default {DEFAULT_WIDTH})."
            )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> LayoutSettings:
        """Settings from a stored record; keys this version does not know are ignored."""
        data = data or {}
        return cls(
            width=data.get("width", DEFAULT_WIDTH),
            timestamps=bool(data.get("timestamps", False)),
            overlap_marks=data.get("overlap_marks", "none"),
        )


@dataclass(frozen=True)
class Line:
    """One numbered line of a transcript, as every export prints it."""

    number: int  # 1, 2, 3 … through the whole document
    text: str  # the line as printed: prefix + body
    speaker: str | None  # the turn's speaker code
    turn: int  # index of the turn in the sequence given to ``layout``
    first: bool  # True on the line that starts a turn
    start: float | None  # the turn's start time in seconds
    prefix_length: int = 0  # characters before the spoken words: "[00:12:34] VJ: " on a first line
    offset: int = 0  # where ``body`` starts in the turn's (whitespace-normalised) text

    @property
    def prefix(self) -> str:
        """The timestamp and speaker code on a turn's first line; "" on continuation lines."""
        return self.text[: self.prefix_length]

    @property
    def body(self) -> str:
        """The spoken words on this line, without timestamp or speaker code."""
        return self.text[self.prefix_length :]


def layout(turns: Sequence[TurnView], settings: LayoutSettings | None = None) -> list[Line]:
    """Number the lines of ``turns`` (a view, pseudonymised or not) under ``settings``.

    ``turns`` is any sequence of objects with ``speaker``, ``start`` and ``text``
    (``views.transcript_view`` gives ``TurnView`` objects; a pseudonymisation hook
    may return others). Line ``number`` is 1-based and continuous; ``turn`` indexes
    into ``turns``, so turns hidden by the cleanup level leave gaps in ``turn``,
    never in ``number``. Each line's ``body`` is
    ``normalised_text(turns[line.turn])[line.offset : line.offset + len(line.body)]``.
    """
    settings = settings or LayoutSettings()
    lines: list[Line] = []
    for index, turn in enumerate(turns):
        text = normalised_text(turn)
        if not text:
            continue
        prefix = turn_prefix(turn, settings)
        for piece_number, (offset, body) in enumerate(_wrap(text, settings.width, len(prefix))):
            first = piece_number == 0
            lines.append(
                Line(
                    number=len(lines) + 1,
                    text=(prefix + body) if first else body,
                    speaker=turn.speaker,
                    turn=index,
                    first=first,
                    start=turn.start,
                    prefix_length=len(prefix) if first else 0,
                    offset=offset,
                )
            )
    return lines


def normalised_text(turn: TurnView) -> str:
    """The turn's text with runs of whitespace (tabs, newlines) made single spaces."""
    return " ".join(turn.text.split())


def turn_prefix(turn: TurnView, settings: LayoutSettings) -> str:
    """``[00:12:34] VJ: `` — what stands before the words on a turn's first line."""
    parts = []
    if settings.timestamps and turn.start is not None:
        parts.append(clock_stamp(turn.start))
    if turn.speaker:
        parts.append(f"{turn.speaker}:")
    return " ".join(parts) + " " if parts else ""


def clock_stamp(seconds: float) -> str:
    """``[hh:mm:ss]``: the turn timestamp in line-numbered transcripts."""
    total = int(seconds)
    return f"[{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}]"


# What wrapping never splits: a word, or a short bracketed mark with its ending — "[Person 12]s",
# "[uforståeligt]" — so a pseudonym stands whole on one line, where readers and searches find it.
_UNITS = re.compile(r"\[[^\[\]\s]+(?: [^\[\]\s]+){0,2}\]\S*|\S+")


def _wrap(text: str, width: int, prefix_length: int) -> list[tuple[int, str]]:
    """Greedy word wrap of a single-spaced ``text``: (offset, body) per line.

    The first line has ``width - prefix_length`` characters of room, later lines
    ``width``. Words that fit nowhere are cut into pieces; a line that ends in a
    piece of a word continues on the next line with the rest.
    """
    pieces: list[tuple[int, str]] = []
    # A prefix that leaves almost no room (a very long speaker code) still gets words after it.
    room = max(width - prefix_length, 10)
    line_start, line_end = 0, 0  # the current line is text[line_start:line_end]
    for unit in _UNITS.finditer(text):
        word, word_start = unit.group(), unit.start()
        if line_end > line_start:  # the line has words: does this one fit after a space?
            if line_end - line_start + 1 + len(word) <= room:
                line_end = word_start + len(word)
                continue
            pieces.append((line_start, text[line_start:line_end]))
            room = width
        line_start = word_start
        while len(word) > room:  # break a word too long for a whole line
            pieces.append((line_start, word[:room]))
            word, line_start = word[room:], line_start + room
            room = width
        line_end = line_start + len(word)
    if line_end > line_start:
        pieces.append((line_start, text[line_start:line_end]))
    return pieces


def quote_text(lines: Sequence[Line], first: int, last: int) -> str:
    """The spoken words on lines ``first``–``last`` (line numbers, inclusive), as one text.

    Lines of one turn are joined with a space, except where a long word was broken
    across lines (the pieces are joined as they were); a new turn starts after a space.
    Prefixes (timestamps, speaker codes) are left out.
    """
    if first > last:
        first, last = last, first
    parts: list[str] = []
    previous: Line | None = None
    for line in lines:
        if not first <= line.number <= last:
            continue
        if previous is not None:
            joined = line.turn == previous.turn and line.offset == previous.offset + len(previous.body)
            if not joined:
                parts.append(" ")
        parts.append(line.body)
        previous = line
    return "".join(parts)


# -- the layout an appendix was exported with -----------------------------------------

_RECORDED = ("width", "timestamps", "level", "pseudonymised", "lines_sha256", "profile", "overlap_marks")


@dataclass
class AppendixRecord:
    """How the project's appendix (its last line-numbered export) was laid out: ``project.layout``.

    Citations, the manuscript check and the validation package number lines as the
    appendix did, so they need its width, timestamps, cleanup level and whether it was
    pseudonymised; ``lines_sha256`` tells whether the lines changed since. None on a
    project whose appendix was never exported (the key is then absent from the file).
    """

    width: int = DEFAULT_WIDTH
    timestamps: bool = False
    level: str | None = None  # the cleanup level (verbatim, clean, strict)
    pseudonymised: bool = False
    lines_sha256: str | None = None  # absent in the file when None
    profile: str | None = None  # the export profile (appendix, validation, archive); absent when None
    overlap_marks: str = "none"  # how overlapped speech was marked; absent when "none"
    extra: dict[str, Any] = field(default_factory=dict)  # keys a later build wrote, kept on save

    @property
    def settings(self) -> LayoutSettings:
        return LayoutSettings(width=self.width, timestamps=self.timestamps, overlap_marks=self.overlap_marks)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "width": self.width,
            "timestamps": self.timestamps,
            "level": self.level,
            "pseudonymised": self.pseudonymised,
        }
        if self.lines_sha256 is not None:
            data["lines_sha256"] = self.lines_sha256
        if self.profile is not None:
            data["profile"] = self.profile
        if self.overlap_marks != "none":
            data["overlap_marks"] = self.overlap_marks
        data.update(self.extra)
        return data

    @classmethod
    def from_dict(cls, value: Any, path: str = "layout") -> AppendixRecord:
        record = fc.Fields(value, path)
        level = record.raw("level")
        return cls(
            width=record.integer("width", DEFAULT_WIDTH, minimum=MIN_WIDTH, maximum=MAX_WIDTH),
            timestamps=record.boolean("timestamps", False),
            level=None if level is None else record.one_of("level", LEVELS),
            pseudonymised=record.boolean("pseudonymised", False),
            lines_sha256=record.optional_text("lines_sha256"),
            profile=record.optional_text("profile"),
            overlap_marks=record.one_of("overlap_marks", OVERLAP_MARKS, "none"),
            extra={k: v for k, v in record.data.items() if k not in _RECORDED},
        )

    @classmethod
    def read(cls, value: Any, path: str = "layout") -> AppendixRecord | None:
        """The stored part: absent, null or ``{}`` (no appendix exported yet) is None."""
        return cls.from_dict(value, path) if value else None


def recorded_layout(project: Project) -> LayoutSettings:
    """The settings of the project's last line-numbered export (defaults if none yet).

    A manuscript check must number lines exactly as the appendix did; the record
    also holds the cleanup level and whether the appendix was pseudonymised
    (``project.layout``), because both change which words stand on which line.
    """
    return LayoutSettings() if project.layout is None else project.layout.settings


def becomes_appendix(project: Project, pseudonymised: bool) -> bool:
    """Whether a line-numbered export becomes the project's appendix: the lines ``cite``, the manuscript
    check and the informant's validation package read.

    A pseudonymised export always does. A plain one only while no pseudonymised appendix is recorded:
    once one is, a plain export is the researcher's private copy (real names and all) and never replaces
    it — or the next validation package would send the informant the real names.
    """
    return bool(pseudonymised) or not (project.layout is not None and project.layout.pseudonymised)


def record_layout(
    project: Project,
    settings: LayoutSettings,
    *,
    level: str,
    pseudonymised: bool,
    lines: Sequence[Line] | None = None,
    profile: str | None = None,
) -> bool:
    """Remember in ``project.layout`` how an appendix was laid out; True when that changed.

    With ``lines``, a fingerprint of them is kept too: edits or new pseudonymisation
    decisions after the export can move words to other lines, and the citation
    commands warn when the lines no longer match the appendix in the thesis.
    The caller saves the project (the CLI does after a successful export).
    """
    record = AppendixRecord(
        width=settings.width,
        timestamps=settings.timestamps,
        level=level,
        pseudonymised=bool(pseudonymised),
        lines_sha256=lines_fingerprint(lines) if lines is not None else None,
        profile=profile,
        overlap_marks=settings.overlap_marks,
    )
    if project.layout == record:
        return False
    project.layout = record
    return True


def lines_fingerprint(lines: Sequence[Line]) -> str:
    """A short hash of the numbered lines' text: the same lines, the same fingerprint."""
    digest = hashlib.sha256("\n".join(line.text for line in lines).encode("utf-8"))
    return digest.hexdigest()[:16]


# -- the printed page: paper, margins, the font of the numbered lines -------------------
#
# Word and LibreOffice wrap a DOCX paragraph themselves. If a numbered line did not fit the
# text column in the font the reader actually uses, it would wrap onto a second line with no
# number, and every citation after it would point at the wrong words. So the numbered lines
# are sized here, once, for every reader: the DOCX asks for Arial, which every platform has or
# has a free metric twin for (Liberation Sans, Arimo, on Linux and in LibreOffice); and each
# line is measured in the wider of Arial and DejaVu Sans — the widest common fallback, where
# neither Arial nor a twin is installed, and the font the PDF embeds — with some slack on top.


@dataclass(frozen=True)
class Page:
    """A4 with the margins and line-number gutter of every line-numbered appendix (DOCX and PDF), in mm."""

    width: float = 210.0
    height: float = 297.0
    side: float = 20.0  # left and right margin
    top: float = 25.0
    bottom: float = 22.0
    gutter: float = 12.0  # the line number, right-aligned, then a gap before the text
    number_gap: float = 3.0

    @property
    def column_pt(self) -> float:
        """The width of the text column (right of the gutter), in points."""
        return (self.width - 2 * self.side - self.gutter) * POINTS_PER_MM

    @property
    def number_room_pt(self) -> float:
        """The room for a line number, left of its gap."""
        return (self.gutter - self.number_gap) * POINTS_PER_MM


POINTS_PER_MM = 72 / 25.4
PAGE = Page()
DOCX_FONT = "Arial"  # Liberation Sans / Arimo: the same widths, free, on Linux and in LibreOffice
PDF_FONT = "DejaVu Sans"  # embedded (resources/fonts)
# Room left on the widest line, for what a reader's layout does differently from the measure
# (rounding, hinting, a substitute with slightly other widths).
DOCX_SLACK = 0.06
DOCX_LARGEST, PDF_LARGEST = 11.0, 10.5  # points
DOCX_STEP, PDF_STEP = 0.5, 0.25  # Word sizes go in half points
SMALLEST = 1.0  # fitting comes first: a very wide setting gets small type, never a wrapped line
NUMBER_SMALLER = 1.5  # the line numbers are this much smaller than the text


@dataclass(frozen=True)
class Typeface:
    """The font and sizes (points) the numbered lines are printed in."""

    family: str
    size: float
    number_size: float


def docx_typeface(lines: Sequence[Line], page: Page = PAGE, *, bold: bool = False) -> Typeface:
    """Arial at the largest half-point size at which every line fits the column in every common reader.

    ``bold``: the lines' words may be printed bold (the quoted lines of a validation package).
    """
    size = _fitting(lines, page, DOCX_LARGEST, DOCX_STEP, DOCX_SLACK, with_arial=True, bold=bold)
    return Typeface(DOCX_FONT, size, _number_size(lines, size, page))


def pdf_typeface(lines: Sequence[Line], page: Page = PAGE) -> Typeface:
    """DejaVu Sans (embedded) at the largest quarter-point size at which the widest line fits exactly."""
    size = _fitting(lines, page, PDF_LARGEST, PDF_STEP, 0.0, with_arial=False)
    return Typeface(PDF_FONT, size, _number_size(lines, size, page))


def line_width(line: Line, size: float, *, with_arial: bool = True, bold: bool = False) -> float:
    """How wide ``line`` prints at ``size``, in points: bold prefix, regular (``bold``: bold) body, each
    character as wide as it is in the wider of DejaVu Sans and (``with_arial``) Arial."""
    return text_width(line.prefix, size, bold=True, with_arial=with_arial) + text_width(
        line.body, size, bold=bold, with_arial=with_arial
    )


def text_width(text: str, size: float, *, bold: bool = False, with_arial: bool = True) -> float:
    """The width of ``text`` at ``size`` points in DejaVu Sans, or in Arial where that is wider."""
    if not text:
        return 0.0
    face = measuring_font(bold)
    width = face.stringWidth(text, size)
    if with_arial:
        wider = _arial_widths()["bold" if bold else "regular"]
        for character in set(text) & wider.keys():
            extra = wider[character] / 1000 * size - face.stringWidth(character, size)
            width += text.count(character) * max(0.0, extra)
    return width


def _fitting(lines, page: Page, largest: float, step: float, slack: float, *, with_arial, bold=False):
    widest = max((line_width(line, 1.0, with_arial=with_arial, bold=bold) for line in lines), default=1.0)
    size = page.column_pt / (widest * (1 + slack))
    return max(SMALLEST, min(largest, int(size / step) * step))


def _number_size(lines: Sequence[Line], size: float, page: Page) -> float:
    """A little smaller than the text, and small enough that the largest number fits its gutter."""
    digits = "0" * len(str(max((line.number for line in lines), default=1)))
    fits = page.number_room_pt / max(text_width(digits, 1.0), 1e-6)
    return max(SMALLEST, min(size - NUMBER_SMALLER, int(fits * 4) / 4))


@cache
def measuring_font(bold: bool = False):
    """DejaVu Sans (regular or bold) from ``resources/fonts``, for its widths (reportlab's ``TTFont``)."""
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    from .resources import resource_path

    name = "DejaVuSans-Bold" if bold else "DejaVuSans"
    path = resource_path("fonts", f"{name}.ttf")
    try:
        return TTFont(f"{name}-measure", str(path))
    except (OSError, TTFError) as exc:
        raise TranskriptError(
            f"The font file “{path}” is missing or damaged, so no appendix can be laid out. "
            "Reinstall Transkript, or export as TXT."
        ) from exc


@cache
def _arial_widths() -> dict[str, dict[str, int]]:
    """Where Arial is wider than DejaVu Sans: character → width in 1/1000 em (scripts/arial_metrics.py)."""
    import json

    from .resources import resource_path

    path = resource_path("fonts", "arial-widths.json")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise TranskriptError(
            f"The font measure “{path}” is missing or damaged, so no appendix can be laid out. "
            "Reinstall Transkript."
        ) from exc
