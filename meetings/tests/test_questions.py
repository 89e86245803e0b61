"""The question bank, and picking, ordering and adding questions for one meeting."""

from __future__ import annotations

import pytest
from django.urls import reverse

from meetings import services
from meetings.defaults import DEFAULT_QUESTIONS
from meetings.models import Purpose, Question

from .factories import MeetingFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def picked_texts(meeting) -> list[str]:
    return [row.question.text for row in meeting.picked_questions.select_related("question")]


@pytest.fixture
def meeting(alice):
    return MeetingFactory(owner=alice, purpose=Purpose.ROLE)


def test_the_bank_is_seeded_once_with_questions_for_every_purpose(alice, alice_client):
    alice_client.get(reverse("meetings:question_list"))
    alice_client.get(reverse("meetings:question_list"))

    purposes = set(Question.objects.for_owner(alice).values_list("purpose", flat=True))
    assert purposes == set(Purpose.values)
    assert Question.objects.for_owner(alice).count() == sum(len(q) for q in DEFAULT_QUESTIONS.values())


def test_the_bank_page_groups_questions_by_purpose(alice, alice_client, django_assert_max_num_queries):
    services.ensure_defaults(alice)

    # session, user, templates exist?, questions exist?, the questions
    with django_assert_max_num_queries(5):
        response = alice_client.get(reverse("meetings:question_list"))

    labels = [label for label, _ in response.context["groups"]]
    assert labels == [label for _, label in Purpose.choices]


def test_adding_editing_and_deleting_a_question_in_the_bank(alice, alice_client):
    alice_client.post(reverse("meetings:question_list"), {"text": "What would you read first?", "purpose": "field"})
    question = Question.objects.get(text="What would you read first?")
    assert question.owner == alice

    alice_client.post(
        reverse("meetings:question_edit", args=[question.pk]), {"text": "What should I read?", "purpose": "advice"}
    )
    question.refresh_from_db()
    assert (question.text, question.purpose) == ("What should I read?", "advice")

    alice_client.post(reverse("meetings:question_delete", args=[question.pk]))
    assert not Question.objects.filter(pk=question.pk).exists()


def test_an_empty_question_is_refused_and_nothing_is_saved(alice, alice_client):
    services.ensure_defaults(alice)
    before = Question.objects.count()

    response = alice_client.post(reverse("meetings:question_list"), {"text": "", "purpose": "field"})

    assert response.status_code == 200 and response.context["form"].errors["text"]
    assert Question.objects.count() == before


def test_picking_questions_adds_them_in_order_once(meeting, alice, alice_client):
    first, second = QuestionFactory(owner=alice, text="First?"), QuestionFactory(owner=alice, text="Second?")

    for question in (first, second, first):
        response = alice_client.post(reverse("meetings:question_pick", args=[meeting.pk, question.pk]))

    assert response.url == reverse("meetings:questions", args=[meeting.pk])
    assert picked_texts(meeting) == ["First?", "Second?"]


def test_moving_a_question_up_and_down(meeting, alice, alice_client):
    questions = [QuestionFactory(owner=alice, text=t) for t in ("A?", "B?", "C?")]
    for question in questions:
        services.pick_question(meeting, question)

    alice_client.post(reverse("meetings:question_move", args=[meeting.pk, questions[2].pk]), {"direction": "up"})
    assert picked_texts(meeting) == ["A?", "C?", "B?"]
    alice_client.post(reverse("meetings:question_move", args=[meeting.pk, questions[0].pk]), {"direction": "down"})
    assert picked_texts(meeting) == ["C?", "A?", "B?"]
    alice_client.post(reverse("meetings:question_move", args=[meeting.pk, questions[2].pk]), {"direction": "up"})
    assert picked_texts(meeting) == ["C?", "A?", "B?"]  # already first
    assert list(meeting.picked_questions.values_list("position", flat=True)) == [1, 2, 3]


def test_a_move_without_a_direction_says_so(meeting, alice, alice_client):
    question = QuestionFactory(owner=alice)
    services.pick_question(meeting, question)

    response = alice_client.post(
        reverse("meetings:question_move", args=[meeting.pk, question.pk]), {"direction": "sideways"}, follow=True
    )

    assert "Move a question up or down." in response.content.decode()


def test_removing_a_question_keeps_it_in_the_bank(meeting, alice, alice_client):
    question = QuestionFactory(owner=alice)
    services.pick_question(meeting, question)

    alice_client.post(reverse("meetings:question_unpick", args=[meeting.pk, question.pk]))

    assert picked_texts(meeting) == []
    assert Question.objects.filter(pk=question.pk).exists()


def test_writing_your_own_question_adds_it_to_the_meeting_and_the_bank(meeting, alice, alice_client):
    response = alice_client.post(
        reverse("meetings:questions", args=[meeting.pk]), {"text": "How did you move into product?", "purpose": "role"}
    )

    assert response.url == reverse("meetings:questions", args=[meeting.pk])
    assert picked_texts(meeting) == ["How did you move into product?"]
    assert Question.objects.get(text="How did you move into product?").owner == alice


def test_writing_an_empty_question_shows_the_error(meeting, alice_client):
    response = alice_client.post(reverse("meetings:questions", args=[meeting.pk]), {"text": "", "purpose": "role"})

    assert response.status_code == 200 and response.context["form"].errors["text"]
    assert picked_texts(meeting) == []


def test_the_meeting_questions_page_lists_the_meetings_purpose_first(
    meeting, alice, alice_client, django_assert_max_num_queries
):
    services.ensure_defaults(alice)
    question = Question.objects.for_owner(alice).first()
    assert question is not None
    services.pick_question(meeting, question)

    # session, user, meeting+contact, templates exist?, questions exist?, picked questions, the bank
    with django_assert_max_num_queries(7):
        response = alice_client.get(reverse("meetings:questions", args=[meeting.pk]))

    assert response.context["groups"][0][0] == "Learn about a role"
    assert len(response.context["picked"]) == 1


@pytest.mark.parametrize("name", ["question_pick", "question_unpick", "question_move"])
def test_question_buttons_only_answer_post(meeting, alice, alice_client, name):
    question = QuestionFactory(owner=alice)

    assert alice_client.get(reverse(f"meetings:{name}", args=[meeting.pk, question.pk])).status_code == 405


def test_question_delete_only_answers_post(alice, alice_client):
    question = QuestionFactory(owner=alice)

    assert alice_client.get(reverse("meetings:question_delete", args=[question.pk])).status_code == 405


def test_someone_elses_questions_and_meetings_are_404s(meeting, alice, bob, assert_hidden_from_bob):
    question = QuestionFactory(owner=alice)
    bobs_meeting = MeetingFactory(owner=bob)

    assert_hidden_from_bob(reverse("meetings:questions", args=[meeting.pk]))
    assert_hidden_from_bob(reverse("meetings:question_edit", args=[question.pk]))
    assert_hidden_from_bob(reverse("meetings:question_delete", args=[question.pk]), method="post")
    for name in ("question_pick", "question_unpick", "question_move"):
        assert_hidden_from_bob(reverse(f"meetings:{name}", args=[meeting.pk, question.pk]), method="post")
        # Bob's own meeting with Alice's question is a 404 too.
        assert_hidden_from_bob(
            reverse(f"meetings:{name}", args=[bobs_meeting.pk, question.pk]), method="post", data={"direction": "up"}
        )
    assert Question.objects.filter(pk=question.pk).exists()
    assert not bobs_meeting.picked_questions.exists()
