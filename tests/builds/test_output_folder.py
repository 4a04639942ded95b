"""The output folder: the spare copy of the previous build, updated and swapped in."""

from __future__ import annotations

from pathlib import Path

import pytest

from edits import EDITS
from newsroom.build import swap
from newsroom.build.output import spare_path
from newsroom.build.site import build
from newsroom.loading.cache import CACHE_NAME
from trees import clean, tree


def folders(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_dir()}


def test_rebuilds_update_the_spare_and_swap_it_in(corpus: Path, tmp_path: Path) -> None:
    """Each rebuild brings the spare (the build before the previous one) up to date and swaps
    it with the output: the result is a clean build's, and the build it replaced is kept
    unchanged as the new spare (files shared between the two are never written in place)."""
    output = tmp_path / "site" / "build"
    spare = spare_path(output)
    build(corpus, output, jobs=2)
    assert tree(spare) == tree(output)  # the first build's twin
    steps = ["body", "title", "removed", "added", "tags", "body", "date"]
    for step in steps:
        before, before_folders = tree(output), folders(output)
        EDITS[step](corpus)
        result = build(corpus, output, jobs=2)
        assert tree(output) == clean(corpus, tmp_path), step
        assert folders(output) == folders(tmp_path / "clean" / "build"), step  # none left empty
        assert tree(spare) == before and folders(spare) == before_folders, step
        assert 0 < result.written < result.files / 2, step


def test_a_rebuild_with_nothing_changed_leaves_everything_alone(
    corpus: Path, tmp_path: Path
) -> None:
    output = tmp_path / "site" / "build"
    build(corpus, output, jobs=1)
    EDITS["body"](corpus)
    build(corpus, output, jobs=1)

    def stats() -> dict[Path, tuple[int, int]]:
        found = [output, spare_path(output), *output.rglob("*"), *spare_path(output).rglob("*")]
        return {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in found}

    before = stats()
    result = build(corpus, output, jobs=1)
    assert result.written == 0 and result.files == len(tree(output)) - 1  # not the marker
    assert stats() == before


def test_a_spare_without_its_record_is_not_trusted(corpus: Path, tmp_path: Path) -> None:
    """A spare changed by hand, or half updated by a killed build, is made afresh."""
    output = tmp_path / "site" / "build"
    build(corpus, output, jobs=1)
    spare = spare_path(output)
    (spare / "nl" / "index.html").write_bytes(b"hand edit")
    (spare / "stray.html").write_bytes(b"stray")
    EDITS["body"](corpus)
    build(corpus, output, jobs=1)
    assert tree(output) == clean(corpus, tmp_path)
    for record in (output.parent / CACHE_NAME).glob("pages-*.json"):
        record.unlink()
    EDITS["title"](corpus)
    build(corpus, output, jobs=1)
    assert tree(output) == clean(corpus, tmp_path)


@pytest.mark.parametrize("atomic", [True, False])
def test_exchange_swaps_two_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, atomic: bool
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    (first / "a").mkdir(parents=True)
    (second / "b").mkdir(parents=True)
    if not atomic:
        monkeypatch.setattr(swap, "_RENAMEAT2", None)
    assert swap.exchange_atomically(first, second) is atomic
    if not atomic:
        swap.exchange(first, second)
    assert (first / "b").is_dir() and (second / "a").is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first", "second"]
