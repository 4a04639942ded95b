"""Work spread over the machine's cores: forked processes that inherit the loaded state.

Forking (Linux, macOS' default aside) lets each worker start with the parent's memory, so the
loaded content and the Flask app are not pickled or rebuilt; only each share's input and its
small results cross between processes. Where fork is unavailable, one job is asked for, or
other threads run, the same function runs in this process, so results never depend on the
worker count.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_TASK: Callable[[Any], Any] | None = None
"""The function the forked workers run; set before forking (a closure cannot be pickled)."""


def available_cores() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_count(jobs: int | None, work: int, worth_it: int) -> int:
    """`jobs` when given; else one per available core when there are at least `worth_it`
    items of work (starting processes costs more than a little work)."""
    if jobs:
        return max(1, jobs)
    return available_cores() if work >= worth_it else 1


def chunked(items: Sequence[T], jobs: int, *, smallest: int = 8, largest: int = 200) -> list:
    """`items` in consecutive shares: several per worker, so a slow share doesn't hold the rest."""
    if not items:
        return []
    size = max(smallest, min(largest, -(-len(items) // (jobs * 8))))
    return [list(items[start : start + size]) for start in range(0, len(items), size)]


def _run(task: tuple[int, Any]) -> tuple[int, Any]:
    number, share = task
    assert _TASK is not None
    return number, _TASK(share)


def map_shares(
    function: Callable[[Any], R],
    shares: Sequence[Any],
    jobs: int,
    progress: Callable[[Any, R], None] | None = None,
) -> list[R]:
    """`function(share)` for every share, in `jobs` forked processes; results in share order.

    `progress(share, result)` is called in this process as each share finishes.
    """
    global _TASK
    results: list[Any] = [None] * len(shares)
    # A process running other threads (the preview's server and watcher) is not forked: a lock
    # another thread holds would stay locked in the copy forever.
    forkable = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    if jobs <= 1 or len(shares) <= 1 or not forkable:
        for number, share in enumerate(shares):
            results[number] = function(share)
            if progress:
                progress(share, results[number])
        return results
    _TASK = function
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(min(jobs, len(shares))) as pool:
            for number, result in pool.imap_unordered(_run, enumerate(shares)):
                results[number] = result
                if progress:
                    progress(shares[number], result)
    finally:
        _TASK = None
    return results
