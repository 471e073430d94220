"""One colour per speaker, the same in the text's margin, the timeline and the talk-time chart."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QColor

from ...core.project.record import Project

# Distinguishable on white and for the common colour-vision deficiencies (Okabe–Ito, then Tol's muted).
_PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#332288",
    "#117733",
    "#882255",
    "#999933",
)
UNKNOWN = QColor("#9E9E9E")


class SpeakerColours:
    """Colours by speaker label (S1, S2…) in roster order: a speaker keeps its colour if its code changes."""

    def __init__(self) -> None:
        self._by_label: dict[str, QColor] = {}

    def update(self, project: Project, labels: Iterable[str | None] = ()) -> None:
        """Give every roster label, then every other label seen in the transcript, a colour."""
        for label in [*(e.label for e in project.roster if e.label), *labels]:
            if label and label not in self._by_label:
                self._by_label[label] = QColor(_PALETTE[len(self._by_label) % len(_PALETTE)])

    def colour(self, label: str | None) -> QColor:
        return self._by_label.get(label or "", UNKNOWN)
