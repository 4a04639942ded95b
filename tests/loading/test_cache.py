"""The build cache beside the output: appended, compacted, never trusted when damaged."""

from __future__ import annotations

import pickle
from pathlib import Path

from newsroom.build.site import build
from newsroom.loading.cache import CACHE_NAME, EntryCache


def test_the_post_cache_appends_and_survives_a_torn_record(tmp_path: Path) -> None:
    path = tmp_path / "posts.pickle"
    EntryCache(path).append({"a": ("A", []), "b": ("B", [])})
    size = path.stat().st_size
    second = EntryCache(path)
    assert (second.get("a"), second.get("b")) == (("A", []), ("B", []))
    second.append({"c": ("C", [])})
    assert path.stat().st_size > size  # appended, not rewritten
    assert EntryCache(path).get("c") == ("C", [])
    path.write_bytes(path.read_bytes()[:-5])  # a build killed while appending
    torn = EntryCache(path)
    assert (torn.get("a"), torn.get("b"), torn.get("c")) == (("A", []), ("B", []), None)
    torn.compact()  # a damaged file is written afresh
    assert path.stat().st_size == size
    assert EntryCache(path).values == {"a": ("A", []), "b": ("B", [])}


def test_the_post_cache_is_written_afresh_when_mostly_outdated(tmp_path: Path) -> None:
    path = tmp_path / "posts.pickle"
    for version in range(100):  # one post edited a hundred times
        cache = EntryCache(path)
        cache.append({f"key-{version}": version})
        cache.prune({f"key-{version}"})
        cache.compact()
    records = 0
    with path.open("rb") as handle:
        while True:
            try:
                pickle.load(handle)
            except EOFError:
                break
            records += 1
    assert records <= 2 + 64
    assert EntryCache(path).get("key-99") == 99


def test_the_cache_of_the_earlier_layout_is_removed(corpus: Path, tmp_path: Path) -> None:
    """Builds once kept a pickle file per post under `posts/`; nothing reads them now."""
    output = tmp_path / "site" / "build"
    old = output.parent / CACHE_NAME / "posts" / "ab"
    old.mkdir(parents=True)
    (old / "ab12.pickle").write_bytes(b"old entry")
    build(corpus, output, jobs=1)
    assert not (output.parent / CACHE_NAME / "posts").exists()
    assert (output.parent / CACHE_NAME / "posts.pickle").is_file()
