"""The steps of the work, in one row above the editor: Transcribe → Speakers & people → Correct →
Names → Cite → Export.

Each step is a button that says where the project stands ("Names to review: 12",
"Appendix out of date") and, clicked, takes the researcher to that step: its
panel comes to the front, or the export dialog opens. The first step that is not
done yet is marked as the next one. The states are read from the project as it
is stored (counts, the records the stages keep), so this bar never runs a
detection or an export itself: the Names panel's last review says how many
names wait, and the Cite panel's last look at the appendix whether it is out of
date.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QSizePolicy, QToolBar, QToolButton, QWidget

from ..core.project.record import COMPLETE, Project
from ..core.project.transcript import LOW_CONFIDENCE

# The next step is underlined and tinted; the others are plain text until the pointer is on them.
STYLE = (
    "QToolButton { padding: 3px 10px; border: none; border-bottom: 3px solid transparent; }"
    "QToolButton:hover { background: palette(midlight); }"
    "QToolButton:checked { border-bottom: 3px solid #1e6fd9; background: #e8f0fc; font-weight: bold; }"
)
STEPS = ("transcribe", "speakers", "correct", "names", "cite", "export")


@dataclass(frozen=True)
class StepState:
    """What one step shows: its state in words, whether it is done, what a click does."""

    state: str
    done: bool
    action: str


def uncertain_words(project: Project, threshold: float = LOW_CONFIDENCE) -> int:
    """Words Whisper was unsure of (the editor shades them; F8 goes to the next)."""
    return sum(
        1
        for segment in project.segments
        for word in segment.words
        if word.probability is not None and word.probability < threshold
    )


def names_to_review(project: Project) -> int | None:
    """Mentions the last names review left for the researcher; None if no review has run yet."""
    entities = project.pseudonymisation.entities
    if not entities:
        return None
    return sum(entity.count("review") for entity in entities)


class StepBar(QToolBar):
    """The row of steps; ``step_requested`` names the step clicked (one of ``STEPS``)."""

    step_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("StepsBar")
        self.setMovable(False)
        self.setFloatable(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.project: Project | None = None
        self.appendix_out_of_date: bool | None = None  # as the Cite panel last saw it; None: not known
        self.names_waiting: int | None = None  # as the Names panel last counted them; None: not known
        self.buttons: dict[str, QToolButton] = {}
        for step in STEPS:
            button = QToolButton(self)
            button.setObjectName(f"step_{step}")
            button.setCheckable(True)  # checked: the next step to take
            button.setAutoRaise(True)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            button.clicked.connect(lambda _=False, s=step: self._clicked(s))
            self.addWidget(button)
            self.buttons[step] = button
        self.setStyleSheet(STYLE)
        # A change of the project updates the steps once typing pauses, not on every key.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)
        self._timer.timeout.connect(self.update_states)
        self.update_states()

    def _clicked(self, step: str) -> None:
        self.update_states()  # a click unchecks a checkable button: the next step stays marked
        self.step_requested.emit(step)

    def set_project(self, project: Project | None) -> None:
        self.project = project
        self.appendix_out_of_date = None
        self.names_waiting = None
        self.update_states()

    def project_changed(self) -> None:
        """The project changed: update the states shortly."""
        self._timer.start()

    def set_appendix_out_of_date(self, out_of_date: bool | None) -> None:
        if out_of_date != self.appendix_out_of_date:
            self.appendix_out_of_date = out_of_date
            self.update_states()

    def set_names_waiting(self, waiting: int | None) -> None:
        """The Names panel's latest count of names to review (it looks at the text as it is now)."""
        if waiting != self.names_waiting:
            self.names_waiting = waiting
            self.update_states()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.update_states()
        super().changeEvent(event)

    # -- the states ------------------------------------------------------------------------

    def titles(self) -> dict[str, str]:
        return {
            "transcribe": self.tr("Transcribe"),
            "speakers": self.tr("Speakers && people"),
            "correct": self.tr("Correct"),
            "names": self.tr("Names"),
            "cite": self.tr("Cite"),
            "export": self.tr("Export"),
        }

    def states(self) -> dict[str, StepState]:
        """Every step's state for the open project (empty texts when none is open)."""
        project = self.project
        if project is None:
            return {step: StepState("", False, "") for step in STEPS}
        rules: dict[str, Callable[[Project], StepState]] = {
            "transcribe": self._transcribe,
            "speakers": self._speakers,
            "correct": self._correct,
            "names": self._names,
            "cite": self._cite,
            "export": self._export,
        }
        return {step: rule(project) for step, rule in rules.items()}

    def _transcribe(self, project: Project) -> StepState:
        run = project.transcription
        if not project.segments:
            return StepState(self.tr("Not transcribed yet"), False, self.tr("Transcribe the recording"))
        if run is not None and run.status != COMPLETE:
            return StepState(self.tr("Stopped before the end"), False, self.tr("Resume the transcription"))
        return StepState(
            self.tr("Segments: {n}").format(n=len(project.segments)),
            True,
            self.tr("Transcribe again or find the speakers"),
        )

    def _speakers(self, project: Project) -> StepState:
        if not project.roster:
            return StepState(
                self.tr("No one in the roster yet"), False, self.tr("Say who speaks and who is mentioned")
            )
        return StepState(
            self.tr("People: {n}").format(n=len(project.roster)), True, self.tr("Edit the roster")
        )

    def _correct(self, project: Project) -> StepState:
        if not project.segments:
            return StepState(self.tr("Nothing to correct yet"), False, self.tr("Transcribe first"))
        unsure = uncertain_words(project)
        if unsure:
            return StepState(
                self.tr("Uncertain words: {n}").format(n=unsure),
                False,
                self.tr("Go to the next uncertain word (F8)"),
            )
        return StepState(self.tr("No uncertain words"), True, self.tr("Read through and correct"))

    def _names(self, project: Project) -> StepState:
        pending = self.names_waiting if self.names_waiting is not None else names_to_review(project)
        if pending is None:
            return StepState(self.tr("Not reviewed yet"), False, self.tr("Review the names found"))
        if pending:
            return StepState(
                self.tr("Names to review: {n}").format(n=pending), False, self.tr("Review the names found")
            )
        return StepState(self.tr("All names reviewed"), True, self.tr("Review the names found"))

    def _cite(self, project: Project) -> StepState:
        quotes = len(project.quotes)
        state = self.tr("Quotes: {n}").format(n=quotes) if quotes else self.tr("No quotes yet")
        return StepState(state, quotes > 0, self.tr("Find the lines to cite and collect quotes"))

    def _export(self, project: Project) -> StepState:
        if project.layout is None:
            return StepState(self.tr("No appendix yet"), False, self.tr("Export the appendix"))
        if self.appendix_out_of_date:
            return StepState(self.tr("Appendix out of date"), False, self.tr("Export the appendix again"))
        return StepState(self.tr("Appendix exported"), True, self.tr("Export again or another format"))

    def update_states(self) -> None:
        """Every button's text, tooltip and mark from the project as it is now."""
        self._timer.stop()
        titles = self.titles()
        states = self.states()
        next_step = next((s for s in STEPS if self.project is not None and not states[s].done), None)
        for number, step in enumerate(STEPS, start=1):
            button, state = self.buttons[step], states[step]
            title = f"{number}  {titles[step]}"
            button.setText(f"{title}\n{state.state}" if state.state else title)
            button.setToolTip(state.action)
            button.setStatusTip(state.action)
            button.setAccessibleName(f"{titles[step].replace('&&', '&')}: {state.state}")
            button.setChecked(step == next_step)
