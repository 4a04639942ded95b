"""The freezer asks the app for each page without Flask's test client (its wrapping costs a page a
millisecond or so): the same status, type and bytes as the test client gets, every page."""

from __future__ import annotations

from pathlib import Path

from newsroom.build.freezer import SiteFreezer
from newsroom.build.output import OutputFolder
from newsroom.build.site import empty_page_kinds, site_app, url_generators


def test_every_answer_equals_the_test_clients(content_dir: Path, tmp_path: Path) -> None:
    output = tmp_path / "site" / "build"
    with OutputFolder.claim(output, content_dir, use_cache=False) as folder:
        app = site_app(content_dir, folder, None, drafts=False, future=False, jobs=1)
        freezer = SiteFreezer(
            app, folder, lambda: url_generators(app), empty_endpoints=empty_page_kinds(app)
        )
        urls = [url for url, _ in freezer.planned()]
        # And what is not a page: no such page, and a redirect (the test client follows it).
        urls += ["/nl/nieuws/bestaat-niet/", "/nl"]
        base_url = app.config["FREEZER_BASE_URL"]
        with app.test_request_context(base_url=freezer._script_name() or None):
            client = app.test_client()
            for url in urls:
                answer = freezer._answer(client, url)
                response = client.get(url, follow_redirects=True, base_url=base_url)
                expected = (response.status, response.mimetype, response.content_type)
                assert (answer.status, answer.mimetype, answer.content_type) == expected, url
                assert answer.data == response.data, url
                response.close()
    assert len(urls) > 50
