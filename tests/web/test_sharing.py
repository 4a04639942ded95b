"""Sharing metadata: Open Graph and X (Twitter) card tags on every page, JSON-LD on posts and
pages, the default share image, the site's own `share_image`, and titles that try to break out
of the JSON-LD. Read back from the built files with extruct and lxml (tests/share_tags.py)."""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zlib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image, ImageFont

from newsroom.build.site import build
from newsroom.content.settings import load_settings
from newsroom.core.errors import ContentError, Problem
from newsroom.core.models import Post
from newsroom.web.app import create_app
from newsroom.web.share_card import (
    HEIGHT,
    TITLE_FONT,
    WIDTH,
    card_png,
    colours_from_css,
    drawable,
    wrap,
)
from newsroom.web.sharing import first_image
from paths import FIXTURES, REPO
from share_tags import Head, read_head, strict_json_ld

REPO_BASE = "https://rio-vo.example.org/"
BASE = "https://test.example.org/"
URL_PROPERTIES = ("og:url", "og:image")


def head_of(site: Path, name: str, base: str = REPO_BASE) -> Head:
    path = site / name
    url = base + (name.removesuffix("index.html"))
    return read_head(path.read_text(encoding="utf-8"), url)


def built_file(site: Path, url: str, base: str) -> Path:
    """The file of the built site that `url` (absolute) names."""
    assert url.startswith(base), url
    path = site / urlsplit(url).path.removeprefix(urlsplit(base).path)
    return path / "index.html" if url.endswith("/") else path


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixtures' site, built once for this module (it has no rollout data and no files)."""
    output = tmp_path_factory.mktemp("sharing") / "out"
    build(FIXTURES / "content", output)
    return output


# --- every page --------------------------------------------------------------------------------

# One page of every HTML page kind, in both languages, and the root page.
EVERY_KIND = [
    "index.html",
    *(
        f"{lang}/{path}index.html"
        for lang, paths in {
            "nl": [
                "",
                "nieuws/",
                "nieuws/update-livegang/",
                "onderwerpen/",
                "onderwerpen/livegang/",
                "archief/",
                "archief/2019/",
                "planning/",
                "planning/somtoday/",
                "zoeken/",
                "over-rio-vo/",
            ],
            "en": [
                "",
                "news/",
                "news/update-livegang/",
                "topics/",
                "topics/go-live/",
                "archive/",
                "archive/2019/",
                "schedule/",
                "schedule/somtoday/",
                "search/",
                "about/",
            ],
        }.items()
        for path in paths
    ),
]


def test_every_page_has_the_tags_with_absolute_addresses(frozen_repo: Path) -> None:
    pages = sorted(
        p.relative_to(frozen_repo).as_posix()
        for p in frozen_repo.rglob("*.html")
        if p.name != "404.html" and "pagefind" not in p.parts
    )
    assert set(EVERY_KIND) <= set(pages)
    for name in pages:
        head = head_of(frozen_repo, name)
        for prop in ("og:type", "og:title", "og:url", "og:site_name", "og:locale"):
            assert head.one(prop).strip(), (name, prop)
        for prop in URL_PROPERTIES:
            assert head.one(prop).startswith(REPO_BASE), (name, prop, head.one(prop))
        # The address is the page's own: its canonical link (the root page has none).
        assert head.one("og:url") == (head.canonical or REPO_BASE), name
        assert built_file(frozen_repo, head.one("og:url"), REPO_BASE) == frozen_repo / name
        # The image is in the site, with its size and what it shows.
        image = built_file(frozen_repo, head.one("og:image"), REPO_BASE)
        with Image.open(image) as picture:
            size = picture.size
        assert (int(head.one("og:image:width")), int(head.one("og:image:height"))) == size
        assert head.one("og:image:alt")
        assert head.twitter["twitter:card"] == "summary_large_image", name
        assert head.twitter["twitter:image"] == head.one("og:image")
        assert head.twitter["twitter:image:alt"] == head.one("og:image:alt")
        assert head.twitter["twitter:title"] == head.one("og:title")


def test_the_404_pages_have_no_sharing_tags(frozen_repo: Path) -> None:
    # Served at any address that does not exist: there is no address of its own to share.
    for name in ("nl/404.html", "en/404.html"):
        head = head_of(frozen_repo, name)
        assert head.og == [] and head.twitter == {} and head.json_ld == []


@pytest.mark.parametrize(
    ("name", "kind", "title", "locale", "alternates"),
    [
        ("index.html", "website", "Nieuws RIO-vo", "nl_NL", ["en_GB"]),
        ("nl/index.html", "website", "Nieuws RIO-vo", "nl_NL", ["en_GB"]),
        ("en/index.html", "website", "RIO-vo news", "en_GB", ["nl_NL"]),
        ("nl/nieuws/update-livegang/index.html", "article", "Update livegang", "nl_NL", ["en_GB"]),
        ("en/news/update-livegang/index.html", "article", "Go-live update", "en_GB", ["nl_NL"]),
        ("nl/over-rio-vo/index.html", "website", "Over RIO-vo", "nl_NL", ["en_GB"]),
        ("en/about/index.html", "website", "About RIO-vo", "en_GB", ["nl_NL"]),
        ("en/topics/index.html", "website", "Topics – RIO-vo news", "en_GB", ["nl_NL"]),
        ("nl/zoeken/index.html", "website", "Zoeken – Nieuws RIO-vo", "nl_NL", ["en_GB"]),
        ("en/schedule/index.html", "website", "Schedule – RIO-vo news", "en_GB", ["nl_NL"]),
    ],
)
def test_type_title_and_locales(
    frozen_repo: Path, name: str, kind: str, title: str, locale: str, alternates: list[str]
) -> None:
    head = head_of(frozen_repo, name)
    assert head.one("og:type") == kind
    assert head.one("og:title") == title
    assert head.one("og:locale") == locale
    assert head.all("og:locale:alternate") == alternates
    assert head.one("og:site_name") == {"nl_NL": "Nieuws RIO-vo", "en_GB": "RIO-vo news"}[locale]


def test_titles_are_the_pages_own(frozen_repo: Path) -> None:
    """Posts and pages share their heading; other pages their <title>, the site's name included."""
    for name in EVERY_KIND[1:]:
        head = head_of(frozen_repo, name)
        page = (frozen_repo / name).read_text(encoding="utf-8")
        if head.one("og:type") == "article" or "over-rio-vo" in name or "about" in name:
            heading = re.search(r"<h1>(.*?)</h1>", page)
            assert heading and head.one("og:title") == heading[1], name
        elif name in ("nl/index.html", "en/index.html"):
            assert head.one("og:title") == head.one("og:site_name")
        else:
            assert head.one("og:title") == head.title, name


def test_a_page_in_one_language_names_no_other_locale(fixture_site: Path) -> None:
    # derde-bericht has no English translation; eerste-bericht has.
    alone = head_of(fixture_site, "nl/nieuws/derde-bericht/index.html", BASE)
    assert alone.one("og:locale") == "nl_NL" and alone.all("og:locale:alternate") == []
    both = head_of(fixture_site, "nl/nieuws/eerste-bericht/index.html", BASE)
    assert both.all("og:locale:alternate") == ["en_GB"]


def test_description_is_the_summary_else_the_sites(fixture_site: Path) -> None:
    post = head_of(fixture_site, "nl/nieuws/tweede-bericht/index.html", BASE)
    assert post.one("og:description") == "Een eigen samenvatting."
    assert post.twitter["twitter:description"] == "Een eigen samenvatting."
    index = head_of(fixture_site, "en/topics/index.html", BASE)
    assert index.one("og:description") == "News to test with."


# --- posts: article times and JSON-LD ---------------------------------------------------------


def test_post_times_and_json_ld_field_by_field(fixture_site: Path) -> None:
    head = head_of(fixture_site, "en/news/eerste-bericht/index.html", BASE)
    url = BASE + "en/news/eerste-bericht/"
    published = dt.datetime.fromisoformat(head.one("article:published_time"))
    modified = dt.datetime.fromisoformat(head.one("article:modified_time"))
    # date: 2019-10-10, updated: 2019-10-12; in Amsterdam, with its offset.
    assert published.date() == dt.date(2019, 10, 10) and published.utcoffset() is not None
    assert modified.date() == dt.date(2019, 10, 12) and modified.utcoffset() is not None

    article = head.ld("NewsArticle")
    assert set(article) == {
        "@context",
        "@type",
        "headline",
        "description",
        "datePublished",
        "dateModified",
        "inLanguage",
        "url",
        "image",
        "publisher",
    }
    assert article["@context"] == "https://schema.org"
    assert article["headline"] == "First post"
    assert article["description"] == "The first paragraph of the first post."
    assert article["datePublished"] == head.one("article:published_time")
    assert article["dateModified"] == head.one("article:modified_time")
    assert article["inLanguage"] == "en"
    assert article["url"] == url == head.one("og:url")
    assert article["image"] == {
        "@type": "ImageObject",
        "url": BASE + "en/share.png",
        "width": 1200,
        "height": 630,
    }
    # No organisation in the fixtures' site.yaml: the site's name stands for it.
    assert article["publisher"] == {"@type": "GovernmentOrganization", "name": "Test news"}

    crumbs = head.ld("BreadcrumbList")
    assert crumbs["@context"] == "https://schema.org"
    assert crumbs["itemListElement"] == [
        {"@type": "ListItem", "position": 1, "name": "Test news", "item": BASE + "en/"},
        {"@type": "ListItem", "position": 2, "name": "News", "item": BASE + "en/news/"},
        {"@type": "ListItem", "position": 3, "name": "First post", "item": url},
    ]
    for item in crumbs["itemListElement"]:
        assert built_file(fixture_site, item["item"], BASE).exists()
    assert strict_json_ld(head) == head.json_ld


def test_a_post_never_updated_was_modified_when_published(fixture_site: Path) -> None:
    head = head_of(fixture_site, "nl/nieuws/tweede-bericht/index.html", BASE)
    article = head.ld("NewsArticle")
    assert article["dateModified"] == article["datePublished"]
    assert dt.datetime.fromisoformat(article["datePublished"]).replace(tzinfo=None) == (
        dt.datetime(2019, 10, 31, 14, 30)
    )
    assert head.ld("BreadcrumbList")["itemListElement"][1]["name"] == "Nieuws"


def test_the_publisher_is_the_organisation_in_each_language(frozen_repo: Path) -> None:
    names = {
        "nl/nieuws/update-livegang/index.html": "DUO – Dienst Uitvoering Onderwijs",
        "en/news/update-livegang/index.html": "DUO – Education Executive Agency",
    }
    for name, organisation in names.items():
        article = head_of(frozen_repo, name).ld("NewsArticle")
        assert article["publisher"] == {"@type": "GovernmentOrganization", "name": organisation}


def test_pages_have_breadcrumbs_and_lists_no_json_ld(fixture_site: Path) -> None:
    page = head_of(fixture_site, "en/about-us/index.html", BASE)
    assert [item["@type"] for item in page.json_ld] == ["BreadcrumbList"]
    assert page.ld("BreadcrumbList")["itemListElement"] == [
        {"@type": "ListItem", "position": 1, "name": "Test news", "item": BASE + "en/"},
        {"@type": "ListItem", "position": 2, "name": "About us", "item": BASE + "en/about-us/"},
    ]
    for name in ("nl/index.html", "nl/nieuws/index.html", "en/topics/index.html"):
        assert head_of(fixture_site, name, BASE).json_ld == []


# --- hostile titles ----------------------------------------------------------------------------

HOSTILE = [
    "</script><script>alert(1)</script>",
    "</SCRIPT ><!-- <script>",
    "<!--",
    "a & b &amp; <b>c</b> \"d\" 'e' \\ f",
    ']]></script>{"@type": "x"}',
]


@pytest.mark.parametrize("title", HOSTILE)
def test_hostile_titles_stay_inside_the_json_ld(content_dir: Path, title: str) -> None:
    summary = f"Over {title}"
    quoted = title.replace("\\", "\\\\").replace('"', '\\"')
    (content_dir / "nieuws" / "vijandig.nl.md").write_text(
        f'---\ntitle: "{quoted}"\nsummary: "Over {quoted}"\ndate: 2019-11-02\n---\nTekst.\n',
        encoding="utf-8",
    )
    client = create_app({"CONTENT_DIR": str(content_dir), "TESTING": True}).test_client()
    response = client.get("/nl/nieuws/vijandig/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    head = read_head(html, BASE + "nl/nieuws/vijandig/")
    # Only the two data blocks are script elements, and their text holds no markup at all.
    assert head.script_types == ["application/ld+json", "application/ld+json"]
    assert html.lower().count("<script") == 2
    for text in head.scripts:
        assert not set(text) & set("<>&"), text
    article, crumbs = strict_json_ld(head)
    assert article["headline"] == title
    assert article["description"] == summary
    assert crumbs["itemListElement"][-1]["name"] == title
    assert head.one("og:title") == title == head.twitter["twitter:title"]
    assert head.one("og:description") == summary


# --- a post's own image ------------------------------------------------------------------------


def png(width: int, height: int, colour: str = "#336699") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="PNG")
    return out.getvalue()


def test_a_post_shows_its_first_image(content_dir: Path) -> None:
    (content_dir / "bestanden").mkdir()
    (content_dir / "bestanden" / "foto.png").write_bytes(png(900, 600))
    (content_dir / "bestanden" / "tweede.png").write_bytes(png(700, 400))
    (content_dir / "nieuws" / "met-foto.nl.md").write_text(
        "---\ntitle: Met foto\ndate: 2019-11-02\n---\nTekst.\n\n"
        "![Een foto van de zaal](../bestanden/foto.png)\n\n![Tweede](../bestanden/tweede.png)\n",
        encoding="utf-8",
    )
    output = content_dir.parent / "out"
    build(content_dir, output)
    head = head_of(output, "nl/nieuws/met-foto/index.html", BASE)
    image = head.one("og:image")
    assert image.startswith(BASE) and head.one("og:image:alt") == "Een foto van de zaal"
    assert head.twitter["twitter:image"] == image
    with Image.open(built_file(output, image, BASE)) as picture:
        assert picture.format == "PNG"
        size = picture.size
    assert size[0] <= 900 and size[0] / size[1] == pytest.approx(1.5, abs=0.01)  # or a copy
    if head.all("og:image:width"):  # today's plain <img> has no size; resized copies have one
        assert (int(head.one("og:image:width")), int(head.one("og:image:height"))) == size
    assert head.ld("NewsArticle")["image"]["url"] == image
    # A post without an image, and every other page, keep the site's image.
    other = head_of(output, "nl/nieuws/eerste-bericht/index.html", BASE)
    assert other.one("og:image") == BASE + "nl/share.png"


def post_with(body_html: str) -> Post:
    return Post(
        slug="x",
        lang="en",
        title="X",
        date=dt.datetime(2019, 10, 10, tzinfo=dt.UTC),
        summary="",
        body_html=body_html,
        source=Path("x.en.md"),
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<p>No image.</p>", None),
        (
            '<p><img alt="Plain" src="/bestanden/a.jpg"></p><img alt="Second" src="b.png">',
            (BASE + "bestanden/a.jpg", "Plain", None, None, "image/jpeg"),
        ),
        (
            '<img src="photo.png" width="800" height="600" alt="Sized">',
            (BASE + "en/news/x/photo.png", "Sized", 800, 600, "image/png"),
        ),
        (  # resized copies: the widest, its height in proportion; an alt text with a >
            '<picture><source type="image/webp" srcset="p-480.webp 480w, p-1200.webp 1200w">'
            '<img alt="a > b" src="p-800.jpg" width="800" height="600"'
            ' srcset="p-480.jpg 480w, p-1200.jpg 1200w, p-800.jpg 800w"></picture>',
            (BASE + "en/news/x/p-1200.jpg", "a > b", 1200, 900, "image/jpeg"),
        ),
        ('<img alt="" src="data:image/png;base64,AAAA">', None),
        ('<img alt="A diagram" src="/bestanden/schema.svg">', None),
        (
            '<img alt="No extension" src="/bestanden/plaatje">',
            (BASE + "bestanden/plaatje", "No extension", None, None, None),
        ),
        (
            '<img alt="elsewhere" src="https://other.example/x.gif">',
            ("https://other.example/x.gif", "elsewhere", None, None, "image/gif"),
        ),
    ],
)
def test_the_first_image_of_a_body(app, body: str, expected: tuple | None) -> None:
    with app.test_request_context("/en/news/x/"):
        found = first_image(post_with(body), BASE + "en/news/x/")
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert (found.url, found.alt, found.width, found.height, found.mimetype) == expected


# --- the default share image -------------------------------------------------------------------


def test_the_default_image_is_a_1200_by_630_png_in_the_sites_colours(fixture_site: Path) -> None:
    css = (REPO / "static" / "style.css").read_text(encoding="utf-8")
    brand = re.search(r"--brand:\s*(#[0-9a-f]{6})", css)
    focus = re.search(r"--focus:\s*(#[0-9a-f]{6})", css)
    assert brand and focus
    files = {lang: (fixture_site / lang / "share.png").read_bytes() for lang in ("nl", "en")}
    for data in files.values():
        with Image.open(io.BytesIO(data)) as image:
            assert (image.format, image.size) == ("PNG", (1200, 630))
            rgb = image.convert("RGB")
            assert (
                "#{:02x}{:02x}{:02x}".format(*rgb.getpixel((5, 5))) == brand[1]
            )  # the header's blue
            assert (
                "#{:02x}{:02x}{:02x}".format(*rgb.getpixel((600, 625))) == focus[1]
            )  # the accent bar
            # The title is drawn: white pixels in the upper half.
            assert (255, 255, 255) in {
                rgb.getpixel((x, y)) for x in range(80, 700, 3) for y in range(150, 330, 3)
            }
    assert files["nl"] != files["en"]  # each shows the title in its language


def test_the_default_image_is_the_same_every_build(fixture_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build(FIXTURES / "content", again, use_cache=False)
    for lang in ("nl", "en"):
        assert (again / lang / "share.png").read_bytes() == (
            fixture_site / lang / "share.png"
        ).read_bytes()
    colours = colours_from_css("")
    assert card_png("Één titel", "Organisatie", colours) == card_png(
        "Één titel", "Organisatie", colours
    )


def test_long_titles_fit_and_missing_letters_fall_back() -> None:
    font = ImageFont.truetype(str(TITLE_FONT), 48)
    lines = wrap(
        "Een " + "heel " * 40 + "Donaudampfschifffahrtsgesellschaftskapitänswitwe", font, 1040
    )
    assert all(font.getlength(line) <= 1040 for line in lines)
    assert drawable("Één café — “x” ŵ 東京", TITLE_FONT) == "Één café — “x” ŵ"
    assert WIDTH / HEIGHT == pytest.approx(1.905, abs=0.001)


# --- the site's own image ----------------------------------------------------------------------

ALT = "share_image_alt:\n  nl: Het logo van de site\n  en: The site's logo\n"


def set_share_image(content_dir: Path, text: str) -> None:
    site = content_dir / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_the_sites_own_image_replaces_the_card(content_dir: Path) -> None:
    (content_dir / "bestanden").mkdir()
    (content_dir / "bestanden" / "deel.jpg").write_bytes(jpeg := _jpeg(1200, 630))
    set_share_image(content_dir, "share_image: deel.jpg\n" + ALT)
    output = content_dir.parent / "out"
    build(content_dir, output)
    assert not (output / "nl" / "share.png").exists()
    for name, alt in (
        ("nl/index.html", "Het logo van de site"),
        ("en/about-us/index.html", "The site's logo"),
    ):
        head = head_of(output, name, BASE)
        assert head.one("og:image") == BASE + "bestanden/deel.jpg"
        assert head.one("og:image:type") == "image/jpeg"
        assert (head.one("og:image:width"), head.one("og:image:height")) == ("1200", "630")
        assert head.one("og:image:alt") == alt
    assert (output / "bestanden" / "deel.jpg").read_bytes() == jpeg


def _jpeg(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "#154273").save(out, format="JPEG")
    return out.getvalue()


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims a size in its header and holds no pixels (a decompression bomb's
    disguise: the header is all Pillow reads when it opens a file)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def _gif(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("P", (width, height)).save(out, format="GIF")
    return out.getvalue()


@pytest.mark.parametrize(
    ("files", "settings", "field", "message"),
    [
        (
            {},
            "share_image: deel.png\n" + ALT,
            "share_image",
            '"deel.png" is not a file in content/bestanden/ (expected the name of an image there, '
            "e.g. share_image: deelafbeelding.png)",
        ),
        (
            {"deel.png": b"x"},
            "share_image: ../site.yaml\n" + ALT,
            "share_image",
            '"../site.yaml" is not a file in content/bestanden/',
        ),
        (
            {"deel.png": b"not an image"},
            "share_image: deel.png\n" + ALT,
            "share_image",
            '"deel.png" is not an image that can be read (expected a PNG or JPEG file)',
        ),
        (
            {"deel.gif": "gif"},
            "share_image: deel.gif\n" + ALT,
            "share_image",
            '"deel.gif" is not a PNG or JPEG image (expected a PNG or JPEG file)',
        ),
        (
            {"deel.png": "small"},
            "share_image: deel.png\n" + ALT,
            "share_image",
            '"deel.png" is 300 × 200 pixels (expected at least 600 × 315, best 1200 × 630: '
            "smaller images show as a thumbnail, not a card)",
        ),
        (
            {"deel.png": "wide"},
            "share_image: deel.png\n" + ALT,
            "share_image",
            '"deel.png" is 5000 × 700 pixels (expected at most 4096 pixels on each side',
        ),
        (
            {"deel.png": "bomb"},
            "share_image: deel.png\n" + ALT,
            "share_image",
            '"deel.png" has too many pixels to read (expected at most 4096 pixels on each side',
        ),
        (
            {"deel.png": "warned bomb"},
            "share_image: deel.png\n" + ALT,
            "share_image",
            '"deel.png" has too many pixels to read (expected at most 4096 pixels on each side',
        ),
        (
            {"deel.png": "heavy"},
            "share_image: deel.png\n" + ALT,
            "share_image",
            '"deel.png" is 5.5 MB (expected at most 5 MB',
        ),
        (
            {"deel.png": "good"},
            "share_image: deel.png\n",
            "share_image_alt",
            "is required with share_image: what the image shows, in each language "
            "(expected {nl: …, en: …})",
        ),
        (
            {"deel.png": "good"},
            "share_image: deel.png\nshare_image_alt: {nl: Logo}\n",
            "share_image_alt",
            "has no text for language 'en'",
        ),
        (
            {},
            ALT,
            "share_image_alt",
            "is only used with share_image (expected also share_image: deelafbeelding.png)",
        ),
    ],
)
def test_the_sites_own_image_is_checked(
    content_dir: Path, files: dict, settings: str, field: str, message: str
) -> None:
    made = {
        "gif": lambda: _gif(1200, 630),
        "small": lambda: png(300, 200),
        "wide": lambda: png(5000, 700),
        "bomb": lambda: _png_header_only(30_000, 30_000),  # Pillow: an error at once
        "warned bomb": lambda: _png_header_only(10_000, 10_000),  # Pillow: a warning
        "heavy": lambda: png(1200, 630) + bytes(int(5.5 * 1024 * 1024)),
        "good": lambda: png(1200, 630),
    }
    (content_dir / "bestanden").mkdir()
    for name, data in files.items():
        (content_dir / "bestanden" / name).write_bytes(made[data]() if data in made else data)
    set_share_image(content_dir, settings)
    problems: list[Problem] = []
    load_settings(content_dir, problems)
    assert len(problems) == 1, problems
    (problem,) = problems
    assert problem.path == str(content_dir / "site.yaml")
    assert problem.field == field and problem.message.startswith(message), problem.message
    lines = (content_dir / "site.yaml").read_text(encoding="utf-8").splitlines()
    assert problem.line is not None
    assert lines[problem.line - 1].startswith((f"{field}:", "share_image:"))
    # The build refuses it with the same message, and builds nothing.
    output = content_dir.parent / "out"
    with pytest.raises(ContentError) as caught:
        build(content_dir, output)
    assert f"site.yaml:{problem.line}: {field}: {message}" in str(caught.value)
    assert not output.exists() or not any(output.iterdir())


# --- the base URL ------------------------------------------------------------------------------


def without_base_url(content_dir: Path) -> None:
    site = content_dir / "site.yaml"
    text = site.read_text(encoding="utf-8").replace(f"base_url: {BASE}\n", "")
    site.write_text(text, encoding="utf-8")


def test_pages_need_the_base_url(content_dir: Path) -> None:
    without_base_url(content_dir)
    client = create_app({"CONTENT_DIR": str(content_dir), "TESTING": True}).test_client()
    with pytest.raises(ContentError, match=r"site\.yaml: base_url: is not set; links shared"):
        client.get("/nl/")
    with pytest.raises(ContentError, match=r"base_url: is not set; the sitemap, the feeds and"):
        build(content_dir, content_dir.parent / "out")


def test_the_preview_shares_its_own_address_without_a_base_url(content_dir: Path) -> None:
    without_base_url(content_dir)
    app = create_app(
        {
            "CONTENT_DIR": str(content_dir),
            "TESTING": True,
            "PREVIEW": True,
            "DRAFTS": True,
            "FUTURE": True,
        }
    )
    client = app.test_client()
    html = client.get("/nl/nieuws/eerste-bericht/").get_data(as_text=True)
    head = read_head(html, "http://localhost/nl/nieuws/eerste-bericht/")
    assert head.one("og:url") == "http://localhost/nl/nieuws/eerste-bericht/"
    assert head.one("og:image") == "http://localhost/nl/share.png"
    card = client.get("/nl/share.png")
    assert card.status_code == 200 and card.mimetype == "image/png"
    assert card.data.startswith(b"\x89PNG")


def test_a_new_title_draws_the_card_again_in_a_rebuild(content_dir: Path, tmp_path: Path) -> None:
    output, clean = tmp_path / "out", tmp_path / "clean"
    build(content_dir, output)
    before = (output / "nl" / "share.png").read_bytes()
    site = content_dir / "site.yaml"
    site.write_text(
        site.read_text(encoding="utf-8").replace("nl: Testnieuws", "nl: Ander nieuws"),
        encoding="utf-8",
    )
    build(content_dir, output)  # reuses every page whose input key is unchanged
    build(content_dir, clean, use_cache=False)
    after = (output / "nl" / "share.png").read_bytes()
    assert after != before and after == (clean / "nl" / "share.png").read_bytes()
    assert (output / "en" / "share.png").read_bytes() == (clean / "en" / "share.png").read_bytes()
    head = head_of(output, "nl/nieuws/eerste-bericht/index.html", BASE)
    assert head.one("og:site_name") == "Ander nieuws"
    assert head.one("og:image:alt") == "Ander nieuws"
