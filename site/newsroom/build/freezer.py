"""Frozen-Flask's freezer, made to scale: pages made across the cores, unchanged pages reused.

The URLs still come from Frozen-Flask (our URL generators, its `url_for` and endpoint check)
and each page is still fetched through the app's test client inside one request context, as
Frozen-Flask does. What changes:

- the URLs are split into shares, each frozen by a forked process into the one destination;
- a page whose input key (see `deps`) matches the previous build's, with that build's file
  untouched, is not made again: the old file is hard-linked into the destination;
- the destination may be the build before the previous one (`build.spare_path`): its pages
  whose key still matches stay as they are, so a rebuild touches only the files that change;
- a page made again whose bytes equal the old file's is linked too, so unchanged files keep
  their modification time (rsync and web caches see no change).

Files in the destination may be hard links shared with the live site, so a file there is
never written in place: it is unlinked first and a new file takes its name.

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

from newsroom.core import parallel
from newsroom.loading.cache import digest_of
from newsroom.build.keys import PageKeys

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


def write_manifest(path: Path, output: Path, entries: dict[str, Entry]) -> None:
    """Record the pages of the build now in `output`; a failure only slows the next build."""
    data = {"output": str(output), "pages": {url: list(entry) for url, entry in entries.items()}}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass


def link_or_copy(source: Path, target: Path) -> os.stat_result:
    """Put `source`'s file at `target` (a hard link where possible, replacing what was
    there without writing into it); its stat."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
    return target.stat()


def write_new(path: Path, data: bytes) -> os.stat_result:
    """Write `data` to a new file at `path` (an old file there is unlinked, never rewritten:
    it may be a hard link shared with the live site); its stat."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    path.write_bytes(data)
    return path.stat()


def intact(folder: Path | None, rel: str, entry: Entry | None, key: str | None) -> bool:
    """Whether `folder` still holds the page `entry` recorded, made from inputs `key`."""
    if folder is None or entry is None or key is None or entry[0] != key or entry[1] != rel:
        return False
    try:
        stat = os.stat(f"{folder}/{rel}")  # (a string: pathlib costs more than the call)
    except OSError:
        return False
    return (stat.st_size, stat.st_mtime_ns) == entry[2:]


class SiteFreezer(Freezer):
    """Frozen-Flask's freezer for the whole site, in parallel and incremental."""

    def __init__(
        self,
        app: Flask,
        empty_endpoints: set[str],
        *,
        previous: Path | None = None,
        manifest: dict[str, Entry] | None = None,
        existing: dict[str, Entry] | None = None,
        twin: Path | None = None,
        jobs: int | None = 1,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        """`previous` is the live build with its `manifest`; `existing` is the manifest of
        what the destination already holds; every file is also hard-linked into `twin`."""
        # log_url_for would replay url_for calls in whatever language rendered last.
        super().__init__(app, with_static_files=True, log_url_for=False)
        self.empty_endpoints = empty_endpoints
        self.previous = previous if previous is not None and previous.is_dir() else None
        self.manifest = manifest or {}
        self.existing = existing or {}
        self.twin = twin
        self.keyed = False  # whether pages have input keys (see `planned`)
        self.jobs = jobs
        self.progress = progress

    def _check_endpoints(self, seen_endpoints: set[str]) -> None:
        # A site without pages, tags or years has endpoints with no URL legitimately.
        super()._check_endpoints(seen_endpoints | self.empty_endpoints)

    def planned(self) -> list[tuple[str, str | None]]:
        """Every URL to freeze, once, in the generators' order, with its input key."""
        keys = PageKeys(self.app)
        self.keyed = keys.enabled
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

    def previous_is_current(self, plan: list[tuple[str, str | None]]) -> bool:
        """Whether the live build already is this build: the same pages, all intact and made
        from the same inputs, and the pages without a key (static files) the same bytes."""
        if not self.keyed or self.previous is None:
            return False  # (without keys, as in a preview, comparing would cost a build)
        if set(self.manifest) != {url for url, _ in plan}:
            return False
        keyless = []
        for url, key in plan:
            entry = self.manifest[url]
            if key is None:
                keyless.append((url, entry))
            elif not intact(self.previous, entry[1], entry, key):
                return False
        with self.app.test_request_context(base_url=self._script_name() or None):
            client = self.app.test_client()
            for url, entry in keyless:
                rel = normalize("NFC", self.urlpath_to_filepath(url))
                old = self.previous / rel
                if rel != entry[1] or not same_bytes(old, self._fetch(client, url, old)):
                    return False
        return True

    def freeze_site(self, plan: list[tuple[str, str | None]] | None = None) -> list[FrozenFile]:
        """Freeze every URL of `plan` (default: `planned()`) into the destination; the files,
        in URL order. Pages the destination already holds are checked here; the rest are
        shared among the workers (when there are enough of them to be worth it)."""
        root = self.root  # (a property that makes a new Path each time)
        root.mkdir(parents=True, exist_ok=True)
        plan = self.planned() if plan is None else plan
        files: dict[str, FrozenFile] = {}
        rest = []
        for url, key in plan:
            entry = self.existing.get(url)
            # The key covers the code, so the same key means the same file path.
            if entry is not None and intact(root, entry[1], entry, key):
                files[url] = FrozenFile(url, entry[1], key, entry[2], entry[3], False)
            else:
                rest.append((url, key))
        jobs = parallel.worker_count(self.jobs, len(rest), worth_it=300)
        shares = parallel.chunked(rest, jobs, smallest=16, largest=100)
        done = [len(files)]

        def report(share: list[Any], _: Any) -> None:
            done[0] += len(share)
            if self.progress:
                self.progress(done[0], len(plan))

        for made in parallel.map_shares(self._freeze_share, shares, jobs, report):
            files.update((frozen.url, frozen) for frozen in made)
        return [files[url] for url, _ in plan]

    def _freeze_share(self, share: list[tuple[str, str | None]]) -> list[FrozenFile]:
        script_name = self._script_name()
        # Frozen-Flask fetches every page inside one request context; so do we (same output).
        with self.app.test_request_context(base_url=script_name or None):
            client = self.app.test_client()
            return [self._freeze_one(client, url, key) for url, key in share]

    def _freeze_one(self, client: Any, url: str, key: str | None) -> FrozenFile:
        rel = normalize("NFC", self.urlpath_to_filepath(url))
        frozen = self._place(client, url, key, rel)
        if self.twin is not None:
            link_or_copy(self.root / rel, self.twin / rel)
        return frozen

    def _place(self, client: Any, url: str, key: str | None, rel: str) -> FrozenFile:
        """Put the page at `url` into the destination, doing as little as it takes."""
        path = self.root / rel
        old = self.previous / rel if self.previous is not None else None
        if intact(self.previous, rel, self.manifest.get(url), key):
            assert old is not None
            linked = link_or_copy(old, path)
            return FrozenFile(url, rel, key, linked.st_size, linked.st_mtime_ns, False)
        content = self._fetch(client, url, path)
        if old is not None and same_bytes(old, content):
            linked = link_or_copy(old, path)
            return FrozenFile(url, rel, key, linked.st_size, linked.st_mtime_ns, False)
        if url in self.existing and same_bytes(path, content):
            stat = path.stat()
            return FrozenFile(url, rel, key, stat.st_size, stat.st_mtime_ns, False)
        stat = write_new(path, content)
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


def same_bytes(path: Path, content: bytes) -> bool:
    try:
        return path.stat().st_size == len(content) and path.read_bytes() == content
    except OSError:
        return False
