"""Content for tests that edit it, and the edits, as an editor would make them."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from newsroom.core.errors import ContentError
from newsroom.loading.content import load_content
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


def write_in(folder: str, content_dir: Path, name: str, text: str | bytes) -> Path:
    """Write a file `name` into `content_dir/folder` (bytes as they are, text as UTF-8)."""
    path = content_dir / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems_for(content_dir: Path) -> list[str]:
    """The problems loading `content_dir` reports, one line each (it must fail)."""
    with pytest.raises(ContentError) as info:
        load_content(content_dir)
    return [str(p) for p in info.value.problems]


def posts(corpus: Path) -> list[Path]:
    return sorted((corpus / "nieuws" / "bench").glob("*.md"))


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


def show_image(path: Path, name: str, width: int, alt: str = "Een foto") -> None:
    """Put a PNG of `width` × 200 px in content/bestanden/ as `name` and show it in `path`."""
    from PIL import Image

    content = next(folder for folder in path.parents if (folder / "site.yaml").is_file())
    files = content / "bestanden"
    files.mkdir(exist_ok=True)
    Image.new("RGB", (width, 200), (width % 256, 90, 160)).save(files / name)
    if f"../bestanden/{name}" not in path.read_text(encoding="utf-8"):
        append(path, f"\n![{alt}](../bestanden/{name})\n")


EDITS = {
    "body": lambda c: append(posts(c)[5], "\nEen zin erbij.\n"),
    "title": lambda c: replace(posts(c)[6], "title: ", "title: Nieuw - "),
    "tags": lambda c: replace(posts(c)[7], "tags: [", "tags: [gloednieuw, "),
    "date": lambda c: replace(posts(c)[8], "date: 20", "date: 19"),
    "removed": lambda c: posts(c)[9].unlink(),
    "added": lambda c: shutil.copy(posts(c)[10], posts(c)[10].with_name("extra.nl.md")),
    "site": lambda c: replace(c / "site.yaml", "nl: ", "nl: Nieuw – "),
    "page": lambda c: append(c / "paginas" / "over-rio-vo.nl.md", "\nMeer.\n"),
    "image": lambda c: show_image(posts(c)[4], "foto.png", 900),
}
