"""The sanitiser: what survives, what is removed, and the warning that says so."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from commands import freeze
from newsroom.build.site import build
from newsroom.checks.run import run_check
from newsroom.core.errors import ContentError
from newsroom.loading.content import load_content
from newsroom.markup import sanitise
from newsroom.markup.render import Renderer
from newsroom.markup.sanitise import raw_images
from newsroom.web.app import create_app
from paths import REPO
from site_safety import OWN_SCRIPT


def write_post(content_dir: Path, name: str, body: str, title: str = "Veilig") -> Path:
    path = content_dir / "nieuws" / name
    path.write_text(f"---\ntitle: {title}\ndate: 2019-01-01\n---\n{body}", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("fragment", "kept"),
    [
        ('<h2 id="kop">Kop</h2>', '<h2 id="kop">Kop</h2>'),
        ('<a href="https://x.nl/" title="t" hreflang="en">x</a>', None),
        ('<a href="mailto:a@x.nl">m</a>', None),
        ('<a href="../bestanden/a.pdf#p">f</a>', None),
        ('<a href="nieuws/a.nl.md#kop">p</a>', None),
        ('<img src="bestanden/a.png" alt="A" title="t" width="10" height="20">', None),
        ('<ol start="3">\n<li>a</li>\n</ol>', None),
        ('<abbr title="Dienst Uitvoering Onderwijs">DUO</abbr>', None),
        ("<p>x<sup>2</sup>y<sub>3</sub><br><kbd>Ctrl</kbd></p>", None),
        ('<table>\n<thead>\n<tr>\n<th scope="col">a</th>\n</tr>\n</thead>\n</table>', None),
        ('<pre><code class="language-python">x &lt; 1\n</code></pre>', None),
        ('<div data-block="schedule magister"></div>', None),
        ('<div data-block="feeds"></div>', None),
        ('<p class="note" id="n1">x</p>', None),
        ("<blockquote>\n<p>q</p>\n</blockquote>\n<hr>", None),
        ('<th style="text-align: right;">a</th>', '<th class="align-right">a</th>'),
    ],
)
def test_allowed_html_is_kept(fragment: str, kept: str | None) -> None:
    if fragment.startswith("<th"):  # a cell outside a table is dropped by any HTML parser
        fragment, kept = (f"<table><tr>{x}</tr></table>" for x in (fragment, kept))
        kept = kept.replace("<tr>", "<tbody><tr>").replace("</table>", "</tbody></table>")
    assert sanitise.clean(fragment) == (kept or fragment)
    assert sanitise.removed(fragment) == []


@pytest.mark.parametrize(
    ("fragment", "clean", "reported"),
    [
        ("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>", "<script> element"),
        ('<iframe src="https://evil.example/"></iframe>', "", "<iframe> element"),
        ("<style>body{display:none}</style>x", "x", "<style> element"),
        ('<object data="x.swf"></object>', "", "<object> element"),
        ('<embed src="x.swf">', "", "<embed> element"),
        ('<form action="https://evil.example/"><p>x</p></form>', "<p>x</p>", "<form> element"),
        ('<img src="x.png" onerror="alert(1)">', '<img src="x.png">', "onerror attribute on <img>"),
        ('<p onclick="alert(1)">x</p>', "<p>x</p>", "onclick attribute on <p>"),
        ('<p style="color:red">x</p>', "<p>x</p>", "style attribute on <p>"),
        (
            '<a href="javascript:alert(1)">x</a>',
            "<a>x</a>",
            'javascript: link "javascript:alert(1)"',
        ),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "<a>x</a>", "javascript: link"),
        ('<a href="java&#x09;script:alert(1)">x</a>', "<a>x</a>", "javascript: link"),
        ('<a href="vbscript:msgbox(1)">x</a>', "<a>x</a>", "vbscript: link"),
        (
            '<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="a">',
            '<img alt="a">',
            "data: link",
        ),
        ("<svg onload=alert(1)><circle/></svg>x", "x", "<svg> element"),
        (
            '<a href="https://x.nl/" target="_blank">x</a>',
            '<a href="https://x.nl/">x</a>',
            "target",
        ),
        ('<div data-block="x&quot;><script>"></div>', "<div></div>", "data-block"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "", "<meta>"),
        ('<base href="https://evil.example/">', "", "<base> element"),
        ('<link rel="stylesheet" href="https://evil.example/x.css">', "", "<link> element"),
    ],
)
def test_unsafe_html_is_removed_and_reported(fragment: str, clean: str, reported: str) -> None:
    assert sanitise.clean(fragment) == clean
    assert any(reported in removal.what for removal in sanitise.removed(fragment))


@pytest.mark.parametrize("reference", ["&#1;", "&#x1b;", "&#127;", "&#xFFFE;", "&#1"])
def test_character_references_cannot_bring_control_characters_back(reference: str) -> None:
    assert sanitise.clean(f"<p>a{reference}b</p>") == "<p>ab</p>"


def test_comments_are_removed_silently() -> None:
    assert sanitise.clean("<p>a<!-- <script>x</script> -->b</p>") == "<p>ab</p>"
    assert sanitise.removed("<p>a<!-- <script>x</script> -->b</p>") == []


def test_markdown_links_with_unsafe_schemes_lose_their_address(content_dir: Path) -> None:
    write_post(
        content_dir,
        "links.nl.md",
        "[a](javascript:alert(1)) [b](data:text/html,x) [c](https://x.nl/) [d](#kop)\n",
    )
    post = next(p for p in load_content(content_dir).posts if p.slug == "links")
    assert post.body_html == (
        '<p><a>a</a> <a>b</a> <a href="https://x.nl/">c</a> <a href="#kop">d</a></p>'
    )


def test_table_alignment_becomes_classes(content_dir: Path) -> None:
    write_post(content_dir, "tabel.nl.md", "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n")
    post = next(p for p in load_content(content_dir).posts if p.slug == "tabel")
    assert 'class="align-left"' in post.body_html
    assert '<td class="align-right">3</td>' in post.body_html
    assert "style=" not in post.body_html
    css = (REPO / "static" / "style.css").read_text(encoding="utf-8")
    assert ".align-right { text-align: right; }" in css


def test_blocks_survive_the_sanitiser_and_still_expand(content_dir: Path) -> None:
    write_post(content_dir, "blok.nl.md", "Voor.\n\n[[feeds]]\n\nNa.\n")
    app = create_app({"CONTENT_DIR": str(content_dir), "TESTING": True})
    page = app.test_client().get("/nl/nieuws/blok/").get_data(as_text=True)
    assert "data-block" not in page  # the placeholder was replaced by the block
    assert "nieuws/feed.xml" in page


def test_a_warning_names_the_file_and_line_of_removed_html(content_dir: Path) -> None:
    path = write_post(
        content_dir,
        "xss.nl.md",
        'Eerste alinea.\n\nTweede <span onclick="alert(1)">x</span>\n\n<script>alert(2)</script>\n',
    )
    content = load_content(content_dir)
    warnings = [str(w) for w in content.warnings if w.path == str(path)]
    assert warnings == [
        f"{path}:7: body: onclick attribute on <span> removed: the site allows only safe HTML "
        "(no scripts, frames, styles, forms or event attributes; links only to http, https, "
        "mailto or relative addresses)",
        f"{path}:9: body: <script> element removed: the site allows only safe HTML "
        "(no scripts, frames, styles, forms or event attributes; links only to http, https, "
        "mailto or relative addresses)",
    ]
    post = next(p for p in content.posts if p.slug == "xss")
    assert "alert" not in post.body_html and "onclick" not in post.body_html


def test_check_reports_removed_html_as_a_warning(content_dir: Path) -> None:
    path = write_post(content_dir, "xss.nl.md", "<iframe src=x></iframe>Tekst.\n")
    result = run_check(content_dir)
    mine = [p for p in result.problems if p.path == str(path) and p.field == "body"]
    assert [(p.severity, p.line) for p in mine] == [("warning", 5)]
    assert "<iframe> element removed" in mine[0].message
    assert not [p for p in result.errors if p.path == str(path)]


def test_build_prints_the_warning_and_still_succeeds(content_dir: Path, tmp_path: Path) -> None:
    path = write_post(content_dir, "xss.nl.md", 'Tekst <a href="vbscript:x">a</a>.\n')
    output = tmp_path / "out"
    done = freeze(content_dir, output)
    assert done.returncode == 0, done.stderr
    assert f'warning: {path}:5: body: vbscript: link "vbscript:x" removed' in done.stderr
    page = (output / "nl" / "nieuws" / "xss" / "index.html").read_text(encoding="utf-8")
    assert "vbscript" not in page


def test_titles_and_summaries_stay_text(content_dir: Path, tmp_path: Path) -> None:
    payload = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    path = content_dir / "nieuws" / "titel.nl.md"
    path.write_text(
        f"---\ntitle: '{payload}'\nsummary: '{payload}'\ntags: ['{payload}']\n"
        "date: 2019-01-01\n---\nTekst.\n",
        encoding="utf-8",
    )
    output = tmp_path / "out"
    build(content_dir, output)
    for page in output.rglob("*"):
        if page.suffix in (".html", ".xml", ".ics"):
            text = OWN_SCRIPT.sub("", page.read_text(encoding="utf-8"))  # (the search page's)
            assert "<script" not in text, page
            assert "<img src=x" not in text, page
    post = (output / "nl" / "nieuws" / "titel" / "index.html").read_text(encoding="utf-8")
    assert (
        "<h1>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;</h1>" in post
    )


def test_the_warning_comes_back_from_the_build_cache(content_dir: Path, tmp_path: Path) -> None:
    path = write_post(content_dir, "xss.nl.md", "Tekst <b onclick=x>vet</b>.\n")
    output = tmp_path / "out"
    first = build(content_dir, output)  # renders and fills the cache
    again = build(content_dir, output)  # loads the post from the cache
    for result in (first, again):
        assert [(w.path, w.line, w.field) for w in result.warnings] == [(str(path), 5, "body")]


@pytest.mark.parametrize("piece", ["<a ", "<a b", "<a b=", "<a b='", '<a b="<a b="', "<a/"])
def test_reading_a_long_run_of_broken_tags_does_not_take_forever(piece: str) -> None:
    # A regex that tried each "<" as the start of one ever longer tag took hours for 100 kB
    # of `<a <a <a …`; run it in a child process so a regression fails instead of hanging.
    code = (
        "from newsroom.markup import sanitise\n"
        f"text = {piece!r} * (200_000 // {len(piece)})\n"
        "sanitise.removed(text)\nsanitise.clean(text)\n"
    )
    subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO / "site")},
        check=True,
        timeout=60,  # takes well under a second
    )


@pytest.mark.parametrize(
    ("markdown", "raw"),
    [
        ('Zie <img src="a.png" alt="A">.', 1),
        ("<IMG SRC='a.png'>\n\n<p><img src=b.png></p>", 2),
        ('![Een kaart](a.png) en <img src="b.png" alt="B">', 1),
        ("![Een kaart](a.png)\n\n![](b.png){: .decorative }", 0),
        ('Schrijf `<img src="a.png">` niet zo.\n\n    <img src="b.png">', 0),  # code
        ('<!-- <img src="a.png"> -->Tekst.', 0),
    ],
)
def test_images_written_as_html_are_counted(markdown: str, raw: int) -> None:
    renderer = Renderer()
    html = renderer.render(markdown)
    assert raw_images(html, len(renderer.images)) == raw


def test_an_image_written_as_html_is_an_error_in_both_languages(
    content_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_post(
        content_dir, "foto.nl.md", 'Tekst.\n\nZie `<img>` en <img src="https://x.nl/a.png">.\n'
    )
    with pytest.raises(ContentError) as raised:
        load_content(content_dir)
    assert [str(p) for p in raised.value.problems if p.path == str(path)] == [
        f"{path}:7: image: an image written in HTML (<img …>) is not allowed: write it in "
        "Markdown, ![what the image shows](../bestanden/photo.jpg), so the build checks its "
        "alternative text and publishes copies without metadata (EDITING.md, Images)"
    ]
    monkeypatch.delenv("NEWSROOM_LANG")
    result = run_check(content_dir)
    assert [p.message for p in result.errors if p.path == str(path)] == [
        "een afbeelding in HTML (<img …>) kan niet: schrijf hem in Markdown, ![wat de "
        "afbeelding laat zien](../bestanden/foto.jpg), zodat de bouw de alternatieve tekst "
        "controleert en kopieën zonder metadata publiceert (EDITING.md, Afbeeldingen)"
    ]


SHORTCUT_CASES = [
    '<p>Plain <a href="https://x.nl/" title="t">link</a> &amp; <em>text</em></p>',
    '<h2 id="kop">Kop</h2>\n<ol start="3">\n<li>a</li>\n</ol>',
    '<div data-block="schedule magister"></div>',
    '<table>\n<tr>\n<th class="align-right">a</th>\n</tr>\n</table>',
    '<img src="bestanden/a.png" alt="A &lt; B">',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href=" JavaScript:x">x</a>',
    '<p title="a > b">x</p><script>alert(1)</script>',
    "<p>a<!-- <script>x</script> -->b</p>",
    '<p onclick="x">a</p>',
    "<P ONCLICK=x>a</P>",
    '<div data-block="x&quot;><script>"></div>',
    '<div data-block="bad value!"></div>',
    "<p>a < b <script>x</script></p>",
    '<img src="x.png" onerror="alert(1)">',
    '<th style="text-align: right;">a</th><td style="color: red">b</td>',
    "<svg><circle/></svg>",
    '<a href="https://x.nl/" target="_blank">x</a>',
    "<p>unclosed <a href='x'",
]


@pytest.mark.parametrize("fragment", SHORTCUT_CASES)
def test_the_shortcut_for_plain_html_agrees_with_the_parser(fragment: str) -> None:
    """`removed` skips the parser for HTML made only of plain tags the policy keeps: it says
    nothing is removed exactly where the parser finds nothing removed (what `clean` does is
    the judge: it changes no tag of such HTML)."""
    slow = sanitise._removals(sanitise._aligned(fragment))
    assert sanitise.removed(fragment) == slow
    if sanitise._plainly_allowed(sanitise._aligned(fragment)):
        assert slow == []


def test_the_shortcut_takes_what_markdown_writes(corpus: Path) -> None:
    """Every post of the benchmark corpus, rendered, takes the shortcut (or it saves nothing)."""
    from newsroom.content.documents import read_source
    from newsroom.markup.render import Renderer

    renderer = Renderer()
    files = sorted(corpus.rglob("nieuws/**/*.md"))
    assert len(files) > 20
    for path in files:
        source = read_source(path, [])
        assert source is not None
        html = sanitise._aligned(renderer.render(source.document.body))
        assert sanitise._plainly_allowed(html), path
        assert sanitise._removals(html) == []
