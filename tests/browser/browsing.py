"""What the browser tests share: the kinds of page, a local web server, the tools they need."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"

# Every kind of page, per language: the path below the site root.
PAGE_KINDS: dict[str, dict[str, str]] = {
    "home": {"nl": "nl/index.html", "en": "en/index.html"},
    "news index": {"nl": "nl/nieuws/index.html", "en": "en/news/index.html"},
    "post": {
        "nl": "nl/nieuws/update-livegang/index.html",
        "en": "en/news/update-livegang/index.html",
    },
    "topics": {"nl": "nl/onderwerpen/index.html", "en": "en/topics/index.html"},
    "topic": {"nl": "nl/onderwerpen/livegang/index.html", "en": "en/topics/go-live/index.html"},
    "archive": {"nl": "nl/archief/index.html", "en": "en/archive/index.html"},
    "year": {"nl": "nl/archief/2019/index.html", "en": "en/archive/2019/index.html"},
    "schedule": {"nl": "nl/planning/index.html", "en": "en/schedule/index.html"},
    "supplier": {"nl": "nl/planning/magister/index.html", "en": "en/schedule/magister/index.html"},
    "page: about": {"nl": "nl/over-rio-vo/index.html", "en": "en/about/index.html"},
    "page: subscribe": {"nl": "nl/abonneren/index.html", "en": "en/subscribe/index.html"},
    "page: accessibility": {
        "nl": "nl/toegankelijkheid/index.html",
        "en": "en/accessibility/index.html",
    },
    "search": {"nl": "nl/zoeken/index.html", "en": "en/search/index.html"},
    "not found": {"nl": "nl/404.html", "en": "en/404.html"},
}
# On the second site (one post per news page).
PAGED_KINDS: dict[str, dict[str, str]] = {
    "news page 2": {"nl": "nl/nieuws/pagina/2/index.html", "en": "en/news/page/2/index.html"},
}
ROOT = "index.html"  # the language-choice page; one page for both languages


def all_pages() -> list[tuple[str, str, str, str]]:
    """(site, kind, language, path) of every page kind; site is "main" or "paged"."""
    pages = [
        (site, kind, lang, path)
        for site, kinds in (("main", PAGE_KINDS), ("paged", PAGED_KINDS))
        for kind, paths in kinds.items()
        for lang, path in paths.items()
    ]
    return [*pages, ("main", "language choice", "nl+en", ROOT)]


def page_ids() -> list[str]:
    return [f"{kind} ({lang})" for _, kind, lang, _ in all_pages()]


def required(what: str) -> None:
    """Skip for a missing tool, or fail under CI where every tool must be installed."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} (CI=true: .ci/run installs it)")
    pytest.skip(what)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class Site:
    """A frozen site served over HTTP on 127.0.0.1."""

    root: Path
    origin: str

    def url(self, path: str) -> str:
        return f"{self.origin}/{path}"


@contextlib.contextmanager
def serve(root: Path) -> Iterator[Site]:
    """Serve `root` on a free port of 127.0.0.1 for the duration of the block."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(root, f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass
class Recorder:
    """What a page did that a reader cannot see: requests and console messages."""

    requests: list[str] = field(default_factory=list)
    console: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda message: self.console.append((message.type, message.text)))
        page.on("pageerror", lambda error: self.errors.append(str(error)))


def open_page(page, site: Site, path: str) -> None:
    """Go to `path`; on the language-choice page, stay there instead of following its redirect.

    That page sends a reader on to Dutch with a meta refresh; answering that navigation with 204
    No Content cancels it (as HTTP says), so the page itself can be examined.
    """
    if path == ROOT:
        page.route(site.url("nl/index.html"), lambda route: route.fulfill(status=204))
    page.goto(site.url(path))
    if path == ROOT:
        page.wait_for_timeout(300)  # the refresh has fired (and been cancelled)
        assert page.url == site.url(path)
