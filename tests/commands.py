"""The build command as editors and scheduled jobs run it: `python freeze.py …`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from paths import REPO


def freeze(content: Path, output: Path, **options: Any) -> subprocess.CompletedProcess[str]:
    """Run `freeze.py` on `content` into `output` in a process of its own; `options` go to
    `subprocess.run` (e.g. `preexec_fn`)."""
    return subprocess.run(
        [sys.executable, "freeze.py", "--content", str(content), "--output", str(output)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        **options,
    )
