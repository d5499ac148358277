"""The Resource Allocation System as versioned, dated data, and the indicative budgets worked out with it.

A RAS version is published with the date it takes effect and never changed once published (a budget records the
version it used, so an old figure can always be explained); a change is a new version."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from ras import calculation

MONEY = {"max_digits": 12, "decimal_places": 2}


class RasVersionQuerySet(models.QuerySet):
    def effective_on(self, day) -> "RasVersion | None":
        """The published version in force on `day`: the latest to take effect on or before it."""
        return (
            self.filter(status=RasVersion.Status.PUBLISHED, effective_from__lte=day)
            .order_by("-effective_from", "-version")
            .prefetch_related("bands", "adjustments")
            .first()
        )


class RasVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    class MoneyRule(models.TextChoices):
        PER_POINT = calculation.PER_POINT, "Money per point"
        BANDS = calculation.BANDS, "Bands of points"

    version = models.PositiveIntegerField(unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    effective_from = models.DateField()
    money_rule = models.CharField(max_length=10, choices=MoneyRule.choices, default=MoneyRule.PER_POINT)
    price_per_point = models.DecimalField(**MONEY, default=0)
    minimum_weekly = models.DecimalField(**MONEY, default=0)
    high_cost_weekly = models.DecimalField(**MONEY, null=True, blank=True)
    client_groups = ArrayField(models.CharField(max_length=60), default=list, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = RasVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"RAS version {self.version} from {self.effective_from:%-d %B %Y}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

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
