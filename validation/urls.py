from django.urls import path

from validation import delegation_views

urlpatterns = [
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
