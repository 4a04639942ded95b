"""The texts `new-post` starts a file with: `check` warns while a post still holds them."""

from __future__ import annotations

from collections.abc import Callable

from newsroom.content.catalogs import load_catalogs
from newsroom.core.models import LANGUAGES
from newsroom.core.paths import PROJECT_ROOT


def N_(text: str) -> str:
    """Marks a text for the catalogs (pybabel finds N_) without translating it yet."""
    return text


STARTER_TEXT = N_("Write the post here. Start sections with a line '## Heading'.")
TO_DO_TEXT = N_(
    "TO DO: translate the text below (from %(file)s), then remove this line "
    "and the '> ' quote marks."
)


def placeholders() -> tuple[str, ...]:
    """The texts new-post starts a file with, in every language (what `check` looks for)."""
    found = []
    for lang in LANGUAGES:
        gettext = catalog_gettext(lang)
        found += [gettext(STARTER_TEXT), gettext(TO_DO_TEXT).split("%(file)s")[0]]
    return tuple(dict.fromkeys(found))


def catalog_gettext(lang: str) -> Callable[[str], str]:
    """gettext of the interface catalog of `lang` (the texts put into new files)."""
    return load_catalogs(PROJECT_ROOT / "translations")[lang].gettext
