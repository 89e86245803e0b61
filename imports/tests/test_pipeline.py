"""The shared importer: matching, re-imports, fill-blanks-only updates, the single transaction, undo."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import time_machine

from conftest import NOW
from contacts.models import Contact, ImportRun, Source
from contacts.tests.factories import ContactFactory, InteractionFactory, LedgerEntryFactory, TagFactory
from followups.tests.factories import FollowUpFactory
from imports import pipeline
from imports.parsers.records import ImportFileError
from imports.pipeline import Decisions, preview_import, run_import, undo_import
from meetings.tests.factories import MeetingFactory

FIXTURES = Path(__file__).parent / "fixtures"
LINKEDIN = (FIXTURES / "linkedin_connections.csv").read_bytes()
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def linkedin(*rows: str) -> bytes:
    return (HEADER + "\n".join(rows) + "\n").encode()


pytestmark = pytest.mark.django_db


def test_a_linkedin_import_creates_everyone_with_source_and_connected_on(alice):
    run = run_import(alice, LINKEDIN, file_name="Connections.csv")

    assert (run.created_count, run.updated_count, run.skipped_count, run.error_count) == (7, 0, 0, 0)
    assert (run.format, run.encoding) == ("linkedin", "UTF-8 (with BOM)")
    ada = Contact.objects.get(owner=alice, given_name="Ada")
    assert ada.source == Source.LINKEDIN
    assert ada.met_on is not None and ada.met_on.isoformat() == "2024-03-05"
    assert ada.import_run == run
    assert ada.search_text.startswith("ada lovelace")  # derived columns written by the COPY path
    assert ada.name_key == "ada lovelace"


def test_importing_the_same_export_twice_creates_nothing_the_second_time(alice):
    run_import(alice, LINKEDIN, file_name="Connections.csv")

    again = run_import(alice, LINKEDIN, file_name="Connections.csv")

    assert (again.created_count, again.updated_count, again.skipped_count) == (0, 0, 7)
    assert Contact.objects.filter(owner=alice).count() == 7


def test_two_people_with_the_same_name_and_company_but_different_linkedin_urls_are_two_people(alice):
    run = run_import(alice, LINKEDIN, file_name="Connections.csv")

    assert Contact.objects.filter(owner=alice, given_name="John", family_name="Smith", company="Acme Corp").count() == 2
    assert run.created_count == 7


def test_a_shared_email_is_a_match_and_fills_only_blank_fields(alice):
    typed = ContactFactory(
        owner=alice,
        given_name="Grace",
        family_name="Hopper",
        emails=["GRACE.HOPPER@navy.example"],
        company="Navy",
        title="",
    )

    run = run_import(alice, LINKEDIN, file_name="Connections.csv")

    typed.refresh_from_db()
    assert run.updated_count == 1
    assert typed.company == "Navy"  # typed value kept, never silently overwritten
    assert typed.title == "Rear Admiral"  # blank filled
    assert typed.linkedin_url == "https://www.linkedin.com/in/gracehopper"
    assert typed.source == Source.LINKEDIN


def test_the_preview_shows_fills_and_kept_conflicts_for_a_match(alice):
    ContactFactory(
        owner=alice,
        given_name="Grace",
        family_name="Hopper",
        emails=["grace.hopper@navy.example"],
        company="Navy",
        title="",
    )

    preview = preview_import(alice, LINKEDIN)

    match = preview["matches"][0]
    assert match["reason"] == "same email"
    assert ["Job title", "", "Rear Admiral"] in match["changes"]
    assert match["conflicts"] == [["Company", "Navy", "US Navy"]]
    assert preview["counts"] == {"created": 6, "updated": 1, "skipped": 0, "errors": 0}
    assert Contact.objects.filter(owner=alice).count() == 1  # the preview wrote nothing


def test_same_name_and_company_matches_when_no_linkedin_url_disagrees(alice):
    ContactFactory(
        owner=alice, given_name="Alan", family_name="Turing", company="Bletchley Park", emails=[], linkedin_url=""
    )

    run = run_import(alice, LINKEDIN, file_name="Connections.csv")

    assert run.created_count == 6
    assert Contact.objects.get(owner=alice, given_name="Alan").linkedin_url.endswith("/alan-turing-42")


def test_a_name_match_with_a_different_linkedin_url_is_a_new_person(alice):
    ContactFactory(
        owner=alice,
        given_name="Alan",
        family_name="Turing",
        company="Bletchley Park",
        linkedin_url="https://www.linkedin.com/in/other-alan",
    )

    run = run_import(alice, LINKEDIN, file_name="Connections.csv")

    assert run.created_count == 7


def test_many_people_with_one_name_at_one_company_match_by_the_linkedin_rule(alice):
    # A contact without a LinkedIn URL takes the first URL that comes; every other URL is
    # another person, and rows without a URL go to the first of them all.
    sam = ContactFactory(owner=alice, given_name="Sam", family_name="Lee", company="Acme", emails=[], linkedin_url="")
    data = linkedin(
        *(f"Sam,Lee,https://www.linkedin.com/in/sam-{n},,Acme,,05 Mar 2024" for n in range(5)),
        "Sam,Lee,,sam@acme.example,Acme,,",
        "Sam,Lee,https://www.linkedin.com/in/sam-3,,Acme,Engineer,",
    )

    plans = pipeline.plan_file(alice, data)[1]

    assert [(p.kind, p.contact_id, p.duplicate_of) for p in plans] == [
        ("match", sam.pk, None),
        ("new", None, None),
        ("new", None, None),
        ("new", None, None),
        ("new", None, None),
        ("duplicate", None, 2),  # no URL: the first Sam Lee, the contact, already claimed by row 2
        ("duplicate", None, 5),  # sam-3 is row 5's person
    ]
    assert plans[0].changes["linkedin_url"] == ("", "https://www.linkedin.com/in/sam-0")
    assert plans[3].record.title == "Engineer"  # the repeat's fill carried by the first row


def test_someone_listed_twice_in_one_file_is_created_once_with_both_rows_merged(alice):
    data = linkedin(
        "Ada,Lovelace,https://www.linkedin.com/in/ada,,Engines,,05 Mar 2024",
        "Ada,Lovelace,https://linkedin.com/in/ada/,ada@engines.example,Engines,Engineer,05 Mar 2024",
    )

    run = run_import(alice, data, file_name="x.csv")

    assert (run.created_count, run.skipped_count) == (1, 1)
    ada = Contact.objects.get(owner=alice)
    assert ada.emails == ["ada@engines.example"]
    assert ada.title == "Engineer"


def test_per_match_choices_skip_update_or_add_as_new(alice):
    grace = ContactFactory(
        owner=alice, given_name="Grace", family_name="Hopper", emails=["grace.hopper@navy.example"], title=""
    )
    alan = ContactFactory(
        owner=alice, given_name="Alan", family_name="Turing", company="Bletchley Park", emails=[], title=""
    )

    run = run_import(
        alice, LINKEDIN, file_name="c.csv", decisions=Decisions(default="skip", choices={6: "new", 7: "update"})
    )

    grace.refresh_from_db()
    alan.refresh_from_db()
    assert grace.title == ""  # row 6 was added as a new person instead
    assert Contact.objects.filter(owner=alice, given_name="Grace").count() == 2
    assert alan.title == "Cryptanalyst"  # row 7 chosen: update
    assert (run.created_count, run.updated_count) == (6, 1)


def test_the_default_skip_leaves_every_match_alone(alice):
    grace = ContactFactory(
        owner=alice, given_name="Grace", family_name="Hopper", emails=["grace.hopper@navy.example"], title=""
    )

    run = run_import(alice, LINKEDIN, file_name="c.csv", decisions=Decisions(default="skip"))

    grace.refresh_from_db()
    assert grace.title == ""
    assert (run.updated_count, run.skipped_count) == (0, 1)


def test_another_users_network_is_never_matched_or_touched(alice, bob):
    bobs = ContactFactory(
        owner=bob, given_name="Grace", family_name="Hopper", emails=["grace.hopper@navy.example"], title=""
    )

    run_import(alice, LINKEDIN, file_name="c.csv")

    bobs.refresh_from_db()
    assert bobs.title == ""
    assert Contact.objects.filter(owner=alice).count() == 7


def test_a_failure_during_confirm_writes_nothing(alice, monkeypatch):
    ContactFactory(
        owner=alice, given_name="Grace", family_name="Hopper", emails=["grace.hopper@navy.example"], title=""
    )

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(pipeline, "_apply_updates", explode)  # after the new contacts were copied in
    with pytest.raises(RuntimeError):
        run_import(alice, LINKEDIN, file_name="c.csv")

    assert Contact.objects.filter(owner=alice).count() == 1
    assert not ImportRun.objects.exists()


def test_an_unusable_file_raises_and_writes_nothing(alice):
    with pytest.raises(ImportFileError):
        run_import(alice, b"\x00\x01\x02junk", file_name="x.csv")

    assert not ImportRun.objects.exists()


def test_matching_loads_the_network_in_a_constant_number_of_queries(alice, django_assert_num_queries):
    ContactFactory(owner=alice, given_name="Grace", family_name="Hopper", emails=["grace.hopper@navy.example"])
    ContactFactory.create_batch(3, owner=alice)
    # 1 SELECT of the owner's match keys, 1 SELECT of the names of the listed matches
    with django_assert_num_queries(2):
        preview_import(alice, LINKEDIN)
    ContactFactory.create_batch(30, owner=alice)
    with django_assert_num_queries(2):
        preview_import(alice, LINKEDIN)


def test_a_reimport_with_updates_uses_a_constant_number_of_queries(alice, django_assert_max_num_queries):
    run_import(alice, LINKEDIN, file_name="c.csv")
    Contact.objects.filter(owner=alice).update(title="")
    # SAVEPOINT, SELECT the owner's match keys, INSERT the run, SELECT the matches,
    # one bulk UPDATE of the matches, RELEASE SAVEPOINT
    with django_assert_max_num_queries(6):
        run = run_import(alice, LINKEDIN, file_name="c.csv")
    assert run.updated_count == 7


class TestUndo:
    def test_undo_removes_the_contacts_the_import_created(self, alice):
        kept_before = ContactFactory(owner=alice)
        run = run_import(alice, LINKEDIN, file_name="c.csv")

        result = undo_import(run, now=NOW)

        assert result.removed == 7 and result.kept == []
        assert list(Contact.objects.filter(owner=alice)) == [kept_before]
        run.refresh_from_db()
        assert run.undone_at == NOW

    def test_undo_keeps_contacts_edited_or_used_since(self, alice):
        with time_machine.travel(NOW, tick=False):
            run = run_import(alice, LINKEDIN, file_name="c.csv")
        contacts = {c.given_name: c for c in Contact.objects.filter(owner=alice)}
        with time_machine.travel(NOW + timedelta(hours=1), tick=False):
            contacts["Ada"].notes = "Met for coffee"
            contacts["Ada"].save()
        InteractionFactory(owner=alice, contact=contacts["Grace"])
        LedgerEntryFactory(owner=alice, contact=contacts["Alan"])
        MeetingFactory(owner=alice, contact=contacts["Katherine"])
        FollowUpFactory(owner=alice, contact=contacts["José"])
        contacts["John"].tags.add(TagFactory(owner=alice))

        result = undo_import(run, now=NOW + timedelta(days=1))

        assert sorted(c.given_name for c in result.kept) == ["Ada", "Alan", "Grace", "John", "José", "Katherine"]
        assert result.removed == 1
        assert Contact.objects.filter(owner=alice).count() == 6

    def test_undoing_twice_removes_nothing_more(self, alice):
        run = run_import(alice, LINKEDIN, file_name="c.csv")
        undo_import(run, now=NOW)
        ContactFactory(owner=alice, import_run=run)  # cannot happen through the app, but must survive

        assert undo_import(run).removed == 0
        assert Contact.objects.filter(owner=alice).count() == 1

    def test_undo_leaves_contacts_the_import_only_updated(self, alice):
        grace = ContactFactory(
            owner=alice, given_name="Grace", family_name="Hopper", emails=["grace.hopper@navy.example"]
        )
        run = run_import(alice, LINKEDIN, file_name="c.csv")

        undo_import(run)

        assert list(Contact.objects.filter(owner=alice)) == [grace]
