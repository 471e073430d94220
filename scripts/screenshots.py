"""Screenshots of the real window through the workflow, in English and Danish: docs/screenshots/*.png.

Run through ``scripts/screenshots``, which starts a 1366×768 X screen (Xvfb and
openbox) for it. The interview is the 4-speaker long-form recording of the
test data (2 min 7 s of read Danish, CC0): transcribed here by the CLI with the
test suite's Whisper base model (or ``--model``), its speakers set from the
recording's reference turns, a roster with names, so that the names review
has something to find. Each picture is the whole screen, menus and dialogs
included. The settings live in a temporary folder, never the user's.

    scripts/screenshots                     # all pictures, both languages
    python scripts/screenshots.py --model PATH --out docs/screenshots   # on a screen you already have
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QPoint, QSettings, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog  # noqa: E402

from transcribe_app.core.diarise.assign import assign_speakers  # noqa: E402
from transcribe_app.core.diarise.der import read_rttm  # noqa: E402
from transcribe_app.core.editing import edit_turn  # noqa: E402
from transcribe_app.core.project.file import load_project, save_project  # noqa: E402
from transcribe_app.core.project.record import RosterEntry  # noqa: E402

# Read speech names no one: two turns say what an interview would, so that the names review has work.
SAID = {
    "spk113": "Ja, jeg hedder Vibeke Jensen, og jeg har været på jobcentret i Herning Kommune i ti år.",
    "spk0042": "Tak, Vibeke. Hvad sagde Karin Storm og Henrik til det dengang?",
}
RECORDING = REPO / "tests" / "data" / "nst_da" / "longform_4spk.flac"
TURNS = REPO / "tests" / "data" / "nst_da" / "longform_4spk.rttm"
# Who the four readers are in the pictures: invented people, as a researcher's roster would list them.
ROSTER = [
    RosterEntry(label="spk0042", name="Mette Holm", code="I", role="interviewer"),
    RosterEntry(label="spk113", name="Vibeke Jensen", code="VJ", role="informant", aliases=["Vibse"]),
    RosterEntry(label="spk25", name="Henrik Krogh", code="HK", role="informant"),
    RosterEntry(label="spk0013", name="Per Dahl", code="PD", role="informant"),
]


def make_project(folder: Path, model: str) -> Path:
    """The interview transcribed by the CLI (as a researcher would), with speakers and a roster."""
    audio = folder / "interview.flac"
    shutil.copy(RECORDING, audio)
    project_path = folder / "interview.transkript.json"
    subprocess.run(
        [sys.executable, "-m", "transcribe_app", "transcribe", str(audio), "--model", model,
         "--title", "Interview 3: jobcentret", "-o", str(project_path)],
        check=True, cwd=REPO,
    )  # fmt: skip
    project = load_project(project_path)
    project.segments = assign_speakers(project.segments, read_rttm(TURNS))
    project.roster = list(ROSTER)
    for label, text in SAID.items():
        first = next(i for i, segment in enumerate(project.segments) if segment.speaker == label)
        edit_turn(project, [first], text)
    project.metadata.citation_code = "VJ"
    project.metadata.appendix = 3
    save_project(project, project_path)
    return project_path


class Shooter:
    """Takes the pictures: waits for the window to settle, grabs the whole screen."""

    def __init__(self, app: QApplication, out: Path, suffix: str):
        self.app, self.out, self.suffix = app, out, suffix
        self.taken: list[Path] = []

    def settle(
        self, seconds: float = 0.4, until: Callable[[], bool] | None = None, limit: float = 60
    ) -> None:
        end = time.monotonic() + limit
        while until is not None and not until() and time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.05)
        stop = time.monotonic() + seconds
        while time.monotonic() < stop:
            self.app.processEvents()
            time.sleep(0.02)

    def shoot(self, name: str) -> Path:
        self.settle()
        path = self.out / f"{name}{self.suffix}.png"
        QGuiApplication.primaryScreen().grabWindow(0).save(str(path))
        self.taken.append(path)
        return path


def popup(shooter: Shooter, window, menu, name: str) -> None:
    """Open one of the window's menus as a click would, and picture it."""
    bar = window.menuBar()
    rect = bar.actionGeometry(menu.menuAction())
    menu.popup(bar.mapToGlobal(QPoint(rect.left(), rect.bottom())))
    shooter.shoot(name)
    menu.close()


def shoot_language(app: QApplication, language: str, project: Path, out: Path) -> list[Path]:
    from transcribe_app.gui import i18n
    from transcribe_app.gui.main_window import MainWindow

    suffix = "" if language == "en" else f"-{language}"
    shooter = Shooter(app, out, suffix)
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        settings.setValue(i18n.SETTING, language)
        i18n.install(language)
        window = MainWindow(settings)
        window.showMaximized()
        shooter.settle(1.0)
        shooter.shoot("01-start")  # empty: nothing opened yet

        window.open_project(project)
        window.transcription_dock.raise_()
        shooter.settle(1.0)
        shooter.shoot("02-editor")
        window.roster_dock.raise_()
        shooter.shoot("03-speakers")
        window.research.names_dock.raise_()
        names = window.research.names_panel
        shooter.settle(1.0, until=lambda: names.review is not None and not names.busy, limit=120)
        shooter.shoot("04-names")
        window.research.cite_dock.raise_()
        cite = window.research.cite_panel
        shooter.settle(1.0, until=lambda: cite.view is not None and not cite.busy, limit=120)
        shooter.shoot("05-cite")
        popup(shooter, window, window.edit_menu, "06-edit-menu")
        popup(shooter, window, window.view_menu, "07-view-menu")
        dialog = window.research.export()
        shooter.shoot("08-export")
        dialog.reject()
        shortcuts = window.show_shortcuts()
        shooter.shoot("09-shortcuts")
        shortcuts.close()

        window.close_project()
        shooter.settle(0.5)
        shooter.shoot("10-start-recent")
        window.close()
        if isinstance(dialog, QDialog):
            dialog.deleteLater()
        i18n.install("en")
    return shooter.taken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--model", help="a Whisper model (path or name); default: the tests' base model")
    parser.add_argument("--languages", default="en,da")
    args = parser.parse_args(argv)
    if args.model is None:
        from tests.model_files import faster_whisper_base_dir

        args.model = str(faster_whisper_base_dir())
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(["transkript"])
    app.setOrganizationName("Transkript-screenshots")  # never the user's settings
    taken = []
    with tempfile.TemporaryDirectory() as folder:
        project = make_project(Path(folder), args.model)
        for language in args.languages.split(","):
            taken += shoot_language(app, language, project, args.out)
    QTimer.singleShot(0, app.quit)
    for path in taken:
        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
