"""What a stored body becomes in a page: links by file name resolved, `[[blocks]]` rendered.

A post's HTML is made at load time with placeholders (see `markup.crossrefs` and
`markup.blocks`), since the real link or block depends on the page it appears in. Here,
inside a request, each placeholder becomes real HTML, with the renderers and link resolvers
that `web.app.create_app` registers (`Embeds`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask import current_app
from markupsafe import Markup

from newsroom.content.files import FILES_FOLDER
from newsroom.markup.blocks import PLACEHOLDER as BLOCK
from newsroom.markup.crossrefs import PLACEHOLDER as LINK
from newsroom.markup.crossrefs import classify
from newsroom.web.images import expand_images
from newsroom.web.links import absolute_url, link

BlockRenderer = Callable[[str, str | None], Markup | str]
"""(lang, argument) -> HTML. Runs inside a request, so it may use `link()` and the site data."""
Resolver = Callable[[str, str], tuple[str, dict[str, Any]] | None]
"""(slug, lang) -> (endpoint, values) of the page a document link leads to, or None."""


@dataclass(frozen=True, slots=True)
class Embeds:
    """The block renderers (by block name) and link resolvers (by content folder) of an app;
    `feed_blocks`: a block's form for feed entries where the page's would not read well in
    every feed reader (e.g. a table with row-spanning cells)."""

    blocks: Mapping[str, BlockRenderer]
    resolvers: Mapping[str, Resolver]
    feed_blocks: Mapping[str, BlockRenderer] = field(default_factory=dict)


def _embeds() -> Embeds:
    return current_app.extensions["newsroom.embeds"]


def resolve(body_html: str, *, absolute: bool = False) -> str:
    """Replace each link placeholder in `body_html` with the real URL (inside a request),
    and each checked image's placeholder with the image (its copies, see `web.images`)."""
    body_html = expand_images(body_html, absolute=absolute)
    make = absolute_url if absolute else link
    resolvers = _embeds().resolvers

    def replace(match: re.Match[str]) -> str:
        target = classify(match["target"])
        assert target is not None
        if target.kind == FILES_FOLDER:
            url = make("files.file", filename=target.path)
        else:
            resolver = resolvers.get(target.kind)
            found = resolver(target.path, target.lang or "") if resolver else None
            if found is None:
                return match.group(0)  # unknown kind: `make check` reports it
            endpoint, values = found
            url = make(endpoint, **values)
        return f'{match["before"]}{url}{match["fragment"] or ""}"'

    return LINK.sub(replace, body_html)


def expand(
    body_html: str, lang: str, *, absolute: bool = False, feed: bool = False, **_: Any
) -> Markup:
    """Replace every placeholder in `body_html` with its link or block's HTML for `lang`.

    Links to posts, pages and files become real links: relative ones, or absolute ones with
    `absolute=True` (for feeds). With `feed=True` blocks take their feed form, if they have one.
    """
    body_html = resolve(body_html, absolute=absolute)
    embeds = _embeds()
    renderers = {**embeds.blocks, **embeds.feed_blocks} if feed else embeds.blocks

    def replace(match: re.Match[str]) -> str:
        renderer = renderers.get(match["name"])
        if renderer is None:  # the loader rejects unknown names; be safe anyway
            return ""
        return str(renderer(lang, match["arg"] or None))

    return Markup(BLOCK.sub(replace, body_html))
