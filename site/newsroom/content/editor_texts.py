"""The texts editors read (the commands' prompts and reports, the problems in their content,
the build's messages) in the editors' language: Dutch, or English with NEWSROOM_LANG=en.

The texts are written in English in the code and translated by the interface's gettext
catalogs (`translations/`), like the templates' texts. `_` translates a text and fills in its
`%(name)s` values; `N_` marks a text for the catalogs without translating it yet.
"""

from __future__ import annotations

import os
from functools import cache
from typing import Any

from babel.support import NullTranslations

from newsroom.content.catalogs import load_catalogs
from newsroom.core.models import LANGUAGES
from newsroom.core.paths import PROJECT_ROOT

VARIABLE = "NEWSROOM_LANG"
"""The environment variable that chooses the editors' language (nl, the default, or en)."""


def editor_language() -> str:
    """`nl` unless NEWSROOM_LANG asks for another of the site's languages (en, en_GB.UTF-8…)."""
    asked = os.environ.get(VARIABLE, "").strip().lower()[:2]
    return asked if asked in LANGUAGES else LANGUAGES[0]


@cache
def _catalogs() -> dict[str, NullTranslations]:
    return load_catalogs(PROJECT_ROOT / "translations")


def translations(lang: str | None = None) -> NullTranslations:
    return _catalogs()[lang or editor_language()]


def _(text: str, /, **values: Any) -> str:
    """`text` in the editors' language, its `%(name)s` filled in with `values`."""
    translated = translations().gettext(text)
    return translated % values if values else translated


def ngettext(singular: str, plural: str, num: int, /, **values: Any) -> str:
    """The singular or plural form for `num`, in the editors' language (`%(num)s` is `num`)."""
    return translations().ngettext(singular, plural, num) % {"num": num, **values}


def N_(text: str) -> str:  # noqa: N802 (the name pybabel looks for)
    """Marks `text` for the catalogs without translating it (translate it with `_` later)."""
    return text
