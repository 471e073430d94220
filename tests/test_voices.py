"""Voices across a study: enrol a speaker once, recognise them when another interview is diarised.

The recordings are real NST voices (tests/voice_fixtures.py): interview A has the interviewer
(speaker 0042) and informant VJ (113), interview B the same interviewer with other sentences and a
speaker nobody enrolled (25, the voice nearest to 0042 in the corpus).
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.output_fixtures import every_output
from tests.voice_fixtures import interview_a, interview_b
from transcribe_app.cli import main
from transcribe_app.core.asr.audio import decode_audio
from transcribe_app.core.diarise.assign import turns_from_segments
from transcribe_app.core.diarise.labels import suggest_roster
from transcribe_app.core.diarise.stage import diarise_project
from transcribe_app.core.errors import BadInputError
from transcribe_app.core.project.diarisation import LABELLED, UNKNOWN
from transcribe_app.core.project.file import load_project, project_json, save_project
from transcribe_app.core.project.record import Metadata, Project, RosterEntry
from transcribe_app.core.voices.enrol import enrol_voice
from transcribe_app.core.voices.matching import (
    DEFAULT_THRESHOLD,
    MARGIN,
    compare_voices,
    decide,
    label_recognised,
)
from transcribe_app.core.voices.profile import VoiceProfile, read_profile, study_voices

EXIT_BAD_INPUT = 2


@pytest.fixture(scope="module")
def study(tmp_path_factory) -> Path:
    """A study folder: interview A beside the voices, interview B one folder below; I and VJ enrolled."""
    folder = tmp_path_factory.mktemp("study")
    a = interview_a(folder)
    (folder / "b").mkdir()
    interview_b(folder / "b")
    project = load_project(a.project)
    enrol_voice(folder, project, a.project, "S1", "I")
    enrol_voice(folder, project, a.project, "VJ", "VJ")  # by the roster's code
    return folder


@pytest.fixture
def second(study, tmp_path) -> Path:
    """A fresh copy of interview B (not diarised) inside the study."""
    folder = study / "b"
    target = folder / f"{tmp_path.name}.transkript.json"
    shutil.copy(folder / "interview_b.transkript.json", target)
    return target


def truth_of_b(project: Project) -> dict[str, set[str]]:
    """NST speaker → the labels diarisation gave the words in that speaker's utterances."""
    truth = interview_b_truth()
    seen: dict[str, set[str]] = {}
    for segment, (_start, _end, speaker) in zip(project.segments, truth, strict=True):
        seen.setdefault(speaker, set()).update(w.speaker for w in segment.words)
    return seen


def interview_b_truth() -> list[tuple[float, float, str]]:
    from tests.voice_fixtures import B_SPAN, NST_DIR

    reference = json.loads((NST_DIR / "longform_4spk.json").read_text(encoding="utf-8"))
    start, end = B_SPAN
    return [
        (t["start"], t["end"], t["speaker"])
        for t in reference["turns"]
        if start <= t["start"] and t["end"] <= end
    ]


# --- recognition on real voices ------------------------------------------------------------------


def test_the_enrolled_interviewer_is_labelled_in_a_second_interview_and_a_stranger_is_not(study, second):
    project = diarise_project(load_project(second), second)
    codes = {entry.label: entry.code for entry in project.roster}
    seen = truth_of_b(project)
    assert len(seen["0042"]) == 1 and len(seen["25"]) == 1, seen  # one label per voice
    (interviewer,), (stranger,) = seen["0042"], seen["25"]
    assert codes[interviewer] == "I"
    # The unknown speaker is not given the other enrolled voice (VJ); it keeps the informant's suggestion.
    assert codes[stranger] == "HEK"
    stored = load_project(second).diarisation.voices
    assert stored.threshold == DEFAULT_THRESHOLD and stored.voices == ["I", "VJ"]
    outcomes = {s.speaker: (s.voice, s.outcome, s.similarity) for s in stored.speakers}
    assert outcomes[interviewer][:2] == ("I", LABELLED) and outcomes[interviewer][2] >= DEFAULT_THRESHOLD
    assert outcomes[stranger][1] == UNKNOWN and outcomes[stranger][2] < DEFAULT_THRESHOLD
    print(f"\nsimilarities: {outcomes}")


def test_the_threshold_is_settable_and_the_comparison_is_printed_and_stored(study, second, capsys):
    assert main(["diarise", str(second), "--voice-threshold", "1.5"]) == EXIT_BAD_INPUT
    assert "voice threshold must be above 0 and at most 1" in capsys.readouterr().err
    assert main(["diarise", str(second), "--voice-threshold", "0.85"]) == 0
    err = capsys.readouterr().err
    assert "Compared with the study's voices (I, VJ; threshold 0.85):" in err
    assert re.search(r"S\d is I: similarity 0\.\d\d\.", err) and "no enrolled voice (nearest" in err
    text = second.read_text(encoding="utf-8")
    project = load_project(second)
    assert project.diarisation.voices.threshold == 0.85 and '"threshold": 0.85' in text
    assert project_json(project) == text  # the record round-trips byte for byte
    # The same speakers against a threshold nobody passes: nobody is labelled, the similarities stay.
    audio = decode_audio(project.audio_file(second)).samples
    check, recognised = compare_voices(
        audio, turns_from_segments(project.segments), study_voices(study), threshold=0.99
    )
    assert recognised == {} and {s.outcome for s in check.speakers} == {UNKNOWN}
    stored = [s.similarity for s in project.diarisation.voices.speakers]
    assert [s.similarity for s in check.speakers] == pytest.approx(stored, abs=0.02)  # the words' turns


# --- the voices command --------------------------------------------------------------------------


def test_enrol_list_and_remove_through_the_command(study, tmp_path, capsys):
    own = tmp_path / "own-study"
    own.mkdir()
    a = study / "interview_a.transkript.json"
    assert main(["voices", "list", str(own)]) == 0
    assert "No voices are enrolled" in capsys.readouterr().out
    assert main(["voices", "enrol", str(own), "--from", str(a), "--speaker", "S1", "--as", "I"]) == 0
    assert "Enrolled S1 of interview_a.transkript.json as I (interviewer)" in capsys.readouterr().err
    profile = read_profile(own / "voices" / "I.voice.json")
    assert profile.source_speaker == "S1" and profile.speech_seconds >= 10 and len(profile.embedding) == 256
    assert main(["voices", "enrol", str(own), "--from", str(a), "--speaker", "S1", "--as", "I"]) == 2
    assert "already enrolled as “I”" in capsys.readouterr().err
    assert main(["voices", "list", str(own)]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0].split()[:3] == ["code", "role", "speech"] and listed[1].split()[:2] == [
        "I",
        "interviewer",
    ]
    assert main(["voices", "remove", str(own), "I"]) == 0
    assert not (own / "voices" / "I.voice.json").exists() and study_voices(own) == []
    capsys.readouterr()
    assert main(["voices", "remove", str(own), "I"]) == EXIT_BAD_INPUT
    assert "No voice “I” is enrolled" in capsys.readouterr().err


def test_bad_input_is_a_sentence_and_writes_nothing(study, tmp_path, capsys):
    a = study / "interview_a.transkript.json"
    own = tmp_path / "s"
    own.mkdir()

    def enrol(*extra: str, project: Path = a) -> str:
        assert main(["voices", "enrol", str(own), "--from", str(project), *extra]) == EXIT_BAD_INPUT
        return capsys.readouterr().err

    assert "No speaker “S3” in this project. Speakers: S1 (I), S2 (VJ)" in enrol(
        "--speaker", "S3", "--as", "X"
    )
    assert "cannot name a voice" in enrol("--speaker", "S1", "--as", "../I")
    # Interview A with all but one of the informant's sentences given to the interviewer.
    little = load_project(a)
    for segment in little.segments[3:]:
        segment.speaker = "S1"
        for word in segment.words:
            word.speaker = "S1"
    little_path = study / "little.transkript.json"
    save_project(little, little_path)
    err = enrol("--speaker", "S2", "--as", "VJ", project=little_path)
    assert re.search(
        r"“S2” speaks for only \d s of clear speech in “little.transkript.json”; .* at least 10 s", err
    )
    typed = tmp_path / "typed.txt"
    typed.write_text("I: Hej.\nVJ: Goddag.\n", encoding="utf-8")
    imported = tmp_path / "typed.transkript.json"
    assert main(["import", str(typed), "-o", str(imported)]) == 0
    assert "has no recording" in enrol("--speaker", "VJ", "--as", "VJ", project=imported)
    assert not (own / "voices").exists() or not any((own / "voices").iterdir())
    with pytest.raises(BadInputError, match="study folder .* does not exist"):
        enrol_voice(tmp_path / "nowhere", load_project(a), a, "S1", "I")


@pytest.mark.parametrize(
    "damage, says",
    [
        (lambda text: text[: len(text) // 2], "is damaged and cannot be used (Expecting"),
        (
            lambda text: text.replace('"embedding": [', '"embedding": [0.5, '),
            "(voice.embedding must be 256 numbers (it has 257))",
        ),
        (
            lambda text: text.replace('"code": "I"', '"code": "VJ"'),
            "it holds the voice of “VJ”, not of “I” as its name says",
        ),
    ],
)
def test_a_damaged_voice_file_is_a_sentence_naming_it(study, tmp_path, capsys, damage, says):
    own = tmp_path / "s"
    shutil.copytree(study / "voices", own / "voices")
    shutil.copytree(study / "b", own / "b")
    voice = own / "voices" / "I.voice.json"
    voice.write_text(damage(voice.read_text(encoding="utf-8")), encoding="utf-8")
    assert main(["voices", "list", str(own)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert says in err and str(voice) in err and "voices remove" in err
    # Diarising in that study stops before any work, and leaves the project as it was.
    project = own / "b" / "interview_b.transkript.json"
    before = project.read_bytes()
    assert main(["diarise", str(project)]) == EXIT_BAD_INPUT
    assert says in capsys.readouterr().err and project.read_bytes() == before
    assert main(["voices", "remove", str(own), "I"]) == 0  # a damaged voice can still be removed


# --- the decision and the roster -----------------------------------------------------------------


def test_two_speakers_close_to_one_voice_are_left_for_the_researcher():
    # Diarisation split the interviewer in two: both sound like I; neither is labelled.
    assert decide({("S1", "I"): 0.90, ("S2", "I"): 0.88, ("S3", "I"): 0.55}, 0.8) == {}
    # A clear winner is labelled; the runner-up, far below, stays unknown.
    assert decide({("S1", "I"): 0.92, ("S2", "I"): 0.81}, 0.8) == {"S1": "I"}
    # One speaker that sounds like two enrolled voices is labelled with neither.
    assert decide({("S1", "I"): 0.86, ("S1", "VJ"): 0.84}, 0.8) == {}


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.tuples(st.sampled_from(["S1", "S2", "S3"]), st.sampled_from(["I", "VJ", "HEK"])),
        st.floats(0.3, 1.0),
        min_size=1,
    ),
    st.floats(0.5, 0.95),
)
def test_no_voice_goes_to_two_speakers_and_every_label_passed_the_threshold(scores, threshold):
    chosen = decide(scores, threshold)
    assert len(set(chosen.values())) == len(chosen)  # one speaker per voice
    for label, code in chosen.items():
        score = scores[(label, code)]
        assert score >= threshold
        rivals = [s for (lab, c), s in scores.items() if (lab == label) != (c == code)]
        assert all(score - rival >= MARGIN for rival in rivals)


def voice(code: str, role: str) -> VoiceProfile:
    return VoiceProfile(code, role, (1.0,) + (0.0,) * 255, "a.transkript.json", "S1", 30.0, "2026-01-01")


def test_the_interviewer_recognised_second_makes_the_first_speaker_the_informant():
    project = Project(metadata=Metadata(kind="elite", citation_code="VJ"))
    recognised = {"S2": voice("I", "interviewer")}
    label_recognised(project, recognised)
    suggest_roster(project, ["S1", "S2"], recognised=recognised)
    assert sorted((e.label, e.code, e.role) for e in project.roster) == [
        ("S1", "VJ", "informant"),
        ("S2", "I", "interviewer"),
    ]


def test_a_person_already_on_the_roster_gets_the_voice_and_codes_stay_unique():
    project = Project(metadata=Metadata(kind="elite", citation_code="HEK"))
    project.roster = [RosterEntry(label="", name="Hanne Kjær", code="HEK", role="informant")]
    recognised = {"S1": voice("HEK", "informant")}
    label_recognised(project, recognised)
    suggest_roster(project, ["S1", "S2"], recognised=recognised)
    assert [(e.label, e.name, e.code) for e in project.roster] == [
        ("S1", "Hanne Kjær", "HEK"),
        ("S2", "", "I"),
    ]
    # Diarised again, the voice now lands on S2: S1 gives up the code (a swap), nobody has it twice.
    label_recognised(project, {"S2": voice("HEK", "informant")})
    codes = [e.code for e in project.roster]
    assert len(codes) == len(set(codes)) and {e.label: e.code for e in project.roster}["S2"] == "HEK"


def test_a_profile_round_trips(study):
    profile = read_profile(study / "voices" / "I.voice.json")
    assert VoiceProfile.from_dict(json.loads(json.dumps(profile.to_dict()))) == profile


# --- never in an export --------------------------------------------------------------------------


def test_no_output_reads_the_voices_or_carries_an_embedding(study, second, capsys):
    assert main(["diarise", str(second), "--no-voices"]) == 0
    assert load_project(second).diarisation.voices is None and "study's voices" not in capsys.readouterr().err
    folder = second.parent / f"out-{second.stem}"
    folder.mkdir()
    key = folder / "key.json"
    appendix = ["export", str(second), "--pseudonymise", "--accept-review", "--key", str(key)]
    assert main([*appendix, "-o", str(folder / "bilag.txt")]) == 0
    voices = (study / "voices").resolve()
    touched: list[str] = []
    opened: list[str] = []

    def watch(event: str, args: tuple) -> None:
        if watching and event in ("open", "os.listdir", "os.scandir") and args and isinstance(args[0], str):
            opened.append(args[0])
            if Path(args[0]).resolve().is_relative_to(voices):
                touched.append(f"{event} {args[0]}")

    watching = True
    sys.addaudithook(watch)  # hooks cannot be removed: ``watching`` turns this one off
    try:
        outputs = every_output(second, folder, capsys)
    finally:
        watching = False
    assert any(Path(p).name == second.name for p in opened)  # the hook saw the project read
    assert touched == []
    profile = read_profile(study / "voices" / "I.voice.json")
    fingerprints = [f"{x:.6f}".rstrip("0") for x in profile.embedding if abs(x) > 0.01][:8]
    assert any(code == 0 for code, _ in outputs.values())
    for output, (_code, text) in outputs.items():
        assert "voice.json" not in text and not any(f in text for f in fingerprints), output


def test_comparing_voices_stops_when_cancelled(study):
    import threading

    from transcribe_app.core.diarise.turns import SpeakerTurn
    from transcribe_app.core.errors import Cancelled

    audio = decode_audio(study / "interview_a.wav").samples
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        compare_voices(audio, [SpeakerTurn(0.0, 4.0, "S1")], study_voices(study), cancel=cancel)
