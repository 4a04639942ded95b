"""The search page: a form, and results found in the browser in the build's search index.

The index is made by the build (`build.search`, with Pagefind) into `/pagefind/`, per language
and in shards; the page's own script (`static/search.js`) loads its language's with Pagefind's
JS API, merging the shards. Nothing leaves the site.
"""

from __future__ import annotations

from flask import current_app, request

from newsroom.web.links import relative_path
from newsroom.web.views import render

SEARCH_FOLDER = "pagefind"
"""Where the build puts the search index, from the site's root (see `build.search`)."""


def bundle_folder(lang: str) -> str:
    """The folder of the index of `lang` the search page loads (Pagefind's script there)."""
    return f"{SEARCH_FOLDER}/{lang}"


def shard_list(lang: str) -> str:
    """The file listing the other shards of the index of `lang`, merged into that one."""
    return f"{SEARCH_FOLDER}/{lang}.json"


def search(lang: str) -> tuple[str, int]:
    here = request.path
    root = request.script_root + "/"
    return render(
        "search.html",
        lang,
        bundle=relative_path(f"{root}{bundle_folder(lang)}/pagefind.js", here, False),
        shards=relative_path(f"{root}{shard_list(lang)}", here, False),
        site_root=relative_path(root, here, False),
        index_links=current_app.config["INDEX_LINKS"],
    )
