"""The resized copies of the images posts and pages show, published at `/afbeeldingen/…`."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from flask import Response, abort, current_app

from newsroom.loading.images import copy_bytes


def copy(filename: str) -> Response:
    """One copy of an image: `<path of the image>/<width>.<webp|jpg|png>`."""
    path, _, name = filename.rpartition("/")
    info = current_app.extensions["newsroom"].index.images.get(path)
    if info is None or filename not in {
        info.copy_name(w, fmt) for w in info.widths for fmt in info.formats
    }:
        abort(404)
    config = current_app.config
    cache = Path(config["CACHE_DIR"]) if config["CACHE_DIR"] else None
    data = copy_bytes(Path(config["CONTENT_DIR"]), cache, info, filename)
    mimetype = mimetypes.guess_type(name)[0]
    return Response(data, mimetype=mimetype)
