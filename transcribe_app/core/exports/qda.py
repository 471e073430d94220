"""Transcripts for QDA programs: NVivo, and MAXQDA / ATLAS.ti.

Both are written as UTF-8 text with a byte-order mark: Windows programs then
read æ, ø and å as UTF-8 instead of guessing an old code page.
"""

from __future__ import annotations

from .document import ExportDocument
from .timing import timed_turns

BOM = "\ufeff"

# NVivo — the rule followed (NVivo help, "Import audio or video transcripts",
# NVivo 12/14; "Prepare text files for import"):
#   * a plain-text file of tab-delimited lines, each with a valid timestamp or
#     timespan; every line has at least one tab and the same number of tabs;
#   * "File includes header row" may be ticked; in "Transcript Field Mappings"
#     one column must map to Timespan and one to Content; other columns (here
#     Speaker) map to an existing or new custom transcript field;
#   * timestamps are hh:mm:ss, NVivo keeps time to a tenth of a second
#     (00:01:15.0); a timespan is the start and end timestamps joined by "-".
# So: header "Timespan<TAB>Speaker<TAB>Content", one row per turn, times as
# hh:mm:ss.s, and any tab or line break inside a turn made a space (it never is:
# turn texts are single-spaced), so every row has exactly two tabs.
NVIVO_COLUMNS = ("Timespan", "Speaker", "Content")


def nvivo_text(document: ExportDocument) -> str:
    """One tab-separated row per turn: ``00:00:03.1-00:00:07.9<TAB>VJ<TAB>text``."""
    rows = ["\t".join(NVIVO_COLUMNS)]
    for turn in timed_turns(document.turns, "an NVivo transcript", document.project.audio.duration):
        timespan = f"{nvivo_time(turn.start)}-{nvivo_time(turn.end)}"
        rows.append("\t".join((timespan, _cell(turn.speaker or ""), _cell(turn.text))))
    return BOM + "\r\n".join(rows) + "\r\n"


def nvivo_time(seconds: float) -> str:
    """``hh:mm:ss.s``, rounded down to the tenth of a second NVivo keeps."""
    tenths = int(seconds * 10 + 1e-6)
    total, tenth = divmod(tenths, 10)
    return f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}.{tenth}"


def _cell(text: str) -> str:
    return " ".join(text.split())


# MAXQDA and ATLAS.ti — the rule followed: the f4/f5 transcript convention
# (audiotranskription.de, makers of f4transkript and f5transkript), which MAXQDA
# reads with "Import > Transcripts (with timestamps)" and ATLAS.ti with its
# transcript import, linking each time stamp to the media file:
#   * one paragraph per speaker turn, the speaker's code first, followed by ":";
#     MAXQDA's focus-group import codes each speaker from that prefix;
#   * a time stamp "#hh:mm:ss-d#" (d = tenths of a second) closes the paragraph:
#     it marks when the turn ends, so the text between two time stamps belongs
#     to the stretch of recording between them, and a click on a stamp plays it;
#   * paragraphs are separated by an empty line, as f4 writes them.
# Transkript's own importer reads this format back (core/imports/typed.py), so an
# export can be re-imported with its times.


def maxqda_text(document: ExportDocument) -> str:
    """One paragraph per turn: ``VJ: text #00:00:07-9#``, an empty line between turns."""
    paragraphs = []
    for turn in timed_turns(document.turns, "a MAXQDA transcript", document.project.audio.duration):
        head = f"{turn.speaker}: " if turn.speaker else ""
        paragraphs.append(f"{head}{turn.text} {maxqda_time(turn.end)}")
    return BOM + "\r\n\r\n".join(paragraphs) + "\r\n"


def maxqda_time(seconds: float) -> str:
    """``#hh:mm:ss-d#``, the f4 time stamp (d: tenths of a second, rounded down)."""
    tenths = int(seconds * 10 + 1e-6)
    total, tenth = divmod(tenths, 10)
    return f"#{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}-{tenth}#"
