from django.urls import path

from validation import delegation_views, turnaround_views, views

urlpatterns = [
    path("", views.approvals, name="approvals"),
    path("plans/<int:plan_pk>/", views.plan_sign_off, name="plan_sign_off"),
    path("plans/<int:plan_pk>/letter/", views.plan_agreed_letter, name="plan_agreed_letter"),
    path("turnaround/", turnaround_views.sign_off_turnaround, name="sign_off_turnaround"),
    path("delegation/", delegation_views.delegation_schemes, name="delegation_schemes"),
    path("delegation/<int:pk>/", delegation_views.delegation_scheme, name="delegation_scheme"),
    path(
        "delegation/<int:pk>/draft/", delegation_views.delegation_scheme_draft, name="delegation_scheme_draft"
    ),
    path(
        "delegation/<int:pk>/publish/",
        delegation_views.delegation_scheme_publish,
        name="delegation_scheme_publish",
    ),
]
