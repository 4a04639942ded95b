"""The editors' preview (`make serve`): drafts and future posts shown, the files followed as
they change (following.py), open pages reloading themselves, content errors as a readable page.

Nothing here is part of the built site: the preview's own addresses live under `/_preview/`
in a blueprint that only a preview app registers, and the live-reload script is added to the
HTML responses of a preview app only (the build's app is made with PREVIEW off).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from flask import Blueprint, Flask, Response, current_app, g, request
from markupsafe import Markup

from newsroom.content.catalogs import load_catalogs
from newsroom.content.dates import AMSTERDAM
from newsroom.content.editor_texts import editor_language
from newsroom.core.errors import Problem
from newsroom.core.models import LANGUAGES, Post
from newsroom.web.following import Follower, MakeState
from newsroom.web.i18n import template_functions

PREFIX = "/_preview"
SCRIPT_NAME = "live-reload.js"
KEEP_ALIVE_SECONDS = 15
"""An events stream says something this often, so a closed page's stream ends."""

preview = Blueprint("preview", __name__, url_prefix=PREFIX)


def preview_config() -> dict[str, Any]:
    """The configuration of `flask --app newsroom run`: everything shown, content from
    NEWSROOM_CONTENT when set (as for the editors' commands)."""
    # Templates are read again when changed (the follower drops the compiled ones), so no
    # request needs to look at the template files.
    config: dict[str, Any] = {
        "PREVIEW": True,
        "DRAFTS": True,
        "FUTURE": True,
        "TEMPLATES_AUTO_RELOAD": False,
        "JOBS": None,  # the first load renders across the cores when the cache is cold
    }
    content = os.environ.get("NEWSROOM_CONTENT")
    if content:
        config["CONTENT_DIR"] = str(Path(content).absolute())
    return config


def check_findings(post: Post) -> list[Problem]:
    """What `make check` says about the file of `post` (shown above it in the preview):
    the translation's drift among it, as in the translation report."""
    return _follower().findings(str(post.source))


def install(app: Flask, make_state: MakeState, *, follow: bool = True) -> Follower:
    """Make `app` a preview: load its State now (an error is shown, not raised), then follow
    the files from a watcher thread (`follow`; `stop()` the follower to end it)."""
    follower = Follower(app, make_state)
    app.extensions["newsroom.preview"] = follower
    follower.load()
    app.register_blueprint(preview)
    app.jinja_env.globals["is_scheduled"] = is_scheduled
    app.jinja_env.globals["check_findings"] = check_findings
    app.before_request(_before_request)
    app.after_request(_add_live_reload)
    if follow:
        follower.start()
    return follower


def is_scheduled(post: Post) -> bool:
    """Whether a build made now leaves `post` out for its date (the preview shows it)."""
    return post.date > dt.datetime.now(AMSTERDAM)


def _follower() -> Follower:
    return current_app.extensions["newsroom.preview"]


def _before_request() -> tuple[str, int] | None:
    follower = _follower()
    # Taken before the page is made: a change while it is made still reloads it.
    g.preview_version = follower.version
    if request.blueprint == "preview" or request.endpoint == "static":
        return None  # the script, its events, the report and the style work on broken content
    if follower.error is not None:
        return error_page(follower.error.problems)
    return None


def error_page(problems: Iterable[Problem]) -> tuple[str, int]:
    """The content's problems, grouped by file, in place of the page.

    Status 500: the page cannot be made from the content as it is, and a tool or test that
    fetches it must not take it for the real page; a browser shows it all the same, and its
    live-reload script brings the page back once the file is fixed.
    """
    by_file: dict[str, list[Problem]] = {}
    for problem in sorted(problems, key=lambda p: (p.path, p.line or 0, p.message)):
        by_file.setdefault(_shown(problem.path), []).append(problem)
    return _render("preview/error.html", by_file=by_file), 500


def _shown(path: str) -> str:
    """A content file's path from the repository root when it lies inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return path


def _render(template: str, **context: Any) -> str:
    """A preview page in the editors' language (NEWSROOM_LANG; `?lang=` chooses another),
    without the site's State (it may be missing: the content may never have loaded)."""
    lang = request.args.get("lang") or editor_language()
    lang = lang if lang in LANGUAGES else LANGUAGES[0]
    state = current_app.extensions.get("newsroom")
    catalogs = state.catalogs if state is not None else None
    if catalogs is None:
        catalogs = load_catalogs(Path(current_app.config["TRANSLATIONS_DIR"]))
    # Not render_template: the site's context processors need the State this page may lack.
    return current_app.jinja_env.get_template(template).render(
        lang=lang, **template_functions(catalogs[lang]), **context
    )


@preview.route("/version")
def version_view() -> Response:
    """The version of the files the preview shows (it changes with every change it hears)."""
    response = Response(_follower().version, mimetype="text/plain")
    response.headers["Cache-Control"] = "no-store"
    return response


@preview.route("/events")
def events_view() -> Response:
    """Server-sent events: the version now, then each new one as it comes (the live-reload
    script reloads its page when the version differs from the page's)."""
    follower = _follower()

    def stream() -> Iterator[str]:
        seen = follower.version
        yield f"retry: 1000\ndata: {seen}\n\n"
        while (current := follower.wait(seen, KEEP_ALIVE_SECONDS)) is not None:
            if current == seen:
                yield ": still here\n\n"  # a closed page's stream fails here, and ends
                continue
            seen = current
            yield f"data: {seen}\n\n"

    response = Response(stream(), mimetype="text/event-stream")
    response.headers["Cache-Control"] = "no-store"
    return response


@preview.route(f"/{SCRIPT_NAME}")
def script_view() -> Response:
    """The live-reload script, served as a file: the pages' CSP allows scripts from 'self'
    only, never inline."""
    response = Response(LIVE_RELOAD_SCRIPT, mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-store"
    return response


@preview.route("/translations/")
def translations() -> str:
    """The translation report (and the check's other findings), from the check itself."""
    result = _follower().check_result()
    return _render("preview/translations.html", result=result, languages=LANGUAGES)


LIVE_RELOAD_SCRIPT = """\
// Newsroom preview: reload this page when a content, template or style file changes. The
// preview pushes its version through server-sent events; the browser reconnects by itself.
(function () {
  "use strict";
  var script = document.currentScript;
  var seen = script.getAttribute("data-version");
  var events = new EventSource(script.getAttribute("data-url"));
  events.onmessage = function (event) {
    if (event.data !== seen) {
      events.close();
      window.location.reload();
    }
  };
})();
"""


def _add_live_reload(response: Response) -> Response:
    """Add the live-reload script to every HTML page of the preview (never of the build)."""
    if response.mimetype != "text/html" or response.direct_passthrough:
        return response
    html = response.get_data(as_text=True)
    position = html.rfind("</body>")
    if position == -1:
        return response
    tag = Markup('<script src="{src}" data-url="{url}" data-version="{version}" defer></script>\n')
    tag = tag.format(
        src=f"{request.script_root}{PREFIX}/{SCRIPT_NAME}",
        url=f"{request.script_root}{PREFIX}/events",
        version=g.get("preview_version") or _follower().version,
    )
    response.set_data(html[:position] + str(tag) + html[position:])
    return response
