"""The dashboard for one local day, cached per owner version (``netweave.cache``).

Every write the dashboard could show bumps the owner's version, so nothing cached is ever
stale; the keys also name the local day, the time zone and the cadences the queries used.

Two things are cached. The day's numbers and rows (``DashboardDay``), from twelve queries.
And the page body rendered from them (``dashboard_body()``), which costs more than the
cache round trip as soon as the lists fill up: warm, a request renders only the frame
around it. What moves within a day (going cold, the next seven days, "asked 3 days ago")
is read against the clock at each request (``DayClock.reading``); a rendered body is used
only at a moment that reads the same as the one it was rendered at.
"""

from __future__ import annotations

import hashlib
import secrets
import zlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation

from contacts.models import Stage
from dashboard.agenda import DayAgenda, DayClock, day_agenda_for
from dashboard.progress import Progress, progress_for
from netweave.cache import ENTRY_SECONDS, cached_for_owner, owner_key

if TYPE_CHECKING:
    from accounts.models import User


@dataclass
class DashboardDay:
    progress: Progress
    agenda: DayAgenda


@dataclass(frozen=True)
class RenderedBody:
    """The body as rendered at a moment that read ``reading``, with ``csrf_slot`` where the token goes.

    Compressed: HTML shrinks about six times (45 KB to 8 KB for a full network), and Redis
    holds one per user seen in the last ten minutes; inflating it costs a twentieth of a
    millisecond.
    """

    clock: DayClock
    reading: tuple[int, tuple[str, ...], tuple[str, ...]]
    csrf_slot: str
    compressed_html: bytes

    def for_request(self, csrf_token: str) -> str:
        return zlib.decompress(self.compressed_html).decode().replace(self.csrf_slot, csrf_token)


def compute_day(user: User, *, today: date) -> DashboardDay:
    """Twelve queries whatever the network's size (five for progress, seven for the agenda)."""
    progress = progress_for(user, today=today)
    agenda = day_agenda_for(user, today=today, contact_count=progress.contact_count)
    return DashboardDay(progress=progress, agenda=agenda)


def _day_part(user: User, today: date) -> str:
    cadences = "-".join(str(user.cadence_for_stage(stage) or 0) for stage in Stage.values)
    return f"{today.isoformat()}:{user.time_zone}:{cadences}"


def dashboard_day(user: User, *, today: date) -> DashboardDay:
    """``compute_day()`` from the cache when this owner's data and day have not changed since."""
    return cached_for_owner(user.pk, f"dashboard:{_day_part(user, today)}", lambda: compute_day(user, today=today))


def render_body(user: User, day: DashboardDay, *, now: datetime, today: date) -> RenderedBody:
    """The page body at ``now``; its forms carry a random slot that ``for_request()`` fills with the token.

    The slot is random per rendering, so no text in the network can spell it.
    """
    clock = day.agenda.clock()
    # Drafts nobody edited sign with the name as it is now: a new name does not bump the cached day.
    for followup in day.agenda.due_followups:
        followup.sign_with(user.name_for_letters)
    csrf_slot = f"csrf-slot-{secrets.token_hex(16)}"
    context = {
        "user": user,
        "agenda": day.agenda.at(now),
        "progress": day.progress,
        "today": today,
        "now": now,
        "csrf_token": csrf_slot,
    }
    html = render_to_string("dashboard/_body.html", context)
    return RenderedBody(
        clock=clock, reading=clock.reading(now), csrf_slot=csrf_slot, compressed_html=zlib.compress(html.encode())
    )


def dashboard_body(user: User, *, now: datetime, today: date) -> RenderedBody:
    """The body rendered for this owner version and day, when ``now`` reads the same as it did then.

    Warm, that is one cache read and a handful of ``timesince()`` calls, whatever the
    network's size. Otherwise the day (cached or computed) is rendered and stored.
    """
    # The greeting and the drafts' sign-off name the user, and the words are in the active language.
    names = f"{user.display_name}\n{user.name_for_letters}"
    name = hashlib.blake2s(names.encode(), digest_size=8).hexdigest()
    key = owner_key(user.pk, f"dashboard-body:{_day_part(user, today)}:{translation.get_language()}:{name}")
    if key is None:
        return render_body(user, compute_day(user, today=today), now=now, today=today)
    rendered = cache.get(key)
    if rendered is not None and rendered.clock.reading(now) == rendered.reading:
        return rendered
    # Read after the key: the day is at least as new as the version the body is filed under.
    rendered = render_body(user, dashboard_day(user, today=today), now=now, today=today)
    cache.set(key, rendered, ENTRY_SECONDS)
    return rendered
