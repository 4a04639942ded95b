"""One clean build of a big generated corpus, with and without the search index: time per file
and peak memory (the issue's 20,000 pairs).

    python -m bench.scale 20000

The corpus goes to .cache/bench/n<pairs>/ (made once; bench/corpus.py); each build starts
from an empty output and no cache. Prints one line per build.
"""

from __future__ import annotations

import shutil
import sys

from bench import corpus
from bench.run import CACHE, REPO, measure


def main() -> None:
    pairs = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    work = CACHE / f"n{pairs}"
    content = work / "content"
    if not content.exists():
        corpus.generate(pairs, content)
    for extra in ([], ["--no-search"]):
        shutil.rmtree(work / "build", ignore_errors=True)
        shutil.rmtree(work / ".newsroom-cache", ignore_errors=True)
        command = [sys.executable, str(REPO / "freeze.py"), "--content", str(content)]
        run = measure([*command, "--output", str(work / "build"), *extra])
        files = sum(1 for path in (work / "build").rglob("*") if path.is_file())
        print(
            f"{pairs:,} pairs {' '.join(extra) or '(with the search index)'}: {files:,} files, "
            f"{run.seconds:.1f} s wall, {run.cpu_seconds:.1f} s CPU, "
            f"{1000 * run.seconds / files:.2f} ms per file ({1000 * run.cpu_seconds / files:.2f} "
            f"ms CPU), peak PSS {run.peak_pss_mb:.0f} MB, largest process "
            f"{run.peak_rss_mb:.0f} MB",
            flush=True,
        )


if __name__ == "__main__":
    main()
