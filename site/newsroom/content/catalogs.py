"""The interface texts' gettext catalogs (`translations/<lang>/LC_MESSAGES/messages.po`)."""

from __future__ import annotations

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


def load_catalogs(translations_dir: Path) -> dict[str, NullTranslations]:
    """Read each language's .po catalog directly (no compiled .mo files to go stale)."""
    result: dict[str, NullTranslations] = {}
    for lang in LANGUAGES:
        path = catalog_path(translations_dir, lang)
        if lang == SOURCE_LANGUAGE and not path.exists():
            result[lang] = NullTranslations()
            continue
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=LOCALES[lang])
        buffer = BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        result[lang] = Translations(fp=buffer, domain=DOMAIN)
    return result
