from django.urls import path

from validation import panel_views

urlpatterns = [
    path("", panel_views.panel_meetings, name="panel_meetings"),
    path("meetings/new/", panel_views.panel_meeting_new, name="panel_meeting_new"),
    path("meetings/<int:pk>/", panel_views.panel_meeting, name="panel_meeting"),
    path("meetings/<int:pk>/change/", panel_views.panel_meeting_change, name="panel_meeting_change"),
    path("plans/<int:plan_pk>/refer/", panel_views.panel_refer, name="panel_refer"),
    path("referrals/<int:pk>/", panel_views.panel_referral, name="panel_referral"),
    path("referrals/<int:pk>/attendees/", panel_views.panel_attendees, name="panel_attendees"),
    path(
        "referrals/<int:pk>/attendees/<int:attendee_pk>/",
        panel_views.panel_attendee,
        name="panel_attendee",
    ),
    path("referrals/<int:pk>/move/", panel_views.panel_referral_move, name="panel_referral_move"),
    path("referrals/<int:pk>/withdraw/", panel_views.panel_referral_withdraw, name="panel_referral_withdraw"),
    path("referrals/<int:pk>/decision/", panel_views.panel_decision, name="panel_decision"),
]
