"""The images the posts and pages show: checked, and their copies made once and cached.

Each image is known by a digest of its bytes and the processing settings (`image_digest`).
With a cache folder (a build), an image's copies are made when it is first met, across the
cores, and kept in `.newsroom-cache/images/<digest>/` with its checked size (`info.json`,
written last): an unchanged image is never decoded or processed again, and its copies'
pages are served from there. Without a cache (`make check`, the preview) each image is
only checked; the preview makes its copies when they are asked for (`copy_bytes`).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path

from newsroom.content import images
from newsroom.content.editor_texts import editor_language
from newsroom.content.files import FILES_FOLDER
from newsroom.core import parallel
from newsroom.core.errors import Problem
from newsroom.core.models import IMAGE_WIDTHS, ImageInfo, Post, Settings, StandalonePage
from newsroom.loading.cache import digest_of
from newsroom.loading.image_problems import (
    alt_problems,
    download_warnings,
    linked_files,
    refusal,
)

Document = Post | StandalonePage
IMAGES_FOLDER = "images"
"""The images' folder inside the build cache."""
_SHOWN = re.compile(r'<img\b[^>]*?\ssrc="bestanden/([^"#]+)"')


@lru_cache(maxsize=1 << 16)
def shown_images(body_html: str) -> tuple[str, ...]:
    """The paths (inside bestanden/) of the images a body shows, in order.

    Remembered per body (a build asks four times per post; a watch asks again at every
    rebuild): the bodies are the posts' own strings, kept anyway, so this holds little more."""
    return tuple(_unescape(path) for path in _SHOWN.findall(body_html))


def _unescape(path: str) -> str:
    return path.replace("&amp;", "&")


def not_published(documents: Iterable[Document]) -> set[str]:
    """Files shown as images and never linked as a download: their original is not
    published (only the copies, which carry no metadata)."""
    shown: set[str] = set()
    linked: set[str] = set()
    for document in documents:
        shown.update(shown_images(document.body_html))
        linked.update(linked_files(document.body_html))
    return shown - linked


@cache
def _processing() -> str:
    """The code and settings that make the copies: the module, the widths and Pillow's version
    (its encoders may change between versions)."""
    code = Path(images.__file__).read_bytes()
    return digest_of(code, repr(IMAGE_WIDTHS), metadata.version("pillow"))


def image_digest(data: bytes) -> str:
    """What an image's copies are made from: its bytes and the processing (`_processing`)."""
    return digest_of("newsroom-image 1", _processing(), data)


def load_images(
    content_dir: Path,
    documents: Sequence[Document],
    settings: Settings,
    cache_dir: Path | None,
    jobs: int | None,
) -> tuple[tuple[ImageInfo, ...], list[Problem]]:
    """Every image the documents show, checked (by path), and a problem for each document
    showing an image that cannot be published. A missing file is left to the links check."""
    users: dict[str, list[Document]] = {}
    for document in documents:
        for path in dict.fromkeys(shown_images(document.body_html)):
            users.setdefault(path, []).append(document)
    limits = images.Limits(settings.image_max_pixels, settings.image_max_bytes)
    folder = content_dir / FILES_FOLDER
    found: dict[str, ImageInfo | str] = {}
    todo: list[tuple[str, str]] = []
    for path in sorted(users):
        file = folder / path
        if not file.is_file() or file.is_symlink():
            continue
        outcome = _known(file, path, limits, cache_dir)
        if isinstance(outcome, tuple):
            todo.append(outcome)
        else:
            found[path] = outcome
    workers = parallel.worker_count(jobs, len(todo), 2)
    shares = parallel.chunked(todo, workers, smallest=1)
    work = _Work(folder, limits, cache_dir)
    made = parallel.map_shares(work, shares, workers) if shares else []
    for share, results in zip(shares, made, strict=True):
        found.update(zip((path for path, _digest in share), results, strict=True))
    problems = [
        refusal(document, path, message)
        for path, message in sorted(found.items())
        if isinstance(message, str)
        for document in users[path]
    ]
    infos = tuple(found[p] for p in sorted(found) if isinstance(found[p], ImageInfo))
    return infos, [*alt_problems(documents), *problems, *download_warnings(folder, documents)]


def _known(
    file: Path, path: str, limits: images.Limits, cache_dir: Path | None
) -> ImageInfo | str | tuple[str, str]:
    """The image's checked info or refusal when known without decoding it; else the work
    left: (path, digest)."""
    size = file.stat().st_size
    if size > limits.bytes:  # refused before a byte of it is read
        return images.too_large(size, limits)
    digest = image_digest(file.read_bytes())
    info = _cached_info(cache_dir, path, digest)
    if info is None:
        return path, digest
    if info.width * info.height > limits.pixels:  # the limit was lowered since
        return _work_one(file.read_bytes(), path, digest, limits, None)
    return info


class _Work:
    """Check and (with a cache) process a share of images (the forked workers inherit it)."""

    def __init__(self, folder: Path, limits: images.Limits, cache_dir: Path | None) -> None:
        self.folder, self.limits, self.cache_dir = folder, limits, cache_dir

    def __call__(self, share: list[tuple[str, str]]) -> list[ImageInfo | str]:
        return [
            _work_one((self.folder / path).read_bytes(), path, digest, self.limits, self.cache_dir)
            for path, digest in share
        ]


_CHECKED: dict[tuple[str, str, images.Limits, str], ImageInfo | str] = {}
"""Without a cache folder (the preview, which loads the content again after every edit, and
`make check`): the images this process has checked, so an unchanged one is decoded once."""


def _work_one(
    data: bytes, path: str, digest: str, limits: images.Limits, cache_dir: Path | None
) -> ImageInfo | str:
    if cache_dir is None:
        key = (path, digest, limits, editor_language())  # refusals are in the editors' language
        if key not in _CHECKED:
            _CHECKED[key] = _checked(data, path, digest, limits)
        return _CHECKED[key]
    info = _checked(data, path, digest, limits)
    if isinstance(info, ImageInfo):
        try:
            copies = make_copies(info, data)
        except (OSError, ValueError):  # a mode or profile Pillow cannot convert
            return images.not_an_image()
        _store(cache_dir, info, copies)
    return info


def _checked(data: bytes, path: str, digest: str, limits: images.Limits) -> ImageInfo | str:
    try:
        return images.inspect(path, data, limits, digest)
    except images.ImageRefused as refused:
        return str(refused)


def make_copies(info: ImageInfo, data: bytes) -> dict[str, bytes]:
    """The image's copies (a seam for the tests that count how often images are processed)."""
    return images.make_copies(info, data)


def _entry(cache_dir: Path, digest: str) -> Path:
    return cache_dir / IMAGES_FOLDER / digest


def _cached_info(cache_dir: Path | None, path: str, digest: str) -> ImageInfo | None:
    if cache_dir is None:
        return None
    try:
        record = json.loads((_entry(cache_dir, digest) / "info.json").read_text("utf-8"))
        return ImageInfo(path, int(record["width"]), int(record["height"]), record["kind"], digest)
    except (OSError, ValueError, KeyError, TypeError):
        return None  # absent or unreadable: made again, never trusted


def _write(path: Path, data: bytes) -> None:
    """Write a cache file whole or not at all (two workers may make the same image)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_bytes(data)
    temporary.replace(path)


def _store(cache_dir: Path, info: ImageInfo, copies: dict[str, bytes]) -> None:
    entry = _entry(cache_dir, info.digest)
    for name, data in copies.items():
        _write(entry / name.rsplit("/", 1)[-1], data)
    record = {"width": info.width, "height": info.height, "kind": info.kind}
    _write(entry / "info.json", json.dumps(record, sort_keys=True).encode())


def copy_bytes(content_dir: Path, cache_dir: Path | None, info: ImageInfo, name: str) -> bytes:
    """The bytes of the copy `name` (`info.copy_name(…)`): from the cache, else made now."""
    if cache_dir is not None:
        try:
            return (_entry(cache_dir, info.digest) / name.rsplit("/", 1)[-1]).read_bytes()
        except OSError:
            pass
    copies = _made(content_dir / FILES_FOLDER / info.path, info)
    if cache_dir is not None:
        _store(cache_dir, info, copies)
    return copies[name]


@lru_cache(maxsize=8)
def _made(file: Path, info: ImageInfo) -> dict[str, bytes]:
    # The preview has no cache folder: the last few images' copies are kept in memory.
    return make_copies(info, file.read_bytes())
