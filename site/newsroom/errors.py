"""The one error type the build, the checks and the CLI report to editors."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


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
