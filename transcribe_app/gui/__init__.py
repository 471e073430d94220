"""The desktop window (PySide6): a view on ``transcribe_app.core``, never the other way round."""
