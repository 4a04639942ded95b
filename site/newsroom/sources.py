"""Read editors' files safely: UTF-8 (with or without BOM), any line endings."""

from __future__ import annotations

from pathlib import Path

from .errors import Problem


def read_text(path: Path, problems: list[Problem]) -> str | None:
    """Return the file's text with '\\n' line endings, or None after adding a problem."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(str(path), "file not found"))
        return None
    except OSError as exc:
        problems.append(Problem(str(path), f"cannot be read: {exc.strerror}"))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(
                str(path),
                f"is not UTF-8 text: byte 0x{data[exc.start]:02x} at offset {exc.start} cannot "
                "be read (save the file as UTF-8 in your editor)",
                line=line,
            )
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")
