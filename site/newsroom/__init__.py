"""Newsroom: a bilingual (Dutch/English) static news site generator."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.support import NullTranslations
from flask import Flask

from . import feeds  # noqa: F401  (declares the [[feeds]] block before any content loads)
from .batch import LoadOptions
from .content import load_content
from .i18n import format_day, load_translations
from .index import SiteIndex

PROJECT_ROOT = Path(__file__).resolve().parents[2]
"""The repository root: `site/newsroom/` lives two folders below it."""


@dataclass(frozen=True, slots=True)
class State:
    """What the views render from: the checked content and the interface translations."""

    index: SiteIndex
    translations: dict[str, NullTranslations]


def load_state(app: Flask) -> State:
    """Load the content and the interface texts for `app`; raise ContentError on bad content."""
    content = load_content(
        Path(app.config["CONTENT_DIR"]),
        drafts=app.config["DRAFTS"],
        future=app.config["FUTURE"],
        options=LoadOptions(
            cache=Path(app.config["CACHE_DIR"]) if app.config["CACHE_DIR"] else None,
            jobs=app.config["JOBS"],
        ),
    )
    if not app.config["BASE_URL"]:
        app.config["BASE_URL"] = content.settings.base_url
    return State(
        index=SiteIndex(content),
        translations=load_translations(Path(app.config["TRANSLATIONS_DIR"])),
    )


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the site's Flask app from the content folder; raise ContentError on bad content.

    Without `config` (how Flask's CLI calls it: `make serve`, `flask --app newsroom run`) the
    app is the editors' preview (see preview.py); the build and the tests always pass one.
    """
    from . import cli, preview, views

    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.from_mapping(
        CONTENT_DIR=str(PROJECT_ROOT / "content"),
        TRANSLATIONS_DIR=str(PROJECT_ROOT / "translations"),
        BASE_URL=None,  # overrides site.yaml's base_url when set
        DRAFTS=False,
        FUTURE=False,
        PREVIEW=False,
        INDEX_LINKS=False,  # the frozen site links to .../index.html so it works from disk
        CACHE_DIR=None,  # the build cache's folder (see cache.py); None: no cache
        JOBS=1,  # processes that render posts' Markdown at load time
    )
    app.config.from_mapping(preview.preview_config() if config is None else config)
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.newstyle_gettext = True  # type: ignore[attr-defined]
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters["day"] = format_day

    if app.config["PREVIEW"]:
        preview.install(app, load_state)  # loads the content now and again whenever it changes
    else:
        app.extensions["newsroom"] = load_state(app)

    from .blocks import expand
    from .links import absolute_url, link

    app.jinja_env.globals.update(link=link, absolute_url=absolute_url, expand_blocks=expand)
    app.register_blueprint(views.web)
    app.register_blueprint(views.root)
    if app.config["PREVIEW"] or any(views.files.published_files(views.files.files_dir(app))):
        app.register_blueprint(views.files.files)
    app.register_error_handler(404, views.news.page_not_found)
    cli.register(app)
    return app
