"""The site's own image for shared links: `share_image` and `share_image_alt` in site.yaml.

The image shows on the card of a link shared in e-mail, chat and social media when the page
has no image of its own. The file lives in `content/bestanden/` (published at `/bestanden/…`)
and is checked here: it exists, it is a PNG or JPEG that decodes, it is of a size the sharing
services show as a large card, and it says what it shows in both languages.
"""

from __future__ import annotations

import warnings
from pathlib import Path, PurePosixPath

from PIL import Image, UnidentifiedImageError

from newsroom.content.editor_texts import _
from newsroom.content.fields import Fields
from newsroom.content.files import FILES_FOLDER
from newsroom.core.errors import Problem
from newsroom.core.models import LANGUAGES, ShareImage

FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}
"""Formats every sharing service shows (Facebook, LinkedIn, X, Teams, Slack, WhatsApp)."""
MIN_SIZE = (600, 315)
"""Smaller images are shown as a thumbnail beside the text, not as a card (Facebook, LinkedIn)."""
MAX_SIDE = 4096
"""X (Twitter) refuses larger images; checked before the image is decoded."""
MAX_BYTES = 5 * 1024 * 1024
"""X (Twitter) refuses larger files; a card of 1200 × 630 px needs far less."""
EXAMPLE = "share_image: deelafbeelding.png"


def check_share_image(content_dir: Path, fields: Fields) -> ShareImage | None:
    """The checked `share_image` of site.yaml, or None (not set, or problems added)."""
    name = fields.text("share_image")
    alt = fields.per_language("share_image_alt", LANGUAGES)
    if name is not None and "share_image_alt" not in fields.data:
        # Reported at share_image's line: the missing field belongs beside it.
        fields.problems.append(
            Problem(
                fields.path,
                _(
                    "is required with share_image: what the image shows, in each language "
                    "(expected %(example)s)",
                    example="{nl: …, en: …}",
                ),
                field="share_image_alt",
                line=fields.lines.get("share_image"),
            )
        )
    if name is None:
        if alt:
            fields.problem(
                "share_image_alt",
                _("is only used with share_image (expected also %(example)s)", example=EXAMPLE),
            )
        return None
    path = _file_path(content_dir, name, fields)
    if path is None:
        return None
    found = _image_size(path, name, fields)
    if found is None or len(alt) < len(LANGUAGES):
        return None
    mimetype, (width, height) = found
    return ShareImage(
        file=PurePosixPath(name).as_posix(), width=width, height=height, mimetype=mimetype, alt=alt
    )


def _file_path(content_dir: Path, name: str, fields: Fields) -> Path | None:
    """The file `name` inside content/bestanden/, or None with a problem."""
    parts = PurePosixPath(name).parts
    folder = content_dir / FILES_FOLDER
    path = folder.joinpath(*parts) if parts else folder
    inside = bool(parts) and not PurePosixPath(name).is_absolute() and ".." not in parts
    hidden = any(part.startswith(".") for part in parts)
    if not inside or hidden or path.is_symlink() or not path.is_file():
        fields.problem(
            "share_image",
            _(
                '"%(name)s" is not a file in content/%(folder)s/ (expected the name of an image '
                "there, e.g. %(example)s)",
                name=name,
                folder=FILES_FOLDER,
                example=EXAMPLE,
            ),
        )
        return None
    size = path.stat().st_size
    if size > MAX_BYTES:
        fields.problem(
            "share_image",
            _(
                '"%(name)s" is %(size)s MB (expected at most %(most)s MB; a card of 1200 × 630 '
                "pixels needs far less)",
                name=name,
                size=f"{size / 1024 / 1024:.1f}",
                most=MAX_BYTES // 1024 // 1024,
            ),
        )
        return None
    return path


def _image_size(path: Path, name: str, fields: Fields) -> tuple[str, tuple[int, int]] | None:
    """(mimetype, (width, height)) of the PNG or JPEG at `path`, or None with a problem."""
    try:
        with warnings.catch_warnings():
            # A decompression bomb is refused, never decoded (its warning is an error here).
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                mimetype = FORMATS.get(image.format or "")
                size = image.size
                if mimetype is not None and max(size) <= MAX_SIDE:
                    image.load()  # decodes it: a damaged file is found now, not by a reader
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        fields.problem(
            "share_image",
            _(
                '"%(name)s" has too many pixels to read (expected at most %(most)s pixels on '
                "each side, e.g. 1200 × 630)",
                name=name,
                most=MAX_SIDE,
            ),
        )
        return None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        fields.problem(
            "share_image",
            _(
                '"%(name)s" is not an image that can be read (expected a PNG or JPEG file)',
                name=name,
            ),
        )
        return None
    width, height = size
    if max(width, height) > MAX_SIDE:
        fields.problem(
            "share_image",
            _(
                '"%(name)s" is %(width)s × %(height)s pixels (expected at most %(most)s pixels '
                "on each side, e.g. 1200 × 630)",
                name=name,
                width=width,
                height=height,
                most=MAX_SIDE,
            ),
        )
        return None
    if mimetype is None:
        fields.problem(
            "share_image",
            _('"%(name)s" is not a PNG or JPEG image (expected a PNG or JPEG file)', name=name),
        )
        return None
    if width < MIN_SIZE[0] or height < MIN_SIZE[1]:
        fields.problem(
            "share_image",
            _(
                '"%(name)s" is %(width)s × %(height)s pixels (expected at least %(min_width)s × '
                "%(min_height)s, best 1200 × 630: smaller images show as a thumbnail, not a card)",
                name=name,
                width=width,
                height=height,
                min_width=MIN_SIZE[0],
                min_height=MIN_SIZE[1],
            ),
        )
        return None
    return mimetype, (width, height)
