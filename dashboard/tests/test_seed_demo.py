from __future__ import annotations

import pytest
from django.core.management import call_command

from accounts.models import User
from contacts.models import Contact, ContactLink, Interaction, LedgerEntry
from followups.models import FollowUp, FollowUpKind, FollowUpState
from meetings.models import Meeting, MeetingState, Search

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_the_user_and_a_network_that_exercises_the_product(capsys):
    call_command("seed_demo", user="demo", contacts=120, password="demo-pass")

    user = User.objects.get(username="demo")
    assert user.check_password("demo-pass")
    assert Contact.objects.for_owner(user).count() == 120
    assert Contact.objects.for_owner(user).filter(introduced_by__introduced_by__introduced_by__isnull=False).exists()
    assert ContactLink.objects.for_owner(user).exists()
    assert Interaction.objects.for_owner(user).exists()
    assert set(LedgerEntry.objects.for_owner(user).values_list("direction", flat=True)) == {"gave", "received"}
    assert set(Meeting.objects.for_owner(user).values_list("state", flat=True)) == set(MeetingState.values)
    assert Search.objects.for_owner(user).open().exists()
    assert set(FollowUp.objects.for_owner(user).values_list("kind", flat=True)) == set(FollowUpKind.values)
    assert set(FollowUp.objects.for_owner(user).values_list("state", flat=True)) == set(FollowUpState.values)
    assert user.weekly_digest_enabled and user.weekly_digest_weekday == 0 and user.weekly_digest_hour == 8
    assert "Seeded demo: 120 contacts" in capsys.readouterr().out


def test_seed_demo_on_a_user_who_has_a_network_adds_nothing(capsys):
    call_command("seed_demo", user="demo", contacts=20)
    call_command("seed_demo", user="demo", contacts=20)

    assert Contact.objects.filter(owner__username="demo").count() == 20
    assert "already has 20 contacts" in capsys.readouterr().out


def test_the_demo_network_exercises_every_contact_field_and_page():
    from django.utils import timezone

    from contacts.duplicates import likely_duplicates

    call_command("seed_demo", user="demo", contacts=400)

    user = User.objects.get(username="demo")
    network = Contact.objects.for_owner(user)
    for field in ("preferred_name", "website", "linkedin_url", "source_detail", "notes", "how_i_can_help"):
        assert network.exclude(**{field: ""}).exists(), field
    assert network.filter(cadence_days__isnull=False).exists()
    assert network.filter(met_on__isnull=False, sells_time=True).exists()
    assert any(len(emails) > 1 for emails in network.values_list("emails", flat=True))
    assert network.filter(tags__isnull=False).exists()
    assert network.going_cold(timezone.now()).exists()
    assert network.never_contacted().exists()
    assert network.owed().exists()
    groups, _ = likely_duplicates(user)
    assert {reason for group in groups for reason in group.reasons} >= {"Same email", "Same LinkedIn profile"}
    held = Meeting.objects.for_owner(user).filter(state=MeetingState.HELD).select_related("contact")
    assert all(m.held_at and m.contact.last_contacted_at and m.contact.last_contacted_at >= m.held_at for m in held)
