"""The URLs of a site's pages as the app's URL rules make them, remembered between the builds
of one process (the watch).

Planning a build turns each page's (endpoint, values) into its URL (`url_for`, as Frozen-Flask
does) and matches the URL back to its endpoint; for thousands of pages that costs a rebuild
more than making the one page that changed. Both are functions of the URL rules (and the
script name) alone, so they are remembered under a fingerprint of those, and forgotten when it
changes; an app with anything else that changes its URLs (URL defaults functions) is not
remembered at all. Only what the last build planned is kept.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

from flask import Flask, url_for
from flask_frozen import Freezer
from werkzeug.exceptions import HTTPException
from werkzeug.routing import MapAdapter, RequestRedirect

Match = tuple[str | None, dict[str, Any]]
LOGGER = "UrlForLogger.__init__.<locals>.logger"
"""The URL defaults function every Frozen-Flask freezer adds: it notes calls, changes nothing."""


class Routes:
    """The URLs of (endpoint, values) and the matches of URLs, for one set of URL rules."""

    def __init__(self) -> None:
        self.lock = threading.Lock()  # held by one build's planning: one set of rules at a time
        self.fingerprint: str | None = None
        self.urls: dict[tuple[Any, ...], str] = {}
        self.matches: dict[str, Match] = {}

    def generated(self, freezer: Freezer) -> Iterator[tuple[str, str | None]]:
        """(url, endpoint) of everything the freezer's URL generators give, in order, as
        Frozen-Flask's `_generate_all_urls` gives them."""
        app = freezer.app
        script_name = freezer._script_name()
        fingerprint = _fingerprint(app, script_name)
        if fingerprint is None or fingerprint != self.fingerprint:  # other rules: start afresh
            self.fingerprint, self.urls, self.matches = fingerprint, {}, {}
        known = self.urls
        made: dict[tuple[Any, ...], str] = {}
        with app.test_request_context(base_url=script_name or None):
            for generator in [*freezer.url_generators, freezer.url_for_logger.iter_calls]:
                for generated in generator():
                    if isinstance(generated, str):
                        yield _path(unquote(generated)), None
                        continue
                    if isinstance(generated, Mapping):
                        endpoint, values = generator.__name__, generated
                    else:
                        endpoint, values = generated[0], generated[1]
                    key = _key(endpoint, values)
                    url = known.get(key) if key is not None else None
                    if url is None:
                        url = _url(endpoint, values, script_name)
                    if key is not None:
                        made[key] = url
                    yield url, endpoint
        if fingerprint is not None:
            self.urls = made  # only what this build planned

    def match(self, adapter: MapAdapter, url: str) -> Match:
        """The endpoint and values `url` matches (None, {} when none: a redirect, a 404)."""
        found = self.matches.get(url)
        if found is None:
            try:
                found = adapter.match(url)
            except (HTTPException, RequestRedirect):
                found = (None, {})
            if self.fingerprint is not None:
                self.matches[url] = found
        return found[0], dict(found[1])

    def keep_only(self, urls: set[str]) -> None:
        """Forget the matches of URLs no longer planned."""
        self.matches = {url: found for url, found in self.matches.items() if url in urls}


ROUTES = Routes()
"""This process's remembered URLs (one site at a time: a new fingerprint starts afresh)."""


def _url(endpoint: str, values: Mapping[str, Any], script_name: str) -> str:
    """What Frozen-Flask makes of (endpoint, values): the URL without the script name, the
    query string and the fragment, unquoted."""
    url = url_for(endpoint, **values)
    if not url.startswith(script_name):
        raise ValueError(f"url_for returned {url}, not starting with {script_name!r}")
    return _path(unquote(url[len(script_name) :]))


def _path(url: str) -> str:
    parsed = urlsplit(url)
    if parsed.scheme or parsed.netloc:
        raise ValueError(f"External URLs not supported: {url}")
    return parsed.path


def _key(endpoint: str, values: Mapping[str, Any]) -> tuple[Any, ...] | None:
    """The values as a key (with their types: 1 and True are one key otherwise); None when
    a value is not a plain string or number."""
    parts: list[Any] = [endpoint]
    for name in sorted(values):
        value = values[name]
        if type(value) not in (str, int, float, bool):
            return None
        parts.append((name, type(value).__name__, value))
    return tuple(parts)


def _fingerprint(app: Flask, script_name: str) -> str | None:
    """What the URLs are a function of: the rules, the script name and the URL settings;
    None when the app changes URLs in ways not seen here."""
    defaults = [f for fs in app.url_default_functions.values() for f in fs]
    if any(f.__qualname__ != LOGGER for f in defaults) or any(app.url_value_preprocessors.values()):
        return None
    url_map = app.url_map
    rules = [
        (
            rule.rule,
            rule.endpoint,
            sorted((rule.defaults or {}).items()),
            sorted(rule.methods or ()),
            rule.subdomain,
            rule.host,
            rule.strict_slashes,
            rule.merge_slashes,
            rule.redirect_to,
            rule.build_only,
            rule.alias,
        )
        for rule in url_map.iter_rules()
    ]
    settings = [
        app.config.get(name)
        for name in ("SERVER_NAME", "APPLICATION_ROOT", "PREFERRED_URL_SCHEME", "FREEZER_BASE_URL")
    ]
    shape = (url_map.strict_slashes, url_map.merge_slashes, url_map.host_matching)
    return repr((rules, script_name, settings, shape, sorted(url_map.converters)))
