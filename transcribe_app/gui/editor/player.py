"""The recording, played in step with the transcript: QMediaPlayer with the habits of transcription tools.

Play/pause rewinds a few seconds on pause (f4's habit: you hear the last words
again when you go on), speed runs from 0.5× to 2×, and positions are seconds
(floats), as in the transcript's word timings.

Speed keeps the pitch: Qt's FFmpeg media backend (the default since Qt 6.5)
stretches time without changing pitch, and Qt 6.10 made that an explicit
property (``pitchCompensation``), switched on here where the backend offers it.
Checked with PySide6 6.12 / FFmpeg backend: ``pitchCompensationAvailability()``
is ``Available`` and the property is on.

QtMultimedia needs system libraries (FFmpeg, PulseAudio/PipeWire or the
platform's audio) that a stripped-down machine may lack. Then ``available`` is
False, the reason is in ``unavailable_reason``, and the player keeps a silent
playhead: seeking and the transcript's highlighting still work, playing does
nothing. Without a sound device (servers, tests under ``offscreen``) Qt still
plays silently: the position advances in real time (``has_sound_device`` False).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal

try:  # a missing system library must not take the editor down with it
    from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer
except ImportError as error:  # pragma: no cover - depends on the machine
    QAudioOutput = QMediaDevices = QMediaPlayer = None  # noqa: N816
    _IMPORT_ERROR = str(error)
else:
    _IMPORT_ERROR = ""

MIN_RATE, MAX_RATE, RATE_STEP = 0.5, 2.0, 0.1
DEFAULT_REWIND_S = 2.0


class Player(QObject):
    """Plays one recording; positions in seconds."""

    position_changed = Signal(float)
    playing_changed = Signal(bool)
    duration_changed = Signal(float)
    rate_changed = Signal(float)
    error = Signal(str)  # a researcher-readable reason the recording cannot be played

    def __init__(self, parent: QObject | None = None, *, rewind_on_pause: float = DEFAULT_REWIND_S):
        super().__init__(parent)
        self.rewind_on_pause = rewind_on_pause
        self._position = 0.0  # the silent playhead when there is no media player
        self._duration = 0.0
        self._rate = 1.0
        self._source: Path | None = None
        self._pending_seek: float | None = None  # asked for while the recording was still loading
        self._player = None
        self.unavailable_reason = ""
        if QMediaPlayer is None:
            self.unavailable_reason = self.tr(
                "Audio playback is not available on this computer ({0})."
            ).format(_IMPORT_ERROR)
            return
        self._player = QMediaPlayer(self)
        self._output = None
        self._devices = QMediaDevices(self)
        self._devices.audioOutputsChanged.connect(self._attach_output)
        self._attach_output()
        if hasattr(self._player, "setPitchCompensation"):  # Qt ≥ 6.10
            self._player.setPitchCompensation(True)
        self._player.positionChanged.connect(self._on_position)
        self._player.durationChanged.connect(self._on_duration)
        self._player.playbackStateChanged.connect(self._on_state)
        self._player.errorOccurred.connect(self._on_error)
        self._player.mediaStatusChanged.connect(self._on_status)

    # -- what it is playing ------------------------------------------------------------

    @property
    def available(self) -> bool:
        """Whether sound can be played at all (QtMultimedia loaded)."""
        return self._player is not None

    @property
    def has_sound_device(self) -> bool:
        """Whether the recording is heard (False: it runs silently, the playhead still moves)."""
        return self._output is not None

    def _attach_output(self) -> None:
        # Without a sound device Qt's FFmpeg backend still plays: the clock runs, nothing is
        # heard. But a player *with* an audio output and no device hangs when it is stopped or
        # deleted (Qt 6.12, seen under offscreen; a closed project would freeze the window), so
        # the output is attached only once there is a device to play to.
        if self._output is None and QMediaDevices.audioOutputs():
            self._output = QAudioOutput(self)
            self._player.setAudioOutput(self._output)

    @property
    def source(self) -> Path | None:
        return self._source

    def load(self, path: str | os.PathLike[str] | None) -> bool:
        """Open a recording (None: none). False, with ``error`` emitted, if the file is missing."""
        self._source = Path(path) if path is not None else None
        self._position = 0.0
        self._pending_seek = None
        if path is None or not Path(path).is_file():
            if path is not None:
                self.error.emit(self.tr("The recording {0} was not found.").format(path))
            self._source = None
            if self._player is not None:
                self._player.setSource(QUrl())
            return False
        if self._player is not None:
            self._player.setSource(QUrl.fromLocalFile(str(Path(path).resolve())))
        return True

    @property
    def duration(self) -> float:
        return self._duration

    # -- playing --------------------------------------------------------------------------

    @property
    def playing(self) -> bool:
        return (
            self._player is not None
            and self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
        )

    @property
    def position(self) -> float:
        if self._pending_seek is not None:
            return self._pending_seek
        if self._player is not None and self._source is not None:
            return self._player.position() / 1000
        return self._position

    def play(self) -> None:
        if self._player is not None and self._source is not None:
            self._player.play()

    def pause(self) -> None:
        """Pause, and step back ``rewind_on_pause`` seconds so that playing on repeats the last words."""
        if not self.playing:
            return
        position = self.position
        self._player.pause()
        if self.rewind_on_pause > 0:
            self.seek(max(0.0, position - self.rewind_on_pause))

    def toggle(self) -> None:
        """Play when paused, pause (with the rewind) when playing."""
        if self.playing:
            self.pause()
        else:
            self.play()

    def seek(self, seconds: float) -> None:
        seconds = max(0.0, float(seconds))
        if self._duration:
            seconds = min(seconds, self._duration)
        if self._player is not None and self._source is not None and not self._loaded():
            self._pending_seek = seconds  # QMediaPlayer drops a position set while it loads
            self.position_changed.emit(seconds)
        elif self._player is not None and self._source is not None:
            self._player.setPosition(round(seconds * 1000))
        else:
            self._position = seconds
            self.position_changed.emit(seconds)

    def play_from(self, seconds: float) -> None:
        self.seek(seconds)
        self.play()

    def skip(self, seconds: float) -> None:
        """Jump forwards (positive) or back (negative) by ``seconds``."""
        self.seek(self.position + seconds)

    # -- speed ----------------------------------------------------------------------------

    @property
    def rate(self) -> float:
        return self._rate

    def set_rate(self, rate: float) -> float:
        """Play at ``rate`` (clamped to 0.5–2.0, pitch kept); returns the rate set."""
        rate = round(min(MAX_RATE, max(MIN_RATE, float(rate))), 2)
        if rate != self._rate:
            self._rate = rate
            if self._player is not None:
                self._player.setPlaybackRate(rate)
            self.rate_changed.emit(rate)
        return rate

    def slower(self) -> float:
        return self.set_rate(self._rate - RATE_STEP)

    def faster(self) -> float:
        return self.set_rate(self._rate + RATE_STEP)

    # -- from the media player -------------------------------------------------------------

    def _loaded(self) -> bool:
        status = self._player.mediaStatus()
        return status not in (QMediaPlayer.MediaStatus.NoMedia, QMediaPlayer.MediaStatus.LoadingMedia)

    def _on_status(self, _status) -> None:
        if self._pending_seek is not None and self._loaded():
            seconds, self._pending_seek = self._pending_seek, None
            self._player.setPosition(round(seconds * 1000))

    def _on_position(self, ms: int) -> None:
        if self._pending_seek is not None:
            return  # the loading player's 0 is not where the researcher asked to be
        self.position_changed.emit(ms / 1000)

    def _on_duration(self, ms: int) -> None:
        self._duration = ms / 1000
        self.duration_changed.emit(self._duration)

    def _on_state(self, _state) -> None:
        self.playing_changed.emit(self.playing)

    def _on_error(self, _error, message: str) -> None:
        self.error.emit(
            self.tr("The recording cannot be played: {0}").format(message or self._player.errorString())
        )
