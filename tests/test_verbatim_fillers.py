"""Fillers from the prompted pass join the verbatim layer; the other words never change."""

from __future__ import annotations

import copy

from tests.test_cli import SAMPLE
from transcribe_app.cli import main
from transcribe_app.core.asr.verbatim_fillers import merge_fillers
from transcribe_app.core.cleanup.transcript_view import transcript_view
from transcribe_app.core.project.file import load_project
from transcribe_app.core.project.transcript import Segment, Word


def segment(words: list[tuple[str, float, float]], speaker: str | None = "S2") -> Segment:
    made = [Word(text, start, end, 0.9, speaker) for text, start, end in words]
    return Segment(0, made[0].start, made[-1].end, "".join(w.text for w in made), made, speaker)


FIRST_PASS = [segment([(" Jeg", 1.0, 1.3), (" tror,", 2.4, 2.8), (" at", 2.9, 3.0), (" det", 3.0, 3.3)])]


def test_a_filler_in_a_gap_is_inserted_at_its_time():
    prompted = [segment([(" Jeg", 1.0, 1.3), (" øh,", 1.5, 2.1), (" tror", 2.4, 2.8), (" at", 2.9, 3.0)])]
    merged, added = merge_fillers(FIRST_PASS, prompted)
    assert added == 1
    assert merged[0].text == " Jeg øh, tror, at det"
    assert merged[0].words[1] == Word(" øh,", 1.5, 2.1, 0.9, "S2")
    assert transcript_view_text(merged, "clean") == "Jeg tror, at det"


def test_prompted_words_other_than_fillers_are_ignored():
    prompted = [segment([(" Vi", 1.0, 1.3), (" tænker", 1.5, 2.1), (" nok", 2.4, 2.8)])]
    merged, added = merge_fillers(FIRST_PASS, prompted)
    assert added == 0 and merged[0].text == FIRST_PASS[0].text


def test_a_filler_over_an_existing_word_or_in_silence_is_not_added():
    over_a_word = segment([(" øh", 2.5, 2.8)])  # where the first pass heard "tror,"
    in_silence = segment([(" øhm", 9.0, 9.5)])  # far from any speech: the prompt talking
    merged, added = merge_fillers(FIRST_PASS, [over_a_word, in_silence])
    assert added == 0 and merged[0].text == FIRST_PASS[0].text


def test_inputs_are_not_changed():
    first, prompted = copy.deepcopy(FIRST_PASS), [segment([(" øh", 1.5, 2.1)])]
    merge_fillers(first, prompted)
    assert first == FIRST_PASS and prompted == [segment([(" øh", 1.5, 2.1)])]


def transcript_view_text(segments: list[Segment], level: str) -> str:
    from transcribe_app.core.project.record import Project

    return transcript_view(Project(segments=segments), level)[0].text


def test_a_verbatim_transcription_keeps_the_unprompted_words(tmp_path, faster_whisper_base):
    plain, verbatim = tmp_path / "plain.transkript.json", tmp_path / "verbatim.transkript.json"
    common = ["--model", faster_whisper_base, "--device", "cpu"]
    assert main(["transcribe", str(SAMPLE), "-o", str(plain), *common]) == 0
    assert main(["transcribe", str(SAMPLE), "-o", str(verbatim), "--level", "verbatim", *common]) == 0
    plain_project, verbatim_project = load_project(plain), load_project(verbatim)
    assert verbatim_project.transcription.verbatim_fillers is not None  # the filler pass ran
    assert plain_project.transcription.verbatim_fillers is None
    added = verbatim_project.transcription.verbatim_fillers
    words = [w.text for s in verbatim_project.segments for w in s.words]
    assert len(words) == sum(len(s.words) for s in plain_project.segments) + added
    clean = [t.text for t in transcript_view(verbatim_project, "clean")]
    assert clean == [t.text for t in transcript_view(plain_project, "clean")]
