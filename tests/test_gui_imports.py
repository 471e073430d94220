"""The window leaves the recognition libraries to core: no module under ``transcribe_app/gui`` imports
ctranslate2, faster-whisper, openai-whisper or PyTorch itself, not even inside a function (DESIGN.md:
the window never runs Whisper; it asks core, e.g. ``core.asr.device.cuda_device_count``)."""

from __future__ import annotations

import ast
from pathlib import Path

GUI = Path(__file__).resolve().parents[1] / "transcribe_app" / "gui"
RECOGNITION_LIBRARIES = {"ctranslate2", "faster_whisper", "whisper", "torch"}


def imported_libraries(source: str) -> set[str]:
    """The top-level packages ``source`` imports by absolute name, wherever the import stands."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_the_check_sees_imports_anywhere_in_a_module():
    source = "import os\n\ndef f():\n    import ctranslate2\n    from torch.cuda import is_available\n"
    assert imported_libraries(source) == {"os", "ctranslate2", "torch"}
    assert imported_libraries("from ..core.asr import device\n") == set()


def test_no_gui_module_imports_a_recognition_library():
    modules = sorted(GUI.rglob("*.py"))
    assert len(modules) > 20  # the whole window was read
    offenders = {
        str(path.relative_to(GUI)): sorted(
            imported_libraries(path.read_text(encoding="utf-8")) & RECOGNITION_LIBRARIES
        )
        for path in modules
    }
    assert {name: found for name, found in offenders.items() if found} == {}
