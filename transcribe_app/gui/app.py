"""``python -m transcribe_app``: start the desktop window."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from .. import __version__
from ..core.resources import resource_path
from . import i18n
from .files import kind_of
from .garbage import MainThreadCollector
from .main_window import MainWindow
from .settings import APPLICATION, ORGANISATION, app_settings


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication (the one that exists, in tests), named for QSettings, in the chosen language."""
    app = QApplication.instance()
    if app is None:
        # Fractional scaling (125 %, 150 % on Windows laptops) as the screen asks, not rounded.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(list(argv if argv is not None else sys.argv))
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resource_path("icons", "transkript.png"))))  # 256 px: sharp on high DPI
    return app


def create_window(settings: QSettings | None = None, files: Sequence[str] = ()) -> MainWindow:
    """The main window in the language the settings (or the system) choose, with ``files`` opened."""
    settings = settings if settings is not None else app_settings()
    i18n.install(i18n.chosen_language(settings))
    window = MainWindow(settings)
    for path in files:
        if kind_of(path) is not None:
            window.open_file(path)
            break
    return window


def run(argv: Sequence[str] | None = None) -> int:
    """Show the window and run until it closes; the exit status."""
    argv = list(argv if argv is not None else sys.argv)
    app = create_application(argv)
    MainThreadCollector(app)  # from here on, no thread but this one destroys a Qt object
    window = create_window(files=argv[1:])
    window.show()
    if os.environ.get("TRANSKRIPT_QUIT_AFTER_START"):
        # For the bundle's smoke test and start-up timing: close once the window has been drawn.
        QTimer.singleShot(0, window.close)
    return app.exec()
