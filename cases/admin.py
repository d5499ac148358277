"""Configuration a council admin keeps: the council's details, teams and staff accounts."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from cases.models import CouncilSettings, Team, User
from cases.roles import Role
from config.access import holds


class CouncilAdminOnly:
    """Permission comes from `cases.configure` (cases/rules.py), not Django's per-model permission rows."""

    def _is_council_admin(self, request) -> bool:
        return holds(request.user, "cases.configure")

    def has_module_permission(self, request):
        return self._is_council_admin(request)

    def has_view_permission(self, request, obj=None):
        return self._is_council_admin(request)

    def has_add_permission(self, request, *args):
        return self._is_council_admin(request)

    def has_change_permission(self, request, obj=None):
        return self._is_council_admin(request)

    def has_delete_permission(self, request, obj=None):
        return self._is_council_admin(request)


class ChangedOnlyWhileDraft(CouncilAdminOnly):
    """For configuration kept in versions (questionnaires, the RAS): a published version, and everything in it,
    is read-only; a change is a new draft. `version_of(obj)` finds the version an object belongs to."""

    @staticmethod
    def version_of(obj):
        return obj

    def _is_draft(self, obj) -> bool:
        version = None if obj is None else self.version_of(obj)
        return version is None or not version.is_read_only

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._is_draft(obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request) and self._is_draft(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._is_draft(obj)


@admin.register(CouncilSettings)
class CouncilSettingsAdmin(CouncilAdminOnly, admin.ModelAdmin):
    list_display = ["name", "service_name", "phone", "email"]


@admin.register(Team)
class TeamAdmin(CouncilAdminOnly, admin.ModelAdmin):
    list_display = ["name", "description"]


@admin.register(User)
class StaffUserAdmin(CouncilAdminOnly, UserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "team", "is_active", "last_login"]
    list_filter = ["role", "team", "is_active"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("Person", {"fields": ["first_name", "last_name", "email"]}),
        ("Work", {"fields": ["role", "team", "organisation", "person", "is_active"]}),
        ("History", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"fields": ["username", "password1", "password2", "role", "team"]})]
    raw_id_fields = ["person", "organisation"]
    readonly_fields = ["last_login", "date_joined"]

    def has_delete_permission(self, request, obj=None):
        # Accounts are closed (made inactive), never deleted: the journey log and audit trail point at them.
        return False

    def save_model(self, request, obj, form, change):
        # The admin site needs is_staff; superuser powers are never granted from here.
        obj.is_staff = obj.role == Role.COUNCIL_ADMIN
        obj.is_superuser = False
        super().save_model(request, obj, form, change)
