"""The preview (`make serve`) shows images: it makes their copies when they are asked for,
with no build and no cache folder."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from images import add_images
from newsroom.web.app import create_app


@pytest.fixture
def preview(content_dir: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("NEWSROOM_CONTENT", str(content_dir))
    add_images(content_dir)
    app = create_app()
    app.config["TESTING"] = True
    return app.test_client()


def test_the_preview_serves_every_copy_a_page_offers(preview) -> None:
    page = preview.get("/nl/nieuws/fotos/").get_data(as_text=True)
    urls = re.findall(r"(afbeeldingen/[^\s\"]+\.(?:webp|jpg|png))\?v=[0-9a-f]{10} \d+w", page)
    assert len(urls) == 16, urls  # (3 + 3 + 2 widths) × 2 formats
    for url in urls:
        absolute = "/" + url
        response = preview.get(absolute)
        assert response.status_code == 200, absolute
        fmt = {"webp": "WEBP", "jpg": "JPEG", "png": "PNG"}[absolute.rsplit(".", 1)[1]]
        assert response.mimetype == f"image/{fmt.lower()}"
        with Image.open(io.BytesIO(response.data)) as image:
            assert image.format == fmt
            assert str(image.width) == absolute.rsplit("/", 1)[1].split(".")[0]


def test_an_unknown_copy_is_not_found(preview) -> None:
    assert preview.get("/afbeeldingen/foto.jpg/640.jpg").status_code == 404
    assert preview.get("/afbeeldingen/weg.jpg/480.jpg").status_code == 404
    assert preview.get("/afbeeldingen/foto.jpg/480.gif").status_code == 404
