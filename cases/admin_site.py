"""The configuration screens (Django admin) are for council admins only, whatever other flags a user has."""

from config.access import holds


def restrict_admin_to_council_admins(site) -> None:
    def has_permission(request) -> bool:
        user = request.user
        return user.is_active and holds(user, "cases.configure")

    site.has_permission = has_permission
    site.site_header = "Front Door configuration"
    site.site_title = "Front Door configuration"
    site.index_title = "Council configuration"
