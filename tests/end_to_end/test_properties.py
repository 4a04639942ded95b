"""Property tests (hypothesis): arbitrary text never crashes the loader and never runs anywhere.

Run time stays a few seconds: a fixed number of examples per property, no deadline (the first
example pays for imports and caches). The examples run are counted in EXAMPLES below.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from flask import url_for
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from newsroom.build.site import url_generators
from newsroom.content.fields import clean_text
from newsroom.core.errors import ContentError, Problem
from newsroom.core.models import Post
from newsroom.loading.documents import load_post
from newsroom.markup.blocks import BlockMarkers
from newsroom.markup.crossrefs import CrossReferences
from newsroom.markup.figures import Figures
from newsroom.markup.render import EXTENSION_CONFIGS, EXTENSIONS, Renderer
from newsroom.web.app import create_app
from site_safety import file_problems

EXAMPLES = {"loader": 120, "front matter text": 60, "rendered site": 25, "markdown": 300}
"""Examples per property (hypothesis runs exactly these many, unless it finds a failure)."""

SITE = "title: {nl: Test, en: Test}\nbase_url: https://test.example.org/\n"

# Pieces that, put together at random, make the markup a sanitiser has to see through.
PIECES = [
    "<", ">", "</", "/>", '"', "'", "`", "=", " ", "\n", "\n\n", "&", "&#", "&#x", ";", "\\",
    "script", "SCRIPT", "img", "svg", "iframe", "a", "style", "math", "form", "details",
    " src", " href", " onerror", " onload", " ONCLICK", " style", " data-block",
    "javascript:", "java\tscript:", "&#106;avascript:", "vbscript:", "data:text/html,",
    "alert(1)", "x", "[", "]", "(", ")", "[x](", "![x](", "{: ", " }", "<!--", "-->",
    "<![CDATA[", "]]>", "*", "_", "`", "```", "|", "---", "[[feeds]]", "[[schedule]]",
]  # fmt: skip
markup = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
text = st.text(max_size=80)
any_text = st.one_of(text, markup, st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
yaml_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), any_text),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(text, children, max_size=3)
    ),
    max_leaves=6,
)


RENDERER = Renderer()

# What Python-Markdown's inline patterns look for (the renderer skips patterns a text cannot
# match), with plain words and the characters around them.
MARKDOWN_PIECES = [
    "word", "Woord", " ", "  \n", "\n", "\n\n", "# ", "## ", "- ", "1. ", "> ", "    ",
    "*", "**", "_", "__", "`", "``", "\\", "\\`", "\\*", "[", "]", "(", ")", "![",
    "[a](b)", "[a][1]", "\n[1]: https://x.nl/\n", "<https://x.nl>", "<a@b.nl>", "<b>", "</b>",
    "&amp;", "&#8211;", "&nbsp;", "&", "'", '"', "'s", "'20s", "--", "---", "...", "....",
    "|", "| a | b |\n|---|---|\n| 1 | 2 |\n", "{: .x }", "*[RIO]: Register\n", "RIO",
    "```\ncode\n```\n", "é", "\u2019", ":", "!", ".",
]  # fmt: skip


@settings(max_examples=EXAMPLES["markdown"], deadline=None)
@given(text=st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=30).map("".join))
def test_renderer_writes_what_plain_markdown_writes(text: str) -> None:
    """The renderer's speed-ups (skipped patterns, one reused instance) change no byte."""
    plain = markdown.Markdown(
        extensions=[*EXTENSIONS, BlockMarkers(), CrossReferences(), Figures()],
        extension_configs=EXTENSION_CONFIGS,
        output_format="html",
    )
    assert RENDERER.render(text) == plain.convert(text)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


def load_one(folder: Path, data: bytes) -> tuple[Post | None, list[Problem]]:
    path = folder / "nieuws" / "x.nl.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    problems: list[Problem] = []
    post = load_post(path, RENDERER, problems, {"rollout": None})
    return post, problems


def assert_post_or_problem(post: Post | None, problems: list[Problem]) -> None:
    errors = [p for p in problems if p.is_error]
    assert (post is None) == bool(errors), errors
    for problem in problems:
        assert problem.path.endswith("x.nl.md")
        assert len(str(problem).splitlines()) == 1, "one line per problem"


@settings(
    max_examples=EXAMPLES["loader"],
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(fields=st.dictionaries(any_text, yaml_value, max_size=6), body=any_text)
def test_any_front_matter_values_give_a_post_or_problems(
    scratch: Path, fields: dict[str, Any], body: str
) -> None:
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=True)
    post, problems = load_one(scratch, f"---\n{front}---\n{body}".encode())
    assert_post_or_problem(post, problems)


@settings(
    max_examples=EXAMPLES["front matter text"],
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(front=any_text, body=any_text, raw=st.binary(max_size=60))
def test_any_front_matter_text_gives_a_post_or_problems(
    scratch: Path, front: str, body: str, raw: bytes
) -> None:
    for data in (f"---\n{front}\n---\n{body}".encode(), b"---\n" + raw + b"\n---\nx", raw):
        post, problems = load_one(scratch, data)
        assert_post_or_problem(post, problems)


def site_files(content: Path) -> Iterator[tuple[str, bytes]]:
    """The pages, feeds and sitemap of the site over `content` that can show the Dutch post."""
    app = create_app({"CONTENT_DIR": str(content), "TESTING": True})
    with app.test_request_context():
        urls = [url_for(endpoint, **values) for endpoint, values in url_generators(app)]
    # The post is Dutch: English pages never show it (and cost time per example).
    urls = [url for url in urls if not url.startswith("/en/")]
    client = app.test_client()
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 302), url
        name = url + "index.html" if url.endswith("/") else url
        yield name, response.get_data()


# Titles and tags that are more than white space and control characters, so most examples
# render (an empty one is a content problem, which the loader tests cover).
some_text = any_text.filter(lambda value: clean_text(value).strip())


@settings(max_examples=EXAMPLES["rendered site"], deadline=None)
@given(
    title=some_text,
    summary=st.one_of(st.none(), any_text),
    tags=st.lists(some_text, max_size=3),
    body=any_text,
)
def test_whatever_renders_cannot_run(
    title: str, summary: str | None, tags: list[str], body: str
) -> None:
    fields: dict[str, Any] = {"title": title, "date": "2019-10-31", "tags": tags}
    if summary is not None:
        fields["summary"] = summary
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=True)
    content = Path(tempfile.mkdtemp(prefix="newsroom-property-"))
    try:
        (content / "nieuws").mkdir()
        (content / "site.yaml").write_text(SITE, encoding="utf-8")
        (content / "nieuws" / "x.nl.md").write_text(
            f"---\n{front}---\nTekst.\n\n{body}\n", encoding="utf-8"
        )
        try:
            files = list(site_files(content))
        except ContentError:
            event("not rendered: a content problem")
            return  # a precise problem instead of a site: what the loader tests are about
        event("rendered")
        assert any(name.endswith("feed.xml") for name, _ in files)
        for name, data in files:
            assert file_problems(name, data) == [], (name, data[:2000])
    finally:
        shutil.rmtree(content)
