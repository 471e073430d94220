"""Choosing CPU or CUDA, and saying so when CUDA was wanted but could not be used."""

from __future__ import annotations

from collections.abc import Callable

from ..errors import BadInputError

DEVICES = ("auto", "cpu", "cuda")


def cuda_device_count() -> int | None:
    """How many CUDA graphics cards CTranslate2 (faster-whisper) can use, without loading a model: what
    ``--device auto`` decides by. None when it cannot be told (CTranslate2 missing or broken).

    The window asks here, so that it never loads a recognition library itself.
    """
    try:
        import ctranslate2

        return int(ctranslate2.get_cuda_device_count())
    except Exception:  # noqa: BLE001 - a missing or broken CUDA install simply means: none found
        return None


def check_device(device: str) -> None:
    if device not in DEVICES:
        raise BadInputError(f"Unknown device “{device}”; choose auto, cpu or cuda.")


def cuda_fallback_notice(reason: object) -> str:
    return (
        f"The graphics card (CUDA) could not be used ({reason}); "
        "transcribing on the processor (CPU) instead, which is slower."
    )


def default_compute_type(device: str) -> str:
    """int8 keeps a laptop CPU fast and small; float16 is what GPUs are built for."""
    return "float16" if device == "cuda" else "int8"


def load_with_cuda_fallback(
    requested: str,
    cuda_available: Callable[[], bool],
    load_on: Callable[[str], None],
    cuda_errors: tuple[type[BaseException], ...],
) -> tuple[str, list[str]]:
    """Load on CUDA when asked (or when ``auto`` finds a GPU), else or on failure on the CPU.

    Returns the device used and the notices for the user. Missing CUDA libraries
    are common on laptops; they must cost speed, never the transcription.
    """
    check_device(requested)
    device = requested
    if device == "auto":
        device = "cuda" if cuda_available() else "cpu"
    notices: list[str] = []
    if device == "cuda":
        try:
            load_on("cuda")
            return "cuda", notices
        except cuda_errors as exc:
            notices.append(cuda_fallback_notice(exc))
    load_on("cpu")
    return "cpu", notices
