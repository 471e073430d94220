"""The transcript as an editable text: one block per speaker turn, speaker and time in the margin.

A ``QPlainTextEdit`` lays out only what is on screen and stores one block per turn,
so a two-hour focus group (about 1,500 turns, 20,000 words) opens and refreshes
quickly; after an edit only the blocks that changed are rewritten. Uncertain and
hidden words are coloured by a syntax highlighter from the spans the core gives
(``core.editing.display_turns``), so the formats never enter the document's text.

The researcher types freely inside a turn. The text is handed on (``text_edited``)
when the cursor leaves the turn, the widget loses focus, typing pauses for a few
seconds, or an editor action needs the transcript as it is (``commit_pending``); the
editor turns it into one undoable step. Changes that would cross turns become turn
actions instead: Return splits the turn at the cursor, Backspace at a turn's start
and Delete at its end merge it with its neighbour, and typing over a selection that
spans turns is refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeySequence,
    QPainter,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from ...core.cleanup import PauseConventions
from ...core.cleanup.overlap_marks import overlap_flags
from ...core.editing import TurnText
from ...core.project.diarisation import OverlapStretch
from ...core.project.transcript import LOW_CONFIDENCE, clock_time
from .colours import SpeakerColours

UNCERTAIN, HIDDEN = "uncertain", "hidden"
IDLE_COMMIT_MS = 2500  # a pause in typing this long stores the turn being typed in
UNCERTAIN_BACKGROUND = QColor("#FFE0B2")  # shaded: a word Whisper was unsure of
CURRENT_WORD_BACKGROUND = QColor("#A5D6A7")  # the word being played (not the uncertain words' orange)
MATCH_BACKGROUND, CURRENT_MATCH_BACKGROUND = QColor("#C5E1F5"), QColor("#64B5F6")
HIDDEN_FOREGROUND = QColor("#9E9E9E")  # shown only on request, struck through
OVERLAP_UNDERLINE = QColor("#8E24AA")  # a wavy purple line: spoken while another voice was heard
OVERLAP_BACKGROUND = QColor("#F3E5F5")  # and a faint lilac behind it, unless the word is shaded already
PAUSE_FOREGROUND = QColor("#757575")  # a pause mark of the verbatim view: the timings', not a word
_PAUSE_MARKS = PauseConventions().marks_pattern()
TURN_RULE = QColor("#E0E0E0")


class _Span:
    """Where a shown word is in its block now (shifted while the researcher types)."""

    __slots__ = ("start", "end", "word", "kind", "overlapped")

    def __init__(self, start: int, end: int, word: int, kind: str | None, overlapped: bool = False):
        self.start, self.end, self.word, self.kind = start, end, word, kind
        self.overlapped = overlapped  # spoken while another voice was heard


def _spans(turn: TurnText, low_probability: float, overlaps: Sequence[OverlapStretch] = ()) -> list[_Span]:
    flags = overlap_flags([(w.start, w.end) for w in turn.words], overlaps) if overlaps else None
    spans = []
    for place in turn.shown:
        probability = turn.words[place.word].probability
        kind = HIDDEN if place.hidden else None
        if kind is None and probability is not None and probability < low_probability:
            kind = UNCERTAIN
        spans.append(_Span(place.start, place.end, place.word, kind, bool(flags and flags[place.word])))
    return spans


class _Shading(QSyntaxHighlighter):
    """Colours each block's uncertain and hidden words from the view's spans."""

    def __init__(self, view: TranscriptText):
        super().__init__(view.document())
        self._view = view
        self._formats = {UNCERTAIN: QTextCharFormat(), HIDDEN: QTextCharFormat()}
        self._formats[UNCERTAIN].setBackground(UNCERTAIN_BACKGROUND)
        self._formats[HIDDEN].setForeground(HIDDEN_FOREGROUND)
        self._formats[HIDDEN].setFontStrikeOut(True)
        self._pause = QTextCharFormat()
        self._pause.setForeground(PAUSE_FOREGROUND)
        # Overlap is an underline, so that it shows together with the shading of an uncertain word.
        self._overlapped = {kind: QTextCharFormat(f) for kind, f in self._formats.items()}
        self._overlapped[None] = QTextCharFormat()
        self._overlapped[None].setBackground(OVERLAP_BACKGROUND)
        for underlined in self._overlapped.values():
            underlined.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            underlined.setUnderlineColor(OVERLAP_UNDERLINE)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        number = self.currentBlock().blockNumber()
        if number >= len(self._view.turns):
            return
        for mark in _PAUSE_MARKS.finditer(text):  # greyed: they read as the appendix's, apart from the words
            self.setFormat(mark.start(), mark.end() - mark.start(), self._pause)
        for span in self._view.spans_of(number):
            if span.end <= span.start:
                continue
            if span.overlapped:
                self.setFormat(span.start, span.end - span.start, self._overlapped[span.kind])
            elif span.kind is not None:
                self.setFormat(span.start, span.end - span.start, self._formats[span.kind])


class _Gutter(QWidget):
    """The left margin: each turn's speaker code (in the speaker's colour) and start time."""

    def __init__(self, view: TranscriptText):
        super().__init__(view)
        self._view = view
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("Click to play the turn from its start"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.setToolTip(self.tr("Click to play the turn from its start"))
        super().changeEvent(event)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self._view.gutter_width(), 0)

    def paintEvent(self, event) -> None:  # noqa: N802
        self._view._paint_gutter(self, event.rect())

    def mousePressEvent(self, event) -> None:  # noqa: N802
        turn = self._view._block_at_y(event.position().y())
        if turn is not None and event.button() == Qt.MouseButton.LeftButton:
            self._view.turn_clicked.emit(turn)


class TranscriptText(QPlainTextEdit):
    """The editable transcript: turns as blocks, and signals for what the editor must do with the input."""

    text_edited = Signal(int, str)  # turn, the text it now shows (to be stored)
    split_requested = Signal()  # Return: split the turn at the cursor
    # join turn b into turn a (Backspace at a turn's start, Delete at its end)
    merge_requested = Signal(int, int)
    turn_clicked = Signal(int)  # the margin of a turn was clicked
    word_activated = Signal(int, int)  # turn, word index: Ctrl+click on a word
    refused = Signal(str)  # why an edit was not made
    resync_needed = Signal()  # the text changed across turns in a way the signals above do not cover

    def __init__(self, colours: SpeakerColours, parent: QWidget | None = None):
        super().__init__(parent)
        self._colours = colours
        self._turns: list[TurnText] = []
        self._typed_spans: dict[int, list[_Span]] = {}  # blocks typed in: their spans, moved along
        self._texts: list[str] = []  # the text of each block as last shown or typed
        self._keys: list[tuple] = []
        self._dirty: int | None = None  # the turn typed in and not yet handed on
        self._updating = False
        self._reserved: set[str] = set()
        self.locked = False  # read-only whatever is shown: the project is written elsewhere
        # A pause in typing stores the turn too, so that autosave has it (a long monologue can be
        # corrected for minutes without the cursor leaving it).
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_COMMIT_MS)
        self._idle.timeout.connect(self._commit_when_idle)
        self._current_word: list[QTextEdit.ExtraSelection] = []
        self._matches: list[QTextEdit.ExtraSelection] = []
        self.low_probability = LOW_CONFIDENCE
        # Stretches where two voices were heard at once (the project's diarisation): underlined.
        self.overlaps: list[OverlapStretch] = []
        self.speaker_codes: dict[str, str] = {}  # label (S1) → the code shown (VJ), for the tooltip
        self.setUndoRedoEnabled(False)  # undo is the session's (one step per edit, with the project)
        self.setTabChangesFocus(True)
        self.setAcceptDrops(False)  # a drag inside the text could move words across turns
        self.setCenterOnScroll(False)
        self.document().setDocumentMargin(6)
        self._shading = _Shading(self)
        self._gutter = _Gutter(self)
        self.updateRequest.connect(self._on_update_request)
        self.document().contentsChange.connect(self._on_contents_change)
        self._update_gutter_width()

    # -- content ------------------------------------------------------------------------------

    @property
    def turns(self) -> list[TurnText]:
        return self._turns

    def set_turns(self, turns: list[TurnText], *, full: bool = False) -> None:
        """Show ``turns``; only blocks that differ from what is shown are rewritten (unless ``full``)."""
        keys = [self._key(t) for t in turns]
        self._dirty = None
        for number in self._typed_spans:  # typed, and not stored (or stored otherwise): show the turn again
            if number < len(self._keys) and self._texts[number] != self._turns[number].text:
                self._keys[number] = None
        self._typed_spans.clear()  # the turns' own spans hold again
        if full or not self._turns or not turns:
            self._replace_all(turns, keys)
        else:
            self._replace_changed(turns, keys)
        self.setReadOnly(not turns or self.locked)
        self._update_gutter_width()
        self._gutter.update()

    def _key(self, turn: TurnText) -> tuple:
        low, words = self.low_probability, turn.words
        shaded = tuple(  # which words are shaded depends on the threshold
            i
            for i, place in enumerate(turn.shown)
            if place.hidden or ((p := words[place.word].probability) is not None and p < low)
        )
        overlapped = tuple(span.word for span in _spans(turn, low, self.overlaps) if span.overlapped)
        return (turn.label, turn.speaker, turn.start, turn.text, shaded, overlapped)

    def spans_of(self, turn: int) -> list[_Span]:
        """The shown words of a turn's block with their shading, as the block's text is now."""
        typed = self._typed_spans.get(turn)
        return typed if typed is not None else _spans(self._turns[turn], self.low_probability, self.overlaps)

    def _replace_all(self, turns: list[TurnText], keys: list[tuple]) -> None:
        self._turns, self._keys = list(turns), keys
        self._texts = [t.text for t in turns]
        self._updating = True
        try:
            self.setPlainText("\n".join(self._texts))
        finally:
            self._updating = False

    def _replace_changed(self, turns: list[TurnText], keys: list[tuple]) -> None:
        old, new = self._keys, keys
        prefix = 0
        while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
            prefix += 1
        suffix = 0
        while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
            suffix += 1
        old_end, new_end = len(old) - suffix, len(new) - suffix
        self._turns = list(turns)
        self._keys = keys
        if prefix == old_end and prefix == new_end:
            return
        texts = [t.text for t in turns[prefix:new_end]]
        if texts == self._texts[prefix:old_end]:  # as typed (and stored): only the shading may differ
            doc = self.document()
            for number in range(prefix, new_end):
                self._shading.rehighlightBlock(doc.findBlockByNumber(number))
            return
        self._texts[prefix:old_end] = texts
        cursor_block, cursor_offset, anchor_block, anchor_offset = self._cursor_place()
        scroll = self.verticalScrollBar().value()
        shift = (new_end - prefix) - (old_end - prefix)
        self._updating = True
        try:
            self._rewrite_blocks(prefix, old_end, texts)
        finally:
            self._updating = False
        self._restore_cursor(
            cursor_block + (shift if cursor_block >= old_end else 0),
            cursor_offset,
            anchor_block + (shift if anchor_block >= old_end else 0),
            anchor_offset,
        )
        self.verticalScrollBar().setValue(scroll + (shift if prefix < scroll else 0))

    def _rewrite_blocks(self, first: int, end: int, texts: list[str]) -> None:
        """Replace blocks ``first``..``end - 1`` by one block per text."""
        doc = self.document()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        if end > first:
            cursor.setPosition(doc.findBlockByNumber(first).position())
            last = doc.findBlockByNumber(end - 1)
            cursor.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
            if texts:
                cursor.insertText("\n".join(texts))
            else:  # the blocks go, with the line break that separated them from their neighbours
                if end < doc.blockCount():
                    cursor.movePosition(
                        QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor
                    )
                elif first > 0:
                    start = cursor.selectionEnd()
                    cursor.setPosition(doc.findBlockByNumber(first).position() - 1)
                    cursor.setPosition(start, QTextCursor.MoveMode.KeepAnchor)
                cursor.removeSelectedText()
        elif first < doc.blockCount():
            cursor.setPosition(doc.findBlockByNumber(first).position())
            cursor.insertText("\n".join(texts) + "\n")
        else:
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertText("\n" + "\n".join(texts))
        cursor.endEditBlock()

    def _cursor_place(self) -> tuple[int, int, int, int]:
        cursor = self.textCursor()
        doc = self.document()
        anchor = doc.findBlock(cursor.anchor())
        return (
            cursor.blockNumber(),
            cursor.positionInBlock(),
            anchor.blockNumber(),
            cursor.anchor() - anchor.position(),
        )

    def _restore_cursor(self, block: int, offset: int, anchor_block: int, anchor_offset: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._position(anchor_block, anchor_offset))
        cursor.setPosition(self._position(block, offset), QTextCursor.MoveMode.KeepAnchor)
        self._updating = True
        try:
            self.setTextCursor(cursor)
        finally:
            self._updating = False

    def _position(self, block: int, offset: int) -> int:
        doc = self.document()
        found = doc.findBlockByNumber(max(0, min(block, doc.blockCount() - 1)))
        return found.position() + max(0, min(offset, found.length() - 1))

    # -- the researcher's typing ---------------------------------------------------------------

    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        if self._updating or not self._turns:
            return
        doc = self.document()
        block = doc.findBlock(position)
        number = block.blockNumber()
        if doc.blockCount() != len(self._turns) or doc.findBlock(position + added).blockNumber() != number:
            self.resync_needed.emit()
            return
        text = block.text()
        if text == self._texts[number]:
            return  # formats only (the highlighter)
        at = position - block.position()
        if self._dirty is not None and self._dirty != number:
            # Typing reached this turn while another was still being typed in (the cursor was put
            # here by the program, not moved by a key or a click): store that one first. Its
            # refresh rewrites only the blocks whose turns changed, so what was just typed here
            # stays, and is recorded below. (Recorded first, the refresh showed the stored text
            # again over it, and the typing was lost.)
            self.commit_pending()
            block = self.document().findBlockByNumber(number)
            if self.document().blockCount() != len(self._turns) or block.text() != text:
                self.resync_needed.emit()
                return
        if number not in self._typed_spans:
            self._typed_spans[number] = _spans(self._turns[number], self.low_probability)
        _shift(self._typed_spans[number], at, removed, text[at : at + added])
        self._texts[number] = text
        self._dirty = number
        self._idle.start()
        self._shading.rehighlightBlock(block)

    def _commit_when_idle(self) -> None:
        if self._dirty is None:
            return
        text = self._texts[self._dirty]
        # Not while the text ends in a space or holds a double one: the stored text would be shown
        # without it, and the next word typed would stick to the one before.
        if " ".join(text.split()) == text:
            self.commit_pending()

    def commit_pending(self) -> None:
        """Hand on the text of the turn being typed in (``text_edited``), if it changed."""
        self._idle.stop()
        number, self._dirty = self._dirty, None
        if number is None or number >= len(self._turns):
            return
        text = self._texts[number]
        if text != self._turns[number].text:
            self.text_edited.emit(number, text)
        elif self._typed_spans.pop(number, None) is not None:
            self._shading.rehighlightBlock(self.document().findBlockByNumber(number))

    def restore_turn(self, turn: int) -> None:
        """Show a turn's stored text again in its block (an edit that changed nothing but spacing)."""
        if 0 <= turn < len(self._turns) and self._texts[turn] != self._turns[turn].text:
            place = self._cursor_place()
            self._texts[turn] = self._turns[turn].text
            self._typed_spans.pop(turn, None)
            if self._dirty == turn:
                self._dirty = None
            self._updating = True
            try:
                self._rewrite_blocks(turn, turn + 1, [self._turns[turn].text])
            finally:
                self._updating = False
            self._restore_cursor(*place)

    @property
    def has_pending_edit(self) -> bool:
        return self._dirty is not None

    def _commit_if_left(self) -> None:
        if self._dirty is not None and self.textCursor().blockNumber() != self._dirty:
            self.commit_pending()

    def reserve_keys(self, sequences: Iterable[QKeySequence]) -> None:
        """Keys the editor's actions use: they are shortcuts here, not text editing (Ctrl+Z, Ctrl+Space…)."""
        self._reserved = {
            s.toString(QKeySequence.SequenceFormat.PortableText) for s in sequences if not s.isEmpty()
        }

    def _is_reserved(self, event) -> bool:
        pressed = QKeySequence(event.keyCombination()).toString(QKeySequence.SequenceFormat.PortableText)
        return pressed in self._reserved

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._is_reserved(event):
            event.ignore()  # not for the text: let the action's shortcut have it
            return True
        if event.type() == QEvent.Type.ToolTip and self._overlap_tip(event):
            return True
        return super().event(event)

    def _overlap_tip(self, event) -> bool:
        """Over a word spoken while another voice was heard: say so, and whose voices they were."""
        cursor = self.cursorForPosition(self.viewport().mapFromGlobal(event.globalPos()))
        place = self.word_at(cursor)
        span = next((s for s in self.spans_of(place[0]) if s.word == place[1]), None) if place else None
        if span is None or not span.overlapped or not span.start <= cursor.positionInBlock() <= span.end:
            return False
        QToolTip.showText(event.globalPos(), self.overlap_text(place[0], place[1]), self)
        return True

    def overlap_text(self, turn: int, word: int) -> str:
        """The tooltip of an overlapped word: two voices at once, with the speakers' codes when known."""
        spoken = self._turns[turn].words[word]
        stretch = next(
            (s for s in self.overlaps if spoken.start is not None and s.start <= spoken.start <= s.end), None
        )
        codes = [self.speaker_codes.get(label) or label for label in (stretch.speakers if stretch else ())]
        if len(codes) >= 2:
            return self.tr("Two voices at once: {0} and {1} speak over each other here").format(*codes[:2])
        return self.tr("Two voices at once: someone speaks over this")

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if not self._turns:
            return super().keyPressEvent(event)
        if self._is_reserved(event):
            event.ignore()  # an editor key whose action did not take it (disabled): never typed as text
            return
        key, cursor = event.key(), self.textCursor()
        plain = not (
            event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier & ~Qt.KeyboardModifier.ShiftModifier
        )
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            self.split_requested.emit()
            return
        if self._spans_turns(cursor) and _modifies(event):
            self.refused.emit(
                self.tr("Select text within one turn to change it. To join turns, use Merge with next turn.")
            )
            return
        number = cursor.blockNumber()
        if not cursor.hasSelection():
            if key == Qt.Key.Key_Backspace and cursor.positionInBlock() == 0:
                if number > 0:
                    self.merge_requested.emit(number - 1, number)
                return
            if key == Qt.Key.Key_Delete and cursor.atBlockEnd():
                if number + 1 < len(self._turns):
                    self.merge_requested.emit(number, number + 1)
                return
        super().keyPressEvent(event)
        self._commit_if_left()

    def _spans_turns(self, cursor: QTextCursor) -> bool:
        if not cursor.hasSelection():
            return False
        doc = self.document()
        return (
            doc.findBlock(cursor.selectionStart()).blockNumber()
            != doc.findBlock(cursor.selectionEnd()).blockNumber()
        )

    def insertFromMimeData(self, source) -> None:  # noqa: N802
        cursor = self.textCursor()
        if self._spans_turns(cursor):
            self.refused.emit(self.tr("Select text within one turn to paste over it."))
            return
        cursor.insertText(" ".join(source.text().split()))  # one turn: no line breaks
        self._commit_if_left()

    def mousePressEvent(self, event) -> None:  # noqa: N802
        super().mousePressEvent(event)
        self._commit_if_left()
        if (
            event.button() == Qt.MouseButton.LeftButton
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            place = self.word_at(self.cursorForPosition(event.position().toPoint()))
            if place is not None:
                self.word_activated.emit(*place)

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.commit_pending()

    # -- where things are ----------------------------------------------------------------------

    def turn_at_cursor(self) -> int | None:
        return self.textCursor().blockNumber() if self._turns else None

    def word_at(self, cursor: QTextCursor | None = None) -> tuple[int, int] | None:
        """(turn, word index) at a cursor (default: the text cursor): the word it is in or just before."""
        cursor = cursor or self.textCursor()
        if not self._turns:
            return None
        number, offset = cursor.blockNumber(), cursor.positionInBlock()
        spans = self.spans_of(number)
        for span in spans:
            if offset < span.end:
                return number, span.word
        return (number, spans[-1].word) if spans else None

    def offset_of_word(self, turn: int, word: int) -> tuple[int, int] | None:
        """The character span, within its block, of a turn's word as shown now (None if it is not shown)."""
        if not 0 <= turn < len(self._turns):
            return None
        for span in self.spans_of(turn):
            if span.word == word:
                return span.start, span.end
        return None

    def formats_of(self, turn: int) -> list[tuple[int, int, str]]:
        """The shading of a turn's words now: (start, end, uncertain|hidden)."""
        return [(s.start, s.end, s.kind) for s in self.spans_of(turn) if s.kind]

    def block_cursor(self, turn: int, start: int = 0, end: int | None = None) -> QTextCursor:
        """A cursor selecting ``start``..``end`` of a turn's block."""
        block = self.document().findBlockByNumber(turn)
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + start)
        if end is not None:
            cursor.setPosition(block.position() + end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def select(self, turn: int, start: int, end: int) -> None:
        """Select a stretch of a turn and bring it into view."""
        self.commit_pending()
        self.setTextCursor(self.block_cursor(turn, start, end))
        self.ensureCursorVisible()

    def place_cursor(self, turn: int, offset: int = 0) -> None:
        self.commit_pending()
        self.setTextCursor(self.block_cursor(turn, offset))
        self.ensureCursorVisible()

    # -- highlights ----------------------------------------------------------------------------

    def highlight_word(self, turn: int | None, word: int | None, *, follow: bool = False) -> bool:
        """Mark the word being played (None: none). ``follow``: scroll it into view. True if shown."""
        span = self.offset_of_word(turn, word) if turn is not None and word is not None else None
        if span is None:
            changed = bool(self._current_word)
            self._current_word = []
            if changed:
                self._apply_extra()
            return False
        selection = QTextEdit.ExtraSelection()
        selection.cursor = self.block_cursor(turn, *span)
        selection.format.setBackground(CURRENT_WORD_BACKGROUND)
        self._current_word = [selection]
        self._apply_extra()
        if follow:
            self._scroll_into_view(selection.cursor)
        return True

    def current_word_cursor(self) -> QTextCursor | None:
        return self._current_word[0].cursor if self._current_word else None

    def show_matches(self, places: list[tuple[int, int, int]], current: int | None) -> None:
        """Mark the find bar's matches (turn, start, end); ``current`` stronger."""
        selections = []
        for i, (turn, start, end) in enumerate(places[:2000]):  # more would only slow the painting down
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self.block_cursor(turn, start, end)
            selection.format.setBackground(CURRENT_MATCH_BACKGROUND if i == current else MATCH_BACKGROUND)
            selections.append(selection)
        self._matches = selections
        self._apply_extra()

    def _apply_extra(self) -> None:
        self.setExtraSelections(self._matches + self._current_word)

    def _scroll_into_view(self, cursor: QTextCursor) -> None:
        rect = self.cursorRect(cursor)
        if rect.top() < 0 or rect.bottom() > self.viewport().height():
            bar = self.verticalScrollBar()
            bar.setValue(max(0, cursor.blockNumber() - 2))

    # -- the margin -------------------------------------------------------------------------------

    def gutter_width(self) -> int:
        metrics = self.fontMetrics()
        bold = QFont(self.font())
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        codes = {t.speaker or "" for t in self._turns} | {"MSS"}
        code_width = max(bold_metrics.horizontalAdvance(c) for c in codes) + 4
        return 10 + code_width + metrics.horizontalAdvance(" 0:00:00 ") + 8

    def _update_gutter_width(self) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        # QPlainTextEdit has no paragraph spacing: a faint rule between turns shows where one ends.
        painter = QPainter(self.viewport())
        painter.setPen(TURN_RULE)
        width = self.viewport().width()
        for number, top, _bottom in self._visible_blocks():
            if number:
                painter.drawLine(0, round(top), width, round(top))
        painter.end()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        rect = self.contentsRect()
        self._gutter.setGeometry(QRect(rect.left(), rect.top(), self.gutter_width(), rect.height()))

    def _on_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def _visible_blocks(self) -> Iterable[tuple[int, float, float]]:
        """(block number, top, bottom) of the blocks on screen, in viewport coordinates."""
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        height = self.viewport().height()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > height:
                break
            if block.isVisible():
                yield block.blockNumber(), geometry.top(), geometry.bottom()
            block = block.next()

    def _block_at_y(self, y: float) -> int | None:
        for number, top, bottom in self._visible_blocks():
            if top <= y < bottom:
                return number if number < len(self._turns) else None
        return None

    def _paint_gutter(self, gutter: QWidget, rect: QRect) -> None:
        painter = QPainter(gutter)
        painter.fillRect(rect, self.palette().window())
        metrics = self.fontMetrics()
        bold = QFont(self.font())
        bold.setBold(True)
        code_x = 10
        time_x = gutter.width() - metrics.horizontalAdvance(" 0:00:00 ") - 4
        line = metrics.height()
        for number, top, bottom in self._visible_blocks():
            if number >= len(self._turns) or bottom < rect.top():
                continue
            turn = self._turns[number]
            painter.fillRect(
                QRect(2, round(top) + 2, 4, round(bottom - top) - 4), self._colours.colour(turn.label)
            )
            painter.setFont(bold)
            painter.setPen(self._colours.colour(turn.label).darker(130))
            painter.drawText(
                QRect(code_x, round(top), time_x - code_x, line),
                Qt.AlignmentFlag.AlignLeft,
                turn.speaker or "",
            )
            painter.setFont(self.font())
            painter.setPen(self.palette().placeholderText().color())
            if turn.start is not None:
                painter.drawText(
                    QRect(time_x, round(top), gutter.width() - time_x, line),
                    Qt.AlignmentFlag.AlignLeft,
                    clock_time(turn.start),
                )
        painter.end()


def _shift(spans: list[_Span], at: int, removed: int, inserted: str) -> None:
    """Move the spans after a typed change; a word the change touches loses its shading (it is corrected)."""
    added = len(inserted)
    delta = added - removed
    for span in spans:
        if removed:
            overlaps = span.start < at + removed and at < span.end
        else:
            overlaps = span.start < at < span.end
        glued_after = span.end == at and inserted[:1] and not inserted[0].isspace()
        glued_before = span.start == at + removed and inserted[-1:] and not inserted[-1].isspace()
        if overlaps or glued_after or glued_before:
            span.start = min(span.start, at)
            span.end = max(span.end + delta if span.end > at else span.end, at + added)
            span.kind = None
        elif span.start >= at + removed:
            span.start += delta
            span.end += delta


def _modifies(event) -> bool:
    """Whether a key press would change the text (as opposed to moving or selecting)."""
    if event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
        return True
    if any(event.matches(k) for k in (QKeySequence.StandardKey.Cut, QKeySequence.StandardKey.Paste)):
        return True
    text = event.text()
    return bool(text) and text.isprintable()
