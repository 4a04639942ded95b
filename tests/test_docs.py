"""The documentation's links lead somewhere: README.md, EDITING.md and every file in docs/.

Every relative link (inline `[text](target)`, images, reference definitions `[ref]: target`,
and `href`/`src` in raw HTML) must name a file or folder of the repository, and a `#anchor`
into a Markdown file must name one of its headings, as GitHub makes anchors from headings.
Links to other sites (any `scheme:`) are not followed. Code (fenced blocks and `code spans`)
is skipped: the content contract shows editors' links there that are not the docs' own.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pytest

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
BENCH_START, BENCH_END = "<!-- bench:start -->", "<!-- bench:end -->"


def documents() -> list[Path]:
    return [REPO / "README.md", REPO / "EDITING.md", *sorted(DOCS.glob("**/*.md"))]


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)
_INLINE = re.compile(
    r"!?\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]"
    r"\(\s*(?:<(?P<angled>[^>]*)>|(?P<target>[^\s()]*(?:\([^\s()]*\)[^\s()]*)*))"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
_FULL_REFERENCE = re.compile(r"\[(?:[^\[\]]|\[[^\[\]]*\])*\]\[(?P<label>[^\[\]]*)\]")
_DEFINITION = re.compile(r"^ {0,3}\[(?P<label>[^\]]+)\]:\s*<?(?P<target>[^\s>]+)>?", re.M)
_HTML_LINK = re.compile(r"<(?:a|img)\b[^>]*?\s(?:href|src)=[\"'](?P<target>[^\"']*)[\"']", re.I)
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")
_HTML_ANCHOR = re.compile(r"<a\b[^>]*?\s(?:id|name)=[\"'](?P<id>[^\"']+)[\"']", re.I)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _without_fences(text: str) -> list[str]:
    """The file's lines, with every line of a fenced code block blanked (numbers kept)."""
    lines = text.split("\n")
    fence: str | None = None
    for number, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence is None:
            if match:
                fence = match.group(1)
                lines[number] = ""
        else:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            lines[number] = ""
    return lines


def prose(text: str) -> str:
    """The text without code: fenced blocks and code spans blanked, line numbers kept."""
    joined = "\n".join(_without_fences(text))
    return _CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), joined)


def heading_text(markdown: str) -> str:
    """A heading's text as GitHub shows it: no code marks, links as their text, no emphasis."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"<[^>]+>", "", text)
    return text.replace("`", "").replace("*", "")


def github_slug(text: str) -> str:
    """The anchor GitHub gives a heading: lowercase; only letters, digits, `_`, `-` and spaces
    kept; each space a hyphen."""
    return re.sub(r"[^\w\- ]", "", heading_text(text).strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """Every anchor a Markdown file offers: its headings' slugs (a repeated one gets `-1`,
    `-2`…, as on GitHub) and the ids of its HTML anchors."""
    found: set[str] = set()
    seen: Counter[str] = Counter()
    lines = _without_fences(path.read_text(encoding="utf-8"))
    for line in lines:
        match = _HEADING.match(line)
        if match:
            slug = github_slug(match["text"])
            found.add(f"{slug}-{seen[slug]}" if seen[slug] else slug)
            seen[slug] += 1
    found.update(m["id"] for m in _HTML_ANCHOR.finditer("\n".join(lines)))
    return found


@dataclass(frozen=True)
class Link:
    source: Path
    line: int
    target: str

    def __str__(self) -> str:
        return f"{self.source.relative_to(REPO)}:{self.line}: {self.target}"


def links(path: Path) -> list[Link]:
    """Every link in the Markdown file at `path`, outside code, with its line."""
    text = prose(path.read_text(encoding="utf-8"))

    def line_of(offset: int) -> int:
        return text.count("\n", 0, offset) + 1

    found = []
    for match in _INLINE.finditer(text):
        target = match["angled"] if match["angled"] is not None else match["target"]
        found.append(Link(path, line_of(match.start()), target))
    for match in _DEFINITION.finditer(text):
        found.append(Link(path, line_of(match.start()), match["target"]))
    for match in _HTML_LINK.finditer(text):
        found.append(Link(path, line_of(match.start()), match["target"]))
    labels = {m["label"].strip().lower() for m in _DEFINITION.finditer(text)}
    for match in _FULL_REFERENCE.finditer(text):
        label = match["label"].strip().lower() or re.sub(r"^\[|\].*$", "", match.group(0)).lower()
        if label not in labels:
            found.append(Link(path, line_of(match.start()), f"[{label}] (no definition)"))
    return found


def broken(link: Link, root: Path = REPO) -> str | None:
    """What is wrong with a link, or None when it leads somewhere inside `root`."""
    target = link.target
    if target.endswith("(no definition)"):
        return "a reference link without its definition"
    if _SCHEME.match(target) or target.startswith("//"):
        return None  # another site, mail…: not followed
    path_part, _, fragment = target.partition("#")
    path_part = unquote(path_part.split("?", 1)[0])
    if not path_part and not fragment:
        return "an empty link"
    file = (link.source.parent / path_part).resolve() if path_part else link.source
    if not file.exists():
        return "no such file or folder"
    if not file.is_relative_to(root.resolve()):
        return "outside the repository"
    if fragment and file.suffix == ".md" and unquote(fragment).lower() not in anchors(file):
        return f'no heading with the anchor "#{fragment}" in {file.name}'
    return None


@pytest.mark.parametrize("path", documents(), ids=lambda p: str(p.relative_to(REPO)))
def test_every_relative_link_leads_somewhere(path: Path) -> None:
    problems = [f"{link}: {why}" for link in links(path) if (why := broken(link))]
    assert not problems, "\n".join(problems)


def test_the_readme_maps_every_document() -> None:
    readme = REPO / "README.md"
    linked = {
        (readme.parent / link.target.partition("#")[0]).resolve()
        for link in links(readme)
        if not _SCHEME.match(link.target)
    }
    missing = [p.relative_to(REPO) for p in documents()[1:] if p.resolve() not in linked]
    assert not missing, f"README.md's map of the docs lacks {missing}"


def test_the_readme_keeps_the_benchmark_markers() -> None:
    # bench/run.py writes its results between these markers in README.md.
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert text.count(BENCH_START) == 1 and text.count(BENCH_END) == 1
    assert text.index(BENCH_START) < text.index(BENCH_END)


def test_broken_links_and_anchors_are_found(tmp_path: Path) -> None:
    # The checker itself: a file with one link of each kind, good and bad.
    (tmp_path / "other.md").write_text("# Other page\n\n## A `code` heading: yes!\n")
    doc = tmp_path / "doc.md"
    doc.write_text(
        "# Title\n\n## Title\n\n"
        "[ok](other.md) [ok](other.md#a-code-heading-yes) [ok](#title-1) [ok](https://x.org/y)\n"
        "[gone](missing.md) [bad anchor](other.md#nowhere) ![gone](img/none.png)\n"
        "[ref link][nodef] `[in code](missing-too.md)`\n\n"
        "```\n[in a fence](missing-three.md)\n```\n\n"
        '[def]: ./missing-four.md\n<a href="missing-five.md">x</a>\n',
        encoding="utf-8",
    )
    found = {link.target: broken(link, tmp_path) for link in links(doc)}
    assert {target for target, why in found.items() if why} == {
        "missing.md",
        "other.md#nowhere",
        "img/none.png",
        "[nodef] (no definition)",
        "./missing-four.md",
        "missing-five.md",
    }
    assert "missing-too.md" not in found and "missing-three.md" not in found
