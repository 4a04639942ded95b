"""Flask CLI commands for editors: `flask --app newsroom …`."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    """Attach the editors' commands to the app."""
