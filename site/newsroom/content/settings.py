"""Read and check the site-wide settings file `content/site.yaml`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlsplit

from newsroom.content.fields import Fields, clean_text
from newsroom.content.sources import read_text
from newsroom.content.yaml_lines import parse_yaml_mapping
from newsroom.core.errors import ContentError, Problem
from newsroom.core.models import LANGUAGES, Settings

KNOWN = (
    "title",
    "description",
    "base_url",
    "page_size",
    "feed_length",
    "organisation",
    "feed_id_date",
    "contact",
)


def check_base_url(value: str) -> str | None:
    """Return the URL ending in '/', or None when it is not an absolute http(s) URL."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        return None
    return value if value.endswith("/") else value + "/"


PLACEHOLDER_DOMAINS = ("example.org", "example.com", "example.net", "example.nl")
"""Domains reserved for examples (RFC 2606; example.nl by SIDN's practice)."""
PLACEHOLDER_SUFFIXES = (".test", ".example", ".invalid", ".localhost", ".local", ".internal")
PLACEHOLDER_HOSTS = ("localhost", "127.0.0.1", "::1", "0.0.0.0")


def placeholder_reason(base_url: str) -> str | None:
    """Why `base_url` is a placeholder and no public address ('example.org', 'localhost'…),
    or None. Feed ids are made from the address: one published with a placeholder is locked in.
    """
    host = (urlsplit(base_url).hostname or "").lower().rstrip(".")
    if not host:
        return None
    if host in PLACEHOLDER_HOSTS or host.startswith("127."):
        return host
    for domain in PLACEHOLDER_DOMAINS:
        if host == domain or host.endswith("." + domain):
            return domain
    for suffix in PLACEHOLDER_SUFFIXES:
        if host.endswith(suffix) or host == suffix[1:]:
            return suffix
    return None


def setting_line(content_dir: Path, key: str) -> int | None:
    """The line of a top-level `key:` in site.yaml, for messages; None when not found."""
    try:
        lines = (content_dir / "site.yaml").read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for number, line in enumerate(lines, start=1):
        if line.startswith(f"{key}:"):
            return number
    return None


def require_base_url(base_url: str | None, site_yaml: str, why: str) -> str:
    """`base_url`, or a ContentError naming site.yaml's base_url and `why` it is needed
    (e.g. "the sitemap and feeds need the site's public address")."""
    if not base_url:
        message = (
            f"is not set; {why} (expected e.g. base_url: https://www.example.nl/, "
            "or pass --base-url)"
        )
        raise ContentError([Problem(site_yaml, message, field="base_url")])
    return base_url


def load_settings(content_dir: Path, problems: list[Problem]) -> Settings:
    """Read `site.yaml` in `content_dir`; problems are appended, a usable Settings returned."""
    path = content_dir / "site.yaml"
    shown = str(path)
    text = read_text(path, problems, root=content_dir)
    if text is None:
        return Settings(title={}, description={})
    data, lines, found = parse_yaml_mapping(clean_text(text), shown)
    problems.extend(found)
    fields = Fields(shown, data, lines, problems)
    fields.unknown(KNOWN)
    base_url = fields.text("base_url")
    if base_url is not None:
        checked = check_base_url(base_url)
        if checked is None:
            fields.problem(
                "base_url",
                f'"{base_url}" is not a web address (expected e.g. https://www.example.nl/)',
            )
        base_url = checked
    return Settings(
        title=fields.per_language("title", LANGUAGES, required=True),
        description=fields.per_language("description", LANGUAGES),
        base_url=base_url,
        page_size=fields.integer("page_size", 10),
        feed_length=fields.integer("feed_length", 20),
        organisation=fields.per_language("organisation", LANGUAGES),
        feed_id_date=_day(fields.date("feed_id_date")),
        contact=_contact(fields),
    )


def _contact(fields: Fields) -> dict[str, str]:
    """Where readers reach the organisation, per language: a web address or a mailto: address."""
    contact = fields.per_language("contact", LANGUAGES)
    for lang, value in sorted(contact.items()):
        parts = urlsplit(value)
        web = parts.scheme in ("http", "https") and parts.netloc
        mail = parts.scheme == "mailto" and "@" in parts.path
        if not (web or mail):
            fields.problem(
                "contact",
                f'{lang}: "{value}" is not a web or e-mail address '
                "(expected e.g. https://www.example.nl/contact/ or mailto:info@example.nl)",
            )
    return contact


def _day(moment: dt.datetime | None) -> dt.date | None:
    return moment.date() if moment is not None else None
