"""The interface texts' gettext catalogs (`translations/<lang>/LC_MESSAGES/messages.po`)."""

from __future__ import annotations

import os
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from newsroom.core.models import LANGUAGES

# English is written the British way: "31 October 2019".
LOCALES = {"nl": "nl_NL", "en": "en_GB"}
SOURCE_LANGUAGE = "en"  # interface msgids are English; other languages have a catalog
DOMAIN = "messages"


def catalog_path(translations_dir: Path, lang: str) -> Path:
    return translations_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


Signature = tuple[int, int, int, int] | None
_parsed: dict[Path, tuple[Signature, NullTranslations]] = {}
"""Each catalog file parsed in this process, with the signature it had before it was read."""


def _signature(path: Path) -> Signature:
    """What changes whenever the file is written or replaced (None: there is no such file)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def load_catalogs(translations_dir: Path) -> dict[str, NullTranslations]:
    """Read each language's .po catalog directly (no compiled .mo files to go stale).

    A catalog is parsed once per process while its file keeps its signature (size, times,
    inode): the build, the check and the editors' messages each ask for them, and a watch
    or preview asks again after every change."""
    result: dict[str, NullTranslations] = {}
    for lang in LANGUAGES:
        path = catalog_path(translations_dir, lang).absolute()
        seen = _signature(path)
        if lang == SOURCE_LANGUAGE and seen is None and not path.exists():
            result[lang] = NullTranslations()
            continue
        known = _parsed.get(path)
        if known is not None and seen is not None and known[0] == seen:
            result[lang] = known[1]
            continue
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=LOCALES[lang])
        buffer = BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        result[lang] = translations = Translations(fp=buffer, domain=DOMAIN)
        _parsed[path] = (seen, translations)
    return result


def forget_catalogs() -> None:
    """Parse every catalog again on the next load, whatever its signature says (a watcher saw
    one change: an edit within the clock's resolution counts too)."""
    _parsed.clear()
