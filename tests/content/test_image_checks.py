"""The image checks: each refusal an editor can meet, with its file, line and field, all at
once, through the build (exit 1, nothing built) and `make check`."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from commands import freeze
from edits import write_in
from images import add_images, huge_png, photo
from newsroom.checks.run import run_check
from newsroom.content import images
from newsroom.core.errors import ContentError
from newsroom.loading.content import load_content


def post_showing(content_dir: Path, *images_md: str, slug: str = "beeld") -> Path:
    body = "\n\n".join(images_md)
    text = f"---\ntitle: Beeld\ndate: 2019-10-12\n---\nEen alinea.\n\n{body}\n"
    return write_in("nieuws", content_dir, f"{slug}.nl.md", text)


def errors(content_dir: Path) -> list[str]:
    with pytest.raises(ContentError) as raised:
        load_content(content_dir)
    return [str(p) for p in raised.value.problems]


def test_an_image_without_alt_text_is_an_error_at_its_line(content_dir: Path) -> None:
    add_images(content_dir)
    post = post_showing(content_dir, "![](../bestanden/foto.jpg)")
    found = errors(content_dir)
    assert len(found) == 1, found
    assert found[0].startswith(f'{post}:7: image: "foto.jpg": the image has no alternative text')
    assert "{: .decorative }" in found[0]


def test_a_decorative_image_with_alt_text_is_an_error(content_dir: Path) -> None:
    add_images(content_dir)
    post = post_showing(content_dir, "![A red line](../bestanden/lijn.png){: .decorative }")
    assert errors(content_dir) == [
        f'{post}:7: image: "lijn.png": the image is marked decorative but has alternative '
        "text: remove {: .decorative } if it shows something readers need, else empty the "
        "brackets"
    ]


def test_decorative_images_and_images_with_alt_text_load(content_dir: Path) -> None:
    add_images(content_dir)  # a photo and a screenshot with alt text, a decorative line
    content = load_content(content_dir)
    assert sorted(i.path for i in content.images) == ["foto.jpg", "lijn.png", "scherm.png"]


def test_an_image_from_elsewhere_needs_alt_text_too(content_dir: Path) -> None:
    post = post_showing(content_dir, "![](https://example.org/a.png)")
    found = errors(content_dir)
    assert found == [f'{post}:7: image: "a.png": ' + found[0].split('"a.png": ')[1]]


def test_every_refusal_at_once_with_file_line_and_field(content_dir: Path) -> None:
    files = content_dir / "bestanden"
    files.mkdir()
    (files / "tekst.jpg").write_text("not an image at all", "utf-8")
    (files / "kapot.jpg").write_bytes(photo()[:3000])  # cut off: the header reads, the rest not
    (files / "bom.png").write_bytes(huge_png(20_000, 20_000))
    (files / "groot.png").write_bytes(huge_png(8_000, 6_000))
    (files / "zwaar.jpg").write_bytes(photo() + bytes(2_100_000))
    write_in("", content_dir, "site.yaml", _with_limits(content_dir, megabytes=2))
    post = post_showing(
        content_dir,
        "![Tekst](../bestanden/tekst.jpg)",
        "![Kapot](../bestanden/kapot.jpg)",
        "![Bom](../bestanden/bom.png)",
        "![Groot](../bestanden/groot.png)",
        "![Zwaar](../bestanden/zwaar.jpg)",
        "![](../bestanden/tekst.jpg)",
    )
    found = errors(content_dir)
    not_image = (
        "is not an image the site can show, or it is damaged (expected a JPEG, PNG, GIF or "
        "WebP file)"
    )
    assert found == [
        f'{post}:17: image: "tekst.jpg": the image has no alternative text: '
        + found[0].split("alternative text: ")[1],
        f'{post}:11: image: "bom.png": the image unpacks to far more pixels than its file '
        'size suggests (a "decompression bomb"), so it was not opened; save it again from an '
        "image editor",
        f'{post}:13: image: "groot.png": the image is 8000 × 6000 pixels (48.0 megapixels), '
        "more than the limit of 40 megapixels (save it smaller, e.g. 2000 pixels wide, or "
        "raise image_max_megapixels in site.yaml)",
        f'{post}:9: image: "kapot.jpg": {not_image}',
        f'{post}:7: image: "tekst.jpg": {not_image}',
        f'{post}:15: image: "zwaar.jpg": the file is '
        + re.search(r"the file is (.*)", found[5])[1],  # type: ignore[index]
    ]
    assert "more than the limit of 2 MB" in found[5] and "image_max_megabytes" in found[5]


def _with_limits(content_dir: Path, megabytes: int) -> str:
    text = (content_dir / "site.yaml").read_text("utf-8")
    return text + f"image_max_megabytes: {megabytes}\n"


def test_the_limits_are_settings(content_dir: Path) -> None:
    add_images(content_dir)  # the photo is 1600 × 1200: 1.92 megapixels
    write_in("", content_dir, "site.yaml", _setting(content_dir, "image_max_megapixels: 1"))
    found = errors(content_dir)
    assert len(found) == 1 and "1600 × 1200 pixels (1.9 megapixels)" in found[0], found
    assert "limit of 1 megapixels" in found[0]


def _setting(content_dir: Path, line: str) -> str:
    return (content_dir / "site.yaml").read_text("utf-8") + line + "\n"


def test_a_wrong_limit_is_a_settings_error(content_dir: Path) -> None:
    write_in("", content_dir, "site.yaml", _setting(content_dir, "image_max_megabytes: veel"))
    found = errors(content_dir)
    assert len(found) == 1 and "site.yaml" in found[0], found
    assert 'image_max_megabytes: "veel" is not a whole number of at least 1' in found[0]


def test_a_missing_image_stops_the_build_and_is_in_the_check(
    content_dir: Path, tmp_path: Path
) -> None:
    post = post_showing(content_dir, "![Een foto](../bestanden/weg.jpg)")
    output = tmp_path / "out"
    result = freeze(content_dir, output)
    assert result.returncode == 1, result.stderr
    assert f'{post}:7: image: "weg.jpg" is not in ' in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
    assert not output.exists()
    check = run_check(content_dir)
    assert any(
        str(p).startswith(f'{post}:7: image: "weg.jpg" is not in') for p in check.problems
    ), check.problems


def test_image_problems_stop_the_build_with_every_problem(
    content_dir: Path, tmp_path: Path
) -> None:
    files = content_dir / "bestanden"
    files.mkdir()
    (files / "tekst.png").write_text("no", "utf-8")
    (files / "bom.png").write_bytes(huge_png(20_000, 20_000))
    post = post_showing(
        content_dir, "![Tekst](../bestanden/tekst.png)", "![Bom](../bestanden/bom.png)"
    )
    output = tmp_path / "out"
    result = freeze(content_dir, output)
    said = result.stdout + result.stderr
    assert result.returncode == 1, said
    assert f'{post}:7: image: "tekst.png": is not an image' in said
    assert f'{post}:9: image: "bom.png": the image unpacks' in said
    assert "Traceback" not in said and not output.exists()


def test_make_check_reports_image_problems(content_dir: Path) -> None:
    files = content_dir / "bestanden"
    files.mkdir()
    (files / "tekst.png").write_text("no", "utf-8")
    post = post_showing(content_dir, "![Tekst](../bestanden/tekst.png)", "![](../bestanden/x.png)")
    shown = [str(p) for p in run_check(content_dir).problems]
    assert f'{post}:7: image: "tekst.png": is not an image the site can show' in " ".join(shown)
    assert any(s.startswith(f'{post}:9: image: "x.png": the image has no alt') for s in shown)


def test_pillow_bomb_guard_is_a_refusal_not_a_crash() -> None:
    """Pillow refuses to open images over twice its MAX_IMAGE_PIXELS (and warns, which the
    tests make an error, above it): both are the editor's error, even when the site's own
    limit is raised past Pillow's."""
    limits = images.Limits(pixels=10**12, bytes=10**9)
    for size in ((10_000, 10_000), (20_000, 20_000)):  # a warning, then an error
        with pytest.raises(images.ImageRefused, match="decompression bomb"):
            images.inspect("x.png", huge_png(*size), limits, "d")


def test_a_gif_and_a_webp_are_images_too() -> None:
    limits = images.Limits(pixels=10**7, bytes=10**7)
    for fmt, kind in (("GIF", "png"), ("WEBP", "webp")):
        out = io.BytesIO()
        Image.new("RGB", (300, 200), (1, 2, 3)).save(out, fmt)
        info = images.inspect(f"x.{fmt.lower()}", out.getvalue(), limits, "d")
        assert (info.width, info.height, info.kind) == (300, 200, kind)


def test_a_large_png_keeps_its_transparency_and_shape() -> None:
    """A PNG over twice the largest width is averaged down first (band by band): its copies
    keep their size, shape and transparent parts."""
    image = Image.new("RGBA", (3000, 2500), (20, 40, 200, 255))
    image.paste((0, 0, 0, 0), (0, 0, 1500, 2500))  # the left half transparent
    out = io.BytesIO()
    image.save(out, "PNG")
    limits = images.Limits(pixels=10**8, bytes=10**8)
    info = images.inspect("groot.png", out.getvalue(), limits, "d")
    copies = images.make_copies(info, out.getvalue())
    assert sorted(copies) == sorted(
        f"groot.png/{w}.{e}" for w in (480, 800, 1200) for e in ("png", "webp")
    )
    for name, data in copies.items():
        with Image.open(io.BytesIO(data)) as copy:
            width = int(name.split("/")[1].split(".")[0])
            assert copy.size == (width, round(2500 * width / 3000))
            rgba = copy.convert("RGBA")
            assert rgba.getpixel((2, 2))[3] == 0, name  # transparent stays transparent
            assert rgba.getpixel((width - 3, 2)) == (20, 40, 200, 255), name
