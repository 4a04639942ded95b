"""Images in a page: the placeholder `<img src="bestanden/…">` becomes the real image.

In a page: a `<picture>` with the WebP copies and, in the image's own format, an `<img>` with
`srcset` and `sizes` (the browser picks the smallest copy that fills the column on its
screen), `width` and `height` (the page does not jump while it loads), `decoding="async"`
and `loading="lazy"` for all but the page's first image. In a feed: one `<img>` with an
absolute URL, a copy of at most FEED_WIDTH pixels. Made after the sanitiser, from the
checked image and the sanitised attributes (escaped again), so no editor text becomes markup.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from flask import current_app
from markupsafe import escape

from newsroom.core.models import ImageInfo
from newsroom.markup.figures import IMG_TAG, attributes
from newsroom.web.links import absolute_url, link

SIZES = "(min-width: 44rem) 42rem, calc(100vw - 2rem)"
"""How wide an image is shown: the text column (`--measure`, 42rem), or the screen less the
page's margins on a phone (static/style.css)."""
FEED_WIDTH = 800
"""The width of the one copy a feed carries (or less, for a smaller image)."""
KEPT = ("alt", "class", "id", "lang", "dir", "title")
"""The editor's attributes an image keeps (the sanitiser allowed them)."""


def _images() -> Mapping[str, ImageInfo]:
    state = current_app.extensions.get("newsroom")  # an app without content has no images
    return state.index.images if state is not None else {}


def expand_images(body_html: str, *, absolute: bool = False) -> str:
    """Every placeholder of a checked image in `body_html` made into the real image."""
    images = _images()
    seen = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal seen
        tag = match[0]
        found = attributes(tag)
        src = found.get("src", "")
        info = images.get(src.removeprefix("bestanden/")) if src.startswith("bestanden/") else None
        if info is None:
            return tag  # not a checked image: an ordinary link to the file (embed.resolve)
        seen += 1
        if absolute:
            return feed_image(info, found)
        return page_image(info, found, first=seen == 1)

    return IMG_TAG.sub(replace, body_html)


def _kept(found: Mapping[str, str]) -> str:
    return "".join(f' {name}="{escape(found[name])}"' for name in KEPT if name in found)


VERSION_LENGTH = 10
"""Hex digits of the image's digest in its copies' links (`…/800.webp?v=…`)."""


def copy_link(info: ImageInfo, width: int, fmt: str, *, absolute: bool = False) -> str:
    """The link to a copy, with `?v=` and the start of the image's digest: the address stays
    the same (feeds and shared links keep working), but a page showing an edited image names
    a new URL, so no browser or cache shows the copy it kept of the old one."""
    make = absolute_url if absolute else link
    url = make("images.copy", filename=info.copy_name(width, fmt))
    return f"{url}?v={info.digest[:VERSION_LENGTH]}"


def _srcset(info: ImageInfo, fmt: str) -> str:
    return ", ".join(f"{copy_link(info, w, fmt)} {w}w" for w in info.widths)


def page_image(info: ImageInfo, found: Mapping[str, str], *, first: bool) -> str:
    """The `<picture>` of an image in a page."""
    fallback = info.formats[-1]
    width = info.widths[-1]
    src = copy_link(info, width, fallback)
    source = (
        f'<source type="image/webp" srcset="{_srcset(info, "webp")}" sizes="{SIZES}">'
        if fallback != "webp"
        else ""
    )
    lazy = "" if first else ' loading="lazy"'
    return (
        f"<picture>{source}"
        f'<img src="{src}" srcset="{_srcset(info, fallback)}" sizes="{SIZES}"'
        f' width="{width}" height="{info.height_at(width)}"{lazy} decoding="async"'
        f"{_kept(found)}></picture>"
    )


def feed_image(info: ImageInfo, found: Mapping[str, str]) -> str:
    """The `<img>` of an image in a feed: one copy, an absolute URL."""
    width = max((w for w in info.widths if w <= FEED_WIDTH), default=info.widths[0])
    src = copy_link(info, width, info.formats[-1], absolute=True)
    return f'<img src="{src}" width="{width}" height="{info.height_at(width)}"{_kept(found)}>'
