"""Load many post files at once: from the build cache where it can, the rest across the cores.

A file's load result (its `Post` or nothing, and its problems) depends only on its bytes and
path, the rollout data the checks read, and the code: the cache key covers exactly those.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsroom.content.editor_texts import editor_language
from newsroom.content.sources import read_limited
from newsroom.core import parallel
from newsroom.core.errors import Problem
from newsroom.core.models import Post
from newsroom.loading.cache import digest_of, load_version
from newsroom.loading.codec import Loaded
from newsroom.loading.store import STORE_NAME, PostStore, append_records, remove_earlier_layouts
from newsroom.markup.render import Renderer

LoadOne = Callable[[Path, Renderer, list[Problem], Mapping[str, Any] | None], Post | None]


@dataclass(frozen=True, slots=True)
class LoadOptions:
    """How to load: the cache folder (None: no cache) and the number of processes."""

    cache: Path | None = None
    jobs: int | None = 1  # None: one per core when there is enough to render


@dataclass(slots=True)
class _Batch:
    load_one: LoadOne
    data: Mapping[str, Any] | None
    cache_file: Path | None
    keys: dict[Path, str]


_BATCH: _Batch | None = None
"""The batch being loaded; forked workers inherit it."""


def data_digest(content_dir: Path, data: Mapping[str, Any] | None) -> str:
    """What of the data loaded before the posts their checks read: the rollout file's bytes;
    and the editors' language, which the problems are written in."""
    # The problems are in the editors' language: a record of one language is no answer in another.
    lang = editor_language()
    if data is None:
        return f"unchecked {lang}"
    path = content_dir / "rollout.yaml"
    try:
        found = digest_of("rollout", path.read_bytes()) if data.get("rollout") else "no rollout"
    except OSError:
        found = "no rollout"
    return f"{found} {lang}"


def _load_share(paths: list[Path]) -> list[Loaded]:
    batch = _BATCH
    assert batch is not None
    renderer = Renderer()
    results: list[Loaded] = []
    for path in paths:
        problems: list[Problem] = []
        post = batch.load_one(path, renderer, problems, batch.data)
        results.append((post, problems))
    if batch.cache_file is not None:
        made = zip(paths, results, strict=True)
        append_records(batch.cache_file, {batch.keys[p]: r for p, r in made if p in batch.keys})
    return results


def load_files(
    paths: list[Path],
    load_one: LoadOne,
    data: Mapping[str, Any] | None,
    digest: str,
    options: LoadOptions,
) -> list[Loaded]:
    """`load_one` for every path, in order: cached results, the rest rendered in parallel."""
    global _BATCH
    entries = None
    if options.cache is not None:
        remove_earlier_layouts(options.cache)  # pickle files: removed before anything reads
        entries = PostStore(options.cache / STORE_NAME)
    keys: dict[Path, str] = {}
    results: dict[Path, Loaded] = {}
    if entries is not None:
        version = load_version()
        for path in paths:
            try:
                source = read_limited(path)  # never more than the size limit
            except OSError:
                continue  # too large, or not readable: load_one reports it
            keys[path] = digest_of(version, digest, str(path), source)
            stored = entries.get(keys[path], path)  # checked field by field
            if stored is not None:
                results[path] = stored
    missing = [path for path in paths if path not in results]
    jobs = parallel.worker_count(options.jobs, len(missing), worth_it=64)
    _BATCH = _Batch(load_one, data, entries.path if entries is not None else None, keys)
    try:
        shares = parallel.chunked(missing, jobs)
        for share, loaded in zip(
            shares, parallel.map_shares(_load_share, shares, jobs), strict=True
        ):
            results.update(zip(share, loaded, strict=True))
            if entries is not None:  # the worker has appended them to the store
                entries.took({keys[p]: results[p] for p in share if p in keys})
    finally:
        _BATCH = None
    if entries is not None:
        entries.prune(set(keys.values()))
        entries.compact()
    return [results[path] for path in paths]
