from django.urls import path

from cases import team_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("signed-out/", views.signed_out, name="signed_out"),
    path("session/keep-alive/", views.keep_alive, name="keep_alive"),
    path("healthz/", views.healthz, name="healthz"),
    path("baseline/", views.baseline, name="baseline"),
    path("people/", views.person_search, name="person_search"),
    path("people/new/", views.person_new, name="person_new"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/audit/", views.person_audit, name="person_audit"),
    path("people/<int:pk>/relationships/new/", views.relationship_new, name="relationship_new"),
    path(
        "people/<int:pk>/relationships/<int:relationship_pk>/remove/",
        views.relationship_remove,
        name="relationship_remove",
    ),
    path("audit/", views.audit_search, name="audit_search"),
    path("cases/mine/", views.caseload, name="caseload"),
    path("cases/team/", views.team_queue, name="team_queue"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/allocate/", team_views.case_allocate, name="case_allocate"),
    path(
        "cases/<int:pk>/safeguarding-enquiry/", team_views.enquiry_finish, name="safeguarding_enquiry_finish"
    ),
    path("cases/<int:pk>/letters/", views.letters_fragment, name="case_letters"),
    path("cases/<int:pk>/letters/new/", views.letter_request, name="letter_request"),
    path("cases/<int:pk>/letters/<int:letter_pk>/", views.letter_download, name="letter_download"),
    path("cases/<int:pk>/letters/<int:letter_pk>/retry/", views.letter_retry, name="letter_retry"),
]
