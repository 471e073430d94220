"""Finding the files in ``resources/`` from a source checkout and from a bundle."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


def app_dir() -> Path:
    """The folder that holds ``resources/`` and ``models/``: the checkout, or the bundle."""
    if getattr(sys, "frozen", False):  # PyInstaller unpacks data next to the program
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    return app_dir() / "resources"


def resource_path(*parts: str) -> Path:
    """The path of a resource file, e.g. ``resource_path("prompts", "verbatim_da.txt")``."""
    return resources_dir().joinpath(*parts)


@cache
def resource_text(*parts: str) -> str:
    return resource_path(*parts).read_text(encoding="utf-8").strip()
