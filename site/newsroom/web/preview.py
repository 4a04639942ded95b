"""The editors' preview (`make serve`): drafts and future posts shown, content re-read when it
changes, open pages reloading themselves, content errors as a readable page.

Nothing here is part of the built site: the preview's own addresses live under `/_preview/`
in a blueprint that only a preview app registers, and the live-reload script is added to the
HTML responses of a preview app only (the build's app is made with PREVIEW off).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from flask import Blueprint, Flask, Response, current_app, g, request
from markupsafe import Markup

from newsroom.checks.run import run_check
from newsroom.content.catalogs import load_catalogs
from newsroom.content.dates import AMSTERDAM
from newsroom.content.editor_texts import editor_language
from newsroom.core.errors import ContentError, Problem
from newsroom.core.models import LANGUAGES, Post
from newsroom.web.i18n import template_functions

PREFIX = "/_preview"
SCRIPT_NAME = "live-reload.js"
POLL_MILLISECONDS = 1000

preview = Blueprint("preview", __name__, url_prefix=PREFIX)


def preview_config() -> dict[str, Any]:
    """The configuration of `flask --app newsroom run`: everything shown, content from
    NEWSROOM_CONTENT when set (as for the editors' commands)."""
    # Templates too are read again when changed, with or without --debug.
    config: dict[str, Any] = {
        "PREVIEW": True,
        "DRAFTS": True,
        "FUTURE": True,
        "TEMPLATES_AUTO_RELOAD": True,
    }
    content = os.environ.get("NEWSROOM_CONTENT")
    if content:
        config["CONTENT_DIR"] = str(Path(content).absolute())
    return config


def fingerprint(folders: Iterable[Path]) -> str:
    """A short digest of every file's name, size and modification time under `folders`.

    Cheap enough for every request (no file is read), and it changes when a file is edited,
    added, removed or renamed.
    """
    digest = hashlib.sha256()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            try:
                stat = path.stat()
            except OSError:  # removed while we looked: the next request sees the change
                continue
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


class Watcher:
    """Keeps the app's State in step with the files it was loaded from."""

    def __init__(self, app: Flask, load_state: Callable[[Flask], Any]) -> None:
        self.app = app
        self.load_state = load_state
        self.base_url = app.config["BASE_URL"]  # given explicitly, or None: from site.yaml
        self.lock = threading.Lock()
        self.seen: str | None = None
        self.error: ContentError | None = None
        self.findings_of: tuple[str | None, dict[str, list[Problem]]] = (None, {})

    def data_folders(self) -> tuple[Path, ...]:
        """What the State is made from: the content (site.yaml and rollout.yaml included) and
        the interface texts."""
        config = self.app.config
        return (Path(config["CONTENT_DIR"]), Path(config["TRANSLATIONS_DIR"]))

    def page_folders(self) -> tuple[Path, ...]:
        """What a page is made from: the data, the templates and the static files."""
        app = self.app
        others = (app.template_folder, app.static_folder)
        return (*self.data_folders(), *(Path(app.root_path, f) for f in others if f))

    def refresh(self) -> None:
        """Reload the State if a file changed since the last load; keep the error if any."""
        with self.lock:  # the development server answers requests in threads
            current = fingerprint(self.data_folders())
            if current == self.seen:
                return
            try:
                state = self.load_state(self.app)
            except ContentError as exc:
                self.error = exc
            else:
                if self.base_url is None:  # site.yaml's, which may have changed too
                    self.app.config["BASE_URL"] = state.index.settings.base_url
                self.app.extensions["newsroom"] = state
                self.error = None
            self.seen = current

    def findings(self) -> dict[str, list[Problem]]:
        """The check's findings per file, for the content as last loaded (run once per change)."""
        with self.lock:
            seen, found = self.findings_of
            if seen != self.seen or seen is None:
                found = {}
                for problem in run_check(Path(self.app.config["CONTENT_DIR"])).problems:
                    found.setdefault(problem.path, []).append(problem)
                self.findings_of = (self.seen, found)
            return found


def check_findings(post: Post) -> list[Problem]:
    """What `make check` says about the file of `post` (shown above it in the preview):
    the translation's drift among it, as in the translation report."""
    return _watcher().findings().get(str(post.source), [])


def install(app: Flask, load_state: Callable[[Flask], Any]) -> None:
    """Make `app` a preview: load its State now (an error is shown, not raised) and on change."""
    watcher = Watcher(app, load_state)
    app.extensions["newsroom.preview"] = watcher
    watcher.refresh()
    app.register_blueprint(preview)
    app.jinja_env.globals["is_scheduled"] = is_scheduled
    app.jinja_env.globals["check_findings"] = check_findings
    app.before_request(_before_request)
    app.after_request(_add_live_reload)


def is_scheduled(post: Post) -> bool:
    """Whether a build made now leaves `post` out for its date (the preview shows it)."""
    return post.date > dt.datetime.now(AMSTERDAM)


def _watcher() -> Watcher:
    return current_app.extensions["newsroom.preview"]


def _before_request() -> tuple[str, int] | None:
    watcher = _watcher()
    # Taken before the page is made: a change while it is made still reloads it.
    g.preview_fingerprint = fingerprint(watcher.page_folders())
    if request.blueprint == "preview" or request.endpoint == "static":
        return None  # the script, its poll, the report and the style work on broken content
    watcher.refresh()
    if watcher.error is not None:
        return error_page(watcher.error.problems)
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


@preview.route("/fingerprint")
def fingerprint_view() -> Response:
    """What the live-reload script polls: it reloads the page when this changes."""
    response = Response(fingerprint(_watcher().page_folders()), mimetype="text/plain")
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
    result = run_check(Path(current_app.config["CONTENT_DIR"]))
    return _render("preview/translations.html", result=result, languages=LANGUAGES)


LIVE_RELOAD_SCRIPT = f"""\
// Newsroom preview: reload this page when a content, template or style file changes.
(function () {{
  "use strict";
  var script = document.currentScript;
  var seen = script.getAttribute("data-fingerprint");
  var url = script.getAttribute("data-url");
  function poll() {{
    fetch(url, {{cache: "no-store"}})
      .then(function (response) {{ return response.ok ? response.text() : seen; }})
      .then(function (current) {{
        if (current !== seen) {{ window.location.reload(); }}
        else {{ window.setTimeout(poll, {POLL_MILLISECONDS}); }}
      }})
      .catch(function () {{ window.setTimeout(poll, {POLL_MILLISECONDS * 3}); }});
  }}
  window.setTimeout(poll, {POLL_MILLISECONDS});
}})();
"""


def _add_live_reload(response: Response) -> Response:
    """Add the live-reload script to every HTML page of the preview (never of the build)."""
    if response.mimetype != "text/html" or response.direct_passthrough:
        return response
    html = response.get_data(as_text=True)
    position = html.rfind("</body>")
    if position == -1:
        return response
    tag = Markup(
        '<script src="{src}" data-url="{url}" data-fingerprint="{fp}" defer></script>\n'
    ).format(
        src=f"{request.script_root}{PREFIX}/{SCRIPT_NAME}",
        url=f"{request.script_root}{PREFIX}/fingerprint",
        fp=g.get("preview_fingerprint") or fingerprint(_watcher().page_folders()),
    )
    response.set_data(html[:position] + str(tag) + html[position:])
    return response
