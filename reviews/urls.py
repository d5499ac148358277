from django.urls import path

from reviews import brokerage_views, ending_views, interim_views, monitoring_views, provider_views, views

urlpatterns = [
    path("", views.review_queue, name="review_queue"),
    path("plans/<int:plan_pk>/go-live/", views.go_live, name="go_live"),
    path("<int:pk>/", views.hold_review, name="hold_review"),
    path("cases/<int:case_pk>/", views.case_review, name="case_review"),
    path(
        "cases/<int:case_pk>/direct-payment-return/",
        monitoring_views.record_return,
        name="record_direct_payment_return",
    ),
    path("cases/<int:case_pk>/end/", ending_views.end_support, name="end_support"),
    path("cases/<int:case_pk>/urgent-support/", interim_views.interim_new, name="interim_new"),
    path("urgent-support/<int:pk>/", interim_views.interim_support, name="interim_support"),
    path("urgent-support/<int:pk>/end/", interim_views.interim_end, name="interim_end"),
    path("urgent-support/figures/", interim_views.figures, name="interim_figures"),
    path("people-you-support/", provider_views.supported_people, name="supported_people"),
    path("people-you-support/<int:case_pk>/", provider_views.record_progress, name="record_progress"),
    path(
        "people-you-support/<int:case_pk>/ask-for-a-review/",
        provider_views.ask_for_review,
        name="ask_for_review",
    ),
    path("plans/<int:plan_pk>/find-a-provider/", brokerage_views.brokerage_ask, name="brokerage_ask"),
    path("brokerage/", brokerage_views.brokerage_queue, name="brokerage_queue"),
    path("brokerage/<int:pk>/", brokerage_views.brokerage_request, name="brokerage_request"),
    path(
        "brokerage/<int:pk>/approaches/new/",
        brokerage_views.brokerage_approach,
        name="brokerage_approach_new",
    ),
    path(
        "brokerage/<int:pk>/approaches/<int:approach_pk>/",
        brokerage_views.brokerage_approach,
        name="brokerage_approach",
    ),
    path(
        "brokerage/<int:pk>/approaches/<int:approach_pk>/choose/",
        brokerage_views.brokerage_choose,
        name="brokerage_choose",
    ),
]
