"""What the risk enablement panel's tests share: a plan with a risk flagged for the panel, meetings to come and
held, and a referral placed on one."""

import datetime

import pytest
from django.utils import timezone

from support_planning import services as plan_services
from support_planning.models import PlanRisk, SupportPlan
from support_planning.tests.conftest import budgeted  # noqa: F401 (a fixture the plan fixture uses)
from validation import panel_services
from validation.models import PanelMeeting, PanelReferral

RISK = "I want to keep cooking on the gas hob myself"
QUESTION = "Whether she can keep cooking alone with a gas cut-off valve fitted"


def with_risk(plan: SupportPlan, actor, words: str = RISK, *, for_panel: bool = True) -> PlanRisk:
    plan.refresh_from_db()
    return plan_services.save_risk(
        actor=actor,
        plan_id=plan.pk,
        seen_version=plan.version,
        details={
            "in_my_words": words,
            "how_reduced": "A cut-off valve and a smoke alarm",
            "for_panel": for_panel,
        },
    )


def meeting_in(days: int, *, hour: int = 10, place: str = "County Hall, Committee Room 2") -> PanelMeeting:
    """A meeting `days` from today at `hour` o'clock, made as the database holds it (the service refuses a past
    date, which the tests of what is recorded after a meeting need)."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    return PanelMeeting.objects.create(starts_at=starts_at, place=place)


def held(meeting: PanelMeeting) -> PanelMeeting:
    """Time passes: the meeting took place earlier today (an hour ago, or at midnight in the first hour of a day)."""
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    meeting.starts_at = max(timezone.now() - datetime.timedelta(hours=1), midnight)
    meeting.save(update_fields=["starts_at"])
    return meeting


def referred(plan: SupportPlan, actor, risk: PlanRisk | None = None, **changes) -> PanelReferral:
    details = {"question": QUESTION, "person_attends": True, "others": ["Ann Ellis, daughter"], **changes}
    return panel_services.refer(actor=actor, plan_id=plan.pk, risk_id=risk.pk if risk else None, **details)


@pytest.fixture
def plan_with_a_risk(budgeted, practitioner):  # noqa: F811
    """A draft plan on the budgeted case (of the North locality team), with a risk flagged for the panel."""
    case, _, _ = budgeted
    plan = plan_services.start_plan(actor=practitioner, case_id=case.pk)
    with_risk(plan, practitioner)
    plan.refresh_from_db()
    return plan
