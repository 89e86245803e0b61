"""The dashboard is cached per owner version and local day, and never shows a stale number.

Each write path: load the dashboard (which caches it), write through the service (not a
page, whose request would bump anyway), load it again and see the new number.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.contrib.admin.sites import AdminSite
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import UserFactory
from api import services as api_services
from conftest import NOW
from contacts import services as contact_services
from contacts.models import Contact, Direction, LedgerKind, Stage
from contacts.tests.factories import ContactFactory
from followups import services as followup_services
from followups.admin import FollowUpAdmin
from followups.models import FollowUp, FollowUpKind
from followups.rules import create_due_followups
from followups.tests.factories import FollowUpFactory
from imports.pipeline import run_import, undo_import
from meetings import services as meeting_services
from meetings.models import Meeting, MeetingState
from meetings.tests.factories import MeetingFactory
from netweave.cache import bump_owner, owner_version

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

LINKEDIN = (Path(__file__).parents[2] / "imports" / "tests" / "fixtures" / "linkedin_connections.csv").read_bytes()


def stat(content: str, label: str) -> int:
    """The number on the stat tile called ``label`` ("Due now", "Awaiting an answer"...)."""
    found = re.search(r'nw-stat">(\d+)</span>\s*<span class="nw-stat-label">' + re.escape(label), content)
    assert found, f"no {label!r} tile"
    return int(found.group(1))


def people(content: str) -> int:
    found = re.search(r"(\d+) people in your network", content)
    assert found
    return int(found.group(1))


def held(content: str) -> int:
    found = re.search(r'nw-stat">(\d+)</span> <span class="nw-muted">held in 12 weeks', content)
    assert found
    return int(found.group(1))


def share(content: str, label: str) -> int:
    found = re.search(re.escape(label) + r'</span>\s*<span class="nw-share-value"><strong>(\d+)</strong>', content)
    assert found, f"no {label!r} share"
    return int(found.group(1))


def without_tokens(content: str) -> str:
    """The page without its CSRF tokens, which are masked afresh at each request."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", content)


def going_cold(content: str) -> str:
    return content[content.index('id="cold-heading"') : content.index('id="outcome-heading"')]


@pytest.fixture
def page(alice_client):
    def load() -> str:
        response = alice_client.get("/")
        assert response.status_code == 200
        return response.content.decode()

    return load


@pytest.fixture
def ken(alice):
    """Someone in alice's network who is going cold (so the dashboard is not the first-run page)."""
    return ContactFactory(
        owner=alice, given_name="Ken", family_name="Cold", stage=Stage.ALLY, last_contacted_at=NOW - timedelta(days=400)
    )


def test_a_warm_dashboard_costs_two_queries_and_a_cold_one_fourteen(
    alice, ken, alice_client, django_assert_max_num_queries, django_assert_num_queries
):
    # Cold: session, user, then the twelve of compute_day(): network by source, held per
    # week, conversion, thank-yous, give/get; due follow-ups, due counts, meetings this
    # week, awaiting answer + its count, going cold, outcome reports by search.
    with django_assert_max_num_queries(14):
        assert alice_client.get("/").status_code == 200
    # Warm: session and user; the day's numbers come from the cache.
    with django_assert_num_queries(2):
        assert alice_client.get("/").status_code == 200
    bump_owner(alice.pk)
    with django_assert_max_num_queries(14):
        assert alice_client.get("/").status_code == 200


def test_logging_a_touch_takes_them_off_going_cold(alice, ken, page):
    assert "Ken Cold" in going_cold(page())

    contact_services.log_interaction(ken, occurred_at=NOW, channel="call")

    assert "Ken Cold" not in going_cold(page())


def test_recording_an_exchange_counts_in_give_and_get(alice, ken, page):
    assert share(page(), "I gave") == 0

    contact_services.record_exchange(ken, direction=Direction.GAVE, kind=LedgerKind.ADVICE, occurred_on=NOW.date())

    assert share(page(), "I gave") == 1


def test_adding_editing_and_deleting_a_contact(alice, ken, alice_client, page):
    assert people(page()) == 1

    newcomer = contact_services.save_contact(Contact(owner=alice, given_name="Maria", family_name="New"))
    assert people(page()) == 2

    ken.given_name = "Kenji"
    contact_services.save_contact(ken)
    assert "Kenji Cold" in going_cold(page())

    # Deleting has no service: the page's POST is what bumps.
    alice_client.post(reverse("contacts:delete", args=[newcomer.pk]))
    assert people(page()) == 1


def test_scheduling_and_holding_a_meeting(alice, ken, page):
    meeting = MeetingFactory(owner=alice, contact=ken, state=MeetingState.REQUESTED, requested_at=NOW)
    content = page()
    assert stat(content, "Meetings in 7 days") == 0 and held(content) == 0

    meeting_services.schedule_meeting(meeting, when=NOW, starts_at=NOW - timedelta(hours=1))
    # An hour ago is still today: this week's panel starts at local midnight.
    assert stat(page(), "Meetings in 7 days") == 1

    meeting_services.hold_meeting(meeting, when=NOW)
    content = page()
    assert stat(content, "Meetings in 7 days") == 0 and held(content) == 1


def test_marking_a_follow_up_done_snoozed_or_skipped(alice, ken, page):
    done, snoozed, skipped = (FollowUpFactory(owner=alice, contact=ken, due_on=NOW.date()) for _ in range(3))
    assert stat(page(), "Due now") == 3

    followup_services.mark_done(done, now=NOW)
    assert stat(page(), "Due now") == 2
    followup_services.snooze(snoozed, until=NOW.date() + timedelta(days=3))
    assert stat(page(), "Due now") == 1
    followup_services.skip(skipped)
    assert stat(page(), "Due now") == 0


def test_the_rules_job_creating_follow_ups(alice, ken, page):
    assert stat(page(), "Due now") == 0

    create_due_followups(now=NOW)

    assert FollowUp.objects.filter(owner=alice, kind=FollowUpKind.KEEP_IN_TOUCH).exists()
    assert stat(page(), "Due now") == 1


def test_an_import_and_its_undo(alice, ken, page):
    assert people(page()) == 1

    run = run_import(alice, LINKEDIN, file_name="Connections.csv")
    imported = people(page())
    assert imported > 1

    undo_import(run)
    assert people(page()) == 1


def test_merging_two_contacts(alice, ken, page):
    twin = ContactFactory(owner=alice, given_name="Ken", family_name="Cold")
    assert people(page()) == 2

    contact_services.merge_contacts(ken, duplicate=twin)

    assert people(page()) == 1


def test_a_write_through_the_api(alice, ken, page):
    _, token = api_services.create_token(alice, name="script")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert stat(page(), "Awaiting an answer") == 0

    response = api.post("/api/v1/meetings/", {"contact": ken.pk, "kind": "video"}, content_type="application/json")
    assert response.status_code == 201
    Meeting.objects.filter(owner=alice).update(state=MeetingState.REQUESTED, requested_at=NOW)  # no bump here
    # The API's own write bumped already; the raw UPDATE above came after it, so bump once
    # more as a service would, then delete through the API and see the number fall back.
    bump_owner(alice.pk)
    assert stat(page(), "Awaiting an answer") == 1
    assert api.delete(f"/api/v1/meetings/{Meeting.objects.get().pk}/").status_code == 204
    assert stat(page(), "Awaiting an answer") == 0


def test_an_admin_save_bumps_the_owner_not_the_admin(alice, ken, page, rf):
    followup = FollowUpFactory(owner=alice, contact=ken, due_on=NOW.date() + timedelta(days=5))
    assert stat(page(), "Due now") == 0
    staff = UserFactory(username="staff", is_staff=True, is_superuser=True)
    form_class = FollowUpAdmin(FollowUp, AdminSite()).get_form(rf.get("/"), followup)
    data = {
        field: getattr(followup, f"{field}_id", None) or getattr(followup, field)
        for field in form_class.base_fields
        if hasattr(followup, field)
    }
    data = {key: "" if value is None else value for key, value in data.items()}
    data["due_on"] = NOW.date()
    form = form_class(data, instance=followup)
    assert form.is_valid(), form.errors
    form.save()
    assert staff.pk != alice.pk

    assert stat(page(), "Due now") == 1


def test_an_admin_delete_bumps_the_owner_one_row_or_many(alice, ken, page, rf):
    one, two, three = (FollowUpFactory(owner=alice, contact=ken, due_on=NOW.date()) for _ in range(3))
    assert stat(page(), "Due now") == 3
    admin = FollowUpAdmin(FollowUp, AdminSite())
    request = rf.post("/")
    request.user = UserFactory(username="staff", is_staff=True, is_superuser=True)

    admin.delete_model(request, one)
    assert stat(page(), "Due now") == 2
    admin.delete_queryset(request, FollowUp.objects.filter(pk__in=[two.pk, three.pk]))
    assert stat(page(), "Due now") == 0


def test_what_is_due_moves_on_at_midnight_in_the_users_zone(alice, ken, page, frozen):
    alice.time_zone = "Pacific/Auckland"  # 10:30 UTC is 23:30 there (NZDT, UTC+13)
    alice.save(update_fields=["time_zone"])
    tomorrow_there = NOW.astimezone(ZoneInfo("Pacific/Auckland")).date() + timedelta(days=1)
    FollowUpFactory(owner=alice, contact=ken, due_on=tomorrow_there)
    assert stat(page(), "Due now") == 0

    frozen.shift(timedelta(minutes=45))  # past midnight in Auckland, no write in between

    assert stat(page(), "Due now") == 1


def test_going_cold_and_this_week_move_with_the_clock_within_the_day(alice, ken, page, frozen):
    # Ana's cadence lapses at 15:30 today; the meeting starts seven days and two hours from now.
    ContactFactory(
        owner=alice,
        given_name="Ana",
        family_name="Later",
        stage=Stage.ALLY,
        cadence_days=30,
        last_contacted_at=NOW.replace(hour=15) - timedelta(days=30),
    )
    MeetingFactory(owner=alice, contact=ken, state=MeetingState.SCHEDULED, starts_at=NOW + timedelta(days=7, hours=2))
    content = page()
    assert "Ana Later" not in going_cold(content) and stat(content, "Meetings in 7 days") == 0

    frozen.shift(timedelta(hours=6))  # 16:30, the same day: the cached day is narrowed to now

    content = page()
    assert "Ana Later" in going_cold(content) and stat(content, "Meetings in 7 days") == 1


def test_a_new_cadence_is_a_new_key(alice, ken, page):
    ContactFactory(
        owner=alice,
        given_name="Ana",
        family_name="Mild",
        stage=Stage.IN_TOUCH,
        last_contacted_at=NOW - timedelta(days=50),
    )
    assert "Ana Mild" not in going_cold(page())

    alice.cadence_in_touch_days = 40
    alice.save(update_fields=["cadence_in_touch_days"])

    assert "Ana Mild" in going_cold(page())


def test_redis_down_still_serves_fresh_numbers(alice, ken, redis_down, page):
    assert owner_version(alice.pk) is None
    assert stat(page(), "Due now") == 0

    FollowUpFactory(owner=alice, contact=ken, due_on=NOW.date())  # no bump reaches Redis: none is needed

    assert stat(page(), "Due now") == 1


def test_overdue_and_asked_ages_move_with_the_clock_between_two_writes(alice, ken, page, frozen):
    ContactFactory(
        owner=alice,
        given_name="Ana",
        family_name="Recent",
        stage=Stage.ALLY,
        cadence_days=30,
        last_contacted_at=NOW - timedelta(days=30, minutes=10),
    )
    MeetingFactory(owner=alice, contact=ken, state=MeetingState.REQUESTED, requested_at=NOW - timedelta(minutes=5))
    content = page()
    assert "overdue 10\xa0minutes" in going_cold(content) and "asked 5\xa0minutes ago" in content

    frozen.shift(timedelta(minutes=50))  # no write: the cached body is of another moment

    content = page()
    assert "overdue 1\xa0hour" in going_cold(content) and "asked 55\xa0minutes ago" in content


def test_a_request_asked_moments_ago_reads_just_now(alice, ken, page):
    MeetingFactory(owner=alice, contact=ken, state=MeetingState.REQUESTED, requested_at=NOW - timedelta(seconds=20))

    assert "asked just now" in page()


def test_a_warm_dashboard_renders_its_body_once_per_moment(alice, ken, page, frozen, monkeypatch):
    from dashboard import snapshot

    ContactFactory(
        owner=alice, stage=Stage.ALLY, cadence_days=30, last_contacted_at=NOW - timedelta(days=30, minutes=10)
    )
    renders: list[snapshot.RenderedBody] = []
    render_body = snapshot.render_body

    def counted(*args, **kwargs) -> snapshot.RenderedBody:
        renders.append(render_body(*args, **kwargs))
        return renders[-1]

    monkeypatch.setattr(snapshot, "render_body", counted)
    first = without_tokens(page())
    frozen.shift(timedelta(seconds=20))  # still "overdue 10 minutes"
    assert without_tokens(page()) == first
    assert len(renders) == 1

    frozen.shift(timedelta(seconds=40))  # now "overdue 11 minutes"
    assert "overdue 11\xa0minutes" in going_cold(page())
    assert len(renders) == 2


def test_each_session_posts_the_cached_forms_with_its_own_token(alice, ken):
    followup = FollowUpFactory(owner=alice, contact=ken, due_on=NOW.date())
    laptop, phone = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    laptop.force_login(alice)
    phone.force_login(alice)
    laptop.get("/")  # renders and caches the body

    content = phone.get("/").content.decode()

    assert "csrf-slot-" not in content
    done = content.index(f'action="{reverse("followups:done", args=[followup.pk])}"')
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', content[done:])
    assert token
    response = phone.post(reverse("followups:done", args=[followup.pk]), {"csrfmiddlewaretoken": token.group(1)})
    assert response.status_code == 302
    followup.refresh_from_db()
    assert followup.state == "done"


def test_a_new_display_name_shows_without_a_bump(alice, ken, page):
    assert "Good to see you, Alice Archer</h1>" in page()

    type(alice).objects.filter(pk=alice.pk).update(display_name="Alice A.")  # as a staff edit would, no bump

    assert "Good to see you, Alice A.</h1>" in page()


def test_a_new_name_signs_the_drafts_on_the_dashboard_without_a_bump(alice, ken, page):
    meeting = MeetingFactory(owner=alice, contact=ken, state=MeetingState.HELD, held_at=NOW - timedelta(days=3))
    [thank_you] = followup_services.meeting_held(meeting)
    assert thank_you.message.endswith("Alice Archer")
    assert "Best regards,\nAlice Archer" in page()

    type(alice).objects.filter(pk=alice.pk).update(display_name="Alice Tanaka")  # a staff edit: no bump

    content = page()
    assert "Best regards,\nAlice Tanaka" in content and "Best regards,\nAlice Archer" not in content
