"""Front door configuration a council admin keeps: the limits on what is free without a financial assessment."""

from django.contrib import admin

from cases.admin import CouncilAdminOnly
from contact.models import FreeSupportLimits


@admin.register(FreeSupportLimits)
class FreeSupportLimitsAdmin(CouncilAdminOnly, admin.ModelAdmin):
    list_display = ["effective_from", "equipment_free_up_to", "reablement_free_weeks"]
