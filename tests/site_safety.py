"""What "nothing in the built site can run" means, checked the way a browser reads the files.

Pages are parsed as HTML; feeds as XML, and every piece of HTML they carry (entry content,
RSS descriptions) is parsed as HTML in turn. Escaped text such as `&lt;script&gt;` is text,
so it passes; a real `<script>` element, an `on…=` attribute or a `javascript:` address fails.

The one exception is the site's own search page: its search form, and the one script of the
site, `static/search.js`, in exactly the form the template writes them (`OWN_SCRIPT`,
`is_own_form`); and the JSON-LD data blocks, with no `<` in them; anything else of the kind
still fails, there and everywhere.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path

DANGEROUS_ELEMENTS = frozenset(
    {"script", "iframe", "object", "embed", "frame", "frameset", "applet", "base", "form"}
)
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data", "poster", "xlink:href"})
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")
_IGNORED_IN_URL = re.compile(r"[\x00-\x20]")
RASTER_IMAGES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp"})
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
OWN_SCRIPT = re.compile(
    r'<script type="module" src="(?:\.\./)*static/search\.js"></script>'
    r'|<script type="application/ld\+json">[^<]*</script>'
)
"""The site's own script, on the search page (templates/search.html); and the JSON-LD data
blocks of every page (templates/_sharing.html), which browsers never run, as long as their text
holds no `<` at all: a title that closes the element or opens a comment leaves a `<script`."""


def is_own_script(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    values = dict(attrs)
    if tag == "script" and attrs == [("type", "application/ld+json")]:
        return True  # a data block; file_problems checks its text
    return tag == "script" and bool(
        OWN_SCRIPT.fullmatch(
            f'<script type="{values.get("type")}" src="{values.get("src")}"></script>'
        )
    )


def is_own_form(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """The search page's form: role="search", method GET, to a relative address of the site."""
    values = dict(attrs)
    action = values.get("action") or ""
    return (
        tag == "form"
        and values.get("role") == "search"
        and values.get("method") == "get"
        and ":" not in action
        and not action.startswith("//")
    )


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DANGEROUS_ELEMENTS and not (is_own_script(tag, attrs) or is_own_form(tag, attrs)):
            self.found.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{name} attribute on <{tag}>")
            if name == "style" and tag != "link":
                self.found.append(f"style attribute on <{tag}>")
            if name in URL_ATTRIBUTES and value is not None:
                url = _IGNORED_IN_URL.sub("", html.unescape(value)).lower()
                if url.startswith(DANGEROUS_SCHEMES):
                    self.found.append(f"{name}={value!r} on <{tag}>")


def html_problems(text: str) -> list[str]:
    """Elements, attributes and addresses in an HTML text that could run something."""
    finder = _Finder()
    finder.feed(text)
    finder.close()
    return finder.found


RSS_HTML = frozenset({"title", "description", "{http://purl.org/rss/1.0/modules/content/}encoded"})
"""RSS elements readers treat as HTML (RSS 2.0 says so for description; readers do it for
titles too). Atom says per element: `type="html"` or `"xhtml"`; otherwise it is text."""


def xml_problems(data: bytes) -> list[str]:
    """The same for a feed: its own elements and every piece of HTML inside it."""
    found = []
    root = ElementTree.fromstring(data)  # raises on XML that is not well-formed
    atom = root.tag.startswith("{http://www.w3.org/2005/Atom}")
    for element in root.iter():
        local = element.tag.rsplit("}", 1)[-1]
        if local in DANGEROUS_ELEMENTS:
            found.append(f"<{local}> element in the XML")
        for name in element.attrib:
            if name.rsplit("}", 1)[-1].startswith("on"):
                found.append(f"{name} attribute in the XML")
        is_html = element.get("type") in ("html", "xhtml") if atom else element.tag in RSS_HTML
        if is_html and element.text:
            found += html_problems(element.text)
    return found


def file_problems(name: str, data: bytes) -> list[str]:
    """What could run in one file of the site (a page, feed, sitemap, calendar or text)."""
    found: list[str] = []
    suffix = Path(name).suffix
    if suffix in RASTER_IMAGES:
        return found  # pixels, never run (the share card, /<lang>/share.png)
    text = data.decode("utf-8")
    # Calendars are plain text (RFC 5545): `<script>` in a name is shown as written, and
    # icalendar escapes line breaks, so a value cannot start a property of its own.
    if suffix != ".ics" and "<script" in OWN_SCRIPT.sub("", text).lower():
        found.append("<script")
    if NOT_XML.search(text):
        found.append("a control character")
    if suffix == ".html":
        found += html_problems(text)
    elif suffix == ".xml":
        found += xml_problems(data)
    return found


def site_problems(output: Path) -> list[str]:
    """Everything in a built site that could run in a reader's browser or break its XML."""
    found: list[str] = []
    for path in sorted(output.rglob("*")):
        if path.suffix in (".html", ".xml", ".ics", ".txt"):
            found += [f"{path}: {what}" for what in file_problems(path.name, path.read_bytes())]
    return found
