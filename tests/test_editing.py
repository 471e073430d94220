"""The researcher's corrections in core: word timings stay honest, views follow, the log holds no words."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.editor_fixtures import dev_sentences, focus_group, interview
from transcribe_app.core import editing
from transcribe_app.core.cleanup import strip_pause_marks
from transcribe_app.core.cleanup.transcript_view import transcript_view
from transcribe_app.core.errors import BadInputError
from transcribe_app.core.project.record import Project
from transcribe_app.core.project.transcript import Segment

D = dev_sentences()


def _project() -> Project:
    return interview(
        [
            ("S1", "Hvordan arbejder I med jobafklaring?"),
            ("S2", D["d01"]),  # Øh, jeg tror, at det handler om, øh, at borgeren skal føle sig hørt.
            ("S2", D["d12"]),  # Borgerne i sy- sygedagpenge får fire samtaler.
            ("S1", "Og hvad med Borgernes MSB?"),
            ("S2", D["d15"]),  # Og og så kom Borgernes MSB i 2019.
        ]
    )


def _times(segment: Segment) -> dict[str, tuple]:
    return {w.text: (w.start, w.end, w.probability) for w in segment.words}


# -- what the editor shows ---------------------------------------------------------------------------------


@pytest.mark.parametrize("level", ["verbatim", "clean", "strict"])
def test_shown_text_is_the_views_text_and_spans_point_at_the_words(level):
    project = focus_group(words=2_000)
    views = transcript_view(project, level)
    turns = editing.display_turns(project, level)
    assert [t.text for t in turns] == [v.text for v in views]
    for turn in turns[:50]:
        for place in turn.shown:
            shown = turn.text[place.start : place.end]
            assert shown == turn.tokens[place.word].text.strip()


def _paused() -> Project:
    """Two turns whose words have silences of 1.2 s, 2.5 s and 4 s between them."""
    project = interview([("S1", "Hvordan var det?"), ("S2", "Det var jo en stor omstilling for os.")])
    words = project.segments[1].words
    for index, gap in ((2, 1.2), (4, 2.5), (6, 4.0)):
        for word in words[index:]:
            word.start, word.end = round(word.start + gap, 3), round(word.end + gap, 3)
    project.segments[1].end = words[-1].end
    return project


def test_the_verbatim_view_shows_the_pause_marks_of_the_appendix_between_the_words():
    project = _paused()
    turn = editing.display_turns(project, "verbatim")[1]
    assert turn.text == "Det var (.) jo en (..) stor omstilling (4 sek.) for os."
    assert turn.text == transcript_view(project, "verbatim")[1].text
    assert [turn.text[p.start : p.end] for p in turn.shown] == turn.text.replace(" (.)", "").replace(
        " (..)", ""
    ).replace(" (4 sek.)", "").split()
    assert "(" not in editing.display_turns(project, "clean")[1].text  # the clean views drop pauses


def test_a_typed_turn_goes_back_to_the_words_without_its_pause_marks():
    project = _paused()
    turn = editing.display_turns(project, "verbatim")[1]
    editing.edit_turn(project, turn.segments, turn.text.replace("stor", "kæmpe"), "verbatim")
    assert [w.text for w in project.segments[1].words][4:6] == [" kæmpe", " omstilling"]
    assert editing.display_turns(project, "verbatim")[1].text == (
        "Det var (.) jo en (..) kæmpe omstilling (4 sek.) for os."
    )
    matches = editing.find(project, "verbatim", "omstilling")
    editing.replace_match(project, matches[0], "omstilling, øh,", "verbatim")
    # The inserted filler gets the silence after the word as its time, so that pause is gone.
    assert editing.display_turns(project, "verbatim")[1].text == (
        "Det var (.) jo en (..) kæmpe omstilling, øh, for os."
    )
    assert all("(" not in w.text for w in project.segments[1].words)


def test_show_hidden_gives_the_verbatim_text_with_the_hidden_words_flagged():
    project = _project()
    turn = editing.display_turns(project, "clean", show_hidden=True)[1]
    assert turn.text.startswith("Øh, jeg tror, at det handler om, øh, at borgeren")
    hidden = [turn.text[p.start : p.end] for p in turn.shown if p.hidden]
    assert hidden == ["Øh,", "øh,", "sy-"]


def test_a_cache_gives_the_same_turns():
    project = focus_group(words=1_000)
    cache: dict = {}
    first = editing.display_turns(project, "clean", cache=cache)
    again = editing.display_turns(project, "clean", cache=cache)
    assert [t.text for t in again] == [t.text for t in first] and cache


# -- editing text ------------------------------------------------------------------------------------------


def test_a_corrected_word_keeps_its_times_and_is_no_longer_uncertain():
    project = _project()
    segment = project.segments[2]
    segment.words[5].probability = 0.31  # "samtaler." as Whisper was unsure of it
    before = _times(segment)
    changed = editing.replace_text(project, 2, "Borgerne i sy- sygedagpenge får fire samtaler om ugen.")
    assert changed == [2]
    words = {w.text: w for w in segment.words}
    for text in (" Borgerne", " i", " sy-", " sygedagpenge", " får", " fire"):
        assert (words[text].start, words[text].end, words[text].probability) == before[text]
    assert words[" samtaler"].start == before[" samtaler."][0]  # the corrected word: its old times
    assert words[" samtaler"].end == before[" samtaler."][1]
    assert words[" samtaler"].probability is None  # checked by the researcher: no longer shaded
    # the inserted words lie between their neighbours, in order
    inserted = [words[" om"], words[" ugen."]]
    assert all(w.probability is None for w in inserted)
    assert before[" samtaler."][1] <= inserted[0].start <= inserted[0].end <= inserted[1].start
    assert segment.text == " Borgerne i sy- sygedagpenge får fire samtaler om ugen."


def test_a_word_inserted_between_two_words_gets_the_gap_between_them():
    project = _project()
    editing.replace_text(project, 0, "Hvordan arbejder I egentlig med jobafklaring?")
    words = project.segments[0].words
    i = [w.text for w in words].index(" egentlig")
    assert words[i - 1].end <= words[i].start <= words[i].end <= words[i + 1].start
    assert words[i].probability is None and words[i].speaker == "S1"
    starts = [w.start for w in words]
    assert starts == sorted(starts)


def test_two_words_rewritten_as_one_share_their_stretch():
    project = interview([("S2", "Det handler om job afklaring for syge borgere.")])
    first, second = project.segments[0].words[3], project.segments[0].words[4]
    editing.replace_text(project, 0, "Det handler om jobafklaring for syge borgere.")
    fixed = project.segments[0].words[3]
    assert fixed.text == " jobafklaring" and (fixed.start, fixed.end) == (first.start, second.end)
    assert [w.text for w in project.segments[0].words][4:] == [" for", " syge", " borgere."]


def test_an_unchanged_text_changes_nothing():
    project = _project()
    before = copy.deepcopy(project.segments)
    assert editing.replace_text(project, 1, D["d01"]) == []
    assert project.segments == before and project.edits == []


def test_deleting_every_word_empties_the_segment_and_the_turn_goes():
    project = _project()
    editing.replace_text(project, 3, "")
    assert project.segments[3].words == [] and project.segments[3].text == ""
    assert [v.speaker for v in transcript_view(project, "verbatim")] == ["I", "VJ"]


def test_an_edit_in_the_clean_view_keeps_the_hidden_fillers():
    project = _project()
    turn = editing.display_turns(project, "clean")[1]
    assert turn.text.startswith("Jeg tror, at det handler om at borgeren skal føle sig hørt.")
    new_text = turn.text.replace("borgeren skal føle sig hørt", "borgerne skal føle sig hørt")
    assert editing.edit_turn(project, turn.segments, new_text, "clean") == [1]
    verbatim = project.segments[1].text
    # the fillers (hidden in the clean view) and the comma the view dropped are still there
    assert verbatim == " Øh, jeg tror, at det handler om, øh, at borgerne skal føle sig hørt."
    assert project.segments[2].text == " Borgerne i sy- sygedagpenge får fire samtaler."


def test_the_clean_views_capital_letter_is_not_taken_for_a_correction():
    project = _project()
    turn = editing.display_turns(project, "clean")[1]
    jeg = project.segments[1].words[1]
    editing.edit_turn(project, turn.segments, turn.text + " Ja.", "clean")
    assert project.segments[1].words[1] is jeg and jeg.probability == 0.9  # shown "Jeg", stored "jeg"
    assert project.segments[2].words[-1].text == " Ja."


def test_untimed_typed_segments_stay_untimed():
    project = Project(segments=[Segment(0, None, None, "Jeg jeg synes ikke, at det giver mening.", [], "VJ")])
    assert editing.replace_text(project, 0, "Jeg synes ikke, at det giver mening.") == [0]
    assert (
        project.segments[0].words == []
        and project.segments[0].text == " Jeg synes ikke, at det giver mening."
    )


# -- speakers, split and merge ------------------------------------------------------------------------------


def test_set_turn_speaker_relabels_segments_and_words():
    project = _project()
    assert editing.set_turn_speaker(project, [3], "VJ") == [3]  # by code
    assert project.segments[3].speaker == "S2" and {w.speaker for w in project.segments[3].words} == {"S2"}
    assert [v.speaker for v in transcript_view(project, "verbatim")] == ["I", "VJ"]
    editing.set_turn_speaker(project, [4], "S3")  # a voice the roster does not know yet
    assert project.code_for("S3") == "S3" and project.roster[-1].label == "S3"


def test_split_and_merge_round_trip():
    project = _project()
    original = copy.deepcopy(project.segments[1])
    assert editing.split_segment(project, 1, 6) == [1, 2]
    first, second = project.segments[1], project.segments[2]
    assert (
        first.text == " Øh, jeg tror, at det handler"
        and second.text == " om, øh, at borgeren skal føle sig hørt."
    )
    assert first.end == first.words[-1].end and second.start == second.words[0].start
    assert (first.start, second.end) == (original.start, original.end)
    assert editing.merge_segments(project, 1, 2) == [1]
    assert project.segments[1].to_dict() == original.to_dict()
    assert len(project.segments) == 5


def test_split_and_merge_round_trip_for_a_typed_segment():
    project = Project(segments=[Segment(0, 10.0, 20.0, " Det er meget, meget vigtigt for os.", [], None)])
    editing.split_segment(project, 0, 3)
    assert [s.text for s in project.segments] == [" Det er meget,", " meget vigtigt for os."]
    assert project.segments[0].end == project.segments[1].start and 10 < project.segments[0].end < 20
    editing.merge_segments(project, 0, 1)
    assert (
        project.segments[0].text == " Det er meget, meget vigtigt for os." and project.segments[0].end == 20.0
    )


def test_split_a_turn_for_another_speaker_gives_two_turns():
    project = _project()
    turn = editing.display_turns(project, "verbatim")[1]  # S2: segments 1 and 2
    word = [w.text for w in turn.words].index(" Borgerne")  # the second segment begins here
    suggestion = editing.other_speaker(project, turn.segments[0])
    assert suggestion == "S1"
    assert editing.split_turn(project, turn.segments, word, suggestion) == [2]
    assert [v.speaker for v in transcript_view(project, "verbatim")] == ["I", "VJ", "I", "VJ"]
    turns = editing.display_turns(project, "verbatim")
    editing.merge_turns(project, turns[1].segments, turns[2].segments)
    assert [v.speaker for v in transcript_view(project, "verbatim")] == ["I", "VJ"]  # one VJ turn again


def test_the_suggested_speaker_is_the_one_shown_next_not_a_segment_typed_empty():
    """A segment whose words were all typed away keeps its old label but is shown nowhere: the
    split's suggestion skips it (it sent the second part to a speaker no longer on the screen)."""
    project = interview([("S3", "hej hej"), ("S2", "ja tak"), ("S1", "godt kommunen.")])
    editing.edit_turn(project, [1], "")
    assert [t.label for t in editing.display_turns(project)] == ["S3", "S1"]
    assert editing.other_speaker(project, 0) == "S1"


def test_split_in_the_middle_of_a_segment_inside_a_turn():
    project = _project()
    turn = editing.display_turns(project, "verbatim")[1]
    second = editing.split_turn(project, turn.segments, 9, "S1")  # before "borgeren"
    assert second == [2, 3] and len(project.segments) == 6
    views = transcript_view(project, "verbatim")
    assert [v.speaker for v in views] == ["I", "VJ", "I", "VJ"]
    assert views[1].text == "Øh, jeg tror, at det handler om, øh, at"
    assert views[2].text.startswith("borgeren skal føle sig hørt. Borgerne i sy- sygedagpenge")


def test_merging_turns_without_speakers_joins_the_segments():
    project = interview([(None, D["d03"]), (None, D["d05"])])
    turns = editing.display_turns(project, "verbatim")
    editing.merge_turns(project, turns[0].segments, turns[1].segments)
    assert len(project.segments) == 1 and project.segments[0].text == " " + D["d03"] + " " + D["d05"]


def test_a_split_outside_the_words_is_refused():
    project = _project()
    with pytest.raises(BadInputError, match="split only between"):
        editing.split_segment(project, 1, 0)
    with pytest.raises(BadInputError, match="No segment 9"):
        editing.merge_segments(project, 1, 9)


# -- find and replace -------------------------------------------------------------------------------------


def test_find_in_the_clean_view_skips_the_hidden_fillers():
    project = _project()
    assert len(editing.find(project, "verbatim", "øh")) == 2
    assert editing.find(project, "clean", "øh") == []
    assert len(editing.find(project, "clean", "øh", show_hidden=True)) == 2
    hits = editing.find(project, "clean", "borgerne")
    turns = editing.display_turns(project, "clean")
    assert [turns[m.turn].text[m.start : m.end] for m in hits] == ["Borgerne"] * 3
    assert [m.matched_segments for m in hits] == [(2,), (3,), (4,)]
    assert [m.text for m in editing.find(project, "clean", "borgerne", case=True)] == []
    assert len(editing.find(project, "clean", "borgerne", whole_words=True)) == 1


def test_replace_one_match_in_the_clean_view():
    project = _project()
    match = editing.find(project, "clean", "føle sig hørt")[0]
    assert editing.replace_match(project, match, "blive hørt", "clean") == [1]
    assert project.segments[1].text == " Øh, jeg tror, at det handler om, øh, at borgeren skal blive hørt."
    with pytest.raises(BadInputError, match="search again"):
        editing.replace_match(project, match, "x", "clean")


def test_replace_all_works_on_the_verbatim_words():
    project = interview(
        [
            ("S1", "Hvad er job afklaring for jer?"),
            ("S2", "Job afklaring er – er et forløb for syge borgere."),
        ]
    )
    targets = editing.replace_all_segments(project, "job afklaring")
    assert targets == [0, 1]
    assert editing.replace_all(project, "job afklaring", "jobafklaring") == [0, 1]
    assert project.segments[0].text == " Hvad er jobafklaring for jer?"
    assert project.segments[1].text == " jobafklaring er – er et forløb for syge borgere."
    assert [e.kind for e in project.edits] == ["replace_all"]


# -- the edit log -----------------------------------------------------------------------------------------


def test_the_edit_log_says_what_where_and_when_but_never_the_words():
    project = _project()
    editing.replace_text(project, 1, "Jeg tror, at det handler om, at borgeren skal føle sig hørt.")
    editing.set_turn_speaker(project, [3], "S2")
    editing.split_segment(project, 2, 3)
    editing.merge_segments(project, 2, 3)
    editing.replace_all(project, "sygedagpenge", "kontanthjælp")
    assert [e.kind for e in project.edits] == ["text", "speaker", "split", "merge", "replace_all"]
    assert all(set(e.to_dict()) == {"kind", "segments", "at"} for e in project.edits)
    logged = json.dumps([e.to_dict() for e in project.edits], ensure_ascii=False).lower()
    for word in ("borgeren", "sygedagpenge", "kontanthjælp", "tror", "hørt"):
        assert word not in logged


def test_words_at_the_end_of_a_turn_given_to_the_interviewer_become_a_turn_of_their_own():
    project = interview([("S2", D["d07"] + " Ja, præcis. " + D["d06"])])
    # "Vi har en god sagsstamme, ikke? | Ja, præcis. | Altså, det var jo en stor omstilling for os."
    who = editing.set_words_speaker(project, [0], 6, 7, "I")
    views = transcript_view(project, "verbatim")
    assert [(v.speaker, v.text) for v in views] == [
        ("VJ", "Vi har en god sagsstamme, ikke?"),
        ("I", "Ja, præcis."),
        ("VJ", "Altså, det var jo en stor omstilling for os."),
    ]
    assert [project.segments[i].text for i in who] == [" Ja, præcis."]
    first = editing.set_words_speaker(project, [0], 0, 1, "S1")  # the start of a turn: one split
    assert [project.segments[i].text for i in first] == [" Vi har"]


def test_replace_all_in_the_clean_view_leaves_the_hidden_words_alone():
    project = interview(
        [("S2", "Øh, vi har jo øhm rigtig mange medarbejdere, øh, i beskæftigelsesindsatsen.")]
    )
    assert editing.replace_all(project, "øh", "eh", level="clean") == []
    assert editing.replace_all(project, "medarbejdere", "ansatte", level="clean") == [0]
    assert (
        project.segments[0].text == " Øh, vi har jo øhm rigtig mange ansatte, øh, i beskæftigelsesindsatsen."
    )
    assert editing.replace_all(project, "øh", "eh", whole_words=True) == [0]  # verbatim: the fillers too
    assert (
        project.segments[0].text == " eh, vi har jo øhm rigtig mange ansatte, eh, i beskæftigelsesindsatsen."
    )


_SENTENCES = sorted(D.values())
_NEW_WORDS = ["borgerne", "jobcentret", "øh", "Herning", "i", "2019,", "–", "ikke?", "MSB"]


@settings(max_examples=150, deadline=None)
@given(
    sentence=st.sampled_from(_SENTENCES),
    level=st.sampled_from(["verbatim", "clean", "strict"]),
    edits=st.lists(
        st.tuples(
            st.sampled_from(["delete", "insert", "replace"]), st.integers(0, 30), st.sampled_from(_NEW_WORDS)
        ),
        max_size=4,
    ),
)
@example(sentence="Mm.", level="verbatim", edits=[("delete", 0, _NEW_WORDS[0])])  # a turn deleted whole
def test_any_edit_keeps_the_timings_honest(sentence, level, edits):
    project = interview([("S2", sentence), ("S1", D["d10"])])
    original = {(w.text, w.start, w.end, w.probability) for w in project.segments[0].words}
    first, last = project.segments[0].words[0].start, project.segments[1].words[-1].end
    turn = editing.display_turns(project, level)[0]
    pieces = turn.text.split()
    for kind, at, word in edits:
        at = at % (len(pieces) + 1)
        if kind == "insert":
            pieces.insert(at, word)
        elif pieces and at < len(pieces):
            if kind == "delete":
                del pieces[at]
            else:
                pieces[at] = word
    editing.edit_turn(project, turn.segments, " ".join(pieces), level)
    if not pieces:  # every shown word deleted: the turn shows no more at this level; the next one stays
        assert all(0 not in t.segments for t in editing.display_turns(project, level) if t.text.strip())
        assert project.segments[-1].text == " " + D["d10"]
        return
    segment = project.segments[0]
    assert segment.text == "".join(w.text for w in segment.words)
    shown = editing.display_turns(project, level)[0].text
    # Deleted words leave a silence, which the verbatim view marks as the appendix does: not a word.
    assert strip_pause_marks(shown).split() == pieces or level != "verbatim"
    times = [(w.start, w.end) for w in segment.words]
    assert all(s <= e for s, e in times) and [s for s, _ in times] == sorted(s for s, _ in times)
    assert all(first <= s and e <= last for s, e in times)
    for w in segment.words:  # a word that kept its probability is a stored word, untouched
        assert w.probability is None or (w.text, w.start, w.end, w.probability) in original
    assert project.segments[1].text == " " + D["d10"]


def test_a_roster_person_without_a_voice_takes_the_turn_without_a_second_entry():
    from transcribe_app.core.project.record import RosterEntry

    project = interview([("S2", D["d10"])])
    project.roster = [RosterEntry(name="Dan Hansen", code="DH", role="informant")]  # typed, not diarised
    editing.set_turn_speaker(project, [0], "DH")
    assert [(e.label, e.code, e.name) for e in project.roster] == [("DH", "DH", "Dan Hansen")]
    assert project.segments[0].speaker == "DH" and project.code_for("DH") == "DH"
