"""The demo's risk enablement panel for `make run`: a meeting earlier today with two risks from plans being written
on its agenda (the panel's decision recorded on one, the other waiting for a manager to record it), a meeting next
week with a plan waiting for sign-off on it (the sign-off screen warns of it, and the person sees the date on their
own case), and a second risk flagged for the panel on the first plan, not referred yet, which its page offers; and
sign-off decisions over the last few months, for "How long sign-off takes"."""

import datetime

from django.db import transaction
from django.utils import timezone

from cases.models import Case, User
from cases.roles import Role
from cases.stages import Stage
from support_planning import services as plan_services
from support_planning.models import SupportPlan
from validation import panel_services, past_sign_offs, selectors
from validation.models import PanelMeeting, SignOffDecision

RISKS = [
    (
        "I want to keep cooking my own meals on the gas hob",
        "A gas cut-off valve and a smoke alarm linked to telecare; my son checks in at teatime",
        "Whether they can keep cooking alone on the gas hob with a cut-off valve fitted",
    ),
    (
        "I want to have a bath on my own, without a carer in the room",
        "A bath lift, and a pendant alarm I keep on in the bathroom",
        "Whether they can bathe alone with a bath lift and a pendant alarm",
    ),
    (
        "I want to walk to the shop on my own, even on bad days",
        "I take my phone and wear my pendant alarm",
        "",
    ),
]


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _writer(plan: SupportPlan) -> User | None:
    worker = plan.case.allocated_worker
    if worker and worker.has_perm("support_planning.plan"):
        return worker
    return User.objects.filter(role=Role.PRACTITIONER, is_active=True).order_by("pk").first()


@transaction.atomic
def load_panel() -> int:
    """The demo's panel meetings and referrals, once; returns how many referrals it made."""
    manager = User.objects.filter(role=Role.TEAM_MANAGER, is_active=True).order_by("pk").first()
    if PanelMeeting.objects.exists() or manager is None:
        return 0
    drafts = list(
        SupportPlan.objects.filter(status=SupportPlan.Status.DRAFT, held_by="worker")
        .select_related("case__allocated_worker", "case__person")
        .order_by("pk")[:2]
    )
    sent = (
        SupportPlan.objects.filter(status=SupportPlan.Status.SUBMITTED)
        .select_related("case__allocated_worker", "case__person")
        .order_by("pk")
        .first()
    )
    today = timezone.localdate()
    next_week = today + datetime.timedelta(days=7 + (1 - today.weekday()) % 7)  # a Tuesday, 7 to 13 days on
    made, referrals = 0, []
    # A risk referred before any meeting is arranged goes on the first one arranged: this morning's.
    # The first plan has a risk decided and another flagged, not referred yet; the second a risk waiting.
    for (words, reduced, question), plan in zip(RISKS, [*drafts, *drafts[:1]], strict=False):
        actor = _writer(plan)
        plan.refresh_from_db()
        risk = plan_services.save_risk(
            actor=actor,
            plan_id=plan.pk,
            seen_version=plan.version,
            details={"in_my_words": words, "how_reduced": reduced, "for_panel": True},
        )
        if question:
            referral = panel_services.refer(
                actor=actor,
                plan_id=plan.pk,
                risk_id=risk.pk,
                question=question,
                person_attends=True,
                others=["Their son"],
            )
            referrals.append(referral)
            made += 1
    now = timezone.localtime()
    earlier_today = min(_at(today, 9, 30), now.replace(minute=now.minute // 30 * 30, second=0, microsecond=0))
    panel_services.arrange_meeting(
        actor=manager,
        starts_at=earlier_today,
        place="",
        online_link="https://meet.example.org/northbrook-risk-panel",
    )
    if referrals:  # the panel has decided the first already; the second waits for its decision
        panel_services.record_decision(
            actor=manager,
            referral_id=referrals[0].pk,
            outcome="accepted_with_changes",
            reasons="Cooking matters to them and they have done it safely for years. With the cut-off valve the "
            "risk of a fire is small, and the panel accepts it.",
            actions=[
                {
                    "what": "Fit a gas cut-off valve and link the smoke alarm to telecare",
                    "who": "Occupational therapy",
                    "by": today + datetime.timedelta(days=14),
                }
            ],
        )
    panel_services.arrange_meeting(
        actor=manager, starts_at=_at(next_week, 10), place="County Hall, Committee Room 2"
    )
    if sent:
        panel_services.refer(
            actor=manager,
            plan_id=sent.pk,
            risk_id=None,
            question="Whether a direct payment can employ a personal assistant with no agency behind them",
            person_attends=True,
            others=["A friend, who speaks up for them"],
        )
        made += 1
    return made


def load_past_sign_offs() -> int:
    """Sign-off over the last sixteen weeks for the demo's cases past it (plan agreed, support in place, under
    review) that have no plan: each plan sent and decided, some escalated, some returned and sent again
    (validation.past_sign_offs), once; returns how many decisions it recorded."""
    scheme = selectors.scheme_in_force()
    staff = past_sign_offs.cast()
    if SignOffDecision.objects.exists() or scheme is None or staff is None:
        return 0
    cases = (
        Case.objects.open()
        .filter(stage__in=[Stage.PLAN_AGREED, Stage.LIVE, Stage.REVIEW], assessments__isnull=False)
        .exclude(pk__in=SupportPlan.objects.values("case"))
        .distinct()
        .order_by("pk")
    )
    # Few cases: escalate more of them than a council would, so the demo shows some.
    return past_sign_offs.invent(
        list(cases), scheme=scheme, staff=staff, now=timezone.now(), escalated_share=0.4
    )
