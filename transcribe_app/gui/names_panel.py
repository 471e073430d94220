"""The names panel: the researcher reviews every name before a pseudonymised export.

What ``transcribe-app pseudonymise`` prints and takes, as lists to click through:

- **To review** — uncertain or ambiguous detections (a name that is also a
  word starting a sentence, a surname two people share), and a lone first
  name or surname that fits a roster person, listed by the name ("Mette — is
  it Mette Skov Sørensen?") with each occurrence's speaker and words: accept
  or reject each occurrence, or the name at once, or say it is someone else;
  what the leak check would still stop an export on, with a fix of one click;
- **Replaced** — what an export replaces now (the roster, confident finds,
  accepted ones), each with its replacement (VJ, [Person 3]);
- **Not replaced** — rejected names, and places and organisations while
  those are not switched on;
- **Leftovers** — capitalised words nobody claimed: add one as a person,
  place or organisation, or dismiss it.

Names are grouped by person with a count and open up to their occurrences,
each with the words around it; the rule and score that found it are the
tooltip. "Same person as…" merges two people, "This one is…" assigns one
occurrence to someone else or to a person of its own. Every decision is one
undoable step: ``review_project(project, decisions=[…])`` inside
``session.edit`` — the decisions the CLI stores, with the audit entry.

Detection runs on the worker thread (``background``), never on the GUI
thread: the first run builds the analyzer (0.2–0.4 s even for the short test
interview), and re-applying the decisions to a cached analysis still takes
about 60 ms for an hour of talk (the cleanup view, linking, replacing). So a
decision runs ``review_project`` there too, on a light copy of the project,
and the undoable step (``session.edit``) puts the pseudonymisation state it
made — decisions, audit entries, settings, summary — into the project. Should
the state have changed in between, the step runs ``review_project`` itself.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from PySide6.QtCore import QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import TranskriptError
from ..core.project.record import Project
from ..core.pseudonymise import (
    Decision,
    DetectionSettings,
    PseudonymisationState,
    installed_ner_models,
    make_decision,
)
from ..core.pseudonymise.stage import review_project
from . import prompts
from .background import Background, Refresher, light_copy
from .centred_text import CentredContextDelegate
from .core_messages import core_message
from .indirect_page import IndirectPage
from .key_location import key_path, remember_key_path
from .names_review import (
    KEPT,
    REPLACED,
    REVIEW,
    Group,
    NamesReview,
    NothingToReview,
    leak_fix,
    linked_name,
    name_decisions,
    occurrence_decision,
    review_names,
    someone_else,
)
from .session import ProjectSession

ROLE = Qt.ItemDataRole.UserRole
IDENTITY = Qt.ItemDataRole.UserRole + 1  # what an item is across refreshes: a name, or words@turn:n
ENTITY_WORDS = {"PERSON": "person", "LOCATION": "place", "ORGANIZATION": "organisation"}
REPLACED_COLOUR = QColor("#d8f0d0")  # the preview's replaced names: a light green
PENDING_COLOUR = QColor("#ffd9a8")  # names still waiting for review: a light orange
COLUMNS = 4  # name, times, becomes, context


def ask_text(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    """A line of text from the researcher (None when they cancel); tests replace this."""
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value.strip() if ok and value.strip() else None


class NamesPanel(QWidget):
    """Review the names found in the open project; every decision is one undoable step."""

    show_in_editor = Signal(int, str)  # index in project.segments, the words: "show me where it stands"
    review_shown = Signal(int)  # a review is shown: how many mentions wait for the researcher

    def __init__(
        self,
        session: ProjectSession | None,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("NamesPanel")
        if settings is None:
            from .settings import app_settings

            settings = app_settings()
        self._settings = settings
        self.session: ProjectSession | None = None
        self.review: NamesReview | None = None
        self._message = ""
        self._refresher = Refresher(self, self._snapshot, review_names, self._show_review, self._failed)
        self._decider = Background(self)
        self._build()
        self.retranslate()
        self.set_session(session)

    # -- building ----------------------------------------------------------------

    def _build(self) -> None:
        self.status_label = QLabel(wordWrap=True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.places_box, self.organisations_box = QCheckBox(), QCheckBox()
        self.ner_label, self.ner_combo = QLabel(), QComboBox()
        self._ner_models = installed_ner_models()
        self.ner_combo.addItem("", None)
        for model in self._ner_models:
            self.ner_combo.addItem(model, model)
        self.ner_label.setVisible(bool(self._ner_models))
        self.ner_combo.setVisible(bool(self._ner_models))
        for box in (self.places_box, self.organisations_box):
            box.toggled.connect(self._scope_changed)
        self.ner_combo.currentIndexChanged.connect(self._scope_changed)
        scope = QHBoxLayout()
        self._scope_caption = QLabel()
        for widget in (self._scope_caption, self.places_box, self.organisations_box, self.ner_label):
            scope.addWidget(widget)
        scope.addWidget(self.ner_combo)
        scope.addStretch(1)

        self.add_edit, self.add_kind, self.add_button = QLineEdit(), QComboBox(), QPushButton()
        for entity in ("person", "place", "organisation"):
            self.add_kind.addItem("", entity)
        # Who a missed name is: nobody yet (a [Person N] of its own), or a person on the roster.
        self.add_link = QComboBox()
        self.add_link.addItem("", None)
        # As narrow as a short name: the typed name keeps the room (the list opens as wide as it needs).
        self.add_link.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.add_link.setMinimumContentsLength(10)
        self.add_kind.currentIndexChanged.connect(self._update_add_link)
        self.add_edit.returnPressed.connect(self.add_typed_name)
        self.add_button.clicked.connect(self.add_typed_name)
        adding = QHBoxLayout()
        adding.addWidget(self.add_edit, 1)
        adding.addWidget(self.add_kind)
        adding.addWidget(self.add_link)
        adding.addWidget(self.add_button)

        self.review_list, self.replaced_list, self.kept_list = (self._tree() for _ in range(3))
        self.accept_button, self.reject_button = QPushButton(), QPushButton()
        self.accept_all_button, self.someone_else_button = QPushButton(), QPushButton()
        self.keep_button, self.replace_button = QPushButton(), QPushButton()
        self.accept_button.clicked.connect(lambda: self.decide_selected("accept"))
        self.reject_button.clicked.connect(lambda: self.decide_selected("reject"))
        self.accept_all_button.clicked.connect(self.accept_all_review)
        self.someone_else_button.clicked.connect(self.someone_else_selected)
        self.keep_button.clicked.connect(lambda: self.decide_selected("reject"))
        self.replace_button.clicked.connect(lambda: self.decide_selected("accept"))

        self.leftover_list = QTreeWidget()
        self.leftover_list.setColumnCount(3)
        self.leftover_list.setRootIsDecorated(False)
        self.leftover_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.leftover_list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.leftover_list.header().setStretchLastSection(True)
        self.add_person_button, self.add_place_button = QPushButton(), QPushButton()
        self.add_organisation_button, self.dismiss_button = QPushButton(), QPushButton()
        self.add_person_button.clicked.connect(lambda: self.add_leftovers("person"))
        self.add_place_button.clicked.connect(lambda: self.add_leftovers("place"))
        self.add_organisation_button.clicked.connect(lambda: self.add_leftovers("organisation"))
        self.dismiss_button.clicked.connect(self.dismiss_leftovers)

        self.tabs = QTabWidget()
        self.tabs.addTab(
            self._page(
                self.review_list,
                self.accept_button,
                self.reject_button,
                self.someone_else_button,
                self.accept_all_button,
            ),
            "",
        )
        self.tabs.addTab(self._page(self.replaced_list, self.keep_button), "")
        self.tabs.addTab(self._page(self.kept_list, self.replace_button), "")
        self.tabs.addTab(
            self._page(
                self.leftover_list,
                self.add_person_button,
                self.add_place_button,
                self.add_organisation_button,
                self.dismiss_button,
            ),
            "",
        )
        # Positions, workplaces, ages, years, small places: decided here too (indirect_page.py).
        self.indirect_page = IndirectPage()
        self.indirect_page.show_in_editor.connect(self.show_in_editor)
        self.indirect_page.message.connect(self._show_message)
        self.tabs.addTab(self.indirect_page, "")
        self._lists = {REVIEW: self.review_list, REPLACED: self.replaced_list, KEPT: self.kept_list}
        for tree in (*self._lists.values(), self.leftover_list):
            tree.itemSelectionChanged.connect(self._update_buttons)

        self.preview = QPlainTextEdit(readOnly=True)
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._preview_caption = QLabel(wordWrap=True)
        preview_box = QWidget()
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(self._preview_caption)
        preview_layout.addWidget(self.preview)

        self.key_edit, self.key_browse_button = QLineEdit(), QPushButton()
        self._key_caption = QLabel(wordWrap=True)
        self.key_edit.editingFinished.connect(self._key_edited)
        self.key_browse_button.clicked.connect(self.browse_key)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_edit, 1)
        key_row.addWidget(self.key_browse_button)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tabs)
        splitter.addWidget(preview_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addLayout(scope)
        layout.addLayout(adding)
        layout.addWidget(splitter, 1)
        layout.addWidget(self._key_caption)
        layout.addLayout(key_row)

    def _tree(self) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setColumnCount(COLUMNS)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(lambda point, t=tree: self._open_menu(t, point))
        tree.itemDoubleClicked.connect(self._double_clicked)
        tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        tree.header().setStretchLastSection(True)
        # "Where": cut around the name, not after it, when the panel is narrow (the tooltip has it all)
        tree.setItemDelegateForColumn(COLUMNS - 1, CentredContextDelegate(tree))
        return tree

    @staticmethod
    def _page(tree: QTreeWidget, *buttons: QPushButton) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(tree, 1)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        return page

    def retranslate(self) -> None:
        self._scope_caption.setText(self.tr("Also replace:"))
        self.places_box.setText(self.tr("places and municipalities"))
        self.organisations_box.setText(self.tr("organisations"))
        self.ner_label.setText(self.tr("Extra name finder:"))
        self.ner_combo.setItemText(0, self.tr("none (name lists only)"))
        self.ner_combo.setToolTip(self.tr("A Danish language model installed on this computer"))
        self.add_edit.setPlaceholderText(self.tr("A name the lists missed, as it is written"))
        for index, word in enumerate((self.tr("person"), self.tr("place"), self.tr("organisation"))):
            self.add_kind.setItemText(index, word)
        self.add_link.setItemText(0, self.tr("not on the roster"))
        self.add_link.setToolTip(
            self.tr("Who the name is: a person on the roster gets their code everywhere")
        )
        self.add_button.setText(self.tr("Add"))
        headers = [self.tr("Name"), self.tr("Times"), self.tr("Becomes"), self.tr("Where")]
        for tree in self._lists.values():
            tree.setHeaderLabels(headers)
        self.leftover_list.setHeaderLabels([self.tr("Word"), self.tr("Times"), self.tr("Where")])
        self.accept_button.setText(self.tr("Accept"))
        self.accept_button.setToolTip(self.tr("Replace it: a name, as the list says"))
        self.reject_button.setText(self.tr("Reject"))
        self.reject_button.setToolTip(self.tr("Not a name (or not one to replace): keep the words"))
        self.someone_else_button.setText(self.tr("Someone else"))
        self.someone_else_button.setToolTip(
            self.tr("Not the person the list suggests: a person of their own ([Person N])")
        )
        self.accept_all_button.setText(self.tr("Accept all"))
        self.accept_all_button.setToolTip(self.tr("Accept every name still waiting for review"))
        self.keep_button.setText(self.tr("Keep as written"))
        self.replace_button.setText(self.tr("Replace"))
        self.add_person_button.setText(self.tr("Add as person"))
        self.add_place_button.setText(self.tr("Add as place"))
        self.add_organisation_button.setText(self.tr("Add as organisation"))
        self.dismiss_button.setText(self.tr("Dismiss"))
        self.dismiss_button.setToolTip(self.tr("Not a name: take it off the list"))
        self._preview_caption.setText(
            self.tr("Preview of the pseudonymised text (replaced names in green, names to review in orange):")
        )
        self._key_caption.setText(
            self.tr(
                "Key file — links the codes to the real names; written with every pseudonymised export. "
                "Keep it apart from the transcripts you share:"
            )
        )
        self.key_browse_button.setText(self.tr("Browse…"))
        self._update_titles()
        self._update_status()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.review is not None:
                self._show_review(self.review)
        super().changeEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._refresher.shown()

    # -- the session -------------------------------------------------------------

    def set_session(self, session: ProjectSession | None) -> None:
        """Show ``session``'s project (None: nothing open)."""
        if self.session is not None:
            self.session.changed.disconnect(self._on_changed)
        self.session = session
        self.review = None
        self._message = ""
        if session is not None:
            session.changed.connect(self._on_changed)
        self.indirect_page.set_session(session)
        self.key_edit.setText(key_path(self._settings, session.path) if session else "")
        self._clear()
        self.setEnabled(session is not None)
        if session is not None:
            self._refresher.changed()

    @property
    def busy(self) -> bool:
        """Detection or a decision is under way (tests wait for this to end)."""
        return self._refresher.busy or self._decider.busy

    def refresh(self) -> None:
        """Run detection again now (it also runs by itself after every change)."""
        self._refresher.refresh_now()

    def _on_changed(self) -> None:
        self._refresher.changed()
        self._update_status()

    def _snapshot(self) -> Project | None:
        return light_copy(self.session.project) if self.session is not None else None

    def _show_message(self, message: str) -> None:
        self._message = message
        self._update_status()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, NothingToReview):
            self.review = None
            self._clear()
            self._message = ""
            self.status_label.setText(
                self.tr("There is no transcript yet: names are looked for once there is text.")
            )
            return
        self._message = _describe(error)
        self._update_status()

    # -- showing -----------------------------------------------------------------

    def _clear(self) -> None:
        for tree in (*self._lists.values(), self.leftover_list):
            tree.clear()
        self.indirect_page.clear()
        self.preview.clear()
        self._update_titles()
        self._update_status()
        self._update_buttons()

    def _show_review(self, review: NamesReview) -> None:
        self.review = review
        self.review_shown.emit(review.counts().get(REVIEW, 0))
        self._message = ""
        for name, tree in self._lists.items():
            self._fill_list(tree, name, review)
        self._fill_leftovers(review)
        self.indirect_page.show_review(review.indirect)
        self._fill_add_link(review)
        self._fill_preview(review)
        self._show_scope(review.settings)
        self._update_titles()
        self._update_status()
        self._update_buttons()

    def _fill_list(self, tree: QTreeWidget, name: str, review: NamesReview) -> None:
        expanded, selected, row = _remember(tree)
        tree.setUpdatesEnabled(False)
        tree.clear()
        for group in review.lists.get(name, []):
            tree.addTopLevelItem(self._group_item(group, name, review))
        if name == REVIEW:
            for found, leaks in review.leak_groups().items():
                tree.addTopLevelItem(self._leak_item(found, leaks))
        _restore(tree, expanded, selected, row)
        tree.setUpdatesEnabled(True)

    def _group_item(self, group: Group, list_name: str, review: NamesReview) -> QTreeWidgetItem:
        first = group.mentions[0]
        label = review.replacement(first) if list_name == REPLACED else review.would_be[first]
        name = group.name
        if group.key.startswith("ambiguous:"):
            name = self.tr("{name} (who?)").format(name=name)
        elif group.lone:
            name = self.tr("{name} — is it {person}?").format(
                name=name, person=review.name_of(group.suggested)
            )
        item = QTreeWidgetItem([name, str(len(group.mentions)), self._becomes(label, list_name), ""])
        item.setData(0, ROLE, ("group", group.key, list_name))
        item.setData(0, IDENTITY, ("group", group.key))
        item.setToolTip(0, self._group_tooltip(group, review))
        for index in group.mentions:
            item.addChild(self._mention_item(index, list_name, review))
        return item

    def _mention_item(self, index: int, list_name: str, review: NamesReview) -> QTreeWidgetItem:
        mention = review.mentions[index]
        label = review.replacement(index) if list_name == REPLACED else review.would_be[index]
        speaker = review.speaker(index)
        turn = (
            self.tr("turn {n}, {speaker}").format(n=mention.part + 1, speaker=speaker)
            if speaker
            else self.tr("turn {n}").format(n=mention.part + 1)
        )
        child = QTreeWidgetItem([mention.text, turn, self._becomes(label, list_name), review.context(index)])
        child.setData(0, ROLE, ("mention", index, list_name))
        child.setData(0, IDENTITY, ("mention", mention.text, mention.part, mention.nth))
        tip = self._mention_tooltip(index, review)
        for column in range(COLUMNS):
            child.setToolTip(column, tip)
        return child

    def _leak_item(self, found: str, leaks: list) -> QTreeWidgetItem:
        """A real name the leak check finds that no review item covers, with its lines."""
        becomes = self.tr("still in the text: fix it")
        item = QTreeWidgetItem([found, str(len(leaks)), becomes, leaks[0].context])
        item.setData(0, ROLE, ("leak", found, REVIEW))
        item.setData(0, IDENTITY, ("leak", found))
        tip = self.tr(
            "The leak check would stop a pseudonymised export on “{found}” ({name}). Accept makes it a "
            "person of their own; the menu links it to a person on the roster."
        ).format(found=found, name=leaks[0].name)
        item.setToolTip(0, tip)
        for leak in leaks:
            child = QTreeWidgetItem([found, self.tr("line {n}").format(n=leak.line), becomes, leak.context])
            child.setData(0, ROLE, ("leak", found, REVIEW))
            child.setData(0, IDENTITY, ("leak line", found, leak.line, leak.column))
            child.setToolTip(0, tip)
            item.addChild(child)
        return item

    def _becomes(self, label: str | None, list_name: str) -> str:
        if list_name == REPLACED:
            return label or ""
        if list_name == REVIEW:
            return self.tr("{label} if accepted").format(label=label) if label else ""
        return self.tr("kept as written")

    def _group_tooltip(self, group: Group, review: NamesReview) -> str:
        kinds = {
            "PERSON": self.tr("person"),
            "LOCATION": self.tr("place"),
            "ORGANIZATION": self.tr("organisation"),
        }
        lines = [f"{group.name} — {kinds.get(group.entity, group.entity)}"]
        if group.lone:
            lines.append(
                self.tr(
                    "A lone name that fits {person} on the roster. Accept links every occurrence to them; "
                    "“Someone else” makes it a person of their own. Mark the person “addressed by first "
                    "name” in the roster to link their first name without asking."
                ).format(person=review.name_of(group.suggested))
            )
        candidates = review.candidates(group.mentions[0])
        if candidates:
            lines.append(self.tr("Could be: {people}").format(people=", ".join(candidates)))
        rules = dict.fromkeys(review.mentions[i].rule for i in group.mentions)
        lines += [f"• {rule}" for rule in rules]
        return "\n".join(lines)

    def _mention_tooltip(self, index: int, review: NamesReview) -> str:
        mention = review.mentions[index]
        lines = [
            self.tr("Found by: {rule}").format(rule=mention.rule),
            self.tr("Score {score:.2f} ({source})").format(score=mention.score, source=mention.source),
        ]
        candidates = review.candidates(index)
        if candidates:
            lines.append(self.tr("Could be: {people}").format(people=", ".join(candidates)))
        if mention.decision == "accepted":
            lines.append(self.tr("You accepted it."))
        elif mention.decision == "rejected":
            lines.append(self.tr("You rejected it."))
        elif mention.tier == "off":
            lines.append(self.tr("Places and organisations are kept unless you switch them on above."))
        return "\n".join(lines)

    def _fill_leftovers(self, review: NamesReview) -> None:
        tree = self.leftover_list
        selected = {item.data(0, ROLE) for item in tree.selectedItems()}
        row = tree.indexOfTopLevelItem(tree.currentItem()) if tree.currentItem() else -1
        tree.clear()
        for leftover in review.leftovers:
            item = QTreeWidgetItem(
                [leftover.text, str(len(leftover.positions)), " | ".join(leftover.contexts)]
            )
            item.setData(0, ROLE, leftover.text)
            item.setToolTip(2, "\n".join(leftover.contexts))
            tree.addTopLevelItem(item)
        items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        chosen = [item for item in items if item.data(0, ROLE) in selected]
        if not chosen and selected and items and row >= 0:
            chosen = [items[min(row, len(items) - 1)]]
        for item in chosen:
            item.setSelected(True)
        if chosen:
            tree.setCurrentItem(chosen[0])

    def _fill_preview(self, review: NamesReview) -> None:
        lines, starts, position = [], {}, 0
        for part, turn in enumerate(review.turns):
            if not turn.text.strip():
                continue
            prefix = f"{turn.speaker}: " if turn.speaker else ""
            starts[part] = position + len(prefix)
            lines.append(prefix + turn.text)
            position += len(prefix) + len(turn.text) + 1
        scroll = self.preview.verticalScrollBar().value()
        self.preview.setPlainText("\n".join(lines))
        selections = []
        by_part: dict[int, list] = {}
        for occurrence in review.result.occurrences:
            by_part.setdefault(occurrence.part, []).append(occurrence)
            if occurrence.part in starts:
                at = starts[occurrence.part]
                selections.append(
                    self._highlight(at + occurrence.start, at + occurrence.end, REPLACED_COLOUR)
                )
        document = review.result.detection.document
        for mention in review.mentions:
            if mention.part in starts and mention.tier == "review" and mention.decision is None:
                offset = mention.start - document.starts[mention.part]
                at = starts[mention.part] + _shifted(by_part.get(mention.part, []), offset)
                selections.append(self._highlight(at, at + len(mention.text), PENDING_COLOUR))
        self.preview.setExtraSelections(selections)
        self.preview.verticalScrollBar().setValue(scroll)

    def _highlight(self, start: int, end: int, colour: QColor) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.preview.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        text_format = QTextCharFormat()
        text_format.setBackground(colour)
        selection.format = text_format
        return selection

    def preview_text(self) -> str:
        return self.preview.toPlainText()

    def _show_scope(self, settings: DetectionSettings) -> None:
        for box, value in (
            (self.places_box, settings.places),
            (self.organisations_box, settings.organisations),
        ):
            box.blockSignals(True)
            box.setChecked(value)
            box.blockSignals(False)
        self.ner_combo.blockSignals(True)
        index = self.ner_combo.findData(settings.ner_model)
        if index < 0 and settings.ner_model:  # a model folder, or one no longer installed: show it as set
            self.ner_combo.addItem(settings.ner_model, settings.ner_model)
            index = self.ner_combo.count() - 1
            self.ner_label.setVisible(True)
            self.ner_combo.setVisible(True)
        self.ner_combo.setCurrentIndex(max(index, 0))
        self.ner_combo.blockSignals(False)

    def _update_titles(self) -> None:
        review = self.review
        counts = review.counts() if review else {}
        leftovers = len(review.leftovers) if review else 0
        titles = (
            self.tr("To review ({n})").format(n=counts.get(REVIEW, 0)),
            self.tr("Replaced ({n})").format(n=counts.get(REPLACED, 0)),
            self.tr("Not replaced ({n})").format(n=counts.get(KEPT, 0)),
            self.tr("Leftovers ({n})").format(n=leftovers),
        )
        for index, title in enumerate((*titles, self.indirect_page.title())):
            self.tabs.setTabText(index, title)

    def _update_status(self) -> None:
        if self.session is None:
            self.status_label.setText(self.tr("No project is open."))
            return
        if self._message:
            self.status_label.setText(self._message)
            self.status_label.setStyleSheet("color: #a00000;")
            return
        self.status_label.setStyleSheet("")
        review = self.review
        if review is None:
            self.status_label.setText(self.tr("Looking for names…"))
            return
        counts = review.counts()
        people = len(review.result.labels)
        # Each count in its own phrase, so that each takes its own singular or plural (%n: Qt's numerus).
        text = self.tr("{replaced} ({people}); {review}; {leftovers}.").format(
            replaced=self.tr("%n name(s) will be replaced", "", counts.get(REPLACED, 0)),
            people=self.tr("%n people, places or organisations", "", people),
            review=self.tr("%n wait(s) for your review", "", counts.get(REVIEW, 0)),
            leftovers=self.tr("%n leftover word(s) to look at", "", len(review.leftovers)),
        )
        if counts.get(REVIEW, 0) == 0:
            text += " " + self.tr("Every detection is reviewed.")
        self.status_label.setText(text)

    def _update_buttons(self) -> None:
        has_review = self.review is not None
        for tree, buttons in (
            (self.review_list, (self.accept_button, self.reject_button, self.someone_else_button)),
            (self.replaced_list, (self.keep_button,)),
            (self.kept_list, (self.replace_button,)),
            (
                self.leftover_list,
                (
                    self.add_person_button,
                    self.add_place_button,
                    self.add_organisation_button,
                    self.dismiss_button,
                ),
            ),
        ):
            for button in buttons:
                button.setEnabled(has_review and bool(tree.selectedItems()))
        self.accept_all_button.setEnabled(has_review and self.review_list.topLevelItemCount() > 0)

    # -- deciding ----------------------------------------------------------------

    def decide_selected(self, action: str) -> None:
        """Accept or reject what is selected in the current list: a name (all of it there) or occurrences."""
        tree = self.tabs.currentWidget().findChild(QTreeWidget)
        if tree in self._lists.values() and self.review is not None:
            self._decide_items(tree.selectedItems(), action)

    def _decisions_for(self, items: list[QTreeWidgetItem], action: str) -> list[Decision]:
        review = self.review
        chosen_groups = {item.data(0, ROLE)[1:] for item in items if item.data(0, ROLE)[0] == "group"}
        decisions: list[Decision] = []
        leaks = dict.fromkeys(item.data(0, ROLE)[1] for item in items if item.data(0, ROLE)[0] == "leak")
        for found in leaks if action == "accept" else ():  # a leak's fix: a person of their own
            decisions += leak_fix(found, None)
        for item in items:
            kind, value, list_name = item.data(0, ROLE)
            if kind == "leak":
                continue
            if kind == "group":
                indices = self._group(list_name, value).mentions
            elif (review.group_key(value), list_name) in chosen_groups:
                continue  # its whole name is chosen already
            else:
                indices = [value]
            decisions += self._decisions_about(action, indices, whole=kind == "group")
        return decisions

    def _decisions_about(self, action: str, indices: list[int], *, whole: bool) -> list[Decision]:
        """Accepting a place or organisation that is off means adding it: a decision does not switch it on."""
        mentions = self.review.mentions
        off = [i for i in indices if mentions[i].tier == "off"]
        rest = [i for i in indices if i not in off]
        decisions = []
        if rest:
            if whole:
                decisions += name_decisions(action, mentions, rest)
            else:
                decisions += [occurrence_decision(action, mentions[i]) for i in rest]
        if off and action == "accept":
            for base in dict.fromkeys(mentions[i].base for i in off):
                entity = ENTITY_WORDS.get(mentions[off[0]].entity, "place")
                decisions.append(make_decision("add", base, entity=entity))
        return decisions

    def _group(self, list_name: str, key: str) -> Group:
        return next(g for g in self.review.lists[list_name] if g.key == key)

    def accept_all_review(self) -> None:
        """Accept every detection still waiting for review (the CLI's ``--accept-review``)."""
        self._decide(self.tr("Accept all names to review"), [], accept_review=True)

    def add_typed_name(self) -> None:
        """Add the name typed in "A name the lists missed" — linked to the roster person chosen beside it."""
        text = " ".join(self.add_edit.text().split())
        if not text:
            return
        entity = self.add_kind.currentData()
        person = self.add_link.currentData() if entity == "person" else None
        label = (
            self.tr("Add {name} as {person}").format(name=text, person=person)
            if person
            else self.tr("Add {name}").format(name=text)
        )
        self._decide(label, linked_name(text, entity, person))
        self.add_edit.clear()

    def _fill_add_link(self, review: NamesReview) -> None:
        chosen = self.add_link.currentData()
        self.add_link.blockSignals(True)
        while self.add_link.count() > 1:
            self.add_link.removeItem(1)
        for name, code in review.roster_people:
            self.add_link.addItem(f"{name} ({code})" if code else name, name)
        self.add_link.setCurrentIndex(max(self.add_link.findData(chosen), 0) if chosen else 0)
        self.add_link.blockSignals(False)
        self._update_add_link()

    def _update_add_link(self) -> None:
        self.add_link.setEnabled(self.add_kind.currentData() == "person" and self.add_link.count() > 1)

    def someone_else_selected(self) -> None:
        """The selected names or occurrences are not the person the list suggests: people of their own."""
        review = self.review
        if review is None:
            return
        decisions, words = [], []
        chosen_groups = set()
        for item in self.review_list.selectedItems():
            kind, value, list_name = item.data(0, ROLE)
            if kind == "group":
                group = self._group(list_name, value)
                chosen_groups.add(value)
                if group.entity == "PERSON":
                    decisions += someone_else(
                        review.mentions, group.mentions, review.mentions[group.mentions[0]].base
                    )
                    words.append(group.name)
            elif kind == "mention" and review.group_key(value) not in chosen_groups:
                if review.mentions[value].entity == "PERSON":
                    decisions.append(occurrence_decision("assign", review.mentions[value]))
                    words.append(review.mentions[value].text)
            elif kind == "leak":
                decisions += leak_fix(value, None)
                words.append(value)
        if decisions:
            names = ", ".join(dict.fromkeys(words))
            self._decide(self.tr("{words} is a person of their own").format(words=names), decisions)

    def add_leftovers(self, entity: str) -> None:
        """Add the selected leftovers as people, places or organisations."""
        words = [item.data(0, ROLE) for item in self.leftover_list.selectedItems()]
        if words:
            decisions = [make_decision("add", word, entity=entity) for word in words]
            self._decide(self.tr("Add {name}").format(name=", ".join(words)), decisions)

    def dismiss_leftovers(self) -> None:
        words = [item.data(0, ROLE) for item in self.leftover_list.selectedItems()]
        if words:
            decisions = [make_decision("dismiss", word) for word in words]
            self._decide(self.tr("Dismiss {name}").format(name=", ".join(words)), decisions)

    def merge(self, key: str, into: str) -> None:
        """Everyone mentioned as ``key`` is the person ``into`` (referent keys): one replacement for both."""
        review = self.review
        source, target = review.name_of(key), review.name_of(into)
        decision = make_decision("merge", source, to=target)
        self._decide(
            self.tr("{name} is the same person as {other}").format(name=source, other=target), [decision]
        )

    def assign(self, indices: list[int], to: str | None, *, whole: bool = False) -> None:
        """These mentions are the person ``to`` (a referent key), or a person of their own (None)."""
        review = self.review
        target = review.name_of(to) if to else None
        mentions = review.mentions
        if whole:
            decisions = name_decisions("assign", mentions, indices, to=target)
        else:
            decisions = [occurrence_decision("assign", mentions[i], to=target) for i in indices]
        words = ", ".join(dict.fromkeys(mentions[i].text for i in indices))
        label = (
            self.tr("{words} is {name}").format(words=words, name=target)
            if target
            else self.tr("{words} is a person of their own").format(words=words)
        )
        self._decide(label, decisions)

    def choose_pseudonym(self, key: str) -> None:
        review = self.review
        name = review.name_of(key)
        pseudonym = ask_text(
            self,
            self.tr("Replace with"),
            self.tr("What should stand instead of “{name}”?").format(name=name),
            review.label_of(key) or "",
        )
        if pseudonym:
            decision = make_decision("pseudonym", name, to=pseudonym)
            self._decide(
                self.tr("Replace {name} with {other}").format(name=name, other=pseudonym), [decision]
            )

    def _scope_changed(self) -> None:
        if self.review is None:
            return
        settings = DetectionSettings(
            self.places_box.isChecked(), self.organisations_box.isChecked(), self.ner_combo.currentData()
        )
        if settings != self.review.settings:
            self._decide(self.tr("Change what is pseudonymised"), [], settings=settings)

    def _decide(
        self,
        label: str,
        decisions: list[Decision],
        *,
        settings: DetectionSettings | None = None,
        accept_review: bool = False,
    ) -> None:
        """Store ``decisions`` as one undoable step: ``review_project`` runs on the worker thread on a copy
        of the project, and the step puts the pseudonymisation state it made into the project."""
        session = self.session
        if session is None:
            return
        snapshot = light_copy(session.project)
        before = copy.deepcopy(snapshot.pseudonymisation)

        def decide(project: Project) -> None:
            review_project(
                project, decisions=copy.deepcopy(decisions), settings=settings, accept_review=accept_review
            )

        def work() -> PseudonymisationState:
            decide(snapshot)
            return snapshot.pseudonymisation

        def store(state: PseudonymisationState) -> None:
            if self.session is not session:
                return

            def change(project: Project) -> None:
                if project.pseudonymisation == before:
                    project.pseudonymisation = copy.deepcopy(state)
                else:  # decided otherwise meanwhile (another panel, an undo): decide again, here
                    decide(project)

            session.edit(label, change)

        def failed(error: BaseException) -> None:
            self._failed(error)
            if self.review is not None:
                self._show_scope(self.review.settings)

        self._decider.run(work, store, failed)

    # -- menus and the editor ------------------------------------------------------

    def context_menu(self, item: QTreeWidgetItem) -> QMenu:
        """The menu of a name or an occurrence in one of the lists."""
        menu = QMenu(self)
        if self.review is None or item is None:
            return menu
        kind, value, list_name = item.data(0, ROLE)
        review = self.review
        if kind == "leak":
            self._leak_actions(menu, value)
            return menu
        if kind == "group":
            group = self._group(list_name, value)
            self._add_action(menu, self.tr("Accept every “{name}” here").format(name=group.name),
                             lambda: self._decide_items([item], "accept"))  # fmt: skip
            self._add_action(menu, self.tr("Reject every “{name}” here").format(name=group.name),
                             lambda: self._decide_items([item], "reject"))  # fmt: skip
            ambiguous = group.key.startswith(("ambiguous:", "lone:"))
            if group.entity == "PERSON" and not ambiguous:
                same = menu.addMenu(self.tr("Same person as…"))
                for key, name in review.people():
                    if key != group.key:
                        self._add_action(same, self._person_label(key, name),
                                         lambda k=key: self.merge(group.key, k))  # fmt: skip
            if group.entity == "PERSON" and list_name == REVIEW:
                self._add_action(menu, self.tr("Someone else: a person of their own"),
                                 lambda: self._someone_else_group(group))  # fmt: skip
            if group.entity == "PERSON":
                every = menu.addMenu(self.tr("All of them are…"))
                self._people_actions(every, lambda to: self.assign(group.mentions, to, whole=True))
            if not ambiguous:
                self._add_action(menu, self.tr("Replace with a name of my choosing…"),
                                 lambda: self.choose_pseudonym(group.key))  # fmt: skip
        else:
            mention = review.mentions[value]
            self._add_action(menu, self.tr("Accept this one"), lambda: self._decide_items([item], "accept"))
            self._add_action(menu, self.tr("Reject this one"), lambda: self._decide_items([item], "reject"))
            if mention.entity == "PERSON":
                this = menu.addMenu(self.tr("This one is…"))
                self._people_actions(this, lambda to: self.assign([value], to))
            menu.addSeparator()
            show = self._add_action(menu, self.tr("Show in the editor"), lambda: self._show_mention(value))
            show.setEnabled(review.segments[value] is not None)
        return menu

    def _leak_actions(self, menu: QMenu, found: str) -> None:
        """A leak-check hit's fixes: a person of their own, or linked to a person on the roster."""

        def fix(person: str | None) -> None:
            label = (
                self.tr("{words} is {name}").format(words=found, name=person)
                if person
                else self.tr("{words} is a person of their own").format(words=found)
            )
            self._decide(label, leak_fix(found, person))

        self._add_action(menu, self.tr("A person of their own"), lambda: fix(None))
        link = menu.addMenu(self.tr("Link to…"))
        for name, code in self.review.roster_people:
            self._add_action(link, f"{name} → {code}" if code else name, lambda n=name: fix(n))

    def _someone_else_group(self, group: Group) -> None:
        mentions = self.review.mentions
        decisions = someone_else(mentions, group.mentions, mentions[group.mentions[0]].base)
        self._decide(self.tr("{words} is a person of their own").format(words=group.name), decisions)

    def _people_actions(self, menu: QMenu, assign: Callable[[str | None], None]) -> None:
        self._add_action(menu, self.tr("A person of their own"), lambda: assign(None))
        menu.addSeparator()
        for key, name in self.review.people():
            self._add_action(menu, self._person_label(key, name), lambda k=key: assign(k))

    def _person_label(self, key: str, name: str) -> str:
        label = self.review.label_of(key)
        return f"{name} → {label}" if label else name

    @staticmethod
    def _add_action(menu: QMenu, text: str, slot: Callable[[], None]):
        action = menu.addAction(text)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _decide_items(self, items: list[QTreeWidgetItem], action: str) -> None:
        decisions = self._decisions_for(items, action)
        if decisions:
            names = ", ".join(dict.fromkeys(d.text for d in decisions))
            label = (
                self.tr("Accept {names}").format(names=names)
                if action == "accept"
                else self.tr("Reject {names}").format(names=names)
            )
            self._decide(label, decisions)

    def _open_menu(self, tree: QTreeWidget, point) -> None:
        item = tree.itemAt(point)
        if item is not None:
            self.context_menu(item).exec(tree.viewport().mapToGlobal(point))

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        kind, value, _list = item.data(0, ROLE)
        if kind == "mention":
            self._show_mention(value)

    def _show_mention(self, index: int) -> None:
        review = self.review
        segment = review.segments[index] if review else None
        if segment is not None:
            self.show_in_editor.emit(segment, review.mentions[index].text)

    # -- the key file --------------------------------------------------------------

    def key_file(self) -> str:
        return self.key_edit.text().strip()

    def _key_edited(self) -> None:
        if self.session is not None:
            remember_key_path(self._settings, self.session.path, self.key_file())

    def browse_key(self) -> None:
        path = prompts.save_file(
            self, self.tr("Key file"), self.tr("Key files (*.json);;All files (*)"), self.key_file()
        )
        if path:
            self.key_edit.setText(path)
            self._key_edited()


def _describe(error: BaseException) -> str:
    if isinstance(error, TranskriptError):
        return core_message(str(error))
    return f"{type(error).__name__}: {error}"


def _shifted(occurrences: list, offset: int) -> int:
    """Where ``offset`` of a turn's original text stands in its pseudonymised text."""
    shift = 0
    for occurrence in occurrences:  # in order; each one's original start is its new start minus the shift
        original_start = occurrence.start - shift
        if original_start >= offset:
            break
        shift += len(occurrence.replacement) - len(occurrence.original)
    return offset + shift


def _identity(item: QTreeWidgetItem) -> tuple:
    return item.data(0, IDENTITY)


def _remember(tree: QTreeWidget) -> tuple[set, set, tuple[int, int]]:
    expanded = {
        tree.topLevelItem(i).data(0, ROLE)[1]
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).isExpanded()
    }
    selected = {_identity(item) for item in tree.selectedItems()}
    current = tree.currentItem()
    row = (-1, -1)
    if current is not None:
        parent = current.parent()
        row = (
            (tree.indexOfTopLevelItem(parent), parent.indexOfChild(current))
            if parent
            else (tree.indexOfTopLevelItem(current), -1)
        )
    return expanded, selected, row


def _restore(tree: QTreeWidget, expanded: set, selected: set, row: tuple[int, int]) -> None:
    """Open and select what was open and selected; where a chosen item left the list (decided), the item
    that took its place, so the researcher can go on down the list."""
    chosen = []
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        item.setExpanded(item.data(0, ROLE)[1] in expanded)
        if _identity(item) in selected:
            chosen.append(item)
        for j in range(item.childCount()):
            if _identity(item.child(j)) in selected:
                chosen.append(item.child(j))
    if not chosen and selected and row[0] >= 0 and tree.topLevelItemCount():
        top = tree.topLevelItem(min(row[0], tree.topLevelItemCount() - 1))
        chosen = [top.child(min(row[1], top.childCount() - 1)) if row[1] >= 0 and top.childCount() else top]
    for item in chosen:
        item.setSelected(True)
    if chosen:
        tree.setCurrentItem(chosen[0], 0, tree.selectionModel().SelectionFlag.NoUpdate)
