"""The cite panel: the appendix's numbered lines, citations to copy, and the quote basket.

The lines are ``open_appendix(project).lines`` — the lines of the DOCX, PDF and
TXT appendix as the last appendix export laid them out (width, timestamps,
cleanup level, pseudonymised or not), so "(VJ: 79-80)" copied here points at
the same words in the thesis's appendix. A banner says when that cannot be
trusted: no appendix export is recorded yet (the lines are numbered as an
export would number them now), or the transcript changed after the export.

Select lines → **Copy citation** puts ``„quote“ (VJ: 79-80)`` on the clipboard
(the words from ``Appendix.cite``; several selected stretches become
``(VJ: 79-80; 95-97)`` with ``(...)`` between their words). **Add to quote
basket** keeps the quote in the project (``project.quotes``, one undoable
step): a ``Quote`` of the lines, their words and citation (core/citations/basket.py, as
``transcribe-app quotes`` adds them).
The basket feeds the informant's **validation package** (``render_pack``),
written atomically to a Word file. A package is one informant's: in a focus group it is the
informant whose turns the basket's quotes stand in (``pack_informant``), so the window does not
need the command's ``--informant``; quotes by several informants are refused with a sentence.
**Find** looks a quote up as ``transcribe-app find-quote`` does.

The appendix is laid out on the worker thread after each change (for a
pseudonymised appendix that includes detection); finding a quote and writing
the package run there too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.citations import Appendix, CitedQuote, LineRange, open_appendix
from ..core.citations.basket import add_quotes, basket_lines, quote_moved, quote_of, remove_quotes
from ..core.citations.pack_quotes import PackQuote
from ..core.citations.references import format_ranges
from ..core.citations.validation import DEFAULT_CONTEXT, MAX_CONTEXT, render_pack, resolve_quotes
from ..core.errors import TranskriptError
from ..core.exports.files import atomic_write_bytes
from ..core.exports.validation_copy import informant_codes, whose_copy
from ..core.layout import Line
from ..core.project.record import Project
from . import prompts
from .background import Background, Refresher, light_copy
from .core_messages import core_message
from .session import ProjectSession

ROLE = Qt.ItemDataRole.UserRole


class NotOneInformant(Exception):
    """The basket's quotes stand in several informants' turns (``found``), or in none of theirs: whose
    validation package it is cannot be told from them (``informants``: the roster's)."""

    def __init__(self, found: list[str], informants: list[str]):
        super().__init__(", ".join(found))
        self.found, self.informants = found, informants


def pack_informant(appendix: Appendix, quotes: Sequence[PackQuote]) -> str | None:
    """Whose validation package the basket makes. None where core tells it itself (one informant, or
    the informant the transcript is cited by); in a focus group, the one informant whose turns the
    quotes stand in — a package shows its informant only their own words, so the quotes say whose it
    is. ``NotOneInformant`` when they stand in several informants' turns, or in none of theirs."""
    project = appendix.project
    informants = informant_codes(project)
    if len(informants) < 2 or whose_copy(project, None, required=False) is not None:
        return None
    speakers = {
        appendix.lines[number - 1].speaker
        for quote in quotes
        for lines in quote.cited.ranges
        for number in lines.numbers
        if 0 < number <= len(appendix.lines)
    }
    found = [code for code in informants if code in speakers]
    if len(found) != 1:
        raise NotOneInformant(found, informants)
    return found[0]


@dataclass
class CiteView:
    """The appendix as the panel shows it, and the stored segment each of its turns starts with."""

    appendix: Appendix
    segments: list[int | None]  # per turn of the appendix: index in project.segments


def open_cite_view(project: Project) -> CiteView:
    """The project's appendix (as its last export laid it out), for the worker thread."""
    appendix = open_appendix(project)
    index_of = {id(segment): i for i, segment in enumerate(project.segments)}
    segments = [
        index_of.get(id(turn.segments[0])) if turn.segments else None for turn in appendix.document.turns
    ]
    return CiteView(appendix, segments)


# One quotation style wherever the window quotes the transcript (the clipboard, the basket): the Danish
# „…“ that the validation package and core's messages use too.
QUOTE_OPEN, QUOTE_CLOSE = "„", "“"


def quoted(text: str) -> str:
    return f"{QUOTE_OPEN}{text}{QUOTE_CLOSE}"


def clipboard_text(cited: CitedQuote) -> str:
    """``„quote“ (VJ: 79-80)``: what a Danish thesis writes."""
    return f"{quoted(cited.text)} {cited.citation}"


def ranges_of(numbers: list[int]) -> list[LineRange]:
    """Line numbers → the stretches they make: 79, 80, 95 → 79-80; 95."""
    ranges: list[LineRange] = []
    for number in sorted(set(numbers)):
        if ranges and number == ranges[-1].last + 1:
            ranges[-1] = LineRange(ranges[-1].first, number)
        else:
            ranges.append(LineRange(number, number))
    return ranges


class LinesModel(QAbstractTableModel):
    """The numbered lines: number, then the line as printed."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.lines: list[Line] = []
        self._headers = ("", "")

    def set_lines(self, lines: list[Line]) -> None:
        self.beginResetModel()
        self.lines = list(lines)
        self.endResetModel()

    def set_headers(self, number: str, text: str) -> None:
        self._headers = (number, text)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt's names and defaults
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 2

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(line.number) if index.column() == 0 else line.text
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            return line.text  # the whole line where a narrow panel cuts it off
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class CitePanel(QWidget):
    """Cite appendix lines, collect quotes, and write the informant's validation package."""

    show_in_editor = Signal(int, str)  # index in project.segments, the words of the line
    export_requested = Signal()  # the banner's "Export the appendix…": open the export dialog

    def __init__(self, session: ProjectSession | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("CitePanel")
        self.session: ProjectSession | None = None
        self.view: CiteView | None = None
        self._message = ""
        self._refresher = Refresher(self, self._snapshot, open_cite_view, self._show_view, self._failed)
        self._jobs = Background(self)
        self._build()
        self.retranslate()
        self.set_session(session)

    # -- building ----------------------------------------------------------------

    def _build(self) -> None:
        self.banner = QFrame()
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setStyleSheet("QFrame { background: #fff3cd; } QLabel { color: #664d03; }")
        self.banner_label = QLabel(wordWrap=True)
        self.banner_export_button = QPushButton()
        self.banner_export_button.clicked.connect(lambda: self.export_requested.emit())
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.addWidget(self.banner_label, 1)
        banner_layout.addWidget(self.banner_export_button)
        self.banner.hide()

        self.find_edit, self.find_button = QLineEdit(), QPushButton()
        self.find_edit.returnPressed.connect(lambda: self.find())
        self.find_button.clicked.connect(lambda: self.find())
        self.find_label = QLabel(wordWrap=True)
        self.find_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        find_row = QHBoxLayout()
        find_row.addWidget(self.find_edit, 1)
        find_row.addWidget(self.find_button)

        self.model = LinesModel(self)
        self.lines_view = QTableView()
        self.lines_view.setModel(self.model)
        self.lines_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.lines_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines_view.verticalHeader().setVisible(False)
        self.lines_view.setShowGrid(False)
        self.lines_view.setWordWrap(False)
        self.lines_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        rows = self.lines_view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setMinimumSectionSize(1)
        rows.setDefaultSectionSize(self.lines_view.fontMetrics().height() + 4)  # a page of lines, as printed
        header = self.lines_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.lines_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.lines_view.doubleClicked.connect(self._line_double_clicked)

        self.copy_button, self.add_button = QPushButton(), QPushButton()
        self.copy_button.clicked.connect(self.copy_citation)
        self.add_button.clicked.connect(self.add_to_basket)
        self.selection_label = QLabel()
        actions = QHBoxLayout()
        actions.addWidget(self.copy_button)
        actions.addWidget(self.add_button)
        actions.addWidget(self.selection_label, 1)

        self.basket = QListWidget()
        self.basket.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.basket.itemSelectionChanged.connect(self._update_buttons)
        self.basket.itemDoubleClicked.connect(self._basket_double_clicked)
        self.remove_button, self.pack_button = QPushButton(), QPushButton()
        self.remove_button.clicked.connect(self.remove_from_basket)
        self.pack_button.clicked.connect(lambda: self.write_validation_pack())
        self.context_spin = QSpinBox()
        self.context_spin.setRange(0, MAX_CONTEXT)
        self.context_spin.setValue(DEFAULT_CONTEXT)
        self._context_caption = QLabel()
        basket_buttons = QHBoxLayout()
        basket_buttons.addWidget(self.remove_button)
        basket_buttons.addStretch(1)
        basket_buttons.addWidget(self._context_caption)
        basket_buttons.addWidget(self.context_spin)
        basket_buttons.addWidget(self.pack_button)
        self._basket_caption = QLabel()
        basket_box = QWidget()
        basket_layout = QVBoxLayout(basket_box)
        basket_layout.setContentsMargins(0, 0, 0, 0)
        basket_layout.addWidget(self._basket_caption)
        basket_layout.addWidget(self.basket, 1)
        basket_layout.addLayout(basket_buttons)

        self.message_label = QLabel(wordWrap=True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        lines_box = QWidget()
        lines_layout = QVBoxLayout(lines_box)
        lines_layout.setContentsMargins(0, 0, 0, 0)
        lines_layout.addLayout(find_row)
        lines_layout.addWidget(self.find_label)
        lines_layout.addWidget(self.lines_view, 1)
        lines_layout.addLayout(actions)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(lines_box)
        splitter.addWidget(basket_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message_label)

    def retranslate(self) -> None:
        self.banner_export_button.setText(self.tr("Export the appendix…"))
        self.find_edit.setPlaceholderText(
            self.tr("Find a quote: paste it as the thesis has it (… and (...) allowed)")
        )
        self.find_button.setText(self.tr("Find"))
        self.model.set_headers(self.tr("Line"), self.tr("Appendix"))
        self.copy_button.setText(self.tr("Copy citation"))
        self.copy_button.setToolTip(self.tr("Puts „quote“ (VJ: 79-80) on the clipboard"))
        self.add_button.setText(self.tr("Add to quote basket"))
        self._basket_caption.setText(self.tr("Quote basket — the quotes to send to the informant:"))
        self.remove_button.setText(self.tr("Remove"))
        self._context_caption.setText(self.tr("Lines of context:"))
        self.pack_button.setText(self.tr("Validation package…"))
        self.pack_button.setToolTip(
            self.tr("A Word document for the informant: each quote, the lines around it, room for a reply")
        )
        if self.view is not None:
            self._show_view(self.view)
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._refresher.shown()

    # -- the session -------------------------------------------------------------

    def set_session(self, session: ProjectSession | None) -> None:
        if self.session is not None:
            self.session.changed.disconnect(self._on_changed)
        self.session = session
        self.view = None
        self._message = ""
        self.model.set_lines([])
        self.banner.hide()
        self.find_label.clear()
        self.message_label.clear()
        if session is not None:
            session.changed.connect(self._on_changed)
            self._refresher.changed()
        self._fill_basket()
        self.setEnabled(session is not None)
        self._update_buttons()

    @property
    def busy(self) -> bool:
        """The lines are being laid out, or a find or a package is under way."""
        return self._refresher.busy or self._jobs.busy

    def refresh(self) -> None:
        self._refresher.refresh_now()

    def _on_changed(self) -> None:
        self._refresher.changed()
        self._fill_basket()

    def _snapshot(self) -> Project | None:
        return light_copy(self.session.project) if self.session is not None else None

    def _failed(self, error: BaseException) -> None:
        self.view = None
        self.model.set_lines([])
        self.banner.hide()
        self._say(_describe(error), warning=True)
        self._update_buttons()

    def _say(self, text: str, *, warning: bool = False) -> None:
        self.message_label.setText(text)
        self.message_label.setStyleSheet("color: #a00000;" if warning else "")

    # -- showing -----------------------------------------------------------------

    def _show_view(self, view: CiteView) -> None:
        selected = self.selected_ranges()
        scroll = self.lines_view.verticalScrollBar().value()
        self.view = view
        if self.message_label.styleSheet():
            self._say("")
        self.model.set_lines(view.appendix.lines)
        self._select(selected, scroll_to=False)
        self.lines_view.verticalScrollBar().setValue(scroll)
        self._show_banner(view.appendix)
        self._fill_basket()
        self._update_buttons()

    def _show_banner(self, appendix: Appendix) -> None:
        if not appendix.code:
            text = self.tr(
                "This transcript has no citation code, so its lines cannot be cited. Give it one "
                "(for example VJ) in the project's details."
            )
        elif not appendix.recorded:
            text = self.tr(
                "No appendix has been exported yet: these lines are numbered as an export would number them "
                "now ({lines} lines, {width} characters per line). Export the appendix before you cite, so "
                "the thesis, the appendix and these numbers agree."
            ).format(lines=len(appendix.lines), width=appendix.document.settings.width)
        elif appendix.changed_since_export:
            text = self.tr(
                "The transcript or its names changed after the appendix was exported: these line numbers "
                "may differ from the appendix in your thesis. Export the appendix again."
            )
        else:
            self.banner.hide()
            return
        self.banner_label.setText(text)
        self.banner_export_button.setVisible(bool(appendix.code))
        self.banner.show()

    def _fill_basket(self) -> None:
        selected = {item.data(ROLE) for item in self.basket.selectedItems()}
        self.basket.clear()
        if self.session is None:
            return
        lines = self.view.appendix.lines if self.view else None
        for index, quote in enumerate(self.session.project.quotes):
            citation = quote.shown_citation
            text = " ".join((quote.text or "").split())
            shown = text if len(text) <= 90 else text[:89].rstrip() + "…"
            item = QListWidgetItem(f"{citation}  {quoted(shown)}")
            item.setData(ROLE, index)
            tip = [text]
            if lines is not None and quote_moved(quote, lines):
                item.setForeground(Qt.GlobalColor.darkRed)
                tip.append(
                    self.tr("The words on these lines changed since you added the quote: check the lines.")
                )
            item.setToolTip("\n\n".join(tip))
            self.basket.addItem(item)
            item.setSelected(index in selected)
        self._update_buttons()

    def _update_buttons(self) -> None:
        citable = self.view is not None and bool(self.view.appendix.code)
        ranges = self.selected_ranges()
        self.copy_button.setEnabled(citable and bool(ranges))
        self.add_button.setEnabled(citable and bool(ranges))
        self.find_button.setEnabled(citable)
        self.remove_button.setEnabled(bool(self.basket.selectedItems()))
        self.pack_button.setEnabled(citable and self.basket.count() > 0)
        if ranges and self.view is not None and self.view.appendix.code:
            self.selection_label.setText(f"({self.view.appendix.code}: {format_ranges(ranges)})")
        else:
            self.selection_label.clear()

    # -- selecting lines -------------------------------------------------------------

    def selected_ranges(self) -> list[LineRange]:
        """The selected lines as stretches (79-80; 95-97)."""
        rows = {index.row() for index in self.lines_view.selectionModel().selectedRows()}
        lines = self.model.lines
        return ranges_of([lines[row].number for row in rows if row < len(lines)])

    def select_lines(self, first: int, last: int | None = None) -> None:
        """Select lines ``first``–``last`` (appendix numbers) and scroll to them."""
        self._select([LineRange(first, first if last is None else last)])

    def _select(self, ranges: list[LineRange], *, scroll_to: bool = True) -> None:
        model, selection = self.model, QItemSelection()
        for line_range in ranges:
            first, last = line_range.first - 1, min(line_range.last, model.rowCount()) - 1
            if 0 <= first <= last:
                selection.select(model.index(first, 0), model.index(last, 1))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.lines_view.selectionModel().select(selection, flags)
        if ranges and scroll_to and ranges[0].first - 1 < model.rowCount():
            index = model.index(ranges[0].first - 1, 0)
            self.lines_view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.NoUpdate
            )
            self.lines_view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self._update_buttons()

    def _line_double_clicked(self, index: QModelIndex) -> None:
        if self.view is None or not index.isValid():
            return
        line = self.model.lines[index.row()]
        segments = self.view.segments
        segment = segments[line.turn] if line.turn < len(segments) else None
        if segment is not None:
            self.show_in_editor.emit(segment, line.body)

    # -- citing and collecting ---------------------------------------------------------

    def cited(self) -> CitedQuote | None:
        """The citation of the selected lines (None, with the reason shown, when there is none)."""
        ranges = self.selected_ranges()
        if self.view is None or not ranges:
            return None
        try:
            return self.view.appendix.cite(ranges)
        except TranskriptError as error:
            self._say(core_message(str(error)), warning=True)
            return None

    def copy_citation(self) -> str | None:
        """Put ``"quote" (VJ: 79-80)`` for the selected lines on the clipboard; returns it."""
        cited = self.cited()
        if cited is None:
            return None
        text = clipboard_text(cited)
        QGuiApplication.clipboard().setText(text)
        self._say(self.tr("Copied {citation} to the clipboard.").format(citation=cited.citation))
        return text

    def add_to_basket(self) -> None:
        """Keep the selected lines' quote in the project's quote basket (one undoable step)."""
        cited = self.cited()
        if cited is None or self.session is None:
            return
        quote = quote_of(cited)
        self.session.edit(
            self.tr("Add {citation} to the quote basket").format(citation=cited.citation),
            lambda project: add_quotes(project, [quote]),
        )
        self._say(self.tr("{citation} is in the quote basket.").format(citation=cited.citation))

    def remove_from_basket(self) -> None:
        if self.session is None:
            return
        indices = sorted({item.data(ROLE) for item in self.basket.selectedItems()}, reverse=True)
        if not indices:
            return
        quotes = self.session.project.quotes
        citations = [quotes[i].citation or "" for i in sorted(indices) if i < len(quotes)]
        numbers = [index + 1 for index in indices if index < len(quotes)]
        self.session.edit(
            self.tr("Remove {citation} from the quote basket").format(citation=", ".join(citations)),
            lambda project: remove_quotes(project, numbers),
        )

    def _basket_double_clicked(self, item: QListWidgetItem) -> None:
        quote = self.session.project.quotes[item.data(ROLE)] if self.session else None
        if quote is None:
            return
        try:
            self._select(list(quote.ranges))
        except TranskriptError as error:
            self._say(core_message(str(error)), warning=True)

    # -- finding -------------------------------------------------------------------

    def find(self, quote: str | None = None) -> None:
        """Look ``quote`` (default: the find box) up in the appendix; select it, or say why not."""
        quote = (quote if quote is not None else self.find_edit.text()).strip()
        if not quote or self.view is None:
            return
        appendix = self.view.appendix
        self.find_label.setText(self.tr("Looking…"))
        self._jobs.run(lambda: appendix.find(quote), self._found, self._find_failed)

    def _found(self, search) -> None:
        if not search.places:
            text = self.tr("Not found in the appendix.")
            nearest = search.nearest
            if nearest is not None and self.view is not None:
                where = f"({self.view.appendix.code}: {format_ranges(nearest.ranges)})"
                text += " " + self.tr("Nearest: {where}, {how}.").format(where=where, how=nearest.describe())
            self.find_label.setText(text)
            return
        place = search.places[0]
        self._select(list(place.ranges))
        if search.found:
            self.find_label.setText(self.tr("Found: {citation}").format(citation=place.citation))
        else:
            places = ", ".join(p.citation for p in search.places)
            self.find_label.setText(
                self.tr(
                    "The quote stands in {n} places: {places}. The first is selected; quote more of it to "
                    "tell them apart."
                ).format(n=len(search.places), places=places)
            )

    def _find_failed(self, error: BaseException) -> None:
        self.find_label.setText(_describe(error))

    # -- the validation package ---------------------------------------------------------

    def write_validation_pack(self, path: str | None = None) -> None:
        """Write the basket's quotes with their context as a Word document (``path`` None: ask where)."""
        if self.session is None or not self.session.project.quotes:
            return
        if path is None:
            code = self.view.appendix.code if self.view else ""
            folder = self.session.path.parent if self.session.path else Path.home()
            path = prompts.save_file(
                self,
                self.tr("Validation package"),
                self.tr("Word documents (*.docx)"),
                str(folder / f"{code or 'citater'}_citater.docx"),
            )
            if not path:
                return
        target = Path(path)
        if target.suffix.lower() != ".docx":
            target = target.with_name(target.name + ".docx")
        quotes = basket_lines(self.session.project)
        project, context = light_copy(self.session.project), self.context_spin.value()

        def write() -> Path:
            appendix = open_appendix(project)
            resolved = resolve_quotes(appendix, quotes)
            informant = pack_informant(appendix, resolved)
            data = render_pack(appendix, resolved, context, output=target, informant=informant)
            atomic_write_bytes(target, data)
            return target

        self._say(self.tr("Writing the validation package…"))
        self._jobs.run(write, self._pack_written, self._pack_failed)

    def _pack_failed(self, error: BaseException) -> None:
        if not isinstance(error, NotOneInformant):
            self._say(_describe(error), warning=True)
        elif error.found:
            self._say(
                self.tr(
                    "No validation package was made: the basket holds quotes by {codes}, and a package is "
                    "one informant's, so that each sees only their own words. Keep one informant's quotes "
                    "in the basket, write their package, then the next one's."
                ).format(codes=", ".join(error.found)),
                warning=True,
            )
        else:
            self._say(
                self.tr(
                    "No validation package was made: none of the basket's quotes stands in the turn of one "
                    "of the informants ({codes}), so whose package it is cannot be told. Label the "
                    "speakers with their codes in the roster, or quote the informant's own words."
                ).format(codes=", ".join(error.informants)),
                warning=True,
            )

    def _pack_written(self, target: Path) -> None:
        self._say(
            self.tr(
                "Wrote {name}: %n quote(s) with {context} lines of context.", "", self.basket.count()
            ).format(name=str(target), context=self.context_spin.value())
        )


def _describe(error: BaseException) -> str:
    if isinstance(error, TranskriptError):
        return core_message(str(error))
    return f"{type(error).__name__}: {error}"
