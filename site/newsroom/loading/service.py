"""The loaded content of a command that runs on (the preview): read once, then read again after
each change, with only the post files that changed loaded again.

Each post's load result stays in memory with the file's signature (its size, times and inode),
so reading again costs a look at each file, not a render; a file that changed, and every post
when the rollout data their checks read changed, is loaded through `load_keyed`: from the
build cache when an earlier load (any command's) made that result, else rendered. What comes
out is exactly what `read_content` gives for the same files.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsroom.loading.codec import Loaded
from newsroom.loading.content import ReadResult, read_content
from newsroom.loading.documents import load_post
from newsroom.loading.workers import LoadOptions, load_keyed

Signature = tuple[int, int, int, int]
FEW = 16
"""Up to this many changed files are rendered without reading the cache's store (which holds
every post: reading it costs more than rendering a few)."""


@dataclass(frozen=True, slots=True)
class _Kept:
    signature: Signature  # the file's, taken before it was read
    digest: str  # what of the data its checks read (see workers.data_digest)
    key: str | None  # its record in the build cache (None: no cache, or not stored)
    loaded: Loaded


def signature(path: Path) -> Signature | None:
    """What changes whenever the file is written or replaced; None if it cannot be seen."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


class ContentService:
    """The content of one folder, kept loaded: `read()` gives it as it is on disk now."""

    def __init__(self, content_dir: Path, options: LoadOptions | None = None) -> None:
        self.content_dir = content_dir
        self.options = options or LoadOptions()
        self._kept: dict[Path, _Kept] = {}
        self._lock = threading.Lock()  # one read at a time
        self.reloaded = 0  # post files the last read loaded again (not from memory)

    def forget(self, paths: Iterable[Path]) -> None:
        """Load these files again on the next read, whatever their signature says (a watcher
        saw them change: an edit within the clock's resolution counts too)."""
        with self._lock:
            for path in paths:
                self._kept.pop(path, None)

    def read(self) -> ReadResult:
        """Everything under the content folder, as `read_content` reads it."""
        with self._lock:
            return read_content(self.content_dir, self.options, self._load_posts)

    def _load_posts(
        self, paths: list[Path], data: Mapping[str, Any] | None, digest: str
    ) -> list[Loaded]:
        kept: dict[Path, _Kept] = {}
        missing: list[Path] = []
        signatures: dict[Path, Signature | None] = {}
        for path in paths:
            known = self._kept.get(path)
            signatures[path] = current = signature(path)
            if (
                known
                and current is not None
                and (known.signature, known.digest)
                == (
                    current,
                    digest,
                )
            ):
                kept[path] = known
            else:
                missing.append(path)
        if missing:
            keep = {k.key for k in kept.values() if k.key is not None}
            # A few files (an edit) are rendered rather than looked up in the whole store;
            # their results are added to it all the same.
            lookup = not self._kept or len(missing) > FEW
            loaded = load_keyed(missing, load_post, data, digest, self.options, keep, lookup)
            for path, (key, result) in zip(missing, loaded, strict=True):
                if (seen := signatures[path]) is not None:
                    kept[path] = _Kept(seen, digest, key, result)
                else:  # gone while we looked: not kept, loaded again next time
                    kept[path] = _Kept((-1, -1, -1, -1), digest, None, result)
        self.reloaded = len(missing)
        self._kept = {path: kept[path] for path in paths}  # files removed are forgotten
        return [kept[path].loaded for path in paths]
