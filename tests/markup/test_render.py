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
