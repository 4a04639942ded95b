"""The default image of shared links: a 1200 × 630 card with the site's title, in its colours.

Drawn with Pillow at build time from `site.yaml`'s title and organisation and the colours of
`static/style.css`, so it follows the site without anyone redrawing it. The same input gives
the same bytes: no clock, no metadata in the PNG, and fonts of our own (`fonts/`, DejaVu Sans
cut down to Latin letters), never the machine's. A site that wants its own picture sets
`share_image` in site.yaml.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONTS = Path(__file__).parent / "fonts"
TITLE_FONT = FONTS / "DejaVuSans-Bold.ttf"
SUBTITLE_FONT = FONTS / "DejaVuSans.ttf"

WIDTH, HEIGHT = 1200, 630
"""The size Facebook, LinkedIn and X recommend for a large card (1.91:1)."""
MARGIN = 80
TITLE_SIZES = (88, 76, 64, 56, 48)
"""The title's font sizes, tried largest first until it fits in three lines."""
TITLE_LINES = 3
SUBTITLE_SIZE = 40
BAR = 16
"""The accent bar along the bottom edge, in the focus colour."""


@dataclass(frozen=True, slots=True)
class Colours:
    """The card's colours, as `#rrggbb`."""

    background: str = "#154273"
    text: str = "#ffffff"
    subtitle: str = "#e5edf4"
    accent: str = "#ffb612"


CSS_VARIABLES = {"background": "--brand", "subtitle": "--bg-blue", "accent": "--focus"}
"""Which custom property of the stylesheet gives which colour (the header's blue, its pale
blue, the focus yellow); one the stylesheet lacks keeps its default."""


def colours_from_css(css: str) -> Colours:
    """The card's colours from the stylesheet's custom properties (`--brand: #154273;`)."""
    found = {}
    for name, variable in CSS_VARIABLES.items():
        match = re.search(rf"{re.escape(variable)}\s*:\s*(#[0-9a-fA-F]{{6}})\b", css)
        if match:
            found[name] = match[1].lower()
    return Colours(**found)


Font = ImageFont.FreeTypeFont


@cache
def _font(path: Path, size: int) -> Font:
    return ImageFont.truetype(str(path), size=size)


def _width(font: Font, text: str) -> float:
    return font.getlength(text)


@cache
def _has_glyph(path: Path, char: str) -> bool:
    # A character the font lacks is drawn as its "missing" box: compare with a surely missing one.
    font = _font(path, 40)

    def drawn(text: str) -> tuple[tuple[int, int], bytes]:
        mask = font.getmask(text)
        return mask.size, bytes(mask)

    return char == " " or drawn(char) != drawn("\U0010fffd")


def drawable(text: str, path: Path) -> str:
    """`text` with what the font at `path` cannot draw replaced by its unaccented letter
    (`ŵ` → `w`), or left out (the alternative text keeps the title as written)."""
    kept = []
    for char in " ".join(text.split()):
        if not _has_glyph(path, char):
            base = unicodedata.normalize("NFKD", char)
            char = "".join(c for c in base if not unicodedata.combining(c) and _has_glyph(path, c))
        kept.append(char)
    return " ".join("".join(kept).split())


def wrap(text: str, font: Font, width: int) -> list[str]:
    """`text` in lines no wider than `width` pixels; a word wider than a line is cut."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if _width(font, candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while _width(font, word) > width:  # one long word: cut where it no longer fits
            fits = (i for i in range(len(word) - 1, 0, -1) if _width(font, word[:i]) <= width)
            cut = next(fits, 1)
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def _fitted_title(title: str, width: int) -> tuple[Font, list[str]]:
    """The largest font that fits `title` in TITLE_LINES lines, and the lines (the last one
    ending in '…' when even the smallest font needs more)."""
    for size in TITLE_SIZES:
        font = _font(TITLE_FONT, size)
        lines = wrap(title, font, width)
        if len(lines) <= TITLE_LINES:
            return font, lines
    lines = lines[:TITLE_LINES]
    last = lines[-1]
    while last and _width(font, last + "…") > width:
        last = last[:-1].rstrip()
    lines[-1] = last + "…"
    return font, lines


def card_png(title: str, subtitle: str, colours: Colours) -> bytes:
    """The card as PNG bytes: `title` large, `subtitle` (the organisation) beneath it."""
    image = Image.new("RGB", (WIDTH, HEIGHT), colours.background)
    draw = ImageDraw.Draw(image)
    width = WIDTH - 2 * MARGIN
    font, lines = _fitted_title(drawable(title, TITLE_FONT), width)
    line_height = round(font.size * 1.2)
    small = _font(SUBTITLE_FONT, SUBTITLE_SIZE)
    sub_lines = wrap(drawable(subtitle, SUBTITLE_FONT), small, width)[:2]
    sub_height = round(SUBTITLE_SIZE * 1.3)
    block = len(lines) * line_height + (sub_height // 2 + len(sub_lines) * sub_height)
    top = max(MARGIN, (HEIGHT - BAR - block) // 2)
    for number, line in enumerate(lines):
        draw.text((MARGIN, top + number * line_height), line, font=font, fill=colours.text)
    top += len(lines) * line_height + sub_height // 2
    for number, line in enumerate(sub_lines):
        draw.text((MARGIN, top + number * sub_height), line, font=small, fill=colours.subtitle)
    draw.rectangle((0, HEIGHT - BAR, WIDTH, HEIGHT), fill=colours.accent)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)  # no text chunks, no time: the same bytes
    return out.getvalue()
