"""Every file Transkript writes goes through core/safe_write.py (temporary file, flush, rename): no
module writes, renames or copies a file by itself, except the few listed here with their reason."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "transcribe_app"
ALLOWED = {
    "core/safe_write.py": "the recipe itself",
    "core/project/lock.py": "the lock: replaced in one step so that it exists at every moment; no .bak",
    "cli/guard.py": "the error log: appended to, and set aside as .1 when it grows too large",
    # A model is a folder: its files are written into a staging folder, checked, and the folder
    # becomes the model in one rename (core/asr/model_store.py install_folder).
    "core/asr/model_store.py": "a model folder made in a staging folder, installed in one rename",
    "core/asr/convert.py": "a converted model made in a work folder, installed in one rename",
}
MOVES = {("os", "replace"), ("os", "rename"), ("shutil", "copy"), ("shutil", "copy2"), ("shutil", "copyfile"),
         ("shutil", "move")}  # fmt: skip


def _mode(call: ast.Call, position: int) -> str:
    if len(call.args) > position and isinstance(call.args[position], ast.Constant):
        return str(call.args[position].value)
    for keyword in call.keywords:
        if keyword.arg == "mode" and isinstance(keyword.value, ast.Constant):
            return str(keyword.value.value)
    return "r"


def file_writes(source: str) -> list[str]:
    """The calls in ``source`` that write, move or copy a file other than through safe_write."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        if isinstance(function, ast.Attribute):
            owner = function.value.id if isinstance(function.value, ast.Name) else None
            if (owner, function.attr) in MOVES or function.attr in ("write_text", "write_bytes"):
                found.append(f"line {node.lineno}: {ast.unparse(function)}")
            elif function.attr == "fdopen" and set(_mode(node, 1)) & set("wax+"):
                found.append(f"line {node.lineno}: os.fdopen for writing")
        elif isinstance(function, ast.Name) and function.id == "open" and set(_mode(node, 1)) & set("wax+"):
            found.append(f"line {node.lineno}: open for writing")
    return found


def test_the_check_sees_each_way_of_writing():
    source = (
        "import os, shutil\nopen(p, 'w')\nopen(p, mode='ab')\nopen(p)\nPath(p).write_text('x')\n"
        "os.replace(a, b)\nshutil.copy2(a, b)\nos.fdopen(fd, 'wb')\nos.fdopen(fd)\n"
    )
    assert [entry.split(": ")[1] for entry in file_writes(source)] == [
        "open for writing", "open for writing", "Path(p).write_text", "os.replace", "shutil.copy2",
        "os.fdopen for writing",
    ]  # fmt: skip


def test_every_writer_uses_the_one_recipe():
    offenders = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        writes = file_writes(path.read_text(encoding="utf-8"))
        if writes and name not in ALLOWED:
            offenders[name] = writes
    assert offenders == {}
    for name in ALLOWED:
        assert file_writes((PACKAGE / name).read_text(encoding="utf-8")), (
            f"{name} no longer needs its exception"
        )
