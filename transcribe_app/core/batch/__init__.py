"""Many interviews at once: which (``discovery``), transcribing them (``runner``), on a cluster (``slurm``).

Qt-free, like all of ``core``: the CLI's ``batch`` command drives it, and a window can drive
the same ``BatchRun`` through its callbacks.
"""

from __future__ import annotations

from .discovery import RECORDING_SUFFIXES, Interview, interviews_in
from .runner import BatchProgress, BatchRun, BatchSettings, BatchSummary, InterviewOutcome

__all__ = [
    "RECORDING_SUFFIXES",
    "BatchProgress",
    "BatchRun",
    "BatchSettings",
    "BatchSummary",
    "Interview",
    "InterviewOutcome",
    "interviews_in",
]
