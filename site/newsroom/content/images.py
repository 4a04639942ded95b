"""Images an editor puts in `content/bestanden/`: opened safely, checked against the site's
limits, and made into the copies the site publishes.

An image is opened only after its size on disk is checked, and decoded only after its width
and height (read from its header) are checked, so a small file that unpacks to gigabytes (a
"decompression bomb") is refused before it takes memory. Pillow's own bomb guard
(`DecompressionBombWarning`/`Error`) is a refusal too, never a crash.

The copies (`make_copies`) are the image with the camera's orientation applied, its colours
converted to sRGB, resized to each width, and saved with fixed encoder settings and no
metadata at all (no EXIF, GPS, camera serial, colour profile or timestamps): the same source
gives the same bytes on every build.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from newsroom.content.editor_texts import N_, _
from newsroom.core.models import ImageInfo

KINDS = {"JPEG": "jpeg", "PNG": "png", "GIF": "png", "WEBP": "webp"}
"""The formats an editor may use, and the format of their copies besides WebP (a GIF's
first frame becomes a PNG)."""
SAVE = {
    "webp_photo": {"format": "WEBP", "quality": 80, "method": 4},
    "webp_lossless": {"format": "WEBP", "lossless": True, "quality": 80, "method": 4},
    "jpeg": {"format": "JPEG", "quality": 82, "optimize": True, "progressive": True},
    "png": {"format": "PNG", "optimize": False, "compress_level": 9},
}
"""Fixed encoder settings: part of every image's digest (change them and copies are remade).
A PNG (a screenshot, a diagram) becomes lossless WebP, so text stays sharp."""
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True, slots=True)
class Limits:
    """The largest image the site accepts (site.yaml: image_max_megapixels, …_megabytes)."""

    pixels: int
    bytes: int


class ImageRefused(Exception):
    """The image cannot be published; the message says why, in the editors' language."""


def _open(data: bytes) -> Image.Image:
    """The image in `data`, its header read (nothing decoded yet); Pillow's bomb guard and
    an unreadable file are refusals."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ImageRefused(_bomb()) from error
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        raise ImageRefused(not_an_image()) from error


def _bomb() -> str:
    return _(
        "the image unpacks to far more pixels than its file size suggests (a "
        '"decompression bomb"), so it was not opened; save it again from an image editor'
    )


def not_an_image() -> str:
    return _(
        "is not an image the site can show, or it is damaged (expected a JPEG, PNG, GIF or "
        "WebP file)"
    )


def _oriented_size(image: Image.Image) -> tuple[int, int]:
    """The image's width and height as shown: swapped when the camera turned it on its side."""
    orientation = image.getexif().get(0x0112, 1)  # EXIF Orientation
    width, height = image.size
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def too_large(size: int, limits: Limits) -> str:
    """Why a file of `size` bytes is refused."""
    return _(
        "the file is %(size)s MB, more than the limit of %(limit)s MB (save it smaller, "
        "e.g. 2000 pixels wide, or raise image_max_megabytes in site.yaml)",
        size=f"{size / 1e6:.1f}",
        limit=f"{limits.bytes / 1e6:g}",
    )


def inspect(path: str, data: bytes, limits: Limits, digest: str) -> ImageInfo:
    """The checked image at `path` (inside bestanden/) with bytes `data`; decodes it fully,
    so a damaged file is found here. Raises ImageRefused."""
    if len(data) > limits.bytes:
        raise ImageRefused(too_large(len(data), limits))
    with _open(data) as image:
        kind = KINDS.get(image.format or "")
        if kind is None:
            raise ImageRefused(not_an_image())
        width, height = image.size
        if width * height > limits.pixels:
            raise ImageRefused(
                _(
                    "the image is %(width)s × %(height)s pixels (%(megapixels)s megapixels), more "
                    "than the limit of %(limit)s megapixels (save it smaller, e.g. 2000 pixels "
                    "wide, or raise image_max_megapixels in site.yaml)",
                    width=width,
                    height=height,
                    megapixels=f"{width * height / 1e6:.1f}",
                    limit=f"{limits.pixels / 1e6:g}",
                )
            )
        shown = _oriented_size(image)
        if image.format == "JPEG":  # every byte is still decoded, into an eighth of the memory
            image.draft(image.mode, (1, 1))
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise ImageRefused(_bomb()) from error
        except (OSError, ValueError, SyntaxError, EOFError) as error:
            raise ImageRefused(not_an_image()) from error
    return ImageInfo(path=path, width=shown[0], height=shown[1], kind=kind, digest=digest)


CAMERA_DATA = {0x8825: N_("GPS position"), 0xA431: N_("serial number"), 0x010F: N_("camera make")}
"""What a photo may tell about where and with what it was taken (EXIF tags)."""


def camera_data(file: Path) -> list[str]:
    """What of CAMERA_DATA the image file holds (its header only is read); [] for a file that
    is no image or carries none of it."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # only the header is read: no bomb can go off
            with Image.open(file) as image:
                exif = image.getexif()
                tags = {**exif, **exif.get_ifd(0x8769)}
                gps = exif.get_ifd(0x8825)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return []
    return [name for tag, name in CAMERA_DATA.items() if (gps if tag == 0x8825 else tags.get(tag))]


def _prepared(data: bytes, largest: int) -> Image.Image:
    """The image decoded (a JPEG at the smallest scale still at least `largest` pixels each
    way, which is much faster), turned upright, in sRGB, as RGB or RGBA, with no metadata."""
    image = _open(data)
    if image.format == "JPEG":
        image.draft("RGB", (largest, largest))
    factor = min(image.size) // largest
    if factor >= 2 and image.mode in ("RGB", "RGBA", "L", "LA"):
        # A large PNG: averaged down by a whole factor first (still at least `largest` pixels
        # each way), so the conversions below never hold more than a fraction of it.
        # Band by band: Pillow reduces RGBA through a premultiplied copy of the whole image.
        bands = [image.getchannel(band).reduce(factor) for band in image.getbands()]
        image = Image.merge(image.mode, bands)
    image = ImageOps.exif_transpose(image)
    profile = image.info.get("icc_profile")
    alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    mode = "RGBA" if alpha else "RGB"
    if profile and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            converted = ImageCms.profileToProfile(
                image, source, _SRGB, outputMode="RGBA" if image.mode == "RGBA" else "RGB"
            )
            image = converted if converted is not None else image
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a damaged profile: the colours as they are, as most browsers would show them
    image = image.convert(mode)
    image.info = {}  # no EXIF, GPS, profile, comments or dates travel into the copies
    return image


def make_copies(info: ImageInfo, data: bytes) -> dict[str, bytes]:
    """Every copy of the image: `copy_name(width, format)` → its bytes."""
    image = _prepared(data, max(info.widths))
    copies: dict[str, bytes] = {}
    for width in info.widths:
        size = (width, info.height_at(width))
        resized = image if size == image.size else image.resize(size, Image.Resampling.LANCZOS)
        resized.info = {}
        for fmt in info.formats:
            copies[info.copy_name(width, fmt)] = _encode(resized, fmt, info.kind)
    return copies


def _encode(image: Image.Image, fmt: str, kind: str) -> bytes:
    if fmt == "webp":
        settings = SAVE["webp_lossless" if kind == "png" else "webp_photo"]
    else:
        settings = SAVE[fmt]
        if fmt == "jpeg" and image.mode != "RGB":
            image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, **settings)
    return out.getvalue()
