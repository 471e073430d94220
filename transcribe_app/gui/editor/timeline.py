"""The recording at a glance: turns coloured by speaker, the playhead, and the stretches to check.

``TimelineStrip`` is the strip above the text (the way f4 colours its waveform by
speaker): click to play from a point, drag to scroll, the mouse wheel to zoom in
and out around the pointer. Uncertain words are marked in a thin lane below the
turns. ``TalkTimeChart`` shows, per speaker, how long they spoke and how many
turns they took: in a focus group the moderator looks for who dominated.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ...core.project.transcript import clock_time

LOW_CONFIDENCE = QColor("#E53935")
PLAYHEAD = QColor("#212121")
# Overlapped speech: a dark purple hatch on the speakers' colours, lightened underneath, and a solid edge
# on top. It tells by pattern and lightness, not by hue alone, so it reads for colour-blind users too; the
# purple is the text's wavy underline (text_view.OVERLAP_UNDERLINE) made darker.
OVERLAP_HATCH = QColor("#4A148C")
_OVERLAP_WASH = QColor(255, 255, 255, 140)
_OVERLAP_EDGE_PX = 3
_OVERLAP_MIN_PX = 3.0  # a stretch under a second stays visible on an hour's timeline
_DRAG_THRESHOLD_PX = 4
_MIN_SPAN_S = 5.0


@dataclass(frozen=True)
class TimelineTurn:
    start: float
    end: float
    label: str | None
    colour: QColor


@dataclass(frozen=True)
class TimelineOverlap:
    """A stretch where two voices are heard at once; ``speakers`` as the text shows them (codes)."""

    start: float
    end: float
    speakers: tuple[str, ...] = ()


class TimelineStrip(QWidget):
    """Turns along the recording's time; emits ``seek_requested`` (seconds) on a click."""

    seek_requested = Signal(float)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._turns: list[TimelineTurn] = []
        self._starts: list[float] = []
        self._uncertain: list[tuple[float, float]] = []
        self._overlaps: list[TimelineOverlap] = []
        self._duration = 0.0
        self._position = 0.0
        self._view_start = 0.0
        self._view_span = 0.0  # 0: the whole recording
        self._transcript_end = 0.0
        self._press_x: float | None = None
        self._press_view_start = 0.0
        self._dragged = False
        self.setMinimumHeight(40)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.setToolTip(self.tr("Click to play from here · drag to scroll · mouse wheel to zoom"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.setToolTip(self.tr("Click to play from here · drag to scroll · mouse wheel to zoom"))
        super().changeEvent(event)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(600, 48)

    # -- content --------------------------------------------------------------------------------

    def set_turns(self, turns: list[TimelineTurn], uncertain: list[tuple[float, float]]) -> None:
        self._turns = sorted(turns, key=lambda t: t.start)
        self._starts = [t.start for t in self._turns]
        self._uncertain = sorted(uncertain)
        self._transcript_end = max((t.end for t in self._turns), default=0.0)
        self.update()

    def set_overlaps(self, overlaps: list[TimelineOverlap]) -> None:
        """The stretches of overlapped speech to hatch (none: nothing is drawn for them)."""
        self._overlaps = sorted(overlaps, key=lambda o: o.start)
        self.update()

    def overlaps(self) -> list[TimelineOverlap]:
        return list(self._overlaps)

    def overlap_at(self, x: float) -> TimelineOverlap | None:
        """The overlapped stretch drawn under ``x`` (pixels), as wide as it is drawn."""
        for overlap in self._overlaps:
            left, right = self.x_for(overlap.start), self.x_for(overlap.end)
            spare = max(0.0, _OVERLAP_MIN_PX - (right - left)) / 2
            if left - spare - 1 <= x <= right + spare + 1:
                return overlap
        return None

    def overlap_text(self, overlap: TimelineOverlap) -> str:
        """The tooltip of an overlapped stretch: whose voices, and when."""
        when = f"{clock_time(overlap.start)}–{clock_time(overlap.end)}"
        if len(overlap.speakers) >= 2:
            return self.tr("Two voices at once, {0}: {1} and {2} speak over each other").format(
                when, overlap.speakers[0], overlap.speakers[1]
            )
        return self.tr("Two voices at once, {0}").format(when)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            overlap = self.overlap_at(event.pos().x())
            if overlap is not None:
                QToolTip.showText(event.globalPos(), self.overlap_text(overlap), self)
                return True
        return super().event(event)

    def set_duration(self, seconds: float) -> None:
        self._duration = max(0.0, seconds)
        self.update()

    @property
    def duration(self) -> float:
        """The recording's length, or the transcript's when the recording's is not known."""
        return max(self._duration, self._transcript_end)

    def set_position(self, seconds: float) -> None:
        """Move the playhead; the view pages along when it runs off the shown stretch."""
        old_x = self.x_for(self._position)
        self._position = seconds
        start, span = self.view()
        if span and not start <= seconds <= start + span:
            self._view_start = max(0.0, min(seconds - span * 0.1, self.duration - span))
            self.update()
            return
        # Only the strips under the old and the new playhead are painted again (it moves ~15 times a second).
        for x in (old_x, self.x_for(seconds)):
            self.update(round(x) - 3, 0, 7, self.height())

    @property
    def position(self) -> float:
        return self._position

    def view(self) -> tuple[float, float]:
        """(first second shown, seconds shown)."""
        total = self.duration
        span = self._view_span if self._view_span else total
        span = min(span, total) if total else span
        start = max(0.0, min(self._view_start, total - span)) if total else 0.0
        return start, span

    def zoom(self, factor: float, around: float | None = None) -> None:
        """Show ``factor`` times more (< 1) or less (> 1) time, keeping ``around`` (seconds) in place."""
        start, span = self.view()
        total = self.duration
        if not total:
            return
        around = self._position if around is None else around
        new_span = min(total, max(_MIN_SPAN_S, span * factor))
        fraction = (around - start) / span if span else 0.0
        self._view_span = 0.0 if new_span >= total else new_span
        self._view_start = max(0.0, around - fraction * new_span)
        self.update()

    # -- coordinates ------------------------------------------------------------------------------

    def x_for(self, seconds: float) -> float:
        start, span = self.view()
        return (seconds - start) / span * self.width() if span else 0.0

    def seconds_at(self, x: float) -> float:
        start, span = self.view()
        return max(0.0, min(self.duration, start + x / max(1, self.width()) * span))

    # -- mouse ----------------------------------------------------------------------------------------

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_x = event.position().x()
            self._press_view_start = self.view()[0]
            self._dragged = False

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if self._press_x is None:
            return
        dx = event.position().x() - self._press_x
        if abs(dx) >= _DRAG_THRESHOLD_PX:
            self._dragged = True
        if self._dragged:
            start, span = self.view()
            self._view_span = span if span < self.duration else 0.0
            self._view_start = max(0.0, self._press_view_start - dx / max(1, self.width()) * span)
            self.update()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if self._press_x is not None and not self._dragged and event.button() == Qt.MouseButton.LeftButton:
            self.seek_requested.emit(self.seconds_at(event.position().x()))
        self._press_x = None

    def wheelEvent(self, event) -> None:  # noqa: N802
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom(0.8**steps, self.seconds_at(event.position().x()))
        event.accept()

    # -- painting ----------------------------------------------------------------------------------

    def band_rect(self) -> QRectF:
        """Where the turns are drawn (below the time ruler)."""
        ruler = self.fontMetrics().height()
        return QRectF(0, ruler + 2, self.width(), max(8, self.height() - ruler - 10))

    def lane_rect(self) -> QRectF:
        """Where the uncertain stretches are marked (below the turns)."""
        return QRectF(0, self.band_rect().bottom() + 2, self.width(), 4)

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.palette().base())
        height = self.height()
        start, span = self.view()
        if not span:
            painter.end()
            return
        scale = self.width() / span
        ruler = self.fontMetrics().height()
        band, lane = self.band_rect(), self.lane_rect()
        self._paint_ruler(painter, start, span, ruler)
        # only what lies under the area to repaint (a playhead move repaints a few pixels)
        first_s = start + event.rect().left() / scale
        last_s = start + (event.rect().right() + 1) / scale
        first = max(0, bisect.bisect_right(self._starts, first_s) - 1)
        for turn in self._turns[first:]:
            if turn.start > last_s:
                break
            left = (turn.start - start) * scale
            painter.fillRect(
                QRectF(left, band.top(), max(1.0, (turn.end - turn.start) * scale), band.height()),
                turn.colour,
            )
        self._paint_overlaps(painter, band, start, scale, first_s, last_s)
        for a, b in self._uncertain:
            if b >= first_s and a <= last_s:
                left = (a - start) * scale
                painter.fillRect(
                    QRectF(left, lane.top(), max(2.0, (b - a) * scale), lane.height()), LOW_CONFIDENCE
                )
        x = (self._position - start) * scale
        painter.setPen(QPen(PLAYHEAD, 2))
        painter.drawLine(QPointF(x, 0), QPointF(x, height))
        painter.end()

    def _paint_overlaps(
        self, painter: QPainter, band: QRectF, start: float, scale: float, first_s: float, last_s: float
    ) -> None:
        hatch = QBrush(OVERLAP_HATCH, Qt.BrushStyle.BDiagPattern)
        for overlap in self._overlaps:
            if overlap.end < first_s or overlap.start > last_s:
                continue
            width = (overlap.end - overlap.start) * scale
            left = (overlap.start - start) * scale - max(0.0, _OVERLAP_MIN_PX - width) / 2
            rect = QRectF(left, band.top(), max(_OVERLAP_MIN_PX, width), band.height())
            painter.fillRect(rect, _OVERLAP_WASH)
            painter.fillRect(rect, hatch)
            painter.fillRect(QRectF(rect.left(), band.top(), rect.width(), _OVERLAP_EDGE_PX), OVERLAP_HATCH)

    def _paint_ruler(self, painter: QPainter, start: float, span: float, height: int) -> None:
        step = next((s for s in (1, 5, 10, 30, 60, 300, 600, 1800, 3600) if span / s <= 10), 3600)
        painter.setPen(self.palette().placeholderText().color())
        t = (int(start) // step) * step
        while t <= start + span:
            x = self.x_for(t)
            if x >= 0:
                painter.drawLine(QPointF(x, height - 3), QPointF(x, height + 1))
                painter.drawText(QPointF(x + 2, height - 3), clock_time(t))
            t += step


@dataclass(frozen=True)
class TalkTimeRow:
    code: str
    colour: QColor
    seconds: float
    turns: int
    words: int


class TalkTimeChart(QWidget):
    """One bar per speaker: seconds spoken, with the number of turns beside it."""

    ROW_HEIGHT = 18

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._rows: list[TalkTimeRow] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_rows(self, rows: list[TalkTimeRow]) -> None:
        self._rows = sorted(rows, key=lambda r: -r.seconds)
        self.setFixedHeight(max(1, len(self._rows)) * self.ROW_HEIGHT + 6)
        self.setToolTip(
            "\n".join(
                self.tr("{0}: {1} in {2} turns, {3} words").format(
                    r.code, clock_time(r.seconds), r.turns, r.words
                )
                for r in self._rows
            )
        )
        self.update()

    def rows(self) -> list[TalkTimeRow]:
        return list(self._rows)

    def bar_rects(self) -> list[QRectF]:
        """Where each row's bar is drawn (the longest talk time fills the space for bars)."""
        metrics = self.fontMetrics()
        label = max((metrics.horizontalAdvance(r.code) for r in self._rows), default=0) + 12
        legend = metrics.horizontalAdvance(self.tr("{0} · {1} turns").format("0:00:00", 9999)) + 12
        room = max(10, self.width() - label - legend)
        longest = max((r.seconds for r in self._rows), default=0.0) or 1.0
        return [
            QRectF(label, 3 + i * self.ROW_HEIGHT + 3, room * r.seconds / longest, self.ROW_HEIGHT - 6)
            for i, r in enumerate(self._rows)
        ]

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(400, max(1, len(self._rows)) * self.ROW_HEIGHT + 6)

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        metrics = self.fontMetrics()
        for row, rect in zip(self._rows, self.bar_rects(), strict=True):
            y = rect.top() + rect.height() / 2 + metrics.ascent() / 2 - 1
            painter.setPen(self.palette().text().color())
            painter.drawText(QPointF(4, y), row.code)
            painter.fillRect(rect, row.colour)
            painter.drawText(
                QPointF(rect.right() + 6, y),
                self.tr("{0} · {1} turns").format(clock_time(row.seconds), row.turns),
            )
        painter.end()
