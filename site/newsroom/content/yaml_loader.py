"""The YAML loader behind `yaml_lines`: PyYAML's safe loader, dates left as text, and a limit
on how deeply lists and groups nest, so no editor's text reaches Python's recursion limit.

`single_node` reads with libyaml's parser where it can (about three times faster over a post's
front matter), and with the pure-Python `StrictLoader` whenever libyaml cannot read the text or
the text nests near the limit: its messages, and its handling of too-deep values, are the ones
editors get."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

MAX_DEPTH = 20
"""How deeply lists and groups may nest. Editors' YAML nests a few levels; PyYAML's composer
and our walker recurse per level, so thousands of `[` would hit Python's recursion limit."""

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SCAN_LIMIT = 5 * MAX_DEPTH  # open brackets after which reading stops altogether
TOO_DEEP = "tag:newsroom,2026:too-deep"  # stands in for a value that nests too deeply


class TooDeep(Exception):
    """Nesting too deep that could not be skipped (the text ends inside it): the whole text."""

    def __init__(self, mark: yaml.Mark, path: tuple[str | int | None, ...]) -> None:
        super().__init__()
        self.mark = mark
        self.path = path


class StrictLoader(yaml.SafeLoader):
    """A safe loader that leaves dates as text, so we can check them with good messages.

    It also stops at lists and groups nested deeper than MAX_DEPTH (counting what an alias
    brings along) before any recursion can reach Python's limit: such a value is skipped and
    stands as a `TOO_DEEP` node, so the walker reports it and reads the other fields.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.path: list[str | int | None] = []  # the keys and item numbers to the current node
        self.heights: dict[int, int] = {}  # id(node) -> levels of lists and groups inside it
        self.too_deep: dict[int, tuple[str | int | None, ...]] = {}  # id(stand-in) -> path

    def fetch_flow_collection_start(self, TokenClass: Any) -> None:  # noqa: N803 (PyYAML's)
        # The scanner's work per bracket grows with the open brackets: stop long before a
        # mistake of thousands of `[` takes seconds (the composer reports it with its field).
        if self.flow_level >= _SCAN_LIMIT:
            raise TooDeep(self.get_mark(), tuple(self.path))
        super().fetch_flow_collection_start(TokenClass)

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        self.path.append(index.value if isinstance(index, yaml.ScalarNode) else index)
        event = self.peek_event()  # may scan far ahead: the path is known before
        opens = isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent))
        if opens and len(self.path) > MAX_DEPTH:
            node: yaml.Node = self.skip(event)
        else:
            node = super().compose_node(parent, index)
            if isinstance(node, yaml.CollectionNode) and self.height(node) > 1 + MAX_DEPTH - len(
                self.path
            ):  # an alias to a deep value, placed deeper still
                node = self.stand_in(event)
        self.path.pop()
        return node

    def height(self, node: yaml.CollectionNode) -> int:
        if id(node) not in self.heights:
            children = (
                [part for pair in node.value for part in pair]
                if isinstance(node, yaml.MappingNode)
                else node.value
            )
            self.heights[id(node)] = 1 + max(
                (self.heights.get(id(child), 0) for child in children), default=0
            )
        return self.heights[id(node)]

    def skip(self, first: yaml.Event) -> yaml.Node:
        """Read past the events of a value that nests too deeply, without recursing."""
        open_ = 0
        try:
            while True:
                event = self.get_event()
                if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                    open_ += 1
                elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                    open_ -= 1
                if open_ == 0:
                    return self.stand_in(first)
        except (yaml.YAMLError, TooDeep):  # e.g. brackets never closed: nothing more to read
            raise TooDeep(first.start_mark, tuple(self.path)) from None

    def stand_in(self, event: yaml.Event) -> yaml.Node:
        node = yaml.ScalarNode(TOO_DEEP, "", event.start_mark, event.end_mark)
        self.too_deep[id(node)] = tuple(self.path)
        return node


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


FastLoader: type[yaml.CSafeLoader] | None = None
if getattr(yaml, "__with_libyaml__", False):

    class FastLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        """`StrictLoader`'s resolvers with libyaml's parser: the same nodes, lines and values
        for valid YAML that nests less than MAX_DEPTH."""

    FastLoader.yaml_implicit_resolvers = StrictLoader.yaml_implicit_resolvers


def single_node(text: str) -> tuple[yaml.Node | None, Any]:
    """The document's node and the loader that read it, to construct its scalars with and to
    dispose of: a `FastLoader` (libyaml) where it can, else a `StrictLoader`.

    libyaml's own errors (it refuses nesting over 1,000 levels too) and anything nesting near
    MAX_DEPTH are read again by `StrictLoader`, so messages and too-deep values are its own;
    its errors (YAMLError, TooDeep) go to the caller, the loader disposed of.
    """
    if FastLoader is not None:
        fast = FastLoader(text)
        try:
            node = fast.get_single_node()
            if node is None or not nests_near_limit(node):
                return node, fast
        except yaml.YAMLError:
            pass
        fast.dispose()
    strict = StrictLoader(text)
    try:
        return strict.get_single_node(), strict
    except BaseException:
        strict.dispose()
        raise


def nests_near_limit(node: yaml.Node) -> bool:
    """Whether lists and groups reach MAX_DEPTH - 1 levels anywhere below `node` (aliases
    followed, cycles included: a node is walked again only when reached deeper)."""
    deepest: dict[int, int] = {}
    stack = [(node, 1)]
    children: Callable[[yaml.Node], list[yaml.Node]] = lambda n: (  # noqa: E731
        [part for pair in n.value for part in pair] if isinstance(n, yaml.MappingNode) else n.value
    )
    while stack:
        current, depth = stack.pop()
        if not isinstance(current, yaml.CollectionNode) or deepest.get(id(current), 0) >= depth:
            continue
        if depth >= MAX_DEPTH - 1:
            return True
        deepest[id(current)] = depth
        stack.extend((child, depth + 1) for child in children(current))
    return False
