"""A busy week for a user in Tokyo: what the reminder tests and the email screenshots render."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from accounts.models import User
from accounts.tests.factories import UserFactory
from contacts.models import Contact, Stage
from contacts.tests.factories import ContactFactory
from followups.models import FollowUpKind, FollowUpState
from followups.tests.factories import FollowUpFactory
from meetings.models import Meeting, MeetingKind, MeetingState
from meetings.tests.factories import MeetingFactory, SearchFactory

TOKYO = ZoneInfo("Asia/Tokyo")
# Thursday 5 March 2026, 08:00 in Tokyo: 23:00 UTC on Wednesday 4 March.
TOKYO_MORNING = dt.datetime(2026, 3, 5, 8, 0, tzinfo=TOKYO)
TOKYO_TODAY = TOKYO_MORNING.date()

PEOPLE = [
    ("Ken", "Nakamura", "Mercari"),
    ("Rita", "Okafor", "Stripe"),
    ("Maria", "Lopez", "Rakuten"),
    ("Sam", "Patel", "LINE"),
    ("Yuki", "Tanaka", "Sony"),
    ("Priya", "Shah", "Indeed"),
    ("Tom", "Becker", "SmartNews"),
    ("Aiko", "Mori", "Cookpad"),
]
TITLES = [
    "Send Ken the article on product discovery",
    "Thank Rita for the coffee",
    "Introduce Maria to Sam",
    "Read the book Yuki suggested",
    "Ask Priya about the hiring timeline",
    "Send Tom my portfolio",
]


@dataclass
class BusyWeek:
    user: User
    overdue: int
    lunch: Meeting


def busy_week_in_tokyo(*, overdue: int = 30, cold: int = 8) -> BusyWeek:
    """A Tokyo user with ``overdue`` follow-ups overdue, one due today, a 12:00 lunch today,
    two more meetings this week, ``cold`` people going cold, an outcome report waiting,
    and some progress last week."""
    user = UserFactory(username="hana", email="hana@example.com", display_name="Hana Sato", time_zone="Asia/Tokyo")
    people = [
        ContactFactory(owner=user, given_name=given, family_name=family, company=company)
        for given, family, company in PEOPLE
    ]
    for n in range(overdue):
        FollowUpFactory(
            owner=user,
            contact=people[n % len(people)],
            kind=[FollowUpKind.PROMISE, FollowUpKind.THANK_YOU, FollowUpKind.KEEP_IN_TOUCH][n % 3],
            title=TITLES[n % len(TITLES)] + ("" if n < len(TITLES) else f" ({n // len(TITLES) + 1})"),
            due_on=TOKYO_TODAY - dt.timedelta(days=overdue - n),  # the first is the oldest
        )
    FollowUpFactory(owner=user, contact=people[1], title="Thank Rita for the introduction", due_on=TOKYO_TODAY)
    lunch = MeetingFactory(
        owner=user,
        contact=people[0],
        kind=MeetingKind.MEAL,
        state=MeetingState.SCHEDULED,
        starts_at=dt.datetime(2026, 3, 5, 12, 0, tzinfo=TOKYO),
        place="Tsukiji Soba, Ginza",
    )
    MeetingFactory(
        owner=user,
        contact=people[2],
        kind=MeetingKind.VIDEO,
        state=MeetingState.SCHEDULED,
        starts_at=dt.datetime(2026, 3, 6, 9, 30, tzinfo=TOKYO),
        place="Zoom",
    )
    MeetingFactory(
        owner=user,
        contact=people[4],
        state=MeetingState.SCHEDULED,
        starts_at=dt.datetime(2026, 3, 7, 15, 0, tzinfo=TOKYO),
        place="Blue Bottle, Shinjuku",
    )
    for n in range(cold):
        ContactFactory(
            owner=user,
            stage=Stage.ALLY,
            last_contacted_at=TOKYO_MORNING - dt.timedelta(days=40 + 7 * n),
        )
    search = SearchFactory(owner=user, title="Product manager roles in Tokyo")
    for person in people[:3]:
        FollowUpFactory(
            owner=user,
            contact=person,
            search=search,
            kind=FollowUpKind.OUTCOME_REPORT,
            state=FollowUpState.PROPOSED,
            due_on=TOKYO_TODAY,
        )
    # Last week (Monday 23 February to Sunday 1 March, Tokyo): a lunch held, a referral.
    MeetingFactory(
        owner=user,
        contact=people[5],
        state=MeetingState.HELD,
        starts_at=dt.datetime(2026, 2, 26, 12, 0, tzinfo=TOKYO),
        held_at=dt.datetime(2026, 2, 26, 13, 0, tzinfo=TOKYO),
    )
    thanked = FollowUpFactory(owner=user, contact=people[5], title="Thank Priya for lunch", due_on=dt.date(2026, 2, 27))
    thanked.state, thanked.done_at = FollowUpState.DONE, dt.datetime(2026, 2, 26, 20, 0, tzinfo=TOKYO)
    thanked.save()
    referral = ContactFactory(owner=user, introduced_by=people[5])
    Contact.objects.filter(pk=referral.pk).update(created_at=dt.datetime(2026, 2, 27, 10, 0, tzinfo=TOKYO))
    return BusyWeek(user=user, overdue=overdue, lunch=lunch)
