"""The person's self-review, on their own case (`/your-case/<pk>/how-its-going/`)."""

from django.urls import path

from reviews import brokerage_views, monitoring_views
from reviews import citizen_views as views

urlpatterns = [
    path("<int:case_pk>/how-its-going/", views.self_review_start, name="self_review"),
    path(
        "<int:case_pk>/how-its-going/outcomes/<int:number>/",
        views.self_review_outcome,
        name="self_review_outcome",
    ),
    path(
        "<int:case_pk>/how-its-going/what-has-changed/", views.self_review_changes, name="self_review_changes"
    ),
    path("<int:case_pk>/how-its-going/direct-payment/", views.self_review_money, name="self_review_money"),
    path(
        "<int:case_pk>/how-its-going/anything-else/",
        views.self_review_anything_else,
        name="self_review_anything_else",
    ),
    path("<int:case_pk>/how-its-going/check/", views.self_review_check, name="self_review_check"),
    path("<int:case_pk>/how-its-going/sent/", views.self_review_sent, name="self_review_sent"),
    path(
        "<int:case_pk>/your-direct-payment/", monitoring_views.your_direct_payment, name="your_direct_payment"
    ),
    path("<int:case_pk>/finding-support/", brokerage_views.your_brokerage, name="your_brokerage"),
]
