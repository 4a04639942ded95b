"""The on-disk build cache beside the output (`.newsroom-cache/`): safe to delete at any time.

It holds each post file's load result (front matter checked, Markdown rendered to HTML with
its `[[block]]` placeholders, not yet expanded), keyed by a digest of everything that result
depends on: the file's bytes and path, the rollout data the checks read, and the version of
the code that made it. An entry that cannot be read is ignored and made again, never trusted.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

CACHE_NAME = ".newsroom-cache"
"""The cache folder, made beside the output folder."""
FORMAT = b"newsroom-cache 3"
"""Changes whenever the layout of the cache's entries changes."""
PACKAGE_ROOT = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_ROOT.parents[1]
DISTRIBUTIONS = (
    "markdown",
    "nh3",
    "pyyaml",
    "jinja2",
    "markupsafe",
    "flask",
    "werkzeug",
    "frozen-flask",
    "babel",
    "feedgen",
    "lxml",
)
"""Packages whose version changes what a build writes (a missing one counts as 'absent')."""


def cache_dir_for(output: Path) -> Path:
    """Where the cache of a build into `output` lives: a sibling folder."""
    return output.parent / CACHE_NAME


def _files_digest(digest: Any, roots: Iterable[Path], pattern: str) -> None:
    for root in roots:
        if not root.is_dir():
            continue
        for path in sorted(root.rglob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")


def _package_versions() -> bytes:
    found = []
    for name in DISTRIBUTIONS:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=absent")
    return f"{sys.version}|{'|'.join(found)}".encode()


@cache
def load_version() -> str:
    """Digest of the code that turns a content file into a model: our package's source (so
    any change to markup.py, the sanitiser or the checks counts) and the libraries' versions."""
    digest = hashlib.sha256(FORMAT)
    digest.update(_package_versions())
    _files_digest(digest, [PACKAGE_ROOT], "*.py")
    return digest.hexdigest()


@cache
def render_version() -> str:
    """Digest of everything that turns models into pages: the load version, the templates,
    the interface translations and the static files."""
    digest = hashlib.sha256(load_version().encode())
    roots = [PROJECT_ROOT / "templates", PROJECT_ROOT / "translations", PROJECT_ROOT / "static"]
    _files_digest(digest, roots, "*")
    return digest.hexdigest()


def digest_of(*parts: bytes | str) -> str:
    """A hex digest of several parts, unambiguous (each part's length is hashed too)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


class EntryCache:
    """Pickled values by key in one append-only file: a build reads it once and appends what
    it made; when most of its records are outdated, it is written afresh.

    Only this program writes there; a record that fails to load (truncated, corrupted, from
    another version of Python) ends the reading: it and the rest count as missing.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.values: dict[str, Any] = {}
        self._records = 0  # records in the file, outdated ones included
        self._damaged = False
        # Read now, before workers append to the file.
        try:
            with path.open("rb") as handle:
                while True:
                    key, value = pickle.load(handle)
                    self.values[key] = value
                    self._records += 1
        except (EOFError, FileNotFoundError):
            pass
        except Exception:  # noqa: BLE001 (damaged: what follows is only a miss)
            self._damaged = True

    def get(self, key: str) -> Any | None:
        return self.values.get(key)

    def append(self, entries: dict[str, Any]) -> None:
        """Append records for `entries` to the file (the workers that rendered them do this,
        so the parent never pickles a whole site), and count them in."""
        if entries:
            append_records(self.path, entries)
            self.took(entries)

    def took(self, entries: dict[str, Any]) -> None:
        """Count in `entries`, which a worker has already appended to the file."""
        self.values.update(entries)
        self._records += len(entries)

    def prune(self, keep: set[str]) -> None:
        """Forget entries not in `keep` (e.g. earlier versions of edited posts)."""
        for key in self.values.keys() - keep:
            del self.values[key]

    def compact(self) -> None:
        """Write the file afresh when it is damaged or mostly outdated records; a cache that
        cannot be written only makes the next build slower."""
        if not (self._damaged or self._records > 2 * len(self.values) + 64):
            return
        try:
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
            os.close(handle)
            _write_records(temporary, self.values, os.O_WRONLY | os.O_TRUNC)
            os.replace(temporary, self.path)
        except OSError:
            return
        self._records = len(self.values)
        self._damaged = False


def append_records(path: Path, entries: dict[str, Any]) -> None:
    """Append a record per entry to the cache file at `path` (made if missing); a cache that
    cannot be written only makes the next build slower."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_records(path, entries, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    except OSError:
        pass


def _write_records(path: str | Path, entries: dict[str, Any], flags: int) -> None:
    """Write one pickled (key, value) record per entry, whole records per `write` call (with
    O_APPEND, builds of other outputs beside this one share the cache: their records may
    come between ours, never inside them), in pieces of about a megabyte (little memory)."""
    descriptor = os.open(path, flags, 0o644)
    try:
        piece: list[bytes] = []
        size = 0
        for key, value in entries.items():
            record = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
            piece.append(record)
            size += len(record)
            if size >= 1 << 20:
                os.write(descriptor, b"".join(piece))
                piece, size = [], 0
        if piece:
            os.write(descriptor, b"".join(piece))
    finally:
        os.close(descriptor)
