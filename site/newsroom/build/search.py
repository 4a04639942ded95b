"""The search index: Pagefind run over the finished pages of the draft, before the swap.

Pagefind (PyPI `pagefind[bin]`, which brings its binary) reads the HTML pages of each
language (`nl/`, `en/`), splits its index by `<html lang>` (Dutch pages get Dutch stemming)
and writes a bundle of files: the search script, its WebAssembly, the index and a fragment per
page. The build puts them into `pagefind/` of the draft like its other files (see
`build.output`): each gets a record, a file equal to the live build's is linked from it, and
the spare's outdated ones are pruned, so a rebuild equals a clean build.

- **Deterministic**: Pagefind names its files by their content, but writes the languages of
  `pagefind-entry.json`, and the values of each filter (the topics), in a varying order (hash
  maps); both are sorted here, and the files that name them renamed (`normalise`).
- **Re-indexed only when a page changed**: the index's input key is a digest of the input keys
  of every page it reads (see `keys`); while it matches the live build's, the live index is
  linked, and Pagefind does not run. (Without keys, as with `--drafts`, it always runs.)
- **What is indexed** is the templates' to say (`data-pagefind-body`, `data-pagefind-ignore`);
  only pages with `data-pagefind-body` are indexed (posts and standalone pages).
- Pagefind's own user interfaces are not kept: the search page uses its JS API
  (`static/search.js`), styled by the site's stylesheet.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path

from newsroom.build.files import link_or_copy, new_folder, same_bytes
from newsroom.build.records import FrozenFile, Records, intact
from newsroom.core.errors import BuildError
from newsroom.core.models import LANGUAGES
from newsroom.loading.cache import digest_of
from newsroom.web.views.search import SEARCH_FOLDER

FOLDER = SEARCH_FOLDER
"""The index's folder in the site (`/pagefind/`), where the search page's script looks."""
URL_PREFIX = f"/{FOLDER}/"
ENTRY = "pagefind-entry.json"
UNUSED = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")
"""Pagefind's ready-made interfaces (name prefixes), which the site does not use."""
GLOB = "{" + ",".join(LANGUAGES) + "}/**/*.html"
"""The pages Pagefind reads: those of each language (not the root's language choice)."""


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
    """The installed Pagefind's version (part of the index's input key)."""
    try:
        from importlib.metadata import version

        return version("pagefind_bin")
    except Exception:  # noqa: BLE001 (not installed: the build says so when it runs it)
        return "unknown"


def is_search_file(url: str) -> bool:
    """Whether `url` is a file of the search index (not a page the freezer makes)."""
    return url.startswith(URL_PREFIX)


@dataclass(frozen=True, slots=True)
class SearchIndex:
    """The search index of one build; `key` its input key (None: always index again)."""

    key: str | None

    @classmethod
    def of(cls, pages: Iterable[tuple[str, str | None]]) -> SearchIndex:
        """The index of the site whose files are `pages` (file path, input key)."""
        read = sorted(
            (path, key)
            for path, key in pages
            if path.endswith(".html") and path.split("/", 1)[0] in LANGUAGES
        )
        if any(key is None for _, key in read):
            return cls(None)
        parts = [f"{path}\0{key}" for path, key in read]
        return cls(digest_of("pagefind", pagefind_version(), GLOB, *parts))

    def is_current(self, folder: Path | None, records: Records) -> bool:
        """Whether `folder` holds this index, intact (per its `records`)."""
        mine = [record for url, record in records.items() if is_search_file(url)]
        return (
            self.key is not None
            and bool(mine)
            and all(intact(folder, record, self.key, record.path) for record in mine)
        )

    def kept(self, folder: Path, records: Records) -> set[str]:
        """The files of this index `folder` already holds (paths), to keep when pruning."""
        if not self.is_current(folder, records):
            return set()
        return {record.path for url, record in records.items() if is_search_file(url)}

    def place(
        self,
        draft_path: Path,
        draft_records: Records,
        live: Path | None,
        live_records: Records,
        spare: Path | None,
        beside: tuple[Path, str],
    ) -> list[FrozenFile]:
        """Put this index into the draft (which holds the finished pages): kept when the
        draft already holds it, linked from the live build when that one does, else made by
        Pagefind in a new folder `beside` (folder, name prefix) and moved in. Also into
        `spare` (a first build's spare made alongside). The files, by path."""
        if self.is_current(draft_path, draft_records):
            files = [
                FrozenFile(url, record, False)
                for url, record in draft_records.items()
                if is_search_file(url)
            ]
        elif self.is_current(live, live_records):
            assert live is not None
            files = [
                FrozenFile.of(
                    url, self.key, rec.path, link_or_copy(live / rec.path, draft_path / rec.path), False
                )
                for url, rec in live_records.items()
                if is_search_file(url)
            ]
        else:
            files = self._index(draft_path, live, beside)
        if spare is not None:
            for frozen in files:
                link_or_copy(draft_path / frozen.record.path, spare / frozen.record.path)
        return sorted(files, key=lambda frozen: frozen.record.path)

    def _index(self, site: Path, live: Path | None, beside: tuple[Path, str]) -> list[FrozenFile]:
        """Run Pagefind over `site` into a new folder, then move its files into `site`."""
        work = new_folder(*beside)
        try:
            bundle = work / FOLDER
            run_pagefind(site, bundle)
            normalise(bundle)
            files = []
            for source in sorted(bundle.rglob("*")):
                if not source.is_file():
                    continue
                if source.parent == bundle and source.name.startswith(UNUSED):
                    continue
                path = source.relative_to(work).as_posix()
                files.append(self._move(source, site, live, path))
            return files
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _move(self, source: Path, site: Path, live: Path | None, path: str) -> FrozenFile:
        """Put Pagefind's file `source` at `path` in `site`: a link to the live build's
        file when that has the same bytes (it keeps its modification time), else moved."""
        url, target = "/" + path, site / path
        if live is not None and same_bytes(live / path, source.read_bytes()):
            return FrozenFile.of(url, self.key, path, link_or_copy(live / path, target), False)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)  # a new file under the name: never written into
        return FrozenFile.of(url, self.key, path, target.stat(), True)


def run_pagefind(site: Path, bundle: Path) -> None:
    """Index the pages of `site` into the folder `bundle`; a BuildError when Pagefind fails."""
    command = [str(pagefind_binary()), "--site", str(site), "--output-path", str(bundle)]
    command += ["--glob", GLOB, "--silent"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
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
