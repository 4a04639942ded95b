"""What a kind of page is: its URLs, its view, and the posts it shows (see `kinds` for the table).

A "page" here is anything the site publishes at a URL: an HTML page, a feed, a calendar, a
file. The views, the freezer's URL list, the sitemap and the build's input keys all ask a
`PageKind`; none of them decides on its own which pages exist or which posts one shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from newsroom.core.models import LANGUAGES, Post
from newsroom.web.index import SiteIndex

Values = dict[str, Any]
"""A page's URL values, e.g. `{"lang": "nl", "slug": "update-livegang"}`."""
Rule = tuple[str, Values]
"""A URL rule of one language: (path pattern, default values besides `lang`)."""


def _no_posts(index: SiteIndex, values: Values) -> tuple[Post, ...]:
    return ()


@dataclass(frozen=True, slots=True)
class PageKind:
    """One kind of page, declared once.

    - `endpoint`: Flask's name for it, `<blueprint>.<name>`;
    - `rules(lang)`: its URL rules in one language (`rules("")` for kinds that are not
      per language: the root's files and content files);
    - `view`: the function that renders it from the URL values;
    - `generate(index)`: the URL values of every page of this kind, every language;
    - `counterpart(index, values, lang)`: the same page in `lang`, or None (HTML pages only:
      the language switcher, hreflang and the sitemap read it; None for feeds and files);
    - `posts_shown(index, values)`: the posts the page lists or carries (None: no such page).
      The view shows exactly these; the page's input key covers exactly these;
    - `with_text`: whether the page shows those posts' text (a post page, a feed) or only
      their title, date and summary (lists);
    - `site_wide`: whether the page is also made from every post's metadata (the archive's
      counts, the topics, the sitemap…): any post's change remakes it;
    - `needs_rollout`: the kind exists only when the content has rollout data;
    - `per_language`: its rules are made once per language (with `lang` in the values);
    - `keyed`: whether the build may reuse its page from the previous build when its input
      key is unchanged (False: always made again and compared, for content files whose bytes
      no key covers);
    - `searched`: whether its pages are in the search index (its template marks what is
      searched with `data-pagefind-body`; see `build.search`).
    """

    endpoint: str
    rules: Callable[[str], list[Rule]]
    view: Callable[..., Any]
    generate: Callable[[SiteIndex], Iterator[Values]]
    counterpart: Callable[[SiteIndex, Values, str], Values | None] | None = None
    posts_shown: Callable[[SiteIndex, Values], Sequence[Post] | None] = _no_posts
    with_text: bool = False
    site_wide: bool = False
    needs_rollout: bool = False
    in_sitemap: bool = True
    per_language: bool = True
    keyed: bool = True
    searched: bool = False

    @property
    def blueprint(self) -> str:
        return self.endpoint.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.endpoint.split(".", 1)[1]

    @property
    def is_html(self) -> bool:
        """An HTML page of a language (it has a counterpart in the other language)."""
        return self.counterpart is not None


class PageKinds:
    """The table of page kinds, by endpoint; what the views, freezer and keys ask."""

    def __init__(self, kinds: Sequence[PageKind]) -> None:
        self.all = tuple(kinds)
        self._by_endpoint = {kind.endpoint: kind for kind in kinds}

    def __getitem__(self, endpoint: str) -> PageKind:
        return self._by_endpoint[endpoint]

    def get(self, endpoint: str | None) -> PageKind | None:
        return self._by_endpoint.get(endpoint) if endpoint else None

    def alternates(self, index: SiteIndex, endpoint: str, values: Values) -> dict[str, Any]:
        """The values of this page in every language (None where it has no translation)."""
        counterpart = self[endpoint].counterpart
        assert counterpart is not None, endpoint
        return {lang: counterpart(index, values, lang) for lang in LANGUAGES}

    def posts_shown(self, index: SiteIndex, endpoint: str, values: Values) -> Sequence[Post]:
        """The posts the page `endpoint` with `values` shows (empty when it shows none)."""
        return self[endpoint].posts_shown(index, values) or ()

    def sitemap(self, index: SiteIndex) -> Iterator[tuple[str, Values, dict[str, Any]]]:
        """(endpoint, values, alternates) of every HTML page that belongs in the sitemap."""
        for kind in self.all:
            if kind.is_html and kind.in_sitemap:
                for values in kind.generate(index):
                    yield kind.endpoint, values, self.alternates(index, kind.endpoint, values)

    def urls(self, index: SiteIndex) -> Iterator[tuple[str, Values]]:
        """(endpoint, values) of every page of the site, in the table's order."""
        for kind in self.all:
            for values in kind.generate(index):
                yield kind.endpoint, values

    def empty(self, index: SiteIndex) -> set[str]:
        """Endpoints with no page at all in this site (a site may have no tags yet)."""
        return {k.endpoint for k in self.all if next(iter(k.generate(index)), None) is None}
