"""Brokerage: help to find a provider for an item of an agreed plan, asked for by the worker (before the support
starts, or at a review) or by a self-funder online; the broker's approaches to providers and their offers; and the
offer chosen, which becomes the item's provider, hours and rate. Kept apart from go-live and review; `models.py`
imports them so Django finds them in this app."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from config.money import pounds
from reviews import brokerage

MONEY = {"max_digits": 12, "decimal_places": 2}
HOURS = {"max_digits": 6, "decimal_places": 2}


class BrokerageRequest(models.Model):
    """Someone asked for help to find a provider for one item of an agreed plan: what is needed (the item, its
    hours and the cost agreed for it, as they were when asked), from when, where the person lives and what matters
    in choosing. Open until an offer is chosen, or withdrawn when the support of a plan replacing this one starts;
    one open at a time for an item."""

    class Status(models.TextChoices):
        OPEN = "open", "Finding a provider"
        CHOSEN = "chosen", "Provider chosen"
        WITHDRAWN = "withdrawn", "No longer needed: the plan was replaced"

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="brokerage_requests")
    plan = models.ForeignKey("support_planning.SupportPlan", on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(
        "support_planning.PlanItem", on_delete=models.PROTECT, related_name="brokerage_requests"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    needed_from = models.DateField("the day the support is needed from")
    what_matters = models.TextField(blank=True)
    # As the plan said when it was asked: the hours a week and the weekly cost agreed for the item, and the area.
    hours = models.DecimalField(**HOURS, default=0)
    agreed_weekly = models.DecimalField(**MONEY)
    area = models.CharField(max_length=8, blank=True)
    # Asked online by the person, who pays the full cost of their care (a self-funder).
    by_the_person = models.BooleanField(default=False)
    self_funder = models.BooleanField(default=False)
    at_review = models.BooleanField(default=False)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(default=timezone.now)
    chosen = models.OneToOneField(
        "reviews.BrokerageApproach", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    chosen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "pk"]
        indexes = [
            # The brokerage queue reads the open requests, oldest first.
            models.Index(fields=["asked_at"], condition=models.Q(status="open"), name="brokerage_open_asked")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["item"], condition=models.Q(status="open"), name="one_open_brokerage_per_item"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="chosen") | models.Q(chosen__isnull=False),
                name="brokerage_chosen_names_the_offer",
            ),
        ]

    def __str__(self) -> str:
        return f"Finding a provider for {self.item}"


class BrokerageApproach(models.Model):
    """A provider the broker asked, and what it said: waiting to hear, an offer (from when, how many hours a week,
    at what hourly rate), or that it cannot take it on."""

    class Answer(models.TextChoices):
        WAITING = "waiting", "Waiting to hear"
        OFFERED = "offered", "They made an offer"
        CANNOT = "cannot", "They cannot take it on"

    request = models.ForeignKey(BrokerageRequest, on_delete=models.CASCADE, related_name="approaches")
    provider = models.CharField(max_length=200)
    # The directory service the provider was found by, when it was: its Open Referral UK id and name.
    service_id = models.CharField(max_length=64, blank=True)
    service_name = models.CharField(max_length=200, blank=True)
    answer = models.CharField(max_length=8, choices=Answer.choices, default=Answer.WAITING)
    starts_on = models.DateField(null=True, blank=True)
    held_until = models.DateField(null=True, blank=True)
    hours = models.DecimalField(**HOURS, null=True, blank=True)
    rate = models.DecimalField(**MONEY, null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(answer="offered")
                | models.Q(starts_on__isnull=False, hours__gt=0, rate__gt=0),
                name="brokerage_offer_has_start_hours_and_rate",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider}: {self.get_answer_display().lower()}"

    @property
    def is_offer(self) -> bool:
        return self.answer == self.Answer.OFFERED

    @property
    def weekly(self):
        """What the offer costs a week: its hours at its rate."""
        return pounds(self.hours * self.rate) if self.is_offer else None

    @property
    def choice_problem(self) -> str:
        """Why the offer cannot be chosen, or "" (reviews.brokerage.choice_problem against the cost agreed)."""
        if not self.is_offer:
            return ""
        return brokerage.choice_problem(weekly=self.weekly, agreed_weekly=self.request.agreed_weekly)
