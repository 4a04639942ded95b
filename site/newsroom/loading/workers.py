"""Load many post files at once: from the build cache where it can, the rest across the cores.

A file's load result (its `Post` or nothing, and its problems) depends only on its bytes and
path, the rollout data the checks read, and the code: the cache key covers exactly those.
Records are kept under the file's absolute path, so one cache serves every command however it
names the content folder (`make check` says `content`, the build `/…/content`): a result is
handed back with the path spelled as the caller spelled it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from newsroom.content.editor_texts import editor_language
from newsroom.content.rollout import read_by_post_checks
from newsroom.content.sources import read_limited
from newsroom.core import parallel
from newsroom.core.errors import Problem
from newsroom.core.models import Post
from newsroom.core.timelimit import can_interrupt
from newsroom.loading.cache import digest_of, load_version
from newsroom.loading.codec import Loaded
from newsroom.loading.documents import RENDER_SECONDS
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
    unlimited: set[Path]  # results made past the time limit, which could not stop them


_BATCH: _Batch | None = None
"""The batch being loaded; forked workers inherit it."""


def data_digest(content_dir: Path, data: Mapping[str, Any] | None) -> str:
    """What of the data loaded before the posts their checks read (of the rollout data: whether
    there is any, and its suppliers' ids; an edit of dates or names loads no post again); and
    the editors' language, which the problems are written in."""
    # The problems are in the editors' language: a record of one language is no answer in another.
    lang = editor_language()
    if data is None:
        return f"unchecked {lang}"
    return f"{digest_of('rollout', read_by_post_checks(data.get('rollout')))} {lang}"


def _load_share(paths: list[Path]) -> list[Loaded]:
    batch = _BATCH
    assert batch is not None
    renderer = Renderer()
    results: list[Loaded] = []
    unlimited: set[Path] = set()  # made past the time limit, which did not apply here
    limited = can_interrupt()
    for path in paths:
        problems: list[Problem] = []
        start = time.monotonic()
        post = batch.load_one(path, renderer, problems, batch.data)
        results.append((post, problems))
        if not limited and time.monotonic() - start >= RENDER_SECONDS:
            unlimited.add(path)
    if batch.cache_file is not None:
        made = {p: r for p, r in zip(paths, results, strict=True) if p not in unlimited}
        append_records(batch.cache_file, _canonical(made, batch.keys))
        batch.unlimited.update(unlimited)
    return results


def _canonical(results: Mapping[Path, Loaded], keys: Mapping[Path, str]) -> dict[str, Loaded]:
    """The results the cache keeps, by key, spelled as the cache keeps them."""
    kept = {}
    for path, loaded in results.items():
        canonical = respelled(loaded, path, absolute(path)) if path in keys else None
        if canonical is not None:  # (None: a result that names its path in a message)
            kept[keys[path]] = canonical
    return kept


def absolute(path: Path) -> Path:
    """The spelling of `path` the cache keeps records under (the same file, made absolute)."""
    return path if path.is_absolute() else Path(os.path.abspath(path))


def respelled(loaded: Loaded, old: Path, new: Path) -> Loaded | None:
    """`loaded` as loading the file under the name `new` instead of `old` gives it: the post's
    source and the problems' paths; None when a message names the path (it is not respelled)."""
    if old == new:
        return loaded
    post, problems = loaded
    before, after = str(old), str(new)
    if any(before in p.message or after in p.message for p in problems):
        return None
    return (
        None if post is None else replace(post, source=new),
        [replace(p, path=after) if p.path == before else p for p in problems],
    )


def load_files(
    paths: list[Path],
    load_one: LoadOne,
    data: Mapping[str, Any] | None,
    digest: str,
    options: LoadOptions,
    keep: Collection[str] = (),
) -> list[Loaded]:
    """`load_one` for every path, in order: cached results, the rest rendered in parallel.

    The cache keeps the records of these paths and of the keys in `keep` (posts the caller
    holds already), and forgets the rest."""
    return [loaded for _, loaded in load_keyed(paths, load_one, data, digest, options, keep)]


def load_keyed(
    paths: list[Path],
    load_one: LoadOne,
    data: Mapping[str, Any] | None,
    digest: str,
    options: LoadOptions,
    keep: Collection[str] = (),
    lookup: bool = True,
) -> list[tuple[str | None, Loaded]]:
    """`load_files`, with each result's cache key (None without a cache).

    Without `lookup` the cache is not read, only appended to: for a few files (the preview's
    edited post), rendering them costs less than reading the whole store."""
    global _BATCH
    entries = None
    store_file = None
    if options.cache is not None:
        remove_earlier_layouts(options.cache)  # pickle files: removed before anything reads
        store_file = options.cache / STORE_NAME
        entries = PostStore(store_file) if lookup else None
    keys: dict[Path, str] = {}
    results: dict[Path, Loaded] = {}
    if store_file is not None:
        version = load_version()
        for path in paths:
            try:
                source = read_limited(path)  # never more than the size limit
            except OSError:
                continue  # too large, or not readable: load_one reports it
            keys[path] = digest_of(version, digest, str(absolute(path)), source)
            if entries is None:
                continue
            stored = entries.get(keys[path], absolute(path))  # checked field by field
            if stored is not None and (found := respelled(stored, absolute(path), path)):
                results[path] = found
    missing = [path for path in paths if path not in results]
    jobs = parallel.worker_count(options.jobs, len(missing), worth_it=64)
    _BATCH = batch = _Batch(load_one, data, store_file, keys, set())
    try:
        shares = parallel.chunked(missing, jobs)
        for share, loaded in zip(
            shares, parallel.map_shares(_load_share, shares, jobs), strict=True
        ):
            results.update(zip(share, loaded, strict=True))
            if entries is not None:  # the worker has appended them to the store
                made = {p: results[p] for p in share if p not in batch.unlimited}
                entries.took(_canonical(made, keys))
    finally:
        _BATCH = None
    if entries is not None:
        entries.prune(set(keys.values()) | set(keep))
        entries.compact()
    return [(keys.get(path), results[path]) for path in paths]
