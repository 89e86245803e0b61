"""An upload over the size limit is never stored, and each person keeps at most five pending files."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from imports.jobs import store_upload
from imports.models import ImportUpload, UploadState
from imports.uploads import RefusedUpload

CSV = b"First Name,Email\nAda,ada@example.com\n"


@pytest.mark.django_db
def test_a_file_over_the_limit_is_refused_with_the_limit_named_and_its_bytes_never_kept(alice_client, settings):
    settings.NETWEAVE_IMPORT_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("huge.csv", CSV + b"x" * (3 * 1024 * 1024))

    response = alice_client.post(reverse("imports:upload"), {"file": big, "format": "auto"})

    assert response.status_code == 200
    assert "The file is 3.0 MB; the limit is 1 MB." in response.content.decode()
    # The handler swallowed the bytes: the form got an empty stand-in with the real size.
    kept = response.context["form"].files["file"]
    assert isinstance(kept, RefusedUpload)
    assert kept.size is not None and kept.size > 3 * 1024 * 1024
    assert not ImportUpload.objects.exists()


@pytest.mark.django_db
def test_the_admin_import_page_refuses_a_file_over_the_limit_the_same_way(admin_client, alice, settings):
    settings.NETWEAVE_IMPORT_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("huge.csv", CSV + b"x" * (2 * 1024 * 1024))

    response = admin_client.post(
        reverse("admin:contacts_contact_import"), {"owner": alice.pk, "file": big, "format": "auto"}
    )

    assert response.status_code == 200
    assert "the limit is 1 MB" in response.content.decode()
    assert not ImportUpload.objects.exists()


@pytest.mark.django_db
def test_a_file_under_the_limit_is_kept_whole(alice_client):
    response = alice_client.post(reverse("imports:upload"), {"file": SimpleUploadedFile("c.csv", CSV), "format": "csv"})

    assert response.status_code == 302
    assert bytes(ImportUpload.objects.get().content) == CSV


@pytest.mark.django_db
def test_a_sixth_pending_upload_drops_the_oldest_and_nobody_elses(alice, bob):
    first = store_upload(alice, alice, file_name="1.csv", data=CSV, format="auto")
    busy = store_upload(alice, alice, file_name="busy.csv", data=CSV, format="auto")
    busy.state = UploadState.QUEUED  # a worker may be running it: never dropped
    busy.save()
    bobs = store_upload(bob, bob, file_name="bob.csv", data=CSV, format="auto")
    later = [store_upload(alice, alice, file_name=f"{n}.csv", data=CSV, format="auto") for n in range(2, 7)]

    kept = set(ImportUpload.objects.filter(owner=alice).values_list("id", flat=True))

    assert kept == {busy.pk, *(u.pk for u in later)}
    assert first.pk not in kept
    assert ImportUpload.objects.filter(pk=bobs.pk).exists()
