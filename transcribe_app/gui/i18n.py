"""The window's language: Danish or English, through Qt's translation system.

English is the source language of every string (``tr()``); Danish comes from
``resources/translations/transkript_da.qm`` (compiled from the ``.ts`` file by
``scripts/update_translations``), together with Qt's own Danish strings
(``qtbase_da.qm``: the buttons of standard dialogs) where PySide6 ships them.

The language is Danish when the system's locale is Danish, English otherwise;
the ``language`` setting (View → Language) overrides that. Switching at run
time sends every widget a ``LanguageChange`` event: widgets that build their
texts in a ``retranslate()`` method called from ``changeEvent`` follow at once.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)

from ..core.resources import resource_path

LANGUAGES = ("da", "en")  # what the window speaks; "" in the setting means "as the system"
SETTING = "language"

_installed: list[QTranslator] = []

# Qt's own dialogs in Danish come from Qt's catalogue (qtbase_da), which leaves a few strings of its file
# dialog in English. They are translated in ours (same context as Qt looks them up in): Qt asks the
# translators installed last first, so Qt's own translation wins wherever it has one.
QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)


def translations_dir():
    return resource_path("translations")


def system_language(locale: QLocale | None = None) -> str:
    """``da`` when the system's locale is Danish, else ``en``."""
    locale = locale or QLocale.system()
    return "da" if locale.language() == QLocale.Language.Danish else "en"


def chosen_language(settings: QSettings, locale: QLocale | None = None) -> str:
    """The language to use: the setting if it names one, else the system's."""
    value = str(settings.value(SETTING, "") or "")
    return value if value in LANGUAGES else system_language(locale)


def install(language: str) -> bool:
    """Make ``language`` the window's language now; False if its translation could not be loaded.

    Removes the previous translators first, so switching back to English works too.
    """
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    try:
        if language == "da":
            return _install_danish(app)
        if language == "en":
            _install_english_plurals(app)
            return True
        return False
    finally:
        # Qt posts LanguageChange to every widget; deliver it now, so the switch shows at once.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)


def _install_danish(app: QCoreApplication) -> bool:
    ours = QTranslator(app)
    if not ours.load("transkript_da", str(translations_dir())):
        return False
    app.installTranslator(ours)
    _installed.append(ours)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_da", "qtmultimedia_da"):
        qt = QTranslator(app)
        if qt.load(name, qt_dir):
            app.installTranslator(qt)
            _installed.append(qt)
    return True


def _install_english_plurals(app: QCoreApplication) -> None:
    """English is the source language, but a count needs its English forms too ("1 person", "2 people"):
    ``transkript_en.qm`` holds only the messages with a count (lupdate -pluralonly)."""
    plurals = QTranslator(app)
    plurals.setObjectName("en")  # current_language() tells the languages apart by this
    if plurals.load("transkript_en", str(translations_dir())):
        app.installTranslator(plurals)
        _installed.append(plurals)


def current_language() -> str:
    return "en" if not _installed or _installed[0].objectName() == "en" else "da"
