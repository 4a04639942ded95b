"""What is wrong with the images the posts and pages show, as problems at their lines:
alternative text, files that cannot be published, photos linked as downloads with camera data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from newsroom.content import images
from newsroom.content.editor_texts import _
from newsroom.core.errors import Problem
from newsroom.core.models import Post, StandalonePage
from newsroom.loading.documents import line_naming
from newsroom.markup.figures import alt_problem, attributes

Document = Post | StandalonePage
SHOWN_TAG = re.compile(r'<img\b[^>]*?\ssrc="bestanden/[^>]*>')
_LINKED = re.compile(r'<a\b[^>]*?\shref="bestanden/([^"#]+)"')


@lru_cache(maxsize=1 << 16)
def linked_files(body_html: str) -> tuple[str, ...]:
    """The paths (inside bestanden/) of the files a body links to as downloads (remembered
    per body, as `images.shown_images`)."""
    return tuple(path.replace("&amp;", "&") for path in _LINKED.findall(body_html))


def _lines(document: Document) -> list[str]:
    try:
        return document.source.read_text("utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return []


_PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff")


def download_warnings(folder: Path, documents: Sequence[Document]) -> list[Problem]:
    """A warning for each photo linked as a download whose file tells where or with what it
    was taken: a download is published as it is, unlike the copies of an image shown."""
    problems = []
    for document in documents:
        for path in dict.fromkeys(linked_files(document.body_html)):
            file = folder / path
            if not path.lower().endswith(_PHOTO_SUFFIXES) or not file.is_file():
                continue
            found = images.camera_data(file)
            if not found:
                continue
            name = path.rsplit("/", 1)[-1]
            message = _(
                "linked as a download, so the file is published as it is, with what the camera "
                "stored in it (%(found)s); show it as an image instead (![…](…)), or remove "
                "that data before linking it",
                found=", ".join(_(what) for what in found),
            )
            problems.append(
                Problem(
                    str(document.source),
                    f'"{name}": {message}',
                    field="link",
                    line=_link_line(_lines(document), name),
                    severity="warning",
                )
            )
    return problems


def alt_problems(documents: Sequence[Document]) -> list[Problem]:
    """An error for each image from bestanden/ without alternative text (or with it while
    marked decorative), at the line that shows it."""
    problems = []
    for document in documents:
        seen: dict[str, int] = {}
        lines: list[str] | None = None
        for tag in SHOWN_TAG.findall(document.body_html):
            found = attributes(tag)
            name = found.get("src", "").rsplit("/", 1)[-1]
            seen[name] = seen.get(name, 0) + 1
            problem = alt_problem(found)
            if problem is None:
                continue
            lines = _lines(document) if lines is None else lines
            problems.append(
                Problem(
                    str(document.source),
                    f'"{name}": {problem}',
                    field="image",
                    line=line_naming(lines, name, seen[name]),
                )
            )
    return problems


def _link_line(lines: list[str], name: str) -> int | None:
    """The line of a Markdown link (not an image) to the file `name`, else any naming it."""
    link = re.compile(r"(?<!!)\[[^\]]*\]\([^)]*" + re.escape(name))
    found = next((n for n, line in enumerate(lines, 1) if link.search(line)), None)
    return found or line_naming(lines, name)


def refusal(document: Document, path: str, message: str) -> Problem:
    name = path.rsplit("/", 1)[-1]
    line = line_naming(_lines(document), name)
    return Problem(str(document.source), f'"{name}": {message}', field="image", line=line)
