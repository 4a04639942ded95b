"""Links between pages."""

from __future__ import annotations


def test_relative_links_match_posixpath() -> None:
    import itertools
    import posixpath

    from newsroom.web.links import _relpath

    paths = ["/", "/nl/", "/nl/nieuws/", "/nl/nieuws/x/", "/nl/nieuws/x/index.html"]
    paths += ["/en/news/y/", "/static/style.css", "/nl/nieuws/pagina/2/", "/sub/nl/", "/a/./b/"]
    paths += ["/nl/../en/", "/nl/nieuws/x", "/en/topics/één/feed.xml"]
    for path, start in itertools.product(paths, repeat=2):
        assert _relpath(path, start) == posixpath.relpath(path, start), (path, start)
