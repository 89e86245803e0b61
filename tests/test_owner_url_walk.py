"""Every URL that names a row by id answers 404 to anyone but its owner.

The walk reads the URL conf, so a new URL with an id in it fails here until it is
added to ``ROWS`` below; that is the point: nobody has to remember the privacy test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from contacts.tests.factories import (
    ContactFactory,
    ContactLinkFactory,
    ImportRunFactory,
    InteractionFactory,
    LedgerEntryFactory,
    TagFactory,
)
from followups.tests.factories import FollowUpFactory
from meetings.tests.factories import MeetingFactory, OutreachTemplateFactory, QuestionFactory, SearchFactory

pytestmark = pytest.mark.django_db

Maker = Callable[..., object]


def import_upload(owner) -> object:
    # Found by name, so the walk keeps working wherever the import models live.
    model = next(m for m in apps.get_models() if m.__name__ == "ImportUpload")
    return model.objects.create(owner=owner, uploaded_by=owner, file_name="contacts.vcf", content=b"BEGIN:VCARD")


def api_token(owner) -> object:
    from api.services import create_token

    return create_token(owner, name="walk")[0]


def account_backup(owner) -> object:
    from backup.models import AccountBackup

    return AccountBackup.objects.create(owner=owner, file_name="walk.zip")


def not_duplicate(owner) -> object:
    from contacts.models import NotDuplicate

    first, second = ContactFactory(owner=owner), ContactFactory(owner=owner)
    return NotDuplicate.objects.create(owner=owner, first=first, second=second)


contact = ContactFactory
meeting = MeetingFactory
search = SearchFactory

# URL name -> {keyword argument -> how to make the owner's row it names}.
ROWS: dict[str, dict[str, Maker]] = {
    "contacts:detail": {"pk": contact},
    "contacts:update": {"pk": contact},
    "contacts:delete": {"pk": contact},
    "contacts:log_touch": {"pk": contact},
    "contacts:add_exchange": {"pk": contact},
    "contacts:remove_touch": {"pk": InteractionFactory},
    "contacts:remove_exchange": {"pk": LedgerEntryFactory},
    "contacts:add_link": {"pk": contact},
    "contacts:remove_link": {"pk": ContactLinkFactory},
    "contacts:merge": {"pk": contact, "other_pk": contact},
    "contacts:not_duplicate": {"pk": contact, "other_pk": contact},
    "contacts:same_after_all": {"pk": not_duplicate},
    "contacts:tag_update": {"pk": TagFactory},
    "contacts:tag_delete": {"pk": TagFactory},
    "imports:columns": {"pk": import_upload},
    "imports:progress": {"pk": import_upload},
    "imports:status": {"pk": import_upload},
    "imports:preview": {"pk": import_upload},
    "imports:cancel": {"pk": import_upload},
    "imports:run": {"pk": ImportRunFactory},
    "imports:undo": {"pk": ImportRunFactory},
    "meetings:detail": {"pk": meeting},
    "meetings:edit": {"pk": meeting},
    "meetings:delete": {"pk": meeting},
    "meetings:mark_sent": {"pk": meeting},
    "meetings:schedule": {"pk": meeting},
    "meetings:hold": {"pk": meeting},
    "meetings:decline": {"pk": meeting},
    "meetings:no_reply": {"pk": meeting},
    "meetings:cancel": {"pk": meeting},
    "meetings:how_it_went": {"pk": meeting},
    "meetings:letter": {"pk": meeting},
    "meetings:prep": {"pk": meeting},
    "meetings:questions": {"pk": meeting},
    "meetings:question_pick": {"pk": meeting, "question_pk": QuestionFactory},
    "meetings:question_unpick": {"pk": meeting, "question_pk": QuestionFactory},
    "meetings:question_move": {"pk": meeting, "question_pk": QuestionFactory},
    "meetings:ics": {"pk": meeting},
    "meetings:question_edit": {"pk": QuestionFactory},
    "meetings:question_delete": {"pk": QuestionFactory},
    "meetings:template_edit": {"pk": OutreachTemplateFactory},
    "meetings:template_copy": {"pk": OutreachTemplateFactory},
    "meetings:template_delete": {"pk": OutreachTemplateFactory},
    "meetings:search_detail": {"pk": search},
    "meetings:search_edit": {"pk": search},
    "meetings:search_close": {"pk": search},
    "meetings:search_add_person": {"pk": search},
    "meetings:search_remove_person": {"pk": search, "contact_pk": contact},
    "meetings:add_to_search": {"contact_pk": contact},
    "followups:detail": {"pk": FollowUpFactory},
    "followups:done": {"pk": FollowUpFactory},
    "followups:skip": {"pk": FollowUpFactory},
    "followups:snooze": {"pk": FollowUpFactory},
    "followups:reopen": {"pk": FollowUpFactory},
    "followups:review_outcome_reports": {"search_pk": search},
    "dashboard:network_from": {"pk": contact},
    "api_tokens:revoke": {"pk": api_token},
    "backup:detail": {"pk": account_backup},
    "backup:download": {"pk": account_backup},
}

# The REST API answers tokens, not sessions (401, not a log-in page); api/tests prove
# its own 404s for another owner's rows.
SEPARATE_AUTH = {"api"}


def id_patterns(resolver: URLResolver, namespace: str = "") -> Iterator[tuple[str, list[str]]]:
    """(namespaced URL name, its int keyword arguments) for every pattern with an id in it; the admin aside."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin" or entry.namespace in SEPARATE_AUTH:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from id_patterns(entry, inner)
        elif isinstance(entry, URLPattern):
            converters = entry.pattern.converters
            ints = [name for name, converter in converters.items() if converter.regex == "[0-9]+"]
            if ints:
                yield f"{namespace}{entry.name}", ints


def walked() -> list[tuple[str, list[str]]]:
    return sorted(dict(id_patterns(get_resolver())).items())


def test_every_url_with_an_id_is_in_the_walk():
    assert len(walked()) > 40, "the walk no longer sees the URL conf"
    unknown = [name for name, kwargs in walked() if set(ROWS.get(name, {})) != set(kwargs)]
    assert not unknown, f"Add these URLs (and a maker for each id) to ROWS in {__name__}: {unknown}"
    gone = sorted(set(ROWS) - {name for name, _ in walked()})
    assert not gone, f"These URLs no longer exist; remove them from ROWS: {gone}"


@pytest.mark.parametrize("name", [name for name, _ in walked() if name in ROWS])
def test_another_users_row_answers_404(name, alice, bob, bob_client):
    makers = ROWS[name]
    # Each id in turn is Alice's while the others are Bob's own rows: swapping one id in a
    # URL Bob may open must not reach her row.
    for hers in makers:
        kwargs = {key: make(owner=alice if key == hers else bob).pk for key, make in makers.items()}
        url = reverse(name, kwargs=kwargs)
        answers = {method: getattr(bob_client, method)(url).status_code for method in ("get", "post")}
        assert set(answers.values()) <= {404, 405} and 404 in answers.values(), (
            f"{url} ({name}, {hers} is another user's) answered {answers}; expected 404 (405 if it refuses the method)"
        )
