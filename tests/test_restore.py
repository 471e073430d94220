"""Going back to a project's previous version (core/project/backup.py, ``transcribe-app restore``):
the ``.bak`` is checked before anything is replaced, put back byte for byte, and the file it
replaces is kept beside it; without a usable ``.bak`` the command exits 2 with a sentence and
changes nothing."""

from __future__ import annotations

import pytest

from tests.export_fixtures import interview
from transcribe_app.cli import main
from transcribe_app.core.errors import BadInputError, ProjectFileError
from transcribe_app.core.project.backup import backup_usable, restore_backup
from transcribe_app.core.project.file import backup_path, load_project, save_project
from transcribe_app.core.project.lock import TRANSCRIBING, ProjectLock


@pytest.fixture
def project(tmp_path):
    """A project saved twice: its .bak is the first version (title "first")."""
    path = tmp_path / "vj.transkript.json"
    first = interview(6)
    first.metadata.title = "first"
    save_project(first, path)
    first.metadata.title = "second"
    save_project(first, path)
    return path


def run(capsys, *args) -> tuple[int, str]:
    status = main(["restore", *map(str, args)])
    out, err = capsys.readouterr()
    assert out == ""
    return status, err


def files(folder) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_restore_puts_the_previous_version_back_and_keeps_the_replaced_file(project, capsys):
    backup, current = backup_path(project).read_bytes(), project.read_bytes()
    status, err = run(capsys, project)
    assert (
        status == 0 and "Restored vj.transkript.json from its previous version vj.transkript.json.bak" in err
    )
    assert "kept as vj.transkript.json.replaced: rename it to vj.transkript.json" in err
    assert project.read_bytes() == backup and load_project(project).metadata.title == "first"
    assert project.with_name("vj.transkript.json.replaced").read_bytes() == current
    assert backup_path(project).read_bytes() == backup  # the .bak stays as it was

    status, err = run(capsys, project)  # the same again: nothing to do, nothing moved
    assert status == 0 and "Nothing to restore" in err
    assert sorted(p.name for p in project.parent.iterdir()) == [
        "vj.transkript.json",
        "vj.transkript.json.bak",
        "vj.transkript.json.replaced",
    ]


def test_a_damaged_project_is_kept_as_damaged_and_a_second_one_does_not_overwrite_it(project):
    for garbage in ('{"schema_version": 1, "segments": [', "not json at all"):
        project.write_text(garbage, encoding="utf-8")
        assert not backup_usable(project.with_name("other.transkript.json")) and backup_usable(project)
        restored = restore_backup(project)
        assert restored.damaged and restored.kept.read_text(encoding="utf-8") == garbage
        assert load_project(project).metadata.title == "first"
    assert sorted(p.name for p in project.parent.glob("*.damaged*")) == [
        "vj.transkript.json.damaged",
        "vj.transkript.json.damaged-2",
    ]


def test_a_project_file_that_is_gone_comes_back_from_its_backup(project, capsys):
    project.unlink()
    status, err = run(capsys, project)
    assert status == 0 and "There was no vj.transkript.json to keep" in err
    assert load_project(project).metadata.title == "first"


def test_without_a_backup_the_command_exits_2_and_changes_nothing(project, capsys):
    backup_path(project).unlink()
    before = files(project.parent)
    status, err = run(capsys, project)
    assert status == 2 and "There is no previous version of “vj.transkript.json” to restore" in err
    assert files(project.parent) == before


def test_a_project_that_is_not_there_and_has_no_backup_exits_2(tmp_path, capsys):
    status, err = run(capsys, tmp_path / "nowhere.transkript.json")
    assert status == 2 and "“" in err and "does not exist" in err and "no previous version" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ('{"schema_version": 1, "segments": [', "is damaged and cannot be read"),
        ('{"schema_version": 1, "quotes": [{"lines": "otte"}]}', "quotes[0].lines must be appendix lines"),
        ('{"schema_version": 99}', "newer Transkript"),
    ],
)
def test_a_backup_that_does_not_open_is_not_restored(project, capsys, damage, message):
    backup_path(project).write_text(damage, encoding="utf-8")
    before = files(project.parent)
    status, err = run(capsys, project)
    assert (
        status == 2 and "cannot be restored: it does not open as a project either" in err and message in err
    )
    assert "Nothing was changed" in err and files(project.parent) == before
    with pytest.raises(ProjectFileError):
        restore_backup(project)


def test_a_folder_in_the_projects_place_is_refused(tmp_path):
    (tmp_path / "x.transkript.json").mkdir()
    with pytest.raises(BadInputError, match="is not a project file"):
        restore_backup(tmp_path / "x.transkript.json")


def test_restore_is_refused_while_another_writes_the_project(project, capsys):
    before = files(project.parent)
    with ProjectLock(project, TRANSCRIBING):  # as a window or a transcription holding the project
        status, err = run(capsys, project)
    assert status == 2 and "is being transcribed by another window or command" in err
    assert files(project.parent) == before
