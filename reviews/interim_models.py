"""Urgent interim support on a case, before its plan's support starts (reviews.interim)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class InterimSupport(models.Model):
    """Support started at once to meet urgent needs before the assessment or plan is done: who provides it (a
    directory organisation, or a provider named), what, what it costs a week, and from when to when. It runs until
    its end date, is extended only with a reason, and ends early, or when the plan's support starts (replaced)."""

    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        ENDED = "ended", "Ended"
        REPLACED = "replaced", "Replaced by the plan"

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="interim_support")
    organisation = models.ForeignKey(
        "directory.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    provider = models.CharField(max_length=200)
    what = models.CharField(max_length=300)
    weekly = models.DecimalField(max_digits=12, decimal_places=2)
    starts_on = models.DateField()
    ends_on = models.DateField()
    first_ends_on = models.DateField("the end date first agreed")
    extensions = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    ended_on = models.DateField(null=True, blank=True)
    ended_because = models.TextField(blank=True)
    replaced_by = models.ForeignKey(
        "reviews.GoLive", null=True, blank=True, on_delete=models.PROTECT, related_name="interim_replaced"
    )
    # The plan's support ordered it on as it was: the same provider at the same weekly cost.
    kept_as_it_was = models.BooleanField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        indexes = [
            models.Index(
                fields=["ends_on"], condition=models.Q(status="running"), name="interim_running_ends"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_on__lte=models.F("ends_on")), name="interim_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.what} from {self.provider}, {self.starts_on:%d %b %Y} to {self.ends_on:%d %b %Y}"

    @property
    def is_running(self) -> bool:
        return self.status == self.Status.RUNNING

    def is_past_its_end(self, today) -> bool:
        return self.is_running and today > self.ends_on

    def as_facts(self) -> dict:
        """The interim support whole, as each journey event carries it (cases.selectors.interim_support_on)."""
        return {
            "interim": self.pk,
            "provider": self.provider,
            "organisation": self.organisation_id,
            "what": self.what,
            "weekly": str(self.weekly),
            "starts_on": self.starts_on.isoformat(),
            "ends_on": self.ends_on.isoformat(),
            "first_ends_on": self.first_ends_on.isoformat(),
            "extensions": self.extensions,
            "status": self.status,
            "ended_on": self.ended_on.isoformat() if self.ended_on else None,
            "kept_as_it_was": self.kept_as_it_was,
        }
