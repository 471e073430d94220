"""Focus groups: the number of speakers as a count or a range, the estimate's cap, and the warnings.

No Whisper and no voice model here: the clustering gets synthetic embeddings, the stage a stand-in
diariser that returns prepared turns (what a real one found is measured by bench/focus_group.py).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QValidator

from tests.speech import write_wav
from transcribe_app.cli import main
from transcribe_app.core.asr.audio import file_sha256
from transcribe_app.core.asr.run_events import worker_arguments
from transcribe_app.core.asr.stage import TranscriptionRequest
from transcribe_app.core.batch import BatchSettings
from transcribe_app.core.diarise import SpeakerTurn, registry
from transcribe_app.core.diarise.cluster import cluster_speakers
from transcribe_app.core.diarise.speaker_count import (
    FOCUS_GROUP_MAX,
    LITTLE_SPEECH_SECONDS,
    MAX_SPEAKERS,
    SpeakerCount,
    count_warnings,
    parse_speakers,
    talk_seconds,
)
from transcribe_app.core.errors import BadInputError
from transcribe_app.core.project.diarisation import DiarisationRecord
from transcribe_app.core.project.file import load_project, save_project
from transcribe_app.core.project.record import Metadata, Project
from transcribe_app.core.project.transcript import Segment, Word

pytest_plugins = ("tests.gui_fixtures",)  # window

counts = st.integers(1, MAX_SPEAKERS)
dashes = st.sampled_from(["-", "–", "—", "..", " to ", " - "])


# -- what --speakers takes ------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(counts, counts, dashes, st.sampled_from(["", " "]))
def test_a_range_reads_as_its_bounds_and_writes_back_as_it_is_given(a, b, dash, pad):
    low, high = sorted((a, b))
    asked = parse_speakers(f"{pad}{low}{dash}{high}{pad}")
    assert (asked.minimum, asked.maximum) == (low, high)
    assert asked.exact == (low if low == high else None)
    assert parse_speakers(str(asked)) == asked  # what the window and batch pass on to the command


@settings(max_examples=30, deadline=None)
@given(counts)
def test_a_single_count_is_exact(n):
    assert parse_speakers(str(n)) == SpeakerCount(n, n)
    assert parse_speakers(str(n)).exact == n


@settings(max_examples=30, deadline=None)
@given(st.integers(2, MAX_SPEAKERS), st.data())
def test_a_backwards_range_is_refused_with_the_right_order(high, data):
    low = data.draw(st.integers(1, high - 1))
    with pytest.raises(
        BadInputError, match=rf"runs backwards; give the smaller number first \({low}-{high}\)"
    ):
        parse_speakers(f"{high}-{low}")


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=12))
def test_anything_else_is_refused_in_a_sentence(text):
    try:
        asked = parse_speakers(text)
    except BadInputError as error:
        assert "speakers" in str(error)
    else:  # only digits, a dash and spaces get through, and then within 1..20
        assert 1 <= asked.minimum <= asked.maximum <= MAX_SPEAKERS


@pytest.mark.parametrize("text", ["0", "21", "3-25", "0-4", "fem", "5-", "-8", "5-8-9", "2.5"])
def test_counts_out_of_range_or_not_numbers_are_refused(text):
    with pytest.raises(BadInputError, match="speakers"):
        parse_speakers(text)


def test_the_cli_refuses_a_bad_range_before_it_reads_anything(tmp_path, capsys):
    assert main(["diarise", str(tmp_path / "none.transkript.json"), "--speakers", "8-5"]) == 2
    assert "runs backwards; give the smaller number first (5-8)" in capsys.readouterr().err


def test_the_range_reaches_the_transcribe_command_the_window_and_batch_start(tmp_path):
    request = TranscriptionRequest(tmp_path / "fg.wav", tmp_path / "fg.transkript.json")
    arguments = worker_arguments(request, find_speakers=True, speakers="5-8")
    assert arguments[arguments.index("--speakers") + 1] == "5-8"
    batch = BatchSettings(diarise=True, speakers="5-8").arguments(
        tmp_path / "a.wav", tmp_path / "a.json", False
    )
    assert batch[batch.index("--speakers") + 1] == "5-8"


# -- the clustering searches the range ------------------------------------------------------


def voices(sizes: list[int], spread: float = 0.05, seed: int = 0) -> np.ndarray:
    """Unit vectors around one random centre per voice (``sizes``: windows per voice)."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(len(sizes), 64))
    points = np.concatenate(
        [
            c + spread * rng.normal(size=(n, 64)) * np.linalg.norm(c)
            for c, n in zip(centres, sizes, strict=True)
        ]
    )
    return (points / np.linalg.norm(points, axis=1, keepdims=True)).astype(np.float32)


def test_the_range_bounds_the_count_found():
    six = voices([40, 30, 25, 20, 12, 8])  # a moderator, and participants who say less and less
    assert cluster_speakers(six).max() + 1 == 6  # estimated: all six
    assert cluster_speakers(six, min_speakers=2, max_speakers=4).max() + 1 == 4  # capped at the top
    two = voices([60, 60])
    assert cluster_speakers(two, min_speakers=3, max_speakers=5).max() + 1 == 3  # at least the bottom
    one = voices([80], spread=0.02)
    assert cluster_speakers(one).max() == 0  # one voice is still one speaker when not told
    assert cluster_speakers(one, min_speakers=2, max_speakers=3).max() + 1 == 2


# -- the warnings -------------------------------------------------------------------------


def turns(seconds: dict[str, float]) -> list[SpeakerTurn]:
    out, t = [], 0.0
    for label, length in seconds.items():
        out.append(SpeakerTurn(t, t + length, label))
        t += length + 0.5
    return out


def test_talk_time_counts_an_overlap_once_per_speaker():
    found = talk_seconds([SpeakerTurn(0, 4, "S1"), SpeakerTurn(3, 6, "S1"), SpeakerTurn(2, 3, "S2")])
    assert found == {"S1": 6.0, "S2": 1.0}


def test_a_count_found_with_enough_speech_each_is_not_warned_about():
    plenty = {f"S{i}": 60.0 for i in range(1, 7)}
    assert count_warnings(turns(plenty), None) == []
    assert count_warnings(turns(plenty), parse_speakers("5-8")) == []
    assert count_warnings(turns(plenty), parse_speakers("6")) == []


def test_reaching_the_cap_or_the_top_of_the_range_is_warned_about():
    ten = {f"S{i}": 60.0 for i in range(1, FOCUS_GROUP_MAX + 1)}
    (warning,) = count_warnings(turns(ten), None)
    assert f"Found {FOCUS_GROUP_MAX} speakers, the most Transkript looks for" in warning
    assert "--speakers 10-14" in warning
    eight = {f"S{i}": 60.0 for i in range(1, 9)}
    (warning,) = count_warnings(turns(eight), parse_speakers("5-8"))
    assert "the top of the range 5-8 you gave" in warning
    assert count_warnings(turns(eight), parse_speakers("8")) == []  # told exactly: nothing to say


def test_fewer_than_the_least_asked_for_is_warned_about():
    four = {f"S{i}": 60.0 for i in range(1, 5)}
    (warning,) = count_warnings(turns(four), parse_speakers("5-8"))
    assert "Found only 4 speakers of the 5 or more you gave" in warning


def test_a_speaker_heard_for_very_little_is_named_with_their_time():
    group = {"S1": 120.0, "S2": 40.0, "S3": 30.0, "S4": 3.2, "S5": LITTLE_SPEECH_SECONDS + 0.1, "S6": 1.5}
    (warning,) = count_warnings(turns(group), None)
    assert warning.startswith("Little speech from S4 (3.2 s), S6 (1.5 s):")
    assert "S5" not in warning


# -- through the stage and the CLI ----------------------------------------------------------


@pytest.fixture
def focus_group_project(tmp_path):
    """A focus-group project with words and a (silent) recording; speakers come from a stand-in."""
    recording = tmp_path / "fg.wav"
    write_wav(recording, np.zeros(16_000 * 20, np.float32))
    segments = [
        Segment(i, float(i), i + 0.8, " ord", [Word(" ord", float(i), i + 0.8, 0.9)]) for i in range(18)
    ]
    project = Project(metadata=Metadata(kind="focus_group"), segments=segments)
    path = tmp_path / "fg.transkript.json"
    project.set_audio_file(recording, path)
    project.audio.sha256 = file_sha256(recording)
    save_project(project, path)
    return path


@pytest.fixture
def stand_in(monkeypatch):
    """The built-in diariser replaced: it keeps what it was asked and finds eight speakers, two of
    whom say a word or two."""
    asked = []

    def find_turns(audio, *, speakers, pipeline_path, on_progress, cancel):
        asked.append(speakers)
        found = [SpeakerTurn(float(3 * i), float(3 * i + 3), f"S{i % 6 + 1}") for i in range(24)]
        return [*found, SpeakerTurn(72.0, 73.5, "S7"), SpeakerTurn(74.0, 74.5, "S8")]

    entry = dataclasses.replace(registry.DIARISERS["builtin"], find_turns=find_turns)
    monkeypatch.setitem(registry.DIARISERS, "builtin", entry)
    return asked


def test_a_range_and_the_warnings_are_kept_with_the_project_and_printed(
    focus_group_project, stand_in, capsys
):
    assert main(["diarise", str(focus_group_project), "--speakers", "5-8", "--no-voices"]) == 0
    assert stand_in == [SpeakerCount(5, 8)]
    err = capsys.readouterr().err
    assert "Warning: Found 8 speakers, the top of the range 5-8 you gave" in err
    assert "Warning: Little speech from S7 (1.5 s), S8 (0.5 s): a speaker heard for under 8 seconds" in err
    record = load_project(focus_group_project).diarisation
    assert (record.speakers_requested, record.speakers_range, record.speakers_found) == (None, (5, 8), 8)
    assert len(record.warnings) == 2
    assert DiarisationRecord.from_dict(record.to_dict()) == record


def test_a_count_given_is_recorded_as_before(focus_group_project, stand_in):
    assert main(["diarise", str(focus_group_project), "--speakers", "8", "--no-voices"]) == 0
    record = load_project(focus_group_project).diarisation
    assert stand_in == [SpeakerCount(8, 8)]
    assert (record.speakers_requested, record.speakers_range) == (8, None)
    assert "speakers_range" not in record.to_dict()  # a count alone writes the record as before


def test_a_stored_range_that_makes_no_sense_is_named():
    with pytest.raises(ValueError, match="speakers_range"):
        DiarisationRecord.from_dict({"method": "x", "speakers_range": [8, 5]})


# -- the window shows them in Danish --------------------------------------------------------


def test_the_warnings_and_refusals_read_in_danish(qapp):
    from transcribe_app.gui import i18n
    from transcribe_app.gui.core_messages import core_message

    sentences = [
        *count_warnings(turns({f"S{i}": 60.0 for i in range(1, 11)}), None),
        *count_warnings(turns({f"S{i}": 60.0 for i in range(1, 9)}), parse_speakers("5-8")),
        *count_warnings(turns({"S1": 60.0, "S2": 2.0}), parse_speakers("3-6")),
    ]
    for text in ("fem", "25", "8-5"):
        with pytest.raises(BadInputError) as refused:
            parse_speakers(text)
        sentences.append(str(refused.value))
    assert len(sentences) == 7
    assert i18n.install("da")
    try:
        for english in sentences:
            danish = core_message(english)
            assert danish != english
            assert not any(word in f" {danish} " for word in (" the ", " speakers ", " you ")), danish
    finally:
        i18n.install("en")


def test_the_windows_speaker_field_takes_a_count_or_a_range(window):
    panel = window.transcription_panel
    panel.speakers_check.setChecked(True)
    for typed, passed_on in (("", None), ("2", "2"), ("5 - 8", "5-8")):
        panel.speakers_edit.setText(typed)
        assert panel._speakers_asked() == passed_on
    panel.speakers_edit.setText("8-5")
    assert panel._speakers_asked() is False  # nothing is started
    assert "runs backwards" in panel.state_label.text()
    validator = panel.speakers_edit.validator()
    assert validator.validate("fem", 0)[0] == QValidator.State.Invalid  # letters cannot be typed
    panel.speakers_check.setChecked(False)
    panel.speakers_edit.setText("5-8")
    assert panel._speakers_asked() is None  # speakers are not looked for
