"""Measure whole-process builds of generated corpora: clean, warm, one post edited; memory.

    python -m bench.run [--sizes 500,2000,5000] [--repeat 3] [--pelican auto|no]

For each size it generates the corpus (bench/corpus.py), then repeats, alternating:
our clean build (empty output, no cache), Pelican's clean build of the same posts (when it can be
installed), our warm rebuild (nothing changed) and our rebuild after editing one post. It reports
medians, writes a Markdown table to bench/RESULTS.md and into README.md between markers.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import corpus, pelican, search

REPO = Path(__file__).resolve().parents[1]
CACHE = REPO / ".cache" / "bench"
RESULTS = REPO / "bench" / "RESULTS.md"
README = REPO / "README.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    peak_pss_mb: float  # peak of the summed proportional memory of the whole process tree
    peak_rss_mb: float  # the largest single process (wait4's ru_maxrss)
    cpu_seconds: float = 0.0  # user + system time of the process and the workers it waited for


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        parent = int(stat[stat.rindex(b")") + 2 :].split()[1])
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _tree_pss_kb(root: int) -> int:
    tree = _children()
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(tree.get(pid, ()))
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
                for line in handle:
                    if line.startswith(b"Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
    return total


def measure(command: list[str]) -> Run:
    """Run `command` to completion; its wall time and peak memory. Fails loudly on errors."""
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], _tree_pss_kb(process.pid))
                done.wait(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        # wait4 gives this child's own rusage: ru_maxrss of the largest process in its tree.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        sampler.join()
        if process.returncode != 0:
            log.seek(0)
            sys.exit(f"failed: {' '.join(command)}\n{log.read().decode()}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, peak[0] / 1024, usage.ru_maxrss / 1024, cpu)


@dataclass(slots=True)
class SizeResult:
    pairs: int
    files: int = 0
    clean: list[Run] = field(default_factory=list)
    warm: list[Run] = field(default_factory=list)
    edit: list[Run] = field(default_factory=list)
    pelican: list[Run] = field(default_factory=list)

    @staticmethod
    def median(runs: list[Run]) -> float:
        return statistics.median(run.seconds for run in runs)

    @staticmethod
    def cpu(runs: list[Run]) -> float:
        return statistics.median(run.cpu_seconds for run in runs)

    def peak_mb(self) -> float:
        return max(run.peak_pss_mb for run in self.clean + self.warm + self.edit)


def edit_post(path: Path, round_number: int) -> None:
    """A typical edit: a sentence added to the end of the post's text."""
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\nEen zin erbij bij ronde {round_number}, om de bewerking te meten.\n")


def bench_size(pairs: int, repeat: int, pelican_python: Path | None) -> SizeResult:
    work = CACHE / f"n{pairs}"
    content = work / "content"
    print(f"== {pairs} pairs: generating the corpus", flush=True)
    posts = corpus.generate(pairs, content)
    if pelican_python:
        shutil.rmtree(work / "pelican", ignore_errors=True)
        pelican.convert(posts, content / "site.yaml", work / "pelican")
    result = SizeResult(pairs)
    site = work / "site"
    output = site / "build"
    ours = [sys.executable, str(REPO / "freeze.py"), "--content", str(content)]
    ours += ["--output", str(output)]
    edited = posts[len(posts) // 2]
    for round_number in range(1, repeat + 1):
        shutil.rmtree(site, ignore_errors=True)  # the output and every cache beside it
        site.mkdir(parents=True)
        result.clean.append(measure(ours))
        result.files = sum(1 for p in output.rglob("*") if p.is_file())
        if pelican_python:
            pelican_out = work / "pelican-output"
            shutil.rmtree(pelican_out, ignore_errors=True)
            shutil.rmtree(work / "pelican" / "cache", ignore_errors=True)
            result.pelican.append(
                measure(pelican.command(pelican_python, work / "pelican", pelican_out))
            )
        result.warm.append(measure(ours))
        edit_post(edited, round_number)
        result.edit.append(measure(ours))
        line = (
            f"   round {round_number}: clean {result.clean[-1].seconds:.2f} s, "
            f"warm {result.warm[-1].seconds:.2f} s, edit {result.edit[-1].seconds:.2f} s"
        )
        if result.pelican:
            line += f", Pelican {result.pelican[-1].seconds:.2f} s"
        print(line, flush=True)
    return result


def table(results: list[SizeResult], repeat: int, load: tuple[float, float] = (0, 0)) -> str:
    cores = os.cpu_count()
    lines = [
        f"Machine: {cores} cores (`nproc` = {cores}), Python {platform.python_version()}, "
        f"{platform.system()}. Medians of {repeat} alternating runs; whole processes "
        "(`python freeze.py --content … --output …`), wall-clock seconds. Load average "
        f"(1 min) {load[0]:.1f} at the start, {load[1]:.1f} at the end: other work shared "
        "the machine, so compare ratios within a row, and the CPU table below.",
        "",
        "| pairs | files | clean | Pelican clean | clean ÷ Pelican | warm | warm ÷ clean "
        "| one post edited | edit ÷ clean | ms per file (clean) | peak memory |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        clean, warm, edit = r.median(r.clean), r.median(r.warm), r.median(r.edit)
        pel = f"{r.median(r.pelican):.2f} s" if r.pelican else "–"
        ratio = f"{clean / r.median(r.pelican):.2f}×" if r.pelican else "–"
        lines.append(
            f"| {r.pairs:,} | {r.files:,} | {clean:.2f} s | {pel} | {ratio} | {warm:.2f} s "
            f"| {warm / clean:.3f}× | {edit:.2f} s | {edit / clean:.3f}× "
            f"| {1000 * clean / r.files:.2f} | {r.peak_mb():.0f} MB |"
        )
    lines += [
        "",
        "Peak memory: the highest sum of the proportional set size (PSS) of the build's "
        "processes, sampled every 20 ms.",
        "",
        "CPU seconds (user + system, the build's process and its workers; less sensitive to "
        "other load than wall-clock time):",
        "",
        "| pairs | clean | Pelican clean | clean ÷ Pelican | warm | warm ÷ clean "
        "| one post edited | edit ÷ clean |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        clean, warm, edit = r.cpu(r.clean), r.cpu(r.warm), r.cpu(r.edit)
        pel = f"{r.cpu(r.pelican):.2f} s" if r.pelican else "–"
        ratio = f"{clean / r.cpu(r.pelican):.2f}×" if r.pelican else "–"
        lines.append(
            f"| {r.pairs:,} | {clean:.2f} s | {pel} | {ratio} | {warm:.2f} s "
            f"| {warm / clean:.3f}× | {edit:.2f} s | {edit / clean:.3f}× |"
        )
    lines += [""]
    lines += targets(results)
    return "\n".join(lines) + "\n"


def targets(results: list[SizeResult]) -> list[str]:
    """The issue's targets, checked against this run."""
    by_size = {r.pairs: r for r in results}
    rows = ["| target | measured | holds |", "| --- | --- | --- |"]

    def row(name: str, value: str, ok: bool) -> None:
        rows.append(f"| {name} | {value} | {'yes' if ok else '**no**'} |")

    if 2000 in by_size and by_size[2000].pelican:
        r = by_size[2000]
        ratio = r.median(r.clean) / r.median(r.pelican)
        row("clean build at 2,000 pairs ≤ 0.5× Pelican", f"{ratio:.2f}×", ratio <= 0.5)
    for r in results:
        clean = r.median(r.clean)
        warm, edit = r.median(r.warm) / clean, r.median(r.edit) / clean
        row(f"warm rebuild ≤ 0.1× clean ({r.pairs:,} pairs)", f"{warm:.3f}×", warm <= 0.1)
        row(f"one-post edit ≤ 0.1× clean ({r.pairs:,} pairs)", f"{edit:.3f}×", edit <= 0.1)
    if 500 in by_size and 5000 in by_size:
        small, large = by_size[500], by_size[5000]
        growth = (large.median(large.clean) / large.files) / (
            small.median(small.clean) / small.files
        )
        row("time per file at 5,000 pairs ≤ 1.2× that at 500", f"{growth:.2f}×", growth <= 1.2)
    if 5000 in by_size:
        peak = by_size[5000].peak_mb()
        row("peak memory at 5,000 pairs < 400 MB", f"{peak:.0f} MB", peak < 400)
    return rows


def update_between_markers(path: Path, text: str, fresh: str = "") -> None:
    """Put `text` between the markers in `path`, keeping what is around them (e.g. notes
    written by hand); a file without the markers gets `fresh` and the marked text."""
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    if START not in old or END not in old:
        if not fresh:
            return
        old = f"{fresh}{START}\n{END}\n"
    head, rest = old.split(START, 1)
    _, tail = rest.split(END, 1)
    path.write_text(f"{head}{START}\n{text}{END}{tail}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="500,2000,5000", help="pairs, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="rounds per size (medians)")
    parser.add_argument("--pelican", choices=("auto", "no"), default="auto")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.replace(" ", "").split(",") if size]
    pelican_python = pelican.venv_python(CACHE) if args.pelican == "auto" else None
    load_before = os.getloadavg()[0]
    results = [bench_size(size, args.repeat, pelican_python) for size in sizes]
    costs = [search.bench_size(n, CACHE / f"n{n}", args.repeat, measure, edit_post) for n in sizes]
    text = table(results, args.repeat, (load_before, os.getloadavg()[0]))
    text += "\n" + search.table(costs, results)
    print()
    print(text)
    if not args.no_write:
        update_between_markers(RESULTS, text, "# Benchmark results\n\nMade by `make bench`.\n\n")
        update_between_markers(README, text)


if __name__ == "__main__":
    main()
