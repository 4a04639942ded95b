"""Images in Chromium, on a phone (360 px) and a desktop (1280 px): each loads, the browser
picks a copy that fits the column (not the largest), nothing makes the page scroll sideways,
and axe finds no violation on the page."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from browsing import REPO, Site, serve

from images import add_images, photo
from newsroom.build.site import build

PAGE = "nl/nieuws/fotos/index.html"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# The copy a screen of 1 device pixel per CSS pixel picks: the column is 328 px wide on a
# phone (the screen less the margins), 672 px (42rem) on a desktop.
PICKED = {360: "480.webp", 1280: "800.webp"}


@pytest.fixture(scope="module")
def images_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The repository's content with a post showing a 4000 × 3000 photo, a screenshot and
    a decorative line."""
    base = tmp_path_factory.mktemp("images-site")
    shutil.copytree(REPO / "content", base / "content")
    add_images(base / "content", photo_bytes=photo(4000, 3000, noise=True, orientation=1))
    build(base / "content", base / "build", search=False)
    with serve(base / "build") as served:
        yield served


@pytest.mark.parametrize("width", sorted(PICKED), ids=[f"{w}px" for w in sorted(PICKED)])
def test_images_load_fit_and_pass_axe(browser, images_site, axe_script, width) -> None:
    context = browser.new_context(
        bypass_csp=True, viewport={"width": width, "height": 800}, device_scale_factor=1
    )
    try:
        page = context.new_page()
        fetched: dict[str, int] = {}
        page.on(
            "response",
            lambda r: fetched.__setitem__(r.url, len(r.body())) if "/afbeeldingen/" in r.url else 0,
        )
        page.goto(images_site.url(PAGE))
        images = page.locator("main img")
        assert images.count() == 3
        for number in range(3):  # lazy images load when they come near the screen
            images.nth(number).scroll_into_view_if_needed()
        page.wait_for_function(
            "() => [...document.querySelectorAll('main img')].every("
            "i => i.complete && i.naturalWidth > 0)"
        )
        found = page.evaluate(
            """() => ({
                overflow: document.documentElement.scrollWidth
                    - document.documentElement.clientWidth,
                column: document.querySelector('main .prose, main article').clientWidth,
                images: [...document.querySelectorAll('main img')].map(i => ({
                    src: i.currentSrc, shown: i.getBoundingClientRect().width,
                    right: i.getBoundingClientRect().right,
                })),
            })"""
        )
        page.add_script_tag(path=str(axe_script))
        results = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
        )
    finally:
        context.close()
    assert found["overflow"] <= 0, found
    photo_shown = found["images"][0]
    shown = photo_shown["src"].partition("?v=")[0]  # every link to a copy has its version
    assert shown.endswith(f"/afbeeldingen/foto.jpg/{PICKED[width]}"), found
    for image in found["images"]:
        assert image["right"] <= width and image["shown"] <= found["column"] + 1, found
    # The browser fetched the copy it shows, not every size nor the original.
    assert [url for url in fetched if "foto.jpg" in url] == [photo_shown["src"]], fetched
    assert not [
        u for u in fetched if u.partition("?")[0].endswith((".jpg", ".png")) and "foto" in u
    ]
    assert len(results["passes"]) >= 10
    problems = [f"{v['id']}: {v['help']}" for v in results["violations"]]
    assert problems == [], problems
