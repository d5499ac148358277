"""Go-live (the support of an agreed plan started, for each way its money is managed) and the reviews that follow.
The app sits above validation so it can read the agreed plan and its personal budget."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from reviews import schedule
from reviews.brokerage_models import BrokerageApproach, BrokerageRequest  # noqa: F401 (models of this app)
from reviews.ending_models import Ending  # noqa: F401 (models of this app)
from reviews.interim_models import InterimSupport  # noqa: F401 (models of this app)
from reviews.monitoring_models import DirectPaymentReturn  # noqa: F401 (models of this app)
from support_planning.models import Frequency, Recipient

MONEY = {"max_digits": 12, "decimal_places": 2}


class GoLive(models.Model):
    """The support of an agreed plan started: the day it starts, and (beside it) the direct payment agreement and
    the orders to providers. One per agreed plan; the case moves to "support in place"."""

    plan = models.OneToOneField(
        "support_planning.SupportPlan", on_delete=models.PROTECT, related_name="go_live"
    )
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="go_lives")
    starts_on = models.DateField("the day the support starts")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return f"Support started {self.starts_on:%d %b %Y} for {self.plan}"


class DirectPaymentAgreement(models.Model):
    """The direct payment of a plan gone live: the agreement signed, the first payment, its amount and frequency
    (from the personal budget, never typed again) and who receives it."""

    go_live = models.OneToOneField(GoLive, on_delete=models.CASCADE, related_name="direct_payment")
    signed_on = models.DateField("the day the agreement was signed")
    first_payment_on = models.DateField("the day of the first payment")
    amount = models.DecimalField("each payment", **MONEY)
    frequency = models.CharField(max_length=12, choices=Frequency.choices)
    once = models.DecimalField("paid once with the first payment", **MONEY, default=0)
    recipient = models.CharField(max_length=20, choices=Recipient.choices)
    recipient_name = models.CharField(max_length=120, blank=True)
    managed_account_provider = models.CharField(max_length=200, blank=True)
    # The last day it is paid for, once the plan's support has ended (reviews.ending_services).
    ends_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Direct payment from {self.first_payment_on:%d %b %Y}"


class ServiceOrderQuerySet(models.QuerySet):
    def running(self, *, on: datetime.date) -> "ServiceOrderQuerySet":
        """The orders still being provided on a day: not ended, or ending on it or later."""
        return self.filter(models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=on))


class ServiceOrder(models.Model):
    """An order to a provider for an item of the plan the council arranges, or an individual service fund the
    provider holds: who provides it, from when, and what it costs (from the item, never typed again)."""

    go_live = models.ForeignKey(GoLive, on_delete=models.CASCADE, related_name="orders")
    # An item has one order running at a time; a new provider taking over ends it and makes another
    # (reviews.services.change_provider), so each provider's order keeps its own number.
    item = models.ForeignKey("support_planning.PlanItem", on_delete=models.PROTECT, related_name="orders")
    provider = models.CharField(max_length=200)
    fund_holder = models.BooleanField(
        default=False, help_text="An individual service fund the provider holds"
    )
    starts_on = models.DateField()
    weekly = models.DecimalField(**MONEY, default=0)
    once = models.DecimalField(**MONEY, default=0)
    # The last day it is provided, once it has ended, alone or with the plan's whole support (reviews.ending_models).
    ends_on = models.DateField(null=True, blank=True)

    objects = ServiceOrderQuerySet.as_manager()

    class Meta:
        ordering = ["go_live", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["item"], condition=models.Q(ends_on__isnull=True), name="one_running_order_per_item"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider}: {self.item.description}"


class Review(models.Model):
    """A review of a person's support: due from `opens` to `due_by` (reviews.schedule) and, once held, done."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "No longer needed"

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="reviews")
    plan = models.ForeignKey("support_planning.SupportPlan", on_delete=models.PROTECT, related_name="reviews")
    opens = models.DateField()
    due_by = models.DateField()
    why = models.CharField(max_length=80, choices=[(why.value, why.value) for why in schedule.Why])

    class Result(models.TextChoices):
        NO_CHANGE = "no_change", "No change: the support carries on as it is"
        PLAN_CHANGE = "plan_change", "The plan needs changing"
        REASSESS = "reassess", "The person's needs have changed: reassess them"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    held_on = models.DateField(null=True, blank=True)
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    result = models.CharField(max_length=12, choices=Result.choices, blank=True)
    what_changed = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_by", "pk"]
        indexes = [
            # The queues and the daily invitations read scheduled reviews by when their window opens.
            models.Index(
                fields=["opens"], condition=models.Q(status="scheduled"), name="review_scheduled_opens"
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(status="scheduled"), name="one_review_scheduled_per_case"
            ),
            models.CheckConstraint(
                condition=models.Q(opens__lte=models.F("due_by")), name="review_opens_by_due"
            ),
        ]

    def __str__(self) -> str:
        return f"Review due by {self.due_by:%d %b %Y}"

    @property
    def due(self) -> schedule.Due:
        return schedule.Due(self.opens, self.due_by, schedule.Why(self.why))

    def standing(self, today) -> schedule.Standing:
        return schedule.standing(self.due, today)


class ReviewedOutcome(models.Model):
    """How far one outcome of the plan was met, as the review found it."""

    class Achieved(models.TextChoices):
        MET = "met", "Met"
        PARTLY = "partly", "Partly met"
        NOT_MET = "not_met", "Not met"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="outcomes")
    outcome = models.ForeignKey("support_planning.PlanOutcome", on_delete=models.PROTECT, related_name="+")
    achieved = models.CharField(max_length=8, choices=Achieved.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["review", "outcome__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "outcome"], name="one_review_finding_per_outcome")
        ]

    def __str__(self) -> str:
        return f"{self.get_achieved_display()}: {self.outcome}"


# What the person and the providers tell the council between reviews: the start of the next review, never typed
# again. Each answer is kept against the plan's outcome it is about (`PlanOutcome`), so the worker's review form
# can start from them outcome by outcome.


class Met(models.TextChoices):
    """The person's answer for one outcome of their plan."""

    MET = "met", "Yes"
    PARTLY = "partly", "Partly"
    NOT_MET = "not_met", "No"


class MoneyWorking(models.TextChoices):
    """How the person says their direct payment is working."""

    WELL = "well", "It works well"
    PROBLEMS = "problems", "There are some problems"
    NOT_WORKING = "not_working", "It is not working"


class SelfReview(models.Model):
    """The person's own account of how their support is going, written online one question a page and sent to
    their worker once: a draft (`sent_at` empty) until then, one at a time per case; once sent, it belongs to the
    review it starts (one per review)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="self_reviews")
    plan = models.ForeignKey("support_planning.SupportPlan", on_delete=models.PROTECT, related_name="+")
    review = models.ForeignKey(
        Review, null=True, blank=True, on_delete=models.PROTECT, related_name="self_reviews"
    )
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    what_changed = models.TextField(blank=True)
    money = models.CharField(max_length=12, choices=MoneyWorking.choices, blank=True)
    money_words = models.TextField(blank=True)
    anything_else = models.TextField(blank=True)
    # The "anything else" page was answered (it may be left empty), so the check page knows it was seen.
    anything_else_seen = models.BooleanField(default=False)
    started_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(sent_at__isnull=True),
                name="one_self_review_draft_per_case",
            ),
            models.UniqueConstraint(
                fields=["review"],
                condition=models.Q(sent_at__isnull=False),
                name="one_self_review_sent_per_review",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"Self-review {'sent ' + format(self.sent_at, '%d %b %Y') if self.sent_at else 'being written'}"
        )

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None


class SelfReviewAnswer(models.Model):
    """For one outcome of the plan: whether the person says it is met, and what they say about it."""

    self_review = models.ForeignKey(SelfReview, on_delete=models.CASCADE, related_name="answers")
    outcome = models.ForeignKey("support_planning.PlanOutcome", on_delete=models.PROTECT, related_name="+")
    met = models.CharField(max_length=8, choices=Met.choices)
    in_my_words = models.TextField(blank=True)

    class Meta:
        ordering = ["outcome__order", "outcome__pk"]
        constraints = [
            models.UniqueConstraint(fields=["self_review", "outcome"], name="one_answer_per_outcome"),
        ]

    def __str__(self) -> str:
        return f"{self.outcome}: {self.get_met_display()}"


class ReviewInvitation(models.Model):
    """The person invited to a review, by letter, once: the daily job (reviews.invitations) makes one row per
    review, however often it runs, and the unique review is what makes it once."""

    review = models.OneToOneField(Review, on_delete=models.PROTECT, related_name="invitation")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    invited_on = models.DateField()
    letter = models.OneToOneField("cases.Letter", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-invited_on", "-pk"]

    def __str__(self) -> str:
        return f"Invited on {self.invited_on:%d %b %Y} to the {self.review}"


class Progress(models.TextChoices):
    """What a provider sees of the person's progress towards one outcome of their plan."""

    ACHIEVED = "achieved", "Achieved"
    TOWARDS = "towards", "Moving towards it"
    NOT = "not", "Not moving towards it"


class Independence(models.TextChoices):
    """How the person's independence has changed, as the provider sees it."""

    MORE = "more", "More independent"
    SAME = "same", "About the same"
    LESS = "less", "Less independent"


class ProgressReport(models.Model):
    """What a provider or user-led organisation saw of a person's progress: towards each outcome of the plan it
    supports, and in their independence. The care worker as the thermostat of the system: progress, not hours.
    It feeds the review scheduled when it was recorded."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="progress_reports")
    plan = models.ForeignKey("support_planning.SupportPlan", on_delete=models.PROTECT, related_name="+")
    review = models.ForeignKey(
        Review, null=True, blank=True, on_delete=models.PROTECT, related_name="progress_reports"
    )
    organisation = models.ForeignKey("directory.Organization", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    independence = models.CharField(max_length=8, choices=Independence.choices)
    independence_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"Progress recorded {self.recorded_at:%d %b %Y}"

    @property
    def is_a_concern(self) -> bool:
        """Less independent, or no progress towards an outcome: what the worker should read before the review."""
        return self.independence == Independence.LESS or any(
            note.progress == Progress.NOT for note in self.notes.all()
        )


class ProgressNote(models.Model):
    """Progress towards one outcome of the plan, with a short note."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="notes")
    outcome = models.ForeignKey("support_planning.PlanOutcome", on_delete=models.PROTECT, related_name="+")
    progress = models.CharField(max_length=8, choices=Progress.choices)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["outcome__order", "outcome__pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "outcome"], name="one_progress_note_per_outcome"),
        ]

    def __str__(self) -> str:
        return f"{self.outcome}: {self.get_progress_display()}"


class ReviewRequest(models.Model):
    """Someone asked for a review of the person's support (a provider, with why): the review it brought forward,
    or scheduled. An organisation asks once for each review."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="requests")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="review_requests")
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "directory.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    because = models.TextField()
    asked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-asked_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "organisation"], name="an_organisation_asks_once_per_review"
            ),
        ]

    def __str__(self) -> str:
        return f"Review asked for {self.asked_at:%d %b %Y}"
