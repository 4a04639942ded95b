"""What an editor waits for, measured as the editor runs it: the watch build after saving one
post, `make check` (cold and warm), and the preview (first start, a request, a saved post).

Each is a whole process started as `make watch`, `make check` and `make serve` start it, with
the benchmark's content folder; times are wall-clock seconds from the action (the save, the
start) to its result (the watch's line, the page that shows the new text).
"""

from __future__ import annotations

import os
import queue
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WAIT = 600.0
"""Seconds any one thing may take before the benchmark gives up on it."""
ENGLISH = {**os.environ, "NEWSROOM_LANG": "en"}
"""The commands' lines in English, to recognise them."""


def post_url(path: Path) -> str:
    """The address of the post at `path` (docs/urls.md): /nl/nieuws/<slug>/, /en/news/<slug>/."""
    slug, lang = path.name.removesuffix(".md").rsplit(".", 1)
    return f"/{lang}/{'nieuws' if lang == 'nl' else 'news'}/{slug}/"


def save_sentence(path: Path, marker: str) -> None:
    """Save the post with one more sentence: written whole and renamed into place, as editors'
    programs save (no half-written file for a watcher to see)."""
    text = path.read_text(encoding="utf-8") + f"\nEen zin erbij: {marker}.\n"
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def cpu_seconds(pid: int) -> float:
    """User and system time of process `pid` and of the children it has waited for."""
    with open(f"/proc/{pid}/stat", "rb") as handle:
        fields = handle.read().rsplit(b")", 1)[1].split()
    return sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def watch_edits(content: Path, output: Path, post: Path, rounds: int = 2) -> tuple[float, float]:
    """Seconds from saving one post to the watch's line saying `build/` is rebuilt, and the
    CPU seconds the rebuild took (the medians of `rounds` saves; the watch started on an
    output that is up to date)."""
    command = [sys.executable, str(REPO / "freeze.py"), "--watch"]
    command += ["--content", str(content), "--output", str(output)]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=ENGLISH
    )
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()

    def line_starting(*starts: str) -> str:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                if process.poll() is not None:
                    break
                continue
            if line.startswith(starts):
                return line
        sys.exit(f"the watch build gave no line starting {starts}")

    times, cpu = [], []
    try:
        line_starting("Watching ")
        for number in range(rounds):
            time.sleep(0.5)  # the watcher settled after the last rebuild
            started, used = time.perf_counter(), cpu_seconds(process.pid)
            save_sentence(post, f"watch {number} {time.time_ns()}")
            line_starting("Changed: ", "Built ")
            times.append(time.perf_counter() - started)
            cpu.append(cpu_seconds(process.pid) - used)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
        assert process.stdout is not None
        process.stdout.close()
    return statistics.median(times), statistics.median(cpu)


def check_command(content: Path) -> list[str]:
    """`make check` as the Makefile runs it, on the benchmark's content."""
    return [sys.executable, "-m", "flask", "--app", "newsroom", "check", "--content", str(content)]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> bytes | None:
    """The page's bytes, or None when nothing answers with 200 yet."""
    try:
        with urllib.request.urlopen(url, timeout=WAIT) as response:
            return response.read() if response.status == 200 else None
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_until(test: Callable[[], bool], what: str, process: subprocess.Popen) -> float:
    """Seconds until `test()` holds, asking every 20 ms (while `process` runs)."""
    started = time.perf_counter()
    while time.perf_counter() - started < WAIT and process.poll() is None:
        if test():
            return time.perf_counter() - started
        time.sleep(0.02)
    sys.exit(f"gave up waiting: {what}")


def serve_and_edit(
    command: list[str], env: dict[str, str], base: str, page: str, post: Path, cwd: Path
) -> tuple[float, float, float]:
    """Start a preview server (`command`); seconds until its first page answers, for one
    request with nothing changed (median of 5), and from saving `post` until `page` shows it."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        env=env,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_until(lambda: fetch(base + page) is not None, f"{command[0]} to answer", process)
        first = time.perf_counter() - started
        requests = []
        for _ in range(5):
            began = time.perf_counter()
            fetch(base + page)
            requests.append(time.perf_counter() - began)
        time.sleep(1)  # what it watches has settled
        marker = f"preview-{time.time_ns()}"
        save_sentence(post, marker)
        saved = wait_until(
            lambda: marker.encode() in (fetch(base + page) or b""), "the edit", process
        )
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return first, statistics.median(requests), saved


def preview(content: Path, post: Path) -> tuple[float, float, float]:
    """`make serve` on the benchmark's content: first start, a request, a saved post."""
    port = free_port()
    command = [sys.executable, "-m", "newsroom.commands.preview", "--port", str(port)]
    env = {**ENGLISH, "NEWSROOM_CONTENT": str(content)}
    return serve_and_edit(command, env, f"http://127.0.0.1:{port}", post_url(post), post, REPO)
