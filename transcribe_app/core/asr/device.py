"""Choosing CPU or CUDA, and saying so when CUDA was wanted but could not be used."""

from __future__ import annotations

from ..errors import BadInputError

DEVICES = ("auto", "cpu", "cuda")


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
