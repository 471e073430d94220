"""The pseudonymisation commands as a researcher runs them: typed transcript in, pseudonymised text
and key out; a project reviewed over several runs; the gate and bad input."""

from __future__ import annotations

import csv
import json

import pytest

from tests.pseudonymisation_gold import DATA, read_gold
from transcribe_app.cli import main
from transcribe_app.core.projectfile import load_project

EXIT_LEAK = 4


@pytest.fixture
def interview(tmp_path, no_network):
    text, _ = read_gold(DATA / "interview_gold.txt")
    source = tmp_path / "interview.txt"
    source.write_text(text, encoding="utf-8")
    roster = tmp_path / "roster.json"
    roster.write_bytes((DATA / "interview_roster.json").read_bytes())
    return source, roster


def test_pseudonymise_text_then_depseudonymise_gives_back_the_same_bytes(interview, tmp_path, capsys):
    source, roster = interview
    out, key, report = tmp_path / "out.txt", tmp_path / "key.json", tmp_path / "review.tsv"
    args = ["pseudonymise-text", str(source), "--roster", str(roster), "-o", str(out), "--key", str(key)]
    assert main([*args, "--accept-review", "--report", str(report)]) == 0
    written = out.read_text(encoding="utf-8")
    assert "Vibeke" not in written and "VJ's kalender" in written
    assert "[Person 1]" in capsys.readouterr().out
    rows = list(csv.DictReader(report.open(encoding="utf-8"), delimiter="\t"))
    assert {row["tier"] for row in rows} >= {"auto", "review", "off", "leftover"}
    assert all(row["context"] for row in rows)
    back = tmp_path / "back.txt"
    assert main(["depseudonymise", str(out), "--key", str(key), "-o", str(back)]) == 0
    assert back.read_bytes() == source.read_bytes()
    assert json.loads(key.read_text(encoding="utf-8"))["audit"][0]["event"] == "pseudonymise-text"


def test_a_leak_blocks_the_output_and_leaves_an_old_one_untouched(interview, tmp_path, capsys):
    source, roster = interview
    out, key = tmp_path / "out.txt", tmp_path / "key.json"
    out.write_text("earlier version\n", encoding="utf-8")
    # Without the review tier, the ambiguous "Jensen" (the informant's surname, said of someone else) stays.
    code = main(
        ["pseudonymise-text", str(source), "--roster", str(roster), "-o", str(out), "--key", str(key)]
    )
    assert code == EXIT_LEAK
    message = capsys.readouterr().err
    assert "“Jensen”" in message and "line 30" in message and "--allow-leaks" in message
    assert out.read_text(encoding="utf-8") == "earlier version\n" and not key.exists()
    args = ["pseudonymise-text", str(source), "--roster", str(roster), "-o", str(out), "--key", str(key)]
    assert main([*args, "--allow-leaks"]) == 0
    audit = json.loads(key.read_text(encoding="utf-8"))["audit"]
    assert audit[-1]["event"] == "export despite leaks" and audit[-1]["hits"] == 1


@pytest.mark.parametrize(
    "problem, expected",
    [
        ("same-file", "two different files"),
        ("no-roster", "does not exist"),
        ("bad-roster", "line 3"),
        ("empty-input", "empty"),
    ],
)
def test_bad_input_is_a_clear_message_and_exit_2(interview, tmp_path, capsys, problem, expected):
    source, roster = interview
    out, key = tmp_path / "out.txt", tmp_path / "key.json"
    if problem == "same-file":
        key = out
    elif problem == "no-roster":
        roster = tmp_path / "missing.csv"
    elif problem == "bad-roster":
        roster = tmp_path / "roster.csv"
        roster.write_text(
            "name,code,role\nVibeke Jensen,VJ,informant\nBo Lund,VJ,informant\n", encoding="utf-8"
        )
    elif problem == "empty-input":
        source.write_text("", encoding="utf-8")
    code = main(
        ["pseudonymise-text", str(source), "--roster", str(roster), "-o", str(out), "--key", str(key)]
    )
    assert code == 2
    assert expected in capsys.readouterr().err
    assert not out.exists()


def test_a_project_is_reviewed_over_several_runs_and_keeps_the_decisions(interview, tmp_path, capsys):
    source, roster = interview
    project = tmp_path / "interview.transkript.json"
    assert main(["import", str(source), "-o", str(project)]) == 0
    assert main(["roster", str(project), "--import", str(roster)]) == 0
    capsys.readouterr()
    assert main(["pseudonymise", str(project)]) == 0
    listing = capsys.readouterr().out
    assert "To review" in listing and "Mark@" in listing
    mark_turns = [line.split()[0] for line in listing.splitlines() if line.strip().startswith("Mark@")]
    assert len(mark_turns) == 2
    report = tmp_path / "review.tsv"
    code = main(["pseudonymise", str(project), "--accept", mark_turns[0], "--reject", mark_turns[1],
                 "--assign", _jensen(listing), "Thomas Jensen", "--report", str(report)])  # fmt: skip
    assert code == 0
    state = load_project(project).pseudonymisation
    assert [d["action"] for d in state["decisions"]] == ["accept", "reject", "assign"]
    assert all(d["by"] and d["at"] for d in state["decisions"])
    assert [e["event"] for e in state["audit"]].count("decision") == 3
    capsys.readouterr()
    assert main(["pseudonymise", str(project)]) == 0  # a new run: the decisions still hold
    assert "To review" not in capsys.readouterr().out
    rows = list(csv.DictReader(report.open(encoding="utf-8"), delimiter="\t"))
    decided = {(row["text"], row["decision"]) for row in rows if row["text"] in ("Mark", "Jensen")}
    assert decided == {("Mark", "accepted"), ("Mark", "rejected"), ("Jensen", "accepted")}


def _jensen(listing: str) -> str:
    return next(line.split()[0] for line in listing.splitlines() if line.strip().startswith("Jensen@"))


def test_a_malformed_occurrence_is_explained(interview, tmp_path, capsys):
    source, roster = interview
    project = tmp_path / "p.transkript.json"
    main(["import", str(source), "-o", str(project)])
    before = project.read_bytes()
    assert main(["pseudonymise", str(project), "--reject", "Mark@tolv"]) == 2
    assert "NAME@TURN" in capsys.readouterr().err
    assert project.read_bytes() == before
