"""Where a finding is in a content file (its lines, the line of a text or of a field), and a
moment as findings show it."""

from __future__ import annotations

import datetime as dt

from newsroom.content.sources import read_text
from newsroom.core.models import Post, StandalonePage


def source_lines(document: Post | StandalonePage) -> list[str]:
    return (read_text(document.source, []) or "").split("\n")


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
