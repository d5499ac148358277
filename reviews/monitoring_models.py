"""A direct payment return (reviews.monitoring): what was in the account on a day, and what was spent outside the
plan, with what the council paid in since the last return and what was flagged."""

from django.conf import settings
from django.db import models
from django.utils import timezone

MONEY = {"max_digits": 12, "decimal_places": 2}


class DirectPaymentReturn(models.Model):
    """One return for a direct payment agreement, by the person online or by their worker: the period it covers
    (from the day after the last return, or the first payment, to the day it was sent), what the council paid in
    over it (worked out from the agreement, never typed), the balance and any spending outside the plan as told,
    and the flags the planning rules in force raised. One a day: sent again the same day, it is corrected."""

    class From(models.TextChoices):
        PERSON = "person", "The person, online"
        WORKER = "worker", "Their worker"

    agreement = models.ForeignKey(
        "reviews.DirectPaymentAgreement", on_delete=models.PROTECT, related_name="returns"
    )
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="direct_payment_returns")
    review = models.ForeignKey(
        "reviews.Review",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="direct_payment_returns",
    )
    period_from = models.DateField()
    period_to = models.DateField()
    paid_in = models.DecimalField("paid in by the council over the period", **MONEY)
    balance = models.DecimalField("in the account", **MONEY)
    outside_plan = models.DecimalField("spent on things not in the plan", **MONEY, default=0)
    outside_plan_what = models.TextField(blank=True)
    flags = models.JSONField(
        default=list, blank=True
    )  # [{"code": ..., "words": ...}] (reviews.monitoring.Flag)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_from = models.CharField(max_length=8, choices=From.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-period_to", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "period_to"], name="direct_payment_return_once_a_day"
            ),
            models.CheckConstraint(
                condition=models.Q(period_from__lte=models.F("period_to")),
                name="direct_payment_return_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"Direct payment return to {self.period_to:%d %b %Y}"
