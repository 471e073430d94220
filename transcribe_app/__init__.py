"""Transkript: offline, citable, pseudonymised transcripts of research interviews."""

__version__ = "0.1.0"
APP_NAME = "Transkript"
