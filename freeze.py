"""Build the static site into build/ (options: `python freeze.py --help`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))

from newsroom.commands.freeze import main  # noqa: E402

if __name__ == "__main__":
    code = main(sys.argv[1:])
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)  # a profiler or coverage writes its results at a normal exit
    # Everything is written, closed and renamed by now. A big site leaves millions of objects
    # that a normal exit frees one by one (a tenth of a second at 2,000 posts, for nothing):
    # flush what is left to print and end the process at once.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
