"""What the go-live and review pages show."""

import datetime

from django.db.models import Q

from cases.models import User
from reviews import schedule
from reviews.models import GoLive, Review


def go_live_of(plan) -> GoLive | None:
    return (
        GoLive.objects.filter(plan=plan).select_related("direct_payment").prefetch_related("orders").first()
    )


def reviews_for(
    user: User, today: datetime.date, *, mine_only: bool = False
) -> dict[schedule.Standing, list[Review]]:
    """The scheduled reviews of the user's team's cases (or, `mine_only`, of the cases allocated to them; a
    manager with no team: everyone's) that are due soon, due or overdue on `today`, by standing, the most pressing
    first."""
    scheduled = Review.objects.filter(status=Review.Status.SCHEDULED, opens__lte=today + schedule.SOON)
    if mine_only:
        scheduled = scheduled.filter(case__allocated_worker=user)
    elif user.team_id:
        scheduled = scheduled.filter(Q(case__team_id=user.team_id) | Q(case__allocated_worker=user))
    by_standing = {
        standing: []
        for standing in (schedule.Standing.OVERDUE, schedule.Standing.DUE, schedule.Standing.SOON)
    }
    for review in scheduled.select_related("case__person", "case__allocated_worker").order_by("due_by", "pk"):
        by_standing[review.standing(today)].append(review)
    return by_standing
