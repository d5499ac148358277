"""Anyone may tell the directory's editors that a listing is wrong."""

from django.urls import path

from directory import suggestion_views as views

urlpatterns = [
    path("services/<uuid:service_uuid>/suggest/", views.suggest, name="directory_suggest"),
    path(
        "services/<uuid:service_uuid>/suggest/sent/", views.suggestion_sent, name="directory_suggestion_sent"
    ),
]
