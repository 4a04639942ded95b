"""Property test (hypothesis): whatever a post's title and summary, the page's JSON-LD stays one
data block each, parses as JSON and says exactly what the page shows, and the sharing tags carry
the same text. A title that closes the script element or opens a comment must not do either."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import lxml.html
import yaml
from hypothesis import event, given, settings
from hypothesis import strategies as st

from newsroom.content.fields import clean_text
from newsroom.core.errors import ContentError
from newsroom.web.app import create_app
from share_tags import read_head, strict_json_ld

EXAMPLES = 25
SITE = (
    "title: {nl: Test, en: Test}\ndescription: {nl: Testsite, en: Test site}\n"
    "base_url: https://test.example.org/\n"
)
URL = "https://test.example.org/nl/nieuws/x/"

# What could end a script element, open a comment or confuse a JSON or HTML parser.
PIECES = [
    "</script>", "</SCRIPT", "</script ", "<script>", "<!--", "-->", "<!", "<", ">", "/",
    "&", "&lt;", "&#60;", "\\", "\\u003c", '"', "'", "`", "{", "}", "[", "]", ":", ",",
    "\u2028", "\u2029", "\x00", "\ufeff", " ", "x", "é", "]]>", "<![CDATA[", "\n",
]  # fmt: skip
markup = st.lists(st.sampled_from(PIECES), min_size=1, max_size=30).map("".join)
some_text = st.one_of(markup, st.text(min_size=1, max_size=40)).filter(
    lambda value: clean_text(value).strip()
)


@settings(max_examples=EXAMPLES, deadline=None)
@given(title=some_text, summary=st.one_of(st.none(), some_text))
def test_any_title_stays_inside_the_json_ld(title: str, summary: str | None) -> None:
    fields = {"title": title, "date": "2019-10-31"}
    if summary is not None:
        fields["summary"] = summary
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=True)
    content = Path(tempfile.mkdtemp(prefix="newsroom-sharing-"))
    try:
        (content / "nieuws").mkdir()
        (content / "site.yaml").write_text(SITE, encoding="utf-8")
        (content / "nieuws" / "x.nl.md").write_text(f"---\n{front}---\nTekst.\n", encoding="utf-8")
        try:
            app = create_app({"CONTENT_DIR": str(content), "TESTING": True})
        except ContentError:
            event("not rendered: a content problem")
            return
        event("rendered")
        html = app.test_client().get("/nl/nieuws/x/").get_data(as_text=True)
    finally:
        shutil.rmtree(content)
    head = read_head(html, URL)
    assert head.script_types == ["application/ld+json", "application/ld+json"]
    assert html.lower().count("<script") == 2
    assert all("<" not in text for text in head.scripts)
    article, crumbs = strict_json_ld(head)
    tree = lxml.html.document_fromstring(html)
    shown = tree.findtext(".//h1")
    assert article["headline"] == shown == head.one("og:title")
    assert crumbs["itemListElement"][-1]["name"] == shown
    description = tree.xpath("//meta[@name='description']/@content")
    assert article["description"] == head.one("og:description") == description[0]
    assert article["url"] == head.one("og:url") == URL
