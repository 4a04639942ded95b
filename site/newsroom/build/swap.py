"""Put the draft in place of the live build, in one step where the system allows.

Linux's `renameat2(RENAME_EXCHANGE)` swaps two folders atomically: a reader (or a web server)
sees the old site or the new one, never a mix, and never no site at all. Where it is missing
(another system, an old kernel, a file system without it), two renames do the same with a
moment without the folder in between, which the next build repairs (see
`output.remove_leftovers`).
"""

from __future__ import annotations

import ctypes
import errno
import os
import tempfile
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV}


def _renameat2() -> object | None:
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    function.argtypes += [ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _renameat2()


def exchange_atomically(first: Path, second: Path) -> bool:
    """Swap two existing folders in one step; False where the system cannot."""
    if _RENAMEAT2 is None:
        return False
    result = _RENAMEAT2(  # type: ignore[operator]
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(first))


def exchange(first: Path, second: Path) -> None:
    """Swap two existing folders: atomically where possible, else with three renames."""
    if exchange_atomically(first, second):
        return
    # The `-old-` name is the one the clean-up of leftovers puts back (output.remove_leftovers).
    middle = Path(tempfile.mkdtemp(prefix=f".{second.name}-old-", dir=second.parent))
    middle.rmdir()
    second.rename(middle)
    first.rename(second)
    middle.rename(first)
