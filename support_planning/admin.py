"""Planning rules in the configuration screens (council admins): a published version is read-only here; a
change is a new draft, started from the planning rules screen."""

from django.contrib import admin

from cases.admin import ChangedOnlyWhileDraft
from support_planning.models import PlanningRules, SpendingRule


class DraftsOnly(ChangedOnlyWhileDraft):
    """Changes only while the planning rules version is a draft."""

    @staticmethod
    def version_of(obj):
        return obj.rules if isinstance(obj, SpendingRule) else obj


class SpendingInline(DraftsOnly, admin.StackedInline):
    model = SpendingRule
    fields = ["order", "kind", "what", "why", "words"]
    extra = 0
    verbose_name = "line of spending guidance"
    verbose_name_plural = (
        "spending guidance: what a personal budget cannot pay for, and what needs a second look"
    )


@admin.register(PlanningRules)
class PlanningRulesAdmin(DraftsOnly, admin.ModelAdmin):
    inlines = [SpendingInline]
    list_display = [
        "version",
        "status",
        "effective_from",
        "tolerance_above_percent",
        "tolerance_below_percent",
    ]
    fields = [
        "tolerance_above_percent",
        "tolerance_below_percent",
        "change_tolerance_percent",
        "change_tolerance_most",
        "monitoring_surplus_weeks",
        "monitoring_outside_plan_most",
        "complex_annual_cost_above",
        "complex_annual_cost_strength",
        "complex_providers_at_least",
        "complex_providers_strength",
        "complex_panel_risk_strength",
    ]

    def has_add_permission(self, request, obj=None):
        return False  # a new version starts as a copy, from the planning rules screen
