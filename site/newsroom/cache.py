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
FORMAT = b"newsroom-cache 2"
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
    """Pickled values by key, all in one file of the cache (one read, one write per build).

    Only this program writes there; a file that fails to load (truncated, corrupted, from
    another version of Python) counts as empty.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._values: dict[str, Any] | None = None
        self._changed = False

    @property
    def values(self) -> dict[str, Any]:
        if self._values is None:
            try:
                with self.path.open("rb") as handle:  # streamed: no second copy in memory
                    loaded = pickle.load(handle)
                self._values = loaded if isinstance(loaded, dict) else {}
            except Exception:  # noqa: BLE001 (a missing or damaged file is only a miss)
                self._values = {}
        return self._values

    def get(self, key: str) -> Any | None:
        return self.values.get(key)

    def put(self, key: str, value: Any) -> None:
        self.values[key] = value
        self._changed = True

    def prune(self, keep: set[str]) -> None:
        """Forget entries not in `keep` (e.g. earlier versions of edited posts)."""
        gone = self.values.keys() - keep
        for key in gone:
            del self.values[key]
        self._changed = self._changed or bool(gone)

    def save(self) -> None:
        """Write the entries if they changed, atomically (a half-written file never has the
        final name); a cache that cannot be written only makes the next build slower."""
        if not self._changed:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as out:
                pickle.dump(self.values, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
        except OSError:
            return
        self._changed = False
