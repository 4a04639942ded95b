"""Start a new post file, or the translation of one, in `content/nieuws/`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from newsroom.checks.placeholders import STARTER_TEXT, TO_DO_TEXT, catalog_gettext
from newsroom.content.documents import markdown_files
from newsroom.content.editor_texts import _
from newsroom.content.fields import Fields, clean_text
from newsroom.content.front_matter import parse_document
from newsroom.content.sources import read_text
from newsroom.core.errors import NewsroomError, Problem
from newsroom.core.models import LANGUAGES
from newsroom.core.slugs import SLUG, slugify


class NewPostError(NewsroomError):
    """The post cannot be started (the file exists, the title makes no slug...)."""


@dataclass(frozen=True, slots=True)
class PostRequest:
    """What the editor asked for."""

    title: str
    lang: str
    tags: tuple[str, ...]
    day: dt.date


@dataclass(frozen=True, slots=True)
class Original:
    """The post a translation starts from."""

    path: Path
    slug: str
    lang: str
    title: str | None
    tags: tuple[str, ...]
    body: str


def existing(news_dir: Path, slug: str, lang: str) -> Path | None:
    """The file of post `slug` in `lang`, in any subfolder, if there is one."""
    name = f"{slug}.{lang}.md"
    return next((p for p in markdown_files(news_dir) if p.name == name), None)


def find_post_file(news_dir: Path, slug: str, lang: str | None) -> Original:
    """The original of a translation into `lang` (None: whichever language exists)."""
    if not slug:
        raise NewPostError(
            _(
                "which post? Give its slug, the file name without .<language>.md: "
                "make translation SLUG=update-livegang"
            )
        )
    if not SLUG.fullmatch(slug):
        raise NewPostError(
            _(
                '"%(slug)s" is not a slug (expected the file name without .<language>.md, '
                "e.g. update-livegang)",
                slug=slug,
            )
        )
    sources = {other: existing(news_dir, slug, other) for other in LANGUAGES if other != lang}
    found = {other: path for other, path in sources.items() if path is not None}
    if not found:
        raise NewPostError(
            _('no post "%(slug)s" in %(folder)s to translate', slug=slug, folder=news_dir)
            + (_(" (looked for a version not in %(lang)s)", lang=lang) if lang else "")
        )
    if lang is None and len(found) > 1:
        raise NewPostError(
            _(
                'post "%(slug)s" already exists in %(languages)s; nothing to translate',
                slug=slug,
                languages=", ".join(sorted(found)),
            )
        )
    source_lang, path = next(iter(found.items()))
    problems: list[Problem] = []
    text = read_text(path, problems)
    document, _found = parse_document(clean_text(text or ""), str(path))
    if text is None or document is None:
        raise NewPostError(
            _("%(file)s: cannot be read as a post; fix it first (make check)", file=path)
        )
    fields = Fields(str(path), document.fields, document.lines, problems)
    return Original(
        path=path,
        slug=slug,
        lang=source_lang,
        title=fields.text("title"),
        tags=fields.text_list("tags"),
        body=document.body.strip("\n"),
    )


def _yaml_value(value: object) -> str:
    """One YAML value on one line, quoted only where YAML needs it."""
    flow = isinstance(value, list)
    text = yaml.safe_dump(
        value, allow_unicode=True, default_flow_style=flow, width=10_000, sort_keys=False
    )
    return text.removesuffix("\n...\n").strip()


def render_post(request: PostRequest, original: Original | None) -> str:
    """The new file's text: front matter, then a start for the body."""
    gettext = catalog_gettext(request.lang)
    lines = [
        "---",
        f"title: {_yaml_value(request.title)}",
        f"date: {request.day.isoformat()}",
    ]
    tags = list(original.tags if original else request.tags)
    if tags:
        lines.append(f"tags: {_yaml_value(tags)}")
    lines += ["draft: true", "---"]
    if original is None:
        lines.append(gettext(STARTER_TEXT))
    else:
        lines.append(gettext(TO_DO_TEXT) % {"file": original.path.name})
        lines.append("")
        lines += [f"> {line}".rstrip() for line in original.body.split("\n")]
    return "\n".join(lines) + "\n"


def write_post(news_dir: Path, request: PostRequest, original: Original | None) -> Path:
    """Write the new post's file; never overwrite one, never write outside `news_dir`."""
    if original is not None:
        slug = original.slug
    else:
        slug = slugify(request.title)
        if not slug:
            raise NewPostError(
                _(
                    'the title "%(title)s" has no letters or digits to make a file name from',
                    title=request.title,
                )
            )
    if request.lang not in LANGUAGES:
        raise NewPostError(
            _(
                'language "%(lang)s" is not one of %(languages)s',
                lang=request.lang,
                languages=", ".join(LANGUAGES),
            )
        )
    taken = existing(news_dir, slug, request.lang)
    if taken is not None:
        raise NewPostError(
            _(
                "%(file)s already exists; nothing was written (edit that file, or choose "
                "another title)",
                file=taken,
            )
        )
    news_dir.mkdir(parents=True, exist_ok=True)
    path = news_dir / f"{slug}.{request.lang}.md"
    try:
        # "x": create only; never replace a file that appeared meanwhile.
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(render_post(request, original))
    except FileExistsError:
        raise NewPostError(_("%(file)s already exists; nothing was written", file=path)) from None
    return path
