"""Compiled templates shared by the apps of one process (web/compiled.py): a template is
compiled once, and again when its source changes; the pages are the same either way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from jinja2 import Environment

from newsroom.web.app import create_app
from paths import REPO


def test_a_template_is_compiled_once_per_source(
    content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    compiled: list[str | None] = []
    original = Environment.compile

    def counted(self: Environment, source: object, name: str | None = None, *args, **kwargs):
        compiled.append(name)
        return original(self, source, name, *args, **kwargs)

    monkeypatch.setattr(Environment, "compile", counted)
    config = {"CONTENT_DIR": str(content_dir), "TEMPLATES_DIR": str(templates), "TESTING": True}

    def page() -> str:
        app = create_app(config)
        with app.test_client() as client:
            answer = client.get("/nl/nieuws/eerste-bericht/")
            assert answer.status_code == 200
            return answer.get_data(as_text=True)

    first = page()
    assert "base.html" in compiled
    compiled.clear()
    assert page() == first  # a new app: the same page, nothing compiled again
    assert compiled == []

    base = templates / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</footer>", "Anders.</footer>"))
    changed = page()
    assert compiled == ["base.html"]  # only the edited template
    assert "Anders.</footer>" in changed and changed.replace("Anders.", "") == first
