"""The names panel's "Indirect identifiers" tab: positions, workplaces, ages, years, small places.

What ``transcribe-app pseudonymise`` lists after the names, as a list to click through: the
identifiers found in the name-pseudonymised text, by kind (positions, workplaces, organisations,
ages, years and dates, small places, relations), each with how often it stands, what the appendix
puts there now, and its occurrences (turn, speaker, the words around it). Actions, per item or —
with a kind selected — per kind:

- **Generalise…** puts a category label there, everywhere (``--generalise ITEM=LABEL``,
  ``--generalise-category KIND=LABEL``); the label proposed is filled in to edit;
- **Keep** (``--keep``, ``--keep-category``) and **Remove** (``--remove``: "[…]");
- **Add** an identifier the lists missed (``--add-indirect KIND=WORDS``).

Each is one undoable step (``session.edit``) that stores the decisions core's
``make_indirect_decision`` makes through ``add_indirect_decision`` — what the command stores,
with the audit entry — so the command and every export see them. The list itself comes with the
names review (``review_names``, on the worker thread): the panel hands it over with ``show_review``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import TranskriptError
from ..core.project.record import Project
from ..core.pseudonymise.indirect import DEFAULT_LABELS, KINDS, REMOVED, make_indirect_decision
from ..core.pseudonymise.state import IndirectDecision
from .core_messages import core_message
from .indirect_review import IndirectEntry, IndirectReview
from .session import ProjectSession

ROLE = Qt.ItemDataRole.UserRole  # ("kind", kind) / ("item", key) / ("occurrence", key, n)
COLUMNS = 4  # words, times, becomes, where


def ask_label(parent: QWidget, title: str, label: str, text: str) -> str | None:
    """The label a generalisation puts there (None when the researcher cancels); tests replace this."""
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value.strip() if ok and value.strip() else None


class IndirectPage(QWidget):
    """The list of indirect identifiers and the decisions about them (one undoable step each)."""

    show_in_editor = Signal(int, str)  # index in project.segments, the words
    message = Signal(str)  # a decision could not be made: the sentence to show

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("IndirectPage")
        self.session: ProjectSession | None = None
        self.review: IndirectReview | None = None
        self._build()
        self.retranslate()

    # -- building ----------------------------------------------------------------

    def _build(self) -> None:
        self.caption = QLabel(wordWrap=True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(COLUMNS)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.tree.itemDoubleClicked.connect(self._double_clicked)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._open_menu)
        self.generalise_button, self.keep_button = QPushButton(), QPushButton()
        self.remove_button = QPushButton()
        self.generalise_button.clicked.connect(self.generalise_selected)
        self.keep_button.clicked.connect(lambda: self.decide_selected("keep"))
        self.remove_button.clicked.connect(lambda: self.decide_selected("remove"))
        buttons = QHBoxLayout()
        for button in (self.generalise_button, self.keep_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.add_edit, self.add_kind, self.add_button = QLineEdit(), QComboBox(), QPushButton()
        for kind in KINDS:
            self.add_kind.addItem("", kind)
        # As narrow as a short kind: the typed words keep the room (the list opens as wide as it needs).
        self.add_kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.add_kind.setMinimumContentsLength(12)
        self.add_edit.returnPressed.connect(self.add_typed)
        self.add_button.clicked.connect(self.add_typed)
        adding = QHBoxLayout()
        adding.addWidget(self.add_edit, 1)
        adding.addWidget(self.add_kind)
        adding.addWidget(self.add_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        layout.addLayout(adding)

    def kind_name(self, kind: str) -> str:
        names = {
            "position": self.tr("Positions and titles"),
            "workplace": self.tr("Workplaces and units"),
            "organisation": self.tr("Organisations"),
            "age": self.tr("Ages and birth years"),
            "date": self.tr("Years and dates"),
            "place": self.tr("Small places"),
            "relation": self.tr("Relations with a name"),
        }
        return names.get(kind, kind)

    def retranslate(self) -> None:
        self.caption.setText(
            self.tr(
                "Words that point to a person without a name. The appendix keeps what you have not "
                "decided about; the archive copy generalises everything. Select an item, or a kind for "
                "all its items:"
            )
        )
        self.tree.setHeaderLabels([self.tr("Words"), self.tr("Times"), self.tr("Becomes"), self.tr("Where")])
        self.generalise_button.setText(self.tr("Generalise…"))
        self.generalise_button.setToolTip(
            self.tr("Put a category label in its place everywhere, e.g. [leder i kommunal forvaltning]")
        )
        self.keep_button.setText(self.tr("Keep"))
        self.keep_button.setToolTip(
            self.tr("Keep the words as they are (the archive copy still generalises)")
        )
        self.remove_button.setText(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Leave the words out: […]"))
        self.add_edit.setPlaceholderText(self.tr("An identifier the lists missed, as it is written"))
        for index in range(self.add_kind.count()):
            self.add_kind.setItemText(index, self.kind_name(self.add_kind.itemData(index)))
        self.add_button.setText(self.tr("Add"))
        if self.review is not None:
            self.show_review(self.review)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- showing -----------------------------------------------------------------

    def set_session(self, session: ProjectSession | None) -> None:
        self.session = session
        self.clear()

    def clear(self) -> None:
        self.review = None
        self.tree.clear()
        self._update_buttons()

    def title(self) -> str:
        count = len(self.review.entries()) if self.review is not None else 0
        return self.tr("Indirect identifiers ({n})").format(n=count)

    def show_review(self, review: IndirectReview) -> None:
        """Show ``review``, keeping what was open and selected (or the next item, where one was decided)."""
        expanded = {
            self.tree.topLevelItem(i).data(0, ROLE)
            for i in range(self.tree.topLevelItemCount())
            if self.tree.topLevelItem(i).isExpanded()
        }
        expanded |= {item.data(0, ROLE) for item in self._all_items() if item.isExpanded()}
        selected = {item.data(0, ROLE) for item in self.tree.selectedItems()}
        first_time = self.review is None
        self.review = review
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        for kind, entries in review.kinds.items():
            top = self._kind_item(kind, entries, review)
            self.tree.addTopLevelItem(top)
            top.setExpanded(first_time or top.data(0, ROLE) in expanded)
            for entry in entries:
                child = self._entry_item(entry)
                top.addChild(child)
                child.setExpanded(child.data(0, ROLE) in expanded)
        for item in self._all_items():
            if item.data(0, ROLE) in selected:
                item.setSelected(True)
        self.tree.setUpdatesEnabled(True)
        self._update_buttons()

    def _all_items(self) -> list[QTreeWidgetItem]:
        found = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            found.append(top)
            for j in range(top.childCount()):
                found.append(top.child(j))
                found += [top.child(j).child(k) for k in range(top.child(j).childCount())]
        return found

    def _kind_item(self, kind: str, entries: list[IndirectEntry], review: IndirectReview) -> QTreeWidgetItem:
        decision = review.kind_decisions.get(kind)
        becomes = (
            self._decision_words(decision, DEFAULT_LABELS[kind]) if decision else self.tr("item by item")
        )
        item = QTreeWidgetItem([self.kind_name(kind), str(review.occurrence_count(kind)), becomes, ""])
        item.setData(0, ROLE, ("kind", kind))
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setToolTip(
            0,
            self.tr(
                "{n} different words. Selected, Generalise, Keep and Remove decide for all of them "
                "that have no decision of their own."
            ).format(n=len(entries)),  # fmt: skip
        )
        return item

    def _entry_item(self, entry: IndirectEntry) -> QTreeWidgetItem:
        first = entry.occurrences[0]
        item = QTreeWidgetItem([entry.text, str(len(entry.occurrences)), self._becomes(entry), first.context])
        item.setData(0, ROLE, ("item", entry.key))
        if entry.decided is None:  # nobody decided: grey and slanted, what the profile does meanwhile
            font = item.font(2)
            font.setItalic(True)
            item.setFont(2, font)
            item.setForeground(2, QBrush(QColor("#707070")))
        tip = self._entry_tooltip(entry)
        for column in range(COLUMNS):
            item.setToolTip(column, tip)
        for n, occurrence in enumerate(entry.occurrences):
            turn = (
                self.tr("turn {n}, {speaker}").format(n=occurrence.part + 1, speaker=occurrence.speaker)
                if occurrence.speaker
                else self.tr("turn {n}").format(n=occurrence.part + 1)
            )
            child = QTreeWidgetItem([entry.text, turn, "", occurrence.context])
            child.setData(0, ROLE, ("occurrence", entry.key, n))
            child.setToolTip(3, occurrence.context)
            item.addChild(child)
        return item

    def _becomes(self, entry: IndirectEntry) -> str:
        outcome = entry.appendix
        if outcome.action == "keep":
            return self.tr("kept")
        if outcome.action == "remove":
            return self.tr("removed {mark}").format(mark=REMOVED)
        return outcome.replacement

    def _decision_words(self, decision: IndirectDecision, default: str) -> str:
        if decision.action == "keep":
            return self.tr("kept")
        if decision.action == "remove":
            return self.tr("removed {mark}").format(mark=REMOVED)
        return decision.label or default

    def _entry_tooltip(self, entry: IndirectEntry) -> str:
        sources = {
            "titles": self.tr("the list of Danish titles"),
            "workplaces": self.tr("the list of workplaces and organisations"),
            "municipalities": self.tr("the list of municipalities"),
            "roster": self.tr("the roster (a position or area)"),
            "added": self.tr("your additions"),
            "pattern": self.tr("a pattern (ages, years, streets, schools, relations)"),
        }
        lines = [self.tr("Found by {source}.").format(source=sources.get(entry.source, entry.source))]
        lines.append(self.tr("Proposed label: {label}").format(label=entry.label))
        if entry.decided == "item":
            lines.append(self.tr("You decided about these words."))
        elif entry.decided == "kind":
            lines.append(self.tr("Your decision about the whole kind holds for it."))
        else:
            lines.append(self.tr("Not decided yet: the appendix keeps it."))
        lines.append(self.tr("The archive copy puts: {text}").format(text=entry.archive.replacement))
        return "\n".join(lines)

    def _update_buttons(self) -> None:
        chosen = bool(self.tree.selectedItems()) and self.session is not None
        for button in (self.generalise_button, self.keep_button, self.remove_button):
            button.setEnabled(chosen)
        self.add_button.setEnabled(self.session is not None)

    # -- deciding ----------------------------------------------------------------

    def _chosen(self) -> tuple[list[str], list[IndirectEntry]]:
        """The kinds and the items (by their words) selected; an occurrence stands for its item, and an
        item inside a chosen kind is decided by the kind's decision."""
        kinds, keys = [], []
        for item in self.tree.selectedItems():
            role = item.data(0, ROLE)
            if role[0] == "kind":
                kinds.append(role[1])
            else:
                keys.append(role[1])
        entries = [self.review.entry(key) for key in dict.fromkeys(keys)]
        return kinds, [e for e in entries if e is not None and e.kind not in kinds]

    def decide_selected(self, action: str) -> None:
        """Keep or remove what is selected: the items (their words, everywhere) and the kinds."""
        if self.review is None:
            return
        kinds, entries = self._chosen()
        decisions = [make_indirect_decision(action, entry.text) for entry in entries]
        decisions += [make_indirect_decision(action, kind=kind) for kind in kinds]
        words = [entry.text for entry in entries] + [self.kind_name(kind) for kind in kinds]
        label = (self.tr("Keep {words}") if action == "keep" else self.tr("Remove {words}")).format(
            words=", ".join(words)
        )
        self._store(label, decisions)

    def generalise_selected(self) -> None:
        """Generalise what is selected, with a label the researcher may edit (the proposed one first)."""
        if self.review is None:
            return
        kinds, entries = self._chosen()
        if not kinds and not entries:
            return
        if kinds:
            decision = self.review.kind_decisions.get(kinds[0])
            current = decision.label if decision is not None and decision.label else DEFAULT_LABELS[kinds[0]]
            what = ", ".join(self.kind_name(kind) for kind in kinds)
        else:
            first = entries[0]
            current = first.appendix.replacement if first.appendix.action == "generalise" else first.label
            what = ", ".join(f"“{entry.text}”" for entry in entries)
        label = ask_label(
            self,
            self.tr("Generalise"),
            self.tr("What should stand instead of {what}?").format(what=what),
            current,
        )
        if label is None:
            return
        decisions = [make_indirect_decision("generalise", entry.text, label=label) for entry in entries]
        decisions += [make_indirect_decision("generalise", kind=kind, label=label) for kind in kinds]
        self._store(self.tr("Generalise {what} as {label}").format(what=what, label=label), decisions)

    def add_typed(self) -> None:
        """Add the identifier typed in "An identifier the lists missed", as the kind chosen beside it."""
        text = " ".join(self.add_edit.text().split())
        if not text or self.session is None:
            return
        kind = self.add_kind.currentData()
        decision = make_indirect_decision("add", text, kind=kind)
        self._store(self.tr("Add {words} ({kind})").format(words=text, kind=self.kind_name(kind)), [decision])
        self.add_edit.clear()

    def _store(self, label: str, decisions: list[IndirectDecision]) -> None:
        """The decisions as one undoable step, stored as the command stores them (with the audit entry)."""
        session = self.session
        if session is None or not decisions:
            return

        def change(project: Project) -> None:
            for decision in decisions:
                project.pseudonymisation.add_indirect_decision(decision)

        try:
            session.edit(label, change)
        except TranskriptError as error:  # e.g. a project opened read-only
            self.message.emit(core_message(str(error)))

    def context_menu(self, item: QTreeWidgetItem) -> QMenu:
        """The buttons' actions on the rows selected (the row clicked, if it was not), and for an
        occurrence "Show in the editor"."""
        menu = QMenu(self)
        if item is None or self.review is None:
            return menu
        if not item.isSelected():
            self.tree.clearSelection()
            item.setSelected(True)
        for text, slot in (
            (self.generalise_button.text(), self.generalise_selected),
            (self.keep_button.text(), lambda: self.decide_selected("keep")),
            (self.remove_button.text(), lambda: self.decide_selected("remove")),
        ):
            menu.addAction(text).triggered.connect(lambda _checked=False, s=slot: s())
        if item.data(0, ROLE)[0] == "occurrence":
            menu.addSeparator()
            show = menu.addAction(self.tr("Show in the editor"))
            show.triggered.connect(lambda _checked=False: self._double_clicked(item, 0))
            show.setEnabled(self._segment(item) is not None)
        return menu

    def _open_menu(self, point) -> None:
        item = self.tree.itemAt(point)
        if item is not None:
            self.context_menu(item).exec(self.tree.viewport().mapToGlobal(point))

    def _segment(self, item: QTreeWidgetItem) -> int | None:
        role = item.data(0, ROLE)
        entry = self.review.entry(role[1]) if self.review is not None and role[0] == "occurrence" else None
        return entry.occurrences[role[2]].segment if entry is not None else None

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        segment = self._segment(item)
        if segment is not None:
            self.show_in_editor.emit(segment, self.review.entry(item.data(0, ROLE)[1]).text)
