from django.urls import path

from reviews import provider_views, views

urlpatterns = [
    path("", views.review_queue, name="review_queue"),
    path("plans/<int:plan_pk>/go-live/", views.go_live, name="go_live"),
    path("<int:pk>/", views.hold_review, name="hold_review"),
    path("cases/<int:case_pk>/", views.case_review, name="case_review"),
    path("people-you-support/", provider_views.supported_people, name="supported_people"),
    path("people-you-support/<int:case_pk>/", provider_views.record_progress, name="record_progress"),
    path(
        "people-you-support/<int:case_pk>/ask-for-a-review/",
        provider_views.ask_for_review,
        name="ask_for_review",
    ),
]
