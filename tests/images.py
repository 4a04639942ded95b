"""Images for the tests: a camera photo with everything a camera writes (orientation, camera,
serial number, GPS position, a colour profile), a screenshot, and a post that shows them."""

from __future__ import annotations

import io
import random
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

SERIAL = "SERIAL-0042"
GPS = {1: "N", 2: (52.0, 5.0, 30.0), 3: "E", 4: (4.0, 53.0, 10.0)}


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _xyz(x: float, y: float, z: float) -> bytes:
    return b"XYZ \0\0\0\0" + _s15(x) + _s15(y) + _s15(z)


def swapped_profile() -> bytes:
    """An ICC RGB profile (v2, matrix and gamma 2.2) whose red and green primaries are
    sRGB's green and red: a pixel stored as pure red is meant as green. Converted to sRGB, as
    the site must, it comes out green; left as it is, it shows red."""
    red, green, blue = (0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141)
    text = b"swapped primaries\0"
    desc = b"desc\0\0\0\0" + struct.pack(">I", len(text)) + text + bytes(4 + 4 + 3 + 67)
    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, 0x0233) + b"\0\0"
    tags = [
        (b"desc", desc),
        (b"wtpt", _xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", _xyz(*green)),
        (b"gXYZ", _xyz(*red)),
        (b"bXYZ", _xyz(*blue)),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
        (b"cprt", b"text\0\0\0\0none\0"),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, body in tags:
        body += bytes(-len(body) % 4)
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    header = (
        struct.pack(">I", size)
        + bytes(4)
        + struct.pack(">I", 0x02100000)
        + b"mntrRGB XYZ "
        + bytes(12)
        + b"acsp"
        + bytes(4 + 4 + 4 + 4 + 8 + 4)
        + _s15(0.9642)
        + _s15(1.0)
        + _s15(0.8249)
        + bytes(4 + 16 + 28)
    )
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + data


def photo(
    width: int = 1600,
    height: int = 1200,
    *,
    seed: int = 1,
    noise: bool = False,
    orientation: int = 6,
) -> bytes:
    """A JPEG as a camera writes it, landscape on the sensor but taken upright (orientation
    6: turn 90° clockwise to show), with its camera, serial number and GPS position, and a
    colour profile other than sRGB (`swapped_profile`; its top-left corner is stored red,
    meant green). With `noise`, it compresses like a
    real photograph (several megabytes at 4000 × 3000)."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), (90, 140, 200))
    draw = ImageDraw.Draw(image)
    for _ in range(200):
        x, y = rng.randrange(width), rng.randrange(height)
        size = rng.randrange(width // 40 + 1, width // 4 + 2)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.ellipse((x, y, x + size, y + size), fill=colour)
    if noise:
        grain = Image.effect_noise((width, height), 40).convert("RGB")
        image = Image.blend(image.filter(ImageFilter.GaussianBlur(2)), grain, 0.25)
    exif = Image.Exif()
    exif[0x0112] = orientation  # 6: the camera was held upright
    exif[0x010F] = "Testcamera"  # Make
    exif[0x0132] = "2024:05:01 12:00:00"  # DateTime
    exif.get_ifd(0x8769)[0xA431] = SERIAL  # BodySerialNumber
    exif.get_ifd(0x8825).update(GPS)
    draw.rectangle((0, 0, 100, 100), fill=(255, 0, 0))  # red as stored: green as meant
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92, exif=exif, icc_profile=swapped_profile())
    return out.getvalue()


def screenshot(width: int = 900, height: int = 500) -> bytes:
    """A PNG screenshot with sharp text-like edges and a transparent corner."""
    image = Image.new("RGBA", (width, height), (255, 255, 255, 255))
    draw = ImageDraw.Draw(image)
    for row in range(0, height, 24):
        draw.rectangle((20, row + 4, width - 40, row + 14), fill=(30, 30, 30, 255))
    draw.rectangle((0, 0, 40, 40), fill=(0, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


POST = """---
title: Foto's van de aansluiting
date: 2019-10-12
tags: [OSR]
---
De eerste alinea, met foto's.

![Een school met een aangesloten leerlingadministratie](../bestanden/foto.jpg "De eerste school")

Een schermafdruk van het scherm:

![Het aansluitscherm van RIO, met de knop Aansluiten](../bestanden/scherm.png)

![](../bestanden/lijn.png){: .decorative }
"""


def add_images(content_dir: Path, *, slug: str = "fotos", photo_bytes: bytes | None = None) -> Path:
    """A post `<slug>.nl.md` showing a photo, a screenshot and a decorative line; its path."""
    files = content_dir / "bestanden"
    files.mkdir(parents=True, exist_ok=True)
    (files / "foto.jpg").write_bytes(photo_bytes or photo())
    (files / "scherm.png").write_bytes(screenshot())
    line = io.BytesIO()
    Image.new("RGB", (600, 4), (200, 0, 0)).save(line, "PNG")
    (files / "lijn.png").write_bytes(line.getvalue())
    post = content_dir / "nieuws" / f"{slug}.nl.md"
    post.write_text(POST, encoding="utf-8")
    return post


def huge_png(width: int, height: int) -> bytes:
    """A 1-bit PNG of `width` × `height` white pixels: tens of kilobytes on disk (zlib packs
    the rows), gigabytes once decoded to RGB."""
    row = b"\0" + b"\xff" * ((width + 7) // 8)
    raw = zlib.compress(row * height, 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([1, 0, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")
