"""The recognisers' names: what ``--backend`` takes and what a project records as provenance.

A module of their own, because both the registry (registry.py, which loads a backend's module when
one is made) and the backends themselves (each reports its name) read them.
"""

from __future__ import annotations

FASTER_WHISPER = "faster-whisper"
OPENAI_WHISPER = "whisper"
