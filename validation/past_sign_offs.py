"""Invented sign-off history, for the demo (`make run`) and the benchmark: plans sent for sign-off over the last few
months and decided a few days later as the delegation scheme in force routes them, some escalated first, some
returned and sent again, so that "How long sign-off takes" has something to show.

The rows are those the services write (each plan with an outcome and its paid support, each decision, an agreed
plan's personal budget and the journey events with their facts), made in a few bulk statements with the times of
the past; nothing here runs for real users."""

import datetime
import math
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from cases.journey import new_event
from cases.milestones import Milestone
from cases.models import Case, CaseEvent, User
from cases.roles import Role
from cases.stages import Stage
from config.money import display
from support_planning.models import Management, PlanItem, PlanOutcome, SupportPlan
from validation import delegation, services
from validation.models import APPROVER_ROLES, DelegationScheme, PersonalBudget, SignOffDecision

WEEKS = Decimal(52)
DAY = datetime.timedelta(days=1)
Outcome = SignOffDecision.Outcome
ReturnReason = SignOffDecision.ReturnReason
# How often a plan is escalated before its decision, and how often it is returned first and sent again.
ESCALATED_SHARE = 0.15
RETURNED_SHARE = 0.25
# Days to a decision: a log-normal spread, half within about four days and one in ten beyond about nine.
MEDIAN_DAYS, SPREAD = 4.0, 0.6
RETURN_NOTES = {
    ReturnReason.NEEDS: "Nothing in the plan meets the evening meal: say who helps then",
    ReturnReason.COST: "A day centre nearer home would meet the same outcome for less",
    ReturnReason.BUDGET_GAP: "Say why the plan is above the indicative budget",
    ReturnReason.RISKS: "Say how the risk of falling at night is reduced",
    ReturnReason.PERSONS_VIEWS: "Write the outcomes in the person's own words",
    ReturnReason.INFORMATION: "The hours and rate of the morning visits are missing",
    ReturnReason.OTHER: "Check the provider can start on the date given",
}


@dataclass(frozen=True)
class Cast:
    """Who writes the plans, and who acts at each level (by role)."""

    writer: User
    approvers: dict[str, User]


def cast() -> Cast | None:
    """The first active practitioner, and the first active member of staff of each role that signs off."""
    staff = {}
    roles = [Role.PRACTITIONER, *(role for role, _ in APPROVER_ROLES)]
    for user in User.objects.filter(is_active=True, role__in=roles).order_by("pk"):
        staff.setdefault(user.role, user)
    writer = staff.pop(Role.PRACTITIONER, None)
    return Cast(writer=writer, approvers=staff) if writer else None


def _wait(rng: random.Random) -> datetime.timedelta:
    return DAY * max(0.05, rng.lognormvariate(math.log(MEDIAN_DAYS), SPREAD))


def _working_hours(moment: datetime.datetime, rng: random.Random) -> datetime.datetime:
    """The same day, between nine and five."""
    return moment.replace(hour=9 + rng.randrange(8), minute=rng.randrange(60), second=0, microsecond=0)


@transaction.atomic
def invent(
    cases: list[Case],
    *,
    scheme: DelegationScheme,
    staff: Cast,
    now: datetime.datetime,
    weeks: int = 16,
    seed: int = 5,
    escalated_share: float = ESCALATED_SHARE,
) -> int:
    """For each case (with an assessment and no plan yet): a plan sent for sign-off in the last `weeks` weeks and
    agreed a few days later by the level that may agree it, escalated on the way now and then, or returned first
    and agreed as a second version. Returns how many decisions it recorded."""
    rng = random.Random(seed)
    rule = scheme.as_rule()
    assessments = dict(
        Case.objects.filter(pk__in=[case.pk for case in cases])
        .filter(assessments__isnull=False)
        .values_list("pk", "assessments__pk")
    )
    plans, steps = [], []  # steps: (plan index, outcome, level, to, at, category)
    for case in cases:
        if case.pk not in assessments:
            continue
        weekly = Decimal(rng.randrange(80, 900))
        cost = weekly * WEEKS
        route = delegation.route_for(delegation.Plan(annual_cost=cost), rule)
        sent = _working_hours(now - DAY * rng.uniform(1, weeks * 7), rng)
        versions = 2 if rng.random() < RETURNED_SHARE else 1
        for number in range(1, versions + 1):
            returned = number < versions
            index = len(plans)
            plans.append(
                SupportPlan(
                    case=case,
                    assessment_id=assessments[case.pk],
                    number=number,
                    status=SupportPlan.Status.RETURNED if returned else SupportPlan.Status.AGREED,
                    weekly_cost=weekly,
                    annual_cost=cost,
                    started_by=staff.writer,
                    started_at=sent - DAY * 3,
                    submitted_by=staff.writer,
                    submitted_at=sent,
                )
            )
            at, level = sent + _wait(rng), route.first
            if not returned and route.escalation and rng.random() < escalated_share:
                steps.append((index, Outcome.ESCALATED, level, route.escalation[0], at, ""))
                level, at = route.escalation[0], at + _wait(rng)
            category = rng.choice(ReturnReason.values) if returned else ""
            steps.append((index, Outcome.RETURNED if returned else Outcome.AGREED, level, None, at, category))
            sent = at + DAY * rng.uniform(1, 5)
    # A plan whose decision would fall after now, or with no one to act at a level, is left out altogether.
    unfinished = {
        index for index, _, level, _, at, _ in steps if at >= now or level.role not in staff.approvers
    }
    steps = [step for step in steps if step[0] not in unfinished]
    kept = sorted({index for index, *_ in steps})
    plans = [plans[index] for index in kept]
    at_index = {old: plans[new] for new, old in enumerate(kept)}
    SupportPlan.objects.bulk_create(plans)
    for plan in plans:
        if plan.number > 1:
            plan.previous = next(
                p for p in plans if p.case_id == plan.case_id and p.number == plan.number - 1
            )
    SupportPlan.objects.bulk_update([plan for plan in plans if plan.number > 1], ["previous"])
    outcomes = PlanOutcome.objects.bulk_create(
        PlanOutcome(plan=plan, outcome="personal_care", in_my_words="Wash and dress each morning")
        for plan in plans
    )
    PlanItem.objects.bulk_create(
        PlanItem(
            outcome=outcome,
            kind=PlanItem.Kind.PAID,
            description="Help at home each morning",
            provider="Riverside Home Care",
            management=Management.COUNCIL_MANAGED,
            basis=PlanItem.Basis.WEEKLY,
            amount=outcome.plan.weekly_cost,
        )
        for outcome in outcomes
    )
    decisions = SignOffDecision.objects.bulk_create(
        SignOffDecision(
            plan=(plan := at_index[index]),
            case_id=plan.case_id,
            outcome=outcome,
            scheme=scheme,
            level_place=level.place,
            level_name=level.name,
            escalated_to_place=to.place if to else None,
            escalated_to_name=to.name if to else "",
            annual_cost=plan.annual_cost,
            reason=RETURN_NOTES[category] if category else ("A new provider" if to else ""),
            reason_category=category,
            decided_by=staff.approvers[level.role],
            decided_at=at,
        )
        for index, outcome, level, to, at, category in steps
    )
    budgets = {
        budget.decision_id: budget
        for budget in PersonalBudget.objects.bulk_create(
            PersonalBudget(
                plan=decision.plan,
                case_id=decision.case_id,
                decision=decision,
                weekly_cost=decision.plan.weekly_cost,
                annual_cost=decision.annual_cost,
                weekly_contribution=Decimal(0),
                contribution_assessed=False,
                council_weekly=decision.plan.weekly_cost,
                managed_weekly={Management.COUNCIL_MANAGED: str(decision.plan.weekly_cost)},
                agreed_on=decision.decided_at.date(),
                scheme_version=scheme.version,
            )
            for decision in decisions
            if decision.outcome == Outcome.AGREED
        )
    }
    CaseEvent.objects.bulk_create(_events(plans, decisions, budgets))
    return len(decisions)


def _events(plans, decisions, budgets) -> list[CaseEvent]:
    """The journey events the services would have logged: each plan sent, and each decision with its facts."""
    events = [
        new_event(
            plan.case,
            Milestone.PLAN_SUBMITTED,
            plan.submitted_by,
            subject=plan,
            stage=Stage.VALIDATION,
            occurred_at=plan.submitted_at,
            summary=f"Support plan {plan.number} sent for sign-off: {display(plan.annual_cost)} a year",
            number=plan.number,
            weekly=str(plan.weekly_cost),
            annual=str(plan.annual_cost),
        )
        for plan in plans
    ]
    for decision in decisions:
        plan = decision.plan
        facts = {
            "decision": decision.pk,
            "number": plan.number,
            "scheme_version": decision.scheme.version,
            "level": decision.level_name,
            "annual": str(decision.annual_cost),
            "above_budget": None,
        }
        by = f"the {decision.level_name.lower()}"
        if decision.outcome == Outcome.AGREED:
            milestone, stage = Milestone.PLAN_AGREED, Stage.PLAN_AGREED
            summary = f"Support plan {plan.number} agreed by {by}: {display(decision.annual_cost)} a year"
            facts |= {"note": "", **services._budget_facts(budgets[decision.pk])}
        elif decision.outcome == Outcome.RETURNED:
            milestone, stage = Milestone.PLAN_RETURNED, Stage.SUPPORT_PLANNING
            summary = f"Support plan {plan.number} returned by {by}: {decision.reason}"
            facts |= {"reasons": decision.reason, "reason_category": decision.reason_category}
        else:
            milestone, stage = Milestone.PLAN_ESCALATED, Stage.VALIDATION
            summary = (
                f"Support plan {plan.number} escalated by {by} to the {decision.escalated_to_name.lower()}"
            )
            facts |= {"to": decision.escalated_to_name, "note": decision.reason}
        events.append(
            new_event(
                plan.case,
                milestone,
                decision.decided_by,
                subject=plan,
                stage=stage,
                occurred_at=decision.decided_at,
                summary=summary,
                **facts,
            )
        )
    return events
