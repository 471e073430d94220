"""Overlapped speech: found in a real two-voice mix, stored, and marked the same way in every export."""

from __future__ import annotations

import copy
import dataclasses
import io
import json
from pathlib import Path

import docx
import numpy as np
import pytest

from tests.export_fixtures import interview
from transcribe_app.core.asr.audio import SAMPLE_RATE, decode_audio
from transcribe_app.core.cleanup.overlap_marks import marked_turns, overlap_flags
from transcribe_app.core.cleanup.transcript_view import transcript_view
from transcribe_app.core.diarise.overlap import detect_overlaps, overlapping_turns
from transcribe_app.core.diarise.turns import SpeakerTurn
from transcribe_app.core.errors import BadInputError, ProjectFileError
from transcribe_app.core.exports import render_export
from transcribe_app.core.layout import AppendixRecord, LayoutSettings, record_layout
from transcribe_app.core.project.diarisation import DiarisationRecord, OverlapStretch
from transcribe_app.core.project.file import load_project, project_json, save_project

NST = Path(__file__).resolve().parent / "data" / "nst_da" / "wav"


def _voice(name: str) -> np.ndarray:
    samples = decode_audio(NST / f"{name}.wav").samples
    loud = np.flatnonzero(np.abs(samples) > 0.02)
    speech = samples[loud[0] : loud[-1]]
    return speech / np.sqrt(np.mean(speech**2)) * 0.05


def _two_voices(overlap: bool) -> tuple[np.ndarray, float, float]:
    """Two NST speakers, one after the other: the second starting 1.2 s before the first ends
    (``overlap``), or 0.25 s after it (a quick hand-over the voice detector does not cut at).
    Returns the mix and where the second voice starts and the first ends."""
    first, second = _voice("danspeech_u0042010"), _voice("kianasab_r5650113_u0113012")
    lead = int(0.5 * SAMPLE_RATE)
    start = lead + len(first) + int((-1.2 if overlap else 0.25) * SAMPLE_RATE)
    mix = np.zeros(start + len(second) + lead, dtype=np.float32)
    mix[lead : lead + len(first)] += first
    mix[start : start + len(second)] += second
    rng = np.random.default_rng(0)
    mix += rng.normal(0, 0.05 / 10 ** (18 / 20), len(mix)).astype(np.float32)  # 18 dB SNR
    return mix, start / SAMPLE_RATE, (lead + len(first)) / SAMPLE_RATE


@pytest.mark.parametrize("overlap", [True, False])
def test_two_voices_at_once_are_found_and_a_quick_hand_over_is_not(overlap):
    mix, second_starts, first_ends = _two_voices(overlap)
    # Turns as a one-speaker-at-a-time diariser gives them: the change in the middle of the overlap.
    change = (second_starts + first_ends) / 2
    turns = [SpeakerTurn(0.5, change, "S1"), SpeakerTurn(change, len(mix) / SAMPLE_RATE - 0.5, "S2")]
    found = detect_overlaps(mix, turns)
    if overlap:
        assert len(found) == 1 and found[0].speakers == ("S1", "S2")
        truth = (second_starts, first_ends)
        shared = min(found[0].end, truth[1]) - max(found[0].start, truth[0])
        assert shared >= 0.5 * (found[0].end - found[0].start)  # most of what is marked is overlap
    else:
        assert found == []


def test_a_diariser_that_gives_overlapping_turns_has_said_where():
    turns = [SpeakerTurn(0, 5, "S1"), SpeakerTurn(4, 8, "S2"), SpeakerTurn(7.9, 9, "S1")]
    assert overlapping_turns(turns) == [OverlapStretch(4, 5, ("S1", "S2"))]  # 0.1 s is too little


def test_the_stretches_are_stored_only_when_found_and_read_back(tmp_path):
    plain = DiarisationRecord(method="m", speakers_requested=2, speakers_found=2)
    assert "overlaps" not in plain.to_dict()  # older project files stay byte for byte
    record = dataclasses.replace(plain, overlaps=[OverlapStretch(1.5, 2.25, ("S1", "S2"))])
    project = interview(4)
    project.diarisation = record
    save_project(project, tmp_path / "p.transkript")
    again = load_project(tmp_path / "p.transkript")
    assert again.diarisation.overlaps == [OverlapStretch(1.5, 2.25, ("S1", "S2"))]
    assert project_json(again) == project_json(project)
    broken = json.loads((tmp_path / "p.transkript").read_text(encoding="utf-8"))
    broken["diarisation"]["overlaps"][0]["end"] = 1.0  # ends before it starts
    (tmp_path / "p.transkript").write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(ProjectFileError, match=r"overlaps\[0\]\.end"):
        load_project(tmp_path / "p.transkript")


def test_a_word_is_in_overlap_by_its_middle():
    stretches = [OverlapStretch(1.0, 2.0), OverlapStretch(5.0, 6.0)]
    assert overlap_flags([(0.5, 1.4), (0.2, 0.9), (1.9, 2.5), (5.5, 5.5), (None, None)], stretches) == [
        False, False, False, True, False,
    ]  # fmt: skip


def _overlapped_project():
    """The interview with the last words of its second turn and the first of its third in overlap."""
    project = interview(6, seed=3)
    project.cleanup_level = "verbatim"
    second, third = transcript_view(project)[1:3]
    timed = [w for w in second.words if w.start is not None]
    start, end = timed[-2].start, [w for w in third.words if w.start is not None][1].end
    project.diarisation = DiarisationRecord(
        method="test", overlaps=[OverlapStretch(start, end, ("S2", "S1"))]
    )
    return project


def test_the_chosen_marks_stand_around_the_overlapped_words_in_docx_and_txt_alike():
    project = _overlapped_project()
    unmarked = render_export(project, "txt").text
    assert "//" not in unmarked and "[" not in unmarked  # none: the text as it always was
    for convention, (opening, closing) in (("slashes", ("//", "//")), ("brackets", ("[", "]"))):
        settings = LayoutSettings(overlap_marks=convention)
        txt = render_export(project, "txt", settings=settings)
        lines = [line.body for line in txt.lines]
        second, third = transcript_view(project)[1:3]
        # The second turn ends in the marks around its last two words; the third begins with them.
        assert any(body.endswith(closing) for body in lines)
        words = second.text.split()
        assert f"{opening}{words[-2]} {words[-1]}{closing}" in txt.text
        assert f"{opening}{' '.join(third.text.split()[:2])}{closing}" in txt.text
        document = docx.Document(io.BytesIO(render_export(project, "docx", settings=settings).data))
        printed = "\n".join(p.text for p in document.paragraphs)
        assert all(line.text in printed for line in txt.lines)  # the same lines, marks and all


def test_marks_follow_the_pseudonymised_text():
    project = _overlapped_project()
    view = transcript_view(project)
    second = view[1]
    renamed = second.text.split()
    renamed[-1] = "[Person 3]"  # a hook made the last overlapped word a pseudonym
    hooked = [dataclasses.replace(t, text=" ".join(renamed)) if t is second else t for t in view]
    marked = marked_turns(view, hooked, "slashes")[1].text
    assert marked.endswith(f"//{renamed[-2]} [Person 3]//")


def test_the_appendix_record_keeps_the_convention_only_when_one_was_chosen():
    project = _overlapped_project()
    record_layout(project, LayoutSettings(), level="verbatim", pseudonymised=False)
    assert "overlap_marks" not in project.layout.to_dict()
    record_layout(project, LayoutSettings(overlap_marks="brackets"), level="verbatim", pseudonymised=False)
    stored = project.layout.to_dict()
    assert stored["overlap_marks"] == "brackets"
    assert AppendixRecord.from_dict(copy.deepcopy(stored)).settings.overlap_marks == "brackets"
    with pytest.raises(BadInputError, match="overlapped speech"):
        LayoutSettings(overlap_marks="stars")


def test_the_export_command_takes_the_convention_and_remembers_it(tmp_path, capsys):
    from transcribe_app.cli import main

    project = _overlapped_project()
    save_project(project, tmp_path / "p.transkript")
    out = tmp_path / "bilag.txt"
    assert (
        main(["export", str(tmp_path / "p.transkript"), "-o", str(out), "--overlap-marks", "brackets"]) == 0
    )
    assert "[" in out.read_text(encoding="utf-8")
    assert load_project(tmp_path / "p.transkript").layout.overlap_marks == "brackets"
    again = tmp_path / "again.txt"
    assert main(["export", str(tmp_path / "p.transkript"), "-o", str(again)]) == 0  # as the last appendix
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def test_the_speaker_stage_stores_a_diarisers_overlaps_and_keeps_the_confident_speaker(tmp_path, monkeypatch):
    from transcribe_app.core.diarise import stage
    from transcribe_app.core.diarise.registry import DIARISERS

    project = interview(4, seed=2)
    words = [w for s in project.segments for w in s.words]
    middle = words[len(words) // 2]
    # An overlapping diariser (as pyannote): S2 joins S1 for the middle word only.
    turns = [
        SpeakerTurn(0.0, middle.end + 5, "S1"),
        SpeakerTurn(middle.start, middle.end, "S2"),
        SpeakerTurn(middle.end + 5, 1000.0, "S2"),
    ]
    entry = dataclasses.replace(DIARISERS["builtin"], find_turns=lambda audio, **_: turns)
    monkeypatch.setattr(stage, "diariser_entry", lambda name: entry)
    audio = np.zeros(16000, dtype=np.float32)
    stage.diarise_project(project, tmp_path / "p.transkript", audio=audio, use_voices=False)
    assert project.diarisation.overlaps == [OverlapStretch(middle.start, middle.end, ("S1", "S2"))]
    spoken = [w for s in project.segments for w in s.words]
    flags = overlap_flags([(w.start, w.end) for w in spoken], project.diarisation.overlaps)
    assert sum(flags) == 1
    before = spoken[flags.index(True) - 1]
    assert before.speaker == "S1" and before.speaker_confidence == 1.0  # outside: as sure as before
    assert load_project(tmp_path / "p.transkript").diarisation.overlaps == project.diarisation.overlaps


def test_a_quote_across_the_marks_is_found_on_the_lines_of_the_marked_appendix():
    from transcribe_app.core.citations import cite, find_quote

    project = _overlapped_project()
    settings = LayoutSettings(width=40, overlap_marks="brackets")
    rendered = render_export(project, "txt", settings=settings)
    record_layout(project, settings, level="verbatim", pseudonymised=False, lines=rendered.lines)
    marked = next(line for line in rendered.lines if "[" in line.body)
    assert cite(project, marked.number).text == marked.body  # the citation reads the appendix's own lines
    words = transcript_view(project)[2].text.split()[:3]  # the third turn's opening, marks left out
    search = find_quote(project, " ".join(words))
    opening = next(line.number for line in rendered.lines if line.first and line.turn == 2)
    place = next(p for p in search.places if p.ranges[0].first == opening)  # (the words recur elsewhere)
    assert place.text.startswith(f"[{words[0]} {words[1]}]")  # quoted as the appendix prints it


def test_a_name_spoken_in_overlap_is_replaced_and_its_pseudonym_marked(tmp_path):
    from transcribe_app.core.exports.use_case import ExportRequest, export_transcript

    project = _overlapped_project()
    third = transcript_view(project)[2]
    first_word = next(w for w in third.words if w.text.strip())
    first_word.text = " Vibeke"  # the informant's name, spoken over the end of the question
    for segment in project.segments:
        segment.text = "".join(w.text for w in segment.words)
    out, key = tmp_path / "bilag.txt", tmp_path / "bilag.key.json"
    request = ExportRequest(
        "txt", out, pseudonymise=True, key=key, accept_review=True, overlap_marks="slashes"
    )
    export_transcript(project, request)
    written = out.read_text(encoding="utf-8")
    assert "Vibeke" not in written
    # The third turn (the interviewer's) opens in overlap: its first word, the name, is now VJ's code.
    assert "I: //VJ løb// ud" in written


def test_a_refi_qda_project_refuses_the_marks_it_takes_from_each_appendix(tmp_path, capsys):
    from transcribe_app.cli import main

    save_project(_overlapped_project(), tmp_path / "p.transkript")
    assert main(["export", str(tmp_path / "p.transkript"), "--format", "qdpx", "-o", str(tmp_path / "s.qdpx"),
                 "--overlap-marks", "slashes"]) != 0  # fmt: skip
    assert "--overlap-marks cannot be chosen for a REFI-QDA project" in capsys.readouterr().err
    assert not (tmp_path / "s.qdpx").exists()


@pytest.mark.parametrize(("lang", "sentence"), [
    ("da", "Overlappende tale (to stemmer på én gang, som talergenkendelsen fandt den) er markeret [sådan]."),
    ("en", "Overlapping speech (two voices at once, as the speaker recognition found it) is marked "
           "[like this]."),
])  # fmt: skip
def test_the_methods_paragraph_says_how_overlap_is_marked_only_when_it_is(lang, sentence):
    from transcribe_app.core.methods import interview_facts, methods_paragraph

    project = _overlapped_project()
    record_layout(project, LayoutSettings(), level="verbatim", pseudonymised=False)
    assert "overlap" not in methods_paragraph([interview_facts(project)], lang).lower()
    record_layout(project, LayoutSettings(overlap_marks="brackets"), level="verbatim", pseudonymised=False)
    assert sentence in methods_paragraph([interview_facts(project)], lang)


def test_the_json_lists_the_overlaps_with_the_speakers_codes_only_when_there_are_any():
    project = _overlapped_project()
    stretch = project.diarisation.overlaps[0]
    record = json.loads(render_export(project, "json").text)
    assert record["overlaps"] == [{"start": stretch.start, "end": stretch.end, "speakers": ["VJ", "I"]}]
    assert list(record) == [
        "title",
        "citation_code",
        "duration",
        "level",
        "turns",
        "overlaps",
        "pseudonymised",
    ]
    project.diarisation = DiarisationRecord(method="test")  # none found: the JSON as it always was
    text = render_export(project, "json").text
    assert list(json.loads(text)) == ["title", "citation_code", "duration", "level", "turns", "pseudonymised"]
    project.diarisation = None
    assert render_export(project, "json").text == text


def test_the_pseudonymised_json_names_the_overlapping_speakers_as_its_turns_do_never_by_name(tmp_path):
    from transcribe_app.core.exports.use_case import ExportRequest, export_transcript

    project = _overlapped_project()
    # A typed transcript's turns may carry a real name as their label: the export prints the code.
    for segment in project.segments:
        if segment.speaker == "S2":
            segment.speaker = "Vibeke Jensen"
    project.roster[1].label = None
    stretch = project.diarisation.overlaps[0]
    project.diarisation.overlaps = [
        OverlapStretch(stretch.start, stretch.end, ("Vibeke Jensen", "S1")),
        OverlapStretch(stretch.end + 50, stretch.end + 51, ("S1", "Karen Nielsen")),  # a voice with no turn
    ]
    plain = json.loads(render_export(project, "json").text)
    assert plain["overlaps"][0]["speakers"] == ["Vibeke Jensen", "I"]  # not pseudonymised: as its turns
    out, key = tmp_path / "interview.json", tmp_path / "interview.key.json"
    export_transcript(project, ExportRequest("json", out, pseudonymise=True, key=key, accept_review=True))
    written = out.read_text(encoding="utf-8")
    assert "Vibeke" not in written and "Karen" not in written
    overlaps = json.loads(written)["overlaps"]
    assert [o["speakers"] for o in overlaps] == [["VJ", "I"], ["I", None]]


@pytest.mark.parametrize("fmt", ["srt", "vtt"])
def test_subtitles_carry_the_chosen_marks_as_the_text_exports_do(fmt):
    project = _overlapped_project()
    assert "//" not in render_export(project, fmt).text
    marked = render_export(project, fmt, settings=LayoutSettings(overlap_marks="slashes")).text
    third = transcript_view(project)[2]
    assert f"//{' '.join(third.text.split()[:2])}//" in marked
