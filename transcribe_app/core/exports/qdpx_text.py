"""One interview's text in a REFI-QDA project: the numbered appendix, where each line starts and when
it is spoken, and where each quote of the basket stands in it.

The transcript a QDA program shows is the line-numbered appendix as the TXT export prints it (heading,
provenance, then ``  79  VJ: …``), so a passage coded there is cited with the same line numbers as in
the thesis. REFI-QDA counts positions in characters (Unicode code points) from the start of the plain
text file; lines end in a single LF, so no program has to decide whether CR LF is one character or two.

A sync point ties a position to a time in the recording (milliseconds): here the start of every
numbered line, at the time its first word is spoken (``timing.word_times``, which aligns the exported
words — cleaned, pseudonymised — to the stored word times), one at the very start (0 ms) and one at
the end. Positions grow and times never go back, and no time lies past the recording's end.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from ..citations.basket import Quote
from ..errors import BadInputError
from ..layout import Line, lines_fingerprint, quote_text
from .document import ExportDocument
from .timing import timed_turns, word_times


@dataclass(frozen=True)
class SyncPoint:
    """A place in the transcript text and, when the transcript has times, when it is spoken (ms)."""

    position: int
    time_ms: int | None


@dataclass(frozen=True)
class PlacedQuote:
    """A basket quote found in this transcript: its appendix lines, first and last (inclusive)."""

    quote: Quote
    first: int
    last: int


@dataclass
class TranscriptText:
    """The numbered appendix as one text, and where each numbered line starts and ends in it."""

    text: str
    line_starts: list[int]  # position of line N's first character (its number column) at [N - 1]
    line_ends: list[int]  # position just after line N's last character (before its LF)

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Positions of lines ``first``–``last``: from the first one's start to the last one's end."""
        return self.line_starts[first - 1], self.line_ends[last - 1]


def transcript_text(document: ExportDocument) -> TranscriptText:
    """The appendix as ``exports.text.numbered_text`` prints it, with its lines' positions."""
    digits = max(3, len(str(len(document.lines))))
    pieces = [document.heading, *document.provenance, ""]
    position = sum(len(piece) + 1 for piece in pieces)
    starts, ends = [], []
    for line in document.lines:
        printed = f"{line.number:>{digits}}  {line.text}"
        starts.append(position)
        ends.append(position + len(printed))
        pieces.append(printed)
        position += len(printed) + 1
    return TranscriptText("\n".join(pieces) + "\n", starts, ends)


def sync_points(document: ExportDocument, text: TranscriptText) -> list[SyncPoint]:
    """Sync points at the start, at every numbered line and at the end; positions only (no times) when
    the transcript has no times at all (a typed transcript without timestamps)."""
    times = line_times(document)
    duration_ms = _ms(document.project.audio.duration) if document.project.audio.duration else None
    points = [SyncPoint(0, 0 if times is not None else None)]
    last = 0
    for number, start in enumerate(text.line_starts, 1):
        time_ms = None
        if times is not None:
            last = max(last, _ms(times[number - 1]))  # times never go back
            time_ms = min(last, duration_ms) if duration_ms is not None else last
        points.append(SyncPoint(start, time_ms))
    end_ms = None
    if times is not None:
        ends = [turn.end for turn in document.turns if turn.end is not None and turn.text.strip()]
        end_ms = max([last, *(_ms(end) for end in ends)])
        end_ms = min(end_ms, duration_ms) if duration_ms is not None else end_ms
    points.append(SyncPoint(len(text.text), end_ms))
    return points


def line_times(document: ExportDocument) -> list[float] | None:
    """When each numbered line's first word is spoken (seconds), or None when nothing has a time."""
    try:
        timed = timed_turns(document.turns, "a REFI-QDA project", document.project.audio.duration)
    except BadInputError:
        return None
    shown = [index for index, turn in enumerate(document.turns) if turn.text.strip()]
    by_turn = dict(zip(shown, timed, strict=True))
    word_starts: dict[int, tuple[list[int], list[float]]] = {}
    result = []
    for line in document.lines:
        if line.turn not in word_starts:
            word_starts[line.turn] = _words_at(by_turn[line.turn])
        offsets, times = word_starts[line.turn]
        index = max(bisect_right(offsets, line.offset) - 1, 0)  # the word the line starts in
        result.append(times[index] if times else by_turn[line.turn].start)
    return result


def _words_at(turn) -> tuple[list[int], list[float]]:
    """Where each word of a timed turn's text starts, and when it is spoken."""
    offsets, times, position = [], [], 0
    for word, time in word_times(turn):
        offsets.append(position)
        times.append(time)
        position += len(word) + 1
    return offsets, times


def _ms(seconds: float) -> int:
    return max(0, round(seconds * 1000))


# -- the quote basket in this transcript -------------------------------------------------------


def place_quotes(document: ExportDocument) -> tuple[list[PlacedQuote], list[Quote]]:
    """The basket's quotes on this transcript's lines, and those that could not be placed.

    When these lines are the appendix the quotes were taken from (the same fingerprint), a quote is
    on its own line numbers. Otherwise (a plain copy of a pseudonymised appendix, edits since) each
    range's words are looked for, as the lines print them, in a stretch of as many lines, nearest to
    where the quote was; a quote whose words are nowhere is left out (the caller says so).
    """
    lines = document.lines
    recorded = document.project.layout
    same_lines = recorded is not None and recorded.lines_sha256 == lines_fingerprint(lines)
    placed, missing = [], []
    for quote in document.project.quotes:
        try:
            ranges = quote.ranges
        except BadInputError:
            missing.append(quote)
            continue
        if same_lines and all(r.last <= len(lines) for r in ranges):
            placed += [PlacedQuote(quote, r.first, r.last) for r in ranges]
            continue
        parts = (quote.text or "").split(" (...) ")
        found = [_find(lines, part, r.first, r.last) for part, r in zip(parts, ranges, strict=False)]
        if len(parts) != len(ranges) or None in found:
            missing.append(quote)
        else:
            placed += [PlacedQuote(quote, first, last) for first, last in found]  # type: ignore[misc]
    return placed, missing


def _find(lines: list[Line], words: str, first: int, last: int) -> tuple[int, int] | None:
    wanted = " ".join(words.split())
    if not wanted:
        return None
    count = last - first + 1
    starts = sorted(range(1, len(lines) - count + 2), key=lambda start: abs(start - first))
    for start in starts:
        if " ".join(quote_text(lines, start, start + count - 1).split()) == wanted:
            return start, start + count - 1
    return None
