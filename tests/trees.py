"""Helpers for tests that compare whole folders, and a clean build to compare with."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from newsroom.build.site import build
from newsroom.loading.cache import CACHE_NAME


def tree_digest(folder: Path) -> str:
    """One digest of every file's path and bytes (and every folder's path) under `folder`."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode() + b"\0")
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def clean(content: Path, tmp_path: Path, name: str = "clean") -> dict[str, bytes]:
    """The site from a clean single-process build: no cache, no previous output."""
    output = tmp_path / name / "build"
    shutil.rmtree(output.parent, ignore_errors=True)
    build(content, output, jobs=1, use_cache=False)
    assert not (output.parent / CACHE_NAME).exists()
    return tree(output)
