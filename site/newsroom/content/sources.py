"""Read editors' files safely: UTF-8 (with or without BOM), any line endings, limited size,
and never from outside the content folder through a symbolic link."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from newsroom.content.editor_texts import _
from newsroom.core.errors import Problem

MAX_BYTES = 1_000_000
"""The largest text file the content may hold (1 MB): a post is a few kB, so a bigger file is
a mistake (a pasted image, a log) and reading it would only slow every build down."""


def read_text(path: Path, problems: list[Problem], root: Path | None = None) -> str | None:
    """Return the file's text with '\\n' line endings, or None after adding a problem.

    With `root`, a file that is (or lies behind) a symbolic link to outside `root` is refused.
    """
    if root is not None and (outside := outside_target(path, root)) is not None:
        problems.append(link_outside(path, outside))
        return None
    try:
        data = read_limited(path)
    except FileNotFoundError:
        problems.append(Problem(str(path), "file not found"))
        return None
    except _NotAFile:
        problems.append(Problem(str(path), "is not a regular file (expected a text file)"))
        return None
    except _TooLarge as exc:
        problems.append(
            Problem(
                str(path),
                _(
                    "is %(size)s bytes, more than the limit of %(limit)s bytes (1 MB) for a "
                    "text file; put images and downloads in bestanden/ and link to them",
                    size=f"{exc.size:,}",
                    limit=f"{MAX_BYTES:,}",
                ),
            )
        )
        return None
    except OSError as exc:
        problems.append(Problem(str(path), _("cannot be read: %(why)s", why=exc.strerror)))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(not_utf8(str(path), data, exc.start))
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def not_utf8(path: str, data: bytes, start: int) -> Problem:
    """The problem of a file that is not UTF-8 from byte `start` on: its line and column, and
    the character as Windows-1252 (what editors on Windows save by default) would read it."""
    before = data[:start]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", "replace")) + 1
    try:
        character = data[start : start + 1].decode("cp1252")
    except UnicodeDecodeError:
        character = "?"
    return Problem(
        path,
        _(
            "is not UTF-8 text: the character on line %(line)s, column %(column)s cannot be "
            'read (probably "%(character)s"); save the file as UTF-8 in your editor',
            line=line,
            column=column,
            character=character,
        ),
        line=line,
    )


class _NotAFile(OSError):
    """A folder, a device or a pipe where a text file was expected."""


class _TooLarge(OSError):
    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def read_limited(path: Path) -> bytes:
    """The file's bytes; at most MAX_BYTES are read, whatever the file claims to be."""
    # O_NONBLOCK: opening a named pipe must not wait for a writer.
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    info = os.fstat(handle)
    if not stat.S_ISREG(info.st_mode):
        os.close(handle)
        raise _NotAFile(str(path))
    with os.fdopen(handle, "rb") as stream:
        if info.st_size > MAX_BYTES:
            raise _TooLarge(info.st_size)
        # Asking for the size it says (and a byte more, to see it grew) instead of the limit:
        # reading asks for a buffer of the size asked, a megabyte per post otherwise.
        data = stream.read(info.st_size + 1)
        if len(data) > info.st_size:  # it grew since: read on, up to the limit
            data += stream.read(MAX_BYTES + 1 - len(data))
    if len(data) > MAX_BYTES:  # it grew while we read it
        raise _TooLarge(len(data))
    return data


def outside_target(path: Path, root: Path) -> Path | None:
    """Where `path` really leads when a symbolic link takes it outside `root`; else None."""
    target = path.resolve()
    if target.is_relative_to(root.resolve()):
        return None
    return target


def link_outside(path: Path, target: Path) -> Problem:
    return Problem(
        str(path),
        _(
            "is a symbolic link to %(target)s, outside the content folder; the build reads "
            "only files inside it (copy the file into the content folder instead)",
            target=target,
        ),
        field="file",
    )


def links_outside(root: Path) -> list[Problem]:
    """Every symbolic link under `root` (files and folders) that leads outside it."""
    problems: list[Problem] = []
    if root.is_dir():
        _links_outside(str(root), root, problems)
    return problems


def _links_outside(folder: str, root: Path, problems: list[Problem]) -> None:
    """`links_outside` for one folder, then its folders (not those behind links), in name
    order. os.scandir: whether an entry is a link needs no system call per file."""
    try:
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda entry: entry.name)
    except OSError:  # (as os.walk does: a folder that cannot be listed is passed over)
        return
    for entry in entries:
        if entry.is_symlink():
            path = Path(entry.path)
            if (target := outside_target(path, root)) is not None:
                problems.append(link_outside(path, target))
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _links_outside(entry.path, root, problems)
