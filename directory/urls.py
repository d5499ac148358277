from django.urls import include, path

from directory import views

urlpatterns = [
    path("", views.search, name="directory_search"),
    path("services/<uuid:service_uuid>/", views.service_detail, name="directory_service"),
    path("api/", include("directory.api_urls")),
    path("manage/", include("directory.editor_urls")),
    path("", include("directory.suggestion_urls")),
]
