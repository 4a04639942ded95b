"""The build command behind `freeze.py`: options, messages, exit status."""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

from newsroom.content.editor_texts import _, ngettext
from newsroom.core.errors import ContentError, NewsroomError


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="freeze.py", description="Build the static news site from the content folder."
    )
    parser.add_argument("--content", type=Path, default=Path("content"), help="content folder")
    parser.add_argument("--output", type=Path, default=Path("build"), help="output folder")
    parser.add_argument("--base-url", help="the site's public address, e.g. https://x.nl/")
    parser.add_argument("--drafts", action="store_true", help="include draft posts")
    parser.add_argument("--future", action="store_true", help="include posts dated later")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    parser.add_argument(
        "--jobs", type=int, default=None, help="processes to use (default: one per core)"
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="ignore and leave alone the cache beside the output (.newsroom-cache)",
    )
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    """Build; print every problem and return 1 on failure, never a traceback for content."""
    args = parse_args(argv)
    from newsroom.build.site import build
    from newsroom.commands.progress import Progress, summary

    started = time.perf_counter()
    progress = Progress()
    try:
        try:
            result = build(
                args.content,
                args.output,
                base_url=args.base_url,
                drafts=args.drafts,
                future=args.future,
                jobs=args.jobs,
                use_cache=not args.no_cache,
                progress=progress,
            )
        finally:
            progress.finish()  # before any message, so none lands on the progress line
    except ContentError as exc:
        print(
            ngettext(
                "Build stopped: %(num)s problem in the content. Nothing was changed in the output.",
                "Build stopped: %(num)s problems in the content. Nothing was changed in the "
                "output.",
                len(exc.problems),
            ),
            file=sys.stderr,
        )
        print(exc, file=sys.stderr)
        return 1
    except NewsroomError as exc:
        print(_("Build stopped: %(problem)s", problem=exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(_("Build interrupted; the previous output is unchanged."), file=sys.stderr)
        return 130
    except OSError as exc:  # the machine's doing: a full disk, a folder we may not write
        if args.debug:
            traceback.print_exc()
        where = f"{exc.filename}: " if exc.filename else ""
        print(
            _(
                "Build stopped: %(problem)s. The previous output is unchanged.",
                problem=f"{where}{exc.strerror or exc}",
            ),
            file=sys.stderr,
        )
        return 1
    except Exception as exc:  # an internal error, not the editor's doing
        if args.debug:
            traceback.print_exc()
        detail = " ".join(str(exc).split())[:300]  # one line, however long the error
        print(
            _(
                "Internal error: %(error)s. Please report this to the developers (run again "
                "with --debug for details). The previous output is unchanged.",
                error=f"{type(exc).__name__}: {detail}",
            ),
            file=sys.stderr,
        )
        return 1
    seconds = time.perf_counter() - started
    for warning in result.warnings:
        print(_("warning: %(problem)s", problem=warning), file=sys.stderr)
    print(summary(result.files, result.written, str(result.output), seconds))
    if result.next_scheduled:
        when = result.next_scheduled.strftime("%Y-%m-%d %H:%M")
        print(
            _(
                "Next scheduled post: %(when)s (Europe/Amsterdam); build again then (also in "
                "%(file)s).",
                when=when,
                file=result.output / "next-build.txt",
            )
        )
    return 0
