"""The owner-scoping choke point every app goes through."""

from __future__ import annotations

import pytest
from django import forms
from django.http import Http404

from contacts.models import Contact
from contacts.tests.factories import ContactFactory
from meetings.models import Meeting
from netweave.ownership import OwnedChoicesFormMixin, get_owned_or_404

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
