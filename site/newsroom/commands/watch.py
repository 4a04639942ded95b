"""`freeze.py --watch` (`make watch`): build, then build again after each saved change.

One process: Python, Flask, Jinja, Markdown and the rest are imported once, so a rebuild costs
only the build itself. Each rebuild is an ordinary build (`build_once`, `build` with the
watch's content service passed in): the lock, the draft, the atomic swap, the same bytes as a
clean build.

Between rebuilds the watch keeps the content loaded (`loading.service.ContentService`, as the
preview does): each post file's load result stays in memory with the file's signature, and a
rebuild loads again only the files whose signature changed or that the watcher reported (a
missed event costs nothing but time). A change to the templates, static files or catalogs
starts a new service. What the process remembers of those files is dropped before every
rebuild (`forget_files_read`; a catalog is parsed again only when its signature changed).
The rest that a rebuild reuses is remembered by exactly what it is made from: the links and
images found in a post's HTML by that HTML, a post's page-key digests by the post itself, the
pages' URLs by the URL rules, compiled templates by their source. After the first build with a
service the heap is settled (`settle_heap`), so garbage collection stops walking the kept
content at every rebuild.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import signal
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom.content.editor_texts import _, ngettext

if TYPE_CHECKING:
    from newsroom.build.site import BuildResult
    from newsroom.loading.service import ContentService

FOLDERS = ("templates", "static", "translations")
"""The project's folders a page is made with, watched beside the content folder."""
STEP_MS = 15
"""How long the watcher waits for a save's further events (an editor's save may write, then
rename) before it hands them over: short, since a rebuild that starts early and misses one is
followed by another that sees it (a missed post is seen by its signature anyway)."""
CLOCK_MS = 1000
"""How often, with nothing changed, the watch looks at the clock: a scheduled post falls due."""


def watched_folders(content: Path) -> list[Path]:
    """What the watch follows: the content folder and the project's templates, static files
    and catalogs (those that exist)."""
    from newsroom.core.paths import PROJECT_ROOT

    folders = [content.absolute(), *(PROJECT_ROOT / name for name in FOLDERS)]
    return [folder for folder in folders if folder.is_dir()]


def inside_watched(output: Path, folders: Iterable[Path]) -> Path | None:
    """The watched folder the output (or what the build keeps beside it) is in, if any: every
    build would then set off the next one."""
    place = output.absolute().parent.resolve()
    return next((f for f in folders if place.is_relative_to(f.resolve())), None)


def changed_text(changes: Iterable[tuple[object, str]], folders: list[Path]) -> str:
    """The changed files, for people: the first one's path (relative to its watched folder's
    parent) and how many more."""
    paths = sorted({path for _change, path in changes})
    if not paths:
        return ""
    first = Path(paths[0])
    for folder in folders:
        if first.is_relative_to(folder):
            first = first.relative_to(folder.parent)
            break
    if len(paths) == 1:
        return str(first)
    more = len(paths) - 1
    return ngettext(
        "%(file)s and %(num)s more file", "%(file)s and %(num)s more files", more, file=first
    )


def forget_files_read() -> None:
    """Drop what this process remembers of the templates, static files and catalogs, so the
    next build reads them as a new process would (the code's own digest stays: it is the
    code that runs)."""
    from newsroom.content import editor_texts
    from newsroom.content.catalogs import forget_catalogs
    from newsroom.loading.cache import render_version

    render_version.cache_clear()
    forget_catalogs()
    editor_texts._catalogs.cache_clear()


def in_content(changes: Iterable[tuple[object, str]], content: Path) -> tuple[list[Path], bool]:
    """The changed files inside the content folder, and whether any other file changed."""
    inside: list[Path] = []
    other = False
    for _change, name in changes:
        path = Path(name)
        if path.is_relative_to(content):
            inside.append(path)
        else:
            other = True
    return inside, other


def settle_heap() -> None:
    """After a build with a new content service: what is alive now (the kept content, the
    modules) stays alive, so the garbage collector stops walking it at every rebuild (a tenth
    of a second at 2,000 pairs). Unfrozen and collected first: what an earlier service kept
    and nothing uses any more is freed, not kept for good."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def shown_path(folder: Path) -> str:
    """`folder` as the editor would type it: relative to the current folder when inside it."""
    try:
        return f"{folder.relative_to(Path.cwd())}/"
    except ValueError:
        return str(folder)


def is_due(due: dt.datetime | None) -> bool:
    """Whether the next scheduled post (if any) is due: a clean build made now would show it."""
    return due is not None and dt.datetime.now(due.tzinfo) >= due


class Stop:
    """Ctrl-C, remembered as well as raised: Python drops a KeyboardInterrupt that lands in a
    weak reference's callback during garbage collection ("Exception ignored in …"), and the
    watch would then go on; it looks at `asked` after each rebuild and each second."""

    def __init__(self) -> None:
        self.asked = False

    def interrupt(self, signum: int, frame: object) -> None:
        self.asked = True
        raise KeyboardInterrupt


def watch(args: argparse.Namespace) -> int:
    """Build, then rebuild after each change until Ctrl-C; 0 when stopped by Ctrl-C."""
    from watchfiles import watch as changes_in

    from newsroom.build.site import kept_service
    from newsroom.commands.freeze import build_once, print_result, publish_refusal
    from newsroom.commands.progress import summary

    if not args.content.is_dir():
        problem = _("%(folder)s: no such folder", folder=args.content)
        print(_("Build stopped: %(problem)s", problem=problem), file=sys.stderr)
        return 1
    folders = watched_folders(args.content)
    loop = inside_watched(args.output, folders)
    if loop is not None:
        problem = _(
            "%(output)s is inside %(folder)s, which --watch watches: every build would start "
            "the next one; choose an --output outside it",
            output=args.output,
            folder=loop,
        )
        print(_("Build stopped: %(problem)s", problem=problem), file=sys.stderr)
        return 1
    # Ctrl-C stops the watch however it was started: a process started in the background by a
    # shell without job control (a script, a CI job) inherits SIGINT ignored.
    stop = Stop()
    signal.signal(signal.SIGINT, stop.interrupt)
    last: dict[str, object] = {}
    what = [""]

    def new_service() -> ContentService:
        return kept_service(args.content, args.output, jobs=args.jobs, use_cache=not args.no_cache)

    service = new_service()
    settled: list[ContentService] = []  # the service whose content the heap was settled with

    def settle(code: int) -> None:
        if code == 0 and service not in settled:
            settle_heap()
            settled[:] = [service]

    def report(result: BuildResult, seconds: float) -> None:
        # One line per rebuild; the warnings and the next scheduled post only when they change.
        news = (result.warnings, result.next_scheduled)
        line = summary(result.files, result.written, str(result.output), seconds)
        if what[0]:
            line = _("Changed: %(what)s. %(summary)s", what=what[0], summary=line)
        if not what[0] or news != last.get("news"):
            print_result(result, seconds, line)
        else:
            print(line)
        sys.stdout.flush()
        last["news"], last["due"] = news, result.next_scheduled

    try:
        code = build_once(args, report, service)
        if code == 130 or stop.asked:
            return 0
        settle(code)
        text = _(
            "Watching %(folders)s: each change is built into %(output)s. Stop with Ctrl-C.",
            folders=", ".join(shown_path(folder) for folder in folders),
            output=args.output,
        )
        print(text, flush=True)
        for changes in changes_in(
            *folders, step=STEP_MS, rust_timeout=CLOCK_MS, yield_on_timeout=True
        ):
            if stop.asked:
                break
            due = last.get("due")
            if not changes and not is_due(due):  # type: ignore[arg-type]
                continue
            last["due"] = None  # set again by a build that succeeds: a failed one waits for a fix
            # What was read of the templates, static files and catalogs is read again (cheap:
            # a catalog is parsed again only when its file's signature changed), so a change
            # the watcher missed there is still seen; a missed post is seen by its signature.
            forget_files_read()
            edited, other = in_content(changes, service.content_dir)
            if other:  # a catalog may word the posts' problems anew: load them as a new process
                service = new_service()
            service.forget(edited)
            what[0] = changed_text(changes, folders) or _("a scheduled post is due")
            refusal = publish_refusal(args.content, args.base_url) if args.publish else None
            if refusal:
                print(f"Build stopped: {refusal}", file=sys.stderr, flush=True)
                continue
            code = build_once(args, report, service)
            if code == 130 or stop.asked:
                break
            settle(code)
            if code != 0:
                text = _("Still watching: the last good build stays; save a fix to build again.")
                print(text, flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        gc.unfreeze()  # (a caller that goes on, such as a test, gets its heap back)
    print(_("Stopped watching."), flush=True)
    return 0
