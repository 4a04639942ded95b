"""Images in the built site: copies at each width in WebP and the image's own format, the
`<img>` that offers them, no metadata in any published image, the same bytes every build,
each image processed once, and a one-image edit that remakes only what shows it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from lxml import html
from PIL import Image

from edits import append
from images import GPS, SERIAL, add_images, huge_png, photo
from newsroom.build.site import build
from newsroom.loading import images as image_loading
from paths import FIXTURES, REPO
from trees import clean, tree

POST = "nl/nieuws/fotos/index.html"
COPIES = "afbeeldingen"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixtures' site with a post showing a photo, a screenshot and a decorative line
    (built once: the tests only read it)."""
    base = tmp_path_factory.mktemp("images")
    shutil.copytree(FIXTURES / "content", base / "content")
    add_images(base / "content")
    build(base / "content", base / "out", jobs=1, search=False)
    return base / "out"


_PICTURE = re.compile(r"<picture>(<source [^>]*>)?(<img [^>]*>)</picture>")
_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')


def _pictures(page: Path) -> list[tuple[dict[str, str] | None, dict[str, str]]]:
    """(the <source>'s attributes or None, the <img>'s) of each image in the page's text.
    Read as text: lxml's parser does not know <source> is a void element."""
    text = page.read_text("utf-8")
    return [
        (dict(_ATTRIBUTE.findall(source)) if source else None, dict(_ATTRIBUTE.findall(img)))
        for source, img in _PICTURE.findall(text)
    ]


def _images(page: Path) -> list[dict[str, str]]:
    return [img for _, img in _pictures(page)]


def _srcset(value: str) -> list[tuple[str, int]]:
    return [
        (url, int(width[:-1]))
        for url, width in (entry.strip().split(" ") for entry in value.split(","))
    ]


_VERSION = re.compile(r"\?v=[0-9a-f]{10}$")


def _file(page: Path, url: str) -> Path:
    return (page.parent / url.partition("?")[0]).resolve()


def _unversioned(url: str) -> str:
    """The copy's address without its `?v=`, which every link to a copy carries."""
    assert _VERSION.search(url), url
    return _VERSION.sub("", url)


def test_each_image_offers_its_widths_in_webp_and_its_own_format(site: Path) -> None:
    page = site / POST
    expected = [
        ("foto.jpg", [480, 800, 1200], "jpg"),  # 1200 × 1600 upright
        ("scherm.png", [480, 800, 900], "png"),  # 900 wide: never upscaled
        ("lijn.png", [480, 600], "png"),
    ]
    pictures = _pictures(page)
    assert len(pictures) == len(expected)
    for (source, img), (name, widths, ext) in zip(pictures, expected, strict=True):
        assert source is not None and source["type"] == "image/webp"
        webp = _srcset(source["srcset"])
        own = _srcset(img["srcset"])
        assert [w for _, w in webp] == widths and [w for _, w in own] == widths
        assert img["sizes"] == source["sizes"] == image_loading_sizes()
        for (url, width), fmt in [*((e, "WEBP") for e in webp), *((e, None) for e in own)]:
            assert _unversioned(url).endswith(f"{COPIES}/{name}/{width}.{'webp' if fmt else ext}")
            with Image.open(_file(page, url)) as copy:
                assert copy.width == width
                assert copy.format == (fmt or {"jpg": "JPEG", "png": "PNG"}[ext])
        assert img["src"] == own[-1][0]  # the largest, in the image's own format


def image_loading_sizes() -> str:
    from newsroom.web.images import SIZES

    return SIZES


def test_width_and_height_are_those_of_the_file(site: Path) -> None:
    page = site / POST
    for img in _images(page):
        with Image.open(_file(page, img["src"])) as shown:
            assert (int(img["width"]), int(img["height"])) == shown.size
        for url, width in _srcset(img["srcset"]):
            with Image.open(_file(page, url)) as copy:  # the same shape at every width
                ratio = int(img["height"]) / int(img["width"])
                assert abs(copy.height - width * ratio) <= 1


def test_the_first_image_loads_at_once_the_others_lazily(site: Path) -> None:
    loading = [img.get("loading") for img in _images(site / POST)]
    assert loading == [None, "lazy", "lazy"]
    assert {img["decoding"] for img in _images(site / POST)} == {"async"}


def test_alt_text_caption_and_decorative(site: Path) -> None:
    text = (site / POST).read_text("utf-8")
    assert re.search(
        r'<figure><picture>.*?alt="Een school met een aangesloten leerlingadministratie">'
        r"</picture><figcaption>De eerste school</figcaption></figure>",
        text,
    )
    assert re.search(r'<p><picture>.*?alt="Het aansluitscherm van RIO[^"]*"></picture></p>', text)
    assert re.search(r'<img [^>]*alt="" class="decorative">', text)
    main = html.fromstring(text).find(".//main")
    assert len(main.findall(".//figure")) == 1 and main.find(".//figure/figcaption") is not None


def test_the_photo_is_upright_and_in_srgb(site: Path) -> None:
    with Image.open(site / COPIES / "foto.jpg" / "480.jpg") as copy:
        assert copy.size == (480, 640)  # landscape on the sensor, turned as the camera said
        red, green, blue = copy.convert("RGB").getpixel((copy.width - 4, 4))
        # Stored red in a profile whose red is sRGB's green: converted, it is green.
        assert green > 200 and red < 60 and blue < 60, (red, green, blue)


def test_no_published_image_carries_metadata(site: Path) -> None:
    published = [
        p for p in site.rglob("*") if p.is_file() and p.suffix in (".jpg", ".png", ".webp")
    ]
    # 3 + 3 + 2 widths, in two formats each; and the share card of each language.
    assert len(published) == 18, published
    assert {p.relative_to(site).as_posix() for p in published if p.name == "share.png"} == {
        "nl/share.png",
        "en/share.png",
    }
    for path in published:
        data = path.read_bytes()
        assert SERIAL.encode() not in data and b"Testcamera" not in data, path
        with Image.open(path) as image:
            exif = image.getexif()
            assert len(exif) == 0 and not exif.get_ifd(0x8825), path
            assert "exif" not in image.info and "icc_profile" not in image.info, path
            assert not {"xmp", "XML:com.adobe.xmp", "comment", "dpi"} & set(image.info), path
    assert GPS  # the photo had a GPS position (tests/images.py)


def test_an_original_is_published_only_when_linked_as_a_download(
    content_dir: Path, tmp_path: Path
) -> None:
    add_images(content_dir)
    site = tmp_path / "out"
    build(content_dir, site, jobs=1, search=False)
    assert not (site / "bestanden").exists()  # only shown as images
    append(content_dir / "nieuws" / "fotos.nl.md", "\n[De foto zelf](../bestanden/foto.jpg)\n")
    result = build(content_dir, site, jobs=1, search=False)
    assert sorted(p.name for p in (site / "bestanden").iterdir()) == ["foto.jpg"]
    # As it is, camera data and all: the editor is warned.
    (warning,) = [str(w) for w in result.warnings if "download" in str(w)]
    assert warning == (
        f'{content_dir / "nieuws" / "fotos.nl.md"}:16: link: "foto.jpg": linked as a download, '
        "so the file is published as it is, with what the camera stored in it (GPS position, "
        "serial number, camera make); show it as an image instead (![…](…)), or remove that "
        "data before linking it"
    )
    assert (site / "bestanden" / "foto.jpg").read_bytes() == (
        content_dir / "bestanden" / "foto.jpg"
    ).read_bytes()


def test_feeds_carry_one_copy_with_an_absolute_url(site: Path) -> None:
    feed = feedparser.parse((site / "nl" / "nieuws" / "feed.xml").read_bytes())
    entry = next(e for e in feed.entries if e.title == "Foto's van de aansluiting")
    content = entry.content[0].value
    sources = [
        (_unversioned(dict(_ATTRIBUTE.findall(tag))["src"]), dict(_ATTRIBUTE.findall(tag))["width"])
        for tag in re.findall(r"<img [^>]*>", content)
    ]
    base = "https://test.example.org/"
    assert sources == [
        (f"{base}afbeeldingen/foto.jpg/800.jpg", "800"),
        (f"{base}afbeeldingen/scherm.png/800.png", "800"),
        (f"{base}afbeeldingen/lijn.png/600.png", "600"),
    ], content
    assert "srcset" not in content and "<picture" not in content


def test_two_clean_builds_are_byte_identical(content_dir: Path, tmp_path: Path) -> None:
    add_images(content_dir)
    first = clean(content_dir, tmp_path, "one")
    second = clean(content_dir, tmp_path, "two")
    assert first == second
    assert sum(name.startswith(f"{COPIES}/") for name in first) == 16


def _inodes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def test_an_image_is_processed_once_and_an_edit_remakes_only_what_shows_it(
    content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []
    original = image_loading.make_copies

    def counting(info, data):  # type: ignore[no-untyped-def]
        made.append(info.path)
        return original(info, data)

    monkeypatch.setattr(image_loading, "make_copies", counting)
    add_images(content_dir)
    output = tmp_path / "site" / "build"
    build(content_dir, output, jobs=1, search=False)
    assert sorted(made) == ["foto.jpg", "lijn.png", "scherm.png"]
    cached = sorted((output.parent / ".newsroom-cache" / "images").rglob("*"))
    times = {p: p.stat().st_mtime_ns for p in cached}

    made.clear()
    result = build(content_dir, output, jobs=1, search=False)
    assert made == [] and result.written == 0  # nothing decoded, nothing written
    assert {p: p.stat().st_mtime_ns for p in cached} == times

    before = _inodes(output)
    (content_dir / "bestanden" / "foto.jpg").write_bytes(photo(1600, 1000, seed=2))
    build(content_dir, output, jobs=1, search=False)
    assert made == ["foto.jpg"]
    after = _inodes(output)
    changed = {name for name in after if before.get(name) != after[name]}
    copies = {f"{COPIES}/foto.jpg/{w}.{e}" for w in (480, 800, 1000) for e in ("jpg", "webp")}
    feeds = {"nl/nieuws/feed.xml", "nl/nieuws/atom.xml", "nl/onderwerpen/osr/feed.xml"}
    feeds |= {"nl/onderwerpen/osr/atom.xml"}
    assert changed == copies | {POST} | feeds, sorted(changed)
    fresh = tmp_path / "clean" / "build"
    build(content_dir, fresh, jobs=1, use_cache=False, search=False)
    assert tree(output) == tree(fresh)  # a rebuild equals a clean build


def test_a_20000_pixel_square_png_is_refused_within_a_builds_memory(
    content_dir: Path, tmp_path: Path
) -> None:
    """1-bit, 20,000 × 20,000 px: 76 kB on disk, 1.2 GB as RGB. Refused from its header, in
    a build whose whole process stays under 200 MB."""
    files = content_dir / "bestanden"
    files.mkdir()
    (files / "groot.png").write_bytes(huge_png(20_000, 20_000))
    append(content_dir / "nieuws" / "eerste-bericht.nl.md", "\n![Groot](../bestanden/groot.png)\n")
    output = tmp_path / "out"
    measure = (
        "import resource, subprocess, sys; "
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "print(r.returncode); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
        "print(r.stdout + r.stderr)"
    )
    command = [sys.executable, "freeze.py", "--content", str(content_dir), "--output", str(output)]
    result = subprocess.run(
        [sys.executable, "-c", measure, *command], cwd=REPO, capture_output=True, text=True
    )
    code, peak_kb, said = result.stdout.split("\n", 2)
    assert code == "1", said
    assert 'image: "groot.png": the image unpacks to far more pixels' in said
    assert "Traceback" not in said and not output.exists()
    assert int(peak_kb) < 200_000, f"{int(peak_kb) / 1000:.0f} MB"


def test_an_edited_image_keeps_its_address_with_a_new_version(
    content_dir: Path, tmp_path: Path
) -> None:
    """Links to a copy end in `?v=` and the start of the image's digest: an edited image keeps
    its copies' addresses (feeds and shared links go on working), and the pages name a new
    URL, so no browser shows the copy it kept for a day (deploy/newsroom-http.conf)."""
    add_images(content_dir)
    output = tmp_path / "out"
    build(content_dir, output, jobs=1, search=False)

    def links() -> list[str]:
        return [url for img in _images(output / POST) for url, _ in _srcset(img["srcset"])]

    before = links()
    (content_dir / "bestanden" / "foto.jpg").write_bytes(photo(seed=2))
    build(content_dir, output, jobs=1, search=False)
    after = links()
    assert [_unversioned(url) for url in after] == [_unversioned(url) for url in before]
    changed = [a != b for a, b in zip(after, before, strict=True)]
    photo_links = ["foto.jpg" in url for url in after]
    assert changed == photo_links  # only the edited image's links changed
