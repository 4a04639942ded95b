"""Change notes rendered: each note's Markdown to one line of safe inline HTML.

A note may hold links (by file name too: `[de update](update-livegang.nl.md)`), emphasis and
the like, but no paragraphs, lists or blocks: it is one line in a dated list.
"""

from __future__ import annotations

import re

from newsroom.content.changes import WrittenChange, newest_first
from newsroom.content.documents import Source
from newsroom.content.editor_texts import _
from newsroom.core.errors import Problem
from newsroom.core.models import ChangeNote
from newsroom.core.timelimit import TookTooLong, time_limit
from newsroom.markup import sanitise
from newsroom.markup.render import Renderer

_ONE_PARAGRAPH = re.compile(r"<p>(?P<inner>(?:(?!</?p[\s>]).)*)</p>", re.S)
_BLOCK = re.compile(r"<(?:div|ul|ol|li|h[1-6]|table|pre|blockquote|hr|dl|figure)[\s>/]")


def render_changes(
    source: Source,
    changes: list[WrittenChange],
    renderer: Renderer,
    problems: list[Problem],
    seconds: float,
) -> tuple[ChangeNote, ...] | None:
    """The notes, newest first, as `ChangeNote`s; None after an error (added to `problems`).

    What the sanitiser removes is a warning at the note's line, as in the body."""
    rendered = []
    before = len(problems)
    for change in newest_first(changes):
        try:
            with time_limit(seconds):
                raw_html = renderer.render(change.note)
        except TookTooLong:
            problems.append(_problem(source, change, _("takes too long to turn into text")))
            continue
        for removal in sanitise.removed(raw_html):
            problems.append(removal.warning(source.shown, f"{change.field}.note", change.note_line))
        if sanitise.raw_images(raw_html, len(renderer.images)):
            field = f"{change.field}.note"
            problems.append(sanitise.raw_image_problem(source.shown, field, change.note_line))
            continue
        html = sanitise.clean(raw_html).strip()
        match = _ONE_PARAGRAPH.fullmatch(html)
        if match is None or _BLOCK.search(match["inner"]):
            problems.append(
                _problem(
                    source,
                    change,
                    _(
                        "is more than one line of text (expected one sentence or two on one "
                        "line, no lists, headings or [[blocks]]; a link such as "
                        "[the update](update-livegang.en.md) is fine)"
                    ),
                )
            )
            continue
        rendered.append(ChangeNote(change.date, match["inner"].strip(), change.date_only))
    if any(problem.is_error for problem in problems[before:]):
        return None
    return tuple(rendered)


def _problem(source: Source, change: WrittenChange, message: str) -> Problem:
    return Problem(source.shown, message, field=f"{change.field}.note", line=change.note_line)
