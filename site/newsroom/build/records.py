"""What a build knows of the pages it made: one record per page, kept per folder in the cache.

A folder's records (`Records`: URL to `Record`) are one JSON file in the cache folder,
`pages-<digest of the folder's path>.json`. They let the next build reuse a page whose inputs
have not changed, as long as its file is still the one recorded (same size and mtime).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from newsroom.loading.cache import digest_of


class Record(NamedTuple):
    """One page of a build: the input key it was made from (see `keys`; None: no key), its
    file (relative to the folder), and that file's size and mtime in ns."""

    key: str | None
    path: str
    size: int
    mtime_ns: int


Records = dict[str, Record]
"""A folder's records, by URL."""


@dataclass(frozen=True, slots=True)
class FrozenFile:
    """One file of the new build."""

    url: str
    record: Record
    written: bool  # False: an earlier build's file, linked or kept

    @classmethod
    def of(
        cls, url: str, key: str | None, path: str, stat: os.stat_result, written: bool
    ) -> FrozenFile:
        """The file at `path` (relative to its folder), whose stat is `stat`."""
        return cls(url, Record(key, path, stat.st_size, stat.st_mtime_ns), written)


def records_path(cache: Path, folder: Path) -> Path:
    """Where the records of `folder` are kept in the `cache` folder."""
    return cache / f"pages-{digest_of(str(folder))[:16]}.json"


def read_records(cache: Path, folder: Path) -> Records:
    """The records of `folder`; none when they are missing, damaged or another folder's."""
    try:
        data = json.loads(records_path(cache, folder).read_text(encoding="utf-8"))
        if data.get("output") != str(folder):
            return {}
        return {
            url: Record(key, path, int(size), int(mtime))
            for url, (key, path, size, mtime) in data["pages"].items()
            if isinstance(path, str) and (key is None or isinstance(key, str))
        }
    except Exception:  # noqa: BLE001 (missing or damaged: make every page)
        return {}


def write_records(cache: Path, folder: Path, records: Records) -> None:
    """Keep the records of `folder`; a failure only slows the next build."""
    data = {"output": str(folder), "pages": {url: list(rec) for url, rec in records.items()}}
    path = records_path(cache, folder)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass


def forget_records(cache: Path, folder: Path) -> None:
    """Drop the records of `folder`, which is about to change."""
    records_path(cache, folder).unlink(missing_ok=True)


def intact(folder: Path | None, record: Record | None, key: str | None, path: str) -> bool:
    """Whether `folder` still holds the file `record` describes, at `path`, made from `key`."""
    if folder is None or record is None or key is None or record.key != key or record.path != path:
        return False
    try:
        stat = os.stat(f"{folder}/{path}")  # (a string: pathlib costs more than the call)
    except OSError:
        return False
    return stat.st_size == record.size and stat.st_mtime_ns == record.mtime_ns
