"""Reads for the risk enablement panel: its meetings, a meeting's agenda and one referral with everything about it,
each in a fixed number of queries."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from validation.models import PanelDecision, PanelMeeting, PanelReferral

ON_THE_AGENDA = ~Q(status=PanelReferral.Status.WITHDRAWN)


def _counted(meetings: QuerySet) -> QuerySet:
    return meetings.annotate(
        waiting=Count("referrals", filter=Q(referrals__status=PanelReferral.Status.OPEN)),
        decided=Count("referrals", filter=Q(referrals__status=PanelReferral.Status.DECIDED)),
    )


def upcoming() -> list[PanelMeeting]:
    """Meetings still to come today or later, soonest first, with how many referrals wait for each."""
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return list(_counted(PanelMeeting.objects.filter(starts_at__gte=today)).order_by("starts_at", "pk"))


def past() -> QuerySet:
    """Meetings before today, latest first, with how many referrals each decided and how many still wait."""
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return _counted(PanelMeeting.objects.filter(starts_at__lt=today)).order_by("-starts_at", "-pk")


EVERYTHING = (
    "attendees",
    Prefetch(
        "decision",
        queryset=PanelDecision.objects.select_related("decided_by").prefetch_related("actions"),
    ),
)


def _with_everything(referrals: QuerySet) -> QuerySet:
    return referrals.select_related(
        "case__person", "case__team", "plan", "meeting", "referred_by", "withdrawn_by"
    ).prefetch_related(*EVERYTHING)


def agenda(meeting: PanelMeeting) -> list[PanelReferral]:
    """The meeting's agenda: its referrals not withdrawn, in the order they were made, each with who comes and
    any decision."""
    return list(_with_everything(meeting.referrals.filter(ON_THE_AGENDA)).order_by("referred_at", "pk"))


def referral_with_everything(pk: int) -> PanelReferral:
    """Raises PanelReferral.DoesNotExist."""
    return _with_everything(PanelReferral.objects.filter(pk=pk)).get()


def waiting_for_a_meeting() -> int:
    """Open referrals made when no meeting was arranged: they go on the next one arranged."""
    return PanelReferral.objects.filter(status=PanelReferral.Status.OPEN, meeting=None).count()
