"""A sentence, never a traceback: each cause found (issue 12) fixed at its root, and the CLI's last resort.

The fuzz suite (test_fuzz_inputs.py) shows that no broken input crashes a command; these
tests pin down *how* each is handled: which field a message names, that a bounded
allocation stays bounded, that an entity is not expanded, what the error log holds, and
how signals and a closed pipe end a command.
"""

from __future__ import annotations

import io
import json
import math
import os
import re
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest

from tests import fuzz_inputs as fz
from tests.export_fixtures import interview
from transcribe_app.cli import main, project_commands
from transcribe_app.core.asr import audio
from transcribe_app.core.citations.basket import Quote
from transcribe_app.core.errors import BadInputError, ProjectFileError
from transcribe_app.core.layout import AppendixRecord
from transcribe_app.core.project import fieldcheck
from transcribe_app.core.project.diarisation import DiarisationRecord
from transcribe_app.core.project.edit_log import EditEntry
from transcribe_app.core.project.file import load_project, project_json, save_project
from transcribe_app.core.project.record import Project, TranscriptionRun
from transcribe_app.core.pseudonymise import PseudonymisationState

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def error_log(tmp_path, monkeypatch):
    """The last resort's log goes to a folder of the test's own."""
    folder = tmp_path / "log"
    monkeypatch.setenv("TRANSKRIPT_LOG_DIR", str(folder))
    monkeypatch.delenv("TRANSKRIPT_DEBUG", raising=False)
    return folder


def rich_project() -> Project:
    """A project with every layer filled in, as a long-used one has."""
    project = interview(turns=4)
    project.transcription = TranscriptionRun(
        "faster-whisper", {"name": "base"}, {"language": "da", "beam_size": 5, "temperature": [0.0, 0.2]}
    )
    project.cleanup_level = "verbatim"
    project.edits = [EditEntry("edit", [0], "2026-01-01T00:00:00+00:00")]
    project.pseudonymisation = PseudonymisationState.from_dict(
        {
            "settings": {"places": True, "organisations": False, "ner_model": None},
            "decisions": [{"action": "reject", "text": "Holm", "part": 0, "nth": 0, "by": "x", "at": "y"}],
            "audit": [{"event": "review", "by": "x", "at": "y"}],
        }
    )
    project.quotes = [Quote("1-2", citation="(VJ: 1-2)")]
    project.diarisation = DiarisationRecord(method="builtin", speakers_requested=None, speakers_found=2)
    project.layout = AppendixRecord(width=85, timestamps=False, level="clean", pseudonymised=False)
    project.extra = {"timeline_colours": {"VJ": "#aa0000"}}
    return project


# -- the project file, field by field --------------------------------------------------------------


def stored(tmp_path: Path, change) -> Path:
    path = tmp_path / "x.transkript.json"
    data = json.loads(project_json(rich_project()))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_field_of_the_wrong_type_is_named_with_its_place(tmp_path):
    def change(data):
        data["segments"][2]["words"][3]["start"] = "0:12"

    with pytest.raises(ProjectFileError) as caught:
        load_project(stored(tmp_path, change))
    assert str(caught.value) == (
        "“x.transkript.json” is damaged: segments[2].words[3].start must be a number (it is text)."
    )


@pytest.mark.parametrize(
    "where, value, named",
    [
        (("transcription", "options"), None, "transcription.options must be a record of named fields"),
        (("transcription", "model"), "base", "transcription.model must be a record"),
        (("pseudonymisation", "audit"), "x", "pseudonymisation.audit must be a list (it is text)"),
        (("pseudonymisation", "decisions"), None, "pseudonymisation.decisions must be a list (it is empty"),
        (("segments", 0, "speaker"), 1, "segments[0].speaker must be text (it is a number)"),
        (("segments", 0, "speaker"), ["S1"], "segments[0].speaker must be text (it is a list)"),
        (("segments", 1, "start"), math.nan, "segments[1].start must be a finite number (it is not a number"),
        (("segments", 1, "end"), -math.inf, "segments[1].end must be a finite number (it is infinite)"),
        (("segments", 1, "end"), 1e308, "segments[1].end must be between 0 and 1e+07"),
        (("audio", "duration"), "1:02:03", "audio.duration must be a number (it is text)"),
        (("metadata", "appendix"), True, "metadata.appendix must be a whole number (it is true/false)"),
        (("roster", 1, "aliases"), "Vibse", "roster[1].aliases must be a list (it is text)"),
        (("layout", "width"), 5, "layout.width must be between 30 and 200 (it is 5)"),
        (
            ("pseudonymisation", "decisions", 0, "action"),
            "maybe",
            "decisions[0].action must be accept, reject",
        ),
        (("diarisation", "speakers_found"), "2", "diarisation.speakers_found must be a whole number"),
        (("metadata", "unknown_field"), 1, "metadata.unknown_field must be a field this version"),
    ],
)
def test_each_found_cause_names_its_field(tmp_path, where, value, named):
    def change(data):
        node = data
        for key in where[:-1]:
            node = node[key]
        node[where[-1]] = value

    with pytest.raises(ProjectFileError, match="damaged: .*" + re.escape(named)):
        load_project(stored(tmp_path, change))


def test_a_valid_project_is_saved_back_byte_for_byte(tmp_path):
    path = tmp_path / "x.transkript.json"
    save_project(rich_project(), path)
    first = path.read_bytes()
    save_project(load_project(path), path)
    assert path.read_bytes() == first


def test_lenient_where_the_reader_can_recover(tmp_path):
    """A null text field is an empty one; unknown top-level keys survive; a missing layer is empty."""

    def change(data):
        data["roster"][0]["name"] = None
        data["metadata"]["title"] = None
        data["from_a_later_build"] = {"kept": True}
        del data["quotes"], data["diarisation"]

    path = stored(tmp_path, change)
    project = load_project(path)
    assert project.roster[0].name == "" and project.metadata.title == ""
    assert project.quotes == [] and project.diarisation is None
    save_project(project, path)
    assert json.loads(path.read_text(encoding="utf-8"))["from_a_later_build"] == {"kept": True}


@pytest.mark.parametrize("opener", ["[", "{"])
def test_a_project_nested_100000_deep_is_damaged_not_a_recursion_error(tmp_path, opener):
    path = tmp_path / "deep.transkript.json"
    path.write_text(fz.deep(100_000, opener), encoding="utf-8")
    with pytest.raises(ProjectFileError, match="damaged.*nested far too deep"):
        load_project(path)


def test_a_project_nested_deep_but_parseable_is_refused_by_depth(tmp_path):
    def change(data):
        data["quotes"] = [json.loads(fz.deep(500))]

    with pytest.raises(ProjectFileError, match="nested at most 64 levels"):
        load_project(stored(tmp_path, change))


def test_fieldcheck_describes_values_in_words():
    assert [fieldcheck.describe(v) for v in (None, True, math.nan, math.inf, 3, "a", [], {})] == [
        "empty (null)",
        "true/false",
        "not a number (NaN)",
        "infinite",
        "a number",
        "text",
        "a list",
        "a record",
    ]
    with pytest.raises(
        fieldcheck.FieldError, match=r"^x\[2\]\.y must be a whole number \(it is a number\)\.$"
    ):
        fieldcheck.integer(2.5, fieldcheck.join(fieldcheck.join("x", 2), "y"))


# -- the key file ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def key_world(tmp_path_factory):
    return fz.make_world(tmp_path_factory.mktemp("keys"))


@pytest.mark.parametrize(
    "change, named",
    [
        (lambda k: k.update(version="1"), "version must be a whole number"),
        (lambda k: k.update(occurrences=None), "occurrences must be a list"),
        (lambda k: k["occurrences"][0].update(at="12"), r"occurrences\[0\]\.at must be a whole number"),
        (lambda k: k["occurrences"][0].update(at=-1), r"occurrences\[0\]\.at must be at least 0"),
        (lambda k: k["occurrences"][0].pop("original"), r"occurrences\[0\]\.original must be present"),
        (lambda k: k["occurrences"][0].update(replacement=""), r"occurrences\[0\]\.replacement must be"),
        (lambda k: k["entries"][0].update(written_as="x"), r"entries\[0\]\.written_as must be a list"),
    ],
)
def test_a_malformed_key_is_named_field_by_field(key_world, tmp_path, capsys, change, named):
    key = json.loads((key_world / "key.json").read_text(encoding="utf-8"))
    change(key)
    path = tmp_path / "key.json"
    path.write_text(json.dumps(key), encoding="utf-8")
    out = tmp_path / "back.txt"
    assert main(["depseudonymise", str(key_world / "pseudo.txt"), "--key", str(path), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert re.search(f"key file key.json is damaged: {named}", err), err
    assert not out.exists()


def test_a_key_whose_positions_do_not_hold_restores_by_search(key_world, tmp_path):
    """The document's hash matches, but the positions were edited: the names go back where the codes stand."""
    from transcribe_app.core.pseudonymise import depseudonymise, read_key

    key = read_key(key_world / "key.json")
    text = (key_world / "pseudo.txt").read_text(encoding="utf-8")
    exact, _ = depseudonymise(text, key)
    for occurrence in key["occurrences"]:
        occurrence["at"] += 3
    restored, by_position = depseudonymise(text, key)
    assert not by_position
    assert restored == exact  # the search finds each code in order, as the positions would have


def test_a_key_nested_deep_is_a_sentence(tmp_path):
    from transcribe_app.core.pseudonymise import read_key

    path = tmp_path / "key.json"
    path.write_text(fz.deep(100_000), encoding="utf-8")
    with pytest.raises(BadInputError, match="not a readable Transkript key"):
        read_key(path)


# -- decoded sizes bounded by the file's size -------------------------------------------------------


def _flac_claiming(path: Path, total_samples: int) -> Path:
    """A one-second FLAC whose STREAMINFO says it holds ``total_samples`` (36 bits at most)."""
    from tests.audio_fixtures import encode

    chunk = (np.random.default_rng(0).standard_normal((1, 16_000)) * 3000).astype(np.int16)
    encode(path, [chunk], "flac")
    raw = bytearray(path.read_bytes())
    info = raw.index(b"fLaC") + 8  # after the marker and the metadata block's header
    fields = int.from_bytes(raw[info + 10 : info + 18], "big")
    fields = (fields & ~((1 << 36) - 1)) | total_samples
    raw[info + 10 : info + 18] = fields.to_bytes(8, "big")
    path.write_bytes(raw)
    return path


def _wav_claiming(path: Path, frames: int) -> Path:
    from tests.audio_fixtures import write_wav_header

    samples = (np.random.default_rng(1).standard_normal(16_000) * 3000).astype("<i2")
    with open(path, "wb") as handle:
        write_wav_header(handle, frames)
        handle.write(samples.tobytes())
    return path


@pytest.mark.parametrize(
    "make",
    [
        lambda folder: _flac_claiming(folder / "huge.flac", (1 << 36) - 1),
        lambda folder: _wav_claiming(folder / "huge.wav", (1 << 31) - 100),
    ],
    ids=["flac-2^36-samples", "wav-2^31-frames"],
)
def test_a_header_claiming_more_than_the_file_holds_is_a_warning(tmp_path, monkeypatch, make):
    path = make(tmp_path)
    asked = []
    real = audio._SampleBuffer.__init__

    def spy(self, expected):
        asked.append(expected)
        real(self, expected)

    monkeypatch.setattr(audio._SampleBuffer, "__init__", spy)
    decoded = audio.decode_audio(path)
    assert abs(decoded.duration - 1.0) < 0.1
    if path.suffix == ".flac":
        assert len(decoded.warnings) == 1 and "although it says it is 4294967.3 s long" in decoded.warnings[0]
    assert asked[0] <= path.stat().st_size * audio.MOST_SAMPLES_PER_BYTE + audio.SAMPLE_RATE


# -- characters XML cannot hold ---------------------------------------------------------------------


def test_control_characters_are_removed_from_every_document_made(tmp_path, capsys):
    from transcribe_app.core.exports.printable import printable

    assert printable("Vi\x01beke\x1b[0m\x07 og\ttab\n") == "Vibeke[0m og\ttab\n"
    project = interview(turns=6)
    project.metadata.title = "Titel\x0b\x1b"
    project.segments[0].words[0].text = " Hej\x07\x01der"
    project.roster[1].name = "Vibeke\x1b Jensen"
    project.roster[1].position = "direktør\x0c"
    path = tmp_path / "ctl.transkript.json"
    save_project(project, path)
    for fmt in ("docx", "pdf", "txt"):
        assert main(["export", str(path), "-o", str(tmp_path / f"a.{fmt}")]) == 0
    assert main(["export", str(path), "--format", "tables", "-o", str(tmp_path / "t.docx")]) == 0
    pack = [
        "validation-pack",
        str(path),
        "--quote",
        "1-2",
        "--quote",
        "Hej\x07der",
        "-o",
        str(tmp_path / "p.docx"),
    ]
    assert main(pack) in (0, 2)  # the typed quote may not be found; it must not crash the document
    assert main(pack[:4] + pack[6:]) == 0
    import docx

    for name in ("a.docx", "t.docx", "p.docx"):
        document = docx.Document(str(tmp_path / name))
        text = "\n".join(p.text for p in document.paragraphs) + "".join(
            cell.text for table in document.tables for row in table.rows for cell in row.cells
        )
        assert not any(ch in text for ch in "\x01\x07\x0b\x0c\x1b"), name
    assert "Hejder" in (tmp_path / "a.txt").read_text(encoding="utf-8")
    assert "Traceback" not in capsys.readouterr().err


def test_a_heading_longer_than_a_document_property_holds_is_cut_there(tmp_path):
    import docx

    project = interview(turns=3)
    project.metadata.citation_code = "V" * 300
    path = tmp_path / "long.transkript.json"
    save_project(project, path)
    assert main(["export", str(path), "-o", str(tmp_path / "a.docx")]) == 0
    assert main(["validation-pack", str(path), "--quote", "1", "-o", str(tmp_path / "p.docx")]) == 0
    for name in ("a.docx", "p.docx"):
        title = docx.Document(str(tmp_path / name)).core_properties.title
        assert len(title) == 255 and title.endswith("V…")


# -- reading DOCX safely -----------------------------------------------------------------------------


def _docx_with_document_xml(path: Path, xml: bytes) -> Path:
    import docx

    docx.Document().save(str(path))
    fz.replace_part(path, "word/document.xml", xml)
    return path


def test_python_docx_does_not_expand_entities():
    from docx.oxml.parser import oxml_parser
    from lxml import etree

    root = etree.fromstring(b'<!DOCTYPE r [<!ENTITY n "Vibeke">]><r>a &n; b</r>', oxml_parser)
    assert isinstance(root[0], etree._Entity)  # kept as a reference, not replaced by its text
    assert "Vibeke" not in "".join(root.itertext()) and etree.tostring(root) == b"<r>a &n; b</r>"


@pytest.mark.parametrize("reader", ["import", "manuscript"])
def test_an_entity_is_never_expanded_into_the_text(tmp_path, reader):
    from transcribe_app.core.citations.manuscript import read_manuscript
    from transcribe_app.core.imports.typed import import_transcript

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY n "Vibeke Jensen">]><w:document xmlns:w="{w}">'
        "<w:body><w:p><w:r><w:t>VJ: hej &n; der</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    path = _docx_with_document_xml(tmp_path / "e.docx", xml)
    try:
        if reader == "import":
            text = " ".join(s.text for s in import_transcript(path).segments)
        else:
            text = " ".join(p.text for p in read_manuscript(path))
    except BadInputError:
        return  # refused with a sentence: also safe
    assert "Vibeke" not in text and "hej" in text


@pytest.mark.parametrize("damage", ["entity bomb", "zip bomb", "broken xml", "not a zip", "no document part"])
@pytest.mark.parametrize("reader", ["import", "manuscript"])
def test_a_hostile_docx_is_a_sentence_naming_it(tmp_path, damage, reader):
    import random

    import docx

    from transcribe_app.core.citations.manuscript import read_manuscript
    from transcribe_app.core.imports.typed import import_transcript

    path = tmp_path / "x.docx"
    document = docx.Document()
    document.add_paragraph("VJ: hej der")
    document.save(str(path))
    fz.hostile_docx(path, damage, random.Random(1))
    with pytest.raises(BadInputError, match="“x.docx”"):
        import_transcript(path) if reader == "import" else read_manuscript(path)


def test_a_zip_that_unpacks_to_more_than_a_document_holds_is_refused_before_reading(tmp_path, monkeypatch):
    from transcribe_app.core.imports import docx_reading

    path = tmp_path / "big.docx"
    import docx

    docx.Document().save(str(path))
    with zipfile.ZipFile(path, "a") as package:
        package.writestr("word/media/picture.bin", b"\0" * 3_000_000)
    monkeypatch.setattr(docx_reading, "MAX_TOTAL_BYTES", 2_000_000)
    with pytest.raises(BadInputError, match="cannot be read safely: it unpacks to"):
        docx_reading.open_docx(path)


# -- the last resort ----------------------------------------------------------------------------------


@pytest.fixture
def a_project(tmp_path):
    path = tmp_path / "p.transkript.json"
    save_project(interview(turns=2), path)
    return path


def _fail_with(error):
    def handler(args):
        raise error

    return handler


def test_an_unexpected_error_is_a_sentence_and_the_log_holds_no_text(
    a_project, monkeypatch, capsys, error_log
):
    monkeypatch.setattr(project_commands, "_info", _fail_with(KeyError("Vibeke Jensen sagde noget")))
    assert main(["info", str(a_project)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Vibeke" not in err
    assert "Transkript stopped because of an unexpected problem (KeyError)" in err
    assert "--debug" in err and str(error_log) in err
    log = (error_log / "transkript-errors.log").read_text(encoding="utf-8")
    assert "builtins.KeyError" in log and "in handler" in log and "transcribe-app info" in log
    assert "Vibeke" not in log and str(a_project) not in log
    assert (error_log / "transkript-errors.log").stat().st_mode & 0o077 == 0  # the user's eyes only


def test_debug_shows_the_traceback(a_project, monkeypatch, capsys):
    monkeypatch.setattr(project_commands, "_info", _fail_with(ValueError("details")))
    assert main(["--debug", "info", str(a_project)]) == 1
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "ValueError: details" in err


def test_the_log_folder_unwritable_still_gives_the_sentence(a_project, monkeypatch, capsys, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("TRANSKRIPT_LOG_DIR", str(blocker / "log"))
    monkeypatch.setattr(project_commands, "_info", _fail_with(RuntimeError()))
    assert main(["info", str(a_project)]) == 1
    assert "Run the command again with --debug" in capsys.readouterr().err


def test_out_of_memory_is_a_sentence(a_project, monkeypatch, capsys):
    monkeypatch.setattr(project_commands, "_info", _fail_with(MemoryError()))
    assert main(["info", str(a_project)]) == 1
    err = capsys.readouterr().err
    assert "ran out of memory" in err and "Traceback" not in err


@pytest.mark.parametrize("signal_error, code", [(KeyboardInterrupt(), 130)])
def test_ctrl_c_in_process_is_130_without_a_traceback(a_project, monkeypatch, capsys, signal_error, code):
    monkeypatch.setattr(project_commands, "_info", _fail_with(signal_error))
    assert main(["info", str(a_project)]) == code
    err = capsys.readouterr().err
    assert "Stopped (Ctrl+C)" in err and "Traceback" not in err


def test_ctrl_c_that_a_library_turned_into_its_own_error_is_still_130(a_project, monkeypatch, capsys):
    """Ctrl+C while numpy loads arrives as numpy's ImportError: still a stop, not an unexpected problem."""

    def interrupted_import(args):
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as stop:
            raise ImportError("numpy could not be loaded") from stop

    monkeypatch.setattr(project_commands, "_info", interrupted_import)
    assert main(["info", str(a_project)]) == 130
    assert "Stopped (Ctrl+C)" in capsys.readouterr().err


def test_a_file_name_too_long_is_a_sentence_exit_2(tmp_path, capsys):
    name = "a" * 300 + ".transkript.json"
    assert main(["info", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err
    assert "File name too long" in err and "Traceback" not in err


# -- through real processes: closed pipes and signals -----------------------------------------------


def _env(tmp_path: Path) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(REPO), TRANSKRIPT_LOG_DIR=str(tmp_path / "log"))


def test_a_reader_that_goes_away_ends_clean_text_quietly(tmp_path):
    """`clean-text | head`: exit 141 as any Unix tool, and not a word on stderr."""
    worker = subprocess.Popen(
        [sys.executable, "-m", "transcribe_app", "clean-text"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=_env(tmp_path),
    )

    def feed() -> None:
        try:
            worker.stdin.write(b"VJ: det er \xc3\xb8h jo s\xc3\xa5dan\n" * 200_000)  # more than a pipe holds
            worker.stdin.close()
        except OSError:  # it stopped reading: that is the point
            pass

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    worker.stdout.read(10)
    worker.stdout.close()  # as `| head -c 10` does
    err = worker.stderr.read().decode()
    worker.wait(timeout=120)
    feeder.join(timeout=10)
    assert worker.returncode == 141, err
    assert err == ""


class _ClosedPipe(io.StringIO):
    def write(self, text):
        raise BrokenPipeError(32, "Broken pipe")


def test_an_export_to_a_closed_pipe_ends_quietly(a_project, monkeypatch, capsys):
    """`export P | head`: the same, for one large write (checked in this process)."""
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    assert main(["export", str(a_project)]) == 141
    assert capsys.readouterr().err == ""


def _start(tmp_path: Path, argv: list[str]) -> subprocess.Popen:
    """The CLI in a process of its own, as ``python -m transcribe_app`` runs it; returns when ``main()``
    is about to start (before that, Python itself is loading, which no program can guard)."""
    boot = (
        "import sys; from transcribe_app.__main__ import main; sys.argv[0] = 'transcribe-app'; "
        "sys.stderr.write('started\\n'); sys.stderr.flush(); sys.exit(main())"
    )
    worker = subprocess.Popen(
        [sys.executable, "-c", boot, *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=_env(tmp_path),
    )
    assert worker.stderr.readline() == "started\n"
    return worker


@pytest.fixture(scope="module")
def signal_world(tmp_path_factory):
    return fz.make_world(tmp_path_factory.mktemp("signals"))


@pytest.mark.parametrize("delay", [0.0, 0.2, 0.5, 1.0, 2.0])
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("command", ["pseudonymise", "export"])
def test_a_signal_at_any_moment_ends_cleanly(signal_world, tmp_path, command, signum, delay):
    """No traceback, 130/143 (or 0 when it finished first), and the project and output whole."""
    folder = fz.fresh_copy(signal_world, tmp_path / "case")
    project = folder / fz.PROJECT
    before = project.read_bytes()
    output = folder / "out.docx"
    if command == "pseudonymise":
        argv = ["pseudonymise", str(project), "--add", "Kirsten Lund", "--report", str(folder / "r.tsv")]
    else:
        argv = ["export", str(project), "--pseudonymise", "--key", str(folder / "k.json"), "-o", str(output)]
    worker = _start(tmp_path, argv)
    time.sleep(delay)
    worker.send_signal(signum)
    err = worker.communicate(timeout=300)[1]
    assert "Traceback" not in err and "Exception ignored" not in err, err
    expected = 130 if signum == signal.SIGINT else 143
    after = project.read_bytes()
    if worker.returncode == -signum:  # the signal came before main() set its handler (on a busy
        # machine even seconds in): then nothing may have been done
        assert err == "" and after == before and not output.exists()
        return
    assert worker.returncode in (0, expected, 4), err  # 4: the leak check stopped the export first
    if worker.returncode == expected:
        assert "Stopped" in err
    assert after == before or load_project(project).segments  # unchanged, or whole and saved
    if output.exists():
        with zipfile.ZipFile(output) as package:
            assert package.testzip() is None
    leftovers = [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert not leftovers


# -- transcription: SIGTERM saves like Ctrl+C -------------------------------------------------------


def _wait_for_segments(project: Path, worker: subprocess.Popen, at_least: int = 1) -> None:
    while worker.poll() is None:
        if project.exists():
            try:
                if len(load_project(project).segments) >= at_least:
                    return
            except (ProjectFileError, OSError):  # read during a rename: look again
                pass
        time.sleep(0.1)
    pytest.fail("the transcription ended before it saved a part; the test could not stop it")


def test_sigterm_while_loading_ends_with_143_and_no_traceback(tmp_path, faster_whisper_base):
    from tests.speech import LONGFORM

    project = tmp_path / "long.transkript.json"
    for signum, code in ((signal.SIGTERM, 143), (signal.SIGINT, 130)):
        worker = _start(
            tmp_path,
            [
                "transcribe",
                str(LONGFORM),
                "-o",
                str(project),
                "--model",
                faster_whisper_base,
                "--device",
                "cpu",
            ],
        )
        time.sleep(0.3)
        worker.send_signal(signum)
        err = worker.communicate(timeout=300)[1]
        assert worker.returncode == code, err
        assert "Traceback" not in err
        if project.exists():
            assert load_project(project).transcription.status in ("in_progress", "cancelled")
            project.unlink()


def _transcribe_longform(project: Path, model: str) -> list[str]:
    """The command line that transcribes the long four-speaker recording into ``project`` on the CPU."""
    from tests.speech import LONGFORM

    return ["transcribe", str(LONGFORM), "-o", str(project), "--model", model, "--device", "cpu"]


def test_sigterm_during_transcription_saves_and_resume_finishes(tmp_path, faster_whisper_base):
    project = tmp_path / "long.transkript.json"
    argv = _transcribe_longform(project, faster_whisper_base)
    worker = _start(tmp_path, argv)
    _wait_for_segments(project, worker)
    worker.send_signal(signal.SIGTERM)
    err = worker.communicate(timeout=300)[1]
    assert worker.returncode == 143, err
    assert "Traceback" not in err and "--resume" in err
    stopped = load_project(project)
    assert stopped.transcription.status == "cancelled" and stopped.segments
    done = subprocess.run(
        [sys.executable, "-m", "transcribe_app", *argv, "--resume"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=_env(tmp_path),
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    finished = load_project(project)
    assert finished.transcription.status == "complete"
    assert finished.segments[: len(stopped.segments)] == stopped.segments


def test_a_run_stopped_by_sigterm_reports_143_in_json_lines(tmp_path, faster_whisper_base):
    """The window's protocol: SIGTERM is a cancel (the work saved), then exit 143."""
    project = tmp_path / "long.transkript.json"
    argv = _transcribe_longform(project, faster_whisper_base)
    worker = subprocess.Popen(
        [sys.executable, "-m", "transcribe_app", *argv, "--progress-jsonl"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=_env(tmp_path),
    )
    for line in worker.stdout:
        if json.loads(line)["event"] == "segment":
            break
    worker.send_signal(signal.SIGTERM)
    out, err = worker.communicate(timeout=300)
    assert worker.returncode == 143, err
    events = [json.loads(line)["event"] for line in io.StringIO(out)]
    assert events[-1] == "stopped"
    assert load_project(project).transcription.status == "cancelled"


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_while_a_native_library_loads_waits_until_it_is_loaded(tmp_path, monkeypatch, signum):
    """Presidio's import runs PyTorch's C++, which aborts the process ("terminate called …", -6) when
    Ctrl+C raises inside it. A library that is signalled while it loads runs its import to the end;
    then the command stops as at any other moment (130 / 143)."""
    from transcribe_app.cli import loading as cli_loading
    from transcribe_app.cli.guard import guarded

    assert {"presidio_analyzer", "torch"} <= cli_loading.NATIVE_LIBRARIES
    monkeypatch.setattr(cli_loading, "NATIVE_LIBRARIES", frozenset({"slow_native_library"}))
    package = tmp_path / "slow_native_library"
    package.mkdir()
    (package / "__init__.py").write_text(
        "import os, signal\n"
        f"os.kill(os.getpid(), {int(signum)})  # arrives while the library is still loading\n"
        "os.environ['SLOW_NATIVE_LIBRARY_LOADED'] = 'yes'  # its last line: it loaded to the end\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "slow_native_library", raising=False)
    monkeypatch.delenv("SLOW_NATIVE_LIBRARY_LOADED", raising=False)

    def command() -> int:
        __import__("slow_native_library")
        time.sleep(5)  # not reached: the signal is delivered as the import ends
        return 0

    assert guarded(command, command="export") == (130 if signum == signal.SIGINT else 143)
    assert os.environ.get("SLOW_NATIVE_LIBRARY_LOADED") == "yes"
