"""RSS 2.0 and Atom 1.0 feeds: pure functions from feed models to bytes (feedgen). No clock.

Feed readers are unforgiving, so the rules are built in here:
- an entry's id is a `tag:` URI (RFC 4151) from the site's id authority (site.yaml's
  `feed_id_authority`, else the base URL's host), the language and the slug: never the
  title, never a date of the post, never changed by an edit;
- `published` is the post's date, `updated` its last substantive change (its latest change
  note, else its `updated` field, else its date): never the build time, and a feed's own
  updated/lastBuildDate is its newest entry's; a date without a time is stamped at noon in
  Amsterdam (`content.dates.stamp`), so it is the same day for readers from UTC-10 to UTC+12;
- every URL in an entry is absolute; each entry names its author (the organisation);
- drafts never appear, whatever the build includes.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from newsroom.content.dates import AMSTERDAM
from newsroom.core.models import Post

GENERATOR = "Newsroom"
DEFAULT_ID_DATE = dt.date(2000, 1, 1)
"""The date in `tag:` ids when site.yaml sets no feed_id_date. Never change it: ids would."""

RSS_TYPE = "application/rss+xml"
ATOM_TYPE = "application/atom+xml"
ATOM_NS = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One post as a feed entry; every URL in it absolute."""

    id: str
    title: str
    link: str
    summary: str  # plain text
    content_html: str
    published: dt.datetime
    updated: dt.datetime
    categories: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Feed:
    """One feed's content, the same for its RSS and its Atom file."""

    id: str
    lang: str
    title: str
    description: str
    page: str  # the HTML page the feed follows
    rss_url: str
    atom_url: str
    author: str
    entries: tuple[FeedEntry, ...]  # newest first
    empty_updated: dt.datetime  # a fixed date for a feed without entries
    # The title per format ("rss", "atom"), which says which feed and which format; `title`
    # where a format has none.
    format_titles: dict[str, str] = field(default_factory=dict)

    @property
    def updated(self) -> dt.datetime:
        """The last change of anything in the feed: its newest entry's update."""
        return max((entry.updated for entry in self.entries), default=self.empty_updated)

    @property
    def published(self) -> dt.datetime:
        return max((entry.published for entry in self.entries), default=self.empty_updated)


def id_authority(base_url: str, authority: str | None = None) -> str:
    """Who mints the site's ids: site.yaml's `feed_id_authority`, else the base URL's host
    (what every id used before the setting existed, so existing ids stay the same)."""
    return (authority or urlsplit(base_url).hostname or "localhost").lower()


def tag_uri(
    base_url: str, id_date: dt.date | None, specific: str, authority: str | None = None
) -> str:
    """A `tag:` URI (RFC 4151) minted by the site's id authority: stable for the life of the
    site, whatever its address becomes."""
    minted_by = id_authority(base_url, authority)
    return f"tag:{minted_by},{(id_date or DEFAULT_ID_DATE).isoformat()}:{specific}"


def entry_id(
    base_url: str, id_date: dt.date | None, post: Post, authority: str | None = None
) -> str:
    return tag_uri(base_url, id_date, f"{post.lang}/news/{post.slug}", authority)


def empty_date(id_date: dt.date | None) -> dt.datetime:
    """The updated date of a feed with no entries: fixed, so builds stay reproducible."""
    day = id_date or DEFAULT_ID_DATE
    return dt.datetime(day.year, day.month, day.day, tzinfo=AMSTERDAM)


def feed_posts(posts: Iterable[Post], limit: int, now: dt.datetime) -> tuple[Post, ...]:
    """The newest `limit` posts a feed may carry: never a draft, never one dated after `now`.

    (`--drafts` and `--future` put such posts on the preview site; a subscriber's reader
    keeps what it fetched, so a feed must never carry them.)
    """
    chosen = [post for post in posts if not post.draft and post.date <= now]
    chosen.sort(key=lambda p: (p.date, p.slug), reverse=True)
    return tuple(chosen[:limit])


# Characters XML 1.0 cannot carry at all (lxml refuses them): C0 controls but tab, LF, CR;
# lone surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: str) -> str:
    """`value` without the characters XML cannot hold."""
    return _NOT_XML.sub("", value)


# Regexes, not lxml: they touch only the URL attributes, while lxml writes the whole fragment
# anew and changes feed bytes (`é` and spaces in URLs percent-escaped, `&nbsp;` written as
# the character, a value holding `"` put in single quotes, leading whitespace dropped). The
# input is the sanitiser's output or our templates', so its tags are well-formed.
_TAG = re.compile(
    r"<[a-zA-Z][^\s/>]*(?:\s+[^\s=/>]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*\s*/?>"
)
_URL_ATTRIBUTE = re.compile(
    r"(?P<name>\s(?:href|src|poster|cite|srcset))\s*=\s*"
    r"(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\s\"'>]+))",
    re.I,
)


def absolute(url: str, page_url: str, base_url: str) -> str:
    """`url` as written on `page_url`, made absolute; our own `…/index.html` ends in `/`."""
    target = urljoin(page_url, url.strip())
    if target.startswith(base_url) and target.endswith("/index.html"):
        target = target[: -len("index.html")]
    return target


def absolutize(fragment: str, page_url: str, base_url: str) -> str:
    """Make every link and image address in an HTML fragment absolute.

    `page_url` is the page the fragment's relative addresses were written for.
    """

    def attribute(match: re.Match[str]) -> str:
        raw = match["dq"] if match["dq"] is not None else match["sq"] or match["bare"] or ""
        value = html.unescape(raw)
        if match["name"].strip().lower() == "srcset":
            candidates = []
            for candidate in value.split(","):
                parts = candidate.split()
                if parts:
                    parts[0] = absolute(parts[0], page_url, base_url)
                    candidates.append(" ".join(parts))
            new = ", ".join(candidates)
        else:
            new = absolute(value, page_url, base_url)
        return f'{match["name"]}="{html.escape(new, quote=True)}"'

    return _TAG.sub(lambda tag: _URL_ATTRIBUTE.sub(attribute, tag.group(0)), fragment)


def _as_html(text: str) -> str:
    """Plain text for an RSS element that readers treat as HTML: `<b>` must show as `<b>`."""
    return html.escape(xml_text(text), quote=False)


class _FeedNothing(BaseExtension):
    """The feed-level half of `_RssUpdated`: it adds nothing to the channel."""


class _RssUpdated(BaseEntryExtension):
    """An RSS item's last substantive change as `atom:updated` (RFC 4287, whose namespace
    the feed declares for its self link): RSS 2.0 has no element of its own for it, and
    readers that know Atom (feedparser among them) read it, while `pubDate` stays the date
    the item was published, so an update never makes it look new."""

    def __init__(self) -> None:
        self.moment: dt.datetime | None = None

    def extend_rss(self, item: etree._Element) -> etree._Element:
        if self.moment is not None:
            etree.SubElement(item, f"{{{ATOM_NS}}}updated").text = self.moment.isoformat()
        return item


def _generator(
    feed: Feed, fmt: str, self_url: str, self_type: str, title: Callable
) -> FeedGenerator:
    generator = FeedGenerator()
    generator.id(feed.id)
    generator.title(title(feed.format_titles.get(fmt, feed.title)))
    # The description is HTML to RSS readers too (`title` escapes for RSS, not for Atom).
    generator.description(title(feed.description) or title(feed.title))
    generator.language(feed.lang)
    generator.author({"name": xml_text(feed.author)})
    generator.generator(GENERATOR)
    # feedgen makes the last link RSS's <link>, which must be the page the feed follows.
    generator.link(href=self_url, rel="self", type=self_type)
    generator.link(href=feed.page, rel="alternate", type="text/html")
    # feedgen would stamp these with the time of the build; the feed changes with its posts.
    generator.updated(feed.updated)
    generator.lastBuildDate(feed.updated)
    generator.pubDate(feed.published)
    for entry in feed.entries:
        item = generator.add_entry(order="append")  # feedgen prepends by default
        item.id(entry.id)
        item.guid(entry.id, permalink=False)
        item.title(title(entry.title))
        item.link(href=entry.link, rel="alternate", type="text/html")
        item.published(entry.published)
        item.updated(entry.updated)
        for category in entry.categories:
            item.category(term=xml_text(category))
    return generator


def _author(feed: Feed) -> str:
    return xml_text(feed.author)


def rss(feed: Feed) -> bytes:
    """The feed as RSS 2.0 (dates in RFC 822 with the Amsterdam offset)."""
    # Readers (and feedparser) take RSS titles and descriptions for HTML whenever they hold
    # something that looks like markup or an entity: escape them, so text shows as text.
    generator = _generator(feed, "rss", feed.rss_url, RSS_TYPE, _as_html)
    # RSS's own <author> must be an e-mail address: the organisation is a Dublin Core creator.
    generator.load_extension("dc", atom=False, rss=True)
    generator.register_extension("updates", _FeedNothing, _RssUpdated, atom=False, rss=True)
    for item, entry in zip(generator.entry(), feed.entries, strict=True):
        item.description(_as_html(entry.summary))
        item.content(xml_text(entry.content_html))
        item.dc.dc_creator(_author(feed))
        item.updates.moment = entry.updated
    return generator.rss_str(pretty=True)


def atom(feed: Feed) -> bytes:
    """The feed as Atom 1.0 (RFC 4287; dates in RFC 3339 with the Amsterdam offset)."""
    generator = _generator(feed, "atom", feed.atom_url, ATOM_TYPE, xml_text)  # type="text"
    for item, entry in zip(generator.entry(), feed.entries, strict=True):
        item.author({"name": _author(feed)})
        item.summary(xml_text(entry.summary), type="text")
        item.content(xml_text(entry.content_html), type="html")
    return generator.atom_str(pretty=True)
