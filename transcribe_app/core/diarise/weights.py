"""Read the voice encoder's weights from a PyTorch checkpoint without PyTorch.

Resemblyzer ships its model as ``pretrained.pt`` in PyTorch's *legacy* file
format (a run of pickles followed by raw little-endian storages). Reading it
with ``pickle`` and numpy keeps PyTorch (hundreds of MB) out of the app and
its bundle. The unpickler only admits the few names a state dict needs, so a
tampered file cannot run code when it is opened.
"""

from __future__ import annotations

import collections
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from ..errors import ModelNotAvailableError

_LEGACY_MAGIC = 0x1950A86A20F9469CFC6C
_DTYPES = {"FloatStorage": np.float32, "DoubleStorage": np.float64, "LongStorage": np.int64}


@dataclass(frozen=True)
class _StorageType:
    name: str


@dataclass
class _TensorRef:
    """A tensor named in the pickle whose bytes come later in the file."""

    key: str
    offset: int
    shape: tuple[int, ...]
    stride: tuple[int, ...]


def _rebuild_tensor(storage, storage_offset, size, stride, *_ignored) -> _TensorRef:
    return _TensorRef(storage[0], int(storage_offset), tuple(size), tuple(stride))


class _StateDictUnpickler(pickle.Unpickler):
    _allowed = {
        ("collections", "OrderedDict"): collections.OrderedDict,
        ("torch._utils", "_rebuild_tensor_v2"): _rebuild_tensor,
        ("torch._utils", "_rebuild_tensor"): _rebuild_tensor,
    }

    def find_class(self, module: str, name: str) -> Any:
        if module == "torch" and name in _DTYPES:
            return _StorageType(name)
        try:
            return self._allowed[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"unexpected object {module}.{name} in a weights file") from None

    def persistent_load(self, saved_id: Any) -> Any:
        kind, storage_type, key, _location, _numel, view = saved_id
        if kind != "storage" or view is not None:
            raise pickle.UnpicklingError("unsupported storage layout in a weights file")
        self.storage_types[key] = storage_type.name
        return (key,)

    storage_types: dict[str, str]


def load_legacy_checkpoint(path: Path) -> dict[str, Any]:
    """The checkpoint's dict, with every tensor turned into a numpy array."""
    try:
        with open(path, "rb") as handle:
            return _read(handle)
    except (OSError, pickle.UnpicklingError, ValueError, EOFError) as exc:
        raise ModelNotAvailableError(
            f"The speaker model “{path}” could not be read ({exc}); reinstall it."
        ) from exc


def _read(handle: BinaryIO) -> dict[str, Any]:
    if pickle.load(handle) != _LEGACY_MAGIC:
        raise ValueError("not a PyTorch legacy checkpoint")
    pickle.load(handle)  # protocol version
    pickle.load(handle)  # system info (endianness, type sizes): the file is little-endian
    unpickler = _StateDictUnpickler(handle)
    unpickler.storage_types = {}
    result = unpickler.load()
    storages: dict[str, np.ndarray] = {}
    for key in pickle.load(handle):
        dtype = np.dtype(_DTYPES[unpickler.storage_types[key]]).newbyteorder("<")
        count = int(np.frombuffer(handle.read(8), dtype="<i8")[0])
        data = handle.read(count * dtype.itemsize)
        if len(data) != count * dtype.itemsize:
            raise ValueError("the file ends too early")
        storages[key] = np.frombuffer(data, dtype=dtype)
    return _materialise(result, storages)


def _materialise(obj: Any, storages: dict[str, np.ndarray]) -> Any:
    if isinstance(obj, _TensorRef):
        flat = storages[obj.key]
        itemsize = flat.dtype.itemsize
        view = np.lib.stride_tricks.as_strided(
            flat[obj.offset :], shape=obj.shape, strides=[s * itemsize for s in obj.stride]
        )
        return np.array(view, dtype=flat.dtype.newbyteorder("="))
    if isinstance(obj, dict):
        return {k: _materialise(v, storages) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(_materialise(v, storages) for v in obj)
    return obj
