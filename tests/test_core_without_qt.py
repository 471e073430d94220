"""DESIGN.md: ``core`` imports and works where PySide6 is not installed (servers, clusters)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

SCRIPT = textwrap.dedent(
    """
    import importlib, pkgutil, sys

    class NoQt:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6"):
                raise ImportError(f"{name} is blocked: core must not need Qt")

    sys.meta_path.insert(0, NoQt())
    import transcribe_app.core as core

    names = [m.name for m in pkgutil.walk_packages(core.__path__, "transcribe_app.core.")]
    for name in names:
        importlib.import_module(name)
    import transcribe_app.cli

    from transcribe_app.core.imports.typed import import_transcript
    from transcribe_app.core.exports.plain import to_text
    path = sys.argv[1]
    open(path, "w", encoding="utf-8").write("I: Hej\\nVJ: Goddag\\n")
    print(len(names), to_text(import_transcript(path)), end="")
    assert not any(m.startswith(("PySide6", "shiboken6")) for m in sys.modules)
    """
)


def test_core_imports_and_runs_without_qt(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "t.txt")], capture_output=True, text=True, cwd=REPO
    )
    assert done.returncode == 0, done.stderr
    count, rest = done.stdout.split(" ", 1)
    assert int(count) >= 10  # every core module was imported
    assert rest == "I: Hej\nVJ: Goddag\n"
