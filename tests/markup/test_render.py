"""The renderer's speed-ups change no byte of HTML."""

from __future__ import annotations

from pathlib import Path

from paths import FIXTURES


def test_renderer_writes_what_plain_markdown_writes(corpus: Path) -> None:
    """The renderer's speed-ups (one instance, patterns as a list) change no byte of HTML."""
    import markdown

    from newsroom.content.front_matter import parse_document
    from newsroom.markup.blocks import BlockMarkers
    from newsroom.markup.crossrefs import CrossReferences
    from newsroom.markup.figures import Figures
    from newsroom.markup.render import EXTENSION_CONFIGS, EXTENSIONS, Renderer

    renderer = Renderer()
    files = sorted(corpus.rglob("*.md")) + sorted(FIXTURES.rglob("*.md"))
    assert len(files) > 30
    for path in files:
        document, _ = parse_document(path.read_text(encoding="utf-8"), str(path))
        if document is None:
            continue
        plain = markdown.Markdown(
            extensions=[*EXTENSIONS, BlockMarkers(), CrossReferences(), Figures()],
            extension_configs=EXTENSION_CONFIGS,
            output_format="html",
        )
        assert renderer.render(document.body) == plain.convert(document.body), path


TRICKY_INLINE = [
    "Plain words only, no markup at all",
    "*em* then 'quotes' and \"double\" -- dash --- long... end",
    "**strong *nested em* and `code 'q'`** tail's text -- after",
    "[a link 'x'](https://e.nl/ \"title 'q'\") and ![img](bestanden/a.png) it's",
    "line one  \nline two with a break's tail",
    "<span class=\"x\">raw 'html'</span> &amp; &copy; \\*escaped\\* <https://e.nl/> <a@b.nl>",
    "- item 'one'\n- *item* two -- x\n    - nested \"three\"...",
    "| a 'b' | c -- d |\n| --- | :-: |\n| *e* | `f` |",
    "## A heading's `code` {#own-id}\n\ntext_with_underscores and 5 * 3 * 2",
    "> quote 'q' [ref][r]\n\n[r]: https://e.nl/ 'T'\n\n*[HTML]: Hyper Text\n\nHTML 'x'",
    "text\u2003with 'odd' spaces\u00a0and a tail*",
    # `toc` makes its table only where a text asks for it; the ids are made everywhere.
    "[TOC]\n\n## One 'x'\n\ntext\n\n### Two\n\n## One 'x'\n\n> [TOC]",
    "## Heading\n\n    [TOC]\n\n`[TOC]`\n\n## Heading",
    # Blocks whose processors' tests are passed over when a needed character is missing.
    "Title\n=====\n\nSub\n---\n\ntext #not a heading\ntext\n### heading ###\n\n* * *\n\n___",
    "> quote\nlazy line\n\n>no space\n\ntext > not a quote\n\n   > indented quote",
    "| one |\n| --- |\n| two |\n\na | b\n--|--\nc | d\n\nnot | a table\n\n|x|\ny",
    "- item\n\n    ## in item\n\n    > quote in item\n\n1. one\n2. two\n\n-- - --\n\n- - -",
]


def test_tricky_inline_texts_render_as_plain_markdown_renders_them() -> None:
    """Texts that mix every inline pattern (nested, in tails, atomic code, stashed HTML):
    the processor's shortcuts (patterns passed over, texts left as they are) change nothing;
    nor does making the table of contents only when `[TOC]` asks for it, or passing over
    block tests that cannot succeed."""
    import markdown

    from newsroom.markup.blocks import BlockMarkers
    from newsroom.markup.crossrefs import CrossReferences
    from newsroom.markup.figures import Figures
    from newsroom.markup.render import EXTENSION_CONFIGS, EXTENSIONS, Renderer

    renderer = Renderer()
    for text in TRICKY_INLINE:
        plain = markdown.Markdown(
            extensions=[*EXTENSIONS, BlockMarkers(), CrossReferences(), Figures()],
            extension_configs=EXTENSION_CONFIGS,
            output_format="html",
        )
        assert renderer.render(text) == plain.convert(text), text
