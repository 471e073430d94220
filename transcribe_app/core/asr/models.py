"""Finding Whisper model weights on this computer, in a fixed and explained order.

1. an explicit path the user gave (a ``.pt`` file or a CTranslate2 folder);
2. the app's own ``models/`` folder (shipped with an offline bundle);
3. the user's model folder (platformdirs; ``TRANSKRIPT_MODEL_DIR`` overrides it);
4. the library's own download cache (from an earlier download).

Nothing is downloaded unless the user asks (``download=True``): a researcher
offline in the field must get a clear message, not a hang on a network call.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import BadInputError, ModelNotAvailableError, TranskriptError
from ..resources import app_dir
from .catalogue import CatalogueModel, load_catalogue
from .model_folders import user_models_dir
from .registry import FASTER_WHISPER, OPENAI_WHISPER, backend_entry

# Names each library can download. Kept here (not read from the libraries) so that
# looking a model up does not have to import torch or CTranslate2.
KNOWN_MODEL_NAMES = (
    "tiny",
    "tiny.en",
    "base",
    "base.en",
    "small",
    "small.en",
    "medium",
    "medium.en",
    "large-v1",
    "large-v2",
    "large-v3",
    "large",
    "large-v3-turbo",
    "turbo",
)
FASTER_WHISPER_ONLY_NAMES = (
    "distil-large-v2",
    "distil-medium.en",
    "distil-small.en",
    "distil-large-v3",
    "distil-large-v3.5",
)
# openai-whisper saves some models under another file name than the one you ask for.
_OPENAI_FILE_NAMES = {"turbo": "large-v3-turbo", "large": "large-v3"}


@dataclass(frozen=True)
class ResolvedModel:
    """Where a model's weights are, and how they were found (kept as provenance)."""

    backend: str
    name: str
    path: str
    source: str  # "explicit path", "app models folder", "user model folder", "library cache", "downloaded"


def app_models_dir() -> Path:
    """The ``models/`` folder beside the program (source checkout or bundle)."""
    return app_dir() / "models"


def resolve_model(backend: str, model: str, *, download: bool = False) -> ResolvedModel:
    """Find ``model`` for ``backend`` or raise ``ModelNotAvailableError`` saying where we looked."""
    backend_entry(backend)  # an unknown name: a BadInputError naming the choices
    if _looks_like_path(model):
        return _explicit_path(backend, model)

    _check_known_name(backend, model)
    entry = _catalogue_entry(model)
    searched: list[str] = []
    for folder, source in ((app_models_dir(), "app models folder"), (user_models_dir(), "user model folder")):
        for candidate in _candidates(backend, model, folder, entry):
            searched.append(str(candidate))
            if _is_model(backend, candidate):
                return ResolvedModel(backend, model, str(candidate), source)

    cached = _library_cache(backend, model)
    searched.append(cached[1])
    if cached[0] is not None:
        return ResolvedModel(backend, model, cached[0], "library cache")
    if download:
        return ResolvedModel(backend, model, _download(backend, model, entry), "downloaded")
    raise ModelNotAvailableError(_not_found_message(backend, model, searched))


def find_installed(backend: str, entry: CatalogueModel) -> ResolvedModel | None:
    """Where a catalogue model is on this computer for ``backend`` (None: not here); never downloads."""
    try:
        return resolve_model(backend, entry.id)
    except TranskriptError:
        return None


def _catalogue_entry(model: str) -> CatalogueModel | None:
    """The catalogue's model of that id or repository; stock names keep the libraries' own look-up."""
    entry = load_catalogue().find(model)
    return entry if entry is not None and not entry.stock else None


def _looks_like_path(model: str) -> bool:
    if model.endswith(".pt") or Path(model).expanduser().exists():
        return True
    if model.startswith((".", "/", "~")) or "\\" in model:
        return True
    return "/" in model and not _is_hub_id(model)


def _is_hub_id(model: str) -> bool:
    """``Systran/faster-whisper-large-v3`` style ids, which faster-whisper can download."""
    return model.count("/") == 1 and not model.startswith((".", "/", "~"))


def _explicit_path(backend: str, model: str) -> ResolvedModel:
    path = Path(model).expanduser()
    if not path.exists():
        raise ModelNotAvailableError(f"The model file or folder “{path}” does not exist.")
    if backend == OPENAI_WHISPER and not path.is_file():
        raise BadInputError(
            f"“{path}” is a folder; the whisper backend needs an openai-whisper .pt file. "
            "A CTranslate2 model folder is used with --backend faster-whisper."
        )
    if backend == FASTER_WHISPER and not (path / "model.bin").is_file():
        hint = " A .pt file is used with --backend whisper." if path.suffix == ".pt" else ""
        raise BadInputError(
            f"“{path}” is not a faster-whisper (CTranslate2) model folder: it has no model.bin.{hint}"
        )
    return ResolvedModel(backend, path.name, str(path.resolve()), "explicit path")


def _check_known_name(backend: str, model: str) -> None:
    known = KNOWN_MODEL_NAMES + (FASTER_WHISPER_ONLY_NAMES if backend == FASTER_WHISPER else ())
    if model in known or (backend == FASTER_WHISPER and _is_hub_id(model)):
        return
    entry = load_catalogue().find(model)
    if entry is not None and backend in entry.backends:
        return
    raise BadInputError(
        f"“{model}” is neither a model file nor a Whisper model name. "
        f"Names: {', '.join(known)}; or give the path to a model file/folder."
    )


def _candidates(backend: str, model: str, folder: Path, entry: CatalogueModel | None = None) -> list[Path]:
    if backend == FASTER_WHISPER:
        bases = dict.fromkeys([entry.id] if entry else [])
        bases.update(dict.fromkeys([(entry.repository if entry else model).split("/")[-1]]))
        return [folder / f"{prefix}{base}" for base in bases for prefix in ("faster-whisper-", "")]
    file_name = _OPENAI_FILE_NAMES.get(model, model)
    names = dict.fromkeys([entry.id if entry else model, file_name])  # ordered and without repeats
    return [folder / f"{prefix}{n}.pt" for n in names for prefix in ("", "openai-whisper-")]


def _is_model(backend: str, path: Path) -> bool:
    if backend == FASTER_WHISPER:
        return (path / "model.bin").is_file()
    return path.is_file()


def _library_cache(backend: str, model: str) -> tuple[str | None, str]:
    """(path or None, a description of the place) for the library's own cache."""
    if _catalogue_entry(model) is not None:  # a fine-tune: the libraries download no such name
        return None, "the Hugging Face cache"
    if backend == OPENAI_WHISPER:
        cache = Path(os.getenv("XDG_CACHE_HOME", Path.home() / ".cache")) / "whisper"
        path = cache / f"{_OPENAI_FILE_NAMES.get(model, model)}.pt"
        return (str(path) if path.is_file() else None), str(path)
    from faster_whisper.utils import download_model

    try:
        return download_model(model, local_files_only=True), "the Hugging Face cache"
    except Exception:  # noqa: BLE001 - any failure here means "not in the cache"
        return None, "the Hugging Face cache"


def _download(backend: str, model: str, entry: CatalogueModel | None = None) -> str:
    """Download ``model`` into the user model folder (only ever on the user's request)."""
    if entry is not None:  # a catalogue fine-tune: fetched, checked and converted (asr/model_store.py)
        from . import model_store
        from .progress_bar import TerminalProgress

        folder = model_store.download(entry, progress=TerminalProgress())
        if backend == FASTER_WHISPER:
            return str(folder)
        from .convert import convert_to_openai_whisper

        return str(
            convert_to_openai_whisper(
                model_store.transformers_dir(entry.id), user_models_dir() / entry.checkpoint_name
            )
        )
    target = user_models_dir()
    target.mkdir(parents=True, exist_ok=True)
    try:
        if backend == FASTER_WHISPER:
            from faster_whisper.utils import download_model

            return download_model(model, output_dir=str(target / f"faster-whisper-{model.split('/')[-1]}"))
        import whisper

        url = whisper._MODELS[model]  # noqa: SLF001 - the library's own name→URL table
        return whisper._download(url, str(target), in_memory=False)  # noqa: SLF001
    except Exception as exc:  # noqa: BLE001 - network and hub errors come in many types
        raise ModelNotAvailableError(
            f"Could not download the model “{model}” ({exc}). Check the internet connection, "
            f"or place the model in {target} by hand."
        ) from exc


def _not_found_message(backend: str, model: str, searched: list[str]) -> str:
    places = "\n".join(f"  - {place}" for place in searched)
    shape = "a folder with model.bin (CTranslate2)" if backend == FASTER_WHISPER else "a .pt file"
    return (
        f"The {backend} model “{model}” is not on this computer. Looked in:\n{places}\n"
        f"Get it once with --download on a computer with internet (it is saved in "
        f"{user_models_dir()}), or put {shape} in one of the folders above, "
        f"or give its path with --model."
    )
