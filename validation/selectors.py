"""Reads for validation: the delegation scheme in force, where a plan waits for sign-off, the approvals queue and
everything an approver reads before deciding, each a fixed number of queries."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone

from assessment import selectors as assessment_selectors
from cases.models import Case, User
from cases.roles import CASEHOLDERS, Role
from config.money import annual
from ras import selectors as ras_selectors
from support_planning import selectors as plan_selectors
from support_planning.models import Management, PlanItem, SupportPlan
from validation import delegation
from validation.models import DelegationScheme, PersonalBudget, SignOffDecision

ZERO = Decimal("0.00")


def scheme_in_force(day: datetime.date | None = None) -> DelegationScheme | None:
    """The delegation scheme in force on `day` (today by default), with its levels and limits."""
    return DelegationScheme.objects.in_force_on(day or timezone.localdate())


def target_in_force(day: datetime.date | None = None) -> int | None:
    """The scheme in force's target for a decision, in days (None with no scheme in force), in one query."""
    scheme = DelegationScheme.objects.in_force_on(day or timezone.localdate(), levels=False)
    return scheme.decision_days if scheme else None


def plan_to_decide(plan: SupportPlan, kinds: list[str] | None = None) -> delegation.Plan:
    """What the delegation rule reads of a plan sent for sign-off: the annual cost frozen when it was sent, how far
    above its annual indicative budget that is, the budget's client group and the types of support it pays for
    (`kinds`, or read from the plan's items)."""
    budget = plan.budget
    if kinds is None:
        kinds = [
            item.kind for item in plan_selectors.items_of(plan) if item.management != Management.NOT_PAID
        ]
    cost = plan.annual_cost or ZERO
    return delegation.Plan(
        annual_cost=cost,
        above_budget=cost - annual(budget.weekly) if budget else ZERO,
        client_group=budget.client_group if budget else "",
        support_types=frozenset(kinds),
    )


@dataclass(frozen=True)
class Waiting:
    """Where a plan sent for sign-off stands under the scheme in force: its route, the level it waits at, and
    since when."""

    scheme: DelegationScheme
    route: delegation.Route
    level: delegation.Level
    since: datetime.datetime


def where_it_waits(plan: SupportPlan, scheme: DelegationScheme, decisions: list[SignOffDecision]) -> Waiting:
    """Raises delegation.NoOneMayAgree when the scheme leaves the plan with no one (never a published one)."""
    route = delegation.route_for(plan_to_decide(plan), scheme.as_rule())
    escalations = [d for d in decisions if d.outcome == SignOffDecision.Outcome.ESCALATED]
    last = escalations[-1] if escalations else None
    return Waiting(
        scheme=scheme,
        route=route,
        level=delegation.waiting_at(route, last.escalated_to_place if last else None),
        since=last.decided_at if last else plan.submitted_at,
    )


def workers_to_tell(plan: SupportPlan, decider: User) -> list[int]:
    """Who hears that a plan was agreed or returned: whoever started it and sent it, and the case's worker, each
    once, among the staff who hold cases (a person or an organisation that drafted it hears from their worker),
    never the approver who decided it."""
    people = (plan.started_by, plan.submitted_by, plan.case.allocated_worker)
    ids = (
        user.pk for user in people if user is not None and user.role in CASEHOLDERS and user.pk != decider.pk
    )
    return list(dict.fromkeys(ids))


def personal_budget_replaced_by(plan: SupportPlan) -> PersonalBudget | None:
    """The personal budget of the plan agreed before this one on the case, which this one changes; None for a
    case's first agreed plan."""
    return (
        PersonalBudget.objects.filter(case_id=plan.case_id, plan__number__lt=plan.number)
        .order_by("-plan__number")
        .first()
    )


def decisions_on(plan: SupportPlan) -> list[SignOffDecision]:
    return list(plan.sign_off_decisions.select_related("decided_by", "scheme"))


def plan_for_sign_off(plan_pk: int) -> SupportPlan:
    """The plan with everything an approver reads, in a fixed number of queries."""
    return plan_selectors.plan_with_everything(plan_pk)


def sign_off_context(plan: SupportPlan) -> dict:
    """Everything on the approver's one screen: the plan and its money, the assessment in brief, the indicative
    budget, the person's contribution and the council's share, the risks, the decisions so far and where the plan
    waits."""
    scheme = scheme_in_force()
    decisions = decisions_on(plan)
    waiting = None
    if plan.status == SupportPlan.Status.SUBMITTED and scheme is not None:
        try:
            waiting = where_it_waits(plan, scheme, decisions)
        except delegation.NoOneMayAgree:
            waiting = None
    return {
        "case": plan.case,
        "person": plan.case.person,
        "plan": plan,
        "figures": plan_selectors.figures(plan),
        "decision": assessment_selectors.decision_in_force(plan.case),
        "needs_found": assessment_selectors.needs_found(plan.assessment),
        "charge": ras_selectors.charges_on(plan.case).first(),
        "decisions": decisions,
        "personal_budget": PersonalBudget.objects.filter(plan=plan).first()
        if plan.status == SupportPlan.Status.AGREED
        else None,
        "waiting": waiting,
        "to_decide": plan_to_decide(plan),
    }


@dataclass(frozen=True)
class QueueItem:
    plan_pk: int
    number: int
    case_pk: int
    reference: str
    person: str
    team: str
    annual_cost: Decimal
    beyond_tolerance: bool
    level: str
    since: datetime.datetime  # at this level: since it was sent, or last escalated
    submitted_by: str
    sent_at: datetime.datetime
    target_days: int  # the scheme in force's target for a decision, from being sent

    @property
    def waited(self) -> datetime.timedelta:
        """Since it was sent for sign-off, whatever levels it has been escalated through."""
        return timezone.now() - self.sent_at

    @property
    def escalated(self) -> bool:
        return self.since != self.sent_at

    @property
    def overdue(self) -> bool:
        """Waiting longer than the target for a decision."""
        return self.waited > datetime.timedelta(days=self.target_days)


def queue_for(user: User) -> list[QueueItem]:
    """The plans waiting for sign-off at the levels the user's role acts at (a team manager: their own team's),
    the longest waiting since they were sent first. One query for the plans however many there are, routed by the
    scheme in force in Python."""
    scheme = scheme_in_force()
    if scheme is None or user.role not in {level.role for level in scheme.levels.all()}:
        return []
    rule = scheme.as_rule()
    plans = SupportPlan.objects.filter(status=SupportPlan.Status.SUBMITTED)
    if user.role == Role.TEAM_MANAGER:
        plans = plans.filter(case__team_id=user.team_id) if user.team_id else plans.none()
    decisions = SignOffDecision.objects.filter(plan=OuterRef("pk"), outcome=SignOffDecision.Outcome.ESCALATED)
    paid = (
        PlanItem.objects.filter(outcome__plan=OuterRef("pk"))
        .exclude(management=Management.NOT_PAID)
        .values("outcome__plan")
        .annotate(kinds=ArrayAgg("kind", distinct=True))
        .values("kinds")
    )
    rows = plans.annotate(
        escalated_to=Subquery(decisions.order_by("-decided_at", "-pk").values("escalated_to_place")[:1]),
        escalated_at=Subquery(decisions.values("plan").annotate(at=Max("decided_at")).values("at")),
        kinds=Subquery(paid),
    ).values(
        "pk",
        "number",
        "annual_cost",
        "beyond_tolerance",
        "submitted_at",
        "case_id",
        "case__person__given_name",
        "case__person__family_name",
        "case__team__name",
        "budget__weekly",
        "budget__client_group",
        "submitted_by__first_name",
        "submitted_by__last_name",
        "submitted_by__username",
        "escalated_to",
        "escalated_at",
        "kinds",
    )
    found = []
    for row in rows.iterator(chunk_size=2000):
        cost = row["annual_cost"] or ZERO
        weekly = row["budget__weekly"]
        to_decide = delegation.Plan(
            annual_cost=cost,
            above_budget=cost - annual(weekly) if weekly is not None else ZERO,
            client_group=row["budget__client_group"] or "",
            support_types=frozenset(row["kinds"] or ()),
        )
        try:
            level = delegation.waiting_at(delegation.route_for(to_decide, rule), row["escalated_to"])
        except delegation.NoOneMayAgree:
            continue
        if level.role != user.role:
            continue
        found.append(
            QueueItem(
                plan_pk=row["pk"],
                number=row["number"],
                case_pk=row["case_id"],
                reference=Case.reference_for(row["case_id"]),
                person=f"{row['case__person__given_name']} {row['case__person__family_name']}",
                team=row["case__team__name"] or "",
                annual_cost=cost,
                beyond_tolerance=row["beyond_tolerance"],
                level=level.name,
                since=row["escalated_at"] or row["submitted_at"],
                submitted_by=f"{row['submitted_by__first_name']} {row['submitted_by__last_name']}".strip()
                or (row["submitted_by__username"] or ""),
                sent_at=row["submitted_at"],
                target_days=scheme.decision_days,
            )
        )
    return sorted(found, key=lambda item: (item.sent_at, item.plan_pk))
