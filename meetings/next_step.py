"""What to do about a held meeting next, in the method's order: capture it, thank them, keep the promises."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse

from contacts.models import Contact
from followups.models import THANK_YOU_KINDS, FollowUp, FollowUpKind, FollowUpState
from netweave.wording import join_and

from .models import Meeting


@dataclass(frozen=True)
class Action:
    label: str
    url: str


@dataclass(frozen=True)
class NextStep:
    text: str
    actions: list[Action] = field(default_factory=list)
    # Until it is captured, "How did it go?" is the step itself; after, it is only for editing.
    captured: bool = True


def after_meeting(
    meeting: Meeting, *, followups: Iterable[FollowUp], suggested: Sequence[Contact], today: date
) -> NextStep:
    """The next step once ``meeting`` is held, from its follow-ups (any kind or state).

    The thank-yous come first (the person met, and whoever introduced them), then the
    promises made; once every loop is closed, the people they suggested are next.
    """
    followups = list(followups)
    promises = [f for f in followups if f.kind == FollowUpKind.PROMISE]
    name = meeting.contact.call_them
    if not (meeting.notes.strip() or meeting.learned.strip() or suggested or promises):
        return NextStep(
            "Capture what you learned, who they suggested and what you promised while it is fresh.", captured=False
        )

    still_open = [f for f in followups if f.state == FollowUpState.OPEN]
    thank_yous = sorted(
        (f for f in still_open if f.kind in THANK_YOU_KINDS),
        key=lambda f: (f.kind != FollowUpKind.THANK_YOU, f.due_on, f.pk),
    )
    if thank_yous:
        whom = [
            f"send {name} a thank-you note"
            if f.kind == FollowUpKind.THANK_YOU
            else f"thank {f.contact.call_them} for the introduction"
            for f in thank_yous
        ]
        text = f"Close the loop: {join_and(whom)} ({_due(min(f.due_on for f in thank_yous), today)})."
        actions = [Action(f"Thank {f.contact.call_them}", f.get_absolute_url()) for f in thank_yous]
        return NextStep(text, actions)

    open_promises = sorted((f for f in still_open if f.kind == FollowUpKind.PROMISE), key=lambda f: (f.due_on, f.pk))
    if open_promises:
        first = open_promises[0]
        due = _due(first.due_on, today)
        if len(open_promises) == 1:
            text = f"Keep your word to {name}: one promise is still open, {due}."
        else:
            text = f"Keep your word to {name}: {len(open_promises)} promises are still open, the first {due}."
        return NextStep(text, [Action("See the next promise", first.get_absolute_url())])

    if suggested:
        person = suggested[0]
        return NextStep(
            f"Every loop with {name} is closed. Reach out to the people they suggested: one meeting leads to the next.",
            [Action(f"Plan a meeting with {person.call_them}", f"{reverse('meetings:create')}?contact={person.pk}")],
        )
    return NextStep(f"Every loop with {name} is closed. Keep in touch, long before you need anything.")


def _due(day: date, today: date) -> str:
    days = (day - today).days
    if days < 0:
        return "overdue"
    if days == 0:
        return "due today"
    if days == 1:
        return "due tomorrow"
    return f"due in {days} days"
