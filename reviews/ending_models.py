"""Support ended: a plan's whole support, or one service of it, with why and from when (reviews.ending)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from reviews.ending import EndReason


class Ending(models.Model):
    """The support of a plan gone live ends on `ends_on` (the last day it is provided): all of it (`order` empty),
    or one service ordered from a provider. Once each: a plan's whole support ends once, and each order once."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="endings")
    go_live = models.ForeignKey("reviews.GoLive", on_delete=models.PROTECT, related_name="endings")
    order = models.OneToOneField(
        "reviews.ServiceOrder", null=True, blank=True, on_delete=models.PROTECT, related_name="ending"
    )
    reason = models.CharField(max_length=12, choices=EndReason.choices)
    ends_on = models.DateField("the last day of the support")
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    # A whole plan's ending closes the case once its day has come and nothing else is open; this is when that was
    # last tried, so the morning job tries a planned end once.
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-ends_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["go_live"], condition=models.Q(order__isnull=True), name="a_plan_ends_once"
            ),
        ]

    def __str__(self) -> str:
        what = self.order.provider if self.order_id else "All support"
        return f"{what} ends {self.ends_on:%d %b %Y}: {self.get_reason_display()}"

    @property
    def is_whole_plan(self) -> bool:
        return self.order_id is None
