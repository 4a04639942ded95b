"""One rule for errors: what `make check` calls an error, the build refuses (issue 19)."""

from __future__ import annotations

from pathlib import Path

from commands import freeze
from trees import tree_digest


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_the_build_refuses_broken_links_and_leaves_the_output(
    content_dir: Path, tmp_path: Path
) -> None:
    output = tmp_path / "out"
    assert freeze(content_dir, output).returncode == 0
    before = tree_digest(output)
    spare = tmp_path / ".out-previous"
    spare_before = tree_digest(spare) if spare.exists() else None
    _append(
        content_dir / "nieuws" / "eerste-bericht.nl.md",
        "\n[dood](bestaat-niet.nl.md)\n\n[pagina](../paginas/geen.nl.md)\n\n"
        "![foto](../bestanden/ontbreekt.png)\n",
    )
    done = freeze(content_dir, output)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    for text in ('there is no post "bestaat-niet"', 'no page "geen"', '"ontbreekt.png"'):
        assert text in done.stderr
    assert "eerste-bericht.nl.md:" in done.stderr  # path:line: field: problem
    assert tree_digest(output) == before  # nothing published
    if spare_before is not None:
        assert tree_digest(spare) == spare_before


def test_a_broken_link_in_a_draft_is_refused_too(content_dir: Path, tmp_path: Path) -> None:
    # `make check` calls it an error in a draft as well, so the build does.
    _append(content_dir / "nieuws" / "concept.nl.md", "\n[dood](bestaat-niet.nl.md)\n")
    done = freeze(content_dir, tmp_path / "out")
    assert done.returncode == 1
    assert 'there is no post "bestaat-niet"' in done.stderr
    assert not (tmp_path / "out").exists()


def test_warnings_stay_warnings(content_dir: Path, tmp_path: Path) -> None:
    # A link to a draft is a warning in check: the build goes on.
    _append(content_dir / "nieuws" / "eerste-bericht.nl.md", "\n[later](concept.nl.md)\n")
    done = freeze(content_dir, tmp_path / "out")
    assert done.returncode == 0, done.stderr
