"""The search page: a form, and results found in the browser in the build's search index.

The index is made by the build (`build.search`, with Pagefind) into `/pagefind/`; the page's
own script (`static/search.js`) loads it with Pagefind's JS API. Nothing leaves the site.
"""

from __future__ import annotations

from flask import current_app, request

from newsroom.web.links import relative_path
from newsroom.web.views import render

SEARCH_FOLDER = "pagefind"
"""Where the build puts the search index, from the site's root (see `build.search`)."""


def search(lang: str) -> tuple[str, int]:
    here = request.path
    root = request.script_root + "/"
    return render(
        "search.html",
        lang,
        bundle=relative_path(f"{root}{SEARCH_FOLDER}/pagefind.js", here, False),
        site_root=relative_path(root, here, False),
        index_links=current_app.config["INDEX_LINKS"],
    )
