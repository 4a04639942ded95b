"""After any sequence of edits, a rebuild equals a clean build of the same content, byte for byte.

Hypothesis draws the sequences (which edits, to which posts, in which order); after each edit
the incremental build (cache, spare copy, reused pages, two workers) is compared with a clean
single-process build. The hand-picked edits in test_rebuilds.py stay as quick, readable cases.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from edits import append, make_corpus, posts, replace, show_image
from newsroom.build.site import build
from trees import clean, tree


def _post(corpus: Path, number: int) -> Path:
    found = posts(corpus)
    return found[number % len(found)]


def _year_earlier(corpus: Path, number: int) -> None:
    path = _post(corpus, number)
    text = path.read_text(encoding="utf-8")
    year = int(re.search(r"^date: (\d{4})", text, re.M)[1])  # type: ignore[index]
    path.write_text(re.sub(r"^date: \d{4}", f"date: {year - 1}", text, count=1, flags=re.M))


def _in_the_future(corpus: Path, number: int) -> None:
    """Scheduled for 2099 (its `updated:` goes: it may not come before the date)."""
    path = _post(corpus, number)
    text = re.sub(r"^updated: .*\n", "", path.read_text(encoding="utf-8"), flags=re.M)
    path.write_text(re.sub(r"^date: \d{4}", "date: 2099", text, count=1, flags=re.M))


def _toggle_draft(corpus: Path, number: int) -> None:
    path = _post(corpus, number)
    text = path.read_text(encoding="utf-8")
    if "\ndraft: true\n" in text:
        path.write_text(text.replace("\ndraft: true\n", "\n", 1), encoding="utf-8")
    else:
        path.write_text(text.replace("---\n", "---\ndraft: true\n", 1), encoding="utf-8")


def _copy(corpus: Path, number: int) -> None:
    path = _post(corpus, number)
    slug, lang = path.name.split(".")[:2]
    shutil.copy(path, path.with_name(f"kopie-{number}-{slug}.{lang}.md"))


def _setting(name: str) -> Callable[[Path, int], None]:
    def edit(corpus: Path, number: int) -> None:
        site = corpus / "site.yaml"
        text = site.read_text(encoding="utf-8")
        value = 2 + number % 9
        site.write_text(re.sub(rf"^{name}: \d+", f"{name}: {value}", text, flags=re.M))

    return edit


EDITS: dict[str, Callable[[Path, int], None]] = {
    "text": lambda c, n: append(_post(c, n), f"\nEen zin erbij ({n}).\n"),
    "title": lambda c, n: replace(_post(c, n), "title: ", f"title: Nieuw {n} - "),
    "tags": lambda c, n: replace(_post(c, n), "tags: [", f"tags: [gloednieuw-{n % 3}, "),
    "date": _year_earlier,
    "future": _in_the_future,
    "draft": _toggle_draft,
    "removed": lambda c, n: _post(c, n).unlink(),
    "added": _copy,
    "page size": _setting("page_size"),
    "feed length": _setting("feed_length"),
    "page": lambda c, n: append(c / "paginas" / "over-rio-vo.nl.md", f"\nMeer ({n}).\n"),
    # An image shown (or shown again, its file made anew at another size), in a post or a page.
    "image": lambda c, n: show_image(_post(c, n), f"foto-{n % 3}.png", 300 + 97 * n),
    "image in page": lambda c, n: show_image(
        c / "paginas" / "over-rio-vo.nl.md", f"foto-{n % 3}.png", 1300 - 31 * n
    ),
}


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    st.lists(
        st.tuples(st.sampled_from(sorted(EDITS)), st.integers(min_value=0, max_value=40)),
        min_size=1,
        max_size=4,
    )
)
# Always tried: an image shown, shown in a page, and changed (foto-1.png again, another size).
@example([("image", 1), ("image in page", 2), ("image", 4), ("removed", 1)])
def test_any_sequence_of_edits_rebuilds_to_a_clean_build(edits: list[tuple[str, int]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        corpus = base / "content"
        make_corpus(corpus)
        output = base / "site" / "build"
        build(corpus, output, jobs=2)
        for name, number in edits:
            EDITS[name](corpus, number)
            build(corpus, output, jobs=2)
            assert tree(output) == clean(corpus, base), (name, number)
