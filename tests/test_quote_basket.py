"""The quote basket in core (core/citations/basket.py) and ``transcribe-app quotes``: the ``Quote`` record
read and written back byte for byte, malformed quotes refused naming the field, and the command's add,
remove and list — bad input exits 2 with a sentence and changes nothing, and the list passes the leak gate."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.pseudonymisation_gold import interview_project
from transcribe_app.cli import main
from transcribe_app.core.citations import cite, open_appendix
from transcribe_app.core.citations.basket import (
    Quote,
    add_quotes,
    quote_moved,
    quotes_from_list,
    quotes_of_lines,
    remove_quotes,
)
from transcribe_app.core.errors import BadInputError, ProjectFileError
from transcribe_app.core.project import fieldcheck as fc
from transcribe_app.core.project.file import backup_path, load_project, project_json, save_project
from transcribe_app.core.project.lock import TRANSCRIBING, ProjectLock
from transcribe_app.gui.cite_panel import CitePanel
from transcribe_app.gui.session import ProjectSession

EXIT_LEAK = 4
REAL_NAMES = ("Vibeke", "Jensen", "Bo Lund", "Per Skov", "Anne-Mette", "Søren Dam", "Karin", "Hanne")

# -- the record ------------------------------------------------------------------------------------

ranges = st.lists(
    st.tuples(st.integers(1, 5000), st.integers(0, 40)).map(lambda r: f"{r[0]}-{r[0] + r[1]}"),
    min_size=1,
    max_size=3,
).map("; ".join)
text = st.text(max_size=40)
unknown_keys = st.dictionaries(
    st.text(min_size=1, max_size=8).filter(lambda k: k not in ("lines", "text", "citation", "added")),
    st.one_of(st.none(), st.integers(), text, st.lists(st.integers(), max_size=2)),
    max_size=2,
)


@st.composite
def stored_quotes(draw) -> dict:
    """A quote as a file holds it: the lines, any of the other fields, and fields of a later version."""
    quote = {"lines": draw(ranges)}
    for key in ("text", "citation", "added"):
        if draw(st.booleans()):
            quote[key] = draw(text)
    quote.update(draw(unknown_keys))
    return quote


@settings(max_examples=150, deadline=None)
@given(st.lists(stored_quotes(), max_size=4))
def test_a_stored_basket_is_written_back_as_it_was_read(stored):
    quotes = quotes_from_list(copy.deepcopy(stored))
    written = [quote.to_dict() for quote in quotes]
    assert json.dumps(written) == json.dumps(stored)  # the same keys in the same order: byte for byte
    assert quotes == quotes_from_list(written) and copy.deepcopy(quotes) == quotes


def test_absent_fields_stay_absent_and_a_full_quote_keeps_its_order():
    assert Quote.from_dict({"lines": "3"}).to_dict() == {"lines": "3"}
    full = {"lines": "79-80", "text": "det var godt", "citation": "(VJ: 79-80)", "added": "2026-03-02T10:00"}
    quote = Quote.from_dict(full)
    assert (quote.lines, quote.text, quote.citation, quote.added) == tuple(full.values())
    assert list(quote.to_dict()) == ["lines", "text", "citation", "added"]
    assert [r.first for r in Quote("149-151; 181-185").ranges] == [149, 181]


@pytest.mark.parametrize(
    ("stored", "field", "requirement"),
    [
        ([{"lines": "1-2"}, {"text": "x"}], "quotes[1].lines", "must be present"),
        ([{"lines": 79}], "quotes[0].lines", "must be text"),
        ([{"lines": [79, 80]}], "quotes[0].lines", "must be text"),
        ([{"lines": "otte"}], "quotes[0].lines", "must be appendix lines such as 79-80"),
        ([{"lines": "80-79"}], "quotes[0].lines", "must be appendix lines"),
        ([{"lines": "0"}], "quotes[0].lines", "must be appendix lines"),
        ([{"lines": "3", "text": None}], "quotes[0].text", "must be text"),
        ([{"lines": "3", "citation": 7}], "quotes[0].citation", "must be text"),
        ([{"lines": "3", "added": ["today"]}], "quotes[0].added", "must be text"),
        (["1-2"], "quotes[0]", "must be a record"),
        ({"lines": "1-2"}, "quotes", "must be a list"),
    ],
)
def test_a_malformed_quote_is_refused_naming_the_field(stored, field, requirement):
    with pytest.raises(fc.FieldError) as refused:
        quotes_from_list(stored)
    assert refused.value.path == field and requirement in str(refused.value)


def test_a_project_with_a_malformed_quote_is_damaged_and_the_message_names_it(tmp_path):
    path = interview_project(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["quotes"] = [{"lines": "1-2", "text": "ok"}, {"lines": "to-tre"}]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ProjectFileError, match=r"is damaged: quotes\[1\]\.lines must be appendix lines"):
        load_project(path)


# -- the basket's operations ---------------------------------------------------------------------


@pytest.fixture
def project(tmp_path, no_network):
    return interview_project(tmp_path)


def test_quotes_are_made_from_the_appendix_and_removed_by_number(project):
    loaded = load_project(project)
    appendix = open_appendix(loaded)
    made = quotes_of_lines(appendix, ["3-4", "7; 9"])
    assert [(q.lines, q.citation) for q in made] == [("3-4", "(VJ: 3-4)"), ("7; 9", "(VJ: 7; 9)")]
    assert made[0].text == cite(loaded, 3, 4).text and made[0].added.endswith("+00:00")
    add_quotes(loaded, made)
    assert not any(quote_moved(q, appendix.lines) for q in loaded.quotes)
    with pytest.raises(BadInputError, match="There is no quote 3: the quote basket holds 2 quotes"):
        remove_quotes(loaded, [1, 3])
    assert len(loaded.quotes) == 2  # checked before anything was taken out
    assert remove_quotes(loaded, [1]) == made[:1] and loaded.quotes == made[1:]
    with pytest.raises(BadInputError, match="line 9999 does not exist"):
        quotes_of_lines(appendix, ["1", "9999"])


def test_a_quote_whose_lines_now_hold_other_words_is_noticed(project):
    loaded = load_project(project)
    appendix = open_appendix(loaded)
    (quote,) = quotes_of_lines(appendix, ["5"])
    assert not quote_moved(quote, appendix.lines)
    quote.text = "andre ord"
    assert quote_moved(quote, appendix.lines)
    assert quote_moved(Quote(f"{len(appendix.lines) + 1}", text=""), appendix.lines)  # past the end


# -- transcribe-app quotes -----------------------------------------------------------------------------


def run(capsys, *args) -> tuple[int, str, str]:
    status = main(["quotes", *map(str, args)])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def appendix(project, tmp_path):
    """The project after its pseudonymised appendix was exported (review accepted)."""
    args = ["export", str(project), "--pseudonymise", "--accept-review", "--key", str(tmp_path / "key.json")]
    assert main([*args, "-o", str(tmp_path / "bilag7.txt")]) == 0
    backup_path(project).unlink()
    return project


def test_add_list_and_remove_as_the_window_keeps_them(appendix, capsys):
    status, out, err = run(capsys, appendix)
    assert status == 0 and out == "" and "quote basket of interview.transkript.json is empty" in err
    status, out, err = run(capsys, appendix, "--add", "3-4", "--add", "7;9")
    assert status == 0 and "Added (VJ: 3-4)" in err and "Added (VJ: 7; 9)" in err and "holds 2 quotes" in err
    stored = load_project(appendix).quotes
    assert [(q.lines, q.citation) for q in stored] == [("3-4", "(VJ: 3-4)"), ("7; 9", "(VJ: 7; 9)")]
    assert stored[0].text == cite(load_project(appendix), 3, 4).text

    status, out, err = run(capsys, appendix, "--list")
    rows = [line.split("\t") for line in out.splitlines()]
    assert status == 0 and [row[:2] for row in rows] == [["1", "(VJ: 3-4)"], ["2", "(VJ: 7; 9)"]]
    assert rows[0][2] == stored[0].text and not any(name in out for name in REAL_NAMES)

    status, out, err = run(capsys, appendix, "--remove", "1", "--add", "12", "--list")
    assert status == 0 and "Removed (VJ: 3-4)" in err
    assert [line.split("\t")[:2] for line in out.splitlines()] == [["1", "(VJ: 7; 9)"], ["2", "(VJ: 12)"]]
    assert load_project(backup_path(appendix)).quotes == stored  # .bak: the basket before this command


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--add", "9999"], "line 9999 does not exist"),
        (["--add", "3-4", "--add", "tre"], "“tre” is not a line range"),
        (["--add", "12-10"], "runs backwards"),
        (["--remove", "2"], "There is no quote 2: the quote basket holds 1 quote (1–1)."),
        (["--remove", "0"], "There is no quote 0"),
        (["--add", "5", "--remove", "7"], "There is no quote 7"),
    ],
)
def test_bad_input_exits_2_with_a_sentence_and_changes_nothing(appendix, capsys, args, message):
    assert run(capsys, appendix, "--add", "1")[0] == 0
    before = appendix.read_bytes()
    backup_path(appendix).unlink()
    status, out, err = run(capsys, appendix, *args)
    assert status == 2 and message in err and out == ""
    assert appendix.read_bytes() == before and not backup_path(appendix).exists()


def test_a_project_that_is_not_there_exits_2(tmp_path, capsys):
    status, _, err = run(capsys, tmp_path / "nowhere.transkript.json", "--add", "1")
    assert status == 2 and "“" in err and "does not exist" in err
    assert list(tmp_path.iterdir()) == []


def test_the_list_passes_the_leak_gate_and_an_override_is_on_record(project, capsys):
    """No pseudonymised appendix yet: the quotes' words hold real names, and the list is stopped."""
    assert run(capsys, project, "--add", "3-4")[0] == 0  # adding prints no words: nothing to gate
    status, out, err = run(capsys, project, "--list")
    assert status == EXIT_LEAK and out == "" and "Nothing was printed" in err and "Vibeke" in err
    status, out, _ = run(capsys, project, "--list", "--allow-leaks")
    assert status == 0 and "Vibeke" in out
    audit = load_project(project).pseudonymisation.audit
    (override,) = [e for e in audit if e.details.get("kind") == "quotes"]
    assert (override.event, override.details["output"], override.details["hits"]) == (
        "export despite leaks",
        "standard output",
        1,
    )


def test_a_quote_whose_lines_changed_is_listed_with_a_note(appendix, capsys):
    assert run(capsys, appendix, "--add", "5")[0] == 0
    project = load_project(appendix)
    project.quotes[0].text = "ord der ikke står der"
    save_project(project, appendix)
    status, out, err = run(capsys, appendix)
    assert status == 0 and out.startswith("1\t(VJ: 5)\tord der ikke står der")
    assert "quote 1 (VJ: 5) are not the words it was added with" in err and "--lines 5" in err


def test_a_basket_made_by_the_command_is_saved_back_byte_for_byte(appendix, capsys):
    assert run(capsys, appendix, "--add", "3-4", "--add", "7; 9-10")[0] == 0
    stored = appendix.read_text(encoding="utf-8")
    assert project_json(load_project(appendix)) == stored


def test_changing_the_basket_is_refused_while_another_writes_but_listing_is_not(appendix, capsys):
    assert run(capsys, appendix, "--add", "2")[0] == 0
    before = appendix.read_bytes()
    with ProjectLock(appendix, TRANSCRIBING):
        for args in (["--add", "1"], ["--remove", "1"]):
            status, _, err = run(capsys, appendix, *args)
            assert status == 2 and "is being transcribed by another window or command" in err
        status, out, _ = run(capsys, appendix, "--list")
        assert status == 0 and out.startswith("1\t(VJ: 2)\t")
    assert appendix.read_bytes() == before


def test_the_window_and_the_command_keep_the_same_quote(qtbot, appendix, tmp_path, capsys):
    session = ProjectSession(load_project(appendix), appendix, autosave_ms=60_000)
    panel = CitePanel(session)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: not panel.busy and panel.view is not None, timeout=120_000)
    panel.select_lines(5, 6)
    panel.add_button.click()
    assert run(capsys, appendix, "--add", "5-6")[0] == 0
    (by_window,), (by_command,) = session.project.quotes, load_project(appendix).quotes
    assert by_window.citation == "(VJ: 5-6)"
    assert {**by_window.to_dict(), "added": ""} == {**by_command.to_dict(), "added": ""}
