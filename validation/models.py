"""Validation: the council's delegation scheme (who may agree a support plan's cost, and the order of escalation
above them), kept as versioned configuration with the date each version takes effect."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from cases.roles import MANAGERS, Role
from cases.versioning import VersionedConfiguration, VersionedQuerySet
from ras.models import CLIENT_GROUPS
from support_planning.models import PlanItem
from validation import delegation

MONEY = {"max_digits": 12, "decimal_places": 2}
APPROVER_ROLES = [(role.value, role.label) for role in Role if role in MANAGERS]
SUPPORT_TYPES = PlanItem.Kind.choices


class DelegationSchemeQuerySet(VersionedQuerySet):
    def in_force_on(self, day, **scope) -> "DelegationScheme | None":
        """The published version in force on `day`, with its levels and their limits."""
        return super(DelegationSchemeQuerySet, self.prefetch_related("levels__limits")).in_force_on(
            day, **scope
        )


class DelegationScheme(VersionedConfiguration):
    """A numbered version of the delegation scheme (`cases.versioning`): one series. Every sign-off decision
    records the version it was made under."""

    keeper_permission = "validation.manage_delegation"

    version = models.PositiveIntegerField(unique=True)

    objects = DelegationSchemeQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"Delegation scheme version {self.version}"

    def copy_as_draft(self, *, version: int) -> "DelegationScheme":
        """A copy, level by level with each one's narrower limits, proposed to take effect tomorrow."""
        copy = DelegationScheme.objects.create(
            version=version, effective_from=timezone.localdate() + datetime.timedelta(days=1)
        )
        for level in self.levels.prefetch_related("limits"):
            limits = list(level.limits.all())
            level.pk, level.scheme = None, copy
            level.save()
            DelegationLimit.objects.bulk_create(
                DelegationLimit(
                    level=level,
                    client_group=limit.client_group,
                    support_type=limit.support_type,
                    annual_limit=limit.annual_limit,
                )
                for limit in limits
            )
        return copy

    def publish_problems(self) -> list[str]:
        return delegation.problems(self.as_rule(), type_names=support_type_names())

    def as_rule(self) -> delegation.Scheme:
        """This version as the pure rule's scheme."""
        return delegation.Scheme(
            version=self.version,
            levels=tuple(level.as_rule() for level in self.levels.prefetch_related("limits")),
        )


class DelegationLevel(models.Model):
    """One level of a scheme: who acts at it (staff of a role), the most it may agree a year, and its place in the
    order of escalation. A council may add levels of its own (a practice forum whose decisions a head of service
    records, say) by giving them a name and the role that acts for them."""

    scheme = models.ForeignKey(DelegationScheme, on_delete=models.CASCADE, related_name="levels")
    place = models.PositiveSmallIntegerField(
        "place in the order of escalation",
        help_text="1 decides first; a plan above its limits goes to 2, and so on",
    )
    name = models.CharField(max_length=100, help_text="As the council calls it, like “Team manager”")
    role = models.CharField("who acts at this level", max_length=20, choices=APPROVER_ROLES)
    annual_limit = models.DecimalField(
        "highest annual cost it may agree",
        **MONEY,
        null=True,
        blank=True,
        help_text="In pounds a year. Empty: no limit",
    )
    above_budget_limit = models.DecimalField(
        "most above the indicative budget it may agree",
        **MONEY,
        null=True,
        blank=True,
        help_text="In pounds a year above the annual indicative budget. Empty: no limit",
    )

    class Meta:
        ordering = ["place", "pk"]

    def __str__(self) -> str:
        return self.name

    def as_rule(self) -> delegation.Level:
        return delegation.Level(
            name=self.name,
            role=self.role,
            place=self.place,
            annual=self.annual_limit,
            above_budget=self.above_budget_limit,
            limits=tuple(limit.as_rule() for limit in self.limits.all()),
        )


class DelegationLimit(models.Model):
    """A narrower limit of a level, for a client group or for plans paying for a type of support (or both): where
    more than one of a level's limits applies, the lowest does."""

    level = models.ForeignKey(DelegationLevel, on_delete=models.CASCADE, related_name="limits")
    client_group = models.CharField(
        max_length=60, blank=True, choices=[(group, group) for group in CLIENT_GROUPS]
    )
    support_type = models.CharField("type of support", max_length=12, blank=True, choices=SUPPORT_TYPES)
    annual_limit = models.DecimalField(
        "highest annual cost it may agree", **MONEY, help_text="In pounds a year"
    )

    class Meta:
        ordering = ["client_group", "support_type", "pk"]

    def __str__(self) -> str:
        return " and ".join(filter(None, [self.client_group, self.get_support_type_display()])) or "Any plan"

    def as_rule(self) -> delegation.Limit:
        return delegation.Limit(
            annual=self.annual_limit, client_group=self.client_group, support_type=self.support_type
        )


def support_type_names() -> dict[str, str]:
    """The types of support as a sentence names them ("paid support")."""
    return {key: label.lower() for key, label in SUPPORT_TYPES}


class SignOffDecision(models.Model):
    """A decision on a plan sent for sign-off: agreed, returned with reasons, or escalated with a note to the next
    level. Each records the scheme version it was made under, the level acted at, the amount decided on, who and
    when; never changed after. A plan has at most one that ends its sign-off (agreed or returned), which the
    database holds however many approvers press at once."""

    class Outcome(models.TextChoices):
        AGREED = "agreed", "Agreed"
        RETURNED = "returned", "Returned with reasons"
        ESCALATED = "escalated", "Escalated"

    FINAL = (Outcome.AGREED, Outcome.RETURNED)

    plan = models.ForeignKey(
        "support_planning.SupportPlan", on_delete=models.PROTECT, related_name="sign_off_decisions"
    )
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="sign_off_decisions")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    scheme = models.ForeignKey(DelegationScheme, on_delete=models.PROTECT, related_name="decisions")
    level_place = models.PositiveSmallIntegerField()
    level_name = models.CharField(max_length=100)
    escalated_to_place = models.PositiveSmallIntegerField(null=True, blank=True)
    escalated_to_name = models.CharField(max_length=100, blank=True)
    annual_cost = models.DecimalField(**MONEY)
    above_budget = models.DecimalField(**MONEY, null=True, blank=True)
    reason = models.TextField(
        blank=True
    )  # the reasons for a return, the note of an escalation or an approval
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sign_off_decisions"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decided_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan"],
                condition=models.Q(outcome__in=["agreed", "returned"]),
                name="one_final_sign_off_per_plan",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.plan}"
