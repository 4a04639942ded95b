"""Python-Markdown extension: a `[[name argument]]` line becomes a placeholder element.

The placeholder, `<div data-block="name argument"></div>`, survives the sanitiser and the
cache; the web app replaces it with the block's HTML for the page being rendered
(`web.embed.expand`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension

from newsroom.content.blocks import MARKER_LINE

PLACEHOLDER = re.compile(
    r'<div data-block="(?P<name>[a-z][a-z0-9-]*)(?: (?P<arg>[A-Za-z0-9_-]+))?"></div>'
)


class _MarkerProcessor(BlockProcessor):
    def test(self, parent: etree.Element, block: str) -> bool:
        return bool(MARKER_LINE.match(block.strip()))

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        match = MARKER_LINE.match(blocks.pop(0).strip())
        assert match is not None
        element = etree.SubElement(parent, "div")
        element.set("data-block", " ".join(filter(None, match.groups())))


class BlockMarkers(Extension):
    """Python-Markdown extension turning `[[name arg]]` lines into placeholders."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        md.parser.blockprocessors.register(_MarkerProcessor(md.parser), "newsroom-blocks", 95)
