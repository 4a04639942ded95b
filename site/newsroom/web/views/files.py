"""Images and downloads from `content/bestanden/`, published at `/bestanden/<path>`."""

from __future__ import annotations

from pathlib import Path

from flask import Response, current_app, send_from_directory

from newsroom.content.files import FILES_FOLDER


def file(filename: str) -> Response:
    return send_from_directory(Path(current_app.config["CONTENT_DIR"]) / FILES_FOLDER, filename)
