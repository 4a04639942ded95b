"""The default image of shared links, per language (`/<lang>/share.png`; see web/sharing.py)."""

from __future__ import annotations

from pathlib import Path

from flask import abort, current_app

from newsroom.web.share_card import card_png, colours_from_css
from newsroom.web.views import site_index


def share_card(lang: str) -> tuple[bytes, int, dict[str, str]]:
    settings = site_index().settings
    if settings.share_image is not None:
        abort(404)  # the site's own image takes its place
    css = Path(current_app.static_folder or "", "style.css").read_text(encoding="utf-8")
    png = card_png(settings.title[lang], settings.organisation.get(lang, ""), colours_from_css(css))
    return png, 200, {"Content-Type": "image/png"}
