"""How many speakers to look for, and what to tell the researcher about the count found.

The researcher may know the count (an elite interview: 2), know it roughly (a
focus group of five to eight: ``--speakers 5-8``) or not at all. Unless told,
the estimate looks for at most ``FOCUS_GROUP_MAX`` speakers: a focus group
is six to eight participants with one or two moderators, and searching
beyond that mostly splits one voice into several.

What was found is then checked, whatever the diariser:

- the count at the top of what was searched (the cap, or the top of a
  range the researcher gave) may mean there are more people than looked for;
- fewer than the bottom of a range means some people could not be told apart;
- a speaker heard for less than ``LITTLE_SPEECH_SECONDS`` in all is often a
  piece of another voice (a laugh, a cough, a word in crosstalk) rather than a
  person, and too little speech to trust the label either way.

The warnings are sentences for the researcher; the CLI prints them and the
project's diarisation record keeps them for the window.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import BadInputError
from .turns import SpeakerTurn

MAX_SPEAKERS = 20  # the most anyone may ask for: beyond this the clustering cannot tell voices apart
FOCUS_GROUP_MAX = 10  # the estimate's cap when not told: 6-8 participants and one or two moderators
# Under this much speech in all, a speaker label is not to be trusted: the voice embedding needs a few
# windows of 1.6 s to say whose voice it is, and a speaker with two short answers ("ja", "enig") gets a
# label from a handful of windows that may as well be another person's.
LITTLE_SPEECH_SECONDS = 8.0

_RANGE = re.compile(r"\s*(\d{1,3})\s*(?:[-–—]|\.\.|to)\s*(\d{1,3})\s*")
_ONE = re.compile(r"\s*(\d{1,3})\s*")


def _check(low: int, high: int, text: str) -> None:
    if not (1 <= low <= MAX_SPEAKERS and 1 <= high <= MAX_SPEAKERS):
        raise BadInputError(f"The number of speakers must be between 1 and {MAX_SPEAKERS}, not {text}.")
    if low > high:
        raise BadInputError(
            f"The range of speakers “{text}” runs backwards; give the smaller number first ({high}-{low})."
        )


@dataclass(frozen=True)
class SpeakerCount:
    """The number of speakers to look for: exactly ``minimum`` when it equals ``maximum``."""

    minimum: int
    maximum: int

    def __post_init__(self) -> None:
        _check(self.minimum, self.maximum, str(self))

    @property
    def exact(self) -> int | None:
        """The count when it is known exactly; None for a range."""
        return self.minimum if self.minimum == self.maximum else None

    def __str__(self) -> str:
        """As ``--speakers`` takes it: ``2`` or ``5-8``."""
        return str(self.minimum) if self.minimum == self.maximum else f"{self.minimum}-{self.maximum}"


ESTIMATE = SpeakerCount(1, FOCUS_GROUP_MAX)  # what is searched when the count is not given


def parse_speakers(text: str) -> SpeakerCount:
    """``"2"`` → exactly 2; ``"5-8"`` (also ``5–8``, ``5..8``, ``5 to 8``) → five to eight.

    A ``BadInputError`` in a sentence for anything else: a count out of 1..20, a range the
    wrong way round, words.
    """
    text = str(text)
    for pattern in (_ONE, _RANGE):
        found = pattern.fullmatch(text)
        if found:
            numbers = [int(n) for n in found.groups()]
            return SpeakerCount(numbers[0], numbers[-1])
    raise BadInputError(f"“{text.strip()}” is not a number of speakers; give a count (2) or a range (5-8).")


def speaker_count(value: SpeakerCount | int | str | None) -> SpeakerCount | None:
    """Whatever a caller has (a count, ``"5-8"``, a ``SpeakerCount`` or None: estimate) as a
    ``SpeakerCount``, checked; None stays None."""
    if value is None or isinstance(value, SpeakerCount):
        return value
    if isinstance(value, bool):  # bool is an int: True is no count
        raise BadInputError(f"“{value}” is not a number of speakers; give a count (2) or a range (5-8).")
    if isinstance(value, int):
        return SpeakerCount(value, value)
    return parse_speakers(value)


def searched(asked: SpeakerCount | None) -> SpeakerCount:
    """The counts the diariser will choose between: what was asked, or the estimate's 1..cap."""
    return asked if asked is not None else ESTIMATE


def talk_seconds(turns: Iterable[SpeakerTurn]) -> dict[str, float]:
    """Each speaker's speech in seconds, overlaps counted once per speaker, in order of first turn."""
    spans: dict[str, list[tuple[float, float]]] = {}
    for turn in sorted(turns, key=lambda t: t.start):
        spans.setdefault(turn.speaker, []).append((turn.start, turn.end))
    seconds: dict[str, float] = {}
    for speaker, pieces in spans.items():
        total, reach = 0.0, float("-inf")
        for start, end in pieces:
            if end > reach:
                total += end - max(start, reach)
                reach = end
        seconds[speaker] = total
    return seconds


def count_warnings(turns: list[SpeakerTurn], asked: SpeakerCount | None) -> list[str]:
    """What the researcher should check about the speakers found, in sentences (none: nothing)."""
    seconds = talk_seconds(turns)
    found = len(seconds)
    bounds = searched(asked)
    warnings: list[str] = []
    wider = min(found + 4, MAX_SPEAKERS)
    if asked is None and found >= bounds.maximum:
        warnings.append(
            f"Found {found} speakers, the most Transkript looks for without being told; if more people "
            f"speak, give the number or a range (for example --speakers {found}-{wider})."
        )
    elif asked is not None and asked.exact is None and found >= asked.maximum:
        warnings.append(
            f"Found {found} speakers, the top of the range {asked} you gave; if more people speak, "
            f"give a wider range."
        )
    if asked is not None and 0 < found < asked.minimum:
        warnings.append(
            f"Found only {found} speakers of the {asked.minimum} or more you gave: some voices could not be "
            f"told apart, so one label may hold two people; check the turns."
        )
    little = [(label, s) for label, s in seconds.items() if s < LITTLE_SPEECH_SECONDS]
    if little and found > 1:
        listed = ", ".join(f"{label} ({s:.1f} s)" for label, s in little)
        warnings.append(
            f"Little speech from {listed}: a speaker heard for under {LITTLE_SPEECH_SECONDS:.0f} seconds "
            f"may be a piece of another voice, and their label is not to be trusted; check their words."
        )
    return warnings
