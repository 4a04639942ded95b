"""Newsroom: a bilingual (Dutch/English) static news site generator.

The package is layered; each layer imports only those below it (`make test` checks this with
import-linter):

- `commands`: `freeze.py`'s build command and the editors' commands (new-post, check);
- `build`: the freezer, the pages' input keys, the output folder;
- `web`: the Flask app, the page-kind table, views, feeds, calendars, the preview;
- `checks`: what `make check` finds beyond the build's own checks;
- `loading`: the content read, rendered and cached, across the cores;
- `markup`: Markdown to safe HTML;
- `content`: reading and checking the editors' files;
- `core`: the models and the one error type.

See docs/how-it-works.md.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    # `flask --app newsroom` looks up `create_app` here; importing it lazily keeps `import
    # newsroom.core…` (a worker, a content test) from loading Flask and the whole web layer.
    if name == "create_app":
        from newsroom.web.app import create_app

        return create_app
    raise AttributeError(name)
