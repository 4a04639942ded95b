"""Images and downloads: the files in `content/bestanden/` that the site publishes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

FILES_FOLDER = "bestanden"
"""Images and downloads live in `content/bestanden/` and are published at `/bestanden/…`."""
IMAGES_PATH = "afbeeldingen"
"""The resized copies of the images posts and pages show are published at `/afbeeldingen/…`."""


def published_files(content_dir: Path) -> Iterator[str]:
    """Every file to publish, as a path inside the files folder; hidden files and links stay
    out."""
    folder = content_dir / FILES_FOLDER
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_symlink() or not path.is_file():
            continue
        if any(part.startswith(".") for part in relative.parts):
            continue
        yield relative.as_posix()
