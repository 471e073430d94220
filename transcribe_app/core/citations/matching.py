"""Where a quote's words stand in an appendix's word stream.

A match is an alignment of the quote pattern (``quotes.QuotePattern``) with a
stretch of the stream that begins and ends on a word both share. On the way it
may: leave out an optional word of the quote (talk language, an inserted
``[word]``), pass over a skippable word of the appendix (talk language, pause
marks, speaker codes), and let a gap take up to its number of appendix words.
Every start where the quote's first words stand is tried; for each, the
alignment that finds most of the quote's words wins (an "øh" the quote has and
the appendix too counts), then the one ending soonest.

Two matches that share words of the appendix are one place (a stutter, "jeg
jeg tror", lets a quote begin at either "jeg"); the one that finds most of the
quote's words is kept, then the tighter.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from .quotes import QuotePattern, Word
from .references import LineRange
from .words import WordStream

# An omission of this many whole lines or fewer is cited as one range.
JOINED_GAP_LINES = 3
# An alignment explores at most this many states from one start; real quotes need a few hundred.
MAX_STATES = 50_000


@dataclass(frozen=True)
class Match:
    """One way the quote stands in the stream."""

    start: int  # stream position of the first word the quote shares with the appendix
    end: int  # … and of the last
    covered: frozenset[int]  # positions the quote covers: shared, skipped talk language, replaced
    shared: int  # words of the quote found there


@dataclass(frozen=True)
class NearMiss:
    """The stretch of the appendix most like a quote that was not found."""

    ranges: tuple[LineRange, ...]
    shared: int  # words of the quote that stand there, in order
    total: int  # words of the quote
    between: int  # other words of the appendix among them (talk language not counted)

    def describe(self) -> str:
        """``7 of 9 words``, ``all 7 words, with 2 other words between``."""
        words = (
            f"all {self.total} words" if self.shared == self.total else f"{self.shared} of {self.total} words"
        )
        if self.between:
            words += f", with {self.between} other word{'s' if self.between > 1 else ''} between"
        return words


def search(stream: WordStream, pattern: QuotePattern, *, omissions_unbounded: bool = False) -> list[Match]:
    """Every place the quote stands, in reading order, overlapping candidates made one.

    ``omissions_unbounded``: an omission may leave out any number of words — for a stream
    already cut down to the lines a citation names, which bound it instead.
    """
    starts = sorted({p for k in pattern.opening_keys() for p in stream.positions(k)})
    unbounded = len(stream) if omissions_unbounded else None
    matches = [m for m in (_align(stream, pattern, p, unbounded) for p in starts) if m is not None]
    return _distinct(matches)


def _align(stream: WordStream, pattern: QuotePattern, start: int, unbounded: int | None) -> Match | None:
    """The best alignment beginning at ``start``, or None.

    Best: the most words of the quote found (an optional "øh" the appendix has counts),
    then the one that ends soonest.
    """
    items, keys, skippable = pattern.items, stream.keys, stream.skippable
    # A state: (next item, next stream position, last shared position or -1, words shared so far).
    first = (0, start, -1, 0)
    came_from: dict[tuple[int, int, int, int], tuple[tuple[int, int, int, int], str] | None] = {first: None}
    todo, best = [first], None
    while todo and len(came_from) < MAX_STATES:
        state = todo.pop()
        i, j, last, shared = state
        if i == len(items):
            if last >= 0 and (best is None or (-shared, last) < (-best[3], best[2])):
                best = state
            continue
        for following, how in _moves(items[i], state, keys, skippable, unbounded):
            if following not in came_from:
                came_from[following] = (state, how)
                todo.append(following)
    if best is None:
        return None
    return Match(start, best[2], frozenset(_covered(came_from, best)), best[3])


def _moves(item, state, keys, skippable, unbounded):
    """The steps an alignment can take from ``state``, each with what it does to the appendix's words."""
    i, j, last, shared = state
    n = len(keys)
    if isinstance(item, Word):
        if j < n and keys[j] == item.key:
            yield (i + 1, j + 1, j, shared + 1), "shared"
        if item.optional:
            yield (i + 1, j, last, shared), "dropped"
    elif last >= 0:  # a gap takes 0 … most words; none before the first shared word
        how = "replaced" if item.covered else "omitted"
        most = item.most if item.covered or unbounded is None else unbounded
        for k in range(min(most, n - j) + 1):
            yield (i + 1, j + k, last, shared), how
    else:
        yield (i + 1, j, last, shared), "omitted"
    if last >= 0 and j < n and skippable[j]:
        yield (i, j + 1, last, shared), "skipped"


def _covered(came_from, state) -> set[int]:
    """The stream positions an alignment covers, read back along its path."""
    covered = set()
    while came_from[state] is not None:
        previous, how = came_from[state]
        if how in ("shared", "skipped", "replaced"):
            covered.update(range(previous[1], state[1]))
        state = previous
    return covered


def _distinct(matches: list[Match]) -> list[Match]:
    """Overlapping matches are one place: keep the one sharing most words, then the tightest."""
    kept: list[Match] = []
    for match in sorted(matches, key=lambda m: (m.start, m.end)):
        if kept and match.start <= kept[-1].end:
            if _rank(match) < _rank(kept[-1]):
                kept[-1] = match
            continue
        kept.append(match)
    return kept


def _rank(match: Match) -> tuple[int, int]:
    return (-match.shared, match.end - match.start)


def match_ranges(stream: WordStream, match: Match) -> tuple[LineRange, ...]:
    """The line ranges a match stands on: one, or several where an omission left many lines out.

    An omission of up to ``JOINED_GAP_LINES`` whole lines stays inside one range (a reader
    looking up 79-84 finds the quote); a longer one splits it: ``(MSS: 149-151; 181-185)``.
    Lines without words (a lone pause mark) never split a range.
    """
    covered = stream.lines_of(match.covered)
    left_out = [
        n for n in range(min(covered), max(covered) + 1) if n not in covered and n in stream.lines_with_words
    ]
    ranges = [LineRange(min(covered), max(covered))]
    for number in left_out:
        current = ranges[-1]
        if number in current:
            ranges[-1:] = [LineRange(current.first, number - 1), LineRange(number + 1, current.last)]
    # Mend the splits at short omissions, and trim lines without quoted words off each end.
    joined: list[LineRange] = []
    for line_range in ranges:
        if line_range.first > line_range.last:
            continue
        if joined and line_range.first - joined[-1].last - 1 <= JOINED_GAP_LINES:
            joined[-1] = LineRange(joined[-1].first, line_range.last)
        else:
            joined.append(line_range)
    return tuple(_trimmed(r, covered) for r in joined)


def _trimmed(line_range: LineRange, covered: set[int]) -> LineRange:
    first, last = line_range.first, line_range.last
    while first not in covered:
        first += 1
    while last not in covered:
        last -= 1
    return LineRange(first, last)


def near_miss(stream: WordStream, pattern: QuotePattern) -> NearMiss | None:
    """Where most of the quote's words stand together, when the quote itself stands nowhere."""
    wanted = [word.key for word in pattern.words]
    if not wanted or not len(stream):
        return None
    block = SequenceMatcher(None, stream.keys, wanted, autojunk=False).find_longest_match(
        0, len(stream), 0, len(wanted)
    )
    if block.size < min(2, len(wanted)):
        return None
    begin = max(0, block.a - block.b - len(wanted) // 2)
    end = min(len(stream), block.a - block.b + len(wanted) + len(wanted) // 2)
    window = SequenceMatcher(None, stream.keys[begin:end], wanted, autojunk=False)
    shared = [begin + b.a + k for b in window.get_matching_blocks() for k in range(b.size)]
    lines = stream.lines_of(shared)
    shared_set = set(shared)
    between = sum(
        1 for i in range(min(shared), max(shared) + 1) if i not in shared_set and not stream.skippable[i]
    )
    return NearMiss((LineRange(min(lines), max(lines)),), len(shared), len(wanted), between)
