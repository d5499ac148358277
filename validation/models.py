"""Validation: the council's delegation scheme (who may agree a support plan's cost, and the order of escalation
above them), kept as versioned configuration with the date each version takes effect."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from cases.roles import MANAGERS, Role
from cases.versioning import VersionedConfiguration, VersionedQuerySet
from config.money import annual
from ras.models import CLIENT_GROUPS
from support_planning.models import Frequency, PlanItem
from validation import delegation

MONEY = {"max_digits": 12, "decimal_places": 2}
# A week: about five working days, the sign-off time councils commonly aim for (docs/decisions.md).
DEFAULT_DECISION_DAYS = 7
APPROVER_ROLES = [(role.value, role.label) for role in Role if role in MANAGERS]
SUPPORT_TYPES = PlanItem.Kind.choices


class DelegationSchemeQuerySet(VersionedQuerySet):
    def in_force_on(self, day, *, levels: bool = True, **scope) -> "DelegationScheme | None":
        """The published version in force on `day`, with its levels and their limits (unless `levels` is False:
        for its target alone)."""
        versions = self.prefetch_related("levels__limits") if levels else self
        return super(DelegationSchemeQuerySet, versions).in_force_on(day, **scope)


class DelegationScheme(VersionedConfiguration):
    """A numbered version of the delegation scheme (`cases.versioning`): one series. Every sign-off decision
    records the version it was made under."""

    keeper_permission = "validation.manage_delegation"

    version = models.PositiveIntegerField(unique=True)
    decision_days = models.PositiveSmallIntegerField(
        "target for a decision, in days",
        default=DEFAULT_DECISION_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="Calendar days from a plan being sent for sign-off to the decision that agrees or returns it, "
        "however many levels it is escalated through",
    )

    objects = DelegationSchemeQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"Delegation scheme version {self.version}"

    def copy_as_draft(self, *, version: int) -> "DelegationScheme":
        """A copy, level by level with each one's narrower limits, proposed to take effect tomorrow."""
        copy = DelegationScheme.objects.create(
            version=version,
            effective_from=timezone.localdate() + datetime.timedelta(days=1),
            decision_days=self.decision_days,
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
        # A change to an agreed plan within the council's tolerance for changes, agreed as it was sent.
        WITHIN_TOLERANCE = "tolerance", "Agreed at once, within the tolerance for changes"

    class ReturnReason(models.TextChoices):
        """What most needs to change in a plan returned, so returns can be counted by why; the words say the rest.
        Returns recorded before the reasons were asked for have none, and count as "Other"."""

        NEEDS = "needs", "It does not meet every eligible need"
        COST = "cost", "Its cost, or better value elsewhere"
        BUDGET_GAP = "budget_gap", "The gap from the indicative budget is not explained"
        RISKS = "risks", "Risks are not addressed"
        PERSONS_VIEWS = "views", "The person's own views are missing"
        INFORMATION = "information", "Information is missing or unclear"
        OTHER = "other", "Other"

    FINAL = (Outcome.AGREED, Outcome.RETURNED, Outcome.WITHIN_TOLERANCE)
    AGREEMENTS = (Outcome.AGREED, Outcome.WITHIN_TOLERANCE)
    # The decisions sign-off makes, which its turnaround measures (not a change agreed as it was sent).
    SIGNED_OFF = (Outcome.AGREED, Outcome.RETURNED)

    plan = models.ForeignKey(
        "support_planning.SupportPlan", on_delete=models.PROTECT, related_name="sign_off_decisions"
    )
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="sign_off_decisions")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    scheme = models.ForeignKey(DelegationScheme, on_delete=models.PROTECT, related_name="decisions")
    level_place = models.PositiveSmallIntegerField()
    level_name = models.CharField("level", max_length=100)
    escalated_to_place = models.PositiveSmallIntegerField(null=True, blank=True)
    escalated_to_name = models.CharField("escalated to", max_length=100, blank=True)
    annual_cost = models.DecimalField(**MONEY)
    above_budget = models.DecimalField("above the indicative budget", **MONEY, null=True, blank=True)
    reason = models.TextField(
        blank=True
    )  # the reasons for a return, the note of an escalation or an approval
    reason_category = models.CharField(
        "what most needs to change", max_length=12, choices=ReturnReason.choices, blank=True
    )  # a return's; empty for the others, and for returns recorded before it was asked
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sign_off_decisions"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decided_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan"],
                condition=models.Q(outcome__in=["agreed", "returned", "tolerance"]),
                name="one_final_sign_off_per_plan",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.plan}"


class PersonalBudget(models.Model):
    """The personal budget of an agreed plan, fixed in the same transaction as the agreement: what the plan costs
    a week and a year, what the person pays towards it each week, the council's share, how the money is managed
    (the direct payment at its frequency), the date and the scheme version it was agreed under. One per agreed
    plan, never changed after: a changed plan is a new version, agreed again with its own.

    The Care Act's personal budget is the council's share and the person's contribution together; here it is the
    plan's cost. A carer's plan has no indicative budget, so its personal budget is the plan's cost too, and the
    carer pays only towards the support to them, never towards support to the person they care for
    (support_planning.carers)."""

    plan = models.OneToOneField(
        "support_planning.SupportPlan", on_delete=models.PROTECT, related_name="personal_budget"
    )
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="personal_budgets")
    decision = models.OneToOneField(SignOffDecision, on_delete=models.PROTECT, related_name="personal_budget")
    weekly_cost = models.DecimalField(**MONEY)
    annual_cost = models.DecimalField(**MONEY, help_text="A year of the weekly cost, and the one-off costs")
    one_off_cost = models.DecimalField(**MONEY, default=0)
    weekly_contribution = models.DecimalField(
        **MONEY, help_text="What the person pays a week: nothing while it is not yet assessed"
    )
    contribution_assessed = models.BooleanField(help_text="Whether a financial assessment had been confirmed")
    council_weekly = models.DecimalField("the council's share a week", **MONEY)
    # Taken from the direct payment before it is paid; the rest of the contribution is billed.
    contribution_from_direct_payment = models.DecimalField(**MONEY, default=0)
    # The weekly cost by how its money is managed (support_planning.money_management.Management), as exact strings.
    managed_weekly = models.JSONField(default=dict, blank=True)
    direct_payment_each = models.DecimalField(**MONEY, null=True, blank=True)
    direct_payment_frequency = models.CharField(max_length=12, choices=Frequency.choices, blank=True)
    direct_payment_once = models.DecimalField(**MONEY, default=0)
    for_a_carer = models.BooleanField(default=False)
    agreed_on = models.DateField()
    scheme_version = models.PositiveIntegerField()

    class Meta:
        ordering = ["-agreed_on", "-pk"]

    def __str__(self) -> str:
        return f"Personal budget of {self.plan}"

    @property
    def council_annual(self) -> Decimal:
        """What the council pays in the plan's first year: the plan's annual cost less a year of the person's
        weekly contribution (one-off costs are the council's)."""
        return self.annual_cost - annual(self.weekly_contribution)

    @property
    def contribution_billed(self) -> Decimal:
        return self.weekly_contribution - self.contribution_from_direct_payment

    @property
    def has_direct_payment(self) -> bool:
        return self.direct_payment_each is not None or self.direct_payment_once > 0


class PanelMeeting(models.Model):
    """A meeting of the risk enablement panel. The panel meets by exception, on the risks a plan takes, never as a
    queue every plan waits in: its agenda is the open referrals placed on it."""

    starts_at = models.DateTimeField()
    place = models.CharField(max_length=200, blank=True)
    online_link = models.URLField("link to join online", max_length=500, blank=True)
    arranged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    arranged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(place="", online_link=""), name="panel_meeting_has_a_place_or_a_link"
            ),
        ]

    def __str__(self) -> str:
        return f"Risk enablement panel, {timezone.localtime(self.starts_at):%-d %B %Y}"

    @property
    def day(self) -> datetime.date:
        return timezone.localtime(self.starts_at).date()

    @property
    def has_started(self) -> bool:
        """Once it has started, a meeting stays when and where it was: its referrals may move instead."""
        return self.starts_at <= timezone.now()


class PanelReferral(models.Model):
    """A plan, or one of its risks, referred to the risk enablement panel with the question it is to decide. It
    blocks nothing: the plan may be changed, sent and agreed while the referral is open. `risk_words` keep the
    risk as the person put it ("" for the whole plan), so a later version of the plan with the same risk finds
    its referral; at most one referral of a risk (or of the whole plan) is open on a case at a time."""

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for the panel"
        DECIDED = "decided", "Decided"
        WITHDRAWN = "withdrawn", "Withdrawn"

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="panel_referrals")
    plan = models.ForeignKey(
        "support_planning.SupportPlan", on_delete=models.PROTECT, related_name="panel_referrals"
    )
    risk = models.ForeignKey(
        "support_planning.PlanRisk", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    risk_words = models.TextField(blank=True)
    how_reduced = models.TextField(blank=True)
    question = models.TextField()
    person_attends = models.BooleanField()
    meeting = models.ForeignKey(
        PanelMeeting, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    referred_at = models.DateTimeField(default=timezone.now)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["referred_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "risk_words"],
                condition=models.Q(status="open"),
                name="one_open_panel_referral_per_risk",
            ),
        ]

    def __str__(self) -> str:
        return f"Panel referral of {self.case}"

    @property
    def about(self) -> str:
        return self.risk_words or "The whole plan"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_decided(self) -> bool:
        return self.status == self.Status.DECIDED


class PanelAttendee(models.Model):
    """Who comes to the panel for one referral: council staff, and the person and their family, friends or
    representative when they wish to. Names only, and whether they come."""

    class Kind(models.TextChoices):
        STAFF = "staff", "Council staff"
        PERSON = "person", "The person"
        FAMILY = "family", "Family, friend or representative"

    referral = models.ForeignKey(PanelReferral, on_delete=models.CASCADE, related_name="attendees")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    attends = models.BooleanField(default=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class PanelDecision(models.Model):
    """What the panel decided on one referral, at or after its meeting: the outcome, the reasoning and the actions.
    One per referral, which the database holds however many managers record it at once; never changed after."""

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", "Risk accepted with the plan as it is"
        ACCEPTED_WITH_CHANGES = "accepted_with_changes", "Risk accepted with changes to the plan"
        NOT_ACCEPTED = "not_accepted", "Risk not accepted"

    referral = models.OneToOneField(PanelReferral, on_delete=models.PROTECT, related_name="decision")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="panel_decisions")
    meeting = models.ForeignKey(PanelMeeting, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(max_length=25, choices=Outcome.choices)
    reasons = models.TextField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decided_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.referral}"


class PanelAction(models.Model):
    """Something the panel asked to be done: what, by whom (a name) and by when."""

    decision = models.ForeignKey(PanelDecision, on_delete=models.CASCADE, related_name="actions")
    what = models.CharField(max_length=500)
    who = models.CharField(max_length=200)
    by = models.DateField()

    class Meta:
        ordering = ["by", "pk"]

    def __str__(self) -> str:
        return self.what
