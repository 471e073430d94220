"""The editor: the transcript with the recording in step, where the researcher corrects for hours.

``TranscriptEditor`` is one widget the window embeds. It shows the open project's
turns (``core.editing.display_turns``) in a ``TranscriptText``, plays the recording
(``Player``), draws the timeline and, for focus groups, who talked how much. Every
change goes through ``core.editing`` inside ``session.edit(...)``: one undoable
step each, autosaved by the session. It refreshes whenever ``session.changed``
fires, whoever changed the project.

Mouse: click a turn's margin to play it from its start; Ctrl+click a word to play
from that word; the timeline plays from where it is clicked. Keys: see
``shortcut_table()`` (Help → Shortcuts); every key works while typing.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core import editing
from ...core.cleanup import LEVELS, strip_pause_marks
from ...core.cleanup.transcript_view import project_level
from ...core.diarise.labels import talk_time
from ...core.errors import TranskriptError
from ...core.project.transcript import LOW_CONFIDENCE, clock_time
from ..session import ProjectSession
from .colours import SpeakerColours
from .find_bar import FindBar
from .player import DEFAULT_REWIND_S, MAX_RATE, MIN_RATE, RATE_STEP, Player
from .text_view import UNCERTAIN, TranscriptText
from .timeline import TalkTimeChart, TalkTimeRow, TimelineOverlap, TimelineStrip, TimelineTurn

_SILENCE_S = 1.0  # past a word's end by more than this, no word is "being played"
_UNCERTAIN_GAP_S = 1.0  # uncertain words closer than this form one stretch on the timeline
_LEAD_IN_S = 1.0  # a jump to a word or an overlap plays from this much before it: the ear needs the lead-in
_SPEAKER_KEYS = 9


@dataclass(frozen=True)
class OverlapPlace:
    """Where the text shows one stretch of overlapped speech: ``start`` in ``turn`` to ``end`` in
    ``last_turn`` (characters in their blocks); ``stretch`` its index in the diarisation's overlaps."""

    turn: int
    start: int
    last_turn: int
    end: int
    stretch: int | None
    begins: float | None  # seconds: where the stretch begins in the recording


@dataclass
class EditorSettings:
    """What the researcher can set (the window keeps them in QSettings)."""

    rewind_s: float = DEFAULT_REWIND_S  # stepped back on pause
    skip_s: float = 5.0  # Alt+Left / Alt+Right
    low_probability: float = LOW_CONFIDENCE  # words Whisper gave a lower probability are shaded
    follow_playback: bool = True  # scroll the text along with the word being played


class TranscriptEditor(QWidget):
    """The transcript editor for one open project (``session``) and its recording (``audio_path``)."""

    position_changed = Signal(float)  # the playhead, seconds
    status_message = Signal(str)  # a short message for the status bar (refused edits, notices)
    level_changed = Signal(str)  # the view: verbatim, clean or strict

    def __init__(
        self,
        session: ProjectSession,
        audio_path: str | Path | None = None,
        parent: QWidget | None = None,
        *,
        settings: EditorSettings | None = None,
    ):
        super().__init__(parent)
        self.session = session
        self.settings = settings or EditorSettings()
        self.level = project_level(session.project)
        self.show_hidden = False
        self.pause_marks = True  # the verbatim view shows pauses as the appendix does: (.) (..) (3 sek.)
        self._cache: dict = {}
        self._refreshing = False
        self._word_starts: list[float] | None = None
        self._word_places: list[tuple[float, int, int]] = []  # (end, turn, word) per entry of _word_starts
        self._matches: list[editing.Match] = []
        self._current_match: int | None = None
        self._colours = SpeakerColours()
        self._shown: tuple = (None, [])

        self.player = Player(self, rewind_on_pause=self.settings.rewind_s)
        self.text = TranscriptText(self._colours, self)
        self.text.low_probability = self.settings.low_probability
        self.timeline = TimelineStrip(self)
        self.talk_time = TalkTimeChart(self)
        self.find_bar = FindBar(self)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("QLabel { background: #FFF8E1; padding: 4px; }")
        self.notice.hide()
        self._notice_text: Callable[[], str] | None = None  # the notice shown, made again in a new language
        self.find_bar.hide()

        self._actions: dict[str, QAction] = {}
        self._build_actions()
        self._build_layout()
        self._connect()
        focus_group = session.project.metadata.kind == "focus_group"
        self.talk_time.setVisible(focus_group)
        self._talk_time_action.setChecked(focus_group)
        self.refresh(full=True)
        self._update_position_label(0.0)
        if audio_path is None and session.path is not None:
            audio_path = session.project.audio_file(session.path)
        self.set_audio(audio_path)

    # -- building --------------------------------------------------------------------------------

    def _action(
        self,
        name: str,
        text: str,
        keys: Sequence[QKeySequence | str | QKeySequence.StandardKey] = (),
        slot: Callable | None = None,
        *,
        checkable: bool = False,
    ) -> QAction:
        action = QAction(text, self)
        sequences: list[QKeySequence] = []
        for key in keys:
            if isinstance(key, QKeySequence.StandardKey):
                sequences.extend(QKeySequence.keyBindings(key))
            else:
                sequences.append(QKeySequence(key))
        action.setShortcuts(sequences)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setCheckable(checkable)
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        self._actions[name] = action
        return action

    def _build_actions(self) -> None:
        a = self._action
        a("play_pause", self.tr("Play/pause"), ["Ctrl+Space", "F4"], self.toggle_playback)
        a(
            "play_from_cursor",
            self.tr("Play from the cursor"),
            ["Ctrl+Shift+Space", "F5"],
            self.play_from_cursor,
        )
        a(
            "skip_back",
            self.tr("Back a few seconds"),
            ["Alt+Left"],
            lambda: self.player.skip(-self.settings.skip_s),
        )
        a(
            "skip_forward",
            self.tr("Forward a few seconds"),
            ["Alt+Right"],
            lambda: self.player.skip(self.settings.skip_s),
        )
        a("slower", self.tr("Slower"), ["Alt+Down"], self.player.slower)
        a("faster", self.tr("Faster"), ["Alt+Up"], self.player.faster)
        a("normal_speed", self.tr("Normal speed"), ["Alt+0"], lambda: self.player.set_rate(1.0))
        a("undo", self.tr("Undo"), ["Ctrl+Z"], self.undo)
        a("redo", self.tr("Redo"), ["Ctrl+Y", "Ctrl+Shift+Z"], self.redo)
        a("split_turn", self.tr("Split turn at the cursor"), ["Ctrl+Return"], self.split_at_cursor)
        a("merge_next", self.tr("Merge with next turn"), ["Ctrl+M"], self.merge_with_next)
        a("change_speaker", self.tr("Change speaker…"), ["F2"], self.choose_speaker)
        for n in range(1, _SPEAKER_KEYS + 1):
            a(
                f"speaker_{n}",
                self.tr("Speaker {0}").format(n),
                [f"Ctrl+{n}"],
                lambda n=n: self._speaker_key(n),
            )
        a("find", self.tr("Find…"), ["Ctrl+F"], lambda: self.open_find(replacing=False))
        a("replace", self.tr("Replace…"), ["Ctrl+H"], lambda: self.open_find(replacing=True))
        a("find_next", self.tr("Find next"), ["F3"], self.find_next)
        a("find_previous", self.tr("Find previous"), ["Shift+F3"], self.find_previous)
        a("next_uncertain", self.tr("Next uncertain word"), ["F8"], lambda: self.go_to_uncertain(1))
        a(
            "previous_uncertain",
            self.tr("Previous uncertain word"),
            ["Shift+F8"],
            lambda: self.go_to_uncertain(-1),
        )
        # F7 beside F8 (uncertain words): the other place to check by ear.
        a("next_overlap", self.tr("Next overlapping speech"), ["F7"], lambda: self.go_to_overlap(1))
        a(
            "previous_overlap",
            self.tr("Previous overlapping speech"),
            ["Shift+F7"],
            lambda: self.go_to_overlap(-1),
        )
        group = QActionGroup(self)
        names = {
            "verbatim": self.tr("Verbatim view"),
            "clean": self.tr("Clean view"),
            "strict": self.tr("Strict view"),
        }
        for n, level in enumerate(LEVELS, start=1):
            action = a(
                f"view_{level}",
                names[level],
                [f"Alt+{n}"],
                lambda lv=level: self.set_level(lv),
                checkable=True,
            )
            group.addAction(action)
        self._actions[f"view_{self.level}"].setChecked(True)
        show = a("show_hidden", self.tr("Show hidden words"), ["Ctrl+Shift+H"], checkable=True)
        show.toggled.connect(self.set_show_hidden)
        marks = a("pause_marks", self.tr("Show pause marks"), ["Ctrl+Shift+P"], checkable=True)
        marks.setChecked(self.pause_marks)
        marks.toggled.connect(self.set_pause_marks)
        self._talk_time_action = a(
            "talk_time", self.tr("Show talk time per speaker"), ["Ctrl+Shift+T"], checkable=True
        )
        self._talk_time_action.toggled.connect(self._show_talk_time)
        self.text.reserve_keys(seq for action in self._actions.values() for seq in action.shortcuts())

    def _build_layout(self) -> None:
        self.play_button = QToolButton(self)
        self.play_button.clicked.connect(self.toggle_playback)
        self.play_button.setMinimumWidth(70)
        self._on_playing(False)
        self.position_label = QLabel(self)
        self.speed_box = QDoubleSpinBox(self)
        self.speed_box.setRange(MIN_RATE, MAX_RATE)
        self.speed_box.setSingleStep(RATE_STEP)
        self.speed_box.setDecimals(1)
        self.speed_box.setSuffix("×")
        self.speed_box.setValue(1.0)
        self.speed_box.setToolTip(self.tr("Playback speed (pitch is kept)"))
        self.view_box = QComboBox(self)
        for level in LEVELS:
            self.view_box.addItem(self._actions[f"view_{level}"].text(), level)
        self.view_box.setCurrentIndex(LEVELS.index(self.level))
        self.hidden_box = QCheckBox(self._actions["show_hidden"].text(), self)
        self.speaker_box = QComboBox(self)
        self.speaker_box.setToolTip(self.tr("Speaker of the turn at the cursor"))

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.play_button)
        bar.addWidget(self.position_label)
        self._speed_caption = QLabel(self.tr("Speed"), self)
        self._speaker_caption = QLabel(self.tr("Speaker"), self)
        bar.addWidget(self._speed_caption)
        bar.addWidget(self.speed_box)
        bar.addSpacing(12)
        bar.addWidget(self._speaker_caption)
        bar.addWidget(self.speaker_box)
        bar.addStretch(1)
        bar.addWidget(self.view_box)
        bar.addWidget(self.hidden_box)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.timeline)
        layout.addWidget(self.talk_time)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.find_bar)
        self.setFocusProxy(self.text)
        self.text.setAccessibleName(self.tr("Transcript"))
        self.timeline.setAccessibleName(self.tr("Timeline of the recording"))
        self.talk_time.setAccessibleName(self.tr("Talk time per speaker"))
        self.text.setPlaceholderText(self._empty_text())

    def _empty_text(self) -> str:
        """What the text area says while the project has no words yet (Qt shows it in an empty text)."""
        return self.tr(
            "Nothing is transcribed yet. Press Transcribe in the Transcription panel: the words appear here "
            "as they are made, ready to correct while the recording plays."
        )

    def _action_texts(self) -> dict[str, str]:
        """The actions' texts in the window's current language (the speaker keys: _update_speaker_box)."""
        return {
            "play_pause": self.tr("Play/pause"),
            "play_from_cursor": self.tr("Play from the cursor"),
            "skip_back": self.tr("Back a few seconds"),
            "skip_forward": self.tr("Forward a few seconds"),
            "slower": self.tr("Slower"),
            "faster": self.tr("Faster"),
            "normal_speed": self.tr("Normal speed"),
            "undo": self.tr("Undo"),
            "redo": self.tr("Redo"),
            "split_turn": self.tr("Split turn at the cursor"),
            "merge_next": self.tr("Merge with next turn"),
            "change_speaker": self.tr("Change speaker…"),
            "find": self.tr("Find…"),
            "replace": self.tr("Replace…"),
            "find_next": self.tr("Find next"),
            "find_previous": self.tr("Find previous"),
            "next_uncertain": self.tr("Next uncertain word"),
            "previous_uncertain": self.tr("Previous uncertain word"),
            "next_overlap": self.tr("Next overlapping speech"),
            "previous_overlap": self.tr("Previous overlapping speech"),
            "view_verbatim": self.tr("Verbatim view"),
            "view_clean": self.tr("Clean view"),
            "view_strict": self.tr("Strict view"),
            "show_hidden": self.tr("Show hidden words"),
            "pause_marks": self.tr("Show pause marks"),
            "talk_time": self.tr("Show talk time per speaker"),
        }

    def retranslate(self) -> None:
        """Every text of the editor in the window's current language (the language changed at run time)."""
        for name, text in self._action_texts().items():
            self._actions[name].setText(text)  # the tooltip follows the text (Qt derives it)
        self._update_speaker_box()
        for index, level in enumerate(LEVELS):
            self.view_box.setItemText(index, self._actions[f"view_{level}"].text())
        self.hidden_box.setText(self._actions["show_hidden"].text())
        self.speed_box.setToolTip(self.tr("Playback speed (pitch is kept)"))
        self.speaker_box.setToolTip(self.tr("Speaker of the turn at the cursor"))
        self._speed_caption.setText(self.tr("Speed"))
        self._speaker_caption.setText(self.tr("Speaker"))
        self._on_playing(self.player.playing)
        self.text.setAccessibleName(self.tr("Transcript"))
        self.timeline.setAccessibleName(self.tr("Timeline of the recording"))
        self.talk_time.setAccessibleName(self.tr("Talk time per speaker"))
        self.text.setPlaceholderText(self._empty_text())
        if self._notice_text is not None and self.notice.isVisibleTo(self):
            self.notice.setText(self._notice_text())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_speed_caption"):
            self.retranslate()
        super().changeEvent(event)

    def _connect(self) -> None:
        self.session.changed.connect(self.refresh)
        self.text.text_edited.connect(self._on_text_edited)
        self.text.split_requested.connect(self.split_at_cursor)
        self.text.merge_requested.connect(self.merge_turns)
        self.text.turn_clicked.connect(self.play_turn)
        self.text.word_activated.connect(self.play_word)
        self.text.refused.connect(self.status_message)
        self.text.resync_needed.connect(lambda: self.refresh(full=True))
        self.text.cursorPositionChanged.connect(self._show_speaker_at_cursor)
        self.text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.text.customContextMenuRequested.connect(self._context_menu)
        self.timeline.seek_requested.connect(self.player.play_from)
        self.player.position_changed.connect(self._on_position)
        self.player.duration_changed.connect(self._on_duration)
        self.player.rate_changed.connect(self._on_rate)
        self.player.playing_changed.connect(self._on_playing)
        self.player.error.connect(self._show_notice)
        self.speed_box.valueChanged.connect(self.player.set_rate)
        self.view_box.currentIndexChanged.connect(lambda i: self.set_level(self.view_box.itemData(i)))
        self.hidden_box.toggled.connect(self._actions["show_hidden"].setChecked)
        self.speaker_box.activated.connect(self._on_speaker_chosen)
        self.find_bar.search_changed.connect(self._search)
        self.find_bar.next_requested.connect(self.find_next)
        self.find_bar.previous_requested.connect(self.find_previous)
        self.find_bar.replace_requested.connect(self.replace_current)
        self.find_bar.replace_all_requested.connect(self.replace_all)
        self.find_bar.closed.connect(self._on_find_closed)

    # -- public --------------------------------------------------------------------------------------

    def action(self, name: str) -> QAction:
        """One of the editor's actions by name (``play_pause``, ``undo``, ``split_turn``, ``view_clean``…)."""
        return self._actions[name]

    def editor_actions(self) -> list[QAction]:
        """All the editor's actions, in the order of ``shortcut_table`` (for the window's menus)."""
        return list(self._actions.values())

    def shortcut_table(self) -> list[tuple[str, str]]:
        """(action, keys) for Help → Shortcuts, keys as the platform writes them."""
        extra = {
            "split_turn": [self.tr("Return in the text")],
            "merge_next": [self.tr("Delete at the end of a turn")],
        }
        rows = []
        for name, action in self._actions.items():
            if name.startswith("speaker_") and not action.isEnabled():
                continue  # fewer speakers than keys
            keys = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()]
            rows.append((action.text().replace("&", ""), ", ".join(keys + extra.get(name, []))))
        rows.append((self.tr("Merge with previous turn"), self.tr("Backspace at the start of a turn")))
        rows.append((self.tr("Play a turn from its start"), self.tr("Click its speaker in the margin")))
        rows.append((self.tr("Play from a word"), self.tr("Ctrl+click the word")))
        return rows

    def set_read_only(self, read_only: bool) -> None:
        """Show the transcript (scroll, play, find) without letting it be typed in: written elsewhere."""
        self.text.locked = read_only
        self.text.setReadOnly(read_only or not self.text.turns)

    def show_segment(self, index: int, text: str = "") -> bool:
        """Bring segment ``index`` of the project into view: select ``text`` in it (the first match), or
        put the cursor at its start; the playhead goes there too. For the panels' "Show in the editor".
        False if the segment is not shown (empty, or out of range)."""
        self.text.commit_pending()
        for number, turn in enumerate(self.text.turns):
            if index not in turn.segments:
                continue
            places = [p for p in turn.shown if turn.word_segments[p.word] == index]
            start = places[0].start if places else 0
            end = places[-1].end if places else len(turn.text)
            found = turn.text.lower().find(text.lower(), start, end) if text else -1
            if found >= 0:
                self.text.select(number, found, found + len(text))
            else:
                self.text.place_cursor(number, start)
            self.text.setFocus()
            segment_start = self.session.project.segments[index].start
            if segment_start is not None and not self.player.playing:
                self.player.seek(segment_start)
            return True
        return False

    def set_audio(self, path: str | Path | None) -> None:
        """Play ``path`` in step with the transcript (None: edit without sound)."""
        self.notice.hide()
        if not self.player.available:
            self._show_notice(
                lambda: self.player.unavailable_reason + " " + self.tr("The transcript can still be edited.")
            )
            return
        if path is None:
            self._show_notice(
                lambda: self.tr(
                    "No recording is linked to this project: the transcript can be edited, not played."
                )
            )
            self.player.load(None)
            return
        if self.player.load(path) and not self.player.has_sound_device:
            self._show_notice(lambda: self.tr("No sound device was found: the recording runs silently."))

    def set_level(self, level: str) -> None:
        """Show the transcript at ``level`` (verbatim, clean, strict); the project's stored level stays."""
        if level == self.level:
            return
        self.level = level
        with QSignalBlocker(self.view_box):
            self.view_box.setCurrentIndex(LEVELS.index(level))
        self._actions[f"view_{level}"].setChecked(True)
        self._rebuild_keeping_place()
        self.level_changed.emit(level)

    def set_show_hidden(self, show: bool) -> None:
        """Show the words the view hides, greyed and struck through (they can then be edited as verbatim)."""
        if show == self.show_hidden:
            return
        self.show_hidden = show
        with QSignalBlocker(self.hidden_box):
            self.hidden_box.setChecked(show)
        self._actions["show_hidden"].setChecked(show)
        self._rebuild_keeping_place()

    def set_pause_marks(self, show: bool) -> None:
        """Show the verbatim view's pause marks, as the verbatim appendix prints them, or leave them out
        (they are made from the timings, never typed, so nothing stored changes)."""
        if show == self.pause_marks:
            return
        self.pause_marks = show
        self._actions["pause_marks"].setChecked(show)
        self._rebuild_keeping_place()
        if self.find_bar.text:
            self._search(keep_current=True)  # the matches' positions moved with the marks

    def set_low_probability(self, threshold: float) -> None:
        """Shade words whose probability is below ``threshold`` (0..1)."""
        self.settings.low_probability = threshold
        self.text.low_probability = threshold
        self.refresh()

    def set_rewind_seconds(self, seconds: float) -> None:
        self.settings.rewind_s = max(0.0, seconds)
        self.player.rewind_on_pause = self.settings.rewind_s

    def commit_pending(self) -> None:
        """Store what is typed in the current turn now (the window calls this before saving or closing)."""
        self.text.commit_pending()

    # -- showing the project ------------------------------------------------------------------------

    def refresh(self, full: bool = False) -> None:
        """Show the project as it is now; only what changed is redrawn (``full``: everything)."""
        if self._refreshing:
            return  # an edit made while refreshing (the pending text) lands in this refresh
        self._refreshing = True
        try:
            self.text.commit_pending()
            project = self.session.project
            turns = editing.display_turns(
                project,
                self.level,
                show_hidden=self.show_hidden,
                cache=self._cache,
                pause_marks=self.pause_marks,
            )
            if len(self._cache) > 3 * len(turns) + 64:
                self._cache.clear()  # entries of turns edited away
            self._colours.update(project, (t.label for t in turns))
            self.text.overlaps = project.diarisation.overlaps if project.diarisation is not None else []
            self.text.speaker_codes = {e.label: e.code or e.label for e in project.roster if e.label}
            self.text.set_turns(turns, full=full)
            self._shown = (project, list(project.segments))  # what the blocks were made from
            self._word_starts = None  # indexed again when the playhead next moves
            self._update_timeline(turns)
            self._update_talk_time()
            self._update_speaker_box()
            if self.find_bar.isVisible() and self.find_bar.text:
                self._search(keep_current=True)
        finally:
            self._refreshing = False

    def _rebuild_keeping_place(self) -> None:
        cursor_turn = self.text.turn_at_cursor()
        turns = self.text.turns
        anchor = turns[cursor_turn].start if cursor_turn is not None and cursor_turn < len(turns) else None
        top = self.text.firstVisibleBlock().blockNumber()
        top_time = turns[top].start if top < len(turns) else None
        self.refresh(full=True)
        new_turns = self.text.turns
        if top_time is not None and new_turns:
            self.text.verticalScrollBar().setValue(self._turn_at_time(top_time))
        if anchor is not None and new_turns:
            self.text.place_cursor(self._turn_at_time(anchor))

    def _turn_at_time(self, seconds: float) -> int:
        starts = [t.start if t.start is not None else 0.0 for t in self.text.turns]
        return max(0, bisect.bisect_right(starts, seconds) - 1)

    def _index_words(self, turns: list[editing.TurnText]) -> None:
        places = [
            (w.start, w.end if w.end is not None else w.start, t, place.word)
            for t, turn in enumerate(turns)
            for place in turn.shown
            if (w := turn.words[place.word]).start is not None
        ]
        places.sort()
        self._word_starts = [p[0] for p in places]
        self._word_places = [(p[1], p[2], p[3]) for p in places]

    def word_at_time(self, seconds: float) -> tuple[int, int] | None:
        """(turn, word) being spoken at ``seconds``, among the words shown (None in a silence)."""
        if self._word_starts is None:
            self._index_words(self.text.turns)
        i = bisect.bisect_right(self._word_starts, seconds) - 1
        if i < 0:
            return None
        end, turn, word = self._word_places[i]
        return (turn, word) if seconds - end <= _SILENCE_S else None

    def _update_timeline(self, turns: list[editing.TurnText]) -> None:
        marks = [
            TimelineTurn(t.start, t.end, t.label, self._colours.colour(t.label))
            for t in turns
            if t.start is not None and t.end is not None
        ]
        uncertain: list[tuple[float, float]] = []
        threshold = self.settings.low_probability
        for segment in self.session.project.segments:
            for word in segment.words:
                if word.probability is None or word.probability >= threshold or word.start is None:
                    continue
                end = word.end if word.end is not None else word.start
                if uncertain and word.start - uncertain[-1][1] < _UNCERTAIN_GAP_S:
                    uncertain[-1] = (uncertain[-1][0], max(end, uncertain[-1][1]))
                else:
                    uncertain.append((word.start, end))
        self.timeline.set_turns(marks, uncertain)
        codes = self.text.speaker_codes
        self.timeline.set_overlaps(
            [
                TimelineOverlap(s.start, s.end, tuple(codes.get(label) or label for label in s.speakers))
                for s in self.text.overlaps
            ]
        )
        self.timeline.set_duration(self.player.duration or self.session.project.audio.duration or 0.0)

    def _update_talk_time(self) -> None:
        if not self._talk_time_action.isChecked():
            return  # computed when it is shown
        rows = [
            TalkTimeRow(
                entry.code if entry and entry.code else label,
                self._colours.colour(label),
                seconds,
                turns,
                words,
            )
            for entry, label, seconds, turns, words in talk_time(self.session.project)
            if label != "?"
        ]
        self.talk_time.set_rows(rows)

    def _show_talk_time(self, show: bool) -> None:
        self.talk_time.setVisible(show)
        self._update_talk_time()

    def _speakers(self) -> list[tuple[str, str]]:
        """(label, code) of everyone who can be given a turn: the roster's speakers, then unknown labels,
        then the roster's people who have no voice yet (no diarisation): their code becomes their label."""
        project = self.session.project
        speakers = [(e.label, e.code or e.label) for e in project.roster if e.label]
        known = {label for label, _ in speakers}
        for segment in project.segments:
            if segment.speaker and segment.speaker not in known:
                known.add(segment.speaker)
                speakers.append((segment.speaker, segment.speaker))
        for entry in project.roster:
            if not entry.label and entry.code and entry.role != "organisation" and entry.code not in known:
                known.add(entry.code)
                speakers.append((entry.code, entry.code))
        return speakers

    def _update_speaker_box(self) -> None:
        speakers = self._speakers()
        with QSignalBlocker(self.speaker_box):
            self.speaker_box.clear()
            for label, code in speakers:
                self.speaker_box.addItem(code, label)
        for n in range(1, _SPEAKER_KEYS + 1):
            action = self._actions[f"speaker_{n}"]
            if n <= len(speakers):
                action.setText(self.tr("Speaker {0}: {1}").format(n, speakers[n - 1][1]))
                action.setEnabled(True)
            else:
                action.setText(self.tr("Speaker {0}").format(n))
                action.setEnabled(False)
        self._show_speaker_at_cursor()

    def _show_speaker_at_cursor(self) -> None:
        turn = self.text.turn_at_cursor()
        label = self.text.turns[turn].label if turn is not None and turn < len(self.text.turns) else None
        with QSignalBlocker(self.speaker_box):
            self.speaker_box.setCurrentIndex(self.speaker_box.findData(label) if label else -1)

    def _show_notice(self, message: str | Callable[[], str]) -> None:
        """Show a notice above the text: a sentence, or a function that makes it (again after a language
        change: the player's own notices come as sentences, and stay as they were said)."""
        self._notice_text = message if callable(message) else None
        message = message() if callable(message) else message
        self.notice.setText(message)
        self.notice.show()
        self.status_message.emit(message)

    # -- editing ------------------------------------------------------------------------------------------

    def _edit(self, label: str, change: Callable, segments: Sequence[int]) -> bool:
        """One undoable step; a researcher-readable refusal instead of a half-made change."""
        try:
            self.session.edit(label, change, segments=list(segments))
        except TranskriptError as error:  # the session left the project as it was, and no step
            self.status_message.emit(str(error))
            return False
        return True

    @property
    def _edit_level(self) -> str:
        return "verbatim" if self.show_hidden else self.level

    def _on_text_edited(self, turn_index: int, new_text: str) -> None:
        turn = self.text.turns[turn_index]
        project, segments_shown = self._shown
        current = self.session.project
        if project is not current or any(
            i >= len(current.segments) or current.segments[i] is not segments_shown[i] for i in turn.segments
        ):
            # Something else changed the project under the turn being typed in (another project was
            # loaded, or segments were split or merged elsewhere): the typing no longer fits it.
            self.status_message.emit(
                self.tr("The transcript changed while you typed; your last change to this turn was not kept.")
            )
            return
        if " ".join(new_text.split()) == turn.text or (
            self._edit_level == "verbatim" and strip_pause_marks(new_text) == strip_pause_marks(turn.text)
        ):
            self.text.restore_turn(turn_index)  # only spaces or pause marks (the timings make them) changed
            return
        segments, level = list(turn.segments), self._edit_level
        self._edit(self.tr("Edit text"), lambda p: editing.edit_turn(p, segments, new_text, level), segments)

    def undo(self) -> None:
        self.text.commit_pending()
        self.session.undo_stack.undo()

    def redo(self) -> None:
        self.text.commit_pending()
        self.session.undo_stack.redo()

    def split_at_cursor(self) -> None:
        """Split the turn at the cursor; the second part goes to the other speaker (Ctrl+1…9 changes it)."""
        self.text.commit_pending()
        place = self.text.word_at()
        if place is None:
            return
        turn_index, word = place
        turn = self.text.turns[turn_index]
        word = turn.cut_before(word)
        cursor = self.text.textCursor()
        if cursor.positionInBlock() >= len(turn.text.rstrip()) or word == 0:
            self.status_message.emit(self.tr("Put the cursor where the second part of the turn begins."))
            return
        speaker = editing.other_speaker(self.session.project, turn.segments[0]) if turn.label else None
        if turn.label and speaker is None:  # the parts would show as one turn again
            self.status_message.emit(
                self.tr("There is no other speaker for the second part: add one with Change speaker (F2).")
            )
            return
        segments = list(turn.segments)
        if self._edit(
            self.tr("Split turn"), lambda p: editing.split_turn(p, segments, word, speaker), segments
        ) and turn_index + 1 < len(self.text.turns):
            self.text.place_cursor(turn_index + 1)

    def merge_with_next(self) -> None:
        turn = self.text.turn_at_cursor()
        if turn is not None:
            self.merge_turns(turn, turn + 1)

    def merge_turns(self, first: int, second: int) -> None:
        """Join turn ``second`` (the next one) into turn ``first``."""
        self.text.commit_pending()
        turns = self.text.turns
        if not (0 <= first < second < len(turns)):
            return
        join_at = len(turns[first].text)
        a, b = list(turns[first].segments), list(turns[second].segments)
        touched = range(a[0], b[-1] + 1)
        if self._edit(self.tr("Merge turns"), lambda p: editing.merge_turns(p, a, b), touched):
            self.text.place_cursor(first, join_at)

    def set_speaker(self, who: str) -> None:
        """Give the turn at the cursor (or the selected words, or the turns selected) to ``who``."""
        self.text.commit_pending()
        cursor = self.text.textCursor()
        turns = self.text.turns
        if not turns:
            return
        doc = self.text.document()
        first_turn = doc.findBlock(cursor.selectionStart()).blockNumber()
        last_turn = doc.findBlock(cursor.selectionEnd()).blockNumber()
        if cursor.hasSelection() and first_turn == last_turn:
            turn = turns[first_turn]
            start = cursor.selectionStart() - doc.findBlockByNumber(first_turn).position()
            end = cursor.selectionEnd() - doc.findBlockByNumber(first_turn).position()
            words = [s.word for s in turn.shown if s.end > start and s.start < end]
            if words and (turn.cut_before(words[0]) > 0 or words[-1] < turn.shown[-1].word):
                segments, first, last = list(turn.segments), turn.cut_before(words[0]), words[-1]
                if last == turn.shown[-1].word:
                    last = len(turn.words) - 1  # hidden words at the end go along
                self._edit(
                    self.tr("Change speaker"),
                    lambda p: editing.set_words_speaker(p, segments, first, last, who),
                    segments,
                )
                return
        segments = [i for t in turns[first_turn : last_turn + 1] for i in t.segments]
        self._edit(self.tr("Change speaker"), lambda p: editing.set_turn_speaker(p, segments, who), segments)

    def _speaker_key(self, n: int) -> None:
        speakers = self._speakers()
        if n <= len(speakers):
            self.set_speaker(speakers[n - 1][0])

    def _on_speaker_chosen(self, index: int) -> None:
        label = self.speaker_box.itemData(index)
        if label:
            self.set_speaker(label)

    def choose_speaker(self) -> None:
        """A menu of speakers at the cursor (F2), with a new one at the end."""
        menu = self._speaker_menu(QMenu(self))
        menu.exec(self.text.viewport().mapToGlobal(self.text.cursorRect().bottomLeft()))

    def _speaker_menu(self, menu: QMenu) -> QMenu:
        for n, (label, code) in enumerate(self._speakers(), start=1):
            action = menu.addAction(code)
            if n <= _SPEAKER_KEYS:
                action.setShortcut(
                    QKeySequence(f"Ctrl+{n}")
                )  # shown in the menu; the editor's action runs it
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _c=False, lb=label: self.set_speaker(lb))
        menu.addSeparator()
        menu.addAction(self.tr("New speaker…")).triggered.connect(self._new_speaker)
        return menu

    def _new_speaker(self) -> None:
        code, ok = QInputDialog.getText(
            self, self.tr("New speaker"), self.tr("Code of the speaker (for example VJ):")
        )
        if ok and code.strip():
            self.set_speaker(code.strip())

    def context_menu(self, position) -> QMenu:
        """The text's menu at ``position`` (viewport coordinates): play, speaker, split, merge, copy."""
        if not self.text.textCursor().hasSelection():
            self.text.setTextCursor(self.text.cursorForPosition(position))
        menu = QMenu(self)
        menu.addAction(self._actions["play_from_cursor"])
        self._speaker_menu(menu.addMenu(self.tr("Speaker")))
        menu.addAction(self._actions["split_turn"])
        menu.addAction(self._actions["merge_next"])
        menu.addSeparator()
        copy = menu.addAction(self.tr("Copy"))
        copy.setEnabled(self.text.textCursor().hasSelection())
        copy.triggered.connect(self.text.copy)
        return menu

    def _context_menu(self, position) -> None:
        menu = self.context_menu(position)
        menu.exec(self.text.viewport().mapToGlobal(position))
        menu.deleteLater()

    # -- playing ----------------------------------------------------------------------------------------

    def toggle_playback(self) -> None:
        self.player.toggle()

    def play_turn(self, turn: int) -> None:
        """Play a turn from its start (a click in the margin)."""
        start = self.text.turns[turn].start if 0 <= turn < len(self.text.turns) else None
        if start is not None:
            self.player.play_from(start)

    def play_word(self, turn: int, word: int) -> None:
        """Play from a word (Ctrl+click)."""
        start = self.text.turns[turn].words[word].start
        if start is not None:
            self.player.play_from(start)

    def play_from_cursor(self) -> None:
        self.text.commit_pending()
        place = self.text.word_at()
        if place is None:
            return
        turn = self.text.turns[place[0]]
        start = turn.words[place[1]].start
        self.player.play_from(start if start is not None else turn.start or 0.0)

    def _on_position(self, seconds: float) -> None:
        self.timeline.set_position(seconds)
        self._update_position_label(seconds)
        place = self.word_at_time(seconds)
        follow = self.settings.follow_playback and self.player.playing and not self.text.has_pending_edit
        self.text.highlight_word(*(place or (None, None)), follow=follow)
        self.position_changed.emit(seconds)

    def _on_duration(self, seconds: float) -> None:
        if seconds:
            self.timeline.set_duration(seconds)
        self._update_position_label(self.player.position)

    def _on_rate(self, rate: float) -> None:
        with QSignalBlocker(self.speed_box):
            self.speed_box.setValue(rate)

    def _on_playing(self, playing: bool) -> None:
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))
        keys = ", ".join(
            k.toString(QKeySequence.SequenceFormat.NativeText)
            for k in self._actions["play_pause"].shortcuts()
        )
        self.play_button.setToolTip(self.tr("Play or pause ({0})").format(keys))

    def _update_position_label(self, seconds: float) -> None:
        total = self.player.duration or self.timeline.duration
        self.position_label.setText(f"{clock_time(seconds)} / {clock_time(total)}")

    # -- finding ------------------------------------------------------------------------------------------

    def open_find(self, replacing: bool) -> None:
        self.text.commit_pending()
        cursor = self.text.textCursor()
        selected = (
            cursor.selectedText() if cursor.hasSelection() and "\u2029" not in cursor.selectedText() else ""
        )
        self.find_bar.open(replacing, selected)
        self._search()

    def _search(self, keep_current: bool = False) -> None:
        text = self.find_bar.text
        previous = self._current_match
        self._matches = []
        if text:
            self._matches = editing.find(
                self.session.project,
                self.level,
                text,
                self.find_bar.case,
                whole_words=self.find_bar.whole_words,
                show_hidden=self.show_hidden,
                turns=self.text.turns,
                pause_marks=self.pause_marks,
            )
        if keep_current and previous is not None and self._matches:
            self._current_match = min(previous, len(self._matches) - 1)
        else:
            self._current_match = self._first_match_after_cursor()
        self._show_matches()

    def _first_match_after_cursor(self) -> int | None:
        if not self._matches:
            return None
        cursor = self.text.textCursor()
        here = (cursor.blockNumber(), cursor.selectionStart() - cursor.block().position())
        for i, match in enumerate(self._matches):
            if (match.turn, match.start) >= here:
                return i
        return 0

    def _show_matches(self) -> None:
        self.text.show_matches([(m.turn, m.start, m.end) for m in self._matches], self._current_match)
        self.find_bar.set_count(self._current_match, len(self._matches))
        if self._current_match is not None:
            match = self._matches[self._current_match]
            self.text.setTextCursor(self.text.block_cursor(match.turn, match.start, match.end))
            self.text.ensureCursorVisible()

    def find_next(self) -> None:
        self._step_match(1)

    def find_previous(self) -> None:
        self._step_match(-1)

    def _step_match(self, step: int) -> None:
        if not self.find_bar.isVisible() or not self.find_bar.text:
            self.open_find(replacing=False)
            return
        if not self._matches:
            return
        if self._current_match is None:
            self._current_match = 0
        else:
            self._current_match = (self._current_match + step) % len(self._matches)
        self._show_matches()

    def replace_current(self) -> None:
        """Replace the current match and go to the next."""
        if self._current_match is None or not self._matches:
            return
        match = self._matches[self._current_match]
        replacement, level, hidden, marks = (
            self.find_bar.replacement,
            self.level,
            self.show_hidden,
            self.pause_marks,
        )
        self._edit(
            self.tr("Replace"),
            lambda p: editing.replace_match(
                p, match, replacement, level, show_hidden=hidden, pause_marks=marks
            ),
            match.segments,
        )
        self._search(keep_current=True)

    def replace_all(self) -> None:
        """Replace every match in the view (in the verbatim words when hidden words are shown)."""
        text = self.find_bar.text
        if not text:
            return
        replacement, case, words, level = (
            self.find_bar.replacement,
            self.find_bar.case,
            self.find_bar.whole_words,
            self._edit_level,
        )
        project = self.session.project
        segments = editing.replace_all_segments(project, text, case, whole_words=words, level=level)
        if not segments:
            return
        count = len(self._matches)
        self._edit(
            self.tr("Replace all"),
            lambda p: editing.replace_all(p, text, replacement, case, whole_words=words, level=level),
            segments,
        )
        self.status_message.emit(self.tr("Replaced {0} occurrences.").format(count))
        self._search()

    def _on_find_closed(self) -> None:
        self._matches, self._current_match = [], None
        self.text.show_matches([], None)
        self.text.setFocus()

    # -- reviewing ---------------------------------------------------------------------------------------

    def go_to_uncertain(self, step: int) -> None:
        """Select the next (``step`` 1) or previous (-1) shaded word and move the playhead to it."""
        self.text.commit_pending()
        turns = self.text.turns
        if not turns:
            return
        cursor = self.text.textCursor()
        here = (cursor.blockNumber(), cursor.selectionStart() - cursor.block().position())
        places = [
            (t, start, end)
            for t in range(len(turns))
            for start, end, kind in self.text.formats_of(t)
            if kind == UNCERTAIN
        ]
        if step > 0:
            found = next((p for p in places if (p[0], p[1]) > here), None)
        else:
            found = next((p for p in reversed(places) if (p[0], p[1]) < here), None)
        if found is None:
            self.status_message.emit(self.tr("No more uncertain words in this direction."))
            return
        turn, start, end = found
        self.text.select(turn, start, end)
        place = self.text.word_at(self.text.block_cursor(turn, start))
        if place is not None:
            word = turns[place[0]].words[place[1]]
            if word.start is not None and not self.player.playing:
                self.player.seek(max(0.0, word.start - _LEAD_IN_S))

    def overlap_places(self) -> list[OverlapPlace]:
        """Each stretch of overlapped speech as the text shows it, in reading order: from the first of its
        underlined words to the last. A stretch across a change of speaker is one place, ending one turn
        and opening the next; a stretch with no word shown (all hidden at this level) is none."""
        places: list[OverlapPlace] = []
        stretches = self.text.overlaps
        starts = [s.start for s in stretches]  # in time order, not overlapping (merge_stretches)
        for t, turn in enumerate(self.text.turns):
            for span in self.text.spans_of(t):
                if not span.overlapped:
                    continue
                word = turn.words[span.word]
                middle = (
                    None if word.start is None else (word.start + max(word.end or word.start, word.start)) / 2
                )
                n = bisect.bisect_right(starts, middle) - 1 if middle is not None else -1
                stretch = n if n >= 0 and middle <= stretches[n].end else None  # as overlap_flags finds it
                last = places[-1] if places else None
                if last is not None and last.stretch == stretch and stretch is not None:
                    places[-1] = dataclasses.replace(last, last_turn=t, end=span.end)
                elif last is not None and last.stretch is None and stretch is None and last.last_turn == t:
                    places[-1] = dataclasses.replace(last, end=span.end)
                else:
                    begins = stretches[stretch].start if stretch is not None else word.start
                    places.append(OverlapPlace(t, span.start, t, span.end, stretch, begins))
        return places

    def go_to_overlap(self, step: int) -> None:
        """Select the next (``step`` 1) or previous (-1) place where two voices were heard at once, and
        put the playhead just before it: overlap is checked by ear."""
        self.text.commit_pending()
        places = self.overlap_places()
        if not places:
            self.status_message.emit(self.tr("No places where two voices overlap in this transcript."))
            return
        cursor = self.text.textCursor()
        first = self.text.document().findBlock(cursor.selectionStart())
        here = (first.blockNumber(), cursor.selectionStart() - first.position())
        if step > 0:
            index = next((i for i, p in enumerate(places) if (p.turn, p.start) > here), None)
        else:
            index = next(
                (i for i in reversed(range(len(places))) if (places[i].turn, places[i].start) < here), None
            )
        if index is None:
            self.status_message.emit(self.tr("No more places where two voices overlap in this direction."))
            return
        place = places[index]
        selection = self.text.block_cursor(place.turn, place.start)
        end = self.text.block_cursor(place.last_turn, place.end)
        selection.setPosition(end.position(), QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(selection)
        self.text.ensureCursorVisible()
        if place.begins is not None:
            self.player.seek(max(0.0, place.begins - _LEAD_IN_S))
        self.status_message.emit(
            self.tr("Two voices at once: place {0} of {1}").format(index + 1, len(places))
        )
