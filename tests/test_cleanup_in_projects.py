"""Cleanup levels on real projects: stored, exported, reviewable, and never destructive."""

from __future__ import annotations

import copy
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transcribe_app.cli import main
from transcribe_app.core.cleanup import LEVELS
from transcribe_app.core.cleanup.transcript_view import transcript_view
from transcribe_app.core.exports.plain import to_json, to_text
from transcribe_app.core.project.file import load_project, save_project
from transcribe_app.core.project.record import Project, RosterEntry
from transcribe_app.core.project.transcript import Segment, Word


def timed_words(spec: list[tuple[str, float, float]], speaker: str) -> list[Word]:
    return [Word(text, start, end, 0.9, speaker) for text, start, end in spec]


def interview() -> Project:
    """Two turns with Whisper-style words: fillers, a stutter, a tag and pauses between words."""
    vj = timed_words(
        [
            (" Øh,", 0.0, 0.4),
            (" jeg", 0.5, 0.7),
            (" jeg", 0.8, 1.0),
            (" tror,", 2.5, 2.8),
            (" at", 2.9, 3.0),
            (" det", 3.0, 3.2),
            (" virker,", 7.4, 7.9),
            (" ikke?", 8.0, 8.3),
        ],
        "S2",
    )
    interviewer = timed_words([(" Øhm.", 9.0, 9.4)], "S1")
    return Project(
        roster=[
            RosterEntry("S1", "", "I", "interviewer"),
            RosterEntry("S2", "Vibeke Jensen", "VJ", "informant"),
        ],
        segments=[
            Segment(0, 0.0, 3.2, "".join(w.text for w in vj[:6]), vj[:6], "S2"),
            Segment(1, 7.4, 8.3, "".join(w.text for w in vj[6:]), vj[6:], "S2"),
            Segment(2, 9.0, 9.4, " Øhm.", interviewer, "S1"),
        ],
    )


def test_verbatim_view_shows_pauses_from_word_timings():
    turns = transcript_view(interview(), "verbatim")
    assert turns[0].text == "Øh, jeg jeg (.) tror, at det (4 sek.) virker, ikke?"
    assert turns[0].speaker == "VJ"


def test_levels_hide_what_the_rules_say_and_never_show_pauses():
    project = interview()
    assert [t.text for t in transcript_view(project, "clean")] == ["Jeg tror, at det virker, ikke?", ""]
    assert [t.text for t in transcript_view(project, "strict")] == ["Jeg tror, at det virker.", ""]


def test_exports_honour_the_stored_level_and_an_explicit_view():
    project = interview()
    assert to_text(project) == "[00:00:00] VJ: Jeg tror, at det virker, ikke?\n"  # clean by default
    project.cleanup_level = "strict"
    assert to_text(project) == "[00:00:00] VJ: Jeg tror, at det virker.\n"
    assert to_text(project, "verbatim").splitlines()[1] == "[00:00:09] I: Øhm."
    record = to_json(project)
    assert record["level"] == "strict"
    hidden = [(w["text"], w["hidden"]) for w in record["turns"][0]["words"] if w["hidden"]]
    assert hidden == [("Øh,", "filler"), ("jeg", "repetition"), ("ikke?", "tag")]
    assert "Vibeke" not in json.dumps(record)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(levels=st.lists(st.sampled_from(LEVELS), min_size=1, max_size=6))
def test_verbatim_layer_is_untouched_by_any_sequence_of_levels(tmp_path, levels):
    path = tmp_path / "vj.transkript.json"
    original = interview()
    save_project(original, path)
    before = copy.deepcopy([s.to_dict() for s in original.segments])
    for level in levels:
        assert main(["clean", str(path), "--level", level]) == 0
        project = load_project(path)
        transcript_view(project)
        to_json(project)
        assert [s.to_dict() for s in project.segments] == before
    assert load_project(path).cleanup_level == levels[-1]


def test_clean_diff_lists_what_the_level_hides(tmp_path, capsys):
    path = tmp_path / "vj.transkript.json"
    save_project(interview(), path)
    assert main(["clean", str(path), "--level", "clean", "--diff"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "- [00:00:00] VJ: Øh, jeg jeg tror, at det virker, ikke?"
    assert out[1] == "+ [00:00:00] VJ: Jeg tror, at det virker, ikke?"
    assert out[2] == "  hidden: Øh, (filler) · jeg (repetition)"
    assert out[4] == "+ [00:00:09] I: (the whole turn is hidden)"


def test_clean_text_reads_turns_from_standard_input(monkeypatch, capsys):
    turns = "VJ: Øh, det er det er jo lovgivningen.\nI: Hm.\nVi har en god sagsstamme, ikke?\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(turns))
    assert main(["clean-text", "--level", "strict"]) == 0
    assert capsys.readouterr().out == "VJ: Det er jo lovgivningen.\n\nVi har en god sagsstamme.\n"


def test_unknown_level_is_a_usage_error(tmp_path, capsys):
    path = tmp_path / "vj.transkript.json"
    save_project(interview(), path)
    try:
        main(["clean", str(path), "--level", "naturalised"])
    except SystemExit as stop:
        assert stop.code == 2
    assert load_project(path).cleanup_level is None


def test_transcribing_for_a_verbatim_transcript_primes_whisper_with_fillers(tmp_path, faster_whisper_base):
    from tests.test_cli import SAMPLE

    path = tmp_path / "sample.transkript.json"
    assert (
        main(
            [
                "transcribe",
                str(SAMPLE),
                "-o",
                str(path),
                "--model",
                faster_whisper_base,
                "--level",
                "verbatim",
            ]
        )
        == 0
    )
    project = load_project(path)
    assert project.cleanup_level == "verbatim"
    assert project.transcription.options["verbatim_prompt"] is True
    assert project.segments
    path2 = tmp_path / "plain.transkript.json"
    assert main(["transcribe", str(SAMPLE), "-o", str(path2), "--model", faster_whisper_base]) == 0
    assert load_project(path2).transcription.options["verbatim_prompt"] is False
