"""Images in Markdown: a caption makes a figure; alternative text is required; a decorative
image says so; whatever an editor writes, the image's markup is the site's, not theirs."""

from __future__ import annotations

import pytest

from newsroom.markup import sanitise
from newsroom.markup.figures import alt_problem
from newsroom.markup.render import Renderer


def rendered(text: str) -> str:
    return sanitise.clean(Renderer().render(text))


def test_an_image_with_a_title_alone_in_its_paragraph_is_a_figure() -> None:
    assert rendered('![Een kaart](../bestanden/kaart.png "De kaart van mei")') == (
        '<figure><img alt="Een kaart" src="bestanden/kaart.png">'
        "<figcaption>De kaart van mei</figcaption></figure>"
    )


def test_an_image_without_a_title_or_inside_a_sentence_is_no_figure() -> None:
    assert rendered("![Een kaart](../bestanden/kaart.png)") == (
        '<p><img alt="Een kaart" src="bestanden/kaart.png"></p>'
    )
    assert rendered('Zie ![Een kaart](../bestanden/kaart.png "Mei") hier.') == (
        '<p>Zie <img alt="Een kaart" src="bestanden/kaart.png" title="Mei"> hier.</p>'
    )


def test_a_caption_is_text_not_markup() -> None:
    html = rendered('![Kaart](../bestanden/k.png "<script>alert(1)</script> & <b>vet</b>")')
    assert "<script" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;vet&lt;/b&gt;" in html


def test_decorative_is_a_class_by_attr_list() -> None:
    assert rendered("![](../bestanden/lijn.png){: .decorative }") == (
        '<p><img alt="" class="decorative" src="bestanden/lijn.png"></p>'
    )


@pytest.mark.parametrize(
    ("markdown", "wrong"),
    [
        ("![](../bestanden/a.png)", "no alternative text"),
        ("![   ](../bestanden/a.png)", "no alternative text"),
        ("![Een lijn](../bestanden/a.png){: .decorative }", "marked decorative"),
        ("![Een lijn](../bestanden/a.png)", None),
        ("![](../bestanden/a.png){: .decorative }", None),
        ("![](../bestanden/a.png){: .decorative .breed }", None),
    ],
)
def test_alt_text_is_checked(markdown: str, wrong: str | None) -> None:
    renderer = Renderer()
    renderer.render(markdown)
    (image,) = renderer.images
    problem = alt_problem(image)
    assert (problem is None) if wrong is None else (wrong in (problem or "")), problem


def test_only_images_written_in_markdown_are_listed() -> None:
    """The renderer lists the images Markdown wrote; one in raw HTML is not among them (the
    loader refuses it: `raw_images`, tests/markup/test_sanitise.py)."""
    renderer = Renderer()
    renderer.render('Tekst <img src="../bestanden/a.png">\n\n![](b.png)')
    assert [image["src"] for image in renderer.images] == ["b.png"]
    renderer.render("Geen beeld.")
    assert renderer.images == []
