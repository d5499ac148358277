"""The Open Referral UK API, mounted at /directory/api/ (paths as the standard names them, no trailing slash)."""

from django.urls import path

from directory import api

urlpatterns = [
    path("", api.root, name="directory_api_root"),
    path("openapi.json", api.openapi, name="directory_api_openapi"),
    path("services", api.services, name="directory_api_services"),
    path("services/<str:service_id>", api.service, name="directory_api_service"),
    path("organizations", api.organizations, name="directory_api_organizations"),
    path("organizations/<str:organization_id>", api.organization, name="directory_api_organization"),
    path("taxonomies", api.taxonomies, name="directory_api_taxonomies"),
    path("taxonomies/<str:taxonomy_id>", api.taxonomy, name="directory_api_taxonomy"),
    path("taxonomy_terms", api.taxonomy_terms, name="directory_api_taxonomy_terms"),
    path("taxonomy_terms/<str:term_id>", api.taxonomy_term, name="directory_api_taxonomy_term"),
    path("service_at_locations", api.service_at_locations, name="directory_api_service_at_locations"),
    path(
        "service_at_locations/<str:service_at_location_id>",
        api.service_at_location,
        name="directory_api_service_at_location",
    ),
]
