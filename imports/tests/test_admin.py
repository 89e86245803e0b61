"""The admin's "Import contacts" page: staff import into a chosen owner's network through the same flow."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import UserFactory
from contacts.models import Contact, ImportRun
from imports.models import ImportUpload

FIXTURES = Path(__file__).parent / "fixtures"

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client() -> Client:
    client = Client()
    client.force_login(UserFactory(username="staff", is_staff=True, is_superuser=True))
    return client


def upload(client: Client, owner, name: str = "linkedin_connections.csv"):
    return client.post(
        reverse("admin:contacts_contact_import"),
        {"owner": owner.pk, "file": SimpleUploadedFile(name, (FIXTURES / name).read_bytes()), "format": "auto"},
    )


def test_the_contact_list_links_to_the_import_page(staff_client):
    response = staff_client.get(reverse("admin:contacts_contact_changelist"))

    assert reverse("admin:contacts_contact_import").encode() in response.content


def test_staff_import_into_the_chosen_owners_network(staff_client, alice, django_assert_max_num_queries):
    response = upload(staff_client, alice)
    pending = ImportUpload.objects.get()
    assert response.url == reverse("admin:contacts_contact_import_preview", args=[pending.pk])
    # session, staff user, the upload
    with django_assert_max_num_queries(3):
        preview = staff_client.get(response.url)
    assert "7 new" in preview.content.decode()

    done = staff_client.post(response.url, {"default": "update"})

    run = ImportRun.objects.get()
    assert run.owner == alice
    assert done.url == reverse("admin:contacts_importrun_change", args=[run.pk])
    assert Contact.objects.filter(owner=alice).count() == 7


def test_an_unusable_file_is_explained_on_the_admin_page(staff_client, alice):
    response = upload(staff_client, alice, "binary_junk.csv")

    assert response.status_code == 200
    assert "This is not a text file" in response.content.decode()
    assert not ImportUpload.objects.exists()


def test_other_csv_files_get_the_column_step(staff_client, alice):
    response = upload(staff_client, alice, "other_custom_header.csv")
    pending = ImportUpload.objects.get()

    assert response.url == reverse("admin:contacts_contact_import_columns", args=[pending.pk])
    assert staff_client.get(response.url).status_code == 200


def test_staff_cannot_reach_another_staff_members_upload(staff_client, alice):
    upload(staff_client, alice)
    pending = ImportUpload.objects.get()
    other = Client()
    other.force_login(UserFactory(username="other-staff", is_staff=True, is_superuser=True))

    assert other.get(reverse("admin:contacts_contact_import_preview", args=[pending.pk])).status_code == 404


def test_non_staff_users_are_sent_to_the_admin_login(alice_client):
    response = alice_client.get(reverse("admin:contacts_contact_import"))

    assert response.status_code == 302 and "/admin/login/" in response.url


def test_cancel_is_post_only(staff_client, alice):
    upload(staff_client, alice)
    pending = ImportUpload.objects.get()

    assert staff_client.get(reverse("admin:contacts_contact_import_cancel", args=[pending.pk])).status_code == 405
    assert staff_client.post(reverse("admin:contacts_contact_import_cancel", args=[pending.pk])).status_code == 302
    assert not ImportUpload.objects.exists()
