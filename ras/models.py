"""The Resource Allocation System as versioned, dated data, and the indicative budgets worked out with it.

A RAS version is published with the date it takes effect and never changed once published (a budget records the
version it used, so an old figure can always be explained); a change is a new version."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from cases.versioning import VersionedConfiguration, VersionedQuerySet
from ras import calculation, charging

MONEY = {"max_digits": 12, "decimal_places": 2}

# The client groups budgets are counted by (`ras.services.client_group_of`): RAS monitoring and calibration report
# by them, and a delegation scheme may set its limits by them.
OLDER_PEOPLE, WORKING_AGE_ADULTS = "Older people", "Working-age adults"
CLIENT_GROUPS = (OLDER_PEOPLE, WORKING_AGE_ADULTS)


class RasVersionQuerySet(VersionedQuerySet):
    def in_force_on(self, day, **scope) -> "RasVersion | None":
        """The published version in force on `day`, with its bands and adjustments."""
        return super(RasVersionQuerySet, self.prefetch_related("bands", "adjustments")).in_force_on(
            day, **scope
        )


class RasVersion(VersionedConfiguration):
    """A numbered version of the RAS (`cases.versioning`): one series."""

    keeper_permission = "ras.manage_ras"

    class MoneyRule(models.TextChoices):
        PER_POINT = calculation.PER_POINT, "Money per point"
        BANDS = calculation.BANDS, "Bands of points"

    version = models.PositiveIntegerField(unique=True)
    money_rule = models.CharField(max_length=10, choices=MoneyRule.choices, default=MoneyRule.PER_POINT)
    price_per_point = models.DecimalField(**MONEY, default=0)
    minimum_weekly = models.DecimalField(**MONEY, default=0)
    high_cost_weekly = models.DecimalField(**MONEY, null=True, blank=True)
    client_groups = ArrayField(models.CharField(max_length=60), default=list, blank=True)

    objects = RasVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"RAS version {self.version} from {self.effective_from:%-d %B %Y}"

    def copy_as_draft(self, *, version: int) -> "RasVersion":
        """A copy, proposed to take effect tomorrow."""
        copy = RasVersion.objects.create(
            version=version,
            effective_from=timezone.localdate() + datetime.timedelta(days=1),
            money_rule=self.money_rule,
            price_per_point=self.price_per_point,
            minimum_weekly=self.minimum_weekly,
            high_cost_weekly=self.high_cost_weekly,
            client_groups=list(self.client_groups),
        )
        RasBand.objects.bulk_create(
            RasBand(ras=copy, from_points=b.from_points, to_points=b.to_points, weekly=b.weekly)
            for b in self.bands.all()
        )
        RasAdjustment.objects.bulk_create(
            RasAdjustment(
                ras=copy,
                order=a.order,
                label=a.label,
                domain_key=a.domain_key,
                question_key=a.question_key,
                from_option=a.from_option,
                kind=a.kind,
                value=a.value,
            )
            for a in self.adjustments.all()
        )
        return copy

    def publish_problems(self) -> list[str]:
        if self.money_rule == self.MoneyRule.BANDS and not self.bands.exists():
            return ["Add at least one band of points"]
        return []

    def rules(self) -> calculation.Rules:
        """This version as the pure calculation's rules."""
        return calculation.Rules(
            money_rule=self.money_rule,
            price_per_point=self.price_per_point,
            bands=tuple(
                calculation.Band(band.from_points, band.to_points, band.weekly) for band in self.bands.all()
            ),
            adjustments=tuple(
                calculation.Adjustment(a.label, a.domain_key, a.question_key, a.from_option, a.kind, a.value)
                for a in self.adjustments.all()
            ),
            minimum_weekly=self.minimum_weekly,
            high_cost_weekly=self.high_cost_weekly,
        )


class RasBand(models.Model):
    ras = models.ForeignKey(RasVersion, on_delete=models.CASCADE, related_name="bands")
    from_points = models.PositiveIntegerField()
    to_points = models.PositiveIntegerField(null=True, blank=True, help_text="Empty: and above")
    weekly = models.DecimalField(**MONEY)

    class Meta:
        ordering = ["from_points"]

    def __str__(self) -> str:
        return f"{self.from_points}+ points: £{self.weekly}"


class RasAdjustment(models.Model):
    """Applies when a question's answer is at or beyond an option (by its order in the question)."""

    class Kind(models.TextChoices):
        PERCENT = calculation.PERCENT, "Percentage of the points money"
        WEEKLY = calculation.WEEKLY, "Weekly amount"

    ras = models.ForeignKey(RasVersion, on_delete=models.CASCADE, related_name="adjustments")
    order = models.PositiveSmallIntegerField(default=1)
    label = models.CharField(max_length=100)
    domain_key = models.SlugField(max_length=50)
    question_key = models.SlugField(max_length=50)
    from_option = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    value = models.DecimalField(**MONEY)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.label


class IndicativeBudgetQuerySet(models.QuerySet):
    def of_eligible_needs(self):
        """The current figures of assessments whose needs were decided eligible: the only budgets that count,
        whatever older data holds (a figure worked out before, or without, an eligible decision never shows)."""
        return self.filter(is_current=True, assessment__decision__eligible=True)


class IndicativeBudget(models.Model):
    """An indicative budget as worked out, with everything needed to explain it and, later, to compare it with the
    signed-off plan: points by domain, the versions used, the client group. Kept, never changed; a changed
    assessment gets a new one and the older is no longer current."""

    assessment = models.ForeignKey("assessment.Assessment", on_delete=models.CASCADE, related_name="budgets")
    ras = models.ForeignKey(RasVersion, on_delete=models.PROTECT, related_name="budgets")
    questionnaire_version = models.PositiveIntegerField()
    client_group = models.CharField(max_length=60, blank=True)
    points = models.PositiveIntegerField()
    points_by_domain = models.JSONField(default=dict)
    # "domain/question" -> the position of the answer chosen: what the adjustments read, kept so a draft RAS can
    # be tried on past budgets without reading every assessment again.
    answer_orders = models.JSONField(default=dict)
    weekly = models.DecimalField(**MONEY)
    annual = models.DecimalField(**MONEY)
    high_cost = models.BooleanField(default=False)
    explanation = models.JSONField(default=list)
    # What the budget was worked out from: the same answers and version give the same row, never a second one.
    fingerprint = models.CharField(max_length=64)
    is_current = models.BooleanField(default=True)
    calculated_at = models.DateTimeField(default=timezone.now)
    calculated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = IndicativeBudgetQuerySet.as_manager()

    class Meta:
        ordering = ["-calculated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "fingerprint"], name="one_budget_per_set_of_answers"
            ),
            models.UniqueConstraint(
                fields=["assessment"], condition=models.Q(is_current=True), name="one_current_budget"
            ),
        ]

    def __str__(self) -> str:
        return f"£{self.weekly} a week for {self.assessment_id}"


class ChargingYearQuerySet(models.QuerySet):
    def in_force(self, day) -> "ChargingYear | None":
        """The year covering `day`; failing that, the latest year already begun (a new year's figures not
        entered yet), which the screens then say plainly."""
        return self.filter(starts_on__lte=day).order_by("-starts_on").first()


class ChargingYear(models.Model):
    """One financial year's charging figures (DHSC circular; a council may set more generous ones)."""

    label = models.CharField(max_length=20, unique=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    upper_capital = models.DecimalField(**MONEY)
    lower_capital = models.DecimalField(**MONEY)
    mig_18_24 = models.DecimalField("MIG, single, 18 to 24", **MONEY)
    mig_25_to_pension_age = models.DecimalField("MIG, single, 25 to pension credit age", **MONEY)
    mig_pension_age = models.DecimalField("MIG, single, pension credit age", **MONEY)
    disability_premium = models.DecimalField(**MONEY)
    enhanced_disability_premium = models.DecimalField(**MONEY)
    pension_credit_age = models.PositiveSmallIntegerField()
    standard_dre = models.DecimalField("Standard disability-related expenditure allowance", **MONEY)

    objects = ChargingYearQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return self.label

    def covers(self, day) -> bool:
        return self.starts_on <= day <= self.ends_on

    def figures(self) -> charging.YearFigures:
        return charging.YearFigures(
            label=self.label,
            **{
                field: getattr(self, field)
                for field in charging.YearFigures.__dataclass_fields__
                if field != "label"
            },
        )


class FinancialAssessment(models.Model):
    """What the person pays towards their care: their means as the finance officer found them, and the result
    the charging rules gave, with its explanation. Confirmed once; a change of means is a new one."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Being worked out"
        CONFIRMED = "confirmed", "Confirmed"

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="financial_assessments")
    year = models.ForeignKey(ChargingYear, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    age = models.PositiveSmallIntegerField()
    capital = models.DecimalField(**MONEY)
    weekly_income = models.DecimalField(**MONEY)  # the part of income_items that counts
    income_items = models.JSONField(default=dict)  # kind (charging.INCOME_TYPES) -> weekly amount, as given
    disability_premium = models.BooleanField(default=False)
    enhanced_disability_premium = models.BooleanField(default=False)
    dre = models.DecimalField(**MONEY, null=True, blank=True, help_text="Empty: the standard allowance")
    housing_costs = models.DecimalField(**MONEY, default=0)
    weekly_cost = models.DecimalField(**MONEY)
    full_cost = models.BooleanField(default=False)
    tariff_income = models.DecimalField(**MONEY)
    minimum_income_guarantee = models.DecimalField(**MONEY)
    weekly_contribution = models.DecimalField(**MONEY)
    council_share = models.DecimalField(**MONEY)
    explanation = models.JSONField(default=list)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessed_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-assessed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(status="draft"), name="one_draft_financial_assessment"
            )
        ]

    def __str__(self) -> str:
        return f"Financial assessment on {self.case_id}: £{self.weekly_contribution} a week"

    def means(self) -> charging.Means:
        return charging.Means.from_income(
            {kind: Decimal(amount) for kind, amount in self.income_items.items()},
            age=self.age,
            capital=self.capital,
            disability_premium=self.disability_premium,
            enhanced_disability_premium=self.enhanced_disability_premium,
            dre=self.dre,
            housing_costs=self.housing_costs,
        )

    def explained_to_the_person(self) -> list[str]:
        """The same figures explained to the person as "you" (the finance officer's screen speaks of them by
        name): for their letter and their own pages."""
        return charging.contribution(
            self.means(), self.year.figures(), weekly_cost=self.weekly_cost
        ).explanation
