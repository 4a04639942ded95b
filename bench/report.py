"""The benchmark's tables in Markdown: the builds, the editor's actions, Hugo, the targets."""

from __future__ import annotations

import os
import platform
import statistics
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    peak_pss_mb: float  # peak of the summed proportional memory of the whole process tree
    peak_rss_mb: float  # the largest single process (wait4's ru_maxrss)
    cpu_seconds: float = 0.0  # user + system time of the process and the workers it waited for


@dataclass(slots=True)
class SizeResult:
    pairs: int
    files: int = 0
    clean: list[Run] = field(default_factory=list)
    warm: list[Run] = field(default_factory=list)
    edit: list[Run] = field(default_factory=list)
    pelican: list[Run] = field(default_factory=list)
    hugo: list[Run] = field(default_factory=list)
    # The editor's actions, in seconds (bench/editor.py); empty when not measured.
    watch: list[float] = field(default_factory=list)
    watch_cpu: list[float] = field(default_factory=list)
    check_cold: list[Run] = field(default_factory=list)
    check_warm: list[Run] = field(default_factory=list)
    preview: list[tuple[float, float, float]] = field(default_factory=list)  # start, request, save
    hugo_server: list[tuple[float, float, float]] = field(default_factory=list)

    @staticmethod
    def median(runs: list[Run]) -> float:
        return statistics.median(run.seconds for run in runs)

    @staticmethod
    def cpu(runs: list[Run]) -> float:
        return statistics.median(run.cpu_seconds for run in runs)

    def peak_mb(self) -> float:
        return max(run.peak_pss_mb for run in self.clean + self.warm + self.edit)

    def clean_s(self) -> float:
        return self.median(self.clean)


def _mid(values: list[float]) -> float:
    return statistics.median(values)


def _col(values: list[tuple[float, float, float]], index: int) -> float:
    return statistics.median(v[index] for v in values)


def _s(value: float) -> str:
    return f"{value:.2f} s" if value >= 0.1 else f"{1000 * value:.0f} ms"


def table(
    results: list[SizeResult], repeat: int, load: tuple[float, float] = (0, 0), hugo: str = ""
) -> str:
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
        clean, warm, edit = r.clean_s(), r.median(r.warm), r.median(r.edit)
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
    lines += editor_table(results) + hugo_table(results, hugo) + [""] + targets(results)
    return "\n".join(lines) + "\n"


def editor_table(results: list[SizeResult]) -> list[str]:
    measured = [r for r in results if r.watch or r.check_cold or r.preview]
    if not measured:
        return []
    lines = [
        "",
        "What an editor waits for (bench/editor.py), each also as a ratio to our clean build "
        "of the same run: `make watch` from saving one post to its line saying `build/` is "
        "rebuilt; `make check` (`flask --app newsroom check`) cold (the first after the "
        "caches beside the output and the content were removed) and warm (after a build); "
        "`make serve` "
        "(`python -m newsroom.commands.preview`) from its start until the first page answers, "
        "one request with nothing changed, and from saving one post until its page shows the "
        "new text. The last column: the CPU time of the watch's rebuild (its process and the "
        "workers and Pagefind it waited for) against the clean build's, less sensitive to "
        "other work on the machine.",
        "",
        "| pairs | watch: post saved | ÷ clean | check cold | ÷ clean | check warm | ÷ clean "
        "| preview start | ÷ clean | preview request | preview: post saved | ÷ clean "
        "| watch CPU ÷ clean CPU |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: |",
    ]
    for r in measured:
        clean = r.clean_s()
        cells = [f"{r.pairs:,}"]
        for value in (
            _mid(r.watch) if r.watch else None,
            r.median(r.check_cold) if r.check_cold else None,
            r.median(r.check_warm) if r.check_warm else None,
            _col(r.preview, 0) if r.preview else None,
        ):
            cells += ["–", "–"] if value is None else [_s(value), f"{value / clean:.3f}×"]
        if r.preview:
            save = _col(r.preview, 2)
            cells += [_s(_col(r.preview, 1)), _s(save), f"{save / clean:.3f}×"]
        else:
            cells += ["–", "–", "–"]
        cpu = _mid(r.watch_cpu) / r.cpu(r.clean) if r.watch_cpu else None
        cells.append("–" if cpu is None else f"{cpu:.3f}× ({_s(_mid(r.watch_cpu))})")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def hugo_table(results: list[SizeResult], hugo: str) -> list[str]:
    measured = [r for r in results if r.hugo]
    if not measured:
        return []
    lines = [
        "",
        f"Hugo {hugo} (Debian's package) on the same posts: a minimal bilingual site "
        "(bench/hugo.py: post pages, news lists in pages, tags, feeds); its clean build "
        "(`hugo --source … --destination …`) and `hugo server` (in memory; start until "
        "the first page answers, a request, a post saved until its page shows it).",
        "",
        "| pairs | Hugo clean | our clean ÷ Hugo | Hugo peak memory | hugo server start "
        "| request | post saved |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in measured:
        hugo_s = r.median(r.hugo)
        peak = max(run.peak_pss_mb for run in r.hugo)
        server = [_s(_col(r.hugo_server, i)) for i in range(3)] if r.hugo_server else ["–"] * 3
        lines.append(
            f"| {r.pairs:,} | {hugo_s:.2f} s | {r.clean_s() / hugo_s:.2f}× | {peak:.0f} MB | "
            + " | ".join(server)
            + " |"
        )
    return lines


def targets(results: list[SizeResult]) -> list[str]:
    """The issue's targets, checked against this run."""
    by_size = {r.pairs: r for r in results}
    rows = ["| target | measured | holds |", "| --- | --- | --- |"]

    def row(name: str, value: str, ok: bool) -> None:
        rows.append(f"| {name} | {value} | {'yes' if ok else '**no**'} |")

    if 2000 in by_size:
        r = by_size[2000]
        clean = r.clean_s()
        if r.preview:
            save, request = _col(r.preview, 2), _col(r.preview, 1)
            row(
                "preview, a page after saving one post ≤ 0.03× clean (2,000 pairs)",
                f"{save / clean:.3f}× ({_s(save)})",
                save / clean <= 0.03,
            )
            row(
                "preview, a request with nothing changed ≤ 50 ms (2,000 pairs)",
                _s(request),
                request <= 0.05,
            )
        if r.check_warm:
            warm = r.median(r.check_warm)
            row(
                "`make check` with a warm cache ≤ 0.1× clean (2,000 pairs)",
                f"{warm / clean:.3f}× ({_s(warm)})",
                warm / clean <= 0.1,
            )
    for pairs, limit in ((2000, 0.05), (500, 0.1)):
        if pairs in by_size and by_size[pairs].watch:
            r = by_size[pairs]
            ratio = _mid(r.watch) / r.clean_s()
            row(
                f"watch build, one post saved ≤ {limit}× clean ({pairs:,} pairs)",
                f"{ratio:.3f}× ({_s(_mid(r.watch))})",
                ratio <= limit,
            )
    if 2000 in by_size and by_size[2000].pelican:
        r = by_size[2000]
        ratio = r.clean_s() / r.median(r.pelican)
        row("clean build ≤ 0.4× Pelican (2,000 pairs)", f"{ratio:.2f}×", ratio <= 0.4)
    for r in results:
        clean = r.clean_s()
        warm, edit = r.median(r.warm) / clean, r.median(r.edit) / clean
        row(f"warm rebuild ≤ 0.1× clean ({r.pairs:,} pairs)", f"{warm:.3f}×", warm <= 0.1)
        row(f"one-post edit ≤ 0.1× clean ({r.pairs:,} pairs)", f"{edit:.3f}×", edit <= 0.1)
    large = max((r for r in results if r.pairs >= 5000), key=lambda r: r.pairs, default=None)
    if 500 in by_size and large is not None:
        small = by_size[500]
        growth = (large.clean_s() / large.files) / (small.clean_s() / small.files)
        row(
            f"time per file at {large.pairs:,} pairs ≤ 1.2× that at 500",
            f"{growth:.2f}×",
            growth <= 1.2,
        )
    if 20000 in by_size:
        peak = by_size[20000].peak_mb()
        row("peak memory at 20,000 pairs < 1 GB", f"{peak:.0f} MB", peak < 1024)
    if 5000 in by_size:
        peak = by_size[5000].peak_mb()
        row("peak memory at 5,000 pairs < 400 MB", f"{peak:.0f} MB", peak < 400)
    return rows
