"""Confirm reuses the preview's stored plan while the network is unchanged, and matches again otherwise."""

from __future__ import annotations

import json
import zlib
from datetime import date
from pathlib import Path

import pytest

from contacts.models import Contact, ImportRun
from contacts.tests.factories import ContactFactory
from imports import pipeline, stored_plan
from imports.jobs import start_step, store_upload
from imports.models import ImportUpload, UploadState, UploadStep
from imports.pipeline import Decisions, plan_file, preview_with_plan
from imports.saving import contact_row

FIXTURES = Path(__file__).parent / "fixtures"
LINKEDIN = (FIXTURES / "linkedin_connections.csv").read_bytes()

pytestmark = pytest.mark.django_db


def previewed(owner, data: bytes = LINKEDIN) -> ImportUpload:
    upload = store_upload(owner, owner, file_name="Connections.csv", data=data, format="auto")
    start_step(upload, UploadStep.PREVIEW, background=False)
    assert upload.state == UploadState.PREVIEWED
    return upload


def confirmed(upload: ImportUpload, decisions: Decisions | None = None) -> ImportRun:
    """Confirm the upload; its import run."""
    start_step(upload, UploadStep.IMPORT, decisions=decisions or Decisions(), background=False)
    assert upload.state == UploadState.IMPORTED, upload.error
    assert upload.run is not None
    return upload.run


def refuse_to_match(*args, **kwargs):
    raise AssertionError("confirm parsed and matched the file again")


def test_the_preview_keeps_its_plan_and_confirm_does_not_parse_again(alice, monkeypatch):
    upload = previewed(alice)
    assert ImportUpload.objects.get(pk=upload.pk).plan

    monkeypatch.setattr(pipeline, "plan_file", refuse_to_match)
    run = confirmed(upload)

    assert (run.created_count, run.updated_count, run.skipped_count) == (7, 0, 0)
    ada = Contact.objects.get(owner=alice, given_name="Ada")
    assert (ada.met_on, ada.name_key, ada.import_run_id) == (date(2024, 3, 5), "ada lovelace", run.pk)
    stored = ImportUpload.objects.get(pk=upload.pk)
    assert stored.plan is None and bytes(stored.content) == b""  # neither is kept once imported


def test_the_stored_plan_carries_fills_and_the_choices_made_at_confirm(alice, monkeypatch):
    grace = ContactFactory(
        owner=alice, given_name="Grace", family_name="Hopper", emails=["grace.hopper@navy.example"], title=""
    )
    upload = previewed(alice)
    assert upload.preview is not None
    grace_row = next(m["number"] for m in upload.preview["matches"] if m["contact_id"] == grace.pk)

    monkeypatch.setattr(pipeline, "plan_file", refuse_to_match)
    run = confirmed(upload, Decisions(default="update"))

    assert (run.created_count, run.updated_count) == (6, 1)
    grace.refresh_from_db()
    assert (grace.title, grace.met_on) == ("Rear Admiral", date(2020, 1, 12))
    assert grace_row


def test_a_match_chosen_as_new_at_confirm_is_created_from_the_stored_plan(alice, monkeypatch):
    grace = ContactFactory(owner=alice, given_name="Grace", family_name="Hopper", emails=["grace.hopper@navy.example"])
    upload = previewed(alice)
    assert upload.preview is not None
    grace_row = next(m["number"] for m in upload.preview["matches"] if m["contact_id"] == grace.pk)

    monkeypatch.setattr(pipeline, "plan_file", refuse_to_match)
    run = confirmed(upload, Decisions(choices={grace_row: "new"}))

    assert (run.created_count, run.updated_count) == (7, 0)
    assert Contact.objects.filter(owner=alice, given_name="Grace").count() == 2


def test_adding_as_new_a_match_that_changes_nothing_matches_the_file_again(alice):
    # The plan keeps no row for a match with nothing to fill; choosing "new" for it needs the file.
    upload = previewed(alice)
    first = confirmed(upload)
    again = previewed(alice)
    assert again.preview is not None
    assert again.preview["counts"] == {"created": 0, "updated": 0, "skipped": 7, "errors": 0}
    ada_row = next(m["number"] for m in again.preview["matches"] if m["name"].startswith("Ada"))

    run = confirmed(again, Decisions(choices={ada_row: "new"}))

    assert (run.created_count, run.skipped_count) == (1, 6)
    assert Contact.objects.filter(owner=alice, given_name="Ada").count() == 2
    assert Contact.objects.filter(owner=alice, import_run=first).count() == 7


def test_a_change_to_the_network_after_the_preview_means_matching_again(alice):
    upload = previewed(alice)
    ContactFactory(owner=alice, given_name="Grace", family_name="Hopper", emails=["grace.hopper@navy.example"])

    run = confirmed(upload)

    assert (run.created_count, run.updated_count + run.skipped_count) == (6, 1)
    assert Contact.objects.filter(owner=alice, emails__contains=["grace.hopper@navy.example"]).count() == 1


# Real transactions, as between the preview and confirm steps in production: the fingerprint
# tells row versions apart by the transaction that wrote them, and a test's single
# transaction would write the contact and its edit alike.
@pytest.mark.django_db(transaction=True)
def test_an_edited_contact_after_the_preview_means_matching_again(alice):
    grace = ContactFactory(
        owner=alice, given_name="Grace", family_name="Hopper", emails=["grace.hopper@navy.example"], title=""
    )
    upload = previewed(alice)
    Contact.objects.filter(pk=grace.pk).update(title="Admiral")  # even without touching updated_at

    run = confirmed(upload)

    grace.refresh_from_db()
    assert grace.title == "Admiral"  # a typed value is never overwritten by a stale plan
    assert run.updated_count == 1  # still filled met_on


def test_a_plan_of_another_format_version_or_mapping_is_not_used(alice):
    fingerprint = stored_plan.network_fingerprint(alice)
    assert fingerprint is not None  # None only on SQLite
    preview, blob = preview_with_plan(alice, LINKEDIN)
    assert preview["counts"]["created"] == 7

    assert stored_plan.unpack(blob, fingerprint=fingerprint, format="auto", mapping=None) is not None
    assert stored_plan.unpack(blob, fingerprint=fingerprint, format="csv", mapping={0: "given_name"}) is None
    assert stored_plan.unpack(blob, fingerprint="1:123:42", format="auto", mapping=None) is None
    assert stored_plan.unpack(b"not a plan", fingerprint=fingerprint, format="auto", mapping=None) is None
    parsed, plans = plan_file(alice, LINKEDIN)
    old = stored_plan.pack(parsed, plans, fingerprint=fingerprint, format="auto", mapping=None)
    document = json.loads(zlib.decompress(old))
    document["version"] = stored_plan.VERSION + 1
    stale = zlib.compress(json.dumps(document).encode())
    assert stored_plan.unpack(stale, fingerprint=fingerprint, format="auto", mapping=None) is None


def test_unpack_gives_back_what_pack_stored(alice):
    ContactFactory(owner=alice, given_name="Grace", family_name="Hopper", emails=["grace.hopper@navy.example"])
    parsed, plans = plan_file(alice, LINKEDIN + b"Ada,Lovelace,,ada@example.com,,,\n")
    fingerprint = stored_plan.network_fingerprint(alice)
    assert fingerprint is not None  # None only on SQLite
    blob = stored_plan.pack(parsed, plans, fingerprint=fingerprint, format="auto", mapping=None)

    unpacked = stored_plan.unpack(blob, fingerprint=fingerprint, format="auto", mapping=None)
    assert unpacked is not None
    back_parsed, back = unpacked

    assert [(p.kind, p.record.number, p.contact_id) for p in back] == [
        (p.kind, p.record.number, p.contact_id) for p in plans
    ]
    # New rows come back as their contacts' COPY rows, made from the records by the same function.
    assert [p.row for p in back if p.kind == "new"] == [contact_row(p.record) for p in plans if p.kind == "new"]
    assert [bool(p.row) for p in back if p.kind == "match"] == [bool(p.changes) for p in plans if p.kind == "match"]
    assert [{n: new for n, (_, new) in p.changes.items()} for p in back] == [
        {n: new for n, (_, new) in p.changes.items()} if p.kind != "duplicate" else {} for p in plans
    ]
    assert (back_parsed.format, back_parsed.encoding, back_parsed.unit) == (parsed.format, parsed.encoding, "row")
    assert not ImportRun.objects.exists()


@pytest.mark.django_db(transaction=True)  # each write its own transaction, as in production
def test_the_fingerprint_changes_with_any_write_to_the_network_and_only_then(alice, bob):
    grace = ContactFactory(owner=alice, title="Admiral")
    before = stored_plan.network_fingerprint(alice)

    ContactFactory(owner=bob)  # another user's network is not this one
    assert stored_plan.network_fingerprint(alice) == before

    Contact.objects.filter(pk=grace.pk).update(title="Admiral")  # even the same value: a new row version
    assert stored_plan.network_fingerprint(alice) != before
