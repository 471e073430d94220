"""The one layout function: numbered lines that mean the same words everywhere."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.export_fixtures import interview
from transcribe_app.core.cleanup.transcript_view import transcript_view
from transcribe_app.core.errors import BadInputError
from transcribe_app.core.layout import (
    LayoutSettings,
    layout,
    normalised_text,
    quote_text,
    record_layout,
    recorded_layout,
)
from transcribe_app.core.project.file import load_project, save_project
from transcribe_app.core.project.record import Project
from transcribe_app.core.project.transcript import Segment, Word


@dataclass
class T:
    speaker: str | None
    start: float | None
    text: str


TURNS = [
    T("I", 754.2, "Hvordan startede projektet med jobafklaring i jeres kommune?"),
    T("VJ", 760.0, ""),  # hidden entirely by the cleanup level
    T(
        "VJ",
        761.5,
        "Det startede i 2019, da vi fik en ny direktør, og hun sagde, at sygedagpengeområdet skulle "
        "tænkes helt forfra, fordi borgerne ventede alt for længe på en afklaring.",
    ),
    T(None, None, "En sætning uden taler."),
]


def test_turns_start_lines_with_their_code_and_continuations_are_the_words_alone():
    lines = layout(TURNS, LayoutSettings(width=60))
    assert [line.number for line in lines] == list(range(1, len(lines) + 1))
    assert lines[0].text == "I: Hvordan startede projektet med jobafklaring i jeres"
    assert lines[0].prefix == "I: " and lines[0].first and lines[0].speaker == "I"
    assert lines[1].text == "kommune?" and not lines[1].first and lines[1].prefix == ""
    vj = [line for line in lines if line.turn == 2]
    assert vj[0].text.startswith("VJ: Det startede i 2019")
    assert all(line.start == 761.5 and line.speaker == "VJ" for line in vj)
    assert not any(line.turn == 1 for line in lines)  # the empty turn gets no line
    assert lines[-1].text == "En sætning uden taler." and lines[-1].speaker is None
    assert all(len(line.text) <= 60 for line in lines)


def test_the_body_of_each_line_is_a_slice_of_its_turn_and_quotes_join_back():
    lines = layout(TURNS, LayoutSettings(width=40))
    for line in lines:
        text = normalised_text(TURNS[line.turn])
        assert text[line.offset : line.offset + len(line.body)] == line.body
    vj = [line.number for line in lines if line.turn == 2]
    assert quote_text(lines, vj[0], vj[-1]) == TURNS[2].text
    assert quote_text(lines, vj[-1], vj[0]) == TURNS[2].text  # a reversed range is the same range
    # Across turns: a space between them, no speaker codes.
    assert quote_text(lines, 1, vj[0]).startswith("Hvordan startede") and "VJ:" not in quote_text(lines, 1, 9)


def test_timestamps_open_each_turn_when_asked():
    lines = layout(TURNS, LayoutSettings(width=85, timestamps=True))
    assert lines[0].text.startswith("[00:12:34] I: Hvordan")
    assert lines[0].prefix == "[00:12:34] I: "
    assert lines[-1].text == "En sætning uden taler."  # no time, no speaker: no prefix


def test_words_longer_than_a_line_are_broken_and_rejoined_without_a_space():
    url = "https://www." + "sygedagpengeomraadet" * 5 + ".dk/jobafklaring"
    turns = [T("VJ", 1.0, f"Se {url} for detaljer.")]
    lines = layout(turns, LayoutSettings(width=30))
    assert all(len(line.text) <= 30 for line in lines)
    assert lines[0].text == "VJ: Se"
    assert "".join(line.body for line in lines[1:-1]) + lines[-1].body.split(" ")[0] == url
    assert quote_text(lines, 1, len(lines)) == turns[0].text


def test_whitespace_inside_a_turn_is_single_spaces():
    lines = layout([T("I", None, "  Ja,\n\tdet  er   rigtigt.  ")])
    assert [line.text for line in lines] == ["I: Ja, det er rigtigt."]


@pytest.mark.parametrize("width", [10, 29, 201, 85.0, True, "85"])
def test_unusable_widths_are_refused_in_the_researchers_words(width):
    with pytest.raises(BadInputError, match="width"):
        LayoutSettings(width=width)


def test_settings_from_a_record_ignore_what_they_do_not_know():
    assert LayoutSettings.from_dict({"width": 60, "timestamps": True, "level": "clean"}) == LayoutSettings(
        60, True
    )
    assert LayoutSettings.from_dict(None) == LayoutSettings(85, False)


def test_a_view_at_a_cleanup_level_is_laid_out_without_hidden_turns():
    project = Project()
    words = [Word(" Øh,", 0.0, 0.3), Word(" hm.", 0.4, 0.6)]
    project.segments = [
        Segment(0, 0.0, 0.6, " Øh, hm.", words, speaker="S1"),
        Segment(1, 1.0, 2.0, " Ja det er rigtigt.", [], speaker="S2"),
    ]
    clean = layout(transcript_view(project, "clean"))
    assert [(line.number, line.turn, line.text) for line in clean] == [(1, 1, "S2: Ja det er rigtigt.")]
    verbatim = layout(transcript_view(project, "verbatim"))
    assert [line.text for line in verbatim] == ["S1: Øh, hm.", "S2: Ja det er rigtigt."]


def test_the_layout_of_the_last_appendix_is_kept_in_the_project_file(tmp_path):
    project = interview(4)
    assert recorded_layout(project) == LayoutSettings()
    assert record_layout(project, LayoutSettings(100, True), level="verbatim", pseudonymised=True)
    assert not record_layout(project, LayoutSettings(100, True), level="verbatim", pseudonymised=True)
    path = tmp_path / "p.transkript.json"
    save_project(project, path)
    loaded = load_project(path)
    stored = {"width": 100, "timestamps": True, "level": "verbatim", "pseudonymised": True}
    assert loaded.layout.to_dict() == stored
    assert recorded_layout(loaded) == LayoutSettings(100, True)


def test_a_project_without_a_recorded_layout_keeps_its_file_shape():
    assert "layout" not in interview(2).to_dict()


_word = st.text(alphabet="abcæøåABCÆØÅ.,?-1", min_size=1, max_size=120)


@settings(max_examples=150, deadline=None)
@given(
    texts=st.lists(st.lists(_word, max_size=40).map(" ".join), min_size=1, max_size=6),
    width=st.integers(min_value=30, max_value=120),
    timestamps=st.booleans(),
)
def test_any_text_lays_out_into_lines_that_fit_and_lose_nothing(texts, width, timestamps):
    turns = [T(["I", "VJ", "MSS"][k % 3], k * 61.0, text) for k, text in enumerate(texts)]
    lines = layout(turns, LayoutSettings(width, timestamps))
    assert [line.number for line in lines] == list(range(1, len(lines) + 1))
    for line in lines:
        assert 0 < len(line.text) <= width and line.body and line.body == line.body.strip()
    for k, turn in enumerate(turns):
        own = [line for line in lines if line.turn == k]
        assert bool(own) == bool(turn.text.strip())
        if own:
            assert own[0].first and not any(line.first for line in own[1:])
            assert quote_text(lines, own[0].number, own[-1].number) == normalised_text(turn)
