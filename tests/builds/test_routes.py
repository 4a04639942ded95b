"""The pages' URLs remembered between builds of one process (build/routes.py): the same URLs,
in the same order, as Frozen-Flask's own generation; made again when the URL rules change."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from newsroom.build import routes
from newsroom.build.freezer import SiteFreezer
from newsroom.build.output import OutputFolder
from newsroom.build.site import empty_page_kinds, site_app, url_generators


def freezers(content: Path, output: OutputFolder) -> Callable[[], SiteFreezer]:
    def made() -> SiteFreezer:
        app = site_app(content, output, None, drafts=False, future=False, jobs=1)
        urls = lambda: url_generators(app)  # noqa: E731
        return SiteFreezer(app, output, urls, empty_endpoints=empty_page_kinds(app))

    return made


def frozen_flasks(freezer: SiteFreezer) -> list[tuple[str, str | None]]:
    return [(url, endpoint) for url, endpoint, _ in freezer._generate_all_urls()]


def test_remembered_urls_are_frozen_flasks_own(
    content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with OutputFolder.claim(tmp_path / "build", content_dir, use_cache=False) as output:
        made = freezers(content_dir, output)
        first = made()
        expected = frozen_flasks(first)
        plan = first.planned()
        assert [url for url, _ in plan] == list(dict.fromkeys(url for url, _ in expected))
        assert routes.ROUTES.fingerprint is not None

        # Another app with the same rules (the next build): nothing is built again.
        def refused(*args: object, **kwargs: object) -> str:
            raise AssertionError("url_for asked again")

        monkeypatch.setattr(routes, "url_for", refused)
        again = made()
        assert again.planned() == plan
        assert list(routes.ROUTES.generated(again)) == expected
        monkeypatch.undo()

        # Other rules (a first published file: the files' rules): made afresh, as Frozen-Flask
        # does.
        (content_dir / "bestanden").mkdir()
        (content_dir / "bestanden" / "notitie.txt").write_text("Een notitie.\n", encoding="utf-8")
        other = made()
        assert other.planned() != plan
        assert list(routes.ROUTES.generated(other)) == frozen_flasks(other)
