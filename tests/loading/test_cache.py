"""The build cache's post store: appended, compacted, never trusted when damaged; and the
versions its keys hold."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from newsroom.core.errors import Problem
from newsroom.loading import cache
from newsroom.loading.cache import PACKAGE_ROOT, RENDER_ROOTS, digest_of
from newsroom.loading.codec import Loaded, encode, split
from newsroom.loading.store import STORE_NAME, PostStore


def key(name: str) -> str:
    return digest_of(name)


def result(name: str) -> Loaded:
    return None, [Problem(f"{name}.md", f"problem of {name}")]


def values(store: PostStore, *names: str) -> list[Loaded | None]:
    return [store.get(key(name), Path()) for name in names]


def records(path: Path) -> int:
    data = path.read_bytes()
    found = list(split(data))
    assert found[-1][3] == len(data)  # whole records only
    return len(found)


def test_the_store_appends_and_survives_a_torn_record(tmp_path: Path) -> None:
    path = tmp_path / STORE_NAME
    PostStore(path).append({key("a"): result("a"), key("b"): result("b")})
    size = path.stat().st_size
    second = PostStore(path)
    assert values(second, "a", "b") == [result("a"), result("b")]
    second.append({key("c"): result("c")})
    assert path.stat().st_size > size  # appended, not rewritten
    assert values(PostStore(path), "c") == [result("c")]
    path.write_bytes(path.read_bytes()[:-5])  # a build killed while appending
    torn = PostStore(path)
    assert values(torn, "a", "b", "c") == [result("a"), result("b"), None]
    torn.compact()  # a damaged file is written afresh
    assert path.stat().st_size == size
    assert values(PostStore(path), "a", "b") == [result("a"), result("b")]


def test_the_store_is_written_afresh_when_mostly_outdated(tmp_path: Path) -> None:
    path = tmp_path / STORE_NAME
    for version in range(100):  # one post edited a hundred times
        store = PostStore(path)
        store.append({key(f"v{version}"): result(f"v{version}")})
        store.prune({key(f"v{version}")})
        store.compact()
    assert records(path) <= 2 + 64
    assert values(PostStore(path), "v99") == [result("v99")]


def test_a_record_that_fails_its_checks_is_a_miss_and_dropped(tmp_path: Path) -> None:
    path = tmp_path / STORE_NAME
    good = encode(key("good"), result("good"))
    wrong = encode(key("wrong"), result("wrong")).replace(b'"line":null', b'"line":"1"')
    path.write_bytes(good + wrong)
    store = PostStore(path)
    assert values(store, "good", "wrong") == [result("good"), None]
    store.compact()
    assert path.read_bytes() == good


@pytest.mark.parametrize("size", [1, 100, 100_000])
def test_a_store_of_random_bytes_is_ignored_and_replaced(tmp_path: Path, size: int) -> None:
    path = tmp_path / STORE_NAME
    path.write_bytes(os.urandom(size) + b"\n" + os.urandom(size))
    store = PostStore(path)
    assert values(store, "a") == [None]
    store.append({key("a"): result("a")})
    store.compact()
    assert records(path) == 1 and values(PostStore(path), "a") == [result("a")]


def test_what_is_not_a_file_in_its_place_makes_no_build_wait(tmp_path: Path) -> None:
    for make in (os.mkfifo, os.mkdir):
        path = tmp_path / make.__name__ / STORE_NAME
        path.parent.mkdir()
        make(path)
        store = PostStore(path)  # reading a FIFO would wait for a writer
        store.append({key("a"): result("a")})  # so would writing one
        assert values(store, "a") == [result("a")]
        store.compact()
        assert path.is_file() or path.is_dir()


def test_a_link_in_its_place_is_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_bytes(encode(key("a"), result("a")))
    path = tmp_path / "cache" / STORE_NAME
    path.parent.mkdir()
    path.symlink_to(elsewhere)
    store = PostStore(path)
    assert values(store, "a") == [None]  # not read through the link
    store.append({key("b"): result("b")})  # nor written
    assert records(elsewhere) == 1
    store.compact()  # the link is replaced by a store
    assert not path.is_symlink() and values(PostStore(path), "b") == [result("b")]


LAYERS = ("core", "content", "markup", "loading", "checks", "web", "build", "commands")


def test_a_change_in_any_layer_changes_the_load_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cached posts are made again when any of the package's code changes, in any layer."""
    package = tmp_path / "newsroom"
    shutil.copytree(PACKAGE_ROOT, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE_ROOT", package)
    versions = {cache.load_version.__wrapped__()}
    assert versions == {cache.load_version()}  # the copy is the package
    for layer in LAYERS:
        with (package / layer / "__init__.py").open("a") as handle:
            handle.write("# changed\n")
        versions.add(cache.load_version.__wrapped__())
    assert len(versions) == 1 + len(LAYERS)


def test_the_render_version_covers_the_templates_catalogs_and_static_files() -> None:
    assert [root.name for root in RENDER_ROOTS] == ["templates", "translations", "static"]
    assert all(root.is_dir() and any(root.iterdir()) for root in RENDER_ROOTS)
