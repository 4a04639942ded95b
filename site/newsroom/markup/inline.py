"""A faster inline processor for Python-Markdown, fenced off: it relies on private APIs.

It mirrors the private loop `InlineProcessor.__handleInline` of Markdown 3.x and reads regexes
with `re._parser`. Both are pinned by the versions in pyproject.toml and checked here: when
either is missing, Python-Markdown's own processor is kept and a warning says so (the HTML is
the same either way; only the speed differs).
"""

from __future__ import annotations

import re
import warnings
import xml.etree.ElementTree as etree
from typing import Any

import markdown
from markdown import util
from markdown.treeprocessors import InlineProcessor
from markdown.util import Registry

try:
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover (a Python without them: the plain processor)
    sre = sre_parse = None

_MIRRORED = "_InlineProcessor__handleInline"
"""The private method `SkippingInlineProcessor` replaces (and `run`, which calls it); the
siblings it calls (`__applyPattern`, `__processPlaceholders`, `__build_ancestors`) too."""


class FastInlineUnavailable(UserWarning):
    """Python-Markdown or Python changed: the plain (slower) inline processor is used."""


def available() -> bool:
    """Whether the private APIs this module mirrors are there."""
    return (
        sre_parse is not None
        and hasattr(InlineProcessor, _MIRRORED)
        and all(
            hasattr(InlineProcessor, f"_InlineProcessor__{name}")
            for name in ("applyPattern", "processPlaceholders", "build_ancestors")
        )
    )


def speed_up_inline_patterns(md: markdown.Markdown) -> None:
    """Make `md`'s inline processing faster where it safely can (same HTML, tested)."""
    if not available():
        warnings.warn(
            f"Markdown {markdown.__version__} has no InlineProcessor.__handleInline (or this "
            "Python no re._parser): rendering with Python-Markdown's own inline processor",
            FastInlineUnavailable,
            stacklevel=2,
        )
        return
    _freeze_inline_patterns(md)
    _skip_hopeless_patterns(md)


def _freeze_inline_patterns(md: markdown.Markdown) -> None:
    """Give each inline processor its patterns as a plain list: the same patterns in the same
    order, but indexing a list skips the Registry's sort check on each of the millions of
    lookups a site makes (about 15% of Markdown's time; the HTML is the same, tested)."""
    for processor in md.treeprocessors:
        if isinstance(processor, InlineProcessor) and isinstance(
            processor.inlinePatterns, Registry
        ):
            processor.inlinePatterns = list(processor.inlinePatterns)  # type: ignore[assignment]


def _skip_hopeless_patterns(md: markdown.Markdown) -> None:
    """Let each inline processor skip, for a given text, the patterns that cannot match it."""
    for processor in md.treeprocessors:
        if type(processor) is InlineProcessor:
            processor.__class__ = SkippingInlineProcessor
            needs = [needed_characters(p.getCompiledRegExp()) for p in processor.inlinePatterns]
            # Pattern i is bit i: the patterns a text may match are `always` and the bits of
            # its characters in `by_character` (a test per character instead of one per pattern).
            by_character: dict[str, int] = {}
            always = 0
            for number, need in enumerate(needs):
                if need is None:
                    always |= 1 << number
                    continue
                for character in need:
                    by_character[character] = by_character.get(character, 0) | 1 << number
            processor.always = always  # type: ignore[attr-defined]
            processor.by_character = by_character  # type: ignore[attr-defined]


class SkippingInlineProcessor(InlineProcessor):
    """Python-Markdown's inline processor, minus the searches that are bound to fail.

    It tries each of its ~30 patterns on every text of every post: millions of regex searches
    for a site, nearly all fruitless, and that per-pattern cycle is the biggest single cost of
    a clean build. Each pattern's regex needs one of a few characters (read from the regex:
    `needed_characters`); when a text has none of them, the pattern is passed over exactly as
    if it had been tried and failed. Same patterns, same order, same HTML (tested against
    plain Python-Markdown).
    """

    always: int
    by_character: dict[str, int]

    def _candidates(self, data: str) -> int:
        """The patterns `data` may match, as bits (pattern i: bit i)."""
        candidates = self.always
        # A test per character (a fast search through the text each) costs less than
        # hashing every character of the text into a set.
        for character, patterns in self.by_character.items():
            if character in data:
                candidates |= patterns
        return candidates

    def run(self, tree: Any, ancestors: list[str] | None = None) -> Any:
        # InlineProcessor.run (Markdown 3.x), plus one shortcut: a text or tail that no
        # pattern can match (and holding no placeholder) is left as it is, which is what the
        # full treatment makes of it, without the calls, the splitting and the search for
        # the tail's position (three texts in four, over a site).
        self.stashed_nodes: dict[str, Any] = {}
        tree_parents = [] if ancestors is None else ancestors[:]
        self.parent_map = {c: p for p in tree.iter() for c in p}
        stack = [(tree, tree_parents)]
        self._InlineProcessor__build_ancestors(tree, tree_parents)  # type: ignore[attr-defined]
        handle = self._InlineProcessor__handleInline
        placed = self._InlineProcessor__processPlaceholders  # type: ignore[attr-defined]
        prefix = self._InlineProcessor__placeholder_prefix  # type: ignore[attr-defined]
        candidates = self._candidates
        atomic = util.AtomicString

        while stack:
            currElement, parents = stack.pop(0)  # noqa: N806

            self.ancestors = parents
            if currElement is not tree:
                self.ancestors.append(currElement.tag.lower())

            insertQueue = []  # noqa: N806
            for child in currElement:
                text = child.text
                if text and not isinstance(text, atomic) and (candidates(text) or prefix in text):
                    self.ancestors.append(child.tag.lower())
                    child.text = None
                    lst = placed(handle(text), child)
                    for item in lst:
                        self.parent_map[item[0]] = child
                    stack += lst
                    insertQueue.append((child, lst))
                    self.ancestors.pop()
                tail = child.tail
                if tail and (candidates(tail) or prefix in tail):
                    tail = handle(tail)
                    dumby = etree.Element("d")
                    child.tail = None
                    tailResult = placed(tail, dumby, False)  # noqa: N806
                    if dumby.tail:
                        child.tail = dumby.tail
                    pos = list(currElement).index(child) + 1
                    tailResult.reverse()
                    for newChild in tailResult:  # noqa: N806
                        self.parent_map[newChild[0]] = currElement
                        currElement.insert(pos, newChild[0])
                if len(child):
                    self.parent_map[child] = currElement
                    stack.append((child, self.ancestors[:]))

            for element, lst in insertQueue:
                for i, obj in enumerate(lst):
                    newChild = obj[0]  # noqa: N806
                    element.insert(i, newChild)
        return tree

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        # The loop of InlineProcessor.__handleInline (Markdown 3.x), plus the skip.
        if isinstance(data, util.AtomicString):
            return data
        apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]
        patterns = self.inlinePatterns
        candidates = self._candidates(data) >> patternIndex
        start = 0
        while candidates:
            if not candidates & 1:  # the next patterns cannot match: passed over
                skipped = (candidates & -candidates).bit_length() - 1
                patternIndex += skipped
                candidates >>= skipped
                start = 0
            data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
            if matched:
                candidates = self._candidates(data) >> patternIndex
            else:
                patternIndex += 1
                candidates >>= 1
        return data


def needed_characters(compiled: re.Pattern[str]) -> frozenset[str] | None:
    """Characters of which any match of `compiled` contains at least one (None: no such set).

    Read from the parsed regex: a literal character that every match must contain, or one
    of a class of literals, or one per alternative. Unsure cases give None (always try).
    """
    if compiled.flags & re.IGNORECASE:
        return None
    return _sequence_needs(sre_parse.parse(compiled.pattern, compiled.flags))


def _sequence_needs(items: Any) -> frozenset[str] | None:
    needs = [need for op, argument in items if (need := _item_needs(op, argument)) is not None]
    return min(needs, key=_commonness, default=None)


def _commonness(need: frozenset[str]) -> tuple[int, int]:
    """How likely a text is to contain one of `need` (rarer characters skip more often)."""
    common = max(
        3 if c == " " or c.isalnum() else 2 if c in ".,-" else 1 if c == "\n" else 0 for c in need
    )
    return (common, len(need))


def _item_needs(op: Any, argument: Any) -> frozenset[str] | None:  # noqa: PLR0911
    if op is sre.LITERAL:
        return frozenset(chr(argument))
    if op is sre.IN:
        if all(kind is sre.LITERAL for kind, _ in argument):  # no negation, range or category
            return frozenset(chr(code) for _, code in argument)
        return None
    if op is sre.SUBPATTERN:
        _, add_flags, _, body = argument
        return None if add_flags & re.IGNORECASE else _sequence_needs(body)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _, body = argument
        return _sequence_needs(body) if low >= 1 else None
    if op is sre.ASSERT:  # a positive look-ahead or look-behind reads the same text
        return _sequence_needs(argument[1])
    if op is sre.ATOMIC_GROUP:
        return _sequence_needs(argument)
    if op is sre.BRANCH:
        needs = [_sequence_needs(branch) for branch in argument[1]]
        if any(need is None for need in needs):
            return None
        return frozenset().union(*needs)  # type: ignore[arg-type]
    return None
