"""Typed, immutable models of the site's content. No I/O, no Flask."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from newsroom.core.errors import Problem

LANGUAGES: tuple[str, ...] = ("nl", "en")
"""The site's languages, Dutch first."""


@dataclass(frozen=True, slots=True)
class ChangeNote:
    """A substantive change to a post, told to its readers: when, and what changed."""

    date: dt.datetime  # timezone-aware, Europe/Amsterdam
    note_html: str  # one line of inline HTML; links by file name still placeholders
    date_only: bool = True  # written without a time (feeds stamp it at noon)


@dataclass(frozen=True, slots=True)
class Post:
    """One news post in one language."""

    slug: str
    lang: str
    title: str
    date: dt.datetime  # timezone-aware, Europe/Amsterdam
    summary: str  # plain text
    body_html: str
    source: Path
    tags: tuple[str, ...] = ()
    updated: dt.datetime | None = None
    draft: bool = False
    suppliers: tuple[str, ...] = ()
    changes: tuple[ChangeNote, ...] = ()  # newest first; `updated` is the first one's date
    date_only: bool = False  # `date` was written without a time (feeds stamp it at noon)
    updated_date_only: bool = False  # the same for `updated`

    @property
    def key(self) -> tuple[str, str]:
        return (self.lang, self.slug)

    @property
    def last_changed(self) -> dt.datetime:
        """The date of the last substantive change: `updated` (the latest change note's date
        when there are notes), else `date`."""
        return self.updated or self.date


@dataclass(frozen=True, slots=True)
class StandalonePage:
    """One standalone page (about, accessibility statement…) in one language.

    `slug` (from the file name) links a page to its translation; `url_slug` is its address
    in this language, which may differ (`over-rio-vo` in Dutch, `about` in English).
    """

    slug: str
    lang: str
    url_slug: str
    title: str
    summary: str  # plain text
    body_html: str
    source: Path
    updated: dt.datetime | None = None
    menu: int | None = None  # position in the main navigation; None: not in it
    footer: int | None = None  # position among the footer links; None: not there

    @property
    def key(self) -> tuple[str, str]:
        return (self.lang, self.slug)


@dataclass(frozen=True, slots=True)
class ShareImage:
    """The site's own image for shared links (`share_image` in site.yaml), checked."""

    file: str  # a path inside content/bestanden/, published at /bestanden/<file>
    width: int
    height: int
    mimetype: str  # image/png or image/jpeg
    alt: dict[str, str]  # what the image shows, per language


@dataclass(frozen=True, slots=True)
class Settings:
    """Site-wide settings from `content/site.yaml`."""

    title: dict[str, str]
    description: dict[str, str]
    base_url: str | None = None  # absolute, ending in "/"
    page_size: int = 10
    feed_length: int = 20
    organisation: dict[str, str] = field(default_factory=dict)
    # The date in every feed id (`tag:` URI, RFC 4151): a day the site's owner held the domain.
    feed_id_date: dt.date | None = None
    # Who mints every feed and calendar id (a domain name); None: the base URL's host.
    feed_id_authority: str | None = None
    # Where readers reach the organisation (a web or mailto: address), per language.
    contact: dict[str, str] = field(default_factory=dict)
    # The same topic in both languages: the slug of a Dutch tag -> the slug of its English tag.
    tags: dict[str, str] = field(default_factory=dict)
    # The largest image an editor may publish: pixels (width × height) and bytes on disk.
    image_max_pixels: int = 40_000_000
    image_max_bytes: int = 20_000_000
    # The image of shared links without one of their own; None: a card made from the title.
    share_image: ShareImage | None = None

    def tag_counterpart(self, slug: str, lang: str, other: str) -> str | None:
        """The slug of the tag in `other` that is the same topic as tag `slug` in `lang`."""
        if lang == other:
            return slug
        if lang == LANGUAGES[0]:
            return self.tags.get(slug)
        return next((nl for nl, en in self.tags.items() if en == slug), None)


WHEN_KINDS: tuple[str, ...] = ("day", "week", "from", "after", "unknown")
"""How precisely a date is known: an exact day, an ISO week, from a day on, after the previous
phase, not yet known."""
STATUSES: tuple[str, ...] = ("planned", "expected", "in-progress", "done", "delayed")
"""How firm a phase is: planned (decided), expected (what the source only expects), in progress,
done, delayed."""
INSTITUTIONS: tuple[str, ...] = ("first", "remaining", "all")
WHO: tuple[str, ...] = ("agency", "institutions")


@dataclass(frozen=True, slots=True)
class When:
    """A moment at the precision the source gives it.

    `day` is the day for "day" and "from", the Monday for "week", and None for "after" and
    "unknown".
    """

    kind: str
    day: dt.date | None = None

    @property
    def datetime(self) -> str | None:
        """The machine-readable value for `<time datetime>`: 2019-11-18 or 2019-W47."""
        if self.day is None:
            return None
        if self.kind == "week":
            year, week, _ = self.day.isocalendar()
            return f"{year}-W{week:02d}"
        return self.day.isoformat()

    @property
    def span(self) -> tuple[dt.date, dt.date] | None:
        """First day and the day after the last (exclusive end), for calendars; None if undated."""
        if self.day is None:
            return None
        days = 7 if self.kind == "week" else 1
        return self.day, self.day + dt.timedelta(days=days)


@dataclass(frozen=True, slots=True)
class Revision:
    """An earlier announcement of a phase: on `date` it changed from `was` to `now`."""

    date: dt.date
    supplier: str
    phase: str
    was: When
    now: When
    note: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Phase:
    """One step of a supplier's rollout: which institutions connect, when, how far along."""

    id: str
    institutions: str  # one of INSTITUTIONS
    when: When
    status: str  # one of STATUSES
    note: dict[str, str] = field(default_factory=dict)
    history: tuple[Revision, ...] = ()  # oldest first


@dataclass(frozen=True, slots=True)
class Supplier:
    """A software supplier whose institutions connect to RIO in phases."""

    id: str
    name: str
    phases: tuple[Phase, ...]
    url: str | None = None

    @property
    def revisions(self) -> tuple[Revision, ...]:
        """Every change to this supplier's phases, oldest first."""
        found = [revision for phase in self.phases for revision in phase.history]
        return tuple(sorted(found, key=lambda r: r.date))


@dataclass(frozen=True, slots=True)
class Condition:
    """Something the go-live waits on: done by the agency, or by every institution."""

    id: str
    title: dict[str, str]
    who: str  # one of WHO
    status: str | None = None
    expected: When | None = None
    post: str | None = None  # slug of the post that explains it
    note: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Rollout:
    """The rollout schedule from `content/rollout.yaml`."""

    updated: dt.date  # the day the schedule last changed
    suppliers: tuple[Supplier, ...]
    conditions: tuple[Condition, ...] = ()

    def supplier(self, supplier_id: str) -> Supplier | None:
        for supplier in self.suppliers:
            if supplier.id == supplier_id:
                return supplier
        return None

    @property
    def revisions(self) -> tuple[Revision, ...]:
        """Every change to the schedule, oldest first."""
        found = [revision for supplier in self.suppliers for revision in supplier.revisions]
        return tuple(sorted(found, key=lambda r: r.date))


COMPLIANCE_STATUSES: tuple[str, ...] = ("A", "B", "C", "D", "E")
"""The government model's compliance status: A fully compliant, B partially, C first measures
taken, D no measures taken, E not compliant."""


@dataclass(frozen=True, slots=True)
class KnownIssue:
    """A known accessibility problem and the plan to solve it."""

    title: dict[str, str]
    plan: dict[str, str]
    fixed_by: dt.date | None = None


@dataclass(frozen=True, slots=True)
class AccessibilityStatement:
    """The accessibility statement (toegankelijkheidsverklaring) in the government's model,
    from `content/accessibility.yaml`."""

    organisation: dict[str, str]
    status: str  # one of COMPLIANCE_STATUSES
    date: dt.date  # the date of the statement
    evaluation: dict[str, str]  # how it was evaluated
    response_days: int  # working days within which a report of a problem is answered
    register: str  # the register of statements (or the statement's page in it)
    report: str | None = None  # the evaluation report (a manual audit): required for A and B
    issues: tuple[KnownIssue, ...] = ()


IMAGE_WIDTHS: tuple[int, ...] = (480, 800, 1200)
"""The widths of an image's resized copies (never wider than the image itself)."""


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """An image in `content/bestanden/` that a post or page shows: checked, its size known."""

    path: str  # inside content/bestanden/, e.g. "fotos/foto.jpg"
    width: int  # as shown: after the camera's orientation is applied
    height: int
    kind: str  # the format of its copies besides WebP: "jpeg", "png" (or "webp": WebP only)
    digest: str  # of its bytes and the processing settings: its copies' bytes depend on these

    @property
    def widths(self) -> tuple[int, ...]:
        """The widths of its resized copies: those of IMAGE_WIDTHS below its own width, then
        its own width unless it is wider than the largest (never upscaled)."""
        smaller = tuple(w for w in IMAGE_WIDTHS if w < self.width)
        return smaller + ((self.width,) if self.width <= IMAGE_WIDTHS[-1] else ())

    def height_at(self, width: int) -> int:
        """The height of its copy `width` pixels wide (as the resize rounds it)."""
        return max(1, round(self.height * width / self.width))

    @property
    def formats(self) -> tuple[str, ...]:
        """The formats of its copies: WebP, and its own format (JPEG or PNG) as a fallback."""
        return ("webp",) if self.kind == "webp" else ("webp", self.kind)

    def copy_name(self, width: int, fmt: str) -> str:
        """The path of a copy under /afbeeldingen/: `<path>/<width>.<ext>`."""
        return f"{self.path}/{width}.{EXTENSIONS[fmt]}"


EXTENSIONS = {"webp": "webp", "jpeg": "jpg", "png": "png"}
"""The file extension of each format of an image's copies."""


@dataclass(frozen=True, slots=True)
class Content:
    """Everything the site is made from, checked and ready to render."""

    settings: Settings
    posts: tuple[Post, ...]  # every published post, newest first, all languages
    rollout: Rollout | None = None  # None when the content has no rollout.yaml
    next_scheduled: dt.datetime | None = None  # when the next post left out for its date is due
    pages: tuple[StandalonePage, ...] = ()  # every page, by slug then language
    warnings: tuple[Problem, ...] = ()  # advice the build prints (e.g. HTML it removed)
    files: tuple[str, ...] = ()  # files to publish, as paths inside content/bestanden/
    statement: AccessibilityStatement | None = None  # None without accessibility.yaml
    images: tuple[ImageInfo, ...] = ()  # images the posts and pages show, by path
