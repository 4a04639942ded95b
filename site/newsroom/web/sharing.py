"""What a page tells the places its link is shared to: Open Graph, X (Twitter) cards, JSON-LD.

One function, `head_meta`, computes it for the page being rendered; the partial
`templates/_sharing.html` only writes it out. Every address is absolute, made from the site's
base URL (a build without one is refused, as for the feeds; the preview uses its own address).

The image of a post is the first image of its text; every other page, and a post without an
image, shows the site's image: `share_image` of site.yaml, else the card the build draws from
the site's title and colours (`web.share_card`, `/<lang>/share.png`).
"""

from __future__ import annotations

import json
import mimetypes
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

from flask import current_app, request
from markupsafe import Markup

from newsroom.content.editor_texts import N_
from newsroom.content.settings import require_base_url
from newsroom.core.models import LANGUAGES, Post, Settings, StandalonePage
from newsroom.web.embed import resolve
from newsroom.web.links import url_path
from newsroom.web.share_card import HEIGHT, WIDTH
from newsroom.web.views import catalog, site_index

LOCALES = {"nl": "nl_NL", "en": "en_GB"}
"""Open Graph's locale of each language (language_TERRITORY)."""
IMG = re.compile(r"""<img\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)
"""An `<img>` tag, quoted attribute values and all (a `>` may stand in an alt text)."""
CARD_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/gif"})
"""Image types the services show on a card; a post's first image of another type is skipped."""
JSON_ESCAPES = (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"))
"""Written as JSON escapes, so no text can end the script element (`</script>`) or open a
comment (`<!--`) in it: the JSON reads the same, the HTML parser never sees a tag."""


@dataclass(frozen=True, slots=True)
class Picture:
    """The image of a shared link."""

    url: str  # absolute
    alt: str
    width: int | None = None  # None: unknown (an <img> without width and height)
    height: int | None = None
    mimetype: str | None = None


@dataclass(frozen=True, slots=True)
class HeadMeta:
    """Everything `_sharing.html` writes into a page's head."""

    title: str
    description: str
    url: str  # the page's canonical address
    site_name: str
    locale: str  # og:locale: nl_NL or en_GB
    alternate_locales: tuple[str, ...]  # the languages the page also exists in
    kind: str  # og:type: "article" for a post, else "website"
    image: Picture
    published: str | None = None  # ISO 8601, posts only
    modified: str | None = None
    json_ld: tuple[Markup, ...] = ()  # each the text of one <script type="application/ld+json">


def head_meta(
    lang: str,
    endpoint: str,
    alternates: Mapping[str, Any],
    title: str,
    description: str = "",
    *,
    post: Post | None = None,
    page: StandalonePage | None = None,
) -> HeadMeta:
    """The sharing metadata of the page `endpoint` in `lang` (its values: `alternates[lang]`).

    `title` and `description` are what the page's template says (its `<title>` without the
    site's name, its description), as rendered HTML text.
    """
    _require_base_url()
    settings = site_index().settings
    site_name = settings.title[lang]
    shown = post or page
    if shown is not None:  # as the loader read them, white space and all
        title, description = shown.title, shown.summary
    elif endpoint in ("web.home", "root.index_redirect"):
        title, description = site_name, _text(description)
    else:
        title, description = f"{_text(title)} – {site_name}", _text(description)
    description = description or settings.description.get(lang, "")
    # The address of every page here, as absolute_url makes it (the base URL looked up once).
    base = current_app.config.get("BASE_URL") or request.host_url
    url = _address(base, endpoint, **(alternates.get(lang) or {}))
    image = (first_image(post, url) if post else None) or site_picture(settings, lang, base)
    meta = HeadMeta(
        title=title,
        description=description,
        url=url,
        site_name=site_name,
        locale=LOCALES[lang],
        alternate_locales=tuple(
            LOCALES[other]
            for other in LANGUAGES
            if other != lang and alternates.get(other) is not None
        ),
        kind="article" if post else "website",
        image=image,
    )
    if post is not None:
        return _with_article(meta, post, settings, base)
    if page is not None:
        crumbs = [(settings.title[lang], _address(base, "web.home", lang=lang)), (title, url)]
        return replace(meta, json_ld=(json_ld(breadcrumbs(crumbs)),))
    return meta


def _address(base: str, endpoint: str, **values: Any) -> str:
    return base + url_path(endpoint, **values)[1:]


def _text(html: str) -> str:
    """The text of a template block: rendered HTML (escaped text, no tags) back to text."""
    return Markup(html).unescape().strip()


def _with_article(meta: HeadMeta, post: Post, settings: Settings, base: str) -> HeadMeta:
    lang = post.lang
    published, modified = post.date.isoformat(), post.last_changed.isoformat()
    article = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": post.title,
        "description": meta.description,
        "datePublished": published,
        "dateModified": modified,
        "inLanguage": lang,
        "url": meta.url,
        "image": _image_object(meta.image),
        "publisher": {
            "@type": "GovernmentOrganization",
            "name": settings.organisation.get(lang) or settings.title[lang],
        },
    }
    crumbs = [
        (settings.title[lang], _address(base, "web.home", lang=lang)),
        (catalog(lang).gettext("News"), _address(base, "web.news", lang=lang, page=1)),
        (post.title, meta.url),
    ]
    return replace(
        meta,
        published=published,
        modified=modified,
        json_ld=(json_ld(article), json_ld(breadcrumbs(crumbs))),
    )


def _image_object(image: Picture) -> dict[str, Any]:
    found: dict[str, Any] = {"@type": "ImageObject", "url": image.url}
    if image.width and image.height:
        found.update(width=image.width, height=image.height)
    return found


def breadcrumbs(trail: list[tuple[str, str]]) -> dict[str, Any]:
    """A schema.org BreadcrumbList of (name, absolute URL), from the home page down."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": name, "item": url}
            for number, (name, url) in enumerate(trail, start=1)
        ],
    }


def json_ld(data: dict[str, Any]) -> Markup:
    """`data` as JSON that is safe as the text of a script element (see JSON_ESCAPES)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # Outside strings JSON has no <, > or &: each is inside a string, where an escape is valid.
    for char, escape in JSON_ESCAPES:
        text = text.replace(char, escape)
    return Markup(text)


def site_picture(settings: Settings, lang: str, base: str) -> Picture:
    """The site's image: `share_image` of site.yaml, else the card drawn from its title."""
    own = settings.share_image
    if own is not None:
        return Picture(
            url=_address(base, "files.file", filename=own.file),
            alt=own.alt[lang],
            width=own.width,
            height=own.height,
            mimetype=own.mimetype,
        )
    organisation = settings.organisation.get(lang)
    alt = f"{settings.title[lang]}, {organisation}" if organisation else settings.title[lang]
    url = _address(base, "web.share_card", lang=lang)
    return Picture(url=url, alt=alt, width=WIDTH, height=HEIGHT, mimetype="image/png")


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found = {name: value or "" for name, value in attrs}


def first_image(post: Post, page_url: str) -> Picture | None:
    """The first image of the post's text, its address absolute; None when it has none.

    With a `srcset` (the resized copies), its widest candidate; its size from `width` and
    `height` where the tag has them (scaled to that candidate), else unknown.
    """
    match = IMG.search(post.body_html)
    if match is None:
        return None
    parser = _Attributes()
    parser.feed(resolve(match[0], absolute=True))  # links by file name become addresses
    parser.close()
    found = parser.found
    src, width, height = found.get("src", ""), _number(found, "width"), _number(found, "height")
    widest = _widest(found.get("srcset", ""))
    if widest is not None:
        src, wide = widest
        if width and height:
            width, height = wide, round(height * wide / width)
        else:
            width = height = None
    url = urljoin(page_url, src.strip())
    if not src.strip() or urlsplit(url).scheme not in ("http", "https"):
        return None
    mimetype = mimetypes.guess_type(urlsplit(url).path)[0]
    if mimetype is not None and mimetype not in CARD_TYPES:
        return None  # an SVG drawing, say: no service shows it on a card
    return Picture(
        url=url, alt=found.get("alt", "").strip(), width=width, height=height, mimetype=mimetype
    )


def _number(attributes: dict[str, str], name: str) -> int | None:
    value = attributes.get(name, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def _widest(srcset: str) -> tuple[str, int] | None:
    """The candidate of a `srcset` with the largest width descriptor (`photo-1200.jpg 1200w`)."""
    best: tuple[str, int] | None = None
    for candidate in srcset.split(","):
        parts = candidate.split()
        if len(parts) == 2 and parts[1].endswith("w") and parts[1][:-1].isdigit():
            wide = int(parts[1][:-1])
            if best is None or wide > best[1]:
                best = (parts[0], wide)
    return best


def _require_base_url() -> None:
    """Refuse to write sharing metadata without the site's public address (not the preview's
    own address, which no one else can reach); the preview makes do with its own."""
    if current_app.config.get("BASE_URL") or current_app.config.get("PREVIEW"):
        return
    site_yaml = f"{current_app.config['CONTENT_DIR'].rstrip('/')}/site.yaml"
    why = N_("links shared from the site's pages need the site's public address")
    require_base_url(None, site_yaml, why)
