"""Images in a text: a caption makes a figure, and every image says what it shows.

`![Alt text](../bestanden/foto.jpg "Caption")` on a line of its own becomes
`<figure><img …><figcaption>Caption</figcaption></figure>` (an image inside a sentence keeps
its title). Every image needs alternative text; an image that adds nothing a reader needs
(an ornament) says so explicitly, with empty alt text and the class `decorative`:
`![](../bestanden/lijn.png){: .decorative }`.

The `<img>` stays a placeholder (`src="bestanden/…"`, see `crossrefs`); the page's real
`<img>` with its sizes and copies is made at render time (`web.images`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from html import unescape

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from newsroom.content.editor_texts import _

DECORATIVE = "decorative"
"""The class that marks an image as decorative (with `alt=""`)."""
IMG_TAG = re.compile(r"<img\b[^>]*>")
ATTRIBUTE = re.compile(r'\s([a-zA-Z-]+)="([^"]*)"')
"""An attribute of the sanitiser's output, which always quotes values with `"`."""


class _Figures(Treeprocessor):
    def __init__(self, md: Markdown, found: list[dict[str, str]]) -> None:
        super().__init__(md)
        self.found = found

    def run(self, root: etree.Element) -> None:
        self.found.clear()
        # Images written in Markdown, before the sanitiser: the ones whose alt text is checked
        # (an image in raw HTML is the editor's own markup, left as the sanitiser leaves it).
        self.found.extend(dict(image.attrib) for image in root.iter("img"))
        for paragraph in root.iter("p"):
            children = list(paragraph)
            if len(children) != 1 or children[0].tag != "img":
                continue
            image = children[0]
            caption = image.get("title")
            alone = not (paragraph.text or "").strip() and not (image.tail or "").strip()
            if not caption or not alone:
                continue
            paragraph.tag = "figure"
            paragraph.text = None
            image.tail = None
            del image.attrib["title"]
            etree.SubElement(paragraph, "figcaption").text = caption


class Figures(Extension):
    """Python-Markdown extension: an image with a title, alone in its paragraph, is a figure.
    `images` holds the attributes of every image the last text wrote in Markdown."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.images: list[dict[str, str]] = []

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        # After inline parsing made the <img> elements and attr_list read their classes.
        md.treeprocessors.register(_Figures(md, self.images), "newsroom-figures", 4)


def attributes(tag: str) -> dict[str, str]:
    """The attributes of one sanitised `<img …>` tag, their values unescaped."""
    return {name: unescape(value) for name, value in ATTRIBUTE.findall(tag)}


def alt_problem(found: dict[str, str]) -> str | None:
    """What is wrong with an image's alternative text (its attributes `found`): missing, or
    there while its `decorative` class says there should be none; None when it is right."""
    alt = found.get("alt", "").strip()
    decorative = DECORATIVE in found.get("class", "").split()
    if not alt and not decorative:
        return _(
            "the image has no alternative text: write what it shows between the brackets, "
            "![A map of the connected schools](…); only an ornament that adds nothing gets "
            "empty text and the class decorative: ![](…){: .decorative }"
        )
    if alt and decorative:
        return _(
            "the image is marked decorative but has alternative text: remove {: .decorative } "
            "if it shows something readers need, else empty the brackets"
        )
    return None
