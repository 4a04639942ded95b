"""A page's sharing metadata read back as the services that show a shared link read it:
Open Graph and JSON-LD by extruct (the extractor search and link-preview tools use), the X
(Twitter) card tags and the raw text of each JSON-LD block by lxml."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import extruct
import lxml.html


@dataclass
class Head:
    og: list[tuple[str, str]]  # Open Graph properties in page order (og:, article:)
    twitter: dict[str, str]
    json_ld: list[dict[str, Any]]  # as extruct reads them
    scripts: list[str] = field(default_factory=list)  # text of every <script> element
    script_types: list[str | None] = field(default_factory=list)
    title: str = ""  # the <title> element's text
    canonical: str | None = None

    def one(self, name: str) -> str:
        """The value of the Open Graph property `name`, which the page must have once."""
        values = self.all(name)
        assert len(values) == 1, (name, values)
        return values[0]

    def all(self, name: str) -> list[str]:
        return [value for key, value in self.og if key == name]

    def ld(self, kind: str) -> dict[str, Any]:
        """The one JSON-LD object of @type `kind`."""
        found = [item for item in self.json_ld if item.get("@type") == kind]
        assert len(found) == 1, (kind, self.json_ld)
        return found[0]


def read_head(html: str, url: str) -> Head:
    """What `html`, served at `url`, tells about itself for sharing."""
    data = extruct.extract(html, base_url=url, syntaxes=["json-ld", "opengraph"], uniform=False)
    og = [pair for block in data["opengraph"] for pair in block["properties"]]
    tree = lxml.html.document_fromstring(html)
    twitter = {
        meta.get("name"): meta.get("content")
        for meta in tree.xpath("//meta[starts-with(@name, 'twitter:')]")
    }
    scripts = tree.xpath("//script")
    canonical = tree.xpath("//link[@rel='canonical']/@href")
    return Head(
        og=og,
        twitter=twitter,
        json_ld=data["json-ld"],
        scripts=[script.text or "" for script in scripts],
        script_types=[script.get("type") for script in scripts],
        title=tree.findtext(".//title") or "",
        canonical=canonical[0] if canonical else None,
    )


def strict_json_ld(head: Head) -> list[dict[str, Any]]:
    """Every JSON-LD block parsed as strict JSON (extruct forgives comments and more)."""
    return [
        json.loads(text)
        for text, kind in zip(head.scripts, head.script_types, strict=True)
        if kind == "application/ld+json"
    ]
