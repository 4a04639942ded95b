"""Generated blocks in Markdown: a line `[[name]]` or `[[name argument]]` on its own.

At load time (no Flask, no data) a marker becomes a placeholder element
`<div data-block="name argument"></div>`; at render time `expand` replaces each
placeholder with HTML made by the block's renderer, in the page's language. Features register
their blocks in `BLOCKS` (e.g. `[[schedule]]`, `[[schedule somtoday]]`, `[[feeds]]`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Mapping
from typing import Any

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markupsafe import Markup

MARKER = re.compile(r"^\[\[\s*([a-z][a-z0-9-]*)(?:\s+([A-Za-z0-9_-]+))?\s*\]\]$")
PLACEHOLDER = re.compile(
    r'<div data-block="(?P<name>[a-z][a-z0-9-]*)(?: (?P<arg>[A-Za-z0-9_-]+))?"></div>'
)

BlockRenderer = Callable[[str, str | None], Markup | str]
"""(lang, argument) -> HTML. Runs inside a request, so it may use `link()` and the site data."""

BLOCKS: dict[str, BlockRenderer] = {}
"""Block name -> renderer. Registered by the features that own the data."""

KNOWN_NAMES: set[str] = set()
"""Names the loader accepts; a feature adds its names at import time, before content loads."""

ArgumentCheck = Callable[[str | None, Mapping[str, Any]], str | None]
"""(argument, load-time data) -> what is wrong with the marker, or None when it is fine.

The data holds what was loaded before the posts, e.g. `{"rollout": Rollout | None}`."""

CHECKS: dict[str, ArgumentCheck] = {}
"""Block name -> check of its argument at load time (so a bad marker is a content error)."""


def declare(name: str, check: ArgumentCheck | None = None) -> None:
    """Let the loader accept `[[name …]]`, checking its argument with `check` (no Flask needed)."""
    KNOWN_NAMES.add(name)
    if check is not None:
        CHECKS[name] = check


def check_marker(name: str, argument: str | None, data: Mapping[str, Any]) -> str | None:
    """What is wrong with a known marker's argument, or None."""
    check = CHECKS.get(name)
    return check(argument, data) if check else None


def register(name: str) -> Callable[[BlockRenderer], BlockRenderer]:
    """Decorator: make `[[name]]` render with the decorated function."""

    def decorate(renderer: BlockRenderer) -> BlockRenderer:
        BLOCKS[name] = renderer
        KNOWN_NAMES.add(name)
        return renderer

    return decorate


class _MarkerProcessor(BlockProcessor):
    def test(self, parent: etree.Element, block: str) -> bool:
        return bool(MARKER.match(block.strip()))

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        match = MARKER.match(blocks.pop(0).strip())
        assert match is not None
        element = etree.SubElement(parent, "div")
        element.set("data-block", " ".join(filter(None, match.groups())))


class BlockMarkers(Extension):
    """Python-Markdown extension turning `[[name arg]]` lines into placeholders."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        md.parser.blockprocessors.register(_MarkerProcessor(md.parser), "newsroom-blocks", 95)


def markers_in(text: str) -> list[tuple[int, str, str | None]]:
    """Every marker line in Markdown text: (line number from 1, name, argument)."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        match = MARKER.match(line.strip())
        if match:
            found.append((number, match.group(1), match.group(2)))
    return found


def expand(body_html: str, lang: str, *, absolute: bool = False, **_: Any) -> Markup:
    """Replace every placeholder in `body_html` with its block's HTML for `lang`.

    Links to posts, pages and files (see `crossrefs`) become real links too: relative ones,
    or absolute ones with `absolute=True` (for feeds).
    """
    from .crossrefs import resolve

    body_html = resolve(body_html, absolute=absolute)

    def replace(match: re.Match[str]) -> str:
        renderer = BLOCKS.get(match["name"])
        if renderer is None:  # the loader rejects unknown names; be safe anyway
            return ""
        return str(renderer(lang, match["arg"] or None))

    return Markup(PLACEHOLDER.sub(replace, body_html))
