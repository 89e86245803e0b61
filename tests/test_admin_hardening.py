"""Admin powers match the risk: releasing reminder claims, and staff imports into someone's network."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import UserFactory
from contacts.models import Contact, ImportRun
from followups.models import ReminderEmail, ReminderKind, ReminderStatus

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parent.parent / "imports" / "tests" / "fixtures"
REMINDERS = "/admin/followups/reminderemail/"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def staff_with(*codenames: str):
    user = UserFactory(username=f"staff-{'-'.join(codenames) or 'none'}", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def stuck(alice) -> ReminderEmail:
    return ReminderEmail.objects.create(
        user=alice, kind=ReminderKind.DAILY, period="2026-03-04", status=ReminderStatus.SENDING, claim_token="x"
    )


def release(client: Client, row: ReminderEmail):
    return client.post(REMINDERS, {"action": "release_claims", "_selected_action": [row.pk]})


def test_releasing_claims_is_hidden_and_refused_for_staff_who_are_not_superusers(stuck):
    staff = client_for(staff_with("view_reminderemail", "change_reminderemail", "delete_reminderemail"))

    page = staff.get(REMINDERS)
    release(staff, stuck)

    stuck.refresh_from_db()
    assert page.status_code == 200 and "release_claims" not in page.content.decode()
    assert stuck.status == ReminderStatus.SENDING


def test_a_superuser_can_release_claims(stuck):
    superuser = client_for(UserFactory(username="root", is_staff=True, is_superuser=True))

    assert "release_claims" in superuser.get(REMINDERS).content.decode()
    release(superuser, stuck)

    stuck.refresh_from_db()
    assert stuck.status == ReminderStatus.FAILED


# --- Staff import into another user's network -------------------------------------------


def upload(client: Client, owner):
    name = "linkedin_connections.csv"
    return client.post(
        reverse("admin:contacts_contact_import"),
        {"owner": owner.pk, "file": SimpleUploadedFile(name, (FIXTURES / name).read_bytes()), "format": "auto"},
    )


def test_the_owner_list_leaves_out_deactivated_users(alice):
    UserFactory(username="gone-away", is_active=False)
    superuser = client_for(UserFactory(username="root", is_staff=True, is_superuser=True))

    page = superuser.get(reverse("admin:contacts_contact_import")).content.decode()

    assert ">alice<" in page and "gone-away" not in page


def test_staff_import_needs_view_and_change_as_well_as_add(alice):
    only_add = client_for(staff_with("add_contact"))
    all_three = client_for(staff_with("add_contact", "view_contact", "change_contact"))

    assert only_add.get(reverse("admin:contacts_contact_import")).status_code == 403
    assert upload(only_add, alice).status_code == 403
    assert all_three.get(reverse("admin:contacts_contact_import")).status_code == 200


def test_the_run_records_who_uploaded_it_and_its_page_is_read_only_with_undo_as_an_action(alice):
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    superuser = client_for(root)
    preview = upload(superuser, alice).url
    done = superuser.post(preview, {"default": "update"})
    run = ImportRun.objects.get()

    page = superuser.get(done.url)
    listing = superuser.get(reverse("admin:contacts_importrun_changelist")).content.decode()
    superuser.post(done.url, {"file_name": "renamed.csv"})
    superuser.post(
        reverse("admin:contacts_importrun_changelist"), {"action": "undo_imports", "_selected_action": [run.pk]}
    )

    run.refresh_from_db()
    assert run.uploaded_by == root and run.owner == alice
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert "undo_imports" in listing
    assert run.file_name != "renamed.csv"
    assert run.undone_at is not None and not Contact.objects.filter(owner=alice).exists()
