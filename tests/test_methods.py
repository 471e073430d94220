"""The methods paragraph: only what the projects record, with the projects' own figures."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from transcribe_app.cli import main
from transcribe_app.core.methods import interview_facts, methods_paragraph, methods_text
from transcribe_app.core.project.file import load_project, save_project

PROJECTS = Path(__file__).parent / "data" / "projects"


def _corrected(tmp_path: Path, name: str, fixed: int) -> tuple[Path, int]:
    """A copy of a stored project with its first ``fixed`` words corrected by hand (probability None,
    as ``editing.py`` leaves a word the researcher typed); returns it and its number of words."""
    project = load_project(PROJECTS / name)
    words = [w for s in project.segments for w in s.words if w.text.strip()]
    for word in words[:fixed]:
        word.probability = None
    path = tmp_path / name
    save_project(project, path)
    return path, len(words)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_project_without_diarisation_says_nothing_of_speaker_detection(lang):
    plain = methods_text([PROJECTS / "transcribed.transkript.json"], lang)
    diarised = methods_text([PROJECTS / "diarised.transkript.json"], lang)
    word = "talerdiarisering" if lang == "da" else "diarisation"
    assert word not in plain and word in diarised
    assert "silero-vad" in diarised
    # not pseudonymised, no basket, no appendix recorded: none of it is claimed
    for claim in ("pseudonymis", "linjenumre", "line numbers", "validering", "validation"):
        assert claim not in plain


def test_the_figures_are_the_projects_own(tmp_path):
    first, words_first = _corrected(tmp_path, "transcribed.transkript.json", 7)
    second, words_second = _corrected(tmp_path, "diarised.transkript.json", 0)
    text = methods_text([first, second], "da")
    total = words_first + words_second
    assert f"7 af {total} ord ({100 * 7 / total:.1f} %)".replace(".", ",") in text
    assert "Materialet består af to interview" in text
    english = methods_text([tmp_path], "en")  # the folder: both projects
    assert f"7 of {total:,} words ({100 * 7 / total:.1f}%)" in english
    assert "The material consists of two interviews" in english
    assert f"Bilag 1: 7 ({100 * 7 / words_first:.1f}%)" in english  # per interview


def test_the_stored_pseudonymisation_and_appendix_are_told():
    facts = interview_facts(load_project(PROJECTS / "pseudonymised.transkript.json"))
    assert facts.pseudonymised and facts.quotes == 2 and facts.width == 85
    text = methods_paragraph([facts], "da")
    assert "pseudonymiseret" in text and "[Person 1]" in text
    assert "tre beslutninger (ét fund afvist som ikke-navn og ét navn tilføjet)" in text
    assert "højst 85 tegn pr. linje" in text and "(VJ: 1-2)" in text
    assert "to citater" in text
    assert "Vibeke" not in text and "Holm" not in text  # the facts carry codes, never names


def test_an_imported_transcript_claims_no_recognition():
    text = methods_text([PROJECTS / "imported.transkript.json"], "en")
    assert "Whisper" not in text and "offline" not in text
    assert "typed transcripts" in text or "typed transcript" in text


def test_the_command_prints_the_paragraph(tmp_path, capsys):
    folder = tmp_path / "studie"
    folder.mkdir()
    for name in ("transcribed.transkript.json", "imported.transkript.json"):
        shutil.copy(PROJECTS / name, folder / name)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert main(["methods", str(folder), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("The material consists of two interviews") and out.endswith(".\n")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # a reader: nothing written
    assert main(["methods", str(tmp_path / "nowhere.transkript.json")]) == 2
    assert json.loads((folder / "imported.transkript.json").read_text())["source"] == "import"
