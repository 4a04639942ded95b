"""Block markers in Markdown: a line `[[name]]` or `[[name argument]]` on its own.

This module is the content contract's side of blocks: the marker syntax and the load-time
check of each known block (a bad marker is a content error at its line). Turning a marker into
a placeholder is Markdown's job (`markup.blocks`); rendering the block is the web app's
(`web.embed`, with renderers registered in `web.app.create_app`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from newsroom.content.editor_texts import _
from newsroom.content.rollout import check_schedule_marker
from newsroom.content.statement import check_statement_marker

MARKER_LINE = re.compile(r"^\[\[\s*([a-z][a-z0-9-]*)(?:\s+([A-Za-z0-9_-]+))?\s*\]\]$")

ArgumentCheck = Callable[[str | None, Mapping[str, Any]], str | None]
"""(argument, load-time data) -> what is wrong with the marker, or None when it is fine.

The data holds what was loaded before the posts, e.g. `{"rollout": Rollout | None}`."""


def check_feeds_marker(argument: str | None, data: Mapping[str, Any]) -> str | None:
    """`[[feeds]]` takes no argument."""
    if argument is not None:
        return _(
            "%(marker)s: this block takes no argument (expected [[feeds]] alone)",
            marker=f"[[feeds {argument}]]",
        )
    return None


BLOCK_CHECKS: dict[str, ArgumentCheck] = {
    "schedule": check_schedule_marker,  # the rollout schedule, or one supplier's rows
    "feeds": check_feeds_marker,  # every feed and calendar of the page's language
    # the accessibility statement from content/accessibility.yaml
    "accessibility-statement": check_statement_marker,
}
"""Every block the content may use, with the check of its argument. The web app registers a
renderer for each of these names; a test keeps the two in step."""


def check_marker(name: str, argument: str | None, data: Mapping[str, Any]) -> str | None:
    """What is wrong with a known marker's argument, or None."""
    return BLOCK_CHECKS[name](argument, data)


def markers_in(text: str) -> list[tuple[int, str, str | None]]:
    """Every marker line in Markdown text: (line number from 1, name, argument)."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        match = MARKER_LINE.match(line.strip())
        if match:
            found.append((number, match.group(1), match.group(2)))
    return found
