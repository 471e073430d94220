"""Nothing the researcher has is ever destroyed (issue 12, part 1).

- Every command that writes a file refuses an output that is one of its inputs (or a
  project's ``.bak``, or another of its outputs), however the path is spelled: ``x``,
  ``./x``, absolute, ``sub/../x``, a symbolic link, a hard link. Exit 2, every file in
  the folder byte for byte as it was, and no file added.
- ``.bak`` is the file as it was before the command, whatever the command saved since.
- An option that fails late (a language Whisper does not know, a roster format…) fails
  before anything is written.
- File names as long as the file system allows are written; longer ones get a sentence.

The kill/resume property is in tests/test_resume_property.py.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.pseudonymisation_gold import DATA, read_gold
from transcribe_app.cli import main
from transcribe_app.core.errors import BadInputError, ProjectFileError
from transcribe_app.core.file_safety import check_files, reading, same_file, writing
from transcribe_app.core.project.file import ProjectWriter, load_project, save_project

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "resources" / "sample" / "nst_da_sample.wav"
PROJECT = "p.transkript.json"
BACKUP = PROJECT + ".bak"


def make_world(folder: Path) -> None:
    """A researcher's folder: a recording, a typed transcript, a roster, a project with its .bak,
    a key, a pseudonymised text, a manuscript, and outputs of earlier runs."""
    text, _ = read_gold(DATA / "interview_gold.txt")
    (folder / "typed.txt").write_text(text, encoding="utf-8")
    (folder / "roster.json").write_bytes((DATA / "interview_roster.json").read_bytes())
    (folder / "r.csv").write_text("name,code,role\nBo Lund,BL,informant\n", encoding="utf-8")
    shutil.copyfile(SAMPLE, folder / "rec.wav")
    assert main(["import", str(folder / "typed.txt"), "-o", str(folder / PROJECT)]) == 0
    assert main(["roster", str(folder / PROJECT), "--import", str(folder / "roster.json")]) == 0
    assert main(["meta", str(folder / PROJECT), "--code", "VJ", "--appendix", "7"]) == 0
    assert (folder / BACKUP).is_file()
    (folder / "key.json").write_text('{"format": "transkript-key", "version": 1}\n', encoding="utf-8")
    (folder / "pseudo.txt").write_text("I: Hej [Person 1].\n", encoding="utf-8")
    (folder / "thesis.docx").write_bytes(b"PK\x03\x04 not really a manuscript")
    (folder / "out.txt").write_text("an earlier export\n", encoding="utf-8")
    (folder / "o.txt").write_text("an earlier pseudonymised text\n", encoding="utf-8")
    (folder / "sub").mkdir()


def contents(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


PT_BASE = ["pseudonymise-text", "typed.txt", "--roster", "roster.json"]

# (command line with T where the output goes, the file T points at). Every T is an input of the
# command, a project's .bak, or another of its outputs.
CASES = {
    "transcribe -o recording": (["transcribe", "rec.wav", "-o", "T"], "rec.wav"),
    "transcribe --overwrite -o recording": (["transcribe", "rec.wav", "-o", "T", "--overwrite"], "rec.wav"),
    "transcribe: the project's .bak is the recording": (
        ["transcribe", "T", "-o", PROJECT, "--overwrite"],
        BACKUP,
    ),
    "export -o project": (["export", PROJECT, "-o", "T"], PROJECT),
    "export -o project's .bak": (["export", PROJECT, "-o", "T"], BACKUP),
    "export --pseudonymise -o project": (
        ["export", PROJECT, "--pseudonymise", "--key", "k2.json", "-o", "T"],
        PROJECT,
    ),
    "export --key project": (["export", PROJECT, "--pseudonymise", "--key", "T", "-o", "x.txt"], PROJECT),
    "export --key project's .bak": (
        ["export", PROJECT, "--pseudonymise", "--key", "T", "-o", "x.txt"],
        BACKUP,
    ),
    "export --key -o": (["export", PROJECT, "--pseudonymise", "--key", "T", "-o", "out.txt"], "out.txt"),
    "export tables -o project": (["export", PROJECT, "--format", "tables", "-o", "T"], PROJECT),
    "import -o typed transcript": (["import", "typed.txt", "-o", "T"], "typed.txt"),
    "import --overwrite -o typed transcript": (
        ["import", "typed.txt", "-o", "T", "--overwrite"],
        "typed.txt",
    ),
    "roster --export project's .bak": (["roster", PROJECT, "--export", "T"], BACKUP),
    "roster --export project": (["roster", PROJECT, "--export", "T"], PROJECT),
    "roster --export the imported roster": (
        ["roster", PROJECT, "--import", "r.csv", "--export", "T"],
        "r.csv",
    ),
    "pseudonymise --report project": (["pseudonymise", PROJECT, "--report", "T"], PROJECT),
    "pseudonymise --report project's .bak": (["pseudonymise", PROJECT, "--report", "T"], BACKUP),
    "pseudonymise-text -o input": ([*PT_BASE, "-o", "T", "--key", "k.json"], "typed.txt"),
    "pseudonymise-text --key input": ([*PT_BASE, "-o", "x.txt", "--key", "T"], "typed.txt"),
    "pseudonymise-text --report input": (
        [*PT_BASE, "-o", "x.txt", "--key", "k.json", "--report", "T"],
        "typed.txt",
    ),
    "pseudonymise-text -o roster": ([*PT_BASE, "-o", "T", "--key", "k.json"], "roster.json"),
    "pseudonymise-text --key roster": ([*PT_BASE, "-o", "x.txt", "--key", "T"], "roster.json"),
    "pseudonymise-text --report roster": (
        [*PT_BASE, "-o", "x.txt", "--key", "k.json", "--report", "T"],
        "roster.json",
    ),
    "pseudonymise-text --key -o": ([*PT_BASE, "-o", "o.txt", "--key", "T"], "o.txt"),
    "depseudonymise -o input": (
        ["depseudonymise", "pseudo.txt", "--key", "key.json", "-o", "T"],
        "pseudo.txt",
    ),
    "depseudonymise -o key": (["depseudonymise", "pseudo.txt", "--key", "key.json", "-o", "T"], "key.json"),
    "validation-pack -o manuscript": (
        ["validation-pack", PROJECT, "--from-manuscript", "thesis.docx", "-o", "T"],
        "thesis.docx",
    ),
}

SPELLINGS = ("as given", "./x", "absolute", "sub/../x", "symbolic link", "hard link")


def spell(name: str, how: str, folder: Path) -> str:
    """Another way to write ``folder/name`` (links are made beside it, keeping its suffix)."""
    if how == "as given":
        return name
    if how == "./x":
        return f"./{name}"
    if how == "absolute":
        return str(folder / name)
    if how == "sub/../x":
        return f"sub/../{name}"
    alias = folder / f"alias-{name}"
    if how == "symbolic link":
        alias.symlink_to(folder / name)
    else:
        os.link(folder / name, alias)
    return alias.name


@pytest.fixture(scope="module")
def world_template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("world")
    make_world(folder)
    return folder


@pytest.fixture
def world(world_template, tmp_path, monkeypatch, no_network):
    """A fresh copy of the researcher's folder, the working directory of the test."""
    folder = tmp_path / "world"
    shutil.copytree(world_template, folder)
    monkeypatch.chdir(folder)
    return folder


@pytest.mark.parametrize("how", SPELLINGS)
@pytest.mark.parametrize("case", list(CASES))
def test_an_output_onto_an_input_is_refused_and_nothing_changes(world, capsys, case, how):
    argv, target = CASES[case]
    spelled = spell(target, how, world)
    before = contents(world)
    code = main([spelled if item == "T" else item for item in argv])
    message = capsys.readouterr().err
    assert code == 2, message
    assert "choose another name" in message.lower(), message
    assert contents(world) == before  # every input byte for byte, and no file added


def test_the_message_names_both_roles(world, capsys):
    assert main(["transcribe", "rec.wav", "-o", "rec.wav", "--overwrite"]) == 2
    assert (
        "The project file “rec.wav” is the recording you are transcribing; choose another name with -o."
        in (capsys.readouterr().err)
    )
    assert main(["export", PROJECT, "--pseudonymise", "--key", PROJECT, "-o", "x.txt"]) == 2
    assert "The key “p.transkript.json” is the project you are exporting" in capsys.readouterr().err


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    steps=st.lists(st.sampled_from(["./", "sub/../", "sub/./../", ".//", "linked/"]), max_size=4),
    absolute=st.booleans(),
    role=st.sampled_from(["export -o", "export --key", "pseudonymise-text --report", "import -o"]),
)
def test_any_spelling_of_an_input_is_refused(world, capsys, steps, absolute, role):
    if not (world / "linked").exists():
        (world / "linked").symlink_to(world, target_is_directory=True)
    prefix = "".join(steps)
    if role == "export -o":
        argv, target = ["export", PROJECT, "-o", "T"], PROJECT
    elif role == "export --key":
        argv, target = ["export", PROJECT, "--pseudonymise", "--key", "T", "-o", "x.txt"], PROJECT
    elif role == "pseudonymise-text --report":
        argv, target = [*PT_BASE, "-o", "x.txt", "--key", "k.json", "--report", "T"], "roster.json"
    else:
        argv, target = ["import", "typed.txt", "-o", "T", "--overwrite"], "typed.txt"
    spelled = (str(world) + "/" if absolute else "") + prefix + target
    before = contents(world)
    assert main([spelled if item == "T" else item for item in argv]) == 2
    assert "choose another name" in capsys.readouterr().err.lower()
    assert contents(world) == before


# -- the check itself -------------------------------------------------------------


def test_same_file_follows_links_and_spellings(tmp_path):
    original = tmp_path / "a.txt"
    original.write_text("x", encoding="utf-8")
    (tmp_path / "soft").symlink_to(original)
    os.link(original, tmp_path / "hard")
    other = tmp_path / "b.txt"
    other.write_text("x", encoding="utf-8")  # same bytes, another file
    assert same_file(original, tmp_path / "soft")
    assert same_file(original, tmp_path / "hard")
    assert same_file(original, tmp_path / "." / "a.txt")
    assert not same_file(original, other)
    assert not same_file(original, tmp_path / "new.txt")  # not there yet: only its spelling counts
    assert same_file(tmp_path / "new.txt", tmp_path / "sub" / ".." / "new.txt")


def test_outputs_that_cannot_be_written_are_refused_before_anything_is(tmp_path):
    source = reading(tmp_path / "in.txt", "the transcript")
    with pytest.raises(BadInputError, match="folder .* does not exist"):
        check_files([source], [writing(tmp_path / "nowhere" / "out.txt", "The export", "-o")])
    with pytest.raises(BadInputError, match="is a folder"):
        check_files([source], [writing(tmp_path, "The export", "-o")])
    with pytest.raises(BadInputError, match="too long"):
        check_files([source], [writing(tmp_path / ("æ" * 128 + ".txt"), "The export", "-o")])
    check_files([source, None], [writing("-", "The export", "-o"), None])  # standard output, unset options


# -- .bak is the file as it was before the command ---------------------------------------


def test_a_writer_rotates_the_backup_once(tmp_path):
    path = tmp_path / PROJECT
    project = load_project_from_world(tmp_path)
    save_project(project, path)
    before = path.read_bytes()
    writer = ProjectWriter(path)
    for title in ("one", "two", "three"):
        project.metadata.title = title
        writer.save(project)
    assert (tmp_path / BACKUP).read_bytes() == before
    assert load_project(path).metadata.title == "three"


def load_project_from_world(folder: Path):
    from tests.pseudonymisation_gold import interview_project

    sub = folder / "made"
    sub.mkdir()
    return load_project(interview_project(sub))


@pytest.fixture
def offline_models(isolated_models, faster_whisper_base):
    app_dir, _ = isolated_models
    os.symlink(faster_whisper_base, app_dir / "faster-whisper-base")
    return app_dir


@pytest.mark.slow
def test_overwrite_keeps_the_project_before_the_run_as_bak(world, offline_models, faster_whisper_base):
    """Periodic saves (here after every segment) and the speaker step never rotate the .bak."""
    from transcribe_app.core.asr import TranscriptionOptions
    from transcribe_app.core.asr.stage import TranscriptionRequest, transcribe_recording

    before = (world / PROJECT).read_bytes()
    request = TranscriptionRequest(
        world / "rec.wav",
        world / PROJECT,
        TranscriptionOptions(model=faster_whisper_base, device="cpu"),
        overwrite=True,
        save_interval=0,
    )
    project = transcribe_recording(request)
    assert project.segments and (world / BACKUP).read_bytes() == before
    before = (world / PROJECT).read_bytes()
    assert main(["transcribe", "rec.wav", "-o", PROJECT, "--overwrite", "--device", "cpu"]) == 0
    assert (world / BACKUP).read_bytes() == before


# -- options that fail late write nothing -----------------------------------------------

LATE_FAILURES = {
    "unknown language": ["transcribe", "rec.wav", "-o", PROJECT, "--overwrite", "--language", "xx"],
    "unknown language, new project": ["transcribe", "rec.wav", "-o", "n.transkript.json", "--language", "x"],
    "unknown compute type": ["transcribe", "rec.wav", "-o", PROJECT, "--overwrite", "--compute-type", "int3"],
    "no such model": ["transcribe", "rec.wav", "-o", PROJECT, "--overwrite", "--model", "nonexistent-v9"],
    "zero speakers": ["transcribe", "rec.wav", "-o", PROJECT, "--overwrite", "--diarise", "--speakers", "0"],
    "pyannote without a pipeline": [
        "transcribe", "rec.wav", "-o", PROJECT, "--overwrite", "--diarise", "--diariser", "pyannote",
        "--pyannote-pipeline", "nowhere/config.yaml",
    ],
    "transcribe into a missing folder": ["transcribe", "rec.wav", "-o", "nowhere/p.transkript.json"],
    "diarise with 50 speakers": ["diarise", PROJECT, "--speakers", "50"],
    "roster export in a format it cannot be": ["roster", PROJECT, "--import", "r.csv", "--export", "r.xlsx"],
    "export key, but the export's folder is missing": [
        "export", PROJECT, "--pseudonymise", "--key", "k.json", "-o", "nowhere/out.txt",
    ],
    "export with a width that cannot be": ["export", PROJECT, "-o", "new.txt", "--width", "3"],
    "export in a format that does not exist": ["export", PROJECT, "-o", "new.txt", "--format", "odt"],
    "pseudonymise-text report, but the output's folder is missing": [
        *PT_BASE, "--report", "rep.tsv", "--key", "k.json", "-o", "nowhere/o.txt",
    ],
    "pseudonymise report in a missing folder": ["pseudonymise", PROJECT, "--report", "nowhere/r.tsv"],
    "validation pack in a missing folder": ["validation-pack", PROJECT, "--quote", "1", "-o", "no/v.docx"],
}  # fmt: skip


@pytest.mark.parametrize("case", list(LATE_FAILURES))
def test_an_option_that_fails_writes_nothing(world, offline_models, capsys, case):
    """The model is there: before, a wrong language or speaker count was found only after the
    project had been written (and, with --overwrite, its .bak replaced)."""
    before = contents(world)
    code = main(LATE_FAILURES[case])
    message = capsys.readouterr().err
    assert code in (2, 3), message
    assert "Traceback" not in message and message.strip()
    assert contents(world) == before


def test_the_language_list_is_whispers_own():
    import whisper.tokenizer
    from faster_whisper.tokenizer import _LANGUAGE_CODES

    from transcribe_app.core.asr.languages import WHISPER_LANGUAGES

    assert set(_LANGUAGE_CODES) == WHISPER_LANGUAGES == set(whisper.tokenizer.LANGUAGES)


# -- file names as long as the disk allows ---------------------------------------------------


def name_of(size: int, suffix: str) -> str:
    """A file name of exactly ``size`` bytes (Danish letters count two)."""
    body = size - len(suffix.encode())
    return "æ" * (body // 2) + "a" * (body % 2) + suffix


@pytest.mark.parametrize("size", [245, 250, 255])
def test_a_long_but_valid_name_is_written(world, capsys, size):
    out = world / name_of(size, ".txt")
    assert main(["export", PROJECT, "-o", str(out)]) == 0, capsys.readouterr().err
    assert out.read_text(encoding="utf-8").strip()
    assert not [p for p in world.iterdir() if p.name.endswith(".tmp")]


def test_a_long_project_name_keeps_its_bak_or_says_why_it_cannot(world, capsys):
    fits = world / name_of(251, ".transkript.json")  # 251 + ".bak" = 255 bytes
    assert main(["import", "typed.txt", "-o", str(fits)]) == 0
    first = fits.read_bytes()
    assert main(["import", "typed.txt", "-o", str(fits), "--overwrite", "--title", "again"]) == 0
    assert fits.with_name(fits.name + ".bak").read_bytes() == first

    too_long_for_bak = world / name_of(253, ".transkript.json")
    assert main(["import", "typed.txt", "-o", str(too_long_for_bak)]) == 0
    before = contents(world)
    assert main(["import", "typed.txt", "-o", str(too_long_for_bak), "--overwrite"]) == 2
    assert "too long" in capsys.readouterr().err
    assert contents(world) == before


def test_a_name_longer_than_the_disk_allows_gets_a_sentence(world, capsys):
    before = contents(world)
    assert main(["export", PROJECT, "-o", name_of(256, ".txt")]) == 2
    message = capsys.readouterr().err
    assert "too long" in message and "Traceback" not in message
    assert contents(world) == before


def test_the_atomic_writers_use_short_temporary_names(tmp_path, monkeypatch):
    """The temporary name stays short whatever the target's name (it was ".NAME.XXXX.tmp")."""
    from transcribe_app.core import safe_write
    from transcribe_app.core.exports.files import atomic_write_bytes

    seen: list[str] = []
    real = tempfile.mkstemp

    def spy(*args, **kwargs):
        fd, name = real(*args, **kwargs)
        seen.append(os.path.basename(name))
        return fd, name

    monkeypatch.setattr(safe_write.tempfile, "mkstemp", spy)
    target = tmp_path / name_of(255, ".docx")
    atomic_write_bytes(target, b"one")
    atomic_write_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    assert seen and all(len(name.encode()) <= 64 for name in seen)


def test_a_failed_save_leaves_project_and_bak_as_they_were(tmp_path, monkeypatch):
    import errno

    path = tmp_path / PROJECT
    project = load_project_from_world(tmp_path)
    save_project(project, path)
    save_project(project, path)
    files = contents(tmp_path)

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(ProjectFileError, match="disk is full"):
        save_project(project, path)
    monkeypatch.undo()
    assert contents(tmp_path) == files


# -- how a resume continues (the property itself, with Whisper: tests/test_resume_property.py) --------


def resumable(window_start, until, last_segment_start=24.0):
    from transcribe_app.core.project.record import Project, TranscriptionRun
    from transcribe_app.core.project.transcript import Segment, Word

    project = Project()
    project.transcription = TranscriptionRun(
        backend="faster-whisper", model={}, options={}, transcribed_until=until, window_start=window_start
    )
    project.segments = [Segment(0, last_segment_start, until, " saved", [Word(" saved", 24.0, until)])]
    return project


def test_a_resume_listens_from_the_interrupted_window_and_keeps_what_follows_the_saved_words():
    from transcribe_app.core.asr.stage import _resume_point, _words_after
    from transcribe_app.core.project.transcript import Segment, Word

    assert _resume_point(resumable(None, 0.0)) == (0.0, 0.0)  # a fresh run
    assert _resume_point(resumable(20.0, 26.5)) == (20.0, 26.5)
    assert _resume_point(resumable(None, 26.5)) == (24.0, 26.5)  # saved before windows were recorded
    done = resumable(20.0, 26.5)
    done.audio.duration = 26.5
    assert _resume_point(done) == (26.5, 26.5)  # the words are done: nothing is decoded again
    heard = [
        Segment(0, 20.0, 26.4, " a b", [Word(" a", 20.0, 21.0), Word(" b", 25.0, 26.4)]),
        Segment(1, 24.0, 28.0, " b c d.", [Word(" b", 24, 26.4), Word(" c", 26.3, 27), Word(" d.", 27, 28)]),
        Segment(2, 29.0, 30.0, " e", [Word(" e", 29.0, 30.0)]),
    ]
    kept = list(_words_after(iter(heard), 26.5))
    assert [(s.start, s.text, [w.text for w in s.words]) for s in kept] == [
        (26.3, " c d.", [" c", " d."]),  # the middle of " c" (26.65) is after the saved words
        (29.0, " e", [" e"]),
    ]
