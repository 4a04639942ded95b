"""Flask CLI commands for editors: `flask --app newsroom new-post|check`.

The commands are also registered as `flask.commands` plugins (see pyproject.toml), so Flask
finds them without creating the app: `check` must run, and report, when broken content
would make `create_app` fail.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from newsroom.checks.run import run_check
from newsroom.commands.library_texts import speak_editors_language
from newsroom.commands.new_post import (
    NewPostError,
    PostRequest,
    existing,
    find_post_file,
    write_post,
)
from newsroom.commands.report import format_json, format_text
from newsroom.content.dates import AMSTERDAM
from newsroom.content.editor_texts import _
from newsroom.core.models import LANGUAGES
from newsroom.loading.cache import cache_dir_beside
from newsroom.loading.workers import LoadOptions

# Click's own texts ("Aborted!" after Ctrl-C, a wrong answer to a prompt) in the editors'
# language too: this module is loaded by `flask` only to run these commands.
speak_editors_language(click=True)


class EditorError(click.ClickException):
    """A mistake the editor can fix, said in the editors' language ("Fout: …")."""

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(_("Error: %(problem)s", problem=self.format_message()), err=True)


CONTENT_OPTION = click.option(
    "--content",
    "content_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("content"),
    envvar="NEWSROOM_CONTENT",
    show_default=True,
    help="The content folder (run the command from the repository root).",
)


def _content_dir(content_dir: Path) -> Path:
    if not content_dir.is_dir():
        raise EditorError(
            _(
                "%(folder)s: no content folder here; run the command from the repository "
                "root, or pass --content DIR",
                folder=content_dir,
            )
        )
    return content_dir


def _shown(path: Path) -> str:
    """A path as the editor knows it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@click.command("new-post")
@click.option("--title", help="The post's title; the file name's slug is made from it.")
@click.option("--lang", type=click.Choice(LANGUAGES), help="The post's language.")
@click.option("--tags", help="Tags separated by commas, e.g. livegang,planning.")
@click.option(
    "--translation-of",
    "translation_of",
    metavar="SLUG",
    help="Start the translation of an existing post (same slug, its tags, its text to do).",
)
@CONTENT_OPTION
def new_post_command(
    title: str | None,
    lang: str | None,
    tags: str | None,
    translation_of: str | None,
    content_dir: Path,
) -> None:
    """Start a new post in content/nieuws/ (asks for what the options don't give)."""
    news_dir = _content_dir(content_dir) / "nieuws"
    interactive = title is None or lang is None
    original = None
    if translation_of is not None:
        try:
            original = find_post_file(news_dir, translation_of, lang)
        except NewPostError as exc:
            raise EditorError(str(exc)) from None
        lang = lang or next(other for other in LANGUAGES if other != original.lang)
        taken = existing(news_dir, original.slug, lang)
        if taken is not None:  # said before asking for a title that would not be used
            raise EditorError(
                _(
                    "%(file)s already exists; nothing was written (edit that file, or choose "
                    "another title)",
                    file=_shown(taken),
                )
            )
    if title is None:
        title = click.prompt(
            _("Title"),
            default=original.title if original else None,
            show_default=original is not None,
        )
    if lang is None:
        lang = click.prompt(
            _("Language of the post (nl = Dutch, en = English)"),
            type=click.Choice(LANGUAGES),
            default=LANGUAGES[0],
        )
    if tags is None and original is None and interactive:
        tags = click.prompt(
            _("Tags, separated by commas (may be empty)"), default="", show_default=False
        )
    today = dt.datetime.now(AMSTERDAM).date()
    request = PostRequest(
        title=title,
        lang=lang,
        tags=tuple(t.strip() for t in (tags or "").split(",") if t.strip()),
        day=today,
    )
    try:
        path = write_post(news_dir, request, original)
    except NewPostError as exc:
        raise EditorError(str(exc)) from None
    click.echo(_("Created %(file)s", file=_shown(path)))
    click.echo(
        _(
            "It starts as a draft (draft: true): see it with `make serve`, check it with "
            "`make check`, and remove the line draft: true to publish it."
        )
    )


@click.command("check")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for other tools.",
)
@CONTENT_OPTION
def check_command(output_format: str, content_dir: Path) -> None:
    """Check all content without building: errors stop a build, warnings are advice."""
    content_dir = _content_dir(content_dir)
    # The build's cache and workers: what an earlier build, check or preview loaded is not
    # loaded again (the cache beside the content folder; deleting it is always safe).
    options = LoadOptions(cache=cache_dir_beside(content_dir), jobs=None)
    result = run_check(content_dir, options=options)
    if output_format == "json":
        click.echo(format_json(result))
    else:
        click.echo(format_text(result), nl=False)
    if result.errors:
        click.get_current_context().exit(1)
