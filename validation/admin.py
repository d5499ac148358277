"""The delegation scheme in the configuration screens (council admins). A published version, its levels and their
limits are read-only here: a change is a new draft, started from the delegation scheme screen."""

from django.contrib import admin

from cases.admin import ChangedOnlyWhileDraft
from validation.models import DelegationLevel, DelegationLimit, DelegationScheme


class DraftsOnly(ChangedOnlyWhileDraft):
    """Changes only while the scheme version is a draft."""

    @staticmethod
    def version_of(obj):
        if isinstance(obj, DelegationScheme):
            return obj
        return obj.scheme if isinstance(obj, DelegationLevel) else obj.level.scheme


class LevelInline(DraftsOnly, admin.TabularInline):
    model = DelegationLevel
    fields = ["place", "name", "role", "annual_limit", "above_budget_limit"]
    extra = 0
    show_change_link = True  # a level's own page holds its narrower limits


class LimitInline(DraftsOnly, admin.TabularInline):
    model = DelegationLimit
    extra = 0


@admin.register(DelegationScheme)
class DelegationSchemeAdmin(DraftsOnly, admin.ModelAdmin):
    list_display = ["version", "status", "effective_from"]
    fields = readonly_fields = ["version"]
    inlines = [LevelInline]

    def has_add_permission(self, request, obj=None):
        return False  # a new version starts as a copy, from the delegation scheme screen


@admin.register(DelegationLevel)
class DelegationLevelAdmin(DraftsOnly, admin.ModelAdmin):
    list_display = ["name", "scheme", "place", "role", "annual_limit"]
    fields = ["place", "name", "role", "annual_limit", "above_budget_limit"]
    inlines = [LimitInline]

    def has_add_permission(self, request, obj=None):
        return False  # levels are added on their scheme's page

    def has_module_permission(self, request):
        return False  # reached from a level of the scheme, never listed on its own
