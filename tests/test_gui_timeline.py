"""The timeline strip and the talk-time chart as widgets: what they draw and what a click or drag does."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QWheelEvent
from PySide6.QtWidgets import QApplication

from transcribe_app.gui.editor.timeline import (
    LOW_CONFIDENCE,
    TalkTimeChart,
    TalkTimeRow,
    TimelineStrip,
    TimelineTurn,
)

BLUE, ORANGE = QColor("#0072B2"), QColor("#E69F00")


@pytest.fixture
def strip(qtbot) -> TimelineStrip:
    strip = TimelineStrip()
    qtbot.addWidget(strip)
    strip.resize(1000, 48)
    strip.set_turns(
        [TimelineTurn(0.0, 40.0, "S1", BLUE), TimelineTurn(45.0, 100.0, "S2", ORANGE)],
        uncertain=[(60.0, 62.0)],
    )
    strip.set_duration(100.0)
    strip.show()
    qtbot.waitExposed(strip)
    return strip


def test_turns_are_drawn_in_their_speakers_colours_with_uncertain_stretches_below(strip):
    image = strip.grab().toImage()
    scale = image.width() / strip.width()
    band_y = round(strip.band_rect().center().y() * scale)
    assert image.pixelColor(round(strip.x_for(20.0) * scale), band_y) == BLUE
    assert image.pixelColor(round(strip.x_for(80.0) * scale), band_y) == ORANGE
    assert image.pixelColor(round(strip.x_for(42.0) * scale), band_y) != BLUE  # the silence between turns
    lane_y = round(strip.lane_rect().center().y() * scale)
    assert image.pixelColor(round(strip.x_for(61.0) * scale), lane_y) == LOW_CONFIDENCE
    assert image.pixelColor(round(strip.x_for(20.0) * scale), lane_y) != LOW_CONFIDENCE


def test_a_click_asks_to_play_from_that_second(qtbot, strip):
    with qtbot.waitSignal(strip.seek_requested) as seek:
        qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(250, 30))
    assert seek.args[0] == pytest.approx(25.0, abs=0.2)


def test_the_wheel_zooms_around_the_pointer_and_a_drag_scrolls_without_seeking(qtbot, strip):
    under = strip.seconds_at(500)
    event = QWheelEvent(
        QPointF(500, 30),
        QPointF(strip.mapToGlobal(QPoint(500, 30))),
        QPoint(0, 0),
        QPoint(0, 3 * 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(strip, event)
    start, span = strip.view()
    assert span == pytest.approx(100 * 0.8**3) and strip.seconds_at(500) == pytest.approx(under)
    seeks = []
    strip.seek_requested.connect(seeks.append)
    qtbot.mousePress(strip, Qt.MouseButton.LeftButton, pos=QPoint(600, 30))
    qtbot.mouseMove(strip, QPoint(400, 30))
    qtbot.mouseRelease(strip, Qt.MouseButton.LeftButton, pos=QPoint(400, 30))
    assert seeks == [] and strip.view()[0] == pytest.approx(start + 200 / 1000 * span)


def test_the_view_pages_along_with_the_playhead(strip):
    strip.zoom(0.2, around=0.0)
    assert strip.view() == pytest.approx((0.0, 20.0))
    strip.set_position(10.0)
    assert strip.view()[0] == 0.0
    strip.set_position(55.0)
    start, span = strip.view()
    assert start <= 55.0 <= start + span


def test_the_chart_has_one_bar_per_speaker_longest_first(qtbot):
    chart = TalkTimeChart()
    qtbot.addWidget(chart)
    chart.resize(500, 100)
    chart.set_rows(
        [
            TalkTimeRow("M", BLUE, 600.0, 120, 1500),
            TalkTimeRow("HEK", ORANGE, 1200.0, 40, 3100),
            TalkTimeRow("SK", QColor("#009E73"), 300.0, 25, 700),
        ]
    )
    assert [r.code for r in chart.rows()] == ["HEK", "M", "SK"]
    widths = [rect.width() for rect in chart.bar_rects()]
    assert widths[0] == pytest.approx(2 * widths[1]) and widths[1] == pytest.approx(2 * widths[2])
    assert "HEK: 0:20:00 in 40 turns, 3100 words" in chart.toolTip()
