"""Git ignores what a build makes in the repository (issue 19): a trial build with
`--output build-proef` left build-proef/ and .build-proef.lock that git offered to commit."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from newsroom.build.output import lock_path, spare_path
from newsroom.loading.cache import CACHE_NAME
from paths import REPO


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize("name", ["build", "build-proef"])
def test_what_a_build_makes_is_ignored(name: str) -> None:
    output = REPO / name
    made = [
        output / "index.html",
        lock_path(output),
        spare_path(output) / "index.html",
        output.parent / f".{name}-tmp-abcd1234" / "index.html",  # an interrupted build's
        output.parent / CACHE_NAME / "posts.records",
    ]
    shown = [str(path.relative_to(REPO)) for path in made]
    done = subprocess.run(
        ["git", "check-ignore", "--no-index", *shown],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.split() == shown, done.stdout + done.stderr
