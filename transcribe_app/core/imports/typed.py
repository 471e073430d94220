"""Reading typed transcripts (plain text or Word) into a project without audio.

Researchers often have transcripts already, typed by hand or by another
program. The common shape is one turn per paragraph, the speaker code first:

    I: Hvordan startede projektet?
    VJ: Det var i 2019, ...
    [00:12:34] B1: ...                  (timestamp before the turn: noScribe, Word)
    IP: ... #00:01:23-4#                (f4/f5 timestamp at the end of the turn)

A paragraph without a speaker code continues the turn before it.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from ..errors import BadInputError
from ..project.record import Metadata, Project, RosterEntry
from ..project.transcript import Segment, Word
from ..text_form import normalise, normalise_lines, removed_notice
from .docx_turns import docx_turn_paragraphs
from .text_decoding import decode_transcript

_TIME = r"(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,-](\d{1,3}))?"
_LEADING_TIME = re.compile(rf"^\s*[\[(]{_TIME}[\])]\s*")
_F4_TIME = re.compile(rf"\s*#{_TIME}#\s*$")
# A speaker code: short, starts with a capital letter (I, IP, B1, VJ, Interviewer, Deltager 2).
_SPEAKER = re.compile(r"^\s*([A-ZÆØÅ][\wÆØÅæøå]{0,19}(?: \d{1,2})?)\s*:\s*(.*)$", re.DOTALL)
_INTERVIEWER_CODES = {"I", "INT", "INTERVIEWER", "M", "MOD", "MODERATOR"}
log = logging.getLogger(__name__)  # the CLI prints warnings on standard error ("WARNING: …")


@dataclass
class _Turn:
    speaker: str | None
    text: str
    start: float | None
    end: float | None


def import_transcript(
    path: str | os.PathLike[str],
    *,
    kind: str = "elite",
    title: str | None = None,
    on_notice: Callable[[str], None] | None = None,
) -> Project:
    """Read a ``.txt`` or ``.docx`` transcript into a project (no audio, no word timings).

    The text is brought to one written form (``text_form``); ``on_notice`` hears how many
    invisible characters that removed.
    """
    path = Path(path)
    paragraphs = _normalised(_read_paragraphs(path), path, on_notice)
    turns = _turns(paragraphs)
    if not turns:
        raise BadInputError(f"“{path.name}” has no text to import.")
    project = Project(metadata=Metadata(title=title or path.stem, kind=kind), source="import")
    project.validate()
    project.segments = [_segment(i, turn) for i, turn in enumerate(turns)]
    project.roster = _roster(turns)
    return project


def read_text_file(path: str | os.PathLike[str], *, on_notice: Callable[[str], None] | None = None) -> str:
    """The whole text of a ``.txt`` (as written, whatever its encoding, in one written form: see
    ``text_form``) or ``.docx`` (one line per paragraph) — for commands that change words in place
    rather than importing turns. ``on_notice`` hears how many invisible characters were removed."""
    path = Path(path)
    if path.suffix.lower() == ".docx":
        return "\n".join(_normalised(_read_paragraphs(path), path, on_notice))
    _read_paragraphs(path)  # the same checks: exists, not empty, a format we read
    normalised = normalise(_decode_text(path))
    _tell(normalised.removed, path, on_notice)
    return normalised.text


def _normalised(paragraphs: list[str], path: Path, on_notice: Callable[[str], None] | None) -> list[str]:
    lines, removed = normalise_lines(paragraphs)
    _tell(removed, path, on_notice)
    return lines


def _tell(removed: int, path: Path, on_notice: Callable[[str], None] | None) -> None:
    if removed:
        (on_notice or log.warning)(removed_notice(removed, f"“{path.name}”"))


def _read_paragraphs(path: Path) -> list[str]:
    if not path.is_file():
        raise BadInputError(f"The transcript “{path}” does not exist.")
    if path.stat().st_size == 0:
        raise BadInputError(f"The transcript “{path.name}” is empty (0 bytes).")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _docx_paragraphs(path)
    if suffix in (".txt", ".text", ".md", ""):
        return _decode_text(path).splitlines()
    raise BadInputError(
        f"“{path.name}”: only plain text (.txt) and Word (.docx) transcripts can be imported."
    )


def _docx_paragraphs(path: Path) -> list[str]:
    from .docx_reading import open_docx

    document = open_docx(path, "transcript")
    return docx_turn_paragraphs(document)


def _decode_text(path: Path) -> str:
    # Word's "Save as text" on Danish Windows gives cp1252 or UTF-16; everything else is UTF-8 — and a
    # typed transcript can mix them line by line (core/imports/text_decoding.py).
    decoded = decode_transcript(path.read_bytes(), path.name)
    for notice in decoded.notices:
        log.warning(notice)
    return decoded.text


def _turns(paragraphs: list[str]) -> list[_Turn]:
    turns: list[_Turn] = []
    for paragraph in paragraphs:
        text = paragraph.strip()
        if not text:
            continue
        start, text = _take(_LEADING_TIME, text)
        end, text = _take(_F4_TIME, text)
        match = _SPEAKER.match(text)
        if match:
            turns.append(_Turn(match.group(1), match.group(2).strip(), start, end))
        elif turns and start is None:
            turns[-1].text = f"{turns[-1].text} {text}".strip()
            turns[-1].end = end if end is not None else turns[-1].end
        else:
            turns.append(_Turn(None, text, start, end))
    _fill_times(turns)
    return [t for t in turns if t.text]


def _take(pattern: re.Pattern[str], text: str) -> tuple[float | None, str]:
    match = pattern.search(text)
    if not match:
        return None, text
    return _seconds(match.groups()), (text[: match.start()] + text[match.end() :]).strip()


def _seconds(groups: tuple[str | None, ...]) -> float:
    a, b, c, fraction = groups
    if c is None:  # mm:ss
        seconds = int(a) * 60 + int(b)
    else:
        seconds = int(a) * 3600 + int(b) * 60 + int(c)
    if fraction:
        seconds += int(fraction) / 10 ** len(fraction)
    return float(seconds)


def _fill_times(turns: list[_Turn]) -> None:
    """f4 puts the time at the end of a turn: it is also when the next turn starts."""
    for before, after in pairwise(turns):
        if after.start is None and before.end is not None:
            after.start = before.end
        if before.end is None and after.start is not None and before.start is not None:
            before.end = after.start


def _segment(index: int, turn: _Turn) -> Segment:
    words = [Word(" " + token, speaker=turn.speaker) for token in turn.text.split()]
    return Segment(index, turn.start, turn.end, " " + turn.text, words, speaker=turn.speaker)


def _roster(turns: list[_Turn]) -> list[RosterEntry]:
    codes = dict.fromkeys(t.speaker for t in turns if t.speaker)
    return [
        RosterEntry(
            label=code, code=code, role="interviewer" if code.upper() in _INTERVIEWER_CODES else "informant"
        )
        for code in codes
    ]
