"""``transcribe-app export`` and ``meta`` as a researcher uses them: files, messages, exit codes."""

from __future__ import annotations

import io

import docx
import pytest

from tests.export_fixtures import interview, untimed
from transcribe_app.cli import main
from transcribe_app.core.project.file import load_project, save_project
from transcribe_app.core.project.record import RosterEntry


@pytest.fixture
def project_file(tmp_path):
    path = tmp_path / "vj.transkript.json"
    save_project(interview(40), path)
    return path


def test_export_writes_each_format_and_records_the_appendix_layout(project_file, tmp_path, capsys):
    for name in ("bilag.docx", "bilag.pdf", "bilag.txt", "vj.srt", "vj.vtt", "vj.json"):
        assert main(["export", str(project_file), "-o", str(tmp_path / name), "--width", "70"]) == 0
        assert (tmp_path / name).stat().st_size > 0
    for fmt, name in (("nvivo", "vj_nvivo.txt"), ("maxqda", "vj_maxqda.txt"), ("plain", "vj_plain.txt")):
        assert main(["export", str(project_file), "--format", fmt, "-o", str(tmp_path / name)]) == 0
    assert "numbered lines" in capsys.readouterr().err
    layout = load_project(project_file).layout.to_dict()
    assert layout == {
        "width": 70,
        "timestamps": False,
        "level": "clean",
        "pseudonymised": False,
        "lines_sha256": layout["lines_sha256"],  # the appendix's lines, to notice later drift
    }
    assert len(layout["lines_sha256"]) == 16
    assert (tmp_path / "bilag.txt").read_text(encoding="utf-8").startswith("Bilag 1: Interview med VJ\n")
    assert (tmp_path / "vj.vtt").read_text(encoding="utf-8").startswith("WEBVTT\n")


def test_a_later_export_keeps_the_recorded_layout_unless_told_otherwise(project_file, tmp_path, capsys):
    first, second, third = (tmp_path / f"{n}.txt" for n in ("first", "second", "third"))
    assert main(["export", str(project_file), "-o", str(first), "--width", "60", "--timestamps"]) == 0
    assert main(["export", str(project_file), "-o", str(second)]) == 0
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")
    assert main(["export", str(project_file), "-o", str(third), "--no-timestamps"]) == 0
    assert "[00:00:01]" in first.read_text(encoding="utf-8") and "[00:00:01]" not in third.read_text(
        encoding="utf-8"
    )
    assert load_project(project_file).layout.width == 60


def test_text_formats_print_to_standard_output(project_file, capsys):
    assert main(["export", str(project_file), "--format", "txt", "--view", "verbatim"]) == 0
    out = capsys.readouterr().out
    assert "Tekst: ordret (verbatim)" in out and "\n  1  I: " in out
    assert main(["export", str(project_file)]) == 0  # no format, no file: one line per turn
    assert capsys.readouterr().out.startswith("[00:00:01] I: ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "odt", "-o", "x.odt"], "Unknown export format “odt”"),
        (["--format", "docx"], "give an output file with -o"),
        (["--format", "txt", "--width", "12"], "line width of 12"),
    ],
)
def test_bad_export_requests_exit_2_with_a_clear_message(project_file, args, message, capsys):
    assert main(["export", str(project_file), *args]) == 2
    assert message in capsys.readouterr().err


def test_a_transcript_without_times_exits_2_and_leaves_the_old_file(tmp_path, capsys):
    path = tmp_path / "typed.transkript.json"
    save_project(untimed(interview(6)), path)
    out = tmp_path / "typed.srt"
    out.write_text("precious subtitles", encoding="utf-8")
    assert main(["export", str(path), "-o", str(out)]) == 2
    assert "no times" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "precious subtitles"


def test_unwritable_outputs_exit_2_and_name_the_problem(project_file, tmp_path, capsys):
    assert main(["export", str(project_file), "-o", str(tmp_path / "missing" / "bilag.docx")]) == 2
    assert "does not exist" in capsys.readouterr().err
    folder = tmp_path / "bilag.pdf"
    folder.mkdir()
    assert main(["export", str(project_file), "-o", str(folder)]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bilag.pdf", "vj.transkript.json"]


def test_meta_sets_prints_and_refuses_bad_values(project_file, capsys):
    assert main(["meta", str(project_file), "--code", "VK", "--appendix", "11", "--kind", "focus_group"]) == 0
    captured = capsys.readouterr()
    assert "citation_code: VJ → VK" in captured.err and "Appendix:  11" in captured.out
    meta = load_project(project_file).metadata
    assert (meta.citation_code, meta.appendix, meta.kind) == ("VK", 11, "focus_group")
    assert main(["meta", str(project_file)]) == 0
    assert "Code:      VK" in capsys.readouterr().out
    for bad, message in (
        (["--code", "V K"], "cannot be a citation code"),
        (["--appendix", "elleve"], "whole number"),
        (["--appendix", "0"], "1 or more"),
        (["--date", "5/3/2024"], "YYYY-MM-DD"),
    ):
        assert main(["meta", str(project_file), "--title", "Ny titel", *bad]) == 2
        assert message in capsys.readouterr().err
    assert load_project(project_file).metadata.title == "Interview 1"  # nothing half-changed
    assert main(["meta", str(project_file), "--appendix", "", "--date", "2024-03-07"]) == 0
    meta = load_project(project_file).metadata
    assert (meta.appendix, meta.date) == (None, "2024-03-07")


def test_the_heading_follows_meta(project_file, tmp_path):
    assert main(["meta", str(project_file), "--code", "VK", "--appendix", "11", "--kind", "focus_group"]) == 0
    out = tmp_path / "bilag.docx"
    assert main(["export", str(project_file), "-o", str(out)]) == 0
    assert docx.Document(str(out)).paragraphs[0].text == "Bilag 11: Fokusgruppe VK"


def test_tables_of_several_projects(tmp_path, capsys):
    paths = []
    for n, (code, name, position) in enumerate(
        (("VJ", "Vibeke Jensen", "jobcenterchef"), ("MSS", "Mette Skou Seiersen", "direktør")), start=1
    ):
        project = interview(4)
        project.metadata.citation_code, project.metadata.appendix = code, n
        project.metadata.title = f"Interview med {code}"
        project.roster = [
            RosterEntry(label="S1", name="Ida Holm", code="I", role="interviewer"),
            RosterEntry(
                label="S2", name=name, code=code, role="informant", position=position, area="beskæftigelse"
            ),
        ]
        paths.append(tmp_path / f"{code}.transkript.json")
        save_project(project, paths[-1])
    out = tmp_path / "tabeller.docx"
    assert main(["export", *map(str, paths), "--format", "tables", "-o", str(out)]) == 0
    tables = docx.Document(io.BytesIO(out.read_bytes())).tables
    assert [[cell.text for cell in row.cells] for row in tables[0].rows] == [  # codes only (issue 12)
        ["Kode", "Stilling", "Område"],
        ["MSS", "direktør", "beskæftigelse"],
        ["VJ", "jobcenterchef", "beskæftigelse"],
    ]
    # The informant table with real names is made only when asked for (and recorded in the audit log).
    assert main(["export", *map(str, paths), "--format", "tables", "--with-names", "-o", str(out)]) == 0
    tables = docx.Document(io.BytesIO(out.read_bytes())).tables
    rows = [[cell.text for cell in row.cells] for row in tables[0].rows]
    assert rows == [
        ["Informant", "Stilling", "Område", "Kode"],
        ["Mette Skou Seiersen", "direktør", "beskæftigelse", "MSS"],
        ["Vibeke Jensen", "jobcenterchef", "beskæftigelse", "VJ"],
    ]
    assert [[c.text for c in row.cells] for row in tables[1].rows][1:] == [
        ["VJ", "1", "Interview med VJ"],
        ["MSS", "2", "Interview med MSS"],
    ]
    assert main(["export", *map(str, paths), "--format", "txt", "-o", str(tmp_path / "x.txt")]) == 2
    assert "Give one project" in capsys.readouterr().err
