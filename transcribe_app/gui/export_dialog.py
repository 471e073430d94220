"""The export dialog: every format of ``transcribe-app export``, with the leak gate said in plain words.

It runs what the CLI's ``export`` runs — core/exports/use_case.py's ``export_transcript``
— on the worker thread (a large PDF takes a few tenths of a second, a pseudonymised one
detection on top): on a light copy of the project, whose new audit entries, decisions
(``accept review``) and recorded appendix layout are then brought into the project as
one step through ``session.edit`` (``apply_export``), so they are saved like any other change.

When the gate blocks (``ExportStopped``), nothing is written: the dialog lists the hits (appendix
line, the words as found, whose name, the line around them) and offers the two
ways on — the names review, or **Export anyway**, which sets ``allow_leaks`` and
is recorded in the project's audit log ("export despite leaks"), as the dialog says.

**Tables…** writes the informant table (by code, never with real names) and the appendix overview
(``export_tables``, through the leak gate). A plain appendix export of a project whose appendix is
pseudonymised is a private copy: the recorded appendix stays (``layout.becomes_appendix``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.cleanup import LEVELS
from ..core.cleanup.transcript_view import project_level
from ..core.errors import TranskriptError
from ..core.exports import APPENDIX_FORMATS, FORMATS
from ..core.exports.audio import AudioRequest
from ..core.exports.use_case import (
    ExportOutcome,
    ExportRequest,
    ExportStopped,
    LeakRow,
    apply_export,
    export_transcript,
    leak_rows,
)
from ..core.exports.validation_copy import informant_codes, whose_copy
from ..core.file_safety import check_files, reading, writing
from ..core.layout import MAX_WIDTH, MIN_WIDTH, OVERLAP_MARKS, recorded_layout
from ..core.project.record import PROJECT_SUFFIX
from ..core.pseudonymise import roster_and_numbers
from ..core.pseudonymise.gate import LeakError
from ..core.pseudonymise.indirect import PROFILES, VALIDATION
from . import prompts
from .audio_options import (
    AUDIO_ENDINGS,
    AudioExported,
    AudioOptions,
    apply_audio_export,
    run_audio_export,
)
from .background import Background, light_copy
from .core_messages import core_message
from .key_location import key_path, remember_key_path
from .session import ProjectSession
from .settings import project_key

# How each format's file name ends; the QDA and plain exports are text files named after their use,
# so that they never overwrite the line-numbered .txt appendix.
ENDINGS = {
    "docx": ".docx",
    "pdf": ".pdf",
    "txt": ".txt",
    "srt": ".srt",
    "vtt": ".vtt",
    "nvivo": "_nvivo.txt",
    "maxqda": "_maxqda.txt",
    "json": ".json",
    "plain": "_plain.txt",
}


AUDIO = "audio"  # the pseudonymised recording (audio_options.py), after the text formats


def output_for(path: str, fmt: str, audio_suffix: str = ".flac") -> str:
    """``path`` with the ending of ``fmt``: bilag7.docx → bilag7.pdf, bilag7.txt → bilag7_nvivo.txt;
    a recording: bilag7_pseudonymised.flac (``audio_suffix``: .flac, .mp3, .opus, .wav)."""
    if not path.strip():
        return path
    target = Path(path)
    name = target.name
    wanted = AUDIO_ENDINGS[audio_suffix] if fmt == AUDIO else ENDINGS[fmt]
    for ending in sorted({*ENDINGS.values(), *AUDIO_ENDINGS.values(), *AUDIO_ENDINGS}, key=len, reverse=True):
        if name.lower().endswith(ending):
            name = name[: -len(ending)]
            break
    else:
        name = target.stem if target.suffix else name
    return str(target.with_name(name + wanted))


class ExportDialog(QDialog):
    """Export the open project in any format; pseudonymised exports pass the leak gate first."""

    review_requested = Signal()  # "Go to the names review": the window shows the names panel
    exported = Signal(str)  # the path written

    def __init__(
        self,
        session: ProjectSession,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
        level: str | None = None,
    ):
        """``level``: the view the editor shows (verbatim, clean, strict), the export's first choice;
        None: the project's level."""
        super().__init__(parent)
        self.setObjectName("ExportDialog")
        self.setModal(True)  # the export reads the transcript while it runs: no edits meanwhile
        if settings is None:
            from .settings import app_settings

            settings = app_settings()
        self._settings = settings
        self.session = session
        self._replace_agreed: Path | None = None  # the existing file the user agreed to replace
        self.outcome: ExportOutcome | None = None
        self._jobs = Background(self)
        self._shown_level = level
        self._build()
        self.retranslate()
        self._load_defaults()

    # -- building ----------------------------------------------------------------

    def _build(self) -> None:
        self.format_combo = QComboBox()
        for fmt in (*FORMATS, AUDIO):
            self.format_combo.addItem(fmt, fmt)
        self.level_combo = QComboBox()
        for level in LEVELS:
            self.level_combo.addItem(level, level)
        self.width_spin = QSpinBox()
        self.width_spin.setRange(MIN_WIDTH, MAX_WIDTH)
        self.timestamps_box = QCheckBox()
        self.overlap_combo = QComboBox()  # how overlapped speech is marked (core/cleanup/overlap_marks.py)
        for convention in OVERLAP_MARKS:
            self.overlap_combo.addItem(convention, convention)
        self.pseudonymise_box = QCheckBox()
        self.key_edit, self.key_browse_button = QLineEdit(), QPushButton()
        self.accept_review_box = QCheckBox()
        self.profile_combo = QComboBox()  # what becomes of positions, ages, places (pseudonymise/indirect.py)
        for profile in (None, *PROFILES):
            self.profile_combo.addItem(profile or "", profile)
        # The profile the researcher chose, kept while a format cannot take it (a recording is no one
        # informant's validation copy); ``_offering``: the list is being rebuilt, not chosen from.
        self._wanted_profile: str | None = None
        self._offering = False
        self.profile_combo.currentIndexChanged.connect(self._profile_changed)
        self.informant_combo = QComboBox()  # whose validation copy: shown with that profile only
        self.informant_combo.currentIndexChanged.connect(self._name_the_copy)
        self.validation_note = QLabel(wordWrap=True)
        self.pending_label = QLabel(wordWrap=True)
        self.audio_options = AudioOptions()  # shown when the format is the pseudonymised recording
        self.audio_options.container_combo.currentIndexChanged.connect(self._audio_kind_changed)
        self.output_edit, self.output_browse_button = QLineEdit(), QPushButton()
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.pseudonymise_box.toggled.connect(self._update_enabled)
        self.pseudonymise_box.toggled.connect(self._name_the_copy)
        self.key_browse_button.clicked.connect(self.browse_key)
        self.key_edit.editingFinished.connect(self._remember_key)
        self.output_browse_button.clicked.connect(self.browse_output)

        names = ("format", "level", "width", "overlap", "key", "profile", "informant", "recording", "output")
        self._labels = {name: QLabel() for name in names}
        form = QFormLayout()
        form.addRow(self._labels["format"], self.format_combo)
        form.addRow(self._labels["level"], self.level_combo)
        form.addRow(self._labels["width"], self.width_spin)
        form.addRow("", self.timestamps_box)
        form.addRow(self._labels["overlap"], self.overlap_combo)
        form.addRow("", self.pseudonymise_box)
        form.addRow(self._labels["key"], _row(self.key_edit, self.key_browse_button))
        form.addRow("", self.accept_review_box)
        form.addRow(self._labels["profile"], self.profile_combo)
        form.addRow(self._labels["informant"], self.informant_combo)
        form.addRow("", self.pending_label)
        form.addRow(self._labels["recording"], self.audio_options)
        self._form = form
        form.addRow(self._labels["output"], _row(self.output_edit, self.output_browse_button))

        self.leak_box = QFrame()
        self.leak_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.leak_box.setStyleSheet("QFrame#LeakBox { background: #fdecea; }")
        self.leak_box.setObjectName("LeakBox")
        self.leak_label = QLabel(wordWrap=True)
        self.leak_table = QTableWidget(0, 4)
        self.leak_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.leak_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.leak_table.verticalHeader().setVisible(False)
        self.leak_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.leak_table.horizontalHeader().setStretchLastSection(True)
        self.leak_table.setMinimumHeight(90)  # the header and two hits at least, whatever the sentences take
        self.review_button, self.anyway_button = QPushButton(), QPushButton()
        self.anyway_note = QLabel(wordWrap=True)
        self.review_button.clicked.connect(self.go_to_review)
        self.anyway_button.clicked.connect(self.export_anyway)
        leak_layout = QVBoxLayout(self.leak_box)
        leak_layout.addWidget(self.leak_label)
        leak_layout.addWidget(self.leak_table, 1)
        leak_layout.addWidget(_row(self.review_button, self.anyway_button, stretch=True))
        leak_layout.addWidget(self.anyway_note)
        self.leak_box.hide()

        self.status_label = QLabel(wordWrap=True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button, self.tables_button, self.close_button = (
            QPushButton(),
            QPushButton(),
            QPushButton(),
        )
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(lambda: self.export())
        self.tables_button.clicked.connect(lambda: self.export_tables())
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.tables_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.validation_note)  # under the form, as the warning: a wrapped label's height
        layout.addWidget(self.audio_options.warning_label)
        layout.addWidget(self.leak_box, 1)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        self.resize(640, 420)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export"))
        descriptions = {
            "docx": self.tr("Word appendix, numbered lines (.docx)"),
            "pdf": self.tr("PDF appendix, numbered lines (.pdf)"),
            "txt": self.tr("Text appendix, numbered lines (.txt)"),
            "srt": self.tr("Subtitles, SubRip (.srt)"),
            "vtt": self.tr("Subtitles, WebVTT (.vtt)"),
            "nvivo": self.tr("NVivo transcript import (.txt)"),
            "maxqda": self.tr("MAXQDA / ATLAS.ti transcript import (.txt)"),
            "json": self.tr("JSON, for other programs (.json)"),
            "plain": self.tr("Plain text, one line per turn (.txt)"),
            AUDIO: self.tr("Pseudonymised recording, names covered (.flac, .mp3, .opus, .wav)"),
        }
        _name_items(self.format_combo, descriptions)
        levels = {
            "verbatim": self.tr("verbatim (every word as spoken)"),
            "clean": self.tr("clean (fillers and repetitions left out)"),
            "strict": self.tr("strict clean"),
        }
        _name_items(self.level_combo, levels)
        self._labels["format"].setText(self.tr("Format:"))
        self._labels["level"].setText(self.tr("View:"))
        self._labels["width"].setText(self.tr("Characters per line:"))
        self._labels["key"].setText(self.tr("Key file:"))
        self._labels["profile"].setText(self.tr("For:"))
        self._name_profiles()
        self._labels["informant"].setText(self.tr("Informant:"))
        self.informant_combo.setToolTip(self.tr("Whose copy: they see their own words and no one else's"))
        self._name_informants()
        self.validation_note.setText(
            self.tr(
                "The informant's own copy: their turns in full, the interviewer's questions as context with "
                "other people and identifiers generalised, every other participant's words left out. It has "
                "the appendix's line numbers and layout, is written as Word, PDF or text only, and never "
                "becomes the appendix."
            )
        )
        self._labels["recording"].setText(self.tr("Recording:"))
        self._labels["output"].setText(self.tr("Save as:"))
        self.timestamps_box.setText(self.tr("Start each turn with its time [hh:mm:ss]"))
        self._labels["overlap"].setText(self.tr("Overlapping speech:"))
        conventions = {
            "none": self.tr("Not marked"),
            "slashes": self.tr("Marked //like this// (noScribe)"),
            "brackets": self.tr("Marked [like this] (Jefferson)"),
        }
        _name_items(self.overlap_combo, conventions)
        self.overlap_combo.setToolTip(
            self.tr(
                "Where two voices were heard at once (found with the speakers). The marks take room on "
                "the lines, so the appendix remembers the choice."
            )
        )
        self.pseudonymise_box.setText(self.tr("Pseudonymise: replace names as the names review says"))
        self.key_edit.setToolTip(self.tr("Links the codes to the real names: keep it apart from the export"))
        self.key_browse_button.setText(self.tr("Browse…"))
        self.accept_review_box.setText(self.tr("Also replace the names still waiting for review, unseen"))
        self.output_browse_button.setText(self.tr("Choose…"))
        self.review_button.setText(self.tr("Go to the names review"))
        self.anyway_button.setText(self.tr("Export anyway"))
        self.anyway_note.setText(
            self.tr(
                "“Export anyway” writes the file with these words in it. That you chose to is recorded in "
                "the project's audit log, with the number of names left in."
            )
        )
        self.leak_table.setHorizontalHeaderLabels(
            [self.tr("Line"), self.tr("Found"), self.tr("Name"), self.tr("In the line")]
        )
        self.export_button.setText(self.tr("Export"))
        self.tables_button.setText(self.tr("Tables…"))
        self.tables_button.setToolTip(
            self.tr("The informant table and the appendix overview as a Word document")
        )
        self.close_button.setText(self.tr("Close"))

    def _name_profiles(self) -> None:
        profiles = {
            None: self.tr("As decided in the review (positions, ages, places kept unless decided)"),
            "appendix": self.tr("Thesis appendix (keeps positions unless decided; named in the document)"),
            VALIDATION: self.tr("Informant's validation copy (their own turns; others left out)"),
            "archive": self.tr("Archive copy (every position, age, place and year generalised)"),
        }
        _name_items(self.profile_combo, profiles)

    def _name_informants(self) -> None:
        """The informant list's first item when nobody is chosen yet: a prompt, or that there is no one."""
        if self.informant_combo.count() and self.informant_combo.itemData(0) is None:
            self.informant_combo.setItemText(
                0,
                self.tr("Choose whose copy this is…")
                if self.informant_combo.count() > 1
                else self.tr("No one in the roster is marked informant"),
            )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _fill_informants(self) -> None:
        """The roster's informants by code and name (the window is the researcher's own: real names may
        show here). One informant, or the one the transcript is cited by, is chosen already; in a focus
        group the researcher chooses, so that no copy goes to the wrong person by default."""
        project = self.session.project
        names: dict[str, str] = {}
        for entry in [*project.roster, *roster_and_numbers(project)[0]]:
            code = entry.code or entry.label
            if entry.role == "informant" and code and entry.name.strip():
                names.setdefault(code, entry.name.strip())
        chosen = whose_copy(project, None, required=False)
        self.informant_combo.clear()
        if chosen is None:
            self.informant_combo.addItem("", None)
        for code in informant_codes(project):
            self.informant_combo.addItem(f"{code} — {names[code]}" if code in names else code, code)
        self.informant_combo.setCurrentIndex(max(self.informant_combo.findData(chosen), 0))
        self._name_informants()

    def _load_defaults(self) -> None:
        project = self.session.project
        recorded = recorded_layout(project)
        # What the researcher reads is what they export; else what they exported last, else the project's.
        level = self._shown_level or self._remembered("level") or project_level(project)
        self.level_combo.setCurrentIndex(max(self.level_combo.findData(level), 0))
        self.width_spin.setValue(recorded.width)
        self.timestamps_box.setChecked(recorded.timestamps)
        self.overlap_combo.setCurrentIndex(max(self.overlap_combo.findData(recorded.overlap_marks), 0))
        has_names = any(entry.name.strip() for entry in project.roster)
        appendix = project.layout
        self.pseudonymise_box.setChecked(has_names if appendix is None else appendix.pseudonymised)
        self._wanted_profile = appendix.profile if appendix is not None else None
        self._fill_informants()
        self.key_edit.setText(key_path(self._settings, self.session.path))
        fmt = self._remembered("format") or str(self._settings.value("export/format", "") or "")
        fmt = fmt if fmt in (*FORMATS, AUDIO) else "docx"
        suffix = self._remembered("audio") or ".flac"
        self.audio_options.set_suffix(suffix)
        self.output_edit.setText(
            output_for(str(self._folder() / self._stem()), fmt, self.audio_options.suffix)
        )
        self.format_combo.setCurrentIndex(self.format_combo.findData(fmt))
        self._offer_profiles()
        self._show_pending()
        self._update_enabled()

    def _folder(self) -> Path:
        """Where this project's last export went (if that folder is still there), else beside the project."""
        remembered = self._remembered("folder")
        if remembered and Path(remembered).is_dir():
            return Path(remembered)
        return self.session.path.parent if self.session.path else Path.home()

    def _remembered(self, name: str) -> str | None:
        """The choice ``name`` made at this project's last export (None: none yet)."""
        if self.session.path is None:
            return None
        value = self._settings.value(project_key(self.session.path, f"export/{name}"))
        return str(value) if value else None

    def _remember_choices(self, output: Path) -> None:
        """Format, view and folder of an export that was written: the next export of the project starts
        from them (the format also for the user's other projects)."""
        self._settings.setValue("export/format", self.fmt)
        if self.session.path is not None:
            for name, value in (
                ("format", self.fmt),
                ("level", self.level_combo.currentData()),
                ("folder", str(output.parent)),
                ("audio", self.audio_options.suffix),
            ):
                self._settings.setValue(project_key(self.session.path, f"export/{name}"), value)

    def _stem(self) -> str:
        path = self.session.path
        if path is None:
            return self.session.project.metadata.title or "transcript"
        return path.name[: -len(PROJECT_SUFFIX)] if path.name.endswith(PROJECT_SUFFIX) else path.stem

    def _show_pending(self) -> None:
        pending = self.session.project.pseudonymisation.waiting_for_review()
        self.pending_label.setText(
            self.tr("%n detection(s) still wait for review in the names panel.", "", pending)
            if pending
            else ""
        )
        self.pending_label.setVisible(bool(pending))

    # -- choices -------------------------------------------------------------------

    @property
    def fmt(self) -> str:
        return self.format_combo.currentData()

    def set_format(self, fmt: str) -> None:
        self.format_combo.setCurrentIndex(self.format_combo.findData(fmt))

    def _format_changed(self) -> None:
        if self.fmt == AUDIO:
            self.audio_options.offer_usable()
            self.pseudonymise_box.setChecked(True)  # a recording is only ever written pseudonymised
        self.output_edit.setText(output_for(self.output_edit.text(), self.fmt, self.audio_options.suffix))
        self._clear_warning()
        self._offer_profiles()
        self._name_the_copy()

    def _offer_profiles(self) -> None:
        """The profiles this format takes: a validation copy is the appendix's lines for one informant,
        so only a line-numbered format (DOCX, PDF, TXT) offers it — a recording holds every voice. The
        researcher's choice comes back when the format can take it again."""
        offered = [None, *(p for p in PROFILES if p != VALIDATION or self.fmt in APPENDIX_FORMATS)]
        self._offering = True
        try:
            if [self.profile_combo.itemData(i) for i in range(self.profile_combo.count())] != offered:
                self.profile_combo.clear()
                for profile in offered:
                    self.profile_combo.addItem(profile or "", profile)
                self._name_profiles()
            self.profile_combo.setCurrentIndex(max(self.profile_combo.findData(self._wanted_profile), 0))
        finally:
            self._offering = False
        self._update_enabled()

    def _profile_changed(self) -> None:
        if not self._offering:
            self._wanted_profile = self.profile_combo.currentData()
            self._clear_warning()
            self._update_enabled()
        self._name_the_copy()

    def _name_the_copy(self) -> None:
        """A validation copy is named after its informant (fg_VJ.docx), so that it never goes over the
        appendix's file by default; the name goes back to the project's when another profile is chosen.
        A name the researcher typed is left as it is."""
        text = self.output_edit.text().strip()
        if not text:
            return
        suffix = self.audio_options.suffix
        target = Path(output_for(text, self.fmt, suffix))
        ending, stem = AUDIO_ENDINGS[suffix] if self.fmt == AUDIO else ENDINGS[self.fmt], self._stem()
        ours = {stem, *(f"{stem}_{code}" for code in informant_codes(self.session.project))}
        if target.name[: -len(ending)] not in ours:
            return
        code = self.informant_combo.currentData() if self._validation() else None
        self.output_edit.setText(str(target.with_name(f"{stem}_{code}{ending}" if code else stem + ending)))

    def _clear_warning(self) -> None:
        """A refusal said under the form goes once the choice it was about changes."""
        if self.status_label.styleSheet():
            self._say("")

    def _validation(self) -> bool:
        """The export is an informant's validation copy (pseudonymised, profile validation)."""
        return self.pseudonymise_box.isChecked() and self.profile_combo.currentData() == VALIDATION

    def _audio_kind_changed(self) -> None:
        if self.fmt == AUDIO:
            self.output_edit.setText(output_for(self.output_edit.text(), AUDIO, self.audio_options.suffix))

    def _update_enabled(self) -> None:
        audio = self.fmt == AUDIO
        appendix = self.fmt in APPENDIX_FORMATS
        self.width_spin.setEnabled(appendix)
        self.timestamps_box.setEnabled(appendix)
        # A recording is everything said (the verbatim words), in no lines: those choices are not its; a
        # validation copy has the appendix's view and lines (its numbers are the thesis's), so not its either.
        validation = self._validation()
        for row in (self.level_combo, self.width_spin, self.timestamps_box, self.overlap_combo):
            self._form.setRowVisible(row, not audio and not validation)
        self._form.setRowVisible(self.informant_combo, validation)
        self.validation_note.setVisible(validation)
        model = self.format_combo.model()  # with that profile only DOCX, PDF and TXT can be chosen
        for index in range(self.format_combo.count()):
            usable = not validation or self.format_combo.itemData(index) in APPENDIX_FORMATS
            model.item(index).setEnabled(usable)
        self._form.setRowVisible(self.audio_options, audio)
        self.audio_options.warning_label.setVisible(audio)
        self.tables_button.setVisible(not audio)
        # A recording is written only pseudonymised: the recording itself is the copy with names.
        self.pseudonymise_box.setEnabled(not audio)
        pseudonymise = audio or self.pseudonymise_box.isChecked()
        for widget in (self.key_edit, self.key_browse_button, self.accept_review_box, self.profile_combo):
            widget.setEnabled(pseudonymise)

    def browse_output(self) -> None:
        filters = {
            ".docx": self.tr("Word documents (*.docx)"),
            ".pdf": self.tr("PDF documents (*.pdf)"),
            ".srt": self.tr("Subtitles (*.srt)"),
            ".vtt": self.tr("Subtitles (*.vtt)"),
            ".json": self.tr("JSON files (*.json)"),
        }
        audio = self.fmt == AUDIO
        suffix = self.audio_options.suffix if audio else Path(ENDINGS[self.fmt]).suffix
        text_filter = filters.get(suffix, self.tr("Text files (*.txt)"))
        if audio:
            text_filter = self.tr("Audio files (*{suffix})").format(suffix=suffix)
        path = prompts.save_file(self, self.tr("Export to"), text_filter, self.output_edit.text())
        if path:
            ending = suffix if audio else ENDINGS[self.fmt]
            chosen = path if path.endswith(ending) else output_for(path, self.fmt, suffix)
            self.output_edit.setText(chosen)
            if chosen == path:  # the save dialog has asked about replacing exactly this file
                self._replace_agreed = Path(path).resolve()

    def browse_key(self) -> None:
        path = prompts.save_file(
            self, self.tr("Key file"), self.tr("Key files (*.json);;All files (*)"), self.key_edit.text()
        )
        if path:
            self.key_edit.setText(path)
            self._remember_key()

    def _remember_key(self) -> None:
        remember_key_path(self._settings, self.session.path, self.key_edit.text())

    # -- exporting -------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._jobs.busy

    def export(self, *, allow_leaks: bool = False) -> None:
        """Export with the dialog's choices (on the worker thread); ``allow_leaks``: past the gate."""
        problem = self._problem()
        if problem:
            self._say(problem, warning=True)
            return
        out = Path(self.output_edit.text().strip())
        if not self._may_replace(out):
            self._say(self.tr("Nothing was written: choose another name under “Save as”."))
            return
        if self.fmt == AUDIO:
            self._export_audio(out, allow_leaks=allow_leaks)
            return
        pseudonymise = self.pseudonymise_box.isChecked()
        key = Path(self.key_edit.text().strip()) if pseudonymise else None
        if key is not None:
            self._remember_key()
        project = light_copy(self.session.project)
        # A validation copy is laid out as the appendix (core reads its recorded view and lines).
        validation = self._validation()
        request = ExportRequest(
            self.fmt,
            out,
            level=None if validation else self.level_combo.currentData(),
            width=None if validation else self.width_spin.value(),
            timestamps=None if validation else self.timestamps_box.isChecked(),
            overlap_marks=None if validation else self.overlap_combo.currentData(),
            pseudonymise=pseudonymise,
            key=key,
            accept_review=pseudonymise and self.accept_review_box.isChecked(),
            allow_leaks=pseudonymise and allow_leaks,
            profile=self.profile_combo.currentData() if pseudonymise else None,
            informant=self.informant_combo.currentData() if validation else None,
        )
        session = self.session
        self.leak_box.hide()
        self._set_running(True)
        self._say(self.tr("Exporting…"))
        self._jobs.run(
            lambda: export_transcript(project, request),
            lambda outcome: self._finished(session, outcome),
            self._failed,
        )

    def _export_audio(self, out: Path, *, allow_leaks: bool) -> None:
        """The pseudonymised recording (``export_audio``) on the worker thread, on a copy of the project."""
        key = Path(self.key_edit.text().strip())
        self._remember_key()
        request = AudioRequest(
            out,
            key,
            accept_review=self.accept_review_box.isChecked(),
            allow_leaks=allow_leaks,
            profile=self.profile_combo.currentData(),
            **self.audio_options.choices(),
        )
        project, session = light_copy(self.session.project), self.session
        path = session.path
        self.leak_box.hide()
        self._set_running(True)
        self._say(self.tr("Writing the pseudonymised recording…"))
        self._jobs.run(
            lambda: run_audio_export(project, path, request),
            lambda exported: self._audio_finished(session, exported, request),
            self._audio_failed,
        )

    def _audio_failed(self, error: BaseException) -> None:
        if isinstance(error, LeakError):  # the recording's gate: by the line of its spoken words
            self._set_running(False)
            self.outcome = None
            self._show_leaks(leak_rows(error.leaks, None))
            return
        self._failed(error)

    def _audio_finished(self, session: ProjectSession, exported: AudioExported, request) -> None:
        self._set_running(False)
        outcome = exported.outcome
        if exported.decisions or exported.audit:
            session.edit(
                self.tr("Export to {name}").format(name=request.output.name),
                lambda target: apply_audio_export(target, exported),
            )
        covered = sum(span.end - span.start for span in outcome.spans)
        names = self.tr("%n name mention(s)", "", outcome.names)
        identifiers = getattr(outcome, "identifiers", 0)  # by the profile (core's AudioOutcome, issue 18)
        if identifiers:
            names = self.tr("{names} and {identifiers}").format(
                names=names, identifiers=self.tr("%n indirect identifier(s)", "", identifiers)
            )
        parts = [
            self.tr("Wrote {path}: {names} covered in {n} stretch(es), {seconds} s in all.").format(
                path=str(request.output),
                names=names,
                n=len(outcome.spans),
                seconds=f"{covered:.1f}",
            ),
            self.tr("The key is in {key}: keep it apart from the recording.").format(key=str(request.key)),
        ]
        if request.disguise_semitones:
            parts.append(self.tr("The voice disguise is weak: the recording still identifies the speakers."))
        if outcome.leaks:
            parts.append(self._leaks_sentence(outcome.leaks))
        self._say(" ".join(parts))
        self._remember_choices(request.output)
        self.exported.emit(str(request.output))

    def _leaks_sentence(self, leaks: int) -> str:
        """What an output written with possible real names in it (the researcher's audited choice) says."""
        return self.tr(
            "{n} possible real name(s) are in it, as you chose; this is recorded in the audit log."
        ).format(n=leaks)

    def _may_replace(self, out: Path) -> bool:
        """An existing file is replaced only when the user says so (once for that file)."""
        if not out.exists() or out.resolve() == self._replace_agreed:
            return True
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Replace the file?"),
            self.tr("“{name}” already exists in {folder}. Replace it with this export?").format(
                name=out.name, folder=str(out.parent)
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        if prompts.choose(box) != QMessageBox.StandardButton.Yes:
            return False
        self._replace_agreed = out.resolve()
        return True

    def export_anyway(self) -> None:
        """Write the export with the names the gate found (recorded in the audit log)."""
        self.export(allow_leaks=True)

    def go_to_review(self) -> None:
        self.review_requested.emit()
        self.reject()

    def _problem(self) -> str | None:
        output = self.output_edit.text().strip()
        if not output:
            return self.tr("Choose where to save the export.")
        if not Path(output).parent.is_dir():
            return self.tr("The folder {folder} does not exist.").format(folder=str(Path(output).parent))
        pseudonymised = self.pseudonymise_box.isChecked() or self.fmt == AUDIO
        if pseudonymised:
            key = self.key_edit.text().strip()
            if not key:
                return self.tr(
                    "A pseudonymised export needs a key file: the file that links codes to real names, "
                    "kept apart from the export."
                )
            if Path(key).resolve() == Path(output).resolve():
                return self.tr("The key and the export must be two different files.")
        key = self.key_edit.text().strip() if pseudonymised else None
        if self._validation() and self.informant_combo.currentData() is None:
            if self.informant_combo.count() > 1:
                return self.tr(
                    "Choose under “Informant:” whose validation copy this is: each informant sees only "
                    "their own words, never another participant's."
                )
            return self.tr(
                "No one in the roster is marked informant, so there is no one to make a validation copy "
                "for. Mark the informant in the roster, then export again."
            )
        return self._overwrites_an_input(output, key)

    def _overwrites_an_input(self, output: str | Path, key: str | None = None) -> str | None:
        """The commands' rule (core/file_safety): the export and the key never replace the project, its
        .bak or the recording, however the path is spelled or linked."""
        session = self.session
        recording = session.project.audio_file(session.path) if session.path else None
        try:
            check_files(
                [
                    reading(session.path, "the project you are exporting", project=True),
                    reading(recording, "the recording"),
                ],
                [
                    writing(output, "The export", self.tr("“Save as”")),
                    writing(key or None, "The key", self.tr("“Key file”"), backup=True),
                ],
            )
        except TranskriptError as error:
            return core_message(str(error))
        return None

    def _finished(self, session: ProjectSession, outcome: ExportOutcome) -> None:
        self._set_running(False)
        self.outcome = outcome
        self._record(session, outcome)
        parts = [self.tr("Wrote {path}.").format(path=str(outcome.path))]
        if outcome.request.profile == VALIDATION:
            parts.append(
                self.tr(
                    "It is {code}'s validation copy: their own turns with the appendix's line numbers, "
                    "other participants left out; it does not become the appendix."
                ).format(code=outcome.request.informant)
            )
        elif outcome.lines is not None and outcome.appendix:
            parts.append(
                self.tr("{n} numbered lines; citations now use these lines.").format(n=outcome.lines)
            )
        elif outcome.lines is not None:
            parts.append(
                self.tr(
                    "This copy is not pseudonymised, so it is private: citations and validation packages "
                    "keep using the pseudonymised appendix."
                )
            )
        if outcome.key is not None:
            parts.append(
                self.tr("The key is in {key}: keep it apart from the export.").format(key=str(outcome.key))
            )
        if outcome.leaks:
            parts.append(self._leaks_sentence(outcome.leaks))
        self._say(" ".join(parts))
        self._remember_choices(Path(outcome.path))
        self.exported.emit(str(outcome.path))

    def _record(self, session: ProjectSession, outcome: ExportOutcome) -> None:
        """Bring the export's audit entries, stored decisions and appendix layout into the project."""
        if outcome.changed:
            session.edit(
                self.tr("Export to {name}").format(name=outcome.path.name),
                lambda target: apply_export(target, outcome),
            )

    def _failed(self, error: BaseException) -> None:
        self._set_running(False)
        if isinstance(error, ExportStopped):
            self.outcome = None
            self._show_leaks(error.rows)
            return
        message = (
            core_message(str(error))
            if isinstance(error, TranskriptError)
            else f"{type(error).__name__}: {error}"
        )
        self._say(self.tr("Nothing was written: {reason}").format(reason=message), warning=True)

    def _show_leaks(self, rows: list[LeakRow]) -> None:
        self.leak_label.setText(
            self.tr(
                "<b>The export was stopped: {n} real name(s) would still be in it. "
                "Nothing was written.</b><br>"
                "These words are names from the roster or names replaced elsewhere, left as written here. "
                "Go to the names review to replace them (or reject them if they are not names), then export "
                "again — or export anyway if you are sure they may stay."
            ).format(n=len(rows))
        )
        self.leak_table.setRowCount(len(rows))
        for row, leak in enumerate(rows):
            line = QTableWidgetItem(str(leak.line))
            line.setToolTip(
                self.tr("appendix line") if leak.appendix else self.tr("line of the exported file")
            )
            line.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            cells = [
                line,
                QTableWidgetItem(leak.found),
                QTableWidgetItem(leak.name),
                QTableWidgetItem(leak.context),
            ]
            for column, cell in enumerate(cells):
                self.leak_table.setItem(row, column, cell)
        self.leak_box.show()
        self._say("")
        self._fit_explanations()

    def _fit_explanations(self) -> None:
        """Give the leak box's wrapped sentences the height they need at their width, and the dialog the
        height that takes: a box layout gives a word-wrapped label the height of its first guess, and the
        table beside it took the rest, cutting the explanation off (issue 13)."""
        if not self.leak_box.isVisible():
            return
        self.layout().activate()
        for label in (self.leak_label, self.anyway_note, self.audio_options.warning_label):
            label.setMinimumHeight(label.heightForWidth(max(label.width(), 1)))
        self.layout().activate()
        needed = self.layout().minimumSize().height()
        if needed > self.height():
            screen = self.screen().availableGeometry().height() if self.screen() else needed
            self.resize(self.width(), min(needed, screen))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_explanations()

    def leak_list(self) -> list[tuple[str, str, str, str]]:
        """The hits as the table shows them: (line, found, name, context)."""
        table = self.leak_table
        return [
            tuple(table.item(row, column).text() for column in range(4)) for row in range(table.rowCount())
        ]

    # -- tables ----------------------------------------------------------------------

    def export_tables(self, path: str | None = None) -> None:
        """The informant table and appendix overview of this project, as a Word document."""
        if path is None:
            path = prompts.save_file(
                self,
                self.tr("Tables"),
                self.tr("Word documents (*.docx)"),
                str(self._folder() / "tabeller.docx"),
            )
            if not path:
                return
        target = Path(path)
        if target.suffix.lower() != ".docx":
            target = target.with_name(target.name + ".docx")
        problem = self._overwrites_an_input(target)
        if problem:
            self._say(problem, warning=True)
            return
        project = light_copy(self.session.project)
        self._set_running(True)

        def written(_text: str) -> None:
            self._set_running(False)
            self._say(
                self.tr(
                    "Wrote {path}: the informant table by code (no real names) and the appendix overview."
                ).format(path=str(target))
            )

        from ..core.exports.tables import export_tables  # python-docx: loaded when first needed

        self._jobs.run(lambda: export_tables([project], target), written, self._failed)

    # -- helpers -------------------------------------------------------------------

    def _set_running(self, running: bool) -> None:
        for widget in (self.export_button, self.tables_button, self.anyway_button, self.review_button):
            widget.setEnabled(not running)

    def _say(self, text: str, *, warning: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet("color: #a00000;" if warning else "")


def _row(*widgets: QWidget, stretch: bool = False) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for index, widget in enumerate(widgets):
        layout.addWidget(widget, 1 if index == 0 and not stretch else 0)
    if stretch:
        layout.addStretch(1)
    return row


def _name_items(combo: QComboBox, texts: dict) -> None:
    """Each item's text in the window's language, found by the item's data."""
    for index in range(combo.count()):
        combo.setItemText(index, texts[combo.itemData(index)])
