"""Sanitise the HTML that Markdown made: only a safe list of elements, attributes and links.

Editors may write raw HTML in Markdown. After rendering, `clean` keeps what Markdown itself
emits and a few harmless extras (`<abbr>`, `<sup>`, `<sub>`, `<br>`, `<kbd>`, tables…), and
removes everything else: `<script>`, `<iframe>`, `<style>`, `<object>`, forms, event
attributes (`onclick` …), `style` attributes and links other than http, https, mailto or
relative ones (so no `javascript:`, `data:` or `vbscript:`). The sanitiser is nh3 (Ammonia).

`removed` lists what the policy removes from a fragment, in words an editor recognises, so
the loader can warn about it. It reads the fragment's start tags with lxml's HTML parser
(libxml2) and checks them against the same policy, instead of diffing parser output, so HTML
the parser merely tidies (a missing `</p>`) is never reported. Not the standard library's
`html.parser`: on Python 3.11 it takes quadratic time on a run of unfinished tags
(`<a <a <a …`: two minutes for 80 kB); libxml2 reads any input in linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import nh3
from lxml import etree

from newsroom.content.editor_texts import _
from newsroom.content.fields import clean_text
from newsroom.core.errors import Problem

TAGS = frozenset(
    {
        # What Python-Markdown and its extensions emit.
        *("h1", "h2", "h3", "h4", "h5", "h6", "p", "a", "img", "hr", "br", "blockquote"),
        *("ul", "ol", "li", "dl", "dt", "dd", "em", "strong", "code", "pre", "abbr"),
        *("table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption"),
        # A few harmless extras editors use.
        *("sup", "sub", "kbd", "b", "i", "s", "del", "ins", "mark", "small", "q", "cite"),
        *("span", "div", "figure", "figcaption", "time", "details", "summary"),
    }
)
GENERIC_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})
"""Allowed on every element (heading ids from `toc`, classes and ids from `attr_list`)."""
ATTRIBUTES = {
    "a": {"href", "hreflang", "rel"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "time": {"datetime"},
    "div": {"data-block"},  # the placeholders of generated blocks (`blocks.py`)
    "q": {"cite"},
    "blockquote": {"cite"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
"""Besides relative links (`../bestanden/x.pdf`, `#kop`), which are always kept."""
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math"}
)
"""Removed together with everything inside them; other unknown elements keep their text."""

_BLOCK_VALUE = re.compile(r"[a-z][a-z0-9-]*(?: [A-Za-z0-9_-]+)?")
# Python-Markdown's tables write alignment as a style attribute, which the site's Content
# Security Policy (style-src 'self') would ignore anyway: a class in the stylesheet does it.
_ALIGN = re.compile(r'<(th|td) style="text-align: (left|center|right);">')


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    if name == "data-block":
        return value if _BLOCK_VALUE.fullmatch(value) else None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={"*": set(GENERIC_ATTRIBUTES), **{t: set(a) for t, a in ATTRIBUTES.items()}},
    attribute_filter=_attribute_filter,
    url_schemes=set(URL_SCHEMES),
    link_rel=None,  # leave links as written (no target="_blank" is allowed, so no opener)
    strip_comments=True,
)


@dataclass(frozen=True, slots=True)
class Removal:
    """One kind of thing the sanitiser removed, and a string to find it in the Markdown."""

    what: str  # e.g. '<script> element', 'onclick attribute on <img>', 'link "javascript:…"'
    needle: str  # lower-case text that occurs in the source where it was written

    def warning(self, file: str, field: str, line: int | None) -> Problem:
        """The editors' warning for it: what was removed, and what the site allows."""
        message = _(
            "%(what)s removed: the site allows only safe HTML (no scripts, frames, styles, "
            "forms or event attributes; links only to http, https, mailto or relative "
            "addresses)",
            what=self.what,
        )
        return Problem(file, message, field=field, line=line, severity="warning")


def raw_images(fragment: str, written_in_markdown: int) -> int:
    """How many `<img>` tags the rendered `fragment` holds beyond the `written_in_markdown`
    ones Markdown made: images written as raw HTML (read as a browser reads them, so an
    `<img>` in a code block, a comment or a `<style>` is none)."""
    if fragment.lower().count("<img") <= written_in_markdown:
        return 0  # the usual case, without parsing
    images = sum(1 for tag, _attributes in _start_tags(fragment) if tag == "img")
    return max(images - written_in_markdown, 0)


def raw_image_problem(file: str, field: str, line: int | None) -> Problem:
    """The editors' error for an image written as HTML: it would escape the alternative text
    check and be published as it is, metadata (GPS, camera) and all."""
    message = _(
        "an image written in HTML (<img …>) is not allowed: write it in Markdown, "
        "![what the image shows](../bestanden/photo.jpg), so the build checks its alternative "
        "text and publishes copies without metadata (EDITING.md, Images)"
    )
    return Problem(file, message, field=field, line=line)


def clean(fragment: str) -> str:
    """The fragment with only the allowed elements, attributes and links."""
    # The sanitiser writes character references as characters: `&#1;` would become a control
    # character (which XML cannot hold), so they are removed again afterwards.
    return clean_text(_CLEANER.clean(_aligned(fragment)))


def _aligned(fragment: str) -> str:
    """The fragment with Markdown's table alignment as classes instead of style attributes."""
    return _ALIGN.sub(r'<\1 class="align-\2">', fragment)


_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_IGNORED_IN_URL = re.compile(r"[\x00-\x20]")
_IMPLIED = frozenset({"html", "head", "body"})
_VISIBLE = {code: repr(chr(code))[1:-1] for code in (*range(0x20), 0x7F)}  # "\t", "\x01"


class _StartTags:
    """An lxml parser target that keeps each start tag and its attributes, in order."""

    def __init__(self) -> None:
        self.tags: list[tuple[str, dict[str, str]]] = []

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        # libxml2 puts every fragment in html, head and body elements of its own (never with
        # attributes) and drops any written later, so only those with attributes are the
        # editor's.
        if tag not in _IMPLIED or attributes:
            self.tags.append((tag, dict(attributes)))

    def close(self) -> list[tuple[str, dict[str, str]]]:
        return self.tags


def _start_tags(fragment: str) -> list[tuple[str, dict[str, str]]]:
    """The fragment's start tags, read as a browser reads them (libxml2's HTML5 tokenizer:
    comments, script and style contents are no tags; linear time on any input), with tag and
    attribute names in lower case and character references in values resolved."""
    parser = etree.HTMLParser(target=_StartTags(), no_network=True)
    parser.feed(fragment)
    tags: list[tuple[str, dict[str, str]]] = parser.close()
    return tags


def _scheme(url: str) -> str | None:
    """The URL's scheme as a browser reads it (tabs, newlines and case ignored), or None."""
    match = _SCHEME.match(_IGNORED_IN_URL.sub("", url).lower())
    return match[1] if match else None


def _shown(value: str) -> str:
    """An attribute value for a message: at most 40 characters, control characters escaped."""
    value = value.translate(_VISIBLE)
    return value if len(value) <= 40 else value[:39] + "…"


# A tag as Python-Markdown writes one: a lower-case name, attributes with lower-case names
# and quoted values holding no angle bracket (its serialiser escapes them).
_PLAIN_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)((?:\s+[a-z][a-z0-9-]*(?:=\"[^\"<>]*\")?)*)\s*>")
_PLAIN_ATTRIBUTE = re.compile(r'\s+([a-z][a-z0-9-]*)(?:="([^"]*)")?')


def _plainly_allowed(fragment: str) -> bool:
    """Whether every tag of `fragment` is a plain one (`_PLAIN_TAG`) that the policy keeps as
    it is: then `removed` has nothing to report, without the parser. Anything else (a
    comment, a `<` that starts no such tag, an element or attribute the policy drops, a
    link's scheme, a character reference in a link) is left to the parser to judge."""
    if "<!" in fragment or "<?" in fragment:
        return False
    tags = _PLAIN_TAG.findall(fragment)
    if len(tags) != fragment.count("<"):  # a `<` that starts no plain tag
        return False
    for closing, name, attributes in tags:
        if name not in TAGS:
            return False
        if attributes and not closing:
            allowed = ATTRIBUTES.get(name, ())
            for key, value in _PLAIN_ATTRIBUTE.findall(attributes):
                if key not in GENERIC_ATTRIBUTES and key not in allowed:
                    return False
                if key in ("href", "src", "cite"):
                    scheme = _scheme(value)
                    if "&" in value or (scheme is not None and scheme not in URL_SCHEMES):
                        return False
                elif key == "data-block" and not _BLOCK_VALUE.fullmatch(value):
                    return False
    return True


def removed(fragment: str) -> list[Removal]:
    """What `clean` removes from `fragment`: each kind once, in the order first met."""
    fragment = _aligned(fragment)  # what `clean` reads
    if _plainly_allowed(fragment):  # (nearly every post)
        return []
    return _removals(fragment)


def _removals(fragment: str) -> list[Removal]:
    """`removed`, read by the parser."""
    found: dict[str, Removal] = {}
    for tag, attributes in _start_tags(fragment):
        if tag not in TAGS:
            if f"<{tag}>" not in found:
                found[f"<{tag}>"] = Removal(_("<%(tag)s> element", tag=tag), f"<{tag}")
            continue
        allowed = GENERIC_ATTRIBUTES | ATTRIBUTES.get(tag, set())
        for name, value in attributes.items():
            if name not in allowed:
                key = f"{name} attribute on <{tag}>"
                if key not in found:
                    what = _("%(name)s attribute on <%(tag)s>", name=name, tag=tag)
                    found[key] = Removal(what, name)
            elif name in ("href", "src", "cite"):
                scheme = _scheme(value)
                if scheme is not None and scheme not in URL_SCHEMES:
                    key = f'{scheme}: link "{_shown(value)}"'
                    if key not in found:
                        what = _('%(scheme)s: link "%(value)s"', scheme=scheme, value=_shown(value))
                        found[key] = Removal(what, f"{scheme}:")
            elif name == "data-block" and not _BLOCK_VALUE.fullmatch(value):
                key = f'data-block "{_shown(value)}" on <div>'
                if key not in found:
                    what = _('data-block "%(value)s" on <div>', value=_shown(value))
                    found[key] = Removal(what, "data-block")
    return list(found.values())
