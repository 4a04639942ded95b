"""The site's Flask app: made from the content folder, its URLs from the page-kind table.

Everything the app knows is registered here, explicitly, when it is made: the URL rules of
every page kind, the template globals, the `[[blocks]]` and the link resolvers, the MIME
types. Importing a module of this package registers nothing.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.support import NullTranslations
from flask import Blueprint, Flask

from newsroom.content.catalogs import load_catalogs
from newsroom.core.models import LANGUAGES
from newsroom.core.paths import PROJECT_ROOT
from newsroom.loading.content import ReadResult, checked, read_content
from newsroom.loading.service import ContentService
from newsroom.loading.workers import LoadOptions
from newsroom.web import preview
from newsroom.web.compiled import compiled_templates
from newsroom.web.embed import Embeds, expand
from newsroom.web.i18n import format_day
from newsroom.web.index import SiteIndex
from newsroom.web.kinds import KINDS
from newsroom.web.links import absolute_url, link
from newsroom.web.sharing import head_meta
from newsroom.web.views import feeds, news, schedule, standalone_pages, statement

MIME_TYPES = {".ics": "text/calendar", ".webp": "image/webp"}
"""Types some machines lack (no /etc/mime.types): Frozen-Flask checks each file's
Content-Type against `mimetypes`, and the views take their types from it."""


@dataclass(frozen=True, slots=True)
class State:
    """What the views render from: the checked content and the interface texts."""

    index: SiteIndex
    catalogs: dict[str, NullTranslations]


def load_state(app: Flask) -> State:
    """Load the content and the interface texts for `app`; raise ContentError on bad content.

    With a CONTENT_SERVICE (the watch build's, kept between its rebuilds) the content is read
    through it: only the post files that changed since its last read are loaded again."""
    service: ContentService | None = app.config["CONTENT_SERVICE"]
    if service is not None:
        loaded = service.read()
    else:
        loaded = read_content(
            Path(app.config["CONTENT_DIR"]),
            LoadOptions(
                cache=Path(app.config["CACHE_DIR"]) if app.config["CACHE_DIR"] else None,
                jobs=app.config["JOBS"],
            ),
        )
    return state_of(app, loaded, load_catalogs(Path(app.config["TRANSLATIONS_DIR"])))


def state_of(app: Flask, loaded: ReadResult, catalogs: dict[str, NullTranslations]) -> State:
    """The State of the content as read (what `app` publishes of it) with these catalogs;
    raise ContentError on bad content. The preview makes it again after each change."""
    content = checked(
        Path(app.config["CONTENT_DIR"]),
        loaded,
        drafts=app.config["DRAFTS"],
        future=app.config["FUTURE"],
        extra=app.config["EXTRA_CHECKS"],
    )
    if not app.config["BASE_URL"]:
        app.config["BASE_URL"] = content.settings.base_url
    return State(index=SiteIndex(content), catalogs=catalogs)


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the site's Flask app from the content folder; raise ContentError on bad content.

    Without `config` (how Flask's CLI calls it: `make serve`, `flask --app newsroom run`) the
    app is the editors' preview (see preview.py); the build and the tests always pass one.
    """
    settings = preview.preview_config() if config is None else config
    app = Flask(
        "newsroom",
        # (Other folders only for tests of the preview, which edit templates and styles.)
        template_folder=str(settings.get("TEMPLATES_DIR") or PROJECT_ROOT / "templates"),
        static_folder=str(settings.get("STATIC_DIR") or PROJECT_ROOT / "static"),
    )
    app.config.from_mapping(
        CONTENT_DIR=str(PROJECT_ROOT / "content"),
        TRANSLATIONS_DIR=str(PROJECT_ROOT / "translations"),
        BASE_URL=None,  # overrides site.yaml's base_url when set
        DRAFTS=False,
        FUTURE=False,
        PREVIEW=False,
        INDEX_LINKS=False,  # the frozen site links to .../index.html so it works from disk
        CACHE_DIR=None,  # the build cache's folder (see loading/cache.py); None: no cache
        JOBS=1,  # processes that render posts' Markdown at load time
        EXTRA_CHECKS=None,  # more checks whose errors refuse the content (the build: check's)
        CONTENT_SERVICE=None,  # a ContentService that reads CONTENT_DIR, kept by the caller
    )
    app.config.from_mapping(settings)
    register_mime_types()
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.newstyle_gettext = True  # type: ignore[attr-defined]
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters["day"] = format_day

    if app.config["PREVIEW"]:
        preview.install(app, state_of)  # loads the content now and again whenever it changes
    else:
        app.extensions["newsroom"] = load_state(app)
    app.extensions["newsroom.kinds"] = KINDS
    app.extensions["newsroom.embeds"] = Embeds(
        blocks={
            "schedule": schedule.schedule_block,
            "feeds": feeds.feeds_block,
            "accessibility-statement": statement.statement_block,
        },
        resolvers={
            "nieuws": news.resolve_post_link,
            "paginas": standalone_pages.resolve_page_link,
        },
        feed_blocks={"schedule": schedule.schedule_feed_block},
    )
    app.jinja_env.globals.update(
        link=link,
        absolute_url=absolute_url,
        expand_blocks=expand,
        feed_links=feeds.feed_links,
        head_meta=head_meta,
        when_html=schedule.when_html,
        when_phrase_html=schedule.when_phrase_html,
        revision_html=schedule.revision_html,
        organisation_name=schedule.organisation_name,
        status_text=schedule.status_label,
        institutions_text=schedule.institutions_label,
        post_language=schedule.post_language,
    )
    # Last, with its settings complete: an app compiles only templates no app like it did.
    app.jinja_env.bytecode_cache = compiled_templates(app.jinja_env)
    app.context_processor(standalone_pages.menus)
    app.context_processor(schedule.rollout_context)
    add_url_rules(app)
    app.register_error_handler(404, news.page_not_found)
    return app


def register_mime_types() -> None:
    """Teach `mimetypes` the types this machine may lack (once per process is enough)."""
    for extension, mimetype in MIME_TYPES.items():
        if mimetypes.guess_type(f"file{extension}")[0] is None:
            mimetypes.add_type(mimetype, extension)


def add_url_rules(app: Flask) -> None:
    """One URL rule per page kind and language, from the page-kind table.

    A kind that has no pages in this content gets no rules when it can never have any (no
    rollout data, no files), or Frozen-Flask would warn about an endpoint it never froze. The
    preview has them all: its content may change while it runs.
    """
    index: SiteIndex | None = getattr(app.extensions.get("newsroom"), "index", None)
    everything = app.config["PREVIEW"] or index is None
    has_rollout = everything or index.content.rollout is not None  # type: ignore[union-attr]
    has_files = everything or bool(index.content.files)  # type: ignore[union-attr]
    has_images = everything or bool(index.content.images)  # type: ignore[union-attr]
    blueprints: dict[str, Blueprint] = {}
    for kind in KINDS.all:
        if kind.needs_rollout and not has_rollout:
            continue
        if kind.blueprint == "files" and not has_files:
            continue
        if kind.blueprint == "images" and not has_images:
            continue
        blueprint = blueprints.setdefault(kind.blueprint, Blueprint(kind.blueprint, __name__))
        for lang in LANGUAGES if kind.per_language else ("",):
            defaults = {"lang": lang} if kind.per_language else {}
            for pattern, more in kind.rules(lang):
                blueprint.add_url_rule(
                    pattern,
                    endpoint=kind.name,
                    view_func=kind.view,
                    defaults={**defaults, **more},
                )
    for blueprint in blueprints.values():
        app.register_blueprint(blueprint)
