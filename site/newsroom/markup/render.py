"""Markdown to HTML, with the extensions the content contract promises."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from typing import Any

import markdown
from markdown.extensions.toc import TocTreeprocessor, slugify_unicode

from newsroom.markup.blocks import BlockMarkers
from newsroom.markup.blocktests import skip_hopeless_block_tests
from newsroom.markup.crossrefs import CrossReferences
from newsroom.markup.figures import Figures
from newsroom.markup.inline import speed_up_inline_patterns

EXTENSIONS = ["tables", "attr_list", "toc", "smarty", "sane_lists", "fenced_code", "abbr"]
EXTENSION_CONFIGS = {
    "toc": {"slugify": slugify_unicode, "toc_depth": "2-3"},
    # Dutch and English both use curly ‘ ’ and “ ” quotes, the smarty defaults.
    "smarty": {"smart_angled_quotes": False},
}

_FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


class Renderer:
    """One reusable Markdown instance (building one costs more than rendering a post)."""

    def __init__(self) -> None:
        self._figures = Figures()
        self._md = markdown.Markdown(
            extensions=[*EXTENSIONS, BlockMarkers(), CrossReferences(), self._figures],
            extension_configs=EXTENSION_CONFIGS,
            output_format="html",
        )
        speed_up_inline_patterns(self._md)
        skip_hopeless_block_tests(self._md)
        # Markdown asks this of every element, several times; its list of tag names, read
        # as a set (the extensions have added theirs by now).
        block_level = frozenset(self._md.block_level_elements)

        def is_block_level(tag: Any) -> bool:
            return isinstance(tag, str) and tag.lower().rstrip("/") in block_level

        self._md.is_block_level = is_block_level  # type: ignore[method-assign]
        toc = self._md.treeprocessors["toc"]
        if type(toc) is TocTreeprocessor:
            toc.__class__ = _HeadingIds

    def render(self, text: str) -> str:
        """Render Markdown text to an HTML fragment."""
        self._md.reset()
        return self._md.convert(text)

    @property
    def images(self) -> list[dict[str, str]]:
        """The attributes of each image the last text rendered wrote in Markdown."""
        return list(self._figures.images)


class _HeadingIds(TocTreeprocessor):
    """`toc`'s processor for what the site uses of it: the headings' levels and ids, and a
    table of contents where a text asks for one (`[TOC]`). In the other texts the table
    (`Markdown.toc`, which nothing reads) is not made: same HTML, a tenth less time."""

    _asked = False

    def run(self, doc: etree.Element) -> None:
        marker = self.marker
        # Every element `replace_marker` would look at is in `doc.iter()`.
        self._asked = bool(marker) and any(
            element.text and element.text.strip() == marker for element in doc.iter()
        )
        super().run(doc)

    def build_toc_div(self, toc_list: list[Any]) -> etree.Element:
        return super().build_toc_div(toc_list) if self._asked else etree.Element("div")

    def replace_marker(self, root: etree.Element, elem: etree.Element) -> None:
        if self._asked:
            super().replace_marker(root, elem)


def first_paragraph_text(body_html: str) -> str:
    """The plain text of the first paragraph, used when a post has no summary."""
    match = _FIRST_PARAGRAPH.search(body_html)
    if not match:
        return ""
    return plain_text(match.group(1))


def plain_text(fragment: str) -> str:
    """Strip tags and entities from an HTML fragment, collapsing white space."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub("", fragment))).strip()
