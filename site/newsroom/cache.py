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
FORMAT = b"newsroom-cache 1"
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
    """Pickled values in files named by their key, under one folder of the cache.

    Only this program writes there; a value that fails to load (truncated, corrupted, from
    another version of Python) counts as missing.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Any | None:
        self.used.add(key)
        try:
            data = self._path(key).read_bytes()
            return pickle.loads(data)
        except Exception:  # noqa: BLE001 (a damaged entry is only a miss)
            return None

    def put(self, key: str, value: Any) -> None:
        """Store `value` atomically (a half-written entry never has the final name)."""
        self.used.add(key)
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower

    def prune(self, keep: set[str]) -> None:
        """Remove entries not in `keep` (e.g. earlier versions of edited posts)."""
        if not self.folder.is_dir():
            return
        for shard in self.folder.iterdir():
            if not shard.is_dir():
                continue
            for entry in shard.iterdir():
                if entry.stem not in keep:
                    entry.unlink(missing_ok=True)
