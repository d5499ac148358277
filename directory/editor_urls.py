"""The directory editors' pages, under /directory/manage/."""

from django.urls import path

from directory import editor_views as views

listing = "services/<uuid:service_uuid>/"

urlpatterns = [
    path("", views.listings, name="directory_manage"),
    path("services/new/", views.listing_new, name="directory_manage_new"),
    path(listing, views.listing, name="directory_manage_service"),
    path(f"{listing}details/", views.listing_details, name="directory_manage_details"),
    path(f"{listing}phones/", views.listing_phones, name="directory_manage_phones"),
    path(f"{listing}places/new/", views.listing_location, name="directory_manage_location_new"),
    path(f"{listing}places/<uuid:location_uuid>/", views.listing_location, name="directory_manage_location"),
    path(
        f"{listing}places/<uuid:location_uuid>/remove/",
        views.listing_location_remove,
        name="directory_manage_location_remove",
    ),
    path(f"{listing}opening-times/", views.listing_times, name="directory_manage_times"),
    path(f"{listing}checked/", views.listing_checked, name="directory_manage_checked"),
    path(f"{listing}history/", views.listing_history, name="directory_manage_history"),
    path("suggestions/<int:suggestion_id>/", views.suggestion, name="directory_manage_suggestion"),
]
