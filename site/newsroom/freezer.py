"""Frozen-Flask's freezer, made to scale: pages made across the cores, unchanged pages reused.

The URLs still come from Frozen-Flask (our URL generators, its `url_for` and endpoint check)
and each page is still fetched through the app's test client inside one request context, as
Frozen-Flask does. What changes:

- the URLs are split into shares, each frozen by a forked process into the one new folder;
- a page whose input key (see `deps`) matches the previous build's, with that build's file
  untouched, is not made again: the old file is hard-linked into the new folder;
- a page made again whose bytes equal the old file's is linked too, so unchanged files keep
  their modification time (rsync and web caches see no change).

The output is byte-for-byte the same whatever the number of processes and whatever the cache.
"""

from __future__ import annotations

import json
import mimetypes
import os
import shutil
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unicodedata import normalize

from flask import Flask
from flask_frozen import (
    Freezer,
    MimetypeMismatchWarning,
)
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from . import parallel
from .cache import digest_of
from .deps import PageKeys

Entry = tuple[str | None, str, int, int]
"""A page in the manifest: (input key, file path in the output, size, mtime in ns)."""


@dataclass(frozen=True, slots=True)
class FrozenFile:
    """One file of the new build."""

    url: str
    path: str  # relative to the output folder
    key: str | None
    size: int
    mtime_ns: int
    written: bool  # False: the previous build's file, linked

    @property
    def entry(self) -> Entry:
        return (self.key, self.path, self.size, self.mtime_ns)


def manifest_path(cache_dir: Path, output: Path) -> Path:
    """The manifest of the build into `output` (one per output folder)."""
    return cache_dir / f"pages-{digest_of(str(output))[:16]}.json"


def read_manifest(path: Path | None, output: Path) -> dict[str, Entry]:
    """The previous build's pages, or nothing when there is no readable manifest for it."""
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("output") != str(output):
            return {}
        return {
            url: (key, rel, int(size), int(mtime))
            for url, (key, rel, size, mtime) in data["pages"].items()
            if isinstance(rel, str) and (key is None or isinstance(key, str))
        }
    except Exception:  # noqa: BLE001 (missing or damaged: make every page)
        return {}


def write_manifest(path: Path, output: Path, files: list[FrozenFile]) -> None:
    """Record the pages of the build now in `output`; a failure only slows the next build."""
    data = {"output": str(output), "pages": {f.url: list(f.entry) for f in files}}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass


def link_or_copy(source: Path, target: Path) -> os.stat_result:
    """Put `source`'s file at `target` (a hard link where possible); its stat."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
    return target.stat()


class SiteFreezer(Freezer):
    """Frozen-Flask's freezer for the whole site, in parallel and incremental."""

    def __init__(
        self,
        app: Flask,
        empty_endpoints: set[str],
        *,
        previous: Path | None = None,
        manifest: dict[str, Entry] | None = None,
        jobs: int | None = 1,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        # log_url_for would replay url_for calls in whatever language rendered last.
        super().__init__(app, with_static_files=True, log_url_for=False)
        self.empty_endpoints = empty_endpoints
        self.previous = previous if previous is not None and previous.is_dir() else None
        self.manifest = manifest or {}
        self.jobs = jobs
        self.progress = progress

    def _check_endpoints(self, seen_endpoints: set[str]) -> None:
        # A site without pages, tags or years has endpoints with no URL legitimately.
        super()._check_endpoints(seen_endpoints | self.empty_endpoints)

    def planned(self) -> list[tuple[str, str | None]]:
        """Every URL to freeze, once, in the generators' order, with its input key."""
        keys = PageKeys(self.app)
        adapter = self.app.url_map.bind("localhost")
        seen_endpoints: set[str] = set()
        plan: dict[str, str | None] = {}
        for url, endpoint, _ in self._generate_all_urls():
            seen_endpoints.add(endpoint)
            if url in plan:
                continue
            try:
                matched, values = adapter.match(url)
            except (HTTPException, RequestRedirect):
                matched, values = None, {}
            plan[url] = keys.key(matched, values) if matched == endpoint else None
        self._check_endpoints(seen_endpoints)
        return list(plan.items())

    def freeze_site(self) -> list[FrozenFile]:
        """Freeze every URL into the (new, empty) destination; the files, in URL order."""
        self.root.mkdir(parents=True, exist_ok=True)
        plan = self.planned()
        jobs = parallel.worker_count(self.jobs, len(plan), worth_it=300)
        shares = parallel.chunked(plan, jobs, smallest=16, largest=100)
        done = [0]

        def report(share: list[Any], _: Any) -> None:
            done[0] += len(share)
            if self.progress:
                self.progress(done[0], len(plan))

        results = parallel.map_shares(self._freeze_share, shares, jobs, report)
        return [frozen for share in results for frozen in share]

    def _freeze_share(self, share: list[tuple[str, str | None]]) -> list[FrozenFile]:
        script_name = self._script_name()
        # Frozen-Flask fetches every page inside one request context; so do we (same output).
        with self.app.test_request_context(base_url=script_name or None):
            client = self.app.test_client()
            return [self._freeze_one(client, url, key) for url, key in share]

    def _freeze_one(self, client: Any, url: str, key: str | None) -> FrozenFile:
        rel = normalize("NFC", self.urlpath_to_filepath(url))
        path = self.root / rel
        old = self.previous / rel if self.previous is not None else None
        if key is not None and old is not None:
            entry = self.manifest.get(url)
            if entry is not None and entry[0] == key and entry[1] == rel:
                try:
                    stat = old.stat()
                except OSError:
                    stat = None
                if stat is not None and (stat.st_size, stat.st_mtime_ns) == entry[2:]:
                    linked = link_or_copy(old, path)
                    return FrozenFile(url, rel, key, linked.st_size, linked.st_mtime_ns, False)
        content = self._fetch(client, url, path)
        if old is not None and _same_bytes(old, content):
            linked = link_or_copy(old, path)
            return FrozenFile(url, rel, key, linked.st_size, linked.st_mtime_ns, False)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        stat = path.stat()
        return FrozenFile(url, rel, key, stat.st_size, stat.st_mtime_ns, True)

    def _fetch(self, client: Any, url: str, path: Path) -> bytes:
        """The page's bytes, checked as Frozen-Flask's `_build_one` checks them."""
        response = client.get(
            url,
            follow_redirects=self.app.config["FREEZER_REDIRECT_POLICY"] == "follow",
            base_url=self.app.config["FREEZER_BASE_URL"],
        )
        if response.status_code != 200:
            raise ValueError(f"Unexpected status {response.status!r} on URL {url}")
        if not self.app.config["FREEZER_IGNORE_MIMETYPE_WARNINGS"]:
            guessed = (
                mimetypes.guess_type(path.name)[0] or self.app.config["FREEZER_DEFAULT_MIMETYPE"]
            )
            if guessed != response.mimetype:
                warnings.warn(
                    f"Filename extension of {path.name!r} (type {guessed}) does not match "
                    f"Content-Type: {response.content_type}",
                    MimetypeMismatchWarning,
                    stacklevel=3,
                )
        content = response.data
        response.close()
        return content


def _same_bytes(path: Path, content: bytes) -> bool:
    try:
        return path.stat().st_size == len(content) and path.read_bytes() == content
    except OSError:
        return False
