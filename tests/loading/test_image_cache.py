"""The images' cache: an unchanged image is decoded once; a damaged cache entry is made again,
never trusted."""

from __future__ import annotations

from pathlib import Path

import pytest

from images import add_images
from newsroom.content import images
from newsroom.loading import images as image_loading
from newsroom.loading.content import read_content
from newsroom.loading.workers import LoadOptions


@pytest.fixture
def inspected(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    original = images.inspect

    def counting(path, data, limits, digest):  # type: ignore[no-untyped-def]
        calls.append(path)
        return original(path, data, limits, digest)

    monkeypatch.setattr(images, "inspect", counting)
    monkeypatch.setattr(image_loading, "_CHECKED", {})
    return calls


def test_without_a_cache_an_unchanged_image_is_decoded_once_per_process(
    content_dir: Path, inspected: list[str]
) -> None:
    """The preview loads the content again after every edit: images it checked stay checked."""
    add_images(content_dir)
    read_content(content_dir)
    read_content(content_dir)
    assert sorted(inspected) == ["foto.jpg", "lijn.png", "scherm.png"]
    (content_dir / "bestanden" / "lijn.png").write_bytes(
        (content_dir / "bestanden" / "scherm.png").read_bytes()
    )
    read_content(content_dir)
    assert sorted(inspected) == ["foto.jpg", "lijn.png", "lijn.png", "scherm.png"]


def test_a_damaged_cache_entry_is_made_again(
    content_dir: Path, tmp_path: Path, inspected: list[str]
) -> None:
    add_images(content_dir)
    options = LoadOptions(cache=tmp_path / "cache", jobs=1)
    first = read_content(content_dir, options).content.images
    assert len(inspected) == 3
    read_content(content_dir, options)
    assert len(inspected) == 3  # from the cache: nothing decoded
    entries = sorted((tmp_path / "cache" / "images").iterdir())
    (entries[0] / "info.json").write_text('{"width": "wide"}', "utf-8")
    (entries[1] / "info.json").write_bytes(b"\xff\x00")
    again = read_content(content_dir, options).content.images
    assert len(inspected) == 5 and again == first
