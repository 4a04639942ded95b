"""Content for tests that edit it, and the edits, as an editor would make them."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

from paths import REPO


def make_corpus(target: Path, pairs: int = 12) -> Path:
    """A small benchmark corpus (bench/corpus.py): `pairs` translation pairs of generated
    posts beside the repository's own content."""
    spec = importlib.util.spec_from_file_location("bench_corpus", REPO / "bench" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    module.generate(pairs, target)
    return target


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
