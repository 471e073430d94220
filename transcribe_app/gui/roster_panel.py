"""The roster panel: who speaks or is named, their informant codes, and which voice is whom.

Every change is one undoable step through ``ProjectSession.edit``. Codes come
from core/project/roster: a person typed without a code gets their initials
(``assign_codes``), and a clash (two people with the initials BL) is resolved
the core's way and said in plain words. A typed code that another person
already has is refused, since a citation "(BL: 12-14)" must point at one
person. Speakers found in the transcript (S1, S2 … after diarisation, or the
codes of an imported transcript) are mapped to roster entries in the lower table.
"""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.diarise.labels import talk_time
from ..core.errors import TranskriptError
from ..core.project.metadata import check_code
from ..core.project.record import ROLES, Project, RosterEntry
from ..core.project.roster import assign_codes, merge_roster, read_roster, write_roster
from . import prompts
from .core_messages import core_message
from .session import ProjectSession

FIELDS = ("name", "code", "role", "aliases", "addressed_by_first_name", "position", "area", "label")
# A switch, shown as a box to tick: the talk calls the person by their first name, so a lone first
# name is linked to them without asking (otherwise it waits in the names review).
SWITCHES = ("addressed_by_first_name",)


def role_names() -> dict[str, str]:
    """The roles in the window's language."""
    return {
        "informant": QCoreApplication.translate("RosterPanel", "informant"),
        "interviewer": QCoreApplication.translate("RosterPanel", "interviewer"),
        "organisation": QCoreApplication.translate("RosterPanel", "organisation"),
        "other": QCoreApplication.translate("RosterPanel", "other"),
    }


class RosterModel(QAbstractTableModel):
    """The session's roster as a table; edits go back through the panel (as undoable steps)."""

    def __init__(self, panel: RosterPanel):
        super().__init__(panel)
        self._panel = panel
        self._rows = 0

    def roster(self) -> list[RosterEntry]:
        session = self._panel.session
        return session.project.roster if session else []

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt's names and defaults
        return 0 if parent.isValid() else len(self.roster())

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(FIELDS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return self._panel.column_titles()[section]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self.roster()[index.row()]
        field = FIELDS[index.column()]
        if field in SWITCHES:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if getattr(entry, field) else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._panel.switch_tooltip()
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        value = getattr(entry, field)
        if field == "aliases":
            return "; ".join(value)
        if field == "role" and role == Qt.ItemDataRole.DisplayRole:
            return role_names().get(value, value)
        return value

    def flags(self, index):
        base = super().flags(index)
        if index.isValid() and FIELDS[index.column()] in SWITCHES:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.isValid() and FIELDS[index.column()] != "label":
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if index.isValid() and FIELDS[index.column()] in SWITCHES and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            return self._panel.set_switch(index.row(), FIELDS[index.column()], checked)
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        return self._panel.set_field(index.row(), FIELDS[index.column()], str(value))

    def refresh(self) -> None:
        rows = len(self.roster())
        if rows != self._rows:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
        elif rows:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, len(FIELDS) - 1))


class _RoleDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):  # noqa: N802
        combo = QComboBox(parent)
        for role, name in role_names().items():
            combo.addItem(name, role)
        return combo

    def setEditorData(self, editor, index):  # noqa: N802
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor, model, index):  # noqa: N802
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class RosterPanel(QWidget):
    """Edit the roster of the open project; map transcript speakers to people."""

    warned = Signal(str)  # a warning worth showing (also shown in the panel)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("RosterPanel")
        self.session: ProjectSession | None = None
        self.model = RosterModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(FIELDS.index("role"), _RoleDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.speakers = QTableWidget(0, 4)
        self.speakers.verticalHeader().setVisible(False)
        self.speakers.horizontalHeader().setStretchLastSection(True)
        self.speakers.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.warning_label = QLabel(wordWrap=True)
        self.warning_label.setStyleSheet("color: #8a4b00;")
        self.warning_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_button, self.remove_button = QPushButton(), QPushButton()
        self.suggest_button = QPushButton()
        self.import_button, self.export_button = QPushButton(), QPushButton()
        self.add_button.clicked.connect(self.add_person)
        self.remove_button.clicked.connect(self.remove_selected)
        self.suggest_button.clicked.connect(self.suggest_codes)
        self.import_button.clicked.connect(lambda: self.import_roster())
        self.export_button.clicked.connect(lambda: self.export_roster())
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.suggest_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        self._speakers_caption = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 3)
        layout.addLayout(buttons)
        layout.addWidget(self.warning_label)
        layout.addWidget(self._speakers_caption)
        layout.addWidget(self.speakers, 2)
        self.retranslate()
        self.set_session(None)

    def retranslate(self) -> None:
        self.add_button.setText(self.tr("Add person"))
        self.remove_button.setText(self.tr("Remove"))
        self.suggest_button.setText(self.tr("Suggest codes"))
        self.suggest_button.setToolTip(
            self.tr("Give everyone without a code their initials (Vibeke Jensen → VJ)")
        )
        self.import_button.setText(self.tr("Import…"))
        self.export_button.setText(self.tr("Export…"))
        self._speakers_caption.setText(self.tr("Speakers in the transcript: choose who each voice is"))
        self.speakers.setHorizontalHeaderLabels(
            [self.tr("Speaker"), self.tr("Talk time"), self.tr("Turns"), self.tr("Person")]
        )
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(FIELDS) - 1)
        self._fill_speakers()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def column_titles(self) -> list[str]:
        return [
            self.tr("Name"),
            self.tr("Code"),
            self.tr("Role"),
            self.tr("Other names"),
            self.tr("By first name"),
            self.tr("Position"),
            self.tr("Area"),
            self.tr("Speaker"),
        ]

    def switch_tooltip(self) -> str:
        return self.tr(
            "Tick when the talk calls this person by their first name: a lone first name is then replaced "
            "with their code without asking. Otherwise it waits in the names review, since it may be "
            "someone else of that name."
        )

    # -- the session -------------------------------------------------------------

    def set_session(self, session: ProjectSession | None) -> None:
        if self.session is not None:
            self.session.changed.disconnect(self._on_changed)
        self.session = session
        if session is not None:
            session.changed.connect(self._on_changed)
        self.warning_label.clear()
        self.model.beginResetModel()
        self.model._rows = len(self.model.roster())
        self.model.endResetModel()
        for widget in (self.add_button, self.suggest_button, self.import_button, self.export_button):
            widget.setEnabled(session is not None)
        self.remove_button.setEnabled(session is not None)
        self._fill_speakers()

    def _on_changed(self) -> None:
        self.model.refresh()
        self._fill_speakers()

    @property
    def project(self) -> Project:
        return self.session.project

    # -- edits (each one undoable step) ------------------------------------------------

    def set_field(self, row: int, field: str, value: str) -> bool:
        """Change one cell; False (with a warning) if the roster would be wrong afterwards."""
        if self.session is None or not 0 <= row < len(self.project.roster):
            return False
        entry = self.project.roster[row]
        value = value.strip()
        if field == "aliases":
            new = [a for a in dict.fromkeys(" ".join(p.split()) for p in re.split(r"[;|]", value)) if a]
        else:
            new = " ".join(value.split())
        if getattr(entry, field) == new:
            return True
        if field == "code" and new and not self._code_is_free(row, new):
            return False
        if field == "role" and new not in ROLES:
            return False
        warnings: list[str] = []

        def change(project: Project) -> None:
            setattr(project.roster[row], field, new)
            warnings[:] = assign_codes(project.roster, kind=project.metadata.kind)

        who = self.describe_entry(entry) if field != "name" or entry.name else self.tr("a new person")
        label = self.tr("Change {what} of {who}").format(
            what=self.column_titles()[FIELDS.index(field)], who=who
        )
        self.session.edit(label, change)
        self._warn(warnings)
        return True

    def set_switch(self, row: int, field: str, value: bool) -> bool:
        """Tick or clear a switch of one person (one undoable step)."""
        if self.session is None or not 0 <= row < len(self.project.roster):
            return False
        entry = self.project.roster[row]
        if getattr(entry, field) == value:
            return True

        def change(project: Project) -> None:
            setattr(project.roster[row], field, value)

        label = self.tr("Change {what} of {who}").format(
            what=self.column_titles()[FIELDS.index(field)], who=self.describe_entry(entry)
        )
        self.session.edit(label, change)
        return True

    def _code_is_free(self, row: int, code: str) -> bool:
        try:
            check_code(code)
        except TranskriptError as error:
            self._warn([core_message(str(error))])
            return False
        for index, other in enumerate(self.project.roster):
            if index != row and other.code.casefold() == code.casefold():
                self._warn(
                    [
                        self.tr(
                            "{code} is already the code of {who}; each person needs their own code."
                        ).format(code=other.code, who=self.describe_entry(other))
                    ]
                )
                return False
        return True

    def add_person(self) -> None:
        if self.session is None:
            return
        self.session.edit(self.tr("Add person"), lambda p: p.roster.append(RosterEntry(role="informant")))
        row = len(self.project.roster) - 1
        index = self.model.index(row, FIELDS.index("name"))
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()}, reverse=True)
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        if self.session is None or not rows:
            return
        names = ", ".join(self.describe_entry(self.project.roster[r]) for r in sorted(rows))

        def change(project: Project) -> None:
            for row in rows:
                del project.roster[row]

        self.session.edit(self.tr("Remove {who}").format(who=names), change)

    def suggest_codes(self) -> list[str]:
        """Give every named person without a code one (initials); returns the warnings."""
        if self.session is None:
            return []
        trial = [replace(entry, aliases=list(entry.aliases)) for entry in self.project.roster]
        warnings = assign_codes(trial, kind=self.project.metadata.kind)
        if [e.code for e in trial] == [e.code for e in self.project.roster]:
            self._warn([self.tr("Everyone with a name has a code already.")])
            return []
        self.session.edit(self.tr("Suggest codes"), lambda p: assign_codes(p.roster, kind=p.metadata.kind))
        self._warn(warnings)
        return warnings

    def map_speaker(self, label: str, row: int | None) -> None:
        """Say that the voice ``label`` is the roster entry at ``row`` (None: nobody in the roster)."""
        if self.session is None:
            return
        current = next((i for i, e in enumerate(self.project.roster) if e.label == label), None)
        if current == row:
            return

        def change(project: Project) -> None:
            roster = project.roster
            old = roster[row].label if row is not None else ""
            for entry in roster:
                if entry.label == label:
                    entry.label = old  # the two swap voices; a placeholder may end with none
            if row is not None:
                roster[row].label = label

        who = self.describe_entry(self.project.roster[row]) if row is not None else self.tr("nobody")
        self.session.edit(self.tr("{label} is {who}").format(label=label, who=who), change)

    def import_roster(self, path: str | None = None) -> list[str]:
        """Merge a roster file (.csv or .json) into the project as one step; returns the warnings."""
        if self.session is None:
            return []
        if path is None:
            path = prompts.open_file(
                self, self.tr("Import a roster"), self.tr("Rosters (*.csv *.tsv *.json);;All files (*)")
            )
            if not path:
                return []
        try:
            notices: list[str] = []  # invisible characters taken out of the names (core/text_form.py)
            entries = read_roster(path, on_notice=notices.append)
            trial = Project(metadata=replace(self.project.metadata))
            trial.roster = [replace(entry, aliases=list(entry.aliases)) for entry in self.project.roster]
            warnings = notices + merge_roster(trial, [replace(e, aliases=list(e.aliases)) for e in entries])
        except TranskriptError as error:
            self._warn([core_message(str(error))])
            prompts.inform(self, self.tr("Import a roster"), core_message(str(error)), warning=True)
            return []

        def change(project: Project) -> None:
            merge_roster(project, [replace(e, aliases=list(e.aliases)) for e in entries])

        self.session.edit(self.tr("Import roster"), change)
        self._warn(warnings)
        return warnings

    def export_roster(self, path: str | None = None) -> bool:
        if self.session is None:
            return False
        if path is None:
            path = prompts.save_file(
                self, self.tr("Export the roster"), self.tr("CSV (*.csv);;JSON (*.json)")
            )
            if not path:
                return False
        try:
            write_roster(self.project.roster, path)
        except TranskriptError as error:
            prompts.inform(self, self.tr("Export the roster"), core_message(str(error)), warning=True)
            return False
        self._warn(
            [
                self.tr("Wrote {path}. It holds real names: keep it apart from the transcripts.").format(
                    path=path
                )
            ]
        )
        return True

    # -- the speakers table ---------------------------------------------------------

    def _fill_speakers(self) -> None:
        rows = [] if self.session is None else [r for r in talk_time(self.project) if r[1] != "?"]
        self.speakers.setRowCount(len(rows))
        roster = self.project.roster if self.session else []
        for i, (_entry, label, seconds, turns, _words) in enumerate(rows):
            self.speakers.setItem(i, 0, _item(label))
            self.speakers.setItem(i, 1, _item(f"{seconds / 60:.1f} min"))
            self.speakers.setItem(i, 2, _item(str(turns)))
            combo = QComboBox()
            combo.addItem(self.tr("(nobody in the roster)"), None)
            for row, entry in enumerate(roster):
                combo.addItem(f"{entry.code or '?'} — {self.describe_entry(entry)}", row)
            current = next((r for r, e in enumerate(roster) if e.label == label), None)
            combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)
            combo.activated.connect(lambda _i, c=combo, lab=label: self.map_speaker(lab, c.currentData()))
            self.speakers.setCellWidget(i, 3, combo)

    def describe_entry(self, entry) -> str:
        """How the panel names a roster entry (core's ``describe_entry`` in the window's language)."""
        if entry.name:
            return entry.name
        if entry.label:
            return self.tr("speaker {label}").format(label=entry.label)
        return self.tr("the person coded {code}").format(code=entry.code or "?")

    def speaker_labels(self) -> list[str]:
        return [self.speakers.item(i, 0).text() for i in range(self.speakers.rowCount())]

    def _warn(self, warnings: list[str]) -> None:
        text = "\n".join(warnings)
        self.warning_label.setText(text)
        if text:
            self.warned.emit(text)


def _item(text: str) -> QTableWidgetItem:
    return QTableWidgetItem(text)
