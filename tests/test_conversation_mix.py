"""The diarisation dev set generator (bench/conversation_mix.py): its RTTM tells the truth
about who speaks when, overlaps included, its channels do what they claim, and a seed
gives the same mix every time."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import conversation_mix as cm  # noqa: E402

from transcribe_app.core.asr.audio import decode_audio  # noqa: E402
from transcribe_app.core.diarise.der import read_rttm  # noqa: E402


@pytest.fixture(scope="module")
def clips():
    return cm.load_clips()


@pytest.fixture(scope="module")
def mix(clips):
    return cm.arrange(cm.MixSettings(seed=5), clips)


def _band_share(audio: np.ndarray, above_hz: float) -> float:
    power = np.abs(np.fft.rfft(audio)) ** 2
    freqs = np.fft.rfftfreq(len(audio), 1 / cm.RATE)
    return float(power[freqs > above_hz].sum() / power.sum())


def test_each_speaker_is_heard_exactly_inside_their_rttm_turns(mix):
    n = len(mix.audio["wideband"])
    for speaker, track in mix.tracks.items():
        inside = np.zeros(n, dtype=bool)
        for t in mix.turns:
            if t.speaker == speaker:
                a, b = round(t.start * cm.RATE), round(t.end * cm.RATE)
                inside[a:b] = True
                # trimmed to voice: the first and last 10 ms of a turn carry the speaker's sound
                assert np.abs(track[a : a + 160]).max() > 0 and np.abs(track[b - 160 : b]).max() > 0
        assert not track[~inside].any(), speaker  # silent outside the turns: no speech unlabelled


def test_overlaps_in_the_rttm_are_two_voices_at_once_and_about_a_third_of_the_turns(mix):
    active = np.stack([np.abs(t) > 0 for t in mix.tracks.values()])
    rttm_overlap = np.zeros(active.shape[1], dtype=bool)
    counts = np.zeros(active.shape[1], dtype=int)
    for t in mix.turns:
        counts[round(t.start * cm.RATE) : round(t.end * cm.RATE)] += 1
    rttm_overlap = counts >= 2
    assert counts.max() == 2  # never three voices at once
    # where the RTTM says two people speak, two tracks carry sound (allowing for zero crossings)
    both = active.sum(axis=0) >= 2
    assert both[rttm_overlap].mean() > 0.9
    assert not both[~rttm_overlap].any()
    share = sum(t.overlaps_previous for t in mix.turns) / (len(mix.turns) - 1)
    assert 0.2 <= share <= 0.45
    assert mix.overlap_seconds() == pytest.approx(rttm_overlap.sum() / cm.RATE)
    for earlier, later in zip(mix.turns, mix.turns[1:], strict=False):
        assert later.overlaps_previous == (later.start < earlier.end)


def test_variants_have_their_channel(mix):
    wide, phone, opus, reverb = (mix.audio[v] for v in ("wideband", "telephone", "opus", "reverb"))
    assert {len(a) for a in mix.audio.values()} == {len(wide)}
    assert _band_share(wide, 3400) > 0.01  # speech and noise reach above the telephone band
    assert _band_share(phone, 3400) < 0.1 * _band_share(wide, 3400)
    assert _band_share(phone, 4000) < 1e-4  # nothing above 8 kHz sampling's Nyquist
    # the telephone copy is still the same conversation, time-aligned
    assert np.corrcoef(phone, wide)[0, 1] > 0.6
    # Opus at 14 kbit/s: lossy, yet aligned with the input to the sample
    assert 0.9 < np.corrcoef(opus, wide)[0, 1] < 0.999
    assert cm._lag(wide, opus) == 0
    # reverberation spreads each turn's energy past its end
    assert 0.5 < np.corrcoef(reverb, wide)[0, 1] < 0.97


def test_the_same_seed_gives_the_same_mix_and_another_seed_another(clips):
    settings = cm.MixSettings(seed=11, variants=("wideband",))
    first, again = cm.arrange(settings, clips), cm.arrange(settings, clips)
    assert np.array_equal(first.audio["wideband"], again.audio["wideband"])
    assert first.rttm() == again.rttm()
    other = cm.arrange(cm.MixSettings(seed=12, variants=("wideband",)), clips)
    assert other.rttm() != first.rttm()


def test_speaker_count_and_derived_voices(clips):
    two = cm.arrange(cm.MixSettings(seed=1, speakers=2, variants=("wideband",)), clips)
    assert {t.speaker for t in two.turns} == {"0042", "25"}  # the two with the most speech
    with pytest.raises(ValueError, match="derived-voices"):
        cm.arrange(cm.MixSettings(seed=1, speakers=6, variants=("wideband",)), clips)
    six = cm.arrange(cm.MixSettings(seed=1, speakers=6, derived_voices=True, variants=("wideband",)), clips)
    assert len({t.speaker for t in six.turns}) == 6
    assert set(six.derived.values()) <= {"0042", "25", "113", "0013"} and len(six.derived) == 2


def test_files_round_trip(mix, tmp_path):
    paths = cm.write_mix(mix, tmp_path, "m")
    assert {p.name for p in paths} >= {"m_wideband.flac", "m_telephone.flac", "m.rttm", "m.json"}
    turns = read_rttm(tmp_path / "m.rttm")
    assert [(t.start, round(t.end, 3), t.speaker) for t in turns] == [
        (t.start, round(t.end, 3), t.speaker) for t in mix.turns
    ]
    decoded = decode_audio(tmp_path / "m_telephone.flac").samples
    assert np.abs(decoded - mix.audio["telephone"]).max() < 2 / 32767
    meta = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    assert meta["settings"]["seed"] == 5 and meta["turn_count"] == len(mix.turns)
