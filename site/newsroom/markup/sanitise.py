"""Sanitise the HTML that Markdown made: only a safe list of elements, attributes and links.

Editors may write raw HTML in Markdown. After rendering, `clean` keeps what Markdown itself
emits and a few harmless extras (`<abbr>`, `<sup>`, `<sub>`, `<br>`, `<kbd>`, tables…), and
removes everything else: `<script>`, `<iframe>`, `<style>`, `<object>`, forms, event
attributes (`onclick` …), `style` attributes and links other than http, https, mailto or
relative ones (so no `javascript:`, `data:` or `vbscript:`). The sanitiser is nh3 (Ammonia).

`removed` lists what the policy removes from a fragment, in words an editor recognises, so
the loader can warn about it. It reads the fragment with the same policy instead of diffing
parser output, so HTML the parser merely tidies (a missing `</p>`) is never reported.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import nh3

from newsroom.content.fields import clean_text

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

POLICY = repr(
    (
        sorted(TAGS),
        sorted(GENERIC_ATTRIBUTES),
        sorted((t, sorted(a)) for t, a in ATTRIBUTES.items()),
        sorted(URL_SCHEMES),
        sorted(DROPPED_WITH_CONTENT),
        _BLOCK_VALUE.pattern,
        _ALIGN.pattern,
        nh3.__version__ if hasattr(nh3, "__version__") else "",
    )
)
"""The whole policy as text: part of any cache key of sanitised HTML."""


@dataclass(frozen=True, slots=True)
class Removal:
    """One kind of thing the sanitiser removed, and a string to find it in the Markdown."""

    what: str  # e.g. '<script> element', 'onclick attribute on <img>', 'link "javascript:…"'
    needle: str  # lower-case text that occurs in the source where it was written


def clean(fragment: str) -> str:
    """The fragment with only the allowed elements, attributes and links."""
    # The sanitiser writes character references as characters: `&#1;` would become a control
    # character (which XML cannot hold), so they are removed again afterwards.
    return clean_text(_CLEANER.clean(_ALIGN.sub(r'<\1 class="align-\2">', fragment)))


_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
# Names and unquoted values never hold "<": a run of `<a <a <a …` without a ">" must fail fast
# at each "<" instead of being tried as one ever longer tag (quadratic, hours at 100 kB).
_START_TAG = re.compile(
    r"<([a-zA-Z][a-zA-Z0-9-]*)"
    r"((?:\s+[^\s=/>\"'<]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"'<]+))?)*)\s*/?>"
)
_ATTRIBUTE = re.compile(r"\s([^\s=/>\"'<]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"'<]+)))?")
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_IGNORED_IN_URL = re.compile(r"[\x00-\x20]")


def _scheme(url: str) -> str | None:
    """The URL's scheme as a browser reads it (tabs, newlines and case ignored), or None."""
    match = _SCHEME.match(_IGNORED_IN_URL.sub("", html.unescape(url)).lower())
    return match[1] if match else None


def removed(fragment: str) -> list[Removal]:
    """What `clean` removes from `fragment`: each kind once, in the order first met."""
    found: dict[str, Removal] = {}
    for tag_match in _START_TAG.finditer(_COMMENT.sub("", fragment)):
        tag = tag_match[1].lower()
        if tag not in TAGS:
            found.setdefault(f"<{tag}>", Removal(f"<{tag}> element", f"<{tag}"))
            continue
        allowed = GENERIC_ATTRIBUTES | ATTRIBUTES.get(tag, set())
        for attribute in _ATTRIBUTE.finditer(tag_match[2]):
            name = attribute[1].lower()
            value = next((v for v in attribute.groups()[1:] if v is not None), "")
            if tag in ("th", "td") and name == "style" and _ALIGN.match(tag_match[0]):
                continue  # Markdown's own table alignment, turned into a class
            if name not in allowed:
                what = f"{name} attribute on <{tag}>"
                found.setdefault(what, Removal(what, name))
            elif name in ("href", "src", "cite"):
                scheme = _scheme(value)
                if scheme is not None and scheme not in URL_SCHEMES:
                    shown = value if len(value) <= 40 else value[:39] + "…"
                    what = f'{scheme}: link "{shown}"'
                    found.setdefault(what, Removal(what, f"{scheme}:"))
            elif name == "data-block" and not _BLOCK_VALUE.fullmatch(value):
                what = f'data-block "{value}" on <div>'
                found.setdefault(what, Removal(what, "data-block"))
    return list(found.values())
