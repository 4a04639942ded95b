"""Builds over a damaged, foreign or earlier cache: it is ignored, never trusted, and the
output is a clean build's."""

from __future__ import annotations

import json
import pickle
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsroom.build.site import build
from newsroom.content.documents import markdown_files
from newsroom.loading import content
from newsroom.loading.cache import CACHE_NAME
from newsroom.loading.codec import decode, split
from newsroom.loading.store import STORE_NAME
from trees import clean, tree


def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The post files loaded afresh (not from the cache) from now on, in this process."""
    loaded: list[Path] = []
    original = content.load_post

    def spy(path: Path, *args: Any) -> Any:
        loaded.append(path)
        return original(path, *args)

    monkeypatch.setattr(content, "load_post", spy)
    return loaded


@pytest.fixture
def built(corpus: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The corpus built once with its cache: (the output folder, the post store beside it)."""
    output = tmp_path / "site" / "build"
    build(corpus, output, jobs=1)
    return output, output.parent / CACHE_NAME / STORE_NAME


def whole_store(output: Path) -> int:
    """The records in the store beside `output`, asserting it holds whole, valid ones only."""
    data = (output.parent / CACHE_NAME / STORE_NAME).read_bytes()
    found = list(split(data))
    assert found and found[-1][3] == len(data)
    for key, head, body, _ in found:
        post, _ = decode(head, body, key, Path(json.loads(bytes(head))["post"]["source"]))
        assert post is not None
    return len(found)


class _Touch:
    """Unpickling it creates the file at `path`: what any code a pickle runs could do."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Callable[..., Any], tuple[Path]]:
        return Path.touch, (self.path,)


def test_earlier_pickles_are_removed_never_read(corpus: Path, tmp_path: Path) -> None:
    """Builds once kept pickles: a file per post under `posts/`, then one `posts.pickle`."""
    proof = tmp_path / "proof"
    pickle.loads(pickle.dumps(_Touch(proof)))
    assert proof.exists()  # the crafted pickle does run code when unpickled
    output = tmp_path / "site" / "build"
    marker = tmp_path / "unpickled"
    cache = output.parent / CACHE_NAME
    (cache / "posts" / "ab").mkdir(parents=True)
    (cache / "posts" / "ab" / "ab12.pickle").write_bytes(pickle.dumps(_Touch(marker)))
    (cache / "posts.pickle").write_bytes(pickle.dumps(("key", _Touch(marker))))
    build(corpus, output, jobs=2)
    assert not marker.exists()
    assert not (cache / "posts").exists() and not (cache / "posts.pickle").exists()
    assert whole_store(output) == len(markdown_files(corpus / "nieuws"))


def test_a_store_of_random_bytes_is_ignored(
    corpus: Path, tmp_path: Path, built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    output, store = built
    records = whole_store(output)
    noise = random.Random(7).randbytes(store.stat().st_size)
    store.write_bytes(noise.replace(b"\n", b"\n{") + store.read_bytes())
    loaded = loads(monkeypatch)
    build(corpus, output, jobs=1)
    assert len(loaded) == records  # every post loaded again: nothing after noise is trusted
    assert tree(output) == clean(corpus, tmp_path)
    assert whole_store(output) == records  # and the store written afresh


WRONG_TYPES: list[Callable[[dict[str, Any]], object]] = [
    lambda post: post.update(tags="één"),  # a string, not a list of them
    lambda post: post.update(date=post["date"][:19]),  # no offset: not this moment
    lambda post: post.update(draft=0),
    lambda post: post.update(title=["a", "list"]),
    lambda post: post.update(updated=20240101),
    lambda post: post.update(lang="xx"),
]


def test_records_of_wrong_types_are_loaded_afresh(
    corpus: Path, tmp_path: Path, built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    output, store = built
    data = store.read_bytes()
    rewritten = []
    for number, (_, head, body, _) in enumerate(split(data)):
        record = json.loads(bytes(head))
        WRONG_TYPES[number % len(WRONG_TYPES)](record["post"])
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        rewritten.append(line.encode() + b"\n" + bytes(body) + b"\n")
    store.write_bytes(b"".join(rewritten))
    loaded = loads(monkeypatch)
    build(corpus, output, jobs=1)
    assert len(loaded) == len(rewritten)
    assert tree(output) == clean(corpus, tmp_path)
    assert whole_store(output) == len(rewritten)


def test_a_torn_last_record_costs_only_its_post(
    corpus: Path, tmp_path: Path, built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    output, store = built
    records = whole_store(output)
    store.write_bytes(store.read_bytes()[:-100])  # a build killed while writing
    loaded = loads(monkeypatch)
    build(corpus, output, jobs=1)
    assert len(loaded) == 1
    assert tree(output) == clean(corpus, tmp_path)
    assert whole_store(output) == records
