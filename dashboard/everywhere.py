"""Search everywhere: one box over contacts, meetings, searches and follow-ups.

One query per group, each cut to a few rows (plus one to tell whether there are more),
so the page costs the same for 100 contacts or 30,000.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

from contacts.models import Contact
from followups.models import FollowUp, FollowUpState
from meetings.models import Meeting, Search

if TYPE_CHECKING:
    from accounts.models import User

GROUP_LIMIT = 8
MIN_LENGTH = 2


@dataclass
class ResultGroup:
    key: str
    title: str
    icon: str
    items: list = field(default_factory=list)
    has_more: bool = False


@dataclass
class SearchResults:
    query: str
    groups: list[ResultGroup]

    @property
    def total_shown(self) -> int:
        return sum(len(group.items) for group in self.groups)


def _words(query: str) -> list[str]:
    return query.lower().split()


def _all_words(fields: tuple[str, ...], words: list[str]) -> Q:
    """Every word must appear in at least one of ``fields``."""
    condition = Q()
    for word in words:
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": word})
        condition &= any_field
    return condition


def _first(queryset: QuerySet) -> tuple[list, bool]:
    rows = list(queryset[: GROUP_LIMIT + 1])
    return rows[:GROUP_LIMIT], len(rows) > GROUP_LIMIT


def _first_joined(queryset: QuerySet, *related: str) -> tuple[list, bool]:
    """Like _first(), but picks the rows before joining ``related`` onto just those.

    Joining first would make Postgres join every candidate row (thousands of meetings
    to their contacts) before sorting and keeping a handful.
    """
    ordering = queryset.query.order_by
    chosen = queryset.values("pk")[: GROUP_LIMIT + 1]
    rows = list(queryset.model.objects.filter(pk__in=chosen).select_related(*related).order_by(*ordering))
    return rows[:GROUP_LIMIT], len(rows) > GROUP_LIMIT


def search_everywhere(user: User, query: str) -> SearchResults:
    """Four queries, one per group; every word must match.

    A meeting or follow-up matches through its person (name, company, title, email) or
    through its own text: a meeting's place, notes and search; a follow-up's title and draft
    (each word in any of them, as on the follow-ups list).
    """
    words = _words(query)
    groups = [
        ResultGroup("contacts", "Contacts", "bi-people"),
        ResultGroup("meetings", "Meetings", "bi-cup-hot"),
        ResultGroup("searches", "Searches", "bi-compass"),
        ResultGroup("followups", "Follow-ups", "bi-check2-square"),
    ]
    if not words:
        return SearchResults(query=query, groups=groups)
    contacts, meetings, searches, followups = groups

    # search_text is lower-cased and trigram-indexed: the contacts' own search, also
    # used (as a subquery) to find the meetings and follow-ups with a matching person.
    matching_contacts = Contact.objects.for_owner(user).search(query)
    contacts.items, contacts.has_more = _first(Contact.objects.for_owner(user).search_by_name(query))
    meetings.items, meetings.has_more = _first_joined(
        Meeting.objects.for_owner(user)
        .filter(
            Q(contact__in=matching_contacts.values("pk"))
            | _all_words(("place", "notes", "learned", "search__title"), words)
        )
        .order_by(F("starts_at").desc(nulls_last=True), "-id"),
        "contact",
        "search",
    )
    searches.items, searches.has_more = _first(
        Search.objects.for_owner(user)
        .filter(_all_words(("title", "looking_for", "outcome"), words))
        .order_by("-started_on", "-id")
    )
    followups.items, followups.has_more = _first_joined(
        # The same search as the follow-ups list, so "all matching follow-ups" shows these and more.
        FollowUp.objects.for_owner(user)
        .search(query, user)
        # What is still to do comes first, soonest due first.
        .order_by(
            Case(When(state=FollowUpState.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField()),
            "due_on",
            "id",
        ),
        "contact",
    )
    return SearchResults(query=query, groups=groups)
