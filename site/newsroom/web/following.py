"""The preview follows the files: a watcher thread (watchfiles) hears every change to the
content, the templates, the static files and the interface texts, and reloads only what
changed, while requests go on being answered from the last state that loaded.

- a content file: the content is read again through the loaded-content service
  (`loading/service.py`): only the post files that changed are loaded again (from the build
  cache when any command made that result before, else rendered); the site's index, menus and
  lists are made again from the posts in memory;
- a catalog: the interface texts are read again;
- a template: Jinja's compiled templates are dropped, to be read again when used;
- a static file: nothing to load (they are served from disk).

Each change gives a new `version`; open pages hear it through the events stream (server-sent
events) and reload themselves. A request never looks at the files: it is answered from memory.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from flask import Flask

from newsroom.checks.run import CheckResult, run_check
from newsroom.content.catalogs import forget_catalogs, load_catalogs
from newsroom.core.errors import ContentError, Problem
from newsroom.loading.cache import cache_dir_beside
from newsroom.loading.content import ReadResult
from newsroom.loading.service import ContentService
from newsroom.loading.workers import LoadOptions

MakeState = Callable[[Flask, ReadResult, Any], Any]
"""Makes the app's State from the content as read and the catalogs (web/app.py, state_of);
raises ContentError when the content cannot make a site."""

log = logging.getLogger(__name__)


class Follower:
    """Keeps a preview app's State in step with the files, from a thread of its own."""

    def __init__(self, app: Flask, make_state: MakeState) -> None:
        config = app.config
        self.app = app
        self.make_state = make_state
        self.base_url = config["BASE_URL"]  # given explicitly, or None: from site.yaml
        self.content_dir = Path(config["CONTENT_DIR"])
        self.translations_dir = Path(config["TRANSLATIONS_DIR"])
        cache = config["CACHE_DIR"]
        self.service = ContentService(
            self.content_dir,
            LoadOptions(
                cache=Path(cache) if cache else cache_dir_beside(self.content_dir),
                jobs=config["JOBS"],
            ),
        )
        self.error: ContentError | None = None
        self.loaded: ReadResult | None = None
        self.catalogs: Any = None
        self._run = uuid.uuid4().hex[:8]  # a restarted preview is a change too
        self._generation = 0
        self.version = self._version()
        self._checked: tuple[ReadResult | None, CheckResult | None] = (None, None)
        self._changed = threading.Condition()
        self._reloading = threading.Lock()
        self._checking = threading.Lock()
        # Files whose findings a page showed from a check older than the content it showed:
        # only a change in theirs reloads the open pages once the new check is in (a save
        # already reloaded them once).
        self._stale_shown: set[str] = set()
        self._findings_lock = threading.Lock()
        self._stopping = threading.Event()
        self._check_wanted = threading.Event()
        self._thread: threading.Thread | None = None
        self._checker: threading.Thread | None = None

    def roots(self) -> dict[str, Path]:
        """What the preview watches, by what a change there asks for."""
        app = self.app
        return {
            "content": self.content_dir,
            "catalogs": self.translations_dir,
            "templates": Path(app.root_path, app.template_folder or "templates"),
            "static": Path(app.root_path, app.static_folder or "static"),
        }

    # Loading

    def load(self, kinds: Iterable[str] = ("content", "catalogs"), paths: Iterable[Path] = ()):
        """Load what `kinds` of change ask for; the new state replaces the old in one step."""
        kinds = set(kinds)
        with self._reloading:
            if "catalogs" in kinds or self.catalogs is None:
                forget_catalogs()  # parsed again, even when saved within the clock's resolution
                try:
                    self.catalogs = load_catalogs(self.translations_dir)
                except (OSError, ValueError) as exc:  # a catalog being saved: the old ones stay
                    log.warning("The interface texts could not be read: %s", exc)
            if "templates" in kinds:
                cache = self.app.jinja_env.cache
                if cache is not None:
                    cache.clear()
            if "content" in kinds or self.loaded is None:
                self.service.forget(paths)
                self.loaded = self.service.read()
            if kinds & {"content", "catalogs"}:
                self._make_state(self.loaded)
            self._bump()
        if kinds & {"content", "catalogs"}:
            self._check_wanted.set()  # the checker thread checks the new content

    def _make_state(self, loaded: ReadResult) -> None:
        try:
            state = self.make_state(self.app, loaded, self.catalogs)
        except ContentError as exc:
            self.error = exc
            return
        if self.base_url is None:  # site.yaml's, which may have changed too
            self.app.config["BASE_URL"] = state.index.settings.base_url
        self.app.extensions["newsroom"] = state
        self.error = None

    def _version(self) -> str:
        return f"{self._run}-{self._generation}"

    def _bump(self) -> None:
        with self._changed:
            self._generation += 1
            self.version = self._version()
            self._changed.notify_all()

    # The check's findings (shown above a post, and in the translation report)

    def check_result(self) -> CheckResult:
        """The check of the content as last loaded (made now when the checker thread has not
        made it yet)."""
        self.refresh_findings()
        result = self._checked[1]
        assert result is not None
        return result

    def refresh_findings(self) -> None:
        """Check the content as last loaded; when the findings differ from the last check's,
        open pages reload (a page made meanwhile showed the earlier findings)."""
        with self._checking:
            loaded = self.loaded
            if loaded is None or self._checked[0] is loaded:
                return
            before = self._checked[1]
            result = run_check(self.content_dir, loaded=loaded)
            with self._findings_lock:
                self._checked = (loaded, result)
                shown = set(self._stale_shown)
                if loaded is self.loaded:  # else the next check compares them again
                    self._stale_shown.clear()
            if any(_of(before, path) != _of(result, path) for path in shown):
                self._bump()  # a page shows findings that changed

    def findings(self, path: str) -> list[Problem]:
        """The last check's findings about the file `path`, without waiting for a check under
        way (when that check changes them, the open pages reload)."""
        with self._findings_lock:
            checked, result = self._checked
            if checked is not self.loaded:
                self._stale_shown.add(path)
                self._check_wanted.set()
        return _of(result, path)

    def _check(self) -> None:
        while True:
            self._check_wanted.wait()
            if self.stopping:
                return
            self._check_wanted.clear()
            try:
                self.refresh_findings()
            except Exception:  # a bug must not stop the preview
                log.exception("The preview could not check the content")

    # Watching

    def start(self) -> None:
        """Watch the files from a thread of its own (a daemon: it never keeps Python running)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._watch, name="preview-watcher", daemon=True)
            self._thread.start()
            self._checker = threading.Thread(target=self._check, name="preview-check", daemon=True)
            self._checker.start()

    def stop(self) -> None:
        """Stop watching, and let every open events stream end."""
        self._stopping.set()
        self._check_wanted.set()
        with self._changed:
            self._changed.notify_all()
        for thread in (self._thread, self._checker):
            if thread is not None and thread is not threading.current_thread():
                thread.join(timeout=30)

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    def wait(self, seen: str, timeout: float) -> str | None:
        """The version once it differs from `seen` (or after `timeout`); None when stopping."""
        with self._changed:
            self._changed.wait_for(lambda: self.version != seen or self.stopping, timeout)
        return None if self.stopping else self.version

    def _watch(self) -> None:
        from watchfiles import watch

        roots = {kind: root for kind, root in self.roots().items() if root.is_dir()}
        try:
            for changes in watch(
                *roots.values(),
                stop_event=self._stopping,
                debounce=400,
                step=30,
                rust_timeout=500,
                raise_interrupt=False,
            ):
                paths = {Path(path) for _, path in changes}
                try:
                    self.load(kinds_of(paths, roots), paths)
                except Exception:  # a bug must not stop the preview from following the files
                    log.exception("The preview could not reload")
        except Exception:  # the watcher itself failed (a folder removed…): say so, stop
            if not self.stopping:
                log.exception("The preview stopped following the files")


def _of(result: CheckResult | None, path: str) -> list[Problem]:
    """The findings of `result` about the file `path`."""
    return [p for p in result.problems if p.path == path] if result is not None else []


def kinds_of(paths: Iterable[Path], roots: dict[str, Path]) -> set[str]:
    """Which kinds of change these paths are (a path outside every root counts as all)."""
    kinds: set[str] = set()
    for path in paths:
        found = [kind for kind, root in roots.items() if path.is_relative_to(root)]
        kinds.update(found or roots)
    return kinds
