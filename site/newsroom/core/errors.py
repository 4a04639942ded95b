"""The one error type the build, the checks and the CLI report to editors."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _shown(match: re.Match[str]) -> str:
    return {"\n": "\\n", "\r": "\\r"}.get(match[0], f"\\u{ord(match[0]):04x}")


class NewsroomError(Exception):
    """Base of every error Newsroom reports to a person instead of a traceback."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in one place: a file, maybe a line, maybe a field."""

    path: str
    message: str
    field: str | None = None
    line: int | None = None
    severity: str = "error"  # "error" or "warning"

    def __post_init__(self) -> None:
        # One line per problem, whatever an editor's text holds (a key or value with a line
        # break, a pasted control character): break characters are shown, not obeyed.
        for name in ("message", "field"):
            value = getattr(self, name)
            if value is not None and _BREAKS.search(value):
                object.__setattr__(self, name, _BREAKS.sub(_shown, value))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class ContentError(NewsroomError):
    """The content has problems; the text is one line per problem."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class BuildError(NewsroomError):
    """The build cannot go on for a reason outside the content (output folder, lock...)."""
