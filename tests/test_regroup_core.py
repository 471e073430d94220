"""scripts/regroup_core.py on a small checkout with the old layout: modules move, every kind of
reference follows (relative and lazy imports, a module imported by name, strings, paths in docs),
the moved code runs, a second run changes nothing, and an import it cannot resolve changes nothing."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "regroup_core.py"

OLD_TREE = {
    "transcribe_app/__init__.py": '__version__ = "1"\n',
    "transcribe_app/core/__init__.py": '"""Core."""\n',
    "transcribe_app/core/errors.py": "class BadInputError(Exception):\n    pass\n",
    "transcribe_app/core/fieldcheck.py": "def check() -> str:\n    return 'checked'\n",
    "transcribe_app/core/project.py": """
        from . import fieldcheck as fc
        from .errors import BadInputError


        class Project:
            problem = BadInputError
            check = staticmethod(fc.check)
        """,
    "transcribe_app/core/projectfile.py": """
        from .project import Project


        def load() -> Project:
            return Project()
        """,
    "transcribe_app/core/cleanup/__init__.py": "from .view import clean\n",
    "transcribe_app/core/cleanup/view.py": "def clean(text: str) -> str:\n    return text.strip()\n",
    "transcribe_app/core/views.py": """
        from .cleanup import clean
        from .project import Project


        def view(project: Project) -> str:
            from .. import __version__

            return clean(" v" + __version__ + project.check())
        """,
    "transcribe_app/core/diarise/__init__.py": '"""Who speaks."""\n',
    "transcribe_app/core/speakers.py": """
        '''Labels; the stage is core/speaker_stage.py, the view core/views.py.'''
        from .errors import BadInputError
        from .project import Project


        def label(project: Project) -> str:
            from .views import view

            if not isinstance(project, Project):
                raise BadInputError("no project")
            return "S1 " + view(project)
        """,
    "transcribe_app/gui/__init__.py": "",
    "transcribe_app/gui/panel.py": """
        import logging

        from ..core import speakers
        from ..core.project import Project
        from ..core.projectfile import load

        log = logging.getLogger("transcribe_app.core.speakers")


        def show() -> str:
            project = load()
            return speakers.label(project) if isinstance(project, Project) else ""
        """,
    "tests/__init__.py": "",
    "tests/test_x.py": """
        from transcribe_app.core import projectfile
        from transcribe_app.core.speakers import label

        TARGET = "transcribe_app.core.projectfile.load"
        """,
    "README.md": "The record is core/project.py, written by core/projectfile; views: core/views.py.\n",
}


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=root, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout


def old_checkout(root: Path, extra: dict[str, str] | None = None) -> Path:
    for name, text in {**OLD_TREE, **(extra or {})}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "old layout")
    return root


def regroup(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], cwd=root, capture_output=True, text=True)


def python(root: Path, code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_moved_tree_runs_and_every_reference_follows(tmp_path):
    root = old_checkout(tmp_path)
    done = regroup(root)
    assert done.returncode == 0, done.stderr

    core = root / "transcribe_app" / "core"
    old = ("project.py", "projectfile.py", "fieldcheck.py", "views.py", "speakers.py", "cleanup/view.py")
    for gone in old:
        assert not (core / gone).exists(), gone
    for made in ("project/__init__.py", "project/record.py", "project/file.py", "project/fieldcheck.py",
                 "cleanup/transcript_view.py", "cleanup/levels.py", "diarise/labels.py"):  # fmt: skip
        assert (core / made).is_file(), made
    # Relative levels from the new place, a lazy import, the package's own __init__, a module by name.
    assert python(root, "from transcribe_app.gui.panel import show; print(show())") == "S1 v1checked"
    assert python(root, "import tests.test_x as t; print(t.TARGET, t.projectfile.load.__module__)") == (
        "transcribe_app.core.project.file.load transcribe_app.core.project.file"
    )
    panel = (root / "transcribe_app/gui/panel.py").read_text(encoding="utf-8")
    assert 'getLogger("transcribe_app.core.diarise.labels")' in panel
    assert "from ..core.diarise import labels as speakers" in panel
    labels = (core / "diarise/labels.py").read_text(encoding="utf-8")
    assert "from ..cleanup.transcript_view import view" in labels
    assert "core/cleanup/transcript_view.py" in labels
    assert (root / "README.md").read_text(encoding="utf-8") == (
        "The record is core/project/record.py, written by core/project/file; "
        "views: core/cleanup/transcript_view.py.\n"
    )
    status = git(root, "status", "--porcelain")  # moved with git mv: history follows the file
    assert "transcribe_app/core/project.py -> transcribe_app/core/project/record.py" in status

    git(root, "add", "-A")
    git(root, "commit", "-qm", "grouped")
    again = regroup(root)
    assert again.returncode == 0, again.stderr
    assert "nothing to do" in again.stdout
    assert git(root, "status", "--porcelain") == ""


def test_an_import_it_cannot_resolve_stops_it_before_anything_changes(tmp_path):
    broken = "from ..core.project import Nowhere, Project\n"
    root = old_checkout(tmp_path, {"transcribe_app/gui/broken.py": broken})
    done = regroup(root)
    assert done.returncode == 1
    assert "Nowhere" in done.stderr and "nothing was changed" in done.stderr
    assert git(root, "status", "--porcelain") == ""
    assert (root / "transcribe_app/core/project.py").is_file()


def test_a_merge_conflict_left_in_a_file_stops_it_with_the_file_named(tmp_path):
    conflict = "<<<<<<< HEAD\nA = 1\n=======\nA = 2\n>>>>>>> other\n"
    root = old_checkout(tmp_path, {"transcribe_app/gui/conflict.py": conflict})
    done = regroup(root)
    assert done.returncode == 1
    assert "transcribe_app/gui/conflict.py:1" in done.stderr and "nothing was changed" in done.stderr
    assert git(root, "status", "--porcelain") == ""


def test_a_checkout_with_uncommitted_changes_is_refused(tmp_path):
    root = old_checkout(tmp_path)
    (root / "README.md").write_text("changed\n", encoding="utf-8")
    done = regroup(root)
    assert done.returncode == 2
    assert (root / "transcribe_app/core/project.py").is_file()
