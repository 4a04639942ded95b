"""What the search index costs, beside the build's own rows (`bench/run.py` calls this).

run.py's rounds build with the index. For each size this builds the same corpus again without
it (`freeze.py --no-search`, its own output folder): clean, then after one edited post, so the
index's share of the clean build and of the one-edit rebuild can be read in the same run. It
also reports the index's size (the last build with it), and that of the repository's own
content.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
FOLDER = "pagefind"  # (the site's, see site/newsroom/build/search.py)


@dataclass(slots=True)
class SearchCost:
    pairs: int
    index_bytes: int = 0
    index_files: int = 0
    shards: int = 0
    clean: list[Any] = field(default_factory=list)  # without the index
    edit: list[Any] = field(default_factory=list)


def index_size(output: Path) -> tuple[int, int, int]:
    """Bytes and files of the site's index, and its shards (one Pagefind bundle each)."""
    files = [p for p in (output / FOLDER).rglob("*") if p.is_file()]
    shards = sum(1 for p in (output / FOLDER).iterdir() if p.is_dir())
    return sum(p.stat().st_size for p in files), len(files), shards


def bench_size(
    pairs: int,
    work: Path,
    repeat: int,
    measure: Callable[[list[str]], Any],
    edit_post: Callable[[Path, int], None],
) -> SearchCost:
    """The corpus in `work` (made by run.py, built there with the index) built without it."""
    content, site = work / "content", work / "site-no-search"
    cost = SearchCost(pairs, *index_size(work / "site" / "build"))
    command = [sys.executable, str(REPO / "freeze.py"), "--content", str(content)]
    command += ["--output", str(site / "build"), "--no-search"]
    posts = sorted((content / "nieuws" / "bench").glob("*.md"))
    edited = posts[len(posts) // 2 + 1]  # (not run.py's: each edit counts once)
    print(f"== {pairs} pairs: without the search index", flush=True)
    for round_number in range(1, repeat + 1):
        shutil.rmtree(site, ignore_errors=True)
        site.mkdir(parents=True)
        cost.clean.append(measure(command))
        edit_post(edited, round_number)
        cost.edit.append(measure(command))
        print(
            f"   round {round_number}: clean {cost.clean[-1].seconds:.2f} s, "
            f"edit {cost.edit[-1].seconds:.2f} s",
            flush=True,
        )
    shutil.rmtree(site, ignore_errors=True)
    return cost


def repository_index() -> tuple[int, int, int]:
    """The index of the repository's own content: bytes, files, shards."""
    with tempfile.TemporaryDirectory() as folder:
        sys.path.insert(0, str(REPO / "site"))
        from newsroom.build.site import build

        build(REPO / "content", Path(folder) / "build", use_cache=False)
        return index_size(Path(folder) / "build")


def table(costs: list[SearchCost], results: list[Any]) -> str:
    """The search index's rows, beside run.py's results (`SizeResult`s, with the index)."""

    def med(runs: list[Any], what: str = "seconds") -> float:
        return statistics.median(getattr(run, what) for run in runs)

    size, files, shards = repository_index()
    lines = [
        "The search index (Pagefind, per language in shards: `docs/search.md`): the builds "
        "above make it; the same corpus built without it (`--no-search`) in the same run:",
        "",
        "| pairs | index | files | shards | clean | clean without | index's share "
        "| one post edited | without | edit ÷ clean | edit ÷ clean without |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| the repository's content | {size / 1e3:.0f} kB | {files} | {shards} | | | | | | | |",
    ]
    by_pairs = {r.pairs: r for r in results}
    for cost in costs:
        r = by_pairs[cost.pairs]
        clean, edit = med(r.clean), med(r.edit)
        plain, plain_edit = med(cost.clean), med(cost.edit)
        cpu, plain_cpu = med(r.clean, "cpu_seconds"), med(cost.clean, "cpu_seconds")
        edit_cpu, plain_edit_cpu = med(r.edit, "cpu_seconds"), med(cost.edit, "cpu_seconds")
        lines.append(
            f"| {cost.pairs:,} | {cost.index_bytes / 1e6:.1f} MB | {cost.index_files:,} "
            f"| {cost.shards} | {clean:.2f} s | {plain:.2f} s "
            f"| {clean - plain:.2f} s ({cpu - plain_cpu:.2f} s CPU) "
            f"| {edit:.2f} s ({edit_cpu:.2f} s CPU) | {plain_edit:.2f} s "
            f"({plain_edit_cpu:.2f} s CPU) | {edit / clean:.3f}× | {plain_edit / plain:.3f}× |"
        )
    return "\n".join([*lines, ""]) + "\n"
