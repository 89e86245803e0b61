from __future__ import annotations

from django.urls import path

from .views import calendar, meetings, outreach, prep, questions, searches

app_name = "meetings"

urlpatterns = [
    path("", meetings.MeetingListView.as_view(), name="list"),
    path("new/", meetings.MeetingCreateView.as_view(), name="create"),
    path("<int:pk>/", meetings.MeetingDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", meetings.MeetingUpdateView.as_view(), name="edit"),
    path("<int:pk>/delete/", meetings.delete_meeting, name="delete"),
    # Lifecycle steps, one button each (POST).
    path("<int:pk>/mark-sent/", meetings.mark_sent, name="mark_sent"),
    path("<int:pk>/schedule/", meetings.schedule, name="schedule"),
    path("<int:pk>/hold/", meetings.step, {"action": "hold"}, name="hold"),
    path("<int:pk>/decline/", meetings.step, {"action": "decline"}, name="decline"),
    path("<int:pk>/no-reply/", meetings.step, {"action": "no_reply"}, name="no_reply"),
    path("<int:pk>/cancel/", meetings.step, {"action": "cancel"}, name="cancel"),
    path("<int:pk>/how-did-it-go/", meetings.how_it_went, name="how_it_went"),
    # Preparation.
    path("<int:pk>/letter/", outreach.letter, name="letter"),
    path("<int:pk>/prep/", prep.prep_sheet, name="prep"),
    path("<int:pk>/questions/", questions.meeting_questions, name="questions"),
    path("<int:pk>/questions/<int:question_pk>/pick/", questions.pick_question, name="question_pick"),
    path("<int:pk>/questions/<int:question_pk>/unpick/", questions.unpick_question, name="question_unpick"),
    path("<int:pk>/questions/<int:question_pk>/move/", questions.move_question, name="question_move"),
    path("<int:pk>/meeting.ics", calendar.meeting_ics, name="ics"),
    # Question bank and letter templates.
    path("questions/", questions.question_bank, name="question_list"),
    path("questions/<int:pk>/edit/", questions.QuestionUpdateView.as_view(), name="question_edit"),
    path("questions/<int:pk>/delete/", questions.delete_question, name="question_delete"),
    path("letters/", outreach.TemplateListView.as_view(), name="template_list"),
    path("letters/new/", outreach.TemplateCreateView.as_view(), name="template_create"),
    path("letters/<int:pk>/edit/", outreach.TemplateUpdateView.as_view(), name="template_edit"),
    path("letters/<int:pk>/copy/", outreach.copy_template, name="template_copy"),
    path("letters/<int:pk>/delete/", outreach.delete_template, name="template_delete"),
    # Searches.
    path("searches/", searches.SearchListView.as_view(), name="search_list"),
    path("searches/new/", searches.SearchCreateView.as_view(), name="search_create"),
    path("searches/<int:pk>/", searches.SearchDetailView.as_view(), name="search_detail"),
    path("searches/<int:pk>/edit/", searches.SearchUpdateView.as_view(), name="search_edit"),
    path("searches/<int:pk>/close/", searches.close_search, name="search_close"),
    path("searches/<int:pk>/people/add/", searches.add_person, name="search_add_person"),
    path("searches/<int:pk>/people/<int:contact_pk>/remove/", searches.remove_person, name="search_remove_person"),
    path("searches/add/<int:contact_pk>/", searches.add_to_search, name="add_to_search"),
    # Calendar.
    path("calendar/", calendar.calendar_settings, name="calendar"),
    path("calendar/regenerate/", calendar.regenerate_calendar_token, name="calendar_regenerate"),
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
]
