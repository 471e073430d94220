"""Speaker diarisation: the scorer, word-level assignment, and real voices.

The real-audio tests run the real voice encoder (weights from the resemblyzer
wheel) and real Whisper base on real NST speech; every figure is printed so a
run shows how close to the limit it is.
"""

from __future__ import annotations

import copy
import csv
import threading
from pathlib import Path

import numpy as np
import pytest

from tests.speech import LONGFORM, NST_DIR, write_wav
from transcribe_app.core.asr import TranscriptionOptions
from transcribe_app.core.asr.audio import decode_audio
from transcribe_app.core.asr.stage import TranscriptionRequest, transcribe_recording
from transcribe_app.core.diarise import SpeakerTurn, assign_speakers, diarise
from transcribe_app.core.diarise.assign import needs_speaker_review, speaker_review_count, turns_from_segments
from transcribe_app.core.diarise.der import diarisation_error_rate, read_rttm, write_rttm
from transcribe_app.core.diarise.turns import build_turns
from transcribe_app.core.errors import Cancelled, ModelNotAvailableError
from transcribe_app.core.project.transcript import Segment, Word

LONGFORM_RTTM = NST_DIR / "longform_4spk.rttm"
SR = 16_000


def turn(start, end, speaker):
    return SpeakerTurn(start, end, speaker)


# --- the DER scorer, on cases whose answer is known by hand ---------------------------


REF = [turn(0, 10, "A"), turn(12, 20, "B"), turn(21, 30, "A")]


def test_der_is_zero_for_a_perfect_hypothesis():
    result = diarisation_error_rate(REF, REF)
    # Collars cut 0.25 s inside each boundary (the one at 0 s has nothing outside to cut).
    assert result.der == 0 and result.total == pytest.approx(27 - 6 * 0.25)


def test_der_ignores_label_names():
    swapped = [turn(t.start, t.end, {"A": "S2", "B": "S1"}[t.speaker]) for t in REF]
    result = diarisation_error_rate(REF, swapped)
    assert result.der == 0
    assert result.mapping == {"S2": "A", "S1": "B"}


def test_der_counts_a_missed_turn():
    result = diarisation_error_rate(REF, REF[:2])
    # The last turn (21-30) is missed except its collars: 9 - 2 x 0.25 s.
    assert result.missed == pytest.approx(8.5)
    assert result.false_alarm == 0 and result.confusion == 0
    assert result.der == pytest.approx(8.5 / 25.5)


def test_der_counts_confusion_and_false_alarm():
    hypothesis = [turn(0, 10, "x"), turn(12, 20, "x"), turn(21, 30, "y"), turn(40, 42, "y")]
    result = diarisation_error_rate(REF, hypothesis)
    # x covers A's first turn (9.5 s scored) and B (7.5 s), y A's second (8.5 s): the best
    # one-to-one mapping is x→B, y→A (16 s agree), so A's first turn is confusion.
    assert result.mapping == {"x": "B", "y": "A"}
    assert result.confusion == pytest.approx(9.5)
    assert result.false_alarm == pytest.approx(2.0)
    assert result.missed == 0
    assert result.matrix.tolist() == [[9.5, 8.5], [7.5, 0.0]]


def test_der_collar_forgives_small_boundary_shifts():
    shifted = [turn(t.start + 0.2, t.end - 0.2, t.speaker) for t in REF]
    assert diarisation_error_rate(REF, shifted).der == 0
    assert diarisation_error_rate(REF, shifted, collar=0.0).missed == pytest.approx(6 * 0.2)


def test_der_weights_overlapping_speech_by_speaker_count():
    reference = [turn(0, 10, "A"), turn(5, 10, "B")]
    result = diarisation_error_rate(reference, [turn(0, 10, "x")], collar=0.0)
    assert result.total == pytest.approx(15.0) and result.missed == pytest.approx(5.0)


def test_rttm_round_trip(tmp_path):
    write_rttm(REF, tmp_path / "a.rttm", recording="interview")
    assert read_rttm(tmp_path / "a.rttm") == REF
    assert len(read_rttm(LONGFORM_RTTM)) == 19


# --- smoothing and naming of turns ----------------------------------------------------


def test_turns_are_named_by_first_appearance_and_flickers_dropped():
    pieces = [(0.0, 3.0, 7), (3.0, 3.4, 2), (3.4, 6.0, 7), (8.0, 10.0, 2), (12.0, 12.3, 5)]
    turns = build_turns(pieces)
    # The 0.4 s blip inside speaker 7's speech goes to 7; the short turn alone after a pause stays.
    assert turns == [turn(0.0, 6.0, "S1"), turn(8.0, 10.0, "S2"), turn(12.0, 12.3, "S3")]


# --- word-level assignment --------------------------------------------------------------


def words(*spec):
    return [Word(text, start, end, 0.9) for text, start, end in spec]


def interview() -> list[Segment]:
    first = words(
        (" Hvad", 0.0, 0.4),
        (" laver", 0.5, 0.9),
        (" du?", 1.0, 1.4),
        (" Jeg", 1.9, 2.1),
        (" er", 2.2, 2.4),
        (" leder.", 2.5, 3.0),
    )
    second = words((" I", 3.5, 3.7), (" Herning", 3.8, 4.4), (" Kommune.", 4.5, 5.2))
    return [
        Segment(1, 0.0, 3.0, " Hvad laver du? Jeg er leder.", first),
        Segment(2, 3.5, 5.2, " I Herning Kommune.", second),
    ]


TURNS = [turn(0.0, 1.5, "S1"), turn(1.8, 5.3, "S2")]


def test_a_segment_spanning_a_change_is_split_at_the_word_boundary():
    out = assign_speakers(interview(), TURNS)
    assert [(s.id, s.speaker, s.text, s.start, s.end) for s in out] == [
        (1, "S1", " Hvad laver du?", 0.0, 1.4),
        (2, "S2", " Jeg er leder.", 1.9, 3.0),
        (3, "S2", " I Herning Kommune.", 3.5, 5.2),
    ]
    assert all(w.speaker == s.speaker for s in out for w in s.words)


def test_assignment_does_not_mutate_its_input():
    segments = interview()
    before = copy.deepcopy(segments)
    out = assign_speakers(segments, TURNS)
    assert segments == before
    out[0].words[0].text = " changed"
    assert segments[0].words[0].text == " Hvad"


def test_words_near_a_change_are_marked_for_review():
    out = assign_speakers(interview(), TURNS)
    confidence = {w.text.strip(): w.speaker_confidence for s in out for w in s.words}
    # Change between 1.5 and 1.8: "du?" (ends 1.4) and "Jeg" (starts 1.9) are within 0.5 s.
    assert confidence["du?"] < 0.6 and confidence["Jeg"] < 0.6 and confidence["er"] < 0.6
    assert confidence["Hvad"] == 1.0 and confidence["Kommune."] == 1.0
    assert speaker_review_count(out) == sum(needs_speaker_review(w) for s in out for w in s.words) >= 3


def test_words_in_a_long_pause_go_to_the_nearer_turn_and_are_doubted():
    out = assign_speakers(interview(), [turn(0.0, 1.4, "S1"), turn(3.4, 5.3, "S2")])
    # 2 s of silence separates the turns: words in it go to the nearer turn, with lower
    # confidence only because they lie between two different speakers.
    by_word = {w.text.strip(): (w.speaker, w.speaker_confidence) for s in out for w in s.words}
    assert by_word["du?"] == ("S1", 1.0) and by_word["Herning"] == ("S2", 1.0)
    assert by_word["Jeg"] == ("S1", 0.5) and by_word["leder."] == ("S2", 0.5)


def test_overlapping_turns_lower_the_confidence_and_the_larger_share_wins():
    segment = Segment(0, 0.0, 1.0, " ja", words((" ja", 0.0, 1.0)))
    out = assign_speakers([segment], [turn(0.0, 0.7, "S1"), turn(0.4, 3.0, "S2")])
    word = out[0].words[0]
    assert word.speaker == "S1" and word.speaker_confidence < 0.6


def test_a_short_interruption_inside_one_speakers_stretch_is_doubted():
    segment = Segment(
        0, 0.0, 9.0, " a b c d", words((" a", 0.0, 3.0), (" b", 4.0, 4.3), (" c", 5.5, 8.0), (" d", 8.2, 9.0))
    )
    turns = [turn(0.0, 3.2, "S1"), turn(3.9, 4.4, "S2"), turn(5.4, 9.0, "S1")]
    out = assign_speakers([segment], turns)
    assert [s.speaker for s in out] == ["S1", "S2", "S1"]
    assert out[1].words[0].speaker_confidence <= 0.4


def test_words_without_times_follow_their_neighbour_and_confidence_survives_saving():
    segment = Segment(0, 0.0, 2.0, " a b", [Word(" a", 0.0, 1.0), Word(" b")])
    out = assign_speakers([segment], [turn(0.0, 2.0, "S1")])
    assert [w.speaker for w in out[0].words] == ["S1", "S1"]
    word = out[0].words[0]
    assert Word.from_dict(word.to_dict()) == word
    assert "speaker_confidence" not in Word(" x").to_dict()  # undiarised files keep their layout


def test_no_turns_leaves_the_transcript_as_it_was():
    assert assign_speakers(interview(), []) == interview()


# --- the voice encoder -----------------------------------------------------------------


def test_numpy_encoder_matches_the_pytorch_network():
    torch = pytest.importorskip("torch", reason="the cross-check needs PyTorch (the whisper extra)")
    from transcribe_app.core.diarise.encoder import find_weights, load_encoder

    state = torch.load(find_weights(), map_location="cpu", weights_only=False)["model_state"]
    lstm, linear = torch.nn.LSTM(40, 256, 3, batch_first=True), torch.nn.Linear(256, 256)
    lstm.load_state_dict({k[5:]: v for k, v in state.items() if k.startswith("lstm.")})
    linear.load_state_dict({k[7:]: v for k, v in state.items() if k.startswith("linear.")})
    mels = np.random.default_rng(0).random((3, 160, 40), dtype=np.float32)
    with torch.no_grad():
        _, (hidden, _) = lstm(torch.from_numpy(mels))
        expected = torch.nn.functional.normalize(torch.relu(linear(hidden[-1])), dim=1).numpy()
    assert np.abs(load_encoder().embed_mels(mels) - expected).max() < 1e-4


def test_the_voice_encoder_weights_are_the_published_ones():
    from tests.model_files import sha256_of
    from transcribe_app.core.diarise.encoder import WEIGHTS_SHA256, find_weights

    assert sha256_of(find_weights()) == WEIGHTS_SHA256


def test_a_missing_voice_model_says_how_to_get_it(isolated_models, monkeypatch):
    from transcribe_app.core.diarise import encoder

    monkeypatch.setattr(encoder.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ModelNotAvailableError, match="resemblyzer"):
        encoder.find_weights()


# --- real voices -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def longform_audio() -> np.ndarray:
    return decode_audio(LONGFORM).samples


def report(name: str, result) -> None:
    print(f"\n{name}\n{result.summary()}\nmapping {result.mapping}")


def test_longform_der_with_the_speaker_count_given(longform_audio):
    result = diarisation_error_rate(read_rttm(LONGFORM_RTTM), diarise(longform_audio, speakers=4))
    report("longform, 4 speakers given (turns)", result)
    assert result.der <= 0.15


def test_longform_der_with_the_speaker_count_estimated(longform_audio):
    turns = diarise(longform_audio)
    result = diarisation_error_rate(read_rttm(LONGFORM_RTTM), turns)
    report(f"longform, count estimated as {len({t.speaker for t in turns})} (turns)", result)
    assert result.der <= 0.20


@pytest.fixture(scope="module")
def longform_segments(tmp_path_factory, faster_whisper_base) -> list[Segment]:
    folder = tmp_path_factory.mktemp("longform")
    return transcribe(LONGFORM, folder / "longform.transkript.json", faster_whisper_base)


def transcribe(audio: Path, project: Path, model: str) -> list[Segment]:
    options = TranscriptionOptions(model=model, language="da", device="cpu", temperature=(0.0,))
    request = TranscriptionRequest(audio, project, options, backend="faster-whisper")
    return transcribe_recording(request).segments


@pytest.mark.slow
@pytest.mark.parametrize("speakers", [4, None])
def test_longform_der_of_what_the_user_sees(longform_audio, longform_segments, speakers):
    turns = diarise(longform_audio, speakers=speakers)
    tagged = assign_speakers(longform_segments, turns)
    result = diarisation_error_rate(read_rttm(LONGFORM_RTTM), turns_from_segments(tagged))
    report(
        f"longform, speakers={speakers}, from speaker-tagged segments "
        f"({speaker_review_count(tagged)} words to review)",
        result,
    )
    assert result.der <= (0.15 if speakers else 0.20)


def test_silence_has_no_speakers():
    assert diarise(np.zeros(10 * SR, np.float32)) == []


def test_one_voice_is_one_speaker():
    clips = sorted((NST_DIR / "wav").glob("*u0042*.wav"))
    audio = np.concatenate([np.pad(decode_audio(c).samples, (0, SR // 2)) for c in clips])
    assert {t.speaker for t in diarise(audio)} == {"S1"}


# --- a two-person dialogue built from two NST speakers ------------------------------------


def nst_clips_of(speaker: str) -> list[Path]:
    with open(NST_DIR / "manifest.tsv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [NST_DIR / r["file"] for r in rows if r["speaker"] == speaker]


def speech_only(path: Path) -> np.ndarray:
    """The clip's speech with 0.1 s either side: the NST clips carry up to 1.3 s of room tone."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    samples = decode_audio(path).samples
    stamps = get_speech_timestamps(samples, VadOptions(min_silence_duration_ms=1000, speech_pad_ms=100))
    return samples[stamps[0]["start"] : stamps[-1]["end"]]


def build_dialogue(first: str, second: str, gap_range: tuple[float, float]):
    """Two NST speakers taking turns (whole utterances), pauses drawn from ``gap_range``."""
    a, b = nst_clips_of(first), nst_clips_of(second)
    order = [("A", a[0]), ("B", b[0]), ("A", a[1]), ("B", b[1]), ("A", a[2]), ("B", b[2])]
    order += [("A", clip) for clip in a[3:]]
    gaps = np.random.default_rng(6).uniform(*gap_range, len(order))
    pieces, truth, t = [], [], 0.0
    for (speaker, clip), gap in zip(order, gaps, strict=True):
        speech = speech_only(clip)
        truth.append(SpeakerTurn(t, t + len(speech) / SR, speaker))
        pieces += [speech, np.zeros(int(gap * SR), np.float32)]
        t += len(speech) / SR + int(gap * SR) / SR
    return np.concatenate(pieces), truth


@pytest.fixture(scope="module")
def dialogue(tmp_path_factory) -> tuple[Path, list[SpeakerTurn]]:
    """Speaker 0042 (the interviewer) and speaker 113 taking turns, 0.3-0.8 s between them."""
    audio, truth = build_dialogue("0042", "113", (0.3, 0.8))
    path = tmp_path_factory.mktemp("dialogue") / "dialogue.wav"
    write_wav(path, audio)
    return path, truth


def word_accuracy(segments: list[Segment], truth: list[SpeakerTurn]) -> tuple[float, int]:
    """Share of timed words on the right speaker, hypothesis labels mapped optimally."""
    from scipy.optimize import linear_sum_assignment

    pairs = []
    for word in (w for s in segments for w in s.words if w.start is not None):
        middle = (word.start + word.end) / 2
        nearest = min(
            truth,
            key=lambda t: (
                0 if t.start <= middle <= t.end else min(abs(t.start - middle), abs(t.end - middle))
            ),
        )
        pairs.append((nearest.speaker, word.speaker))
    refs, hyps = sorted({r for r, _ in pairs}), sorted({h for _, h in pairs})
    counts = np.zeros((len(refs), len(hyps)))
    for r, h in pairs:
        counts[refs.index(r), hyps.index(h)] += 1
    rows, cols = linear_sum_assignment(counts, maximize=True)
    return counts[rows, cols].sum() / len(pairs), len(pairs)


@pytest.fixture(scope="module")
def dialogue_segments(dialogue, faster_whisper_base, tmp_path_factory) -> list[Segment]:
    project = tmp_path_factory.mktemp("dialogue-project") / "dialogue.transkript.json"
    return transcribe(dialogue[0], project, faster_whisper_base)


@pytest.mark.slow
@pytest.mark.parametrize("speakers", [2, None])
def test_two_person_dialogue_puts_words_on_the_right_speaker(dialogue, dialogue_segments, speakers):
    path, truth = dialogue
    segments = dialogue_segments
    turns = diarise(decode_audio(path).samples, speakers=speakers)
    tagged = assign_speakers(segments, turns)
    accuracy, n = word_accuracy(tagged, truth)
    print(
        f"\ndialogue, speakers={speakers}: {100 * accuracy:.1f} % of {n} words on the right speaker, "
        f"{len({t.speaker for t in turns})} speakers found, {speaker_review_count(tagged)} words to review"
    )
    assert accuracy >= 0.95
    assert tagged[0].speaker == "S1"  # the first to speak is S1 (the interviewer, here)


def test_speakers_who_answer_without_a_pause_are_still_told_apart():
    # 0-0.15 s between turns: the voice detector hears one long stretch, so the change
    # must come from the voices alone. 0042 and 25 are the most alike pair in the corpus.
    audio, truth = build_dialogue("0042", "25", (0.0, 0.15))
    turns = diarise(audio)
    result = diarisation_error_rate(truth, turns)
    report("two speakers without pauses, count estimated (turns)", result)
    assert len(result.hypothesis_labels) == 2 and result.der <= 0.10


# --- progress and cancellation ------------------------------------------------------------


def test_progress_climbs_to_one(longform_audio):
    seen: list[float] = []
    diarise(longform_audio[: 30 * SR], on_progress=seen.append)
    assert seen[-1] == 1.0 and seen == sorted(seen) and all(0 <= f <= 1 for f in seen)


def test_cancel_stops_the_work(longform_audio):
    cancel = threading.Event()

    def stop_midway(fraction: float) -> None:
        if fraction > 0.3:
            cancel.set()

    with pytest.raises(Cancelled):
        diarise(longform_audio, on_progress=stop_midway, cancel=cancel)
    cancel.set()
    with pytest.raises(Cancelled):
        diarise(longform_audio, cancel=cancel)


def test_long_recordings_are_clustered_from_a_sample_and_keep_every_speaker():
    from transcribe_app.core.diarise.cluster import MAX_CLUSTERED, cluster_speakers

    rng = np.random.default_rng(1)
    centres = rng.standard_normal((3, 256))
    truth = rng.choice(3, MAX_CLUSTERED + 500, p=[0.7, 0.25, 0.05])  # one speaker says little
    points = centres[truth] / 16 + 0.06 * rng.standard_normal((len(truth), 256))
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    for speakers in (3, None):
        labels = cluster_speakers(points.astype(np.float32), speakers=speakers)
        # Same partition as the truth, whatever the numbering.
        assert len(set(zip(truth.tolist(), labels.tolist(), strict=True))) == 3
