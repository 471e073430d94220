"""Ctrl+C and SIGTERM held while a native library loads, then delivered.

Presidio's import loads PyTorch (its device detector), and PyTorch's C++ start-up
calls back into Python. A ``KeyboardInterrupt`` raised by a signal handler inside
such a callback cannot cross the C++ code: the process aborts with "terminate
called after throwing an instance of 'pybind11::error_already_set'" (exit -6)
instead of the sentence and the 130 every other moment of a command gives. So
while one of ``NATIVE_LIBRARIES`` runs its import, the two signals are only noted;
they are delivered the moment the import is done, a second or two later, and the
command then stops as it always does. Nothing is written while a library loads.

Only the top-level package is watched: everything it imports (PyTorch inside
Presidio) runs within its import.
"""

from __future__ import annotations

import contextlib
import importlib.abc
import signal
import sys
import threading
from collections.abc import Iterable, Iterator

# Packages whose import runs C++ that cannot be interrupted (pybind11/PyTorch), and those that
# load them: Presidio and spaCy's thinc pull in PyTorch where it is installed.
NATIVE_LIBRARIES = frozenset(
    {"presidio_analyzer", "presidio_anonymizer", "spacy", "torch", "whisper", "onnxruntime", "ctranslate2"}
)
_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def signals_held_while_loading(libraries: Iterable[str] | None = None) -> Iterator[None]:
    """While this is open, importing one of ``libraries`` (``NATIVE_LIBRARIES``) holds Ctrl+C and
    SIGTERM until it is loaded."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signals reach the main thread only
        return
    finder = _HoldWhileLoading(frozenset(NATIVE_LIBRARIES if libraries is None else libraries))
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        with contextlib.suppress(ValueError):
            sys.meta_path.remove(finder)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Note Ctrl+C and SIGTERM instead of acting on them; on leaving, deliver the first one noted."""
    noted: list[int] = []
    try:
        previous = {signum: signal.signal(signum, lambda s, _frame: noted.append(s)) for signum in _SIGNALS}
    except (ValueError, OSError):  # not the main thread, or not allowed here
        yield
        return
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if noted:
            signal.raise_signal(noted[0])  # the handler of the command's own runs now, as if it just came


class _HoldWhileLoading(importlib.abc.MetaPathFinder):
    """Finds the watched packages as Python would, and runs their import under ``signals_held``."""

    def __init__(self, libraries: frozenset[str]):
        self.libraries = libraries

    def find_spec(self, name, path=None, target=None):
        if name not in self.libraries:
            return None
        # Asked of the finders after this one, in their order (a bundle's own importer first).
        for finder in [f for f in sys.meta_path if not isinstance(f, _HoldWhileLoading)]:
            find = getattr(finder, "find_spec", None)
            spec = find(name, path, target) if find is not None else None
            if spec is not None:
                if spec.loader is not None and spec.origin is not None:  # not a namespace package
                    spec.loader = _HeldLoader(spec.loader)
                return spec
        return None


class _HeldLoader(importlib.abc.Loader):
    """A package's own loader, its ``exec_module`` (the import itself) run with the signals held."""

    def __init__(self, loader):
        self._loader = loader

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module) -> None:
        module.__loader__ = self._loader  # the package sees its own loader (resources, metadata)
        with signals_held():
            self._loader.exec_module(module)

    def __getattr__(self, name):  # get_resource_reader, is_package … as the package's loader has them
        return getattr(self._loader, name)
