"""Measure whole-process builds of generated corpora: clean, warm, one post edited; memory;
and what an editor waits for: the watch build, the check, the preview.

    python -m bench.run [--sizes 500,2000,5000] [--repeat 3] [--pelican auto|no]
                        [--hugo auto|no] [--editor yes|no]

For each size it generates the corpus (bench/corpus.py), then repeats, alternating:
`make check` with no cache (cold), our clean build (empty output, no cache), Pelican's and
Hugo's clean builds of the same posts (when they can be installed), our warm rebuild (nothing
changed) and our rebuild after editing one post; then the editor's actions (bench/editor.py):
`make check` after the build (warm), `make watch` after saving one post, `make serve` (first
start, a request, a saved post) and `hugo server` the same way. It reports medians (report.py),
writes Markdown tables to bench/RESULTS.md and into README.md between markers.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench import corpus, editor, hugo, pelican, search
from bench.report import Run, SizeResult, table

REPO = Path(__file__).resolve().parents[1]
CACHE = REPO / ".cache" / "bench"
RESULTS = REPO / "bench" / "RESULTS.md"
README = REPO / "README.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


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


def measure(command: list[str], ok: tuple[int, ...] = (0,), cwd: Path | None = None) -> Run:
    """Run `command` to completion; its wall time and peak memory. Fails loudly on errors
    (an exit status not in `ok`)."""
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=cwd)
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
        if process.returncode not in ok:
            log.seek(0)
            sys.exit(f"failed: {' '.join(command)}\n{log.read().decode()}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, peak[0] / 1024, usage.ru_maxrss / 1024, cpu)


def edit_post(path: Path, round_number: int) -> None:
    """A typical edit: a sentence added to the end of the post's text."""
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\nEen zin erbij bij ronde {round_number}, om de bewerking te meten.\n")


def bench_size(
    pairs: int, repeat: int, pelican_python: Path | None, hugo_program: str | None, editor_too: bool
) -> SizeResult:
    work = CACHE / f"n{pairs}"
    content = work / "content"
    print(f"== {pairs} pairs: generating the corpus", flush=True)
    posts = corpus.generate(pairs, content)
    if pelican_python:
        shutil.rmtree(work / "pelican", ignore_errors=True)
        pelican.convert(posts, content / "site.yaml", work / "pelican")
    edited = posts[len(posts) // 2]
    hugo_copy = None
    if hugo_program:
        copies = hugo.convert(posts, content / "site.yaml", work / "hugo")
        hugo_copy = copies[edited]
    result = SizeResult(pairs)
    site = work / "site"
    output = site / "build"
    ours = [sys.executable, str(REPO / "freeze.py"), "--content", str(content)]
    ours += ["--output", str(output)]
    for round_number in range(1, repeat + 1):
        shutil.rmtree(site, ignore_errors=True)  # the output and every cache beside it
        # and the check's and the preview's, beside the content (cache_dir_beside), which an
        # earlier run's check left: without this the "cold" check reads a warm cache
        shutil.rmtree(content.parent / ".newsroom-cache", ignore_errors=True)
        site.mkdir(parents=True)
        if editor_too:  # no cache beside the output yet: the check's cold start
            result.check_cold.append(measure(editor.check_command(content), (0, 1), REPO))
        result.clean.append(measure(ours))
        result.files = sum(1 for p in output.rglob("*") if p.is_file())
        if pelican_python:
            pelican_out = work / "pelican-output"
            shutil.rmtree(pelican_out, ignore_errors=True)
            shutil.rmtree(work / "pelican" / "cache", ignore_errors=True)
            result.pelican.append(
                measure(pelican.command(pelican_python, work / "pelican", pelican_out))
            )
        if hugo_program:
            hugo_out = work / "hugo-output"
            shutil.rmtree(hugo_out, ignore_errors=True)
            result.hugo.append(measure(hugo.build_command(hugo_program, work / "hugo", hugo_out)))
        result.warm.append(measure(ours))
        edit_post(edited, round_number)
        result.edit.append(measure(ours))
        line = (
            f"   round {round_number}: clean {result.clean[-1].seconds:.2f} s, "
            f"warm {result.warm[-1].seconds:.2f} s, edit {result.edit[-1].seconds:.2f} s"
        )
        if result.pelican:
            line += f", Pelican {result.pelican[-1].seconds:.2f} s"
        if result.hugo:
            line += f", Hugo {result.hugo[-1].seconds:.2f} s"
        if editor_too:
            result.check_warm.append(measure(editor.check_command(content), (0, 1), REPO))
            seconds, cpu = editor.watch_edits(content, output, edited)
            result.watch.append(seconds)
            result.watch_cpu.append(cpu)
            result.preview.append(editor.preview(content, edited))
            line += (
                f", check {result.check_cold[-1].seconds:.2f}/{result.check_warm[-1].seconds:.2f}"
                f" s, watch {result.watch[-1]:.2f} s, preview {result.preview[-1][0]:.2f}/"
                f"{result.preview[-1][1]:.3f}/{result.preview[-1][2]:.2f} s"
            )
        if editor_too and hugo_program and hugo_copy is not None:
            port = editor.free_port()
            result.hugo_server.append(
                editor.serve_and_edit(
                    hugo.server_command(hugo_program, work / "hugo", port),
                    dict(os.environ),
                    f"http://127.0.0.1:{port}",
                    hugo.post_url(hugo_copy),
                    hugo_copy,
                    work,
                )
            )
            line += f", hugo server {'/'.join(f'{v:.2f}' for v in result.hugo_server[-1])} s"
        print(line, flush=True)
    return result


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
    parser.add_argument("--hugo", choices=("auto", "no"), default="auto", help="apt-get hugo")
    parser.add_argument(
        "--editor",
        choices=("yes", "no"),
        default="yes",
        help="also the editor's actions: the watch build, the check, the preview",
    )
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.replace(" ", "").split(",") if size]
    # Python compiles a module once and keeps its bytecode beside it; where that is switched off
    # (PYTHONDONTWRITEBYTECODE, as on some build machines) every run would compile the package
    # again. Compiled here once, so the runs measure what an editor's machine does.
    compileall.compile_dir(REPO / "site" / "newsroom", quiet=1)
    pelican_python = pelican.venv_python(CACHE) if args.pelican == "auto" else None
    hugo_program = hugo.available(install=True) if args.hugo == "auto" else None
    load_before = os.getloadavg()[0]
    editor_too = args.editor == "yes"
    results = [
        bench_size(size, args.repeat, pelican_python, hugo_program, editor_too) for size in sizes
    ]
    costs = [search.bench_size(n, CACHE / f"n{n}", args.repeat, measure, edit_post) for n in sizes]
    hugo_version = hugo.version(hugo_program) if hugo_program else ""
    text = table(results, args.repeat, (load_before, os.getloadavg()[0]), hugo_version)
    text += "\n" + search.table(costs, results)
    print()
    print(text)
    if not args.no_write:
        update_between_markers(RESULTS, text, "# Benchmark results\n\nMade by `make bench`.\n\n")
        update_between_markers(README, text)


if __name__ == "__main__":
    main()
