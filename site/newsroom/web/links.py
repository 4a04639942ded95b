"""Links between pages: relative in the built site, absolute where a URL must stand alone."""

from __future__ import annotations

import posixpath
from typing import Any

from flask import Flask, Request, current_app, request, url_for

# Pages that may be served at any depth (the 404 page) link from the site root instead.
ROOTED_ENDPOINTS = frozenset({"web.not_found", None})


def _relpath(path: str, start: str) -> str:
    """`posixpath.relpath` for URL paths, without its file-system work (a site makes
    tens of thousands of links); the same result, which a test checks."""
    path_parts = [part for part in path.split("/") if part]
    start_parts = [part for part in start.split("/") if part]
    if "." in path_parts or ".." in path_parts or "." in start_parts or ".." in start_parts:
        return posixpath.relpath(path, start)
    common = 0
    for mine, theirs in zip(path_parts, start_parts, strict=False):
        if mine != theirs:
            break
        common += 1
    parts = [".."] * (len(start_parts) - common) + path_parts[common:]
    return "/".join(parts) if parts else "."


def relative_path(target: str, current: str, index_files: bool) -> str:
    """The link from page `current` to `target` (both absolute URL paths).

    With `index_files`, directory URLs end in 'index.html' so the site also works from disk.
    """
    base = current if current.endswith("/") else posixpath.dirname(current) + "/"
    if target.endswith("/"):
        if index_files:
            return _relpath(target + "index.html", base)
        rel = _relpath(target, base)
        return "./" if rel == "." else rel + "/"
    return _relpath(target, base)


def base_path() -> str:
    """The path part of the site's base URL, e.g. '/' or '/rio-vo/'."""
    return _base_path(current_app._get_current_object())  # type: ignore[attr-defined]


def _base_path(app: Flask) -> str:
    base_url = app.config.get("BASE_URL")
    if not base_url:
        return "/"
    path = base_url.split("://", 1)[-1].partition("/")[2]
    return "/" + path


# The app and the request behind Flask's proxies, fetched once per link: each look-up through
# a proxy costs about a microsecond, and a site makes hundreds of thousands of links.
def _app() -> Flask:
    return current_app._get_current_object()  # type: ignore[attr-defined,no-any-return]


def _request() -> Request:
    return request._get_current_object()  # type: ignore[attr-defined,no-any-return]


def url_path(endpoint: str, **values: Any) -> str:
    """`url_for(endpoint, **values)`, made once per app: a page's path never changes while the
    app runs, and every page links to dozens of others (Werkzeug's URL building is slow)."""
    return _url_path(_app(), _request(), endpoint, values)


def _url_path(app: Flask, current: Request, endpoint: str, values: dict[str, Any]) -> str:
    try:
        key = (current.script_root, endpoint, tuple(sorted(values.items())))
        hash(key)
    except TypeError:  # a value that cannot be a dictionary key
        return url_for(endpoint, **values)
    paths = app.extensions.get("newsroom-url-paths")
    if paths is None:
        paths = app.extensions.setdefault("newsroom-url-paths", {})
    path = paths.get(key)
    if path is None:
        path = paths[key] = url_for(endpoint, **values)
    return path


def link(endpoint: str, **values: Any) -> str:
    """The URL of a page as it should appear in another page's HTML."""
    fragment = values.pop("_anchor", None)
    app, current = _app(), _request()
    target = _url_path(app, current, endpoint, values)
    if current.endpoint in ROOTED_ENDPOINTS:
        url = _base_path(app) + target[1:]
    else:
        url = relative_path(target, current.path, app.config["INDEX_LINKS"])
    return f"{url}#{fragment}" if fragment else url


def absolute_url(endpoint: str, **values: Any) -> str:
    """The full public URL of a page (canonical, hreflang, sitemap, feeds)."""
    app, current = _app(), _request()
    path = _url_path(app, current, endpoint, values)
    base_url = app.config.get("BASE_URL") or current.host_url
    return base_url + path[1:]
