"""The on-disk build cache beside the output (`.newsroom-cache/`): safe to delete at any time.

It holds each post file's load result (front matter checked, Markdown rendered to HTML with
its `[[block]]` placeholders, not yet expanded; see store.py), keyed by a digest of everything
that result depends on: the file's bytes and path, the rollout data the checks read, and the
version of the code that made it (here). An entry that cannot be read is ignored and made
again, never trusted.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from newsroom.core.paths import PROJECT_ROOT

CACHE_NAME = ".newsroom-cache"
"""The cache folder, made beside the output folder."""
FORMAT = b"newsroom-cache 4"
"""Changes whenever the layout of the cache's entries changes (4: JSON records, no pickles)."""
PACKAGE_ROOT = Path(__file__).resolve().parents[1]
"""The whole `newsroom` package (all its layers), not just this module's folder."""
RENDER_ROOTS = tuple(PROJECT_ROOT / name for name in ("templates", "translations", "static"))
"""What pages are made with besides the code: a change to any file there remakes them all."""
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
    "pillow",
)
"""Packages whose version changes what a build writes (a missing one counts as 'absent')."""


def cache_dir_for(output: Path) -> Path:
    """Where the cache of a build into `output` lives: a sibling folder."""
    return output.parent / CACHE_NAME


def cache_dir_beside(content_dir: Path) -> Path:
    """Where `make check` and the preview keep their cache: beside the content folder, which
    for the usual layout (`content/` and `build/` side by side) is the build's cache too."""
    return content_dir.absolute().parent / CACHE_NAME


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
    _files_digest(digest, [PACKAGE_ROOT], "*.ttf")  # the share card's fonts (web/fonts/)
    return digest.hexdigest()


@cache
def render_version() -> str:
    """Digest of everything that turns models into pages: the load version, the templates,
    the interface translations and the static files."""
    digest = hashlib.sha256(load_version().encode())
    _files_digest(digest, RENDER_ROOTS, "*")
    return digest.hexdigest()


def digest_of(*parts: bytes | str) -> str:
    """A hex digest of several parts, unambiguous (each part's length is hashed too)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()
