from django.urls import include, path

from directory import views

urlpatterns = [
    path("", views.search, name="directory_search"),
    path("services/<uuid:service_uuid>/", views.service_detail, name="directory_service"),
    path("your-list/", views.saved_list_page, name="directory_list"),
    path("your-list/add/", views.saved_list_add, name="directory_list_add"),
    path("your-list/remove/", views.saved_list_remove, name="directory_list_remove"),
    path("your-list/email/", views.saved_list_email, name="directory_list_email"),
    path("your-list/email/sent/", views.saved_list_email_sent, name="directory_list_email_sent"),
    path("api/", include("directory.api_urls")),
    path("manage/", include("directory.editor_urls")),
    path("", include("directory.suggestion_urls")),
]
