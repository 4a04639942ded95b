"""Edits a test makes to content, as an editor would: text, title, tags, date, files."""

from __future__ import annotations

import shutil
from pathlib import Path


def posts(corpus: Path) -> list[Path]:
    return sorted((corpus / "nieuws" / "bench").glob("*.md"))


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


EDITS = {
    "body": lambda c: append(posts(c)[5], "\nEen zin erbij.\n"),
    "title": lambda c: replace(posts(c)[6], "title: ", "title: Nieuw - "),
    "tags": lambda c: replace(posts(c)[7], "tags: [", "tags: [gloednieuw, "),
    "date": lambda c: replace(posts(c)[8], "date: 20", "date: 19"),
    "removed": lambda c: posts(c)[9].unlink(),
    "added": lambda c: shutil.copy(posts(c)[10], posts(c)[10].with_name("extra.nl.md")),
    "site": lambda c: replace(c / "site.yaml", "nl: ", "nl: Nieuw – "),
    "page": lambda c: append(c / "paginas" / "over-rio-vo.nl.md", "\nMeer.\n"),
}
