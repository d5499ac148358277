"""The RAS and the charging figures in the configuration screens (council admins). A published RAS version is
read-only here: a change is a new draft, started from the RAS screen."""

from django.contrib import admin

from cases.admin import ChangedOnlyWhileDraft, CouncilAdminOnly
from ras.models import ChargingYear, RasAdjustment, RasBand, RasVersion


class DraftsOnly(ChangedOnlyWhileDraft):
    """Changes only while the RAS version is a draft."""

    @staticmethod
    def version_of(obj):
        return obj if isinstance(obj, RasVersion) else obj.ras


class BandInline(DraftsOnly, admin.TabularInline):
    model = RasBand
    extra = 0


class AdjustmentInline(DraftsOnly, admin.TabularInline):
    model = RasAdjustment
    extra = 0


@admin.register(RasVersion)
class RasVersionAdmin(DraftsOnly, admin.ModelAdmin):
    list_display = ["version", "status", "effective_from", "money_rule", "price_per_point"]
    fields = ["money_rule", "price_per_point", "minimum_weekly", "high_cost_weekly", "client_groups"]
    inlines = [BandInline, AdjustmentInline]

    def has_add_permission(self, request, obj=None):
        return False  # a new version starts as a copy, from the RAS screen


@admin.register(ChargingYear)
class ChargingYearAdmin(CouncilAdminOnly, admin.ModelAdmin):
    list_display = ["label", "starts_on", "ends_on", "upper_capital", "lower_capital"]
