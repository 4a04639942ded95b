"""Files put in place without writing into any: a file in a build may be a hard link shared
with another build (the live one and the spare, see `build.output`), so it is unlinked and a
new file takes its name; it is never rewritten where it is."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def link_or_copy(source: Path, target: Path) -> os.stat_result:
    """Put `source`'s file at `target` (a hard link where possible, replacing what was
    there without writing into it); its stat."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
    return target.stat()


def write_new(path: Path, data: bytes) -> os.stat_result:
    """Write `data` to a new file at `path` (an old file there is unlinked, never rewritten);
    its stat."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    path.write_bytes(data)
    return path.stat()


def same_bytes(path: Path, content: bytes) -> bool:
    """Whether the file at `path` holds exactly `content` (False when there is none)."""
    try:
        return path.stat().st_size == len(content) and path.read_bytes() == content
    except OSError:
        return False


def prune(folder: Path, keep: set[str]) -> None:
    """Remove from `folder` every file not in `keep` (paths relative to it) and every folder
    left empty; `folder` itself stays."""
    start = len(str(folder)) + 1
    removed: set[str] = set()
    for root, dirs, names in os.walk(folder, topdown=False):
        left = 0
        for name in names:
            path = os.path.join(root, name)
            if path[start:] in keep:
                left += 1
            else:
                os.unlink(path)
        for name in dirs:
            path = os.path.join(root, name)
            if os.path.islink(path):
                os.unlink(path)
            elif path not in removed:
                left += 1
        if not left and len(root) >= start:
            os.rmdir(root)
            removed.add(root)


def remove(path: Path) -> None:
    """Remove a file or a whole folder at `path`, if there is one."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


def current_umask() -> int:
    """The process's umask (reading it means setting it, so it is set back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_folder(beside: Path, prefix: str) -> Path:
    """A new, empty folder in `beside`, named `prefix` and 8 random characters."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=beside))
    # mkdtemp makes the folder private (0700); the output must be readable by the web server
    # like any folder the user makes, so it gets the mode their umask gives.
    folder.chmod(0o777 & ~current_umask())
    return folder
