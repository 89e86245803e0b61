"""The owner-scoping choke point every app goes through."""

from __future__ import annotations

import pytest
from django import forms
from django.http import Http404

from contacts import services
from contacts.models import Contact
from contacts.tests.factories import ContactFactory, TagFactory
from meetings.models import Meeting
from netweave.ownership import CrossOwnerError, OwnedChoicesFormMixin, assert_same_owner, get_owned_or_404

pytestmark = pytest.mark.django_db


def test_for_owner_returns_only_the_owners_rows(alice, bob):
    mine = ContactFactory(owner=alice)
    ContactFactory(owner=bob)

    assert list(Contact.objects.for_owner(alice)) == [mine]


def test_another_users_row_is_a_404(alice, bob):
    theirs = ContactFactory(owner=bob)

    with pytest.raises(Http404):
        get_owned_or_404(Contact, alice, pk=theirs.pk)
    assert get_owned_or_404(Contact, bob, pk=theirs.pk) == theirs


def test_forms_offer_only_the_owners_rows_and_stamp_new_rows(alice, bob):
    class MeetingForm(OwnedChoicesFormMixin, forms.ModelForm):
        class Meta:
            model = Meeting
            fields = ["contact"]

    mine = ContactFactory(owner=alice)
    theirs = ContactFactory(owner=bob)

    form = MeetingForm(data={"contact": theirs.pk}, owner=alice)

    assert list(form.fields["contact"].queryset) == [mine]
    assert not form.is_valid()
    assert form.instance.owner == alice


def test_rows_of_one_owner_pass_and_a_row_of_another_is_refused_with_a_clear_message(alice, bob):
    ken, ann = ContactFactory(owner=alice), ContactFactory(owner=alice)
    theirs = ContactFactory(owner=bob)

    assert_same_owner(ken, ann, None)
    with pytest.raises(CrossOwnerError, match=f"Contact #{theirs.pk} is in another owner's network than contact"):
        assert_same_owner(ken, theirs)


def test_services_that_link_rows_refuse_another_owners_row(alice, bob):
    ken = ContactFactory(owner=alice)

    with pytest.raises(CrossOwnerError):
        services.add_link(ken, knows=ContactFactory(owner=bob))
    with pytest.raises(CrossOwnerError):
        services.tag_contacts([ken], tag=TagFactory(owner=bob))
    with pytest.raises(ValueError):  # callers that only know ValueError still catch it
        services.merge_contacts(ken, duplicate=ContactFactory(owner=bob))


def test_the_contact_picker_is_scoped_by_the_form_mixin(alice, bob):
    from contacts.forms import ContactLinkForm, picker_label

    ken = ContactFactory(owner=alice)
    theirs = ContactFactory(owner=bob)

    form = ContactLinkForm(data={"knows": picker_label(theirs)}, person=ken, owner=alice)

    assert form.fields["knows"].owner == alice
    assert not form.is_valid()
    assert form.errors["knows"] == ["That person is not in your network."]
