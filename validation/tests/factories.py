"""Sign-off decisions made in the past, at chosen times, for the tests of how long sign-off takes: the rows the
services would have written, without waiting days for them."""

import datetime
from decimal import Decimal as D

from cases.models import Case
from support_planning.models import SupportPlan
from validation.models import DelegationScheme, SignOffDecision

LEVELS = {
    0: "Agreed at once, within the tolerance for changes",
    1: "Team manager",
    2: "Service manager",
    3: "Head of service",
}


def decided_plan(
    case: Case,
    *,
    by,
    scheme: DelegationScheme,
    sent: datetime.datetime,
    decided: datetime.datetime | None,
    outcome: str = SignOffDecision.Outcome.AGREED,
    place: int = 1,
    escalated: tuple[datetime.datetime, ...] = (),
    category: str = "",
) -> SupportPlan:
    """A new version of the case's plan sent for sign-off at `sent`, escalated at each of the times in `escalated`
    (from level `place` up), then agreed or returned (`outcome`, with `category` for a return) at `decided` by the
    level it reached; `decided` None leaves it waiting there."""
    number = SupportPlan.objects.filter(case=case).count() + 1
    status = {
        None: SupportPlan.Status.SUBMITTED,
        SignOffDecision.Outcome.AGREED: SupportPlan.Status.AGREED,
        SignOffDecision.Outcome.WITHIN_TOLERANCE: SupportPlan.Status.AGREED,
        SignOffDecision.Outcome.RETURNED: SupportPlan.Status.RETURNED,
    }[outcome if decided else None]
    plan = SupportPlan.objects.create(
        case=case,
        assessment=case.assessments.first(),
        number=number,
        status=status,
        annual_cost=D("10000"),
        weekly_cost=D("192.31"),
        submitted_at=sent,
        submitted_by=by,
        started_by=by,
    )
    common = {"plan": plan, "case": case, "scheme": scheme, "annual_cost": D("10000"), "decided_by": by}
    for step, at in enumerate(escalated):
        SignOffDecision.objects.create(
            **common,
            outcome=SignOffDecision.Outcome.ESCALATED,
            level_place=place + step,
            level_name=LEVELS[place + step],
            escalated_to_place=place + step + 1,
            escalated_to_name=LEVELS[place + step + 1],
            reason="Beyond what I should agree alone",
            decided_at=at,
        )
    if decided:
        final = place + len(escalated)
        SignOffDecision.objects.create(
            **common,
            outcome=outcome,
            level_place=final,
            level_name=LEVELS[final],
            reason="Say who helps at weekends" if outcome == SignOffDecision.Outcome.RETURNED else "",
            reason_category=category,
            decided_at=decided,
        )
    return plan
