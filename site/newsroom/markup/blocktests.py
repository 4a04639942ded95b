"""Python-Markdown's block tests, skipped for a block that lacks what every match needs.

Markdown asks each of its block processors, in turn, whether it takes the next block: a few
of those tests search the whole block with a regex (`#` headings, `>` quotes, tables, rules,
underlined headings), for every paragraph of every post. Each such match needs one of a few
strings (a table a `|`, a quote a `>`...); a block without any of them gets the answer the
test would give (no) without the search. Same processors, same order, same HTML (tested
against plain Python-Markdown).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import markdown
from markdown.blockprocessors import (
    BlockQuoteProcessor,
    HashHeaderProcessor,
    HRProcessor,
    SetextHeaderProcessor,
)
from markdown.extensions.tables import TableProcessor

NEEDS: dict[type, tuple[str, ...]] = {
    HashHeaderProcessor: ("#",),  # (?:^|\n)#{1,6}…
    BlockQuoteProcessor: (">",),  # (^|\n)[ ]{0,3}>…
    SetextHeaderProcessor: ("\n=", "\n-"),  # the first line, then a line of = or -
    HRProcessor: ("-", "_", "*"),  # three of one of them
    TableProcessor: ("|",),  # a header row of two cells or more, or a border
}
"""Of each processor (exactly this class: a subclass may test otherwise), the strings one of
which every block its test accepts contains."""


def skip_hopeless_block_tests(md: markdown.Markdown) -> None:
    """Guard the tests of `md`'s block processors named in `NEEDS`."""
    for processor in md.parser.blockprocessors:
        needs = NEEDS.get(type(processor))
        if needs is not None:
            processor.test = _guarded(processor.test, needs)  # type: ignore[method-assign]


def _guarded(test: Callable[[Any, str], bool], needs: tuple[str, ...]) -> Callable[..., bool]:
    def guarded(parent: Any, block: str) -> bool:
        for need in needs:
            if need in block:
                return test(parent, block)
        return False

    return guarded
