"""Links from a post to other posts, pages and files, written the way editors know them.

Editors link by file name, as if linking file to file (so Markdown editors follow them too):

- a post: `[tekst](mandaat-softwareleverancier.nl.md)` (any folder part is ignored, since a
  slug is unique per language; `#anchor` may follow);
- a page: `[tekst](../paginas/over-rio-vo.nl.md)` (a `paginas` folder in the path);
- a file or image in `content/bestanden/`: `![foto](../bestanden/foto.jpg)` (a `bestanden`
  folder in the path; the rest is the path inside it).

At load time (no Flask) such a link becomes a canonical placeholder: a plain relative
`href`/`src` of `nieuws/<slug>.<lang>.md`, `paginas/<slug>.<lang>.md` or `bestanden/<path>`,
optionally with `#anchor`. It is an ordinary relative URL in an ordinary attribute, so a
sanitiser keeps it (allow `href` on `a`, `src` on `img`, relative URLs). At render time
`web.embed.resolve` turns each into the real link: relative in pages, absolute in feeds.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from newsroom.content.files import FILES_FOLDER
from newsroom.core.models import LANGUAGES

FOLDERS = ("nieuws", "paginas")
"""Content folders whose files can be linked by name."""

_DOCUMENT = re.compile(r"(?P<slug>[^/]+)\.(?P<lang>[a-z]{2})\.md")
PLACEHOLDER = re.compile(
    r'(?P<before><(?:a|img)\b[^>]*?\s(?P<attr>href|src)=")'
    r"(?P<target>(?:nieuws|paginas)/[^\"#/]+\.[a-z]{2}\.md|bestanden/[^\"#]+)"
    r'(?P<fragment>#[^"]*)?"'
)


@dataclass(frozen=True, slots=True)
class Target:
    """What a link in a post points at, after canonicalisation."""

    kind: str  # "nieuws", "paginas", "bestanden", "site" (an absolute path), "relative"
    path: str  # the slug for documents, the path inside bestanden, else the link as written
    lang: str | None = None
    fragment: str = ""

    @property
    def canonical(self) -> str:
        if self.kind in FOLDERS:
            return f"{self.kind}/{self.path}.{self.lang}.md"
        if self.kind == FILES_FOLDER:
            return f"{FILES_FOLDER}/{self.path}"
        return self.path

    @property
    def file_name(self) -> str:
        """The part of the link an editor recognises, to find it in the file."""
        if self.kind in FOLDERS:
            return f"{self.path}.{self.lang}.md"
        if self.kind == FILES_FOLDER:
            return self.path.rsplit("/", 1)[-1]
        return self.path


def classify(url: str) -> Target | None:
    """What an `href`/`src` points at; None for links elsewhere (other sites, mail, anchors)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    segments = [s for s in path.split("/") if s not in ("", ".")]
    name = segments[-1] if segments else ""
    document = _DOCUMENT.fullmatch(name)
    if document and document["lang"] in LANGUAGES:
        kind = "paginas" if "paginas" in segments[:-1] else "nieuws"
        return Target(kind, document["slug"], document["lang"], parts.fragment)
    if FILES_FOLDER in segments:
        inside = segments[len(segments) - 1 - segments[::-1].index(FILES_FOLDER) + 1 :]
        if inside and ".." not in inside:
            return Target(FILES_FOLDER, "/".join(inside), None, parts.fragment)
    if path.startswith("/"):
        return Target("site", url)
    return Target("relative", url)


class _Canonicalise(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            attr = {"a": "href", "img": "src"}.get(element.tag)
            value = element.get(attr) if attr else None
            if not value:
                continue
            target = classify(value)
            if target is not None and target.kind in (*FOLDERS, FILES_FOLDER):
                fragment = f"#{target.fragment}" if target.fragment else ""
                element.set(attr, target.canonical + fragment)


class CrossReferences(Extension):
    """Python-Markdown extension: editors' file links become canonical placeholders."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        # After inline parsing made the <a>/<img> elements (priority below 'inline', 20).
        md.treeprocessors.register(_Canonicalise(md), "newsroom-crossrefs", 5)


def links_in(body_html: str) -> Iterator[tuple[str, Target]]:
    """Every link and image in rendered HTML that points inside the site: (element, target)."""
    for match in re.finditer(r'<(a|img)\b[^>]*?\s(?:href|src)="([^"]*)"', body_html):
        target = classify(match.group(2).replace("&amp;", "&"))
        if target is not None:
            yield match.group(1), target
