"""Where a finding is in a content file (its lines, the line of a text or of a field), and a
moment as findings show it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from newsroom.content.sources import read_text
from newsroom.core.models import Post, StandalonePage

_READ: ContextVar[dict[Path, list[str]] | None] = ContextVar("_READ", default=None)
"""The lines of the files read during one check (a post with several findings is read once)."""


@contextmanager
def remembered_lines() -> Iterator[None]:
    """Within the block, each file's lines are read once (one check, one state of the files)."""
    token = _READ.set({})
    try:
        yield
    finally:
        _READ.reset(token)


def source_lines(document: Post | StandalonePage) -> list[str]:
    read = _READ.get()
    if read is not None and document.source in read:
        return list(read[document.source])
    lines = (read_text(document.source, []) or "").split("\n")
    if read is not None:
        read[document.source] = list(lines)
    return lines


def line_of(lines: list[str], needle: str) -> int | None:
    return next((number for number, line in enumerate(lines, 1) if needle in line), None)


def field_line(post: Post, field: str) -> int | None:
    lines = source_lines(post)
    return next((n for n, line in enumerate(lines, 1) if line.startswith(f"{field}:")), None)


def moment_text(moment: dt.datetime) -> str:
    return (
        f"{moment:%Y-%m-%d}"
        if (moment.hour, moment.minute) == (0, 0)
        else f"{moment:%Y-%m-%d %H:%M}"
    )
