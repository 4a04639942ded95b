"""The build cache's post store: load results by key in one file that builds append records
to (`posts.records` in the cache folder; records.py has the record's layout and checks).

Why records of JSON (a JSON head, the HTML body raw after it) and not sqlite3: both hold only
data (the store was pickles, which can make their reader run code, and whoever can write the
cache folder could write one), but a file of records keeps how the pickle file worked.
Forked workers, and builds of other outputs sharing the folder, append whole records with
O_APPEND and take no lock; sqlite would add locks, journal files beside the store,
connections that must not cross a fork, and a C parser of database files plus a schema
(triggers, views) for a crafted file to fill. A build killed while writing leaves at most a
torn last record, where reading stops. A build reads the file once and parses only its own
posts' records; with the bodies raw that takes about as long as unpickling did (all-JSON
records took twice as long: parsing the escaped HTML). Whatever is not a whole, well-typed
record is a miss: the post is loaded again and the store written afresh.
"""

from __future__ import annotations

import itertools
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from newsroom.loading.codec import BadRecord, Chunk, Loaded, decode, encode, split

STORE_NAME = "posts.records"
"""The store's file in the cache folder."""
EARLIER_LAYOUTS = ("posts.pickle", "posts")
"""What earlier versions kept there (pickles): removed on upgrade, never read."""
PIECE = 1 << 20
"""Records are written in pieces of about this many bytes (whole records per piece)."""
# A link in the store's place is not followed; a FIFO there makes no read or write wait.
_FLAGS = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def remove_earlier_layouts(folder: Path) -> None:
    """Remove the cache's earlier pickle files, unread; what cannot be removed stays unread."""
    for name in EARLIER_LAYOUTS:
        path = folder / name
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
        except OSError:
            pass


def _read(path: Path) -> bytes | None:
    """The store's bytes, b"" if there is none; None if something else is in its place."""
    try:
        descriptor = os.open(path, os.O_RDONLY | _FLAGS)
    except FileNotFoundError:
        return b""
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        with open(descriptor, "rb", closefd=False) as handle:
            return handle.read()
    except OSError:
        return None
    finally:
        os.close(descriptor)


class PostStore:
    """The records of one store file, read once (before workers append to it); a record is
    parsed and checked when its post asks for it.

    When the file is damaged (a torn record, foreign bytes, a record that fails its checks)
    or mostly outdated records, `compact` writes it afresh with what this build keeps.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        # Head and body by key (a later record wins): views of the file's bytes, which they
        # keep in memory until the store goes (the pickles' values were kept the same way).
        self._stored: dict[str, tuple[Chunk, Chunk]] = {}
        self._made: dict[str, Loaded] = {}  # results made this build, already appended
        self._records = 0  # records in the file, outdated ones included
        data = _read(path)
        self._damaged = data is None
        whole = 0  # bytes of whole records from the start
        for key, head, body, end in split(data or b""):
            self._stored[key] = (head, body)
            self._records += 1
            whole = end
        if data and whole != len(data):  # a torn record or foreign bytes stopped the reading
            self._damaged = True

    def get(self, key: str, source: Path) -> Loaded | None:
        """The result stored under `key` for the file at `source`, or None when there is
        none or its record fails a check (then the store counts as damaged)."""
        record = self._stored.get(key)
        if record is None:
            return self._made.get(key)
        try:
            return decode(*record, key, source)
        except BadRecord:
            del self._stored[key]
            self._damaged = True
            return None

    def append(self, entries: Mapping[str, Loaded]) -> None:
        """Append records for `entries` to the file, and count them in."""
        if entries:
            append_records(self.path, entries)
            self.took(entries)

    def took(self, entries: Mapping[str, Loaded]) -> None:
        """Count in `entries`, which a worker has already appended to the file."""
        for key in entries:
            self._stored.pop(key, None)
        self._made.update(entries)
        self._records += len(entries)

    def prune(self, keep: set[str]) -> None:
        """Forget entries not in `keep` (e.g. earlier versions of edited posts)."""
        for stored in (self._stored, self._made):
            for key in stored.keys() - keep:
                del stored[key]

    def compact(self) -> None:
        """Write the file afresh when it is damaged or mostly outdated records; a cache that
        cannot be written only makes the next build slower."""
        kept = len(self._stored) + len(self._made)
        if not (self._damaged or self._records > 2 * kept + 64):
            return
        try:
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
            os.close(handle)
        except OSError:
            return
        try:
            stored = (b"".join((h, b"\n", b, b"\n")) for h, b in self._stored.values())
            records = itertools.chain(stored, _encoded(self._made))
            _write(temporary, records, os.O_WRONLY | os.O_TRUNC)
            os.replace(temporary, self.path)
        except OSError:
            Path(temporary).unlink(missing_ok=True)
            return
        self._records = kept
        self._damaged = False


def append_records(path: Path, entries: Mapping[str, Loaded]) -> None:
    """Append a record per entry to the store at `path` (made if missing); a cache that
    cannot be written only makes the next build slower."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write(path, _encoded(entries), os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    except OSError:
        pass


def _encoded(entries: Mapping[str, Loaded]) -> Iterable[bytes]:
    for key, loaded in entries.items():
        try:
            yield encode(key, loaded)
        except (ValueError, TypeError):  # not storable as data: loaded again next time
            continue


def _write(path: str | Path, records: Iterable[bytes], flags: int) -> None:
    """Write `records` in pieces of whole records, one `write` call each where the system
    allows (with O_APPEND, builds of other outputs beside this one share the store: their
    records may come between ours, never inside them), holding little in memory."""
    descriptor = os.open(path, flags | _FLAGS, 0o644)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError("not a file")
        piece: list[bytes] = []
        size = 0
        for record in records:
            piece.append(record)
            size += len(record)
            if size >= PIECE:
                _write_all(descriptor, b"".join(piece))
                piece, size = [], 0
        if piece:
            _write_all(descriptor, b"".join(piece))
    finally:
        os.close(descriptor)


def _write_all(descriptor: int, data: bytes) -> None:
    """Write all of `data` (after a short write, the rest follows it)."""
    view = memoryview(data)
    while view:
        written = os.write(descriptor, view)
        if not written:
            raise OSError("nothing written")
        view = view[written:]
