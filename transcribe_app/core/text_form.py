"""One written form for every text that enters a project: NFC, and no invisible characters.

The same name can be written in ways a reader cannot tell apart: "Kåre" with a
precomposed å or with an a and a combining ring (what macOS file names and
some PDF copies give), "Vibeke" with a soft hyphen or a zero-width space
inside it (what Word and web pages leave behind). Every later stage — search,
cleanup, citations and above all pseudonymisation and its leak check —
compares words, so a name in a second form would escape them. Text is
therefore brought to one form where it enters: Whisper's output, typed
transcripts, the editor's edits, rosters, the text given to
``pseudonymise-text``, and projects saved before this existed.

The form: Unicode NFC (composed letters), and without the characters that
are invisible on the page — format characters (Unicode category Cf: soft
hyphen, zero-width space, zero-width (non-)joiner, word joiner, byte order
mark, bidirectional controls, tag characters), the other default-ignorable
characters (combining grapheme joiner, variation selectors, Hangul fillers)
and control characters that are not white space (ESC, BEL, \\x01…). Line
breaks, tabs and ordinary or non-breaking spaces are kept. How many characters
were removed is told to the researcher, never which text held them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields

from .project.record import Project, RosterEntry
from .project.transcript import Segment

# Format characters (Cf) and the other default-ignorable code points of Unicode 15, and the
# control characters that are not white space. tests/test_text_form.py checks the Cf part
# against the unicodedata of the running Python, so a newer Unicode cannot slip one past.
_INVISIBLE_RANGES = (
    (0x00, 0x08), (0x0E, 0x1B), (0x7F, 0x9F),  # controls; \t \n \v \f \r and \x1c-\x1f are white space
    (0xAD, 0xAD),  # soft hyphen
    (0x34F, 0x34F),  # combining grapheme joiner
    (0x600, 0x605), (0x61C, 0x61C), (0x6DD, 0x6DD), (0x70F, 0x70F), (0x890, 0x891), (0x8E2, 0x8E2),
    (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
    (0x200B, 0x200F),  # zero-width space, ZWNJ, ZWJ, left-to-right and right-to-left marks
    (0x202A, 0x202E),  # bidirectional embeddings and overrides
    (0x2060, 0x206F),  # word joiner, invisible operators, bidirectional isolates
    (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFFB),
    (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x1345F), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)  # fmt: skip
_INVISIBLE = re.compile(
    "[" + "".join(f"\\U{a:08x}-\\U{b:08x}" if a != b else f"\\U{a:08x}" for a, b in _INVISIBLE_RANGES) + "]"
)


@dataclass(frozen=True)
class Normalised:
    """A text in the one form, and how many invisible characters were taken out of it."""

    text: str
    removed: int = 0


def normalise(text: str) -> Normalised:
    """``text`` composed (NFC) and without invisible characters; fast when it is already so."""
    removed = 0
    if _INVISIBLE.search(text):
        text, removed = _INVISIBLE.subn("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return Normalised(text, removed)


def normal_form(text: str) -> str:
    """Just the text of ``normalise``: for names and words that are compared, not stored."""
    return normalise(text).text


def is_invisible(character: str) -> bool:
    """Is this one of the characters ``normalise`` removes?"""
    return bool(_INVISIBLE.fullmatch(character))


def removed_notice(count: int, where: str) -> str:
    """The sentence that tells the researcher about removed characters (the count, never the text)."""
    what = "character" if count == 1 else "characters"
    return (
        f"{count} invisible {what} (soft hyphens, zero-width spaces, direction marks or control "
        f"characters) removed from {where}, so that every name is written in one form."
    )


def normalise_lines(lines: Iterable[str]) -> tuple[list[str], int]:
    """Every line in the one form, and how many characters were removed in all."""
    result, removed = [], 0
    for line in lines:
        normalised = normalise(line)
        result.append(normalised.text)
        removed += normalised.removed
    return result, removed


def normalise_segment(segment: Segment) -> int:
    """Bring a segment's text and words to the one form, in place; returns the characters removed.

    A word that held nothing but invisible characters keeps its timing with an
    empty text (its leading space kept), so that word indices and times stay as they were.
    """
    normalised = normalise(segment.text)
    segment.text, removed = normalised.text, normalised.removed
    if segment.words:
        removed = 0  # the text repeats the words: count each character once, in the words
    for word in segment.words:
        normalised = normalise(word.text)
        if normalised.text != word.text:
            word.text = normalised.text
            removed += normalised.removed
    return removed


def normalised_segments(segments: Iterable[Segment], notify: Callable[[str], None]) -> Iterator[Segment]:
    """Segments as they come from a recogniser, each in the one form; a notice at the end if any changed.

    Whisper writes composed text, but its byte-level tokens can produce a zero-width or
    direction character, and what it writes goes straight into the project.
    """
    removed = 0
    try:
        for segment in segments:
            removed += normalise_segment(segment)
            yield segment
    finally:
        close = getattr(segments, "close", None)
        if close is not None:
            close()
        if removed:
            notify(removed_notice(removed, "the recognised text"))


def normalise_roster_entry(entry: RosterEntry) -> int:
    """A roster entry's texts (name, aliases, code…) in the one form, in place; returns the characters
    removed. (Only invisible characters go: a label must still name the speaker the segments name.)"""
    removed = 0
    for field in fields(RosterEntry):
        value = getattr(entry, field.name)
        if isinstance(value, bool):  # a switch (addressed_by_first_name), no text
            continue
        values = value if isinstance(value, list) else [value]
        done = [normalise(str(item)) for item in values]
        removed += sum(item.removed for item in done)
        texts = [item.text for item in done]
        if isinstance(value, list):
            texts = [text for text in texts if text.strip()]
            if texts != value:
                setattr(entry, field.name, texts)
        elif texts[0] != value:
            setattr(entry, field.name, texts[0])
    return removed


def normalise_project(project: Project) -> int:
    """Bring a project saved before text was normalised to the one form, in place: every segment,
    the roster and the title. Returns the characters removed."""
    removed = sum(normalise_segment(segment) for segment in project.segments)
    removed += sum(normalise_roster_entry(entry) for entry in project.roster)
    title = normalise(project.metadata.title)
    project.metadata.title, removed = title.text, removed + title.removed
    return removed
