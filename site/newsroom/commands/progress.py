"""Progress of a long build, for people: a line that updates itself, on a terminal only."""

from __future__ import annotations

import sys
import time
from typing import TextIO

DELAY = 2.0
"""Seconds before the line appears: short builds stay quiet."""
INTERVAL = 0.25
"""Seconds between updates of the line."""


class Progress:
    """Call with (done, total) as pages are made; `finish()` clears the line."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.started = time.perf_counter()
        self.shown = 0.0
        self.width = 0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        elapsed = now - self.started
        if elapsed < DELAY or (now - self.shown < INTERVAL and done < total):
            return
        self.shown = now
        rate = done / elapsed if elapsed else 0.0
        line = f"Pages: {done:,}/{total:,} ({rate:,.0f} per second)"
        self.stream.write("\r" + line.ljust(self.width))
        self.stream.flush()
        self.width = len(line)

    def finish(self) -> None:
        if self.enabled and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0


def summary(files: int, written: int, output: str, seconds: float) -> str:
    """The one line every build ends with."""
    from newsroom.content.editor_texts import _

    return _(
        "Built %(files)s files into %(output)s in %(seconds)s s (%(written)s written, "
        "%(unchanged)s unchanged).",
        files=files,
        output=output,
        seconds=f"{seconds:.1f}",
        written=written,
        unchanged=files - written,
    )
