"""A time limit for one piece of work, where the system can interrupt it (SIGALRM)."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class TookTooLong(Exception):
    """The work under `time_limit` ran out of time."""


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise TookTooLong


def can_interrupt() -> bool:
    """Whether `time_limit` applies here (the main thread, on a system with SIGALRM)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TookTooLong in the block after `seconds`. Only the main thread of a process can
    be interrupted (the build and its workers are; the preview's request threads are not,
    and there the block simply runs to its end)."""
    if not can_interrupt():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
