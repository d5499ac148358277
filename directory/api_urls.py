"""The Open Referral UK API, mounted at /directory/api/ (paths as the standard names them, no trailing slash)."""

from django.urls import path

from directory import api

urlpatterns = [
    path("", api.root, name="directory_api_root"),
    path("openapi.json", api.openapi, name="directory_api_openapi"),
    path("services", api.services, name="directory_api_services"),
    path("services/<str:service_id>", api.service, name="directory_api_service"),
    path("taxonomies", api.taxonomies, name="directory_api_taxonomies"),
    path("taxonomy_terms", api.taxonomy_terms, name="directory_api_taxonomy_terms"),
    path("service_at_locations", api.service_at_locations, name="directory_api_service_at_locations"),
]
