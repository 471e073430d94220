"""Formats that play along with the recording: SRT, VTT, NVivo and MAXQDA, parsed back."""

from __future__ import annotations

import csv
import dataclasses
import io
import re

import pytest

from tests.export_fixtures import interview, untimed
from transcribe_app.core.cleanup.transcript_view import transcript_view
from transcribe_app.core.errors import BadInputError
from transcribe_app.core.exports import render_export
from transcribe_app.core.exports.qda import maxqda_time, nvivo_time
from transcribe_app.core.imports.typed import import_transcript

_SRT_TIME = r"(\d\d):(\d\d):(\d\d),(\d\d\d)"
_VTT_TIME = r"(\d\d):(\d\d):(\d\d)\.(\d\d\d)"


def _seconds(groups) -> float:
    h, m, s, ms = (int(g) for g in groups)
    return h * 3600 + m * 60 + s + ms / 1000


def parse_srt(text: str) -> list[tuple[float, float, str, str]]:
    """(start, end, speaker, text) per cue; asserts the SubRip structure on the way."""
    cues = []
    for n, block in enumerate(text.strip("\n").split("\n\n"), start=1):
        lines = block.split("\n")
        assert lines[0] == str(n)
        match = re.fullmatch(f"{_SRT_TIME} --> {_SRT_TIME}", lines[1])
        assert match, lines[1]
        speaker, first = lines[2].split(": ", 1)
        cues.append(
            (_seconds(match.groups()[:4]), _seconds(match.groups()[4:]), speaker, [first, *lines[3:]])
        )
    return cues


def parse_vtt(text: str) -> list[tuple[float, float, str, list[str]]]:
    blocks = text.strip("\n").split("\n\n")
    assert blocks[0] == "WEBVTT"
    cues = []
    for block in blocks[1:]:
        lines = block.split("\n")
        match = re.fullmatch(f"{_VTT_TIME} --> {_VTT_TIME}", lines[0])
        assert match, lines[0]
        voice = re.fullmatch(r"<v ([^>]+)>(.*)", lines[1])
        assert voice, lines[1]
        assert not any("<" in line or "-->" in line for line in lines[2:])
        body = [voice.group(2), *lines[2:]]
        cues.append((_seconds(match.groups()[:4]), _seconds(match.groups()[4:]), voice.group(1), body))
    return cues


@pytest.fixture(scope="module")
def project():
    return interview(120, seed=5)


@pytest.mark.parametrize(("fmt", "parse"), [("srt", parse_srt), ("vtt", parse_vtt)])
def test_subtitles_parse_back_with_times_that_only_go_forward(project, fmt, parse):
    cues = parse(render_export(project, fmt).text)
    turns = [t for t in transcript_view(project) if t.text]
    assert {speaker for _, _, speaker, _ in cues} == {"I", "VJ"}
    previous_end = 0.0
    for start, end, _, lines in cues:
        assert previous_end <= start < end
        previous_end = end
        assert 1 <= len(lines) <= 2
        assert all(len(line) <= 42 for line in lines)
        assert end - start <= 7.5
    # Every word of every turn is in exactly one cue, in order, under the right speaker.
    spoken = [(s, " ".join(lines)) for _, _, s, lines in cues]
    joined, k = [], 0
    for turn in turns:
        parts = []
        while k < len(spoken) and len(" ".join(parts)) < len(turn.text):
            assert spoken[k][0] == turn.speaker
            parts.append(spoken[k][1])
            k += 1
        joined.append(" ".join(parts))
    assert joined == [t.text for t in turns]
    # A cue starts when its first word is spoken: the first cue of each turn at the turn's start.
    assert cues[0][0] == pytest.approx(turns[0].start, abs=0.001)


def test_subtitles_speak_the_pseudonymised_text(project):
    def hook(turns):
        return [dataclasses.replace(t, text=t.text.replace("Jeg", "[Person 1]")) for t in turns]

    text = render_export(project, "vtt", turns_hook=hook, pseudonymised=True).text
    assert "[Person 1]" in text and " Jeg " not in text


def test_vtt_escapes_what_would_be_read_as_markup(project):
    def hook(turns):
        return [dataclasses.replace(t, text=t.text + " a<b & c --> d") for t in turns]

    cues = parse_vtt(render_export(project, "vtt", turns_hook=hook).text)
    assert any("a&lt;b &amp; c --&gt; d" in " ".join(lines) for *_, lines in cues)


@pytest.mark.parametrize("fmt", ["srt", "vtt", "nvivo", "maxqda"])
def test_a_transcript_without_times_cannot_be_played_along(fmt):
    with pytest.raises(BadInputError, match="no times"):
        render_export(untimed(interview(4)), fmt)


def test_nvivo_rows_follow_the_documented_import_rule(project):
    rendered = render_export(project, "nvivo")
    raw = rendered.data.decode("utf-8")
    assert raw.startswith("\ufeff")  # UTF-8 that Windows programs recognise
    rows = raw.lstrip("\ufeff").split("\r\n")
    assert rows[-1] == ""
    rows = rows[:-1]
    assert rows[0] == "Timespan\tSpeaker\tContent"
    assert all(row.count("\t") == 2 for row in rows)  # the same number of tabs on every line
    records = list(csv.reader(io.StringIO("\n".join(rows[1:])), delimiter="\t", quoting=csv.QUOTE_NONE))
    turns = [t for t in transcript_view(project) if t.text]
    assert [(speaker, content) for _, speaker, content in records] == [(t.speaker, t.text) for t in turns]
    previous = 0.0
    for (timespan, _, _), turn in zip(records, turns, strict=True):
        match = re.fullmatch(r"(\d\d):(\d\d):(\d\d)\.(\d)-(\d\d):(\d\d):(\d\d)\.(\d)", timespan)
        assert match, timespan
        g = [int(x) for x in match.groups()]
        start = g[0] * 3600 + g[1] * 60 + g[2] + g[3] / 10
        end = g[4] * 3600 + g[5] * 60 + g[6] + g[7] / 10
        assert previous <= start <= end
        assert start == pytest.approx(turn.start, abs=0.1) and end == pytest.approx(turn.end, abs=0.1)
        previous = start


def test_qda_times_are_tenths_of_a_second():
    assert nvivo_time(3725.96) == "01:02:05.9"
    assert maxqda_time(3725.96) == "#01:02:05-9#"
    assert nvivo_time(0.0) == "00:00:00.0" and maxqda_time(59.999) == "#00:00:59-9#"


def test_maxqda_paragraphs_follow_the_f4_rule_and_import_back_with_their_times(project, tmp_path):
    rendered = render_export(project, "maxqda")
    raw = rendered.data.decode("utf-8")
    assert raw.startswith("\ufeff")
    paragraphs = raw.lstrip("\ufeff").rstrip("\r\n").split("\r\n\r\n")
    turns = [t for t in transcript_view(project) if t.text]
    assert len(paragraphs) == len(turns)
    for paragraph, turn in zip(paragraphs, turns, strict=True):
        match = re.fullmatch(r"([A-ZÆØÅ]\w*): (.+) #(\d\d):(\d\d):(\d\d)-(\d)#", paragraph)
        assert match, paragraph
        assert (match.group(1), match.group(2)) == (turn.speaker, turn.text)
    out = tmp_path / "maxqda.txt"
    out.write_bytes(rendered.data)
    back = import_transcript(out)
    assert [(s.speaker, s.text.strip()) for s in back.segments] == [(t.speaker, t.text) for t in turns]
    assert [s.end for s in back.segments] == pytest.approx([t.end for t in turns], abs=0.1)


def test_an_imported_transcript_with_some_times_gets_the_gaps_filled(tmp_path):
    typed = tmp_path / "f4.txt"
    typed.write_text(
        "I: Hvordan startede det? #00:00:03-1#\nVJ: Med jobafklaring.\nI: Og så? #00:00:09-0#\n"
        "VJ: Så kom sygedagpengene.\n",
        encoding="utf-8",
    )
    project = import_transcript(typed)
    cues = parse_srt(render_export(project, "srt").text)
    assert [speaker for *_, speaker, _ in cues] == ["I", "VJ", "I", "VJ"]
    starts = [start for start, *_ in cues]
    ends = [end for _, end, *_ in cues]
    assert starts == sorted(starts) and all(end > start for start, end in zip(starts, ends, strict=True))
    # Known times are kept: I's question ends at 3.1 and VJ answers then; "Og så?" ends at 9.0.
    assert (starts[0], ends[0], starts[1], ends[2]) == (0.0, 3.1, 3.1, 9.0)
    # The untimed boundary between them falls in proportion to the text spoken.
    assert 3.1 < starts[2] == ends[1] < 9.0
