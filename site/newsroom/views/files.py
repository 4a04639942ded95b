"""Images and downloads from `content/bestanden/`, published at `/bestanden/<path>`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from flask import Blueprint, Flask, Response, current_app, send_from_directory

from ..crossrefs import FILES_FOLDER

files = Blueprint("files", __name__)
"""Registered only when there are files (or in preview): Frozen-Flask warns about an endpoint
that generates nothing."""


def files_dir(app: Flask | None = None) -> Path:
    return Path((app or current_app).config["CONTENT_DIR"]) / FILES_FOLDER


def published_files(folder: Path) -> Iterator[str]:
    """Every file to publish, as a path inside `folder`; hidden files and links stay out."""
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_symlink() or not path.is_file():
            continue
        if any(part.startswith(".") for part in relative.parts):
            continue
        yield relative.as_posix()


@files.route(f"/{FILES_FOLDER}/<path:filename>")
def file(filename: str) -> Response:
    return send_from_directory(files_dir(), filename)
