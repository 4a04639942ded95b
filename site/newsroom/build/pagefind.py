"""Pagefind, the program that makes the search index: run over a folder of pages into a bundle,
whose bytes are then made the same for the same pages (`normalise`).

Pagefind (PyPI `pagefind[bin]`, which brings its binary) names its files by their content, but
writes the languages of `pagefind-entry.json`, and the values of each filter (the topics), in a
varying order (hash maps); both are sorted here, and the files that name them renamed.
`build.search` decides which pages go into which bundle and puts the bundles into the site.

Pagefind reads a bundle's pages where they are, in the site, named one by one in its glob
(`glob_of`); the WebAssembly of languages no page has is not kept (`unused_wasm`).
"""

from __future__ import annotations

import gzip
import json
import os
import posixpath
import re
import subprocess
from collections.abc import Iterable
from hashlib import sha256
from pathlib import Path

from newsroom.core.errors import BuildError

ENTRY = "pagefind-entry.json"


def pagefind_binary() -> Path:
    """The Pagefind binary the `pagefind[bin]` package brings."""
    try:
        import pagefind_bin

        return Path(pagefind_bin.get_executable())
    except (ImportError, FileNotFoundError) as exc:
        raise BuildError(
            f"the search index needs Pagefind ({exc}); install the package again "
            "(pip install -e .), or build without search: freeze.py --no-search"
        ) from None


def pagefind_version() -> str:
    """The installed Pagefind's version (part of the index's input keys)."""
    try:
        from importlib.metadata import version

        return version("pagefind_bin")
    except Exception:  # noqa: BLE001 (not installed: the build says so when it runs it)
        return "unknown"


def run_pagefind(site: Path, bundle: Path, folder: Path, glob: str = "**/*.html") -> None:
    """Index the pages of `site` (those `glob` matches) into the folder `bundle`, Pagefind
    running in the new `folder` (where it finds its configuration: the glob, too long for a
    command line); a BuildError when Pagefind fails."""
    folder.mkdir(parents=True)
    (folder / "pagefind.json").write_text(json.dumps({"glob": glob}), encoding="utf-8")
    command = [str(pagefind_binary()), "--site", str(site.resolve())]
    command += ["--output-path", str(bundle.resolve()), "--silent"]
    # Its settings in the environment (PAGEFIND_GLOB…) would come before the file: left out.
    env = {name: value for name, value in os.environ.items() if not name.startswith("PAGEFIND_")}
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=folder, env=env)
    if done.returncode != 0:
        detail = " ".join((done.stderr or done.stdout).split())[:500]
        raise BuildError(f"the search index could not be made: Pagefind said: {detail}")


def normalise(bundle: Path) -> None:
    """Make Pagefind's `bundle` the same bytes for the same pages: each filter file's values
    sorted and the file named by its digest, each language's metadata naming them (and named
    by its digest), the entry file's languages sorted and naming those."""
    entry_path = bundle / ENTRY
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    languages = dict(sorted(entry.get("languages", {}).items()))
    renamed: dict[str, str] = {}
    for path in sorted((bundle / "filter").glob("*.pf_filter")):
        data = sorted_filter(gunzip(path.read_bytes()))
        lang, _, _ = path.stem.partition("_")
        name = f"{lang}_{sha256(data).hexdigest()[:7]}"  # as long as Pagefind's own names
        renamed[path.stem] = name
        path.unlink()
        (path.parent / f"{name}.pf_filter").write_bytes(gzip.compress(data, mtime=0))
    for info in languages.values():
        meta = bundle / f"pagefind.{info['hash']}.pf_meta"
        data = gunzip(meta.read_bytes())
        for old, new in renamed.items():
            data = data.replace(old.encode(), new.encode())
        lang = info["hash"].partition("_")[0]
        info["hash"] = f"{lang}_{sha256(data).hexdigest()[:10]}"
        meta.unlink()
        (bundle / f"pagefind.{info['hash']}.pf_meta").write_bytes(gzip.compress(data, mtime=0))
    entry["languages"] = languages
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    entry_path.unlink()
    entry_path.write_text(text, encoding="utf-8")


PLAIN = re.compile(r"(?!\.\.?(/|$))[\w.-]+(/(?!\.\.?(/|$))[\w.-]+)*", re.ASCII)
"""A path a glob says as it is (nothing Pagefind's glob syntax would read otherwise)."""


def glob_of(paths: Iterable[str]) -> str | None:
    """A glob that matches exactly `paths` (relative to the site, at least one): their common
    folder, then each path from there (so that Pagefind looks only in that folder); None when
    a path is not `PLAIN`."""
    paths = sorted(paths)
    if not paths or not all(PLAIN.fullmatch(path) for path in paths):
        return None
    common = posixpath.commonpath([posixpath.dirname(path) for path in paths])
    rest = [posixpath.relpath(path, common) if common else path for path in paths]
    return (f"{common}/" if common else "") + "{" + ",".join(rest) + "}"


def unused_wasm(bundle: Path) -> list[Path]:
    """The WebAssembly files of `bundle` that no language of its entry file loads (Pagefind
    writes `wasm.unknown.pagefind`, for languages it has no stemming for, in every bundle)."""
    entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    used = {
        f"wasm.{info.get('wasm') or 'unknown'}.pagefind" for info in entry["languages"].values()
    }
    return [path for path in sorted(bundle.glob("wasm.*.pagefind")) if path.name not in used]


SIGNATURE = b"pagefind_dcd"
"""What Pagefind's files start with, once decompressed."""


def gunzip(data: bytes) -> bytes:
    """A Pagefind file's bytes, decompressed (its signature first)."""
    data = gzip.decompress(data) if not data.startswith(SIGNATURE) else data
    if not data.startswith(SIGNATURE):
        raise BuildError("the search index could not be made: Pagefind wrote an unknown format")
    return data


def sorted_filter(data: bytes) -> bytes:
    """A filter file (signature, then CBOR: [name, [[value, [page, …]], …]]) with its values
    and pages sorted; unchanged when it is not of that form (a newer Pagefind's)."""
    try:
        name, values = cbor_load(data[len(SIGNATURE) :])
        if cbor_dump([name, values]) != data[len(SIGNATURE) :]:
            return data
        ordered = sorted(([value, sorted(pages)] for value, pages in values), key=repr)
        return SIGNATURE + cbor_dump([name, ordered])
    except (ValueError, TypeError, IndexError):
        return data


CBOR = bytes | str | int | list
"""The part of CBOR Pagefind's filter files use: integers, text, bytes, arrays."""


def cbor_load(data: bytes) -> CBOR:
    """The one CBOR item `data` holds (integers, text, bytes and arrays only)."""
    value, end = _cbor_item(data, 0)
    if end != len(data):
        raise ValueError("trailing bytes")
    return value


def _cbor_item(data: bytes, at: int) -> tuple[CBOR, int]:
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        number = info
    elif info <= 27:
        size = 1 << (info - 24)
        number, at = int.from_bytes(data[at : at + size], "big"), at + size
    else:
        raise ValueError("unsupported CBOR")
    if major == 0:
        return number, at
    if major in (2, 3):
        raw = data[at : at + number]
        return (raw if major == 2 else raw.decode("utf-8")), at + number
    if major == 4:
        items = []
        for _ in range(number):
            item, at = _cbor_item(data, at)
            items.append(item)
        return items, at
    raise ValueError("unsupported CBOR")


def cbor_dump(value: CBOR) -> bytes:
    """`value` as CBOR, each length in its shortest form (as Pagefind writes it)."""
    if isinstance(value, bool):
        raise TypeError("unsupported CBOR")
    if isinstance(value, int):
        return _cbor_head(0, value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _cbor_head(3, len(raw)) + raw
    if isinstance(value, bytes):
        return _cbor_head(2, len(value)) + value
    return _cbor_head(4, len(value)) + b"".join(cbor_dump(item) for item in value)


def _cbor_head(major: int, number: int) -> bytes:
    if number < 24:
        return bytes([major << 5 | number])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if number < 1 << (8 * size):
            return bytes([major << 5 | info]) + number.to_bytes(size, "big")
    raise ValueError("number too large")
