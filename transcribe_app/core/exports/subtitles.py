"""Subtitles of the interview: SRT and WebVTT.

A cue is at most two lines of 42 characters and about seven seconds, the
common subtitle limits that keep text readable while it plays. A long turn is
split into several cues, preferably after a sentence ends; a cue never spans
two speakers. Times come from the word timings (``timing.word_times``), so a
cue starts when its first word is spoken. In SRT the speaker code opens the
cue text (``VJ: ``); in VTT it is a voice span (``<v VJ>``), which players
and QDA programs read as the speaker.
"""

from __future__ import annotations

from dataclasses import dataclass

from .document import ExportDocument
from .timing import timed_turns, word_times

LINE_CHARACTERS = 42
CUE_LINES = 2
CUE_SECONDS = 7.0
MIN_SECONDS = 1.0  # a cue shorter than this cannot be read (when the next one leaves room)
_SENTENCE_END = (".", "?", "!", "…")


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    speaker: str | None
    lines: tuple[str, ...]


def cues(document: ExportDocument, format_name: str) -> list[Cue]:
    """The document's turns cut into subtitle cues with non-overlapping, increasing times."""
    result: list[Cue] = []
    for turn in timed_turns(document.turns, format_name, document.project.audio.duration):
        room = _room(turn.speaker)
        groups = _split(word_times(turn), room)
        for n, group in enumerate(groups):
            start = group[0][1] if n else turn.start
            end = groups[n + 1][0][1] if n + 1 < len(groups) else turn.end
            text = " ".join(word for word, _ in group)
            result.append(Cue(start, end, turn.speaker, tuple(_lines(text, room) or [text])))
    return _tidy(result)


def _room(speaker: str | None) -> int:
    """Characters left on a cue's first line: SRT puts "VJ: " there."""
    return LINE_CHARACTERS - (len(speaker) + 2 if speaker else 0)


def _split(timed: list[tuple[str, float]], first_room: int) -> list[list[tuple[str, float]]]:
    """Group words into cues that fit two lines and about seven seconds, evenly filled.

    Filling each cue to the brim leaves a last cue of a word or two ("krydset.");
    a second pass aims at the average length and is kept when it needs no more cues.
    """
    greedy = _fill(timed, first_room, None)
    if len(greedy) < 2:
        return greedy
    total = sum(len(word) + 1 for word, _ in timed)
    even = _fill(timed, first_room, total // len(greedy) + 6)
    return even if len(even) == len(greedy) else greedy


def _fill(
    timed: list[tuple[str, float]], first_room: int, target: int | None
) -> list[list[tuple[str, float]]]:
    groups: list[list[tuple[str, float]]] = []
    text = ""
    for word, time in timed:
        if groups:
            group = groups[-1]
            candidate = f"{text} {word}"
            fits = _lines(candidate, first_room) is not None and time - group[0][1] <= CUE_SECONDS
            fits = fits and (target is None or len(candidate) <= target)
            # A sentence that ended past the middle of a cue is a good place to cut.
            sentence_done = group[-1][0].endswith(_SENTENCE_END) and len(text) > LINE_CHARACTERS
            if fits and not sentence_done:
                group.append((word, time))
                text = candidate
                continue
        groups.append([(word, time)])
        text = word
    return groups


def _lines(text: str, first_room: int) -> list[str] | None:
    """``text`` as one line, or as two balanced lines; None when two lines cannot hold it."""
    if len(text) <= first_room:
        return [text]
    words = text.split(" ")
    best: tuple[int, int] | None = None
    for cut in range(1, len(words)):
        a, b = " ".join(words[:cut]), " ".join(words[cut:])
        if len(a) <= first_room and len(b) <= LINE_CHARACTERS:
            score = abs(len(a) - len(b))
            if best is None or score < best[0]:
                best = (score, cut)
    if best is None:
        return None
    return [" ".join(words[: best[1]]), " ".join(words[best[1] :])]


def _tidy(cues_: list[Cue]) -> list[Cue]:
    """Times only go forward, cues do not overlap, and each lasts at least a moment."""
    tidy: list[Cue] = []
    for k, cue in enumerate(cues_):
        start = max(cue.start, tidy[-1].end if tidy else 0.0)
        next_start = cues_[k + 1].start if k + 1 < len(cues_) else None
        end = max(cue.end, start + MIN_SECONDS)
        if next_start is not None and next_start > start:
            end = min(end, next_start)
        end = max(end, start + 0.001)
        tidy.append(Cue(round(start, 3), round(end, 3), cue.speaker, cue.lines))
    return tidy


def srt_text(document: ExportDocument) -> str:
    """SubRip: numbered cues, ``hh:mm:ss,mmm --> hh:mm:ss,mmm``, the speaker code first."""
    blocks = []
    for n, cue in enumerate(cues(document, "SRT subtitles"), start=1):
        lines = list(cue.lines)
        if cue.speaker:
            lines[0] = f"{cue.speaker}: {lines[0]}"
        blocks.append(f"{n}\n{_stamp(cue.start, ',')} --> {_stamp(cue.end, ',')}\n" + "\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def vtt_text(document: ExportDocument) -> str:
    """WebVTT: ``WEBVTT`` header, cues with ``hh:mm:ss.mmm`` times and the speaker as ``<v CODE>``."""
    blocks = ["WEBVTT"]
    for cue in cues(document, "WebVTT subtitles"):
        lines = [_escape(line) for line in cue.lines]
        if cue.speaker:
            # An unclosed voice span covers the rest of the cue, both lines.
            lines[0] = f"<v {_escape(cue.speaker)}>{lines[0]}"
        blocks.append(f"{_stamp(cue.start, '.')} --> {_stamp(cue.end, '.')}\n" + "\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _stamp(seconds: float, separator: str) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def _escape(text: str) -> str:
    # "-->" and "<" would end a cue or open a tag in WebVTT.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
