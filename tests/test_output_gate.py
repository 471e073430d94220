"""No real name in any output: validation packages and ``cite`` read the appendix (never a later plain
export), tables are codes-only unless asked, the gate reads file names and document properties, and every
``--allow-leaks`` is on record — wherever the output went."""

from __future__ import annotations

import io
import json

import docx
import pytest
from pypdf import PdfReader

from tests.pseudonymisation_gold import interview_project
from transcribe_app.cli import main
from transcribe_app.core.exports import render_export
from transcribe_app.core.exports.document import ExportDocument
from transcribe_app.core.project.file import load_project, save_project

EXIT_LEAK = 4
REAL_NAMES = ("Vibeke", "Jensen", "Bo Lund", "Per Skov", "Anne-Mette", "Søren Dam", "Karin", "Hanne")


@pytest.fixture
def project(tmp_path, no_network):
    """The annotated interview imported, with its roster (Vibeke Jensen is the informant VJ) and code."""
    return interview_project(tmp_path)


@pytest.fixture
def appendix(project, tmp_path):
    """The project after its pseudonymised appendix was exported (review accepted)."""
    args = ["export", str(project), "--pseudonymise", "--accept-review", "--key", str(tmp_path / "key.json")]
    assert main([*args, "-o", str(tmp_path / "bilag7.txt")]) == 0
    return project


def _docx_text(path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    props = document.core_properties
    parts += [props.title, props.author, props.subject, props.keywords, props.comments]
    return "\n".join(parts)


def _events(path) -> list[dict]:
    """The project's audit log as stored."""
    return [entry.to_dict() for entry in load_project(path).pseudonymisation.audit]


# -- the appendix: a later plain export is a private copy ------------------------------------------


def test_a_plain_export_after_the_pseudonymised_appendix_is_a_private_copy(appendix, tmp_path, capsys):
    recorded = load_project(appendix).layout
    private = tmp_path / "privat.docx"
    assert main(["export", str(appendix), "--width", "60", "-o", str(private)]) == 0
    assert "private copy" in capsys.readouterr().err
    assert "Vibeke" in _docx_text(private)  # the researcher's own copy has the names…
    assert load_project(appendix).layout == recorded  # …and the appendix is still the pseudonymised one


def test_the_validation_pack_after_a_plain_export_holds_the_pseudonymised_lines(appendix, tmp_path):
    assert main(["export", str(appendix), "-o", str(tmp_path / "privat.txt")]) == 0  # a private copy
    secretary = next(
        n for n, line in enumerate((tmp_path / "bilag7.txt").read_text(encoding="utf-8").splitlines())
        if "Min sekretær" in line
    )  # fmt: skip
    out = tmp_path / "VJ_citater.docx"
    assert main(["validation-pack", str(appendix), "--quote", "1-3", "--quote", "9-12", "-o", str(out)]) == 0
    text = _docx_text(out)
    assert "[Person" in text and "Kære VJ" in text and secretary
    for name in REAL_NAMES:
        assert name not in text


def test_cite_after_a_plain_export_prints_the_pseudonymised_lines(appendix, tmp_path, capsys):
    assert main(["export", str(appendix), "-o", str(tmp_path / "privat.pdf")]) == 0
    capsys.readouterr()
    assert main(["cite", str(appendix), "--lines", "1-40"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("(VJ: 1-40)") and "[Person" in printed
    for name in REAL_NAMES:
        assert name not in printed


def test_a_plain_appendix_with_real_names_in_its_lines_is_not_sent_silently(project, tmp_path, capsys):
    """No pseudonymised appendix yet: a package or a citation whose lines hold roster names is refused
    with the way on, and goes out only when the researcher says so — on record."""
    assert main(["export", str(project), "-o", str(tmp_path / "bilag7.txt")]) == 0  # plain: the appendix
    out = tmp_path / "VJ_citater.docx"
    assert main(["validation-pack", str(project), "--quote", "1-4", "-o", str(out)]) == EXIT_LEAK
    err = capsys.readouterr().err
    assert "not pseudonymised" in err and "--pseudonymise" in err and "“Vibeke”" in err
    assert not out.exists() and _events(project) == []
    assert main(["cite", str(project), "--lines", "1-4"]) == EXIT_LEAK
    assert capsys.readouterr().out == ""
    assert main(["validation-pack", str(project), "--quote", "1-4", "-o", str(out), "--allow-leaks"]) == 0
    assert main(["cite", str(project), "--lines", "1-4", "--allow-leaks"]) == 0
    assert "Vibeke" in capsys.readouterr().out
    audit = _events(project)
    assert [(e["event"], e.get("kind"), e["output"]) for e in audit] == [
        ("export despite leaks", "validation package", "VJ_citater.docx"),
        ("export despite leaks", "cite", "standard output"),
    ]
    assert all(e["hits"] >= 1 for e in audit)


def test_lines_without_real_names_from_a_plain_appendix_still_go_out(project, tmp_path, capsys):
    assert main(["export", str(project), "-o", str(tmp_path / "bilag7.txt")]) == 0
    lines = (tmp_path / "bilag7.txt").read_text(encoding="utf-8").splitlines()
    free = next(i for i, line in enumerate(lines) if "Hvad med den politiske side" in line)
    number = int(lines[free].split()[0])
    assert main(["cite", str(project), "--lines", str(number)]) == 0
    assert "politiske side" in capsys.readouterr().out


def test_a_pack_file_named_after_the_informant_is_stopped(appendix, tmp_path, capsys):
    out = tmp_path / "Vibeke_Jensen_citater.docx"
    assert main(["validation-pack", str(appendix), "--quote", "1-2", "-o", str(out)]) == EXIT_LEAK
    assert "(Vibeke Jensen) in the file name" in capsys.readouterr().err and not out.exists()


# -- exports: standard output, file names, document properties --------------------------------------


def test_allow_leaks_to_standard_output_is_recorded(project, capsys):
    # A typist's lowercase slip in a name no roster lists: detection (which needs the capital for a name
    # from the lists) passes it by. (A roster name in lower case, "vibeke jensen", is found now.)
    planted = load_project(project)
    planted.segments[3].text += " Hils karin storm."
    planted.segments[3].words = []
    save_project(planted, project)
    args = ["export", str(project), "--pseudonymise", "--accept-review"]
    assert main(args) == EXIT_LEAK
    assert capsys.readouterr().out == ""
    assert main([*args, "--allow-leaks"]) == 0
    assert "karin storm" in capsys.readouterr().out
    leaks = [e for e in _events(project) if e["event"] == "export despite leaks"]
    assert [(e["output"], e["hits"]) for e in leaks] == [("standard output", 1)]


@pytest.mark.parametrize("name", ["Vibeke_Jensen.docx", "VibekeJensen.pdf", "bilag-Jensen.txt"])
def test_an_export_file_named_after_a_real_person_is_stopped(appendix, tmp_path, capsys, name):
    out, key = tmp_path / name, tmp_path / "k.json"
    args = ["export", str(appendix), "--pseudonymise", "--key", str(key), "-o", str(out)]
    assert main(args) == EXIT_LEAK
    assert "file name" in capsys.readouterr().err and not out.exists() and not key.exists()
    assert main([*args, "--allow-leaks"]) == 0 and out.exists()
    override = _events(appendix)[-2]
    assert (override["event"], override["output"]) == ("export despite leaks", name)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_document_properties_are_what_the_gate_reads(appendix, tmp_path, fmt, monkeypatch):
    """Title, author, subject and keywords as written in the file are in the text the gate checks, so a
    name there stops the export like a name in a line."""
    project = load_project(appendix)
    rendered = render_export(project, fmt, pseudonymised=True)
    if fmt == "docx":
        props = docx.Document(io.BytesIO(rendered.data)).core_properties
        written = [props.title, props.author, props.subject, props.keywords, props.comments]
    else:
        info = PdfReader(io.BytesIO(rendered.data)).metadata
        written = [info.title, info.author, info.subject, info.get("/Keywords"), info.creator]
    assert all(f": {value}" in rendered.text for value in written if value)
    assert written[0] == "Bilag 7: Interview med VJ"

    original = ExportDocument.properties.fget
    monkeypatch.setattr(
        ExportDocument, "properties", property(lambda self: {**original(self), "keywords": "Vibeke Jensen"})
    )
    out = tmp_path / f"bilag.{fmt}"
    args = ["export", str(appendix), "--pseudonymise", "--key", str(tmp_path / "k.json"), "-o", str(out)]
    assert main(args) == EXIT_LEAK and not out.exists()


# -- tables ----------------------------------------------------------------------------------------


def _set_title(path, title):
    project = load_project(path)
    project.metadata.title = title
    project.roster[0].position, project.roster[0].area = "direktør", "sundhed"
    save_project(project, path)


def test_tables_are_codes_only_and_the_gate_reads_their_titles(project, tmp_path, capsys):
    _set_title(project, "Samtale med Vibeke Jensen")  # as a title made from the recording's file name
    out = tmp_path / "tabeller.docx"
    assert main(["export", str(project), "--format", "tables", "-o", str(out)]) == EXIT_LEAK
    err = capsys.readouterr().err
    assert "tables were stopped" in err and "meta PROJECT --title" in err and not out.exists()
    _set_title(project, "Interview med en direktør")
    assert main(["export", str(project), "--format", "tables", "-o", str(out)]) == 0
    text = _docx_text(out)
    assert "VJ" in text and "direktør" in text
    for name in REAL_NAMES:
        assert name not in text
    assert _events(project) == []  # nothing to record: no names went out


def test_allow_leaks_on_tables_is_recorded(project, tmp_path):
    _set_title(project, "Samtale med Vibeke Jensen")
    out = tmp_path / "tabeller.docx"
    assert main(["export", str(project), "--format", "tables", "--allow-leaks", "-o", str(out)]) == 0
    assert "Vibeke Jensen" in _docx_text(out)
    (entry,) = _events(project)
    assert (entry["event"], entry["kind"]) == ("export despite leaks", "tables")
    assert entry["output"] == "tabeller.docx"


def test_tables_with_names_are_recorded_in_the_project_and_the_key(project, tmp_path):
    out, key = tmp_path / "tabeller.docx", tmp_path / "tabeller.key.json"
    args = ["export", str(project), "--format", "tables", "--with-names", "--key", str(key), "-o", str(out)]
    assert main(args) == 0
    assert "Vibeke Jensen" in _docx_text(out)
    audit = _events(project)
    assert [(e["event"], e["output"]) for e in audit] == [("tables with names", "tabeller.docx")]
    stored = json.loads(key.read_text(encoding="utf-8"))
    assert stored["audit"][-1]["event"] == "tables with names"
    assert {e["replacement"]: e["name"] for e in stored["entries"]}["VJ"] == "Vibeke Jensen"


def test_pseudonymised_tables_with_a_key_work_and_write_no_names(project, tmp_path):
    out, key = tmp_path / "tabeller.docx", tmp_path / "tabeller.key.json"
    args = ["export", str(project), "--format", "tables", "--pseudonymise", "--key", str(key), "-o", str(out)]
    assert main(args) == 0
    text = _docx_text(out)
    assert "VJ" in text and not any(name in text for name in REAL_NAMES)
    stored = json.loads(key.read_text(encoding="utf-8"))
    assert {e["replacement"]: e["name"] for e in stored["entries"]}["BL"] == "Bo Lund"


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--pseudonymise"], "need --key"),
        (["--pseudonymise", "--with-names", "--key", "K"], "choose one"),
        (["--accept-review"], "--accept-review"),
        (["--width", "60"], "--width"),
        (["--key", "PROJECT"], "is the project you are exporting"),
    ],
)
def test_tables_refuse_what_they_cannot_honour_with_a_sentence(project, tmp_path, capsys, extra, message):
    out = tmp_path / "tabeller.docx"
    before = project.read_bytes()
    extra = [str(tmp_path / "k.json") if a == "K" else str(project) if a == "PROJECT" else a for a in extra]
    assert main(["export", str(project), "--format", "tables", *extra, "-o", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists() and project.read_bytes() == before


def test_with_names_belongs_to_the_tables(project, tmp_path, capsys):
    assert main(["export", str(project), "--with-names", "-o", str(tmp_path / "a.txt")]) == 2
    assert "--format tables" in capsys.readouterr().err
