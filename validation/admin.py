"""The delegation scheme in the configuration screens (council admins). A published version, its levels and their
limits are read-only here: a change is a new draft, started from the delegation scheme screen. Sign-off decisions
and the personal budgets they fixed are shown read-only, for audit, and each read is recorded in the audit trail
as a read of the case is."""

from django.contrib import admin

from cases.admin import ChangedOnlyWhileDraft, CouncilAdminOnly
from cases.audit import record_access
from cases.models import AccessEvent
from config.money import display
from validation.models import (
    DelegationLevel,
    DelegationLimit,
    DelegationScheme,
    PersonalBudget,
    SignOffDecision,
)


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
    list_display = ["version", "status", "effective_from", "decision_days"]
    fields = ["version", "decision_days"]
    readonly_fields = ["version"]
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


class ReadOnly(CouncilAdminOnly):
    """Seen, never changed: decisions are made on the sign-off screens, and stand as made."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PersonalBudgetInline(ReadOnly, admin.StackedInline):
    model = PersonalBudget
    fields = readonly_fields = [
        "annual_cost",
        "weekly_cost",
        "one_off_cost",
        "weekly_contribution",
        "contribution_assessed",
        "council_weekly",
        "contribution_from_direct_payment",
        "direct_payment_each",
        "direct_payment_frequency",
        "direct_payment_once",
        "managed_weekly",
        "for_a_carer",
        "agreed_on",
        "scheme_version",
    ]
    can_delete = False


@admin.register(SignOffDecision)
class SignOffDecisionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = [
        "decided_at",
        "case_reference",
        "plan_number",
        "outcome",
        "level_name",
        "scheme_version",
        "annual",
        "decider",
    ]
    list_filter = ["outcome", "reason_category", "level_name", "scheme__version"]
    date_hierarchy = "decided_at"
    list_select_related = ["case", "plan", "scheme", "decided_by"]
    fields = readonly_fields = [
        "case_reference",
        "plan_number",
        "outcome",
        "scheme_version",
        "level_name",
        "escalated_to_name",
        "annual",
        "above_budget",
        "reason_category",
        "reason",
        "decider",
        "decided_at",
    ]
    inlines = [PersonalBudgetInline]

    @admin.display(description="Case", ordering="case_id")
    def case_reference(self, decision):
        return decision.case.reference

    @admin.display(description="Plan version", ordering="plan__number")
    def plan_number(self, decision):
        return decision.plan.number

    @admin.display(description="Delegation scheme version", ordering="scheme__version")
    def scheme_version(self, decision):
        return decision.scheme.version

    @admin.display(description="A year", ordering="annual_cost")
    def annual(self, decision):
        return display(decision.annual_cost)

    @admin.display(description="Decided by", ordering="decided_by__last_name")
    def decider(self, decision):
        return decision.decided_by.display_name

    def changelist_view(self, request, extra_context=None):
        if self.has_view_permission(request):
            record_access(request, action=AccessEvent.Action.VIEW, what="sign-off decisions")
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        decision = SignOffDecision.objects.select_related("case__person").filter(pk=object_id).first()
        if request.method == "GET" and decision is not None and self.has_view_permission(request, decision):
            record_access(
                request, action=AccessEvent.Action.VIEW, case=decision.case, what="sign-off decision"
            )
        return super().change_view(request, object_id, form_url, extra_context)
