"""A package's names loaded when they are first used (PEP 562), so that importing the package is cheap.

Loading a project reads ``pseudonymise.state`` and ``citations.basket``, and opening the window
touches ``diarise``: their packages must not pull in Presidio, spaCy, PyTorch or NumPy on the way.
Each such package lists where its public names live and hands the table to ``loaded_on_use``::

    __getattr__, __dir__ = loaded_on_use(__name__, {"diarise": "pipeline", ...})

``from package import diarise`` then imports ``package.pipeline`` at that moment, once.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any


def loaded_on_use(
    package: str, homes: dict[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The module ``__getattr__`` and ``__dir__`` of ``package``, whose names live in ``homes``
    (name → submodule)."""

    def module_getattr(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{home}"), name)
        setattr(sys.modules[package], name, value)  # the next use finds it without coming here
        return value

    def module_dir() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(homes))

    return module_getattr, module_dir
