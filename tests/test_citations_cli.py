"""``cite``, ``find-quote``, ``check-citations`` and ``validation-pack`` as a researcher runs them:
project files, a manuscript written in Word, messages and exit codes."""

from __future__ import annotations

import io
import re

import docx
import pytest

from tests.citation_fixtures import exported_as, talk_interview, write_manuscript
from tests.pseudonymisation_gold import DATA, read_gold
from transcribe_app.cli import main
from transcribe_app.core.citations import appendix_lines, open_appendix
from transcribe_app.core.project.file import load_project, save_project

REAL_NAMES = ("Vibeke", "Jensen", "Bo Lund", "Per Skov", "Anne-Mette", "Søren Dam", "Karin", "Hanne")


@pytest.fixture
def project_file(tmp_path):
    """An interview whose appendix was exported verbatim at 70 characters."""
    path = tmp_path / "projects" / "vj.transkript.json"
    path.parent.mkdir()
    save_project(exported_as(talk_interview(40), width=70, level="verbatim"), path)
    return path


def _lines(path):
    return open_appendix(load_project(path)).lines


def test_cite_prints_the_citation_and_the_quoted_words(project_file, capsys):
    assert main(["cite", str(project_file), "--lines", "4-5"]) == 0
    citation, text = capsys.readouterr().out.splitlines()
    lines = _lines(project_file)
    assert citation == "(VJ: 4-5)" and text == f"{lines[3].body} {lines[4].body}"
    assert main(["cite", str(project_file), "--lines", "4", "--lines", "9-10"]) == 0
    assert capsys.readouterr().out.startswith("(VJ: 4; 9-10)\n")


@pytest.mark.parametrize(
    ("lines", "message"),
    [("9999", "line 9999 does not exist"), ("12-10", "runs backwards"), ("ti", "is not a line range")],
)
def test_cite_refuses_lines_that_do_not_exist(project_file, capsys, lines, message):
    assert main(["cite", str(project_file), "--lines", lines]) == 2
    assert message in capsys.readouterr().err


def test_a_project_without_a_citation_code_cannot_be_cited(project_file, capsys):
    project = load_project(project_file)
    project.metadata.citation_code = None
    project.roster = [entry for entry in project.roster if entry.role != "informant"]
    save_project(project, project_file)
    assert main(["cite", str(project_file), "--lines", "3"]) == 2
    assert f"transcribe-app meta {project_file} --code" in capsys.readouterr().err


def test_find_quote_agrees_with_cite_and_says_when_it_cannot(project_file, capsys, monkeypatch):
    assert main(["cite", str(project_file), "--lines", "12-13"]) == 0
    citation, text = capsys.readouterr().out.splitlines()
    assert main(["find-quote", str(project_file), f"„…{text}“"]) == 0
    assert capsys.readouterr().out.startswith(f"{citation}  ")
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    assert main(["find-quote", str(project_file), "-"]) == 0
    capsys.readouterr()
    assert main(["find-quote", str(project_file), "borgmesteren sagde noget helt andet i går"]) == 1
    assert "was not found in the appendix of VJ (" in capsys.readouterr().err
    word = _lines(project_file)[12].body.split()[0]
    assert main(["find-quote", str(project_file), word]) == 1  # one word stands in many places
    out, err = capsys.readouterr()
    assert len(out.splitlines()) > 1 and "places" in err


def test_find_quote_help_documents_the_exit_codes(capsys):
    with pytest.raises(SystemExit):
        main(["find-quote", "--help"])
    assert "0 found in exactly one place" in " ".join(capsys.readouterr().out.split())


def _manuscript(tmp_path, project_file, *, shifted: bool):
    lines = _lines(project_file)
    quote = f"{lines[20].body} {lines[21].body}"
    first = 21 + (5 if shifted else 0)
    return write_manuscript(
        tmp_path / "speciale.docx",
        [
            f"Informanten siger: „{quote}“ (VJ: {first}-{first + 1}).",
            f"Hun fortsætter: “{lines[30].body}” (VJ: 31), og det ses også senere (VJ: 35-36).",
        ],
    )


def test_check_citations_prints_a_line_per_citation_and_exits_1_on_a_wrong_one(
    project_file, tmp_path, capsys
):
    manuscript = _manuscript(tmp_path, project_file, shifted=True)
    assert main(["check-citations", str(manuscript), "--projects", str(project_file.parent)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("WRONG LINES") and "(VJ: 26-27)" in out[0] and "→ (VJ: 21-22)" in out[0]
    assert out[1].startswith("OK") and out[2].startswith("OK") and "[paragraph 3]" in out[2]
    assert out[-1] == "3 citations checked: 2 OK, 1 WRONG LINES"


def test_check_citations_exits_0_when_all_hold(project_file, tmp_path, capsys):
    manuscript = _manuscript(tmp_path, project_file, shifted=False)
    assert main(["check-citations", str(manuscript), "--projects", str(project_file.parent)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "3 citations checked: 3 OK"


@pytest.mark.parametrize("problem", ["missing", "corrupt", "empty folder", "no code", "same code"])
def test_check_citations_refuses_bad_input_with_exit_2(project_file, tmp_path, capsys, problem):
    manuscript = _manuscript(tmp_path, project_file, shifted=False)
    folder = project_file.parent
    expected = {
        "missing": "does not exist",
        "corrupt": "cannot be read as a Word document",
        "empty folder": "There is no project",
        "no code": "has no citation code",
        "same code": "both have the citation code VJ",
    }[problem]
    if problem == "missing":
        manuscript = tmp_path / "nothing.docx"
    elif problem == "corrupt":
        manuscript.write_bytes(manuscript.read_bytes()[:200])
    elif problem == "empty folder":
        folder = tmp_path / "empty"
        folder.mkdir()
    elif problem == "no code":
        project = load_project(project_file)
        project.metadata.citation_code, project.metadata.kind = None, "focus_group"
        save_project(project, folder / "fg.transkript.json")
    elif problem == "same code":
        save_project(load_project(project_file), folder / "copy.transkript.json")
    assert main(["check-citations", str(manuscript), "--projects", str(folder)]) == 2
    assert expected in capsys.readouterr().err


def test_validation_pack_from_ranges_texts_a_file_and_a_manuscript(project_file, tmp_path, capsys):
    lines = _lines(project_file)
    quotes = tmp_path / "citater.txt"
    quotes.write_text("# the quotes of chapter 4\n6-7\n\n" + lines[14].body + "\n", encoding="utf-8")
    manuscript = _manuscript(tmp_path, project_file, shifted=True)
    out = tmp_path / "VJ_citater.docx"
    args = ["validation-pack", str(project_file), "--quote", "40", "--quotes", str(quotes)]
    code = main([*args, "--from-manuscript", str(manuscript), "--context", "2", "-o", str(out)])
    assert code == 0
    err = capsys.readouterr().err
    assert "Wrote" in err and "5 quote(s)" in err
    assert "cited as (VJ: 26-27), but the quote stands in (VJ: 21-22)" in err  # the right lines are used
    document = docx.Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings == [
        "Citat 1 (VJ: 40)", "Citat 2 (VJ: 6-7)", "Citat 3 (VJ: 15)", "Citat 4 (VJ: 21-22)", "Citat 5 (VJ: 31)"
    ]  # fmt: skip
    assert len(document.tables) == 5 and "Kære VJ" in [p.text for p in document.paragraphs]


def test_validation_pack_writes_nothing_when_a_quote_cannot_be_placed(project_file, tmp_path, capsys):
    out = tmp_path / "VJ_citater.docx"
    out.write_bytes(b"the previous package")
    args = ["validation-pack", str(project_file), "--quote", "3", "--quote", "et citat der ikke findes her"]
    assert main([*args, "-o", str(out)]) == 2
    assert "quote 2" in capsys.readouterr().err
    assert out.read_bytes() == b"the previous package"
    assert main(["validation-pack", str(project_file), "--quote", "3", "-o", str(tmp_path / "x.pdf")]) == 2
    assert main(["validation-pack", str(project_file), "-o", str(out)]) == 2
    assert "Say which quotes" in capsys.readouterr().err


# -- a pseudonymised appendix ----------------------------------------------------------------------


@pytest.fixture
def pseudonymised(tmp_path, no_network):
    """The annotated interview imported, given its roster and code, and exported pseudonymised."""
    text, _ = read_gold(DATA / "interview_gold.txt")
    source = tmp_path / "interview.txt"
    source.write_text(text, encoding="utf-8")
    path = tmp_path / "interview.transkript.json"
    assert main(["import", str(source), "-o", str(path)]) == 0
    assert main(["roster", str(path), "--import", str(DATA / "interview_roster.json")]) == 0
    assert main(["meta", str(path), "--code", "VJ", "--appendix", "7"]) == 0
    appendix = tmp_path / "bilag7.txt"
    args = ["export", str(path), "--pseudonymise", "--accept-review", "--key", str(tmp_path / "key.json")]
    assert main([*args, "-o", str(appendix), "--width", "75"]) == 0
    return path, appendix


def test_citations_of_a_pseudonymised_appendix_use_its_lines_and_the_pack_holds_no_real_names(
    pseudonymised, tmp_path, capsys
):
    path, exported = pseudonymised
    printed = re.findall(r"^ *(\d+)  (.*)$", exported.read_text(encoding="utf-8"), re.MULTILINE)
    lines = appendix_lines(load_project(path))
    assert [(line.number, line.text) for line in lines] == [(int(n), text) for n, text in printed]
    secretary = next(line.number for line in lines if "Min sekretær" in line.text)
    capsys.readouterr()
    assert main(["find-quote", str(path), "Min sekretær, [Person 3], plejede at sige"]) == 0
    assert capsys.readouterr().out.startswith(f"(VJ: {secretary}")
    out = tmp_path / "VJ_citater.docx"
    quotes = ["VJ's kalender var den mest overbookede i huset", "5-8", f"{secretary}"]
    args = ["validation-pack", str(path), "-o", str(out)] + [a for q in quotes for a in ("--quote", q)]
    assert main(args) == 0
    document = docx.Document(str(out))
    text = "\n".join(
        [p.text for p in document.paragraphs]
        + [c.text for t in document.tables for r in t.rows for c in r.cells]
    )
    assert "[Person" in text and "Kære VJ" in text
    for name in REAL_NAMES:
        assert name not in text


def test_a_quote_written_with_a_real_name_stops_the_pack(pseudonymised, tmp_path, capsys):
    path, _ = pseudonymised
    out = tmp_path / "VJ_citater.docx"
    quote = "Min sekretær, [Hanne Krog], plejede at sige"  # the author's insertion brings the name back
    assert main(["validation-pack", str(path), "--quote", quote, "-o", str(out)]) == 4
    assert "“Hanne Krog”" in capsys.readouterr().err and not out.exists()


def test_citing_a_transcript_edited_after_its_appendix_was_exported_warns(tmp_path, capsys):
    path = tmp_path / "vj.transkript.json"
    save_project(exported_as(talk_interview(40), width=70, level="verbatim"), path)
    assert main(["export", str(path), "-o", str(tmp_path / "bilag.txt")]) == 0
    assert main(["cite", str(path), "--lines", "3-4"]) == 0
    assert "changed after" not in capsys.readouterr().err
    project = load_project(path)
    project.segments[0].text = (
        " Et helt nyt og meget længere første udsagn, der skubber alle linjer" + project.segments[0].text
    )
    project.segments[0].words = []
    save_project(project, path)
    assert main(["cite", str(path), "--lines", "3-4"]) == 0
    assert "changed after its appendix was exported" in capsys.readouterr().err
