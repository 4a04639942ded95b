"""The build command behind `freeze.py`: options, messages, exit status."""

from __future__ import annotations

import argparse
import re
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom.content.editor_texts import _, ngettext
from newsroom.core.errors import ContentError, NewsroomError

if TYPE_CHECKING:
    from newsroom.build.site import BuildResult
    from newsroom.loading.service import ContentService


def parse_args(argv: list[str]) -> argparse.Namespace:
    from newsroom.commands.library_texts import speak_editors_language

    speak_editors_language()  # argparse's own texts ("usage:", "options:") too
    parser = argparse.ArgumentParser(
        prog="freeze.py", description=_("Build the static news site from the content folder.")
    )
    parser.add_argument("--content", type=Path, default=Path("content"), help=_("content folder"))
    parser.add_argument("--output", type=Path, default=Path("build"), help=_("output folder"))
    parser.add_argument("--base-url", help=_("the site's public address, e.g. https://x.nl/"))
    parser.add_argument("--drafts", action="store_true", help=_("include draft posts"))
    parser.add_argument("--future", action="store_true", help=_("include posts dated later"))
    parser.add_argument(
        "--debug", action="store_true", help=_("show tracebacks of internal errors")
    )
    parser.add_argument(
        "--jobs", type=int, default=None, help=_("processes to use (default: one per core)")
    )
    parser.add_argument(
        "--publish",
        action="store_true",
        help=_(
            "a build to publish: refuse a placeholder base_url or feed_id_authority "
            "(example.org, .test, localhost…)"
        ),
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help=_("ignore and leave alone the cache beside the output (.newsroom-cache)"),
    )
    parser.add_argument(
        "--no-search",
        action="store_true",
        help=_("make no search index (the search page then finds nothing)"),
    )
    parser.add_argument(
        "--watch",
        action="store_true",
        help=_(
            "stay running: build, then build again after each change to the content, "
            "templates, static files or catalogs (Ctrl-C stops)"
        ),
    )
    return parser.parse_args(argv)


def publish_refusal(content_dir: Path, base_url: str | None) -> str | None:
    """Why a build to publish must not go ahead: its public address or its feed id domain is a
    placeholder. One line, naming the field in site.yaml (or --base-url when that was given)."""
    from newsroom.content.settings import placeholder_domain, placeholder_reason

    site_yaml = content_dir / "site.yaml"
    try:
        text = site_yaml.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""  # the build itself reports a missing or unreadable site.yaml
    if base_url:
        reason = placeholder_reason(base_url)
        if reason:
            return _(
                "--base-url %(url)s is a placeholder address (%(reason)s); --publish needs "
                "the site's real public address.",
                url=base_url,
                reason=reason,
            )
    else:
        found = placeholder_setting(content_dir, text, "base_url", placeholder_reason)
        if found:
            where, value, reason = found
            return where + _(
                "%(url)s is a placeholder address (%(reason)s); --publish needs the site's "
                "real public address: set base_url in %(file)s (or pass --base-url).",
                url=value,
                reason=reason,
                file=site_yaml,
            )
    found = placeholder_setting(content_dir, text, "feed_id_authority", placeholder_domain)
    if found:
        where, value, reason = found
        return where + _(
            "%(domain)s is a placeholder domain (%(reason)s); --publish needs the domain the "
            "feeds are first published under: set feed_id_authority in %(file)s.",
            domain=value,
            reason=reason,
            file=site_yaml,
        )
    return None


def placeholder_setting(
    content_dir: Path, text: str, name: str, reason_of: Callable[[str], str | None]
) -> tuple[str, str, str] | None:
    """Where site.yaml's setting `name` holds a placeholder (`file:line: name: `), its value
    and why it is one (`reason_of`); None when it does not."""
    found = re.search(rf"(?m)^{name}:[ \t]*[\"']?([^\"'\s#]+)", text)
    reason = reason_of(found.group(1)) if found else None
    if not found or not reason:
        return None
    from newsroom.content.settings import setting_line

    site_yaml = content_dir / "site.yaml"
    return f"{site_yaml}:{setting_line(content_dir, name)}: {name}: ", found.group(1), reason


def main(argv: list[str]) -> int:
    """Build (or, with --watch, build and watch); print every problem and return 1 on
    failure, never a traceback for content."""
    args = parse_args(argv)
    if args.publish:
        refusal = publish_refusal(args.content, args.base_url)
        if refusal:
            print(_("Build stopped: %(why)s", why=refusal), file=sys.stderr)
            return 1
    if args.watch:
        from newsroom.commands.watch import watch

        return watch(args)
    return build_once(args)


def build_once(
    args: argparse.Namespace,
    report: Callable[[BuildResult, float], None] | None = None,
    service: ContentService | None = None,
) -> int:
    """One build with `args`; its messages printed (the summary by `report` when given).
    `service`: the content kept loaded between builds (the watch's; see `build`)."""
    from newsroom.build.site import build
    from newsroom.commands.progress import Progress

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
                search=not args.no_search,
                service=service,
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
    (report or print_result)(result, seconds)
    return 0


def print_result(result: BuildResult, seconds: float, line: str | None = None) -> None:
    """What a build ends with: its warnings, its summary (or `line`), when to build again."""
    from newsroom.commands.progress import summary

    for warning in result.warnings:
        print(_("warning: %(problem)s", problem=warning), file=sys.stderr)
    print(line or summary(result.files, result.written, str(result.output), seconds))
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
