"""A Frozen-Flask without a private method the freezer uses: a warning, and the same site."""

from __future__ import annotations

from pathlib import Path

import flask_frozen
import pytest

from edits import EDITS
from newsroom.build.freezer import FENCED, FrozenFlaskChanged
from newsroom.build.output import spare_path
from newsroom.build.site import build
from trees import clean, tree


def test_every_fenced_method_is_in_the_pinned_frozen_flask() -> None:
    assert all(hasattr(flask_frozen.Freezer, name) for name in FENCED)


@pytest.mark.parametrize("before", ["nothing", "a build"])
def test_without_a_private_method_the_build_warns_and_makes_the_same_site(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, before: str
) -> None:
    output = tmp_path / "site" / "build"
    if before == "a build":
        build(corpus, output, jobs=2)  # the fallback then writes the spare, shared with it
        EDITS["body"](corpus)
    live = tree(output) if before == "a build" else None
    monkeypatch.delattr(flask_frozen.Freezer, "_check_endpoints")
    with pytest.warns(FrozenFlaskChanged, match="_check_endpoints"):
        result = build(corpus, output, jobs=2)
    monkeypatch.undo()
    assert result.written >= result.pages  # every page made again
    assert tree(output) == clean(corpus, tmp_path)
    if live is not None:
        assert tree(spare_path(output)) == live  # the replaced build, untouched
    EDITS["title"](corpus)  # the next build, with the whole Frozen-Flask again
    build(corpus, output, jobs=2)
    assert tree(output) == clean(corpus, tmp_path)
