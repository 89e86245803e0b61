"""Search everywhere: one box over contacts, meetings, searches and follow-ups.

One query per group, each cut to a few rows (plus one to tell whether there are more),
so the page costs the same for 100 contacts or 30,000.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

from contacts.models import Contact
from followups.models import FollowUp, FollowUpState
from meetings.models import Meeting, Search

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


def search_everywhere(user, query: str) -> SearchResults:
    """Four queries, one per group; words match anywhere, all words must match."""
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

    # search_text is lower-cased and trigram-indexed: the contacts' own search.
    contacts.items, contacts.has_more = _first(
        Contact.objects.for_owner(user).search(query).order_by("family_name", "given_name", "id")
    )
    meetings.items, meetings.has_more = _first(
        Meeting.objects.for_owner(user)
        .filter(_all_words(("contact__search_text", "place", "notes", "learned", "search__title"), words))
        .select_related("contact", "search")
        .order_by(F("starts_at").desc(nulls_last=True), "-id")
    )
    searches.items, searches.has_more = _first(
        Search.objects.for_owner(user)
        .filter(_all_words(("title", "looking_for", "outcome"), words))
        .order_by("-started_on", "-id")
    )
    followups.items, followups.has_more = _first(
        FollowUp.objects.for_owner(user)
        .filter(_all_words(("title", "message", "contact__search_text"), words))
        .select_related("contact")
        # What is still to do comes first, soonest due first.
        .order_by(
            Case(When(state=FollowUpState.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField()),
            "due_on",
            "id",
        )
    )
    return SearchResults(query=query, groups=groups)
