"""DER with overlapping reference speech: counted per speaker, or left out on request."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transcribe_app.core.diarise.der import diarisation_error_rate
from transcribe_app.core.diarise.turns import SpeakerTurn

REF = [SpeakerTurn(0, 10, "A"), SpeakerTurn(5, 15, "B")]  # 5-10: both talk


def test_both_voices_of_an_overlap_found_is_no_error():
    hypothesis = [SpeakerTurn(0, 10, "x"), SpeakerTurn(5, 15, "y")]
    assert diarisation_error_rate(REF, hypothesis, collar=0).der == 0


def test_one_speaker_at_a_time_misses_the_second_voice_unless_overlap_is_skipped():
    hypothesis = [SpeakerTurn(0, 5, "x"), SpeakerTurn(5, 15, "y")]
    full = diarisation_error_rate(REF, hypothesis, collar=0)
    assert full.total == pytest.approx(20) and full.missed == pytest.approx(5)
    assert full.confusion == 0 and full.false_alarm == 0
    skipped = diarisation_error_rate(REF, hypothesis, collar=0, skip_overlap=True)
    assert skipped.total == pytest.approx(10) and skipped.der == 0


def test_skipping_overlap_still_counts_a_second_voice_where_one_person_talks():
    hypothesis = [SpeakerTurn(0, 10, "x"), SpeakerTurn(0, 10, "y")]
    result = diarisation_error_rate([SpeakerTurn(0, 10, "A"), SpeakerTurn(5, 10, "B")], hypothesis, collar=0)
    assert result.false_alarm == pytest.approx(5)  # y during 0-5, when only A talks
    skipped = diarisation_error_rate(
        [SpeakerTurn(0, 10, "A"), SpeakerTurn(5, 10, "B")], hypothesis, collar=0, skip_overlap=True
    )
    assert skipped.total == pytest.approx(5) and skipped.false_alarm == pytest.approx(5)


def test_wrong_voice_in_an_overlap_is_confusion():
    hypothesis = [SpeakerTurn(0, 15, "x"), SpeakerTurn(5, 10, "y")]
    result = diarisation_error_rate(REF, hypothesis, collar=0)
    # whichever way x and y are mapped, one of the two single-speaker stretches is the wrong voice
    assert result.confusion == pytest.approx(5) and result.missed == 0 and result.false_alarm == 0


turns = st.lists(
    st.tuples(st.integers(0, 40), st.integers(1, 8), st.sampled_from("ABC")), min_size=1, max_size=6
)


@settings(max_examples=40, deadline=None)
@given(turns, turns)
def test_without_overlap_in_the_reference_skipping_changes_nothing(ref_spec, hyp_spec):
    reference, end = [], 0
    for gap, length, speaker in ref_spec:  # one after another: no overlap
        reference.append(SpeakerTurn(end + gap / 4, end + gap / 4 + length, speaker))
        end = reference[-1].end
    hypothesis = [SpeakerTurn(s / 2, s / 2 + n, x.lower()) for s, n, x in hyp_spec]
    plain = diarisation_error_rate(reference, hypothesis)
    skipped = diarisation_error_rate(reference, hypothesis, skip_overlap=True)
    assert skipped.der == pytest.approx(plain.der) and skipped.total == pytest.approx(plain.total)
