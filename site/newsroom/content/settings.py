"""Read and check the site-wide settings file `content/site.yaml`."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urlsplit

from newsroom.content.editor_texts import _
from newsroom.content.fields import Fields, clean_text, shown_value
from newsroom.content.share_image import check_share_image
from newsroom.content.sources import read_text
from newsroom.content.yaml_lines import parse_yaml_mapping
from newsroom.core.errors import ContentError, Problem
from newsroom.core.models import LANGUAGES, Settings
from newsroom.core.slugs import slugify

KNOWN = (
    "title",
    "description",
    "base_url",
    "page_size",
    "feed_length",
    "organisation",
    "feed_id_date",
    "feed_id_authority",
    "contact",
    "tags",
    "image_max_megapixels",
    "image_max_megabytes",
    "share_image",
    "share_image_alt",
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
    return placeholder_domain(urlsplit(base_url).hostname or "")


def placeholder_domain(host: str) -> str | None:
    """Why the domain `host` is a placeholder (the reserved name it falls under), or None."""
    host = host.lower().rstrip(".")
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
        message = _(
            "is not set; %(why)s (expected e.g. base_url: https://www.example.nl/, or pass "
            "--base-url)",
            why=_(why),
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
                _(
                    '"%(url)s" is not a web address (expected e.g. https://www.example.nl/)',
                    url=base_url,
                ),
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
        feed_id_authority=_authority(fields),
        contact=_contact(fields),
        tags=_tags(fields),
        image_max_pixels=fields.integer("image_max_megapixels", 40) * 1_000_000,
        image_max_bytes=fields.integer("image_max_megabytes", 20) * 1_000_000,
        share_image=check_share_image(content_dir, fields),
    )


def _tags(fields: Fields) -> dict[str, str]:
    """`tags:`, the same topic in both languages: `livegang: go-live` (Dutch: English).

    Keys and values are compared as tag pages are named (by slug: case and accents aside).
    """
    value = fields.data.get("tags")
    if value is None:
        return {}
    example = _("(expected Dutch tag: English tag, one a line, e.g. livegang: go-live)")
    if not isinstance(value, dict):
        fields.problem(
            "tags",
            _(
                "%(value)s is not a list of pairs %(example)s",
                value=shown_value(value),
                example=example,
            ),
        )
        return {}
    lines = getattr(value, "lines", {})
    found: dict[str, str] = {}
    english: dict[str, str] = {}
    for dutch, other in value.items():
        line = lines.get(dutch, fields.lines.get("tags"))
        where = {"field": f"tags.{dutch}", "line": line}
        if not isinstance(other, str) or not slugify(other):
            fields.problems.append(
                Problem(
                    fields.path,
                    _(
                        "%(value)s is not a tag %(example)s",
                        value=shown_value(other),
                        example=example,
                    ),
                    **where,
                )
            )
            continue
        key, counterpart = slugify(dutch), slugify(other)
        if not key:
            fields.problems.append(
                Problem(
                    fields.path,
                    _("%(value)s is not a tag %(example)s", value=f'"{dutch}"', example=example),
                    **where,
                )
            )
            continue
        if key in found:
            fields.problems.append(
                Problem(
                    fields.path, _('"%(tag)s" is in the list twice; keep one', tag=dutch), **where
                )
            )
            continue
        if counterpart in english:
            fields.problems.append(
                Problem(
                    fields.path,
                    _(
                        '"%(tag)s" is already the English of "%(dutch)s"; one English tag '
                        "belongs to one Dutch tag",
                        tag=other,
                        dutch=english[counterpart],
                    ),
                    **where,
                )
            )
            continue
        found[key] = counterpart
        english[counterpart] = dutch
    return found


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
                _(
                    '%(lang)s: "%(value)s" is not a web or e-mail address (expected e.g. '
                    "https://www.example.nl/contact/ or mailto:info@example.nl)",
                    lang=lang,
                    value=value,
                ),
            )
    return contact


_DOMAIN = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*")


def _authority(fields: Fields) -> str | None:
    """`feed_id_authority`: the domain name in every feed and calendar id (RFC 4151's
    authorityName), set once so a move to another domain keeps every id."""
    value = fields.text("feed_id_authority")
    if value is None:
        return None
    domain = value.lower().rstrip(".")
    if not _DOMAIN.fullmatch(domain) or len(domain) > 253:
        fields.problem(
            "feed_id_authority",
            _(
                '"%(value)s" is not a domain name (expected the domain the site had when its '
                "feeds were first published, e.g. rio-vo.example.org: letters, digits, "
                "hyphens and dots, no https:// or /)",
                value=value,
            ),
        )
        return None
    return domain


def _day(moment: dt.datetime | None) -> dt.date | None:
    return moment.date() if moment is not None else None
