"""The user's Import pages: upload -> (columns) -> preview -> confirm -> summary, progress, history, undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from contacts.models import Contact, ImportRun
from contacts.tests.factories import ContactFactory
from imports import pipeline
from imports.models import ImportUpload, UploadState
from imports.pipeline import run_import
from imports.tasks import run_upload_job

FIXTURES = Path(__file__).parent / "fixtures"

pytestmark = pytest.mark.django_db


def upload_file(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content if content is not None else (FIXTURES / name).read_bytes())


def post_upload(client, name: str, content: bytes | None = None, format: str = "auto"):
    return client.post(reverse("imports:upload"), {"file": upload_file(name, content), "format": format})


def previewed_upload(client, name: str = "linkedin_connections.csv", content: bytes | None = None) -> ImportUpload:
    response = post_upload(client, name, content)
    upload = ImportUpload.objects.get()
    assert response.url == reverse("imports:preview", args=[upload.pk])
    return upload


class TestUploadPage:
    def test_the_upload_page_offers_every_format(self, alice_client, django_assert_max_num_queries):
        # session, user, latest three imports
        with django_assert_max_num_queries(3):
            response = alice_client.get(reverse("imports:upload"))

        assert response.status_code == 200
        assert b"LinkedIn connections (Connections.csv)" in response.content

    def test_anonymous_visitors_are_sent_to_log_in(self, client):
        response = client.get(reverse("imports:upload"))

        assert response.status_code == 302 and "/accounts/login/" in response.url

    def test_a_linkedin_export_goes_straight_to_the_preview(self, alice_client, alice):
        upload = previewed_upload(alice_client)

        assert upload.owner == alice and upload.state == UploadState.PREVIEWED and upload.preview is not None
        assert upload.preview["counts"] == {"created": 7, "updated": 0, "skipped": 0, "errors": 0}
        assert not Contact.objects.exists()

    @pytest.mark.parametrize(
        ("fixture", "message"),
        [
            ("empty.csv", "The file is empty"),
            ("binary_junk.csv", "This is not a text file"),
            ("headerless.csv", "Row 1 holds contact data"),
            ("wrong_delimiter.csv", "No columns were found"),
        ],
    )
    def test_unusable_files_are_explained_and_nothing_is_kept(self, alice_client, fixture, message):
        response = post_upload(alice_client, fixture)

        assert response.status_code == 200
        assert message in response.content.decode()
        assert not ImportUpload.objects.exists()
        assert not Contact.objects.exists()

    def test_a_file_over_the_size_limit_is_refused(self, alice_client, settings):
        settings.NETWEAVE_IMPORT_MAX_BYTES = 200

        response = post_upload(alice_client, "linkedin_connections.csv")

        assert "the limit is" in response.content.decode()
        assert not ImportUpload.objects.exists()

    def test_a_missing_file_is_a_form_error(self, alice_client):
        response = alice_client.post(reverse("imports:upload"), {"format": "auto"})

        assert response.status_code == 200
        assert response.context["form"].errors["file"]

    def test_a_forced_wrong_format_fails_clearly(self, alice_client):
        response = post_upload(alice_client, "contacts.vcf", format="linkedin")

        assert "This is a vCard file" in response.content.decode()
        assert not ImportUpload.objects.exists()


class TestColumns:
    def test_another_csv_asks_for_the_columns_with_a_guess(self, alice_client):
        response = post_upload(alice_client, "other_custom_header.csv")
        upload = ImportUpload.objects.get()
        assert response.url == reverse("imports:columns", args=[upload.pk])

        page = alice_client.get(response.url)

        assert page.status_code == 200
        assert page.context["form"]["column_0"].initial == "full_name"  # "Person"
        assert page.context["form"]["column_2"].initial == "company"  # "Org"

    def test_choosing_columns_leads_to_the_preview(self, alice_client):
        post_upload(alice_client, "other_custom_header.csv")
        upload = ImportUpload.objects.get()

        response = alice_client.post(
            reverse("imports:columns", args=[upload.pk]),
            {
                "column_0": "full_name",
                "column_1": "email",
                "column_2": "company",
                "column_3": "title",
                "column_4": "notes",
            },
        )

        assert response.url == reverse("imports:preview", args=[upload.pk])
        upload.refresh_from_db()
        assert upload.preview is not None
        assert upload.preview["sample"][0]["emails"] == "ines@duarte.example"

    def test_columns_without_a_name_or_email_are_refused(self, alice_client):
        post_upload(alice_client, "other_custom_header.csv")
        upload = ImportUpload.objects.get()

        response = alice_client.post(reverse("imports:columns", args=[upload.pk]), {"column_2": "company"})

        assert response.status_code == 200
        assert "Choose at least one column" in response.content.decode()
        upload.refresh_from_db()
        assert upload.mapping is None


class TestPreviewAndConfirm:
    def test_the_preview_shows_counts_rows_and_matches(self, alice_client, alice, django_assert_max_num_queries):
        ContactFactory(
            owner=alice, given_name="Grace", family_name="Hopper", emails=["grace.hopper@navy.example"], title=""
        )
        upload = previewed_upload(alice_client)
        # session, user, the upload
        with django_assert_max_num_queries(3):
            response = alice_client.get(reverse("imports:preview", args=[upload.pk]))

        content = response.content.decode()
        assert "This is a dry run" in content
        assert "Ada" in content and "Analytical Engines, Ltd." in content
        assert "same email" in content
        assert "Rear Admiral" in content

    def test_confirming_imports_and_shows_the_summary(self, alice_client, alice):
        upload = previewed_upload(alice_client)

        response = alice_client.post(reverse("imports:preview", args=[upload.pk]), {"default": "update"})

        run = ImportRun.objects.get(owner=alice)
        assert response.url == reverse("imports:run", args=[run.pk])
        assert Contact.objects.filter(owner=alice).count() == 7
        upload.refresh_from_db()
        assert upload.state == UploadState.IMPORTED and bytes(upload.content) == b""
        summary = alice_client.get(response.url)
        assert "Import complete" in summary.content.decode()
        assert "Lovelace" in summary.content.decode()

    def test_a_file_without_matches_confirms_with_no_choices_posted(self, alice_client, alice):
        upload = previewed_upload(alice_client)

        response = alice_client.post(reverse("imports:preview", args=[upload.pk]), {})

        assert response.status_code == 302
        assert Contact.objects.filter(owner=alice).count() == 7

    def test_a_per_match_choice_is_applied(self, alice_client, alice):
        grace = ContactFactory(
            owner=alice, given_name="Grace", family_name="Hopper", emails=["grace.hopper@navy.example"], title=""
        )
        upload = previewed_upload(alice_client)

        alice_client.post(reverse("imports:preview", args=[upload.pk]), {"default": "update", "choice_6": "skip"})

        grace.refresh_from_db()
        assert grace.title == ""

    def test_an_invalid_choice_re_renders_and_saves_nothing(self, alice_client, alice):
        ContactFactory(owner=alice, given_name="Grace", family_name="Hopper", emails=["grace.hopper@navy.example"])
        upload = previewed_upload(alice_client)

        response = alice_client.post(reverse("imports:preview", args=[upload.pk]), {"default": "overwrite"})

        assert response.status_code == 200
        assert response.context["form"].errors
        assert Contact.objects.filter(owner=alice).count() == 1

    def test_a_failed_confirm_writes_nothing_and_keeps_the_preview(self, alice_client, alice, monkeypatch):
        upload = previewed_upload(alice_client)
        monkeypatch.setattr(pipeline, "_apply_updates", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom")))

        response = alice_client.post(reverse("imports:preview", args=[upload.pk]), {"default": "update"})

        assert response.status_code == 200
        assert "Nothing was imported" in response.content.decode()
        assert not Contact.objects.exists() and not ImportRun.objects.exists()
        upload.refresh_from_db()
        assert upload.state == UploadState.PREVIEWED

    def test_cancelling_drops_the_upload(self, alice_client):
        upload = previewed_upload(alice_client)

        response = alice_client.post(reverse("imports:cancel", args=[upload.pk]))

        assert response.url == reverse("imports:upload")
        assert not ImportUpload.objects.exists()

    def test_cancel_is_post_only(self, alice_client):
        upload = previewed_upload(alice_client)

        assert alice_client.get(reverse("imports:cancel", args=[upload.pk])).status_code == 405


class TestLargeFilesInTheBackground:
    def test_a_large_file_is_queued_and_the_progress_page_polls(self, alice_client, settings):
        settings.NETWEAVE_IMPORT_INLINE_BYTES = 0

        response = post_upload(alice_client, "linkedin_connections.csv")

        upload = ImportUpload.objects.get()
        assert upload.state == UploadState.QUEUED
        assert response.url == reverse("imports:progress", args=[upload.pk])
        page = alice_client.get(response.url)
        assert b"data-import-status" in page.content and b"js/imports.js" in page.content

    def test_the_worker_task_runs_the_step_once(self, alice_client, settings):
        settings.NETWEAVE_IMPORT_INLINE_BYTES = 0
        post_upload(alice_client, "linkedin_connections.csv")
        upload = ImportUpload.objects.get()

        run_upload_job(upload.pk)
        run_upload_job(upload.pk)  # a redelivery finds nothing to claim

        upload.refresh_from_db()
        assert upload.state == UploadState.PREVIEWED

    def test_a_small_job_no_worker_took_is_run_by_the_status_request(self, alice_client, settings):
        # Redis down or no worker: the progress page's next poll does the work itself.
        settings.NETWEAVE_IMPORT_INLINE_BYTES = 0
        settings.NETWEAVE_IMPORT_WORKER_WAIT_SECONDS = 0
        post_upload(alice_client, "linkedin_connections.csv")
        settings.NETWEAVE_IMPORT_INLINE_BYTES = 512 * 1024  # small enough for the web process
        upload = ImportUpload.objects.get()

        status = alice_client.get(reverse("imports:status", args=[upload.pk])).json()

        assert status["done"] is True
        assert status["next"] == reverse("imports:preview", args=[upload.pk])

    def test_a_queued_confirm_finishes_through_the_status_poll(self, alice_client, alice, settings):
        upload = previewed_upload(alice_client)
        settings.NETWEAVE_IMPORT_INLINE_BYTES = 0
        settings.NETWEAVE_IMPORT_WORKER_WAIT_SECONDS = 0

        response = alice_client.post(reverse("imports:preview", args=[upload.pk]), {"default": "update"})
        assert response.url == reverse("imports:progress", args=[upload.pk])
        settings.NETWEAVE_IMPORT_INLINE_BYTES = 512 * 1024  # small enough for the web process
        status = alice_client.get(reverse("imports:status", args=[upload.pk])).json()

        run = ImportRun.objects.get(owner=alice)
        assert status["next"] == reverse("imports:run", args=[run.pk])
        assert run.created_count == 7

    def test_a_large_undo_no_worker_took_is_left_for_the_worker(self, alice_client, alice, settings):
        run = run_import(alice, (FIXTURES / "linkedin_connections.csv").read_bytes(), file_name="Connections.csv")
        settings.NETWEAVE_IMPORT_INLINE_UNDO_ROWS = 3
        settings.NETWEAVE_IMPORT_WORKER_WAIT_SECONDS = 0
        alice_client.post(reverse("imports:undo", args=[run.pk]))
        job = ImportUpload.objects.get()

        status = alice_client.get(reverse("imports:status", args=[job.pk])).json()

        assert status["worker_missing"] is True and status["done"] is False
        assert Contact.objects.filter(owner=alice).count() == 7

    def test_the_status_is_read_only_while_a_worker_may_still_take_it(self, alice_client, settings):
        settings.NETWEAVE_IMPORT_INLINE_BYTES = 0
        settings.NETWEAVE_IMPORT_WORKER_WAIT_SECONDS = 60
        post_upload(alice_client, "linkedin_connections.csv")
        upload = ImportUpload.objects.get()

        status = alice_client.get(reverse("imports:status", args=[upload.pk])).json()

        assert status["done"] is False and status["state"] == "queued"

    def test_status_is_get_only(self, alice_client):
        upload = previewed_upload(alice_client)

        assert alice_client.post(reverse("imports:status", args=[upload.pk])).status_code == 405


class TestHistoryAndUndo:
    def test_the_history_lists_imports_in_constant_queries(self, alice_client, alice, django_assert_max_num_queries):
        data = (FIXTURES / "linkedin_connections.csv").read_bytes()
        for _ in range(2):
            run_import(alice, data, file_name="Connections.csv")
        # session, user, count, page of runs
        with django_assert_max_num_queries(4):
            small = alice_client.get(reverse("imports:history"))
        for _ in range(10):
            ImportRun.objects.create(owner=alice, file_name="more.csv", format="linkedin")
        with django_assert_max_num_queries(4):
            large = alice_client.get(reverse("imports:history"))

        assert small.status_code == large.status_code == 200
        assert "Connections.csv" in large.content.decode()

    def test_the_summary_page_lists_the_new_contacts(self, alice_client, alice, django_assert_max_num_queries):
        run = run_import(alice, (FIXTURES / "linkedin_connections.csv").read_bytes(), file_name="Connections.csv")
        # session, user, run, new contacts, their count
        with django_assert_max_num_queries(5):
            response = alice_client.get(reverse("imports:run", args=[run.pk]))

        assert "Katherine Johnson" in response.content.decode()

    def test_the_summary_links_to_the_contacts_this_import_created(self, alice_client, alice):
        ContactFactory(owner=alice, given_name="Already", family_name="Here")
        run = run_import(alice, (FIXTURES / "linkedin_connections.csv").read_bytes(), file_name="Connections.csv")

        response = alice_client.get(reverse("imports:run", args=[run.pk]))
        link = f"{reverse('contacts:list')}?import_run={run.pk}"
        assert f'href="{link}"' in response.content.decode()

        listed = alice_client.get(link)
        names = {contact.full_name for contact in listed.context["contacts"]}
        assert names == {contact.full_name for contact in Contact.objects.filter(import_run=run)}
        assert "Already Here" not in names

    def test_undo_removes_the_import_and_lists_what_was_kept(self, alice_client, alice):
        run = run_import(alice, (FIXTURES / "linkedin_connections.csv").read_bytes(), file_name="Connections.csv")
        Contact.objects.filter(given_name="Ada").update(updated_at=run.created_at.replace(year=2099))

        response = alice_client.post(reverse("imports:undo", args=[run.pk]), follow=True)

        content = response.content.decode()
        assert "6 contacts removed" in content
        assert "1 kept" in content
        assert "Ada Lovelace" in content
        assert list(Contact.objects.filter(owner=alice).values_list("given_name", flat=True)) == ["Ada"]

    def test_undoing_twice_changes_nothing_more(self, alice_client, alice):
        run = run_import(alice, (FIXTURES / "linkedin_connections.csv").read_bytes(), file_name="Connections.csv")
        alice_client.post(reverse("imports:undo", args=[run.pk]))

        response = alice_client.post(reverse("imports:undo", args=[run.pk]), follow=True)

        assert "already undone" in response.content.decode()

    def test_a_large_undo_runs_in_the_background(self, alice_client, alice, settings):
        run = run_import(alice, (FIXTURES / "linkedin_connections.csv").read_bytes(), file_name="Connections.csv")
        settings.NETWEAVE_IMPORT_INLINE_UNDO_ROWS = 3
        settings.NETWEAVE_IMPORT_WORKER_WAIT_SECONDS = 0

        response = alice_client.post(reverse("imports:undo", args=[run.pk]))
        job = ImportUpload.objects.get()
        assert response.url == reverse("imports:progress", args=[job.pk])
        settings.NETWEAVE_IMPORT_INLINE_UNDO_ROWS = 5000  # no worker: small enough for the web process
        status = alice_client.get(reverse("imports:status", args=[job.pk])).json()

        assert status["next"] == reverse("imports:run", args=[run.pk])
        assert not Contact.objects.filter(owner=alice).exists()
        run.refresh_from_db()
        assert run.undone_at is not None

    def test_undo_is_post_only(self, alice_client, alice):
        run = ImportRun.objects.create(owner=alice, file_name="x.csv", format="csv")

        assert alice_client.get(reverse("imports:undo", args=[run.pk])).status_code == 405


def test_another_users_upload_and_imports_are_hidden_from_bob(alice_client, alice, assert_hidden_from_bob):
    upload = previewed_upload(alice_client)
    run = ImportRun.objects.create(owner=alice, file_name="x.csv", format="csv")

    for name in ("columns", "progress", "status", "preview"):
        assert_hidden_from_bob(reverse(f"imports:{name}", args=[upload.pk]))
    assert_hidden_from_bob(reverse("imports:preview", args=[upload.pk]), method="post", data={"default": "update"})
    assert_hidden_from_bob(reverse("imports:cancel", args=[upload.pk]), method="post")
    assert_hidden_from_bob(reverse("imports:run", args=[run.pk]))
    assert_hidden_from_bob(reverse("imports:undo", args=[run.pk]), method="post")
    assert ImportUpload.objects.filter(pk=upload.pk).exists()
    assert ImportRun.objects.get(pk=run.pk).undone_at is None
    assert not Contact.objects.exists()


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=st.binary(min_size=1, max_size=800), format=st.sampled_from(["auto", "linkedin", "google", "vcard", "csv"]))
def test_random_uploads_never_end_in_a_server_error(alice_client, data, format):
    response = alice_client.post(
        reverse("imports:upload"), {"file": SimpleUploadedFile("random.csv", data), "format": format}
    )

    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert alice_client.get(response.url).status_code in (200, 302)


HEADER_ONLY = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"


class TestFilesWithNothingToImport:
    def test_a_header_only_file_says_nothing_to_import_and_offers_no_confirm(self, alice_client, alice):
        upload = previewed_upload(alice_client, "header_only.csv", HEADER_ONLY)

        page = alice_client.get(reverse("imports:preview", args=[upload.pk])).content.decode()

        assert "Nothing to import." in page
        assert "Confirm and import" not in page
        assert "Upload another file" in page

    def test_confirming_a_header_only_file_is_refused(self, alice_client, alice):
        upload = previewed_upload(alice_client, "header_only.csv", HEADER_ONLY)

        response = alice_client.post(reverse("imports:preview", args=[upload.pk]), {})

        assert response.status_code == 200
        assert "There is nothing to import in this file" in response.content.decode()
        assert not ImportRun.objects.exists()
        upload.refresh_from_db()
        assert upload.state == UploadState.PREVIEWED

    def test_a_readme_saved_as_txt_is_refused_at_upload_naming_the_formats(self, alice_client):
        readme = (
            b"netweave: keep in touch, close every loop, and give before you get.\n\n"
            b"Install it with make run. Then open the browser, log in, and import your contacts.\n"
            b"It works with LinkedIn, Google and Outlook exports.\n"
        )

        response = post_upload(alice_client, "README.txt", readme)

        assert response.status_code == 200
        content = response.content.decode()
        assert "does not look like a table of contacts" in content
        assert "CSV files" in content and "vCard (.vcf)" in content
        assert not ImportUpload.objects.exists()
