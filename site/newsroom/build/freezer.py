"""Frozen-Flask's freezer, made to scale: pages made across the cores, unchanged pages reused.

The URLs still come from Frozen-Flask (our URL generators, its `url_for` and endpoint check)
and each page is still fetched through the app's test client inside one request context, as
Frozen-Flask does. What changes (words as in `build.output`):

- the URLs are split into shares, each frozen by a forked process into the one draft;
- a page whose input key (see `keys`) matches the live build's record, with the live file
  untouched, is not made again: the live file is hard-linked into the draft;
- the draft may be the spare: its pages whose key still matches stay as they are, so a
  rebuild touches only the files that change;
- a page made again whose bytes equal the live file's is linked too, so unchanged files keep
  their modification time (rsync and web caches see no change).

Files in the draft may be hard links shared with the live build, so a file there is never
written in place (see `build.files`).

The output is byte-for-byte the same whatever the number of processes and whatever the cache.
"""

from __future__ import annotations

import functools
import mimetypes
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unicodedata import normalize

from flask import Flask
from flask.testing import EnvironBuilder
from flask_frozen import Freezer, MimetypeMismatchWarning
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from newsroom.build.files import link_or_copy, prune, same_bytes, write_new
from newsroom.build.keys import PageKeys
from newsroom.build.output import Draft, OutputFolder
from newsroom.build.records import FrozenFile, intact
from newsroom.build.routes import ROUTES
from newsroom.build.search import is_search_file
from newsroom.core import parallel

Plan = list[tuple[str, str | None]]


@dataclass(frozen=True, slots=True)
class Answer:
    """The app's answer to one request: its status line, headers (lower-case names), body."""

    status: str
    headers: dict[str, str]
    data: bytes

    @property
    def status_code(self) -> int:
        return int(self.status.split(" ", 1)[0])

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    @property
    def mimetype(self) -> str | None:
        """As Werkzeug's response has it: the content type without its parameters."""
        return self.content_type.split(";")[0].strip() or None

"""Every URL to freeze, once, in order, with its input key (None: make it again)."""

FENCED = ("_generate_all_urls", "_check_endpoints", "_script_name", "urlpath_to_filepath")
"""What we use of `flask_frozen.Freezer` beyond its documented API (`register_generator`,
`all_urls`, `freeze_yield`, the `FREEZER_*` settings), as pinned in pyproject.toml (1.0.x).
`MimetypeMismatchWarning`, imported, would fail loudly at import instead."""


class FrozenFlaskChanged(UserWarning):
    """Frozen-Flask lacks a method of `FENCED`: this build is serial and reuses nothing."""


class SiteFreezer(Freezer):
    """Frozen-Flask's freezer for the whole site, in parallel and incremental.

    Should Frozen-Flask lack a method of `FENCED`, it warns (`FrozenFlaskChanged`) and
    freezes with Frozen-Flask's public `freeze_yield()`: the same site, made more slowly.
    """

    def __init__(
        self,
        app: Flask,
        output: OutputFolder,
        urls: Callable[[], Iterable[tuple[str, dict[str, Any]]]],
        *,
        empty_endpoints: set[str],
        jobs: int | None = 1,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        """The freezer of the pages `urls` gives, for the `output` folder: its live build's
        pages whose inputs are unchanged (per its records) are reused. Endpoints in
        `empty_endpoints` have no page in this site (no warning)."""
        # log_url_for would replay url_for calls in whatever language rendered last.
        super().__init__(app, with_static_files=True, log_url_for=False)
        # Files no longer in the site are pruned by the output folder, not by Frozen-Flask.
        app.config.update(FREEZER_REMOVE_EXTRA_FILES=False, FREEZER_IGNORE_MIMETYPE_WARNINGS=False)
        self.register_generator(urls)
        self.empty_endpoints = empty_endpoints
        self.live = output.live
        self.live_records = output.live_records
        self.jobs = jobs
        self.progress = progress
        missing = [name for name in FENCED if not hasattr(Freezer, name)]
        self.incremental = not missing
        if missing:
            warnings.warn(
                f"Frozen-Flask has no {', '.join(missing)}: building without reuse, serially "
                "(the pinned Frozen-Flask 1.0 has them)",
                FrozenFlaskChanged,
                stacklevel=2,
            )
        self.keys = PageKeys(app) if self.incremental else None
        self.endpoints: dict[str, str] = {}  # each planned URL's endpoint

    def _check_endpoints(self, seen_endpoints: set[str]) -> None:
        # A site without pages, tags or years has endpoints with no URL legitimately.
        check = getattr(super(), "_check_endpoints", None)
        if check is not None:  # (without it, as a newer Frozen-Flask may be, no check)
            check(seen_endpoints | self.empty_endpoints)

    def planned(self) -> Plan:
        """Every URL to freeze, once, in the generators' order, with its input key."""
        if self.keys is None:
            return [(url, None) for url in dict.fromkeys(self.all_urls())]
        adapter = self.app.url_map.bind("localhost")
        seen_endpoints: set[str] = set()
        plan: dict[str, str | None] = {}
        # As `_generate_all_urls` and the adapter's `match` give them, but remembered from
        # the process's last build with the same URL rules (see `routes`).
        with ROUTES.lock:
            for url, endpoint in ROUTES.generated(self):
                seen_endpoints.add(endpoint)  # type: ignore[arg-type]
                self.endpoints.setdefault(url, endpoint)  # type: ignore[arg-type]
                if url in plan:
                    continue
                matched, values = ROUTES.match(adapter, url)
                plan[url] = self.keys.key(matched, values) if matched == endpoint else None
            ROUTES.keep_only(set(plan))
        self._check_endpoints(seen_endpoints)
        return list(plan.items())

    def endpoint_of(self, url: str) -> str | None:
        """The endpoint of the page at `url`: as planned, else as the app's URLs match it."""
        if url in self.endpoints:
            return self.endpoints[url]
        try:
            return self.app.url_map.bind("localhost").match(url)[0]
        except (HTTPException, RequestRedirect):
            return None

    def live_is_current(self, plan: Plan, *, derived: bool = False) -> bool:
        """Whether the live build already is this build: the same pages, all intact and made
        from the same inputs, and the pages without a key (static files) the same bytes.
        With `derived`, the live build's search index (made from the pages, see `search`)
        is not one of its pages: the output folder checks it."""
        if self.keys is None or not self.keys.enabled or self.live is None:
            return False  # (without keys, as in a preview, comparing would cost a build)
        recorded = set(self.live_records)
        if derived:
            recorded = {url for url in recorded if not is_search_file(url)}
        if recorded != {url for url, _ in plan}:
            return False
        keyless = []
        for url, key in plan:
            record = self.live_records[url]
            if key is None:
                keyless.append((url, record))
            elif not intact(self.live, record, key, record.path):
                return False
        with self.app.test_request_context(base_url=self._script_name() or None):
            client = self.app.test_client()
            for url, record in keyless:
                path = self._path(url)
                live = self.live / path
                if path != record.path or not same_bytes(live, self._fetch(client, url, live)):
                    return False
        return True

    def freeze_site(self, plan: Plan, draft: Draft) -> list[FrozenFile]:
        """Freeze every URL of `plan` into the `draft`; the files, in URL order. Pages the
        draft already holds are checked here; the rest are shared among the workers (when
        there are enough of them to be worth it)."""
        if not self.incremental:
            return self._freeze_plainly(plan, draft)
        files: dict[str, FrozenFile] = {}
        rest = []
        for url, key in plan:
            record = draft.records.get(url)
            # The key covers the code, so the same key means the same file path.
            if record is not None and intact(draft.path, record, key, record.path):
                files[url] = FrozenFile(url, record, False)
            else:
                rest.append((url, key))
        jobs = parallel.worker_count(self.jobs, len(rest), worth_it=300)
        shares = parallel.chunked(rest, jobs, smallest=16, largest=100)
        done = [len(files)]

        def report(share: list[Any], _: Any) -> None:
            done[0] += len(share)
            if self.progress:
                self.progress(done[0], len(plan))

        share = functools.partial(self._freeze_share, draft)
        for made in parallel.map_shares(share, shares, jobs, report):
            files.update((frozen.url, frozen) for frozen in made)
        return [files[url] for url, _ in plan]

    def _freeze_plainly(self, plan: Plan, draft: Draft) -> list[FrozenFile]:
        """`freeze_site` with Frozen-Flask's public API only: every page made again."""
        prune(draft.path, set())  # (its files may be the live build's: never written into)
        self.app.config["FREEZER_DESTINATION"] = str(draft.path)
        files = {}
        for page in self.freeze_yield():
            path = str(page.path)
            files[page.url] = FrozenFile.of(page.url, None, path, (draft.path / path).stat(), True)
            if draft.spare is not None:
                link_or_copy(draft.path / path, draft.spare / path)
            if self.progress:
                self.progress(len(files), len(plan))
        return [files[url] for url, _ in plan]

    def _freeze_share(self, draft: Draft, share: Plan) -> list[FrozenFile]:
        # Frozen-Flask fetches every page inside one request context; so do we (same output).
        with self.app.test_request_context(base_url=self._script_name() or None):
            client = self.app.test_client()
            return [self._freeze_one(client, draft, url, key) for url, key in share]

    def path_of(self, url: str) -> str:
        """The file of the page at `url`, relative to the folder (as Frozen-Flask names it)."""
        return self._path(url)

    def _path(self, url: str) -> str:
        """The file of the page at `url`, relative to the folder (as Frozen-Flask names it)."""
        return normalize("NFC", self.urlpath_to_filepath(url))

    def _freeze_one(self, client: Any, draft: Draft, url: str, key: str | None) -> FrozenFile:
        path = self._path(url)
        frozen = self._place(client, draft, url, key, path)
        if draft.spare is not None:
            link_or_copy(draft.path / path, draft.spare / path)
        return frozen

    def _place(self, client: Any, draft: Draft, url: str, key: str | None, path: str) -> FrozenFile:
        """Put the page at `url` into the draft, doing as little as it takes."""
        new = draft.path / path
        live = self.live / path if self.live is not None else None
        if intact(self.live, self.live_records.get(url), key, path):
            assert live is not None
            return FrozenFile.of(url, key, path, link_or_copy(live, new), False)
        content = self._fetch(client, url, new)
        if live is not None and same_bytes(live, content):
            return FrozenFile.of(url, key, path, link_or_copy(live, new), False)
        if url in draft.records and same_bytes(new, content):
            return FrozenFile.of(url, key, path, new.stat(), False)
        return FrozenFile.of(url, key, path, write_new(new, content), True)

    def _fetch(self, client: Any, url: str, path: Path) -> bytes:
        """The page's bytes, checked as Frozen-Flask's `_build_one` checks them."""
        answer = self._answer(client, url)
        if answer.status_code != 200:
            raise ValueError(f"Unexpected status {answer.status!r} on URL {url}")
        if not self.app.config["FREEZER_IGNORE_MIMETYPE_WARNINGS"]:
            guessed = (
                mimetypes.guess_type(path.name)[0] or self.app.config["FREEZER_DEFAULT_MIMETYPE"]
            )
            if guessed != answer.mimetype:
                warnings.warn(
                    f"Filename extension of {path.name!r} (type {guessed}) does not match "
                    f"Content-Type: {answer.content_type}",
                    MimetypeMismatchWarning,
                    stacklevel=3,
                )
        return answer.data

    def _answer(self, client: Any, url: str) -> Answer:
        """The app's answer to the test client's GET of `url`, without the test client: the
        environ it builds, the app's own WSGI call, the body joined. The test client wraps
        that in a response object, cookies and redirects, which cost a page a millisecond or
        so; a redirect it would follow is still fetched through it."""
        base_url = self.app.config["FREEZER_BASE_URL"]
        builder = EnvironBuilder(
            self.app, path=url, base_url=base_url, environ_base=dict(client.environ_base)
        )
        try:
            environ = builder.get_environ()
        finally:
            builder.close()
        started: list[tuple[str, list[tuple[str, str]]]] = []

        def start_response(status: str, headers: list[tuple[str, str]], *_: Any) -> Any:
            started.append((status, headers))
            return None

        body = self.app.wsgi_app(environ, start_response)
        try:
            data = b"".join(body)
        finally:
            getattr(body, "close", lambda: None)()
        status, headers = started[-1]
        answer = Answer(status, dict((name.lower(), value) for name, value in headers), data)
        follow = self.app.config["FREEZER_REDIRECT_POLICY"] == "follow"
        if follow and 300 <= answer.status_code < 400:
            response = client.get(url, follow_redirects=True, base_url=base_url)
            headers = {name.lower(): value for name, value in response.headers.items()}
            answer = Answer(response.status, headers, response.data)
            response.close()
        return answer
