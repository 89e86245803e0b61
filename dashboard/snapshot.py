"""The dashboard's numbers for one local day, cached per owner version (``netweave.cache``).

Every write the dashboard could show bumps the owner's version, so a cached day is never
stale; the key also names the local day, the time zone and the cadences the queries used.
What moves within a day (going cold, the next seven days) is narrowed to the moment by
``DayAgenda.at(now)`` after the cache, and "asked 3 days ago" is rendered at each request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from contacts.models import Stage
from dashboard.agenda import DayAgenda, day_agenda_for
from dashboard.progress import Progress, progress_for
from netweave.cache import cached_for_owner

if TYPE_CHECKING:
    from accounts.models import User


@dataclass
class DashboardDay:
    progress: Progress
    agenda: DayAgenda


def compute_day(user: User, *, today: date) -> DashboardDay:
    """Twelve queries whatever the network's size (five for progress, seven for the agenda)."""
    progress = progress_for(user, today=today)
    agenda = day_agenda_for(user, today=today, contact_count=progress.contact_count)
    return DashboardDay(progress=progress, agenda=agenda)


def dashboard_day(user: User, *, today: date) -> DashboardDay:
    """``compute_day()`` from the cache when this owner's data and day have not changed since."""
    cadences = "-".join(str(user.cadence_for_stage(stage) or 0) for stage in Stage.values)
    part = f"dashboard:{today.isoformat()}:{user.time_zone}:{cadences}"
    return cached_for_owner(user.pk, part, lambda: compute_day(user, today=today))
