"""Support plans: outcomes in the person's words, how each is met, what it costs, how the money is managed, the
risks and what to do if support fails.

A plan is kept as versions. Each `SupportPlan` row is one version of the plan for a case: drafted, then submitted
for sign-off (frozen from then on); a plan returned with reasons comes back as a new draft copied from the version
that was returned, so nothing is typed again and every version can be compared with another.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone

from cases.versioning import VersionedConfiguration, VersionStatus
from support_planning import carers, spending
from support_planning.changes import ChangeTolerance
from support_planning.complexity import OFFER, REQUIRE, Criteria
from support_planning.costing import HOURLY, ONE_OFF, WEEKLY, Cost, Tolerance
from support_planning.money_management import Frequency, Management, Recipient

MONEY = {"max_digits": 12, "decimal_places": 2}
STRENGTHS = [(OFFER, "Offer referral"), (REQUIRE, "Require referral")]


class Route(models.TextChoices):
    SIMPLE = "simple", "Simple plan"
    COMPLEX = "complex", "Complex support planning"
    SELF_DIRECTED = "self_directed", "Drafted by the person"


class Holder(models.TextChoices):
    """Who is writing a draft plan now: the worker, or (self-directed) the person or an organisation that drafts
    it with them and sends it to the worker."""

    WORKER = "worker", "The worker"
    PERSON = "person", "The person"
    ORGANISATION = "organisation", "An organisation drafting with the person"


class SupportPlan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Sent for sign-off"
        RETURNED = "returned", "Returned with reasons"
        AGREED = "agreed", "Agreed"
        SUPERSEDED = "superseded", "Replaced by a later version"

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="support_plans")
    assessment = models.ForeignKey("assessment.Assessment", on_delete=models.PROTECT, related_name="+")
    budget = models.ForeignKey(
        "ras.IndicativeBudget", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    number = models.PositiveSmallIntegerField(default=1)
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_version"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    route = models.CharField(max_length=15, choices=Route.choices, default=Route.SIMPLE)
    held_by = models.CharField(max_length=12, choices=Holder.choices, default=Holder.WORKER)
    drafting_organisation = models.ForeignKey(
        "directory.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    held_since = models.DateTimeField(null=True, blank=True)  # when it was handed to who holds it now
    sent_to_worker_at = models.DateTimeField(null=True, blank=True)
    what_matters = models.TextField(blank=True)
    gap_reason = models.TextField(blank=True)
    contingency = models.TextField(blank=True)
    direct_payment_recipient = models.CharField(max_length=20, choices=Recipient.choices, blank=True)
    direct_payment_recipient_name = models.CharField(max_length=120, blank=True)
    direct_payment_frequency = models.CharField(
        max_length=12, choices=Frequency.choices, default=Frequency.FOUR_WEEKLY
    )
    # Frozen at submission: the figures the approver decides on.
    weekly_cost = models.DecimalField(**MONEY, null=True, blank=True)
    annual_cost = models.DecimalField(**MONEY, null=True, blank=True)
    beyond_tolerance = models.BooleanField(default=False)
    spending_flags = models.JSONField(default=list, blank=True)  # spending.Flag.as_record(), for the approver
    started_at = models.DateTimeField(default=timezone.now)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The person's answer to the plan as written with them: they agree, or say what they would change.
    person_agrees = models.BooleanField(null=True, blank=True)
    person_would_change = models.TextField(blank=True)
    person_answered_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)  # bumped by each save, for safe concurrent edits

    class Meta:
        ordering = ["case", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="one_plan_version_per_number"),
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status__in=["draft", "submitted"]),
                name="one_open_plan_per_case",
            ),
        ]

    def __str__(self) -> str:
        return f"Support plan {self.number} for {self.case}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_for_a_carer(self) -> bool:
        """Written from a carer's assessment: a carer's support plan (support_planning.carers)."""
        return self.assessment.is_for_a_carer

    @property
    def title(self) -> str:
        return carers.title(for_a_carer=self.is_for_a_carer)

    @property
    def with_the_worker(self) -> bool:
        return self.held_by == Holder.WORKER

    @property
    def open_to_the_worker(self) -> bool:
        """A draft the worker may change now (not one the person or an organisation is drafting)."""
        return self.is_draft and self.with_the_worker

    @property
    def drafter_name(self) -> str:
        """Who is drafting the plan, when it is not the worker: the person, or the organisation."""
        if self.held_by == Holder.ORGANISATION:
            return self.drafting_organisation.name
        return self.case.person.full_name if self.held_by == Holder.PERSON else ""

    @property
    def is_current(self) -> bool:
        """The case's plan as it stands: being written, waiting for sign-off or agreed (not returned, nor replaced
        by a later version)."""
        return self.status in (self.Status.DRAFT, self.Status.SUBMITTED, self.Status.AGREED)

    @property
    def can_become_a_new_version(self) -> bool:
        """Sent for sign-off (withdrawn to change it) or returned with reasons: changed as a new draft from it."""
        return self.status in (self.Status.SUBMITTED, self.Status.RETURNED)


class PlanOutcome(models.Model):
    """One outcome the plan works towards: an eligible outcome from the assessment, in the person's words."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="outcomes")
    # The Care Act outcome's key; blank for an outcome of the person's own.
    outcome = models.CharField(max_length=30, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    in_my_words = models.TextField()
    # The same outcome in the version this one was copied from: how two versions are compared.
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.in_my_words[:60]

    @property
    def label(self) -> str:
        """The Care Act outcome it answers, in the regulations' words; the person's own outcome has none."""
        from assessment.selectors import outcome_label  # read where shown: models load before selectors

        if not self.outcome:
            return "An outcome of the person’s own"
        return carers.OUTCOMES.get(self.outcome) or outcome_label(self.outcome)


class PlanItem(models.Model):
    """How an outcome will be met: by family or friends, a community or universal service, equipment, or paid
    support, with what it costs and who manages the money."""

    class Kind(models.TextChoices):
        FAMILY = "family", "Family and friends"
        COMMUNITY = "community", "Community and universal services"
        EQUIPMENT = "equipment", "Equipment"
        PAID = "paid", "Paid support"

    class Basis(models.TextChoices):
        HOURLY = HOURLY, "Hours a week at an hourly rate"
        WEEKLY = WEEKLY, "An amount a week"
        ONE_OFF = ONE_OFF, "A one-off cost"

    outcome = models.ForeignKey(PlanOutcome, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    description = models.CharField(max_length=300)
    who_and_when = models.CharField(max_length=300, blank=True)
    # A directory service as the person was offered it: its Open Referral UK id and cost option, kept on the item.
    service_id = models.CharField(max_length=64, blank=True)
    service_name = models.CharField(max_length=200, blank=True)
    cost_option = models.CharField(max_length=200, blank=True)
    provider = models.CharField(max_length=200, blank=True)
    basis = models.CharField(max_length=8, choices=Basis.choices, default=Basis.WEEKLY)
    hours = models.DecimalField(max_digits=6, decimal_places=2, default=0)
    rate = models.DecimalField(**MONEY, default=0)
    amount = models.DecimalField(**MONEY, default=0)
    management = models.CharField(max_length=20, choices=Management.choices, default=Management.NOT_PAID)
    # In a carer's plan, support to the person they care for (from the case's relationships) that meets the
    # carer's needs, with that person's agreement; None: support to the plan's own person.
    cared_for = models.ForeignKey(
        "cases.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cared_for_agrees = models.BooleanField(default=False)
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.description

    @property
    def cost(self) -> Cost:
        if self.management == Management.NOT_PAID:
            return Cost(WEEKLY)
        return Cost(self.basis, amount=self.amount, hours=self.hours, rate=self.rate)

    @property
    def cost_in_words(self) -> str:
        """What it costs the budget, in words; nothing for support that costs the budget nothing."""
        return "" if self.management == Management.NOT_PAID else self.cost.in_words


class PlanRisk(models.Model):
    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="risks")
    in_my_words = models.TextField()
    how_reduced = models.TextField(blank=True)
    for_panel = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.in_my_words[:60]


class PlanningRules(VersionedConfiguration):
    """The council's rules for plans, in versions with the date each takes effect: how far a plan may differ from
    the indicative budget before a reason must be written, how far a change to an agreed plan may go before it is
    signed off again (support_planning.changes), when a direct payment return is worth a worker's look
    (reviews.monitoring), and which plans go to the complex support planning team."""

    tolerance_above_percent = models.DecimalField(max_digits=5, decimal_places=1, default=Decimal("10"))
    tolerance_below_percent = models.DecimalField(max_digits=5, decimal_places=1, default=Decimal("20"))
    change_tolerance_percent = models.DecimalField(
        "tolerance for changes (per cent)",
        max_digits=5,
        decimal_places=1,
        default=Decimal("10"),
        help_text="A change to an agreed plan's annual cost, either way, up to this share of it is agreed at once",
    )
    change_tolerance_most = models.DecimalField(
        "tolerance for changes (most a year)",
        **MONEY,
        null=True,
        blank=True,
        default=Decimal("2600.00"),
        help_text="and only up to this many pounds a year; leave it empty for no limit in pounds",
    )
    monitoring_surplus_weeks = models.PositiveSmallIntegerField(
        "direct payment held (weeks of payments)",
        null=True,
        blank=True,
        default=12,
        help_text="A direct payment return showing more than this many weeks of payments in the account is flagged "
        "for the worker; leave it empty never to flag it",
    )
    monitoring_outside_plan_most = models.DecimalField(
        "direct payment spent outside the plan (most)",
        **MONEY,
        null=True,
        blank=True,
        default=Decimal("250.00"),
        help_text="A return showing more than this spent on things not in the plan is flagged; leave it empty never "
        "to flag it",
    )
    complex_annual_cost_above = models.DecimalField(**MONEY, null=True, blank=True)
    complex_annual_cost_strength = models.CharField(max_length=8, choices=STRENGTHS, default=OFFER)
    complex_panel_risk_strength = models.CharField(max_length=8, choices=STRENGTHS, default=REQUIRE)
    complex_providers_at_least = models.PositiveSmallIntegerField(null=True, blank=True)
    complex_providers_strength = models.CharField(max_length=8, choices=STRENGTHS, default=OFFER)

    class Meta:
        verbose_name_plural = "planning rules"
        constraints = [models.UniqueConstraint(fields=["version"], name="planning_rules_version_once")]

    def __str__(self) -> str:
        return f"Planning rules version {self.version}"

    def copy_as_draft(self, *, version: int) -> "PlanningRules":
        draft = PlanningRules.objects.get(pk=self.pk)
        draft.pk, draft.version, draft.status = None, version, VersionStatus.DRAFT
        draft.published_at = draft.published_by = None
        draft._published_when_read = False
        draft.save()
        SpendingRule.objects.bulk_create(
            SpendingRule(
                rules=draft, order=rule.order, kind=rule.kind, what=rule.what, why=rule.why, words=rule.words
            )
            for rule in self.spending.all()
        )
        return draft

    def publish_problems(self) -> list[str]:
        problems = []
        for name in ("tolerance_above_percent", "tolerance_below_percent", "change_tolerance_percent"):
            if not 0 <= getattr(self, name) <= 100:
                problems.append(
                    f"{self._meta.get_field(name).verbose_name.capitalize()} must be between 0 and 100"
                )
        if self.change_tolerance_most is not None and self.change_tolerance_most < 0:
            problems.append("The most a change may add or take away cannot be less than nothing")
        if self.monitoring_outside_plan_most is not None and self.monitoring_outside_plan_most < 0:
            problems.append(
                "The most a direct payment may pay for outside the plan cannot be less than nothing"
            )
        if self.complex_annual_cost_above is not None and self.complex_annual_cost_above < 0:
            problems.append("The complex-case cost threshold cannot be less than nothing")
        return problems

    @property
    def tolerance(self) -> Tolerance:
        return Tolerance(self.tolerance_above_percent, self.tolerance_below_percent)

    @property
    def change_tolerance(self) -> ChangeTolerance:
        return ChangeTolerance(self.change_tolerance_percent, self.change_tolerance_most)

    @property
    def criteria(self) -> Criteria:
        return Criteria(
            annual_cost_above=self.complex_annual_cost_above,
            annual_cost_strength=self.complex_annual_cost_strength,
            panel_risk_strength=self.complex_panel_risk_strength,
            providers_at_least=self.complex_providers_at_least,
            providers_strength=self.complex_providers_strength,
        )

    @property
    def guidance(self) -> list[spending.Guidance]:
        """The spending guidance of this version (none for unsaved defaults), as the pure rule reads it."""
        return [rule.as_guidance() for rule in self.spending.all()] if self.pk else []


class SpendingRule(models.Model):
    """One line of the council's spending guidance, in a version of the planning rules: something a personal
    budget cannot pay for, or that needs a second look, the words in an item that point to it, and why (see
    support_planning.spending)."""

    class Kind(models.TextChoices):
        CANNOT = spending.CANNOT, "A personal budget cannot pay for this"
        CHECK = spending.CHECK, "Check it meets an outcome and is good value"

    rules = models.ForeignKey(PlanningRules, on_delete=models.CASCADE, related_name="spending")
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    what = models.CharField(
        max_length=120, help_text="As people would say it, like “Alcohol, tobacco or gambling”"
    )
    why = models.TextField(help_text="What the person and their worker are told, in plain English")
    words = models.TextField(
        help_text="Words or phrases in an item that point to this, separated by commas, like “beer, wine, betting”"
    )

    class Meta:
        ordering = ["rules", "order", "pk"]

    def __str__(self) -> str:
        return self.what

    def as_guidance(self) -> spending.Guidance:
        return spending.Guidance(
            kind=self.kind, what=self.what, why=self.why, words=spending.words_of(self.words)
        )


class ComplexReferral(models.Model):
    """A plan referred to the complex support planning team: on that team's queue until one of its workers picks
    it up and writes the plan on, from where it stands. The case stays with its own team, which sees the referral
    on the plan."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting to be picked up"
        TAKEN = "taken", "Picked up"

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="complex_referrals")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="complex_referrals")
    team = models.ForeignKey("cases.Team", on_delete=models.PROTECT, related_name="complex_referrals")
    reasons = models.JSONField(default=list)  # the criteria met, in words, when referred
    note = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    referred_at = models.DateTimeField(default=timezone.now)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    taken_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["referred_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="waiting"),
                name="one_waiting_complex_referral_per_case",
            )
        ]

    def __str__(self) -> str:
        return f"Complex referral of {self.case}"
