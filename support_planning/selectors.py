"""Reads of support plans: for the plan's own screens, and for the later stages (sign-off, go-live, reviews), which
read a plan here and nowhere else."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone

from assessment import selectors as assessment_selectors
from assessment.models import Assessment
from cases.milestones import Milestone
from cases.models import CaseEvent, Person, RelationshipKind, Team, User
from cases.roles import Role
from directory.models import Organization
from ras import selectors as ras_selectors
from support_planning import carers, changes, complexity, costing, money_management, prefill, spending
from support_planning.models import ComplexReferral, Holder, PlanItem, PlanningRules, PlanOutcome, SupportPlan
from support_planning.money_management import Management

OPEN = (SupportPlan.Status.DRAFT, SupportPlan.Status.SUBMITTED)


def open_plan(case) -> SupportPlan | None:
    """The plan being written, or waiting for sign-off: at most one per case."""
    return SupportPlan.objects.filter(case=case, status__in=OPEN).first()


def draft_of(case) -> SupportPlan | None:
    """The case's plan being drafted, if any (by the worker, or by the person online)."""
    return SupportPlan.objects.filter(case=case, status=SupportPlan.Status.DRAFT).first()


def latest_plan(case) -> SupportPlan | None:
    return SupportPlan.objects.filter(case=case).order_by("-number").first()


EVERYTHING = (
    Prefetch(
        "outcomes",
        queryset=PlanOutcome.objects.prefetch_related(
            Prefetch("items", queryset=PlanItem.objects.select_related("cared_for"))
        ),
    ),
    "risks",
    Prefetch("case__complex_referrals", queryset=ComplexReferral.objects.select_related("team", "taken_by")),
)


def plans_with_everything(*pks: int) -> list[SupportPlan]:
    """The plans with their outcomes, their items and the risks, in the order asked: a fixed number of queries
    however long they are."""
    plans = SupportPlan.objects.select_related(
        "case__person", "case__team", "budget__ras", "assessment__questionnaire"
    )
    found = {plan.pk: plan for plan in plans.prefetch_related(*EVERYTHING).filter(pk__in=pks)}
    return [found[pk] for pk in pks]


def plan_with_everything(pk: int) -> SupportPlan:
    try:
        [plan] = plans_with_everything(pk)
    except KeyError as missing:
        raise SupportPlan.DoesNotExist(pk) from missing
    return plan


def totals_of(plan: SupportPlan) -> costing.Totals:
    return costing.totals(item.cost for item in items_of(plan))


def fill_in(plan: SupportPlan) -> SupportPlan:
    """A plan already loaded (locked for a change, say) given its outcomes, items and risks."""
    prefetch_related_objects([plan], "budget", "assessment__questionnaire", *EVERYTHING)
    return plan


def starting_outcomes(assessment: Assessment) -> list[prefill.StartingOutcome]:
    """The outcomes a new plan starts from: see support_planning.prefill."""
    findings = [prefill.Finding(f.outcome, bool(f.reasons)) for f in assessment.findings.all()]
    areas = [
        prefill.AreaWords(tuple(response.domain.outcomes), response.person_words)
        for response in assessment.responses.select_related("domain").order_by("domain__order")
    ]
    starting = prefill.starting_outcomes(findings, areas, assessment_selectors.outcome_label)
    if assessment.is_for_a_carer:
        decision = assessment.eligibility
        health_at_risk = bool(decision and decision.carer_health_at_risk)
        return carers.health_outcome(health_at_risk=health_at_risk, areas=areas) + starting
    return starting


def people_cared_for(case) -> list[carers.CaredFor]:
    """Whom the case's person is recorded as caring for (unpaid), from the case's relationships."""
    people = Person.objects.filter(
        supported_by__person=case.person, supported_by__kind=RelationshipKind.CARER
    ).order_by("family_name", "given_name", "pk")
    return [carers.CaredFor(person.pk, person.full_name, person.known_as) for person in people]


def carer_items(plan: SupportPlan) -> list[carers.Item]:
    """The plan's items as the carers' rules read them (support to the carer, or to someone they care for)."""
    return [
        carers.Item(
            item.description,
            item.cost,
            item.management,
            carers.CaredFor(item.cared_for_id, item.cared_for.full_name, item.cared_for.known_as)
            if item.cared_for_id
            else None,
            item.cared_for_agrees,
        )
        for item in items_of(plan)
    ]


def rules_in_force(day=None) -> PlanningRules:
    """The council's planning rules in force on `day` (today). The first migration publishes a version; should none
    be in force, the model's own defaults stand (10% above, 20% below, referral required for a risk marked for the
    panel), so a plan is never left without a tolerance."""
    in_force = PlanningRules.objects.prefetch_related("spending").in_force_on(day or timezone.localdate())
    return in_force or PlanningRules()


def items_of(plan: SupportPlan) -> list[PlanItem]:
    return [item for outcome in plan.outcomes.all() for item in outcome.items.all()]


@dataclass
class Figures:
    """A plan's money as the plan page shows it and sign-off decides on."""

    totals: costing.Totals
    budget_annual: Decimal | None
    gap: costing.Gap | None
    money: money_management.Split
    contribution_assessed: bool
    complex_reasons: list[complexity.Reason] = field(default_factory=list)
    outcomes_without_support: list[str] = field(default_factory=list)
    needs_recipient: bool = False
    referral: ComplexReferral | None = None  # the case's latest referral to the complex team, if any
    direct_payment_each: Decimal | None = None  # at the plan's frequency
    carer: carers.CarerFigures | None = None  # a carer's support plan: see support_planning.carers
    spending_flags: list[spending.Flag] = field(default_factory=list)  # what the spending guidance points to
    change: changes.Change | None = (
        None  # against the agreed plan this version would replace, if there is one
    )

    def problems_before_submission(self, gap_reason: str) -> list[str]:
        problems = []
        if self.outcomes_without_support:
            problems.append(
                "Say how each outcome will be met: " + "; ".join(self.outcomes_without_support) + "."
            )
        if self.gap and self.gap.beyond_tolerance and not gap_reason.strip():
            problems.append(
                "Explain why the plan differs from the indicative budget by more than the tolerance."
            )
        if self.needs_recipient:
            problems.append("Say who will receive the direct payment.")
        if self.referral_required and not (
            self.referral and self.referral.status == ComplexReferral.Status.TAKEN
        ):
            problems.append(
                "Refer the plan to the complex support planning team: it meets a criterion that requires it."
            )
        if self.change and self.change.refusal:
            problems.append(self.change.refusal)
        return problems + (self.carer.problems if self.carer else [])

    @property
    def referral_required(self) -> bool:
        return complexity.referral_required(self.complex_reasons)


def figures(plan: SupportPlan) -> Figures:
    items = items_of(plan)
    totals = costing.totals(item.cost for item in items)
    rules = rules_in_force()
    budget_annual = plan.budget.annual if plan.budget_id else None
    charge = ras_selectors.charges_on(plan.case).first()
    rule_items = carer_items(plan)
    money = money_management.split(
        [money_management.PaidItem(item.management, item.cost.weekly, item.cost.once) for item in items],
        carers.contribution_payable(charge.weekly_contribution if charge else None, rule_items),
    )
    providers = {item.provider.strip().lower() for item in items if item.provider.strip()}
    facts = complexity.PlanFacts(
        annual_cost=totals.annual,
        risks_for_panel=sum(1 for risk in plan.risks.all() if risk.for_panel),
        providers=len(providers),
    )
    return Figures(
        totals=totals,
        budget_annual=budget_annual,
        gap=costing.gap(totals.annual, budget_annual, rules.tolerance),
        money=money,
        contribution_assessed=charge is not None,
        complex_reasons=complexity.reasons(facts, rules.criteria),
        outcomes_without_support=[
            outcome.in_my_words[:60] or "an outcome with no words yet"
            for outcome in plan.outcomes.all()
            if not outcome.items.all()
        ],
        needs_recipient=money.has_direct_payment and not plan.direct_payment_recipient,
        referral=max(plan.case.complex_referrals.all(), key=lambda r: r.referred_at, default=None),
        direct_payment_each=money_management.per_payment(
            money.direct_payment_weekly, plan.direct_payment_frequency
        )
        if money.has_direct_payment
        else None,
        carer=carers.figures(rule_items, people_cared_for(plan.case)) if plan.is_for_a_carer else None,
        spending_flags=spending.flags(paid_from_the_budget(items), rules.guidance),
        change=change_from_agreed(plan, totals.annual, rules),
    )


def agreed_plan(case) -> SupportPlan | None:
    """The case's agreed plan (a case or its id): the support the person has, or is about to have, and what a new
    version replaces."""
    return SupportPlan.objects.filter(case=case, status=SupportPlan.Status.AGREED).order_by("-number").first()


def change_from_agreed(plan: SupportPlan, annual, rules: PlanningRules) -> changes.Change | None:
    """What a new version changes against the agreed plan it would replace (None for the first plan, and for an
    agreed or replaced one), under the rules in force. The person counts as reassessed when the assessment in force
    now is not the one the agreed plan was written from, whichever assessment the draft started from."""
    if plan.status in (SupportPlan.Status.AGREED, SupportPlan.Status.SUPERSEDED):
        return None
    agreed = agreed_plan(plan.case_id)
    if agreed is None:
        return None
    in_force = assessment_selectors.assessment_in_force(plan.case_id)
    return changes.change(
        annual,
        agreed.annual_cost,
        rules.change_tolerance,
        agreed_number=agreed.number,
        reassessed=in_force is not None and in_force.pk != agreed.assessment_id,
    )


def paid_from_the_budget(items: list[PlanItem]) -> list[spending.Item]:
    """The items the spending guidance is checked against: those the budget pays for (family and friends, or a
    free service, cost it nothing), with everything each says about itself."""
    return [
        spending.Item(
            item.pk,
            item.description,
            " · ".join(filter(None, [item.description, item.provider, item.service_name, item.who_and_when])),
        )
        for item in items
        if item.kind == PlanItem.Kind.PAID or item.management != Management.NOT_PAID
    ]


def starting_point(case) -> dict:
    """What a plan for the case would start from, for the page that offers to start it: the assessment in force,
    its outcomes in the person's words, the budget and what the person pays; `missing` says what must come first."""
    assessment = assessment_selectors.assessment_in_force(case)
    eligible = assessment is not None and assessment.needs_are_eligible
    budget = ras_selectors.current_budget(case) if eligible else None
    for_a_carer = eligible and assessment.is_for_a_carer
    if not eligible:
        missing = "A support plan follows a signed-off assessment of eligible needs."
    elif budget is None and not for_a_carer:
        missing = "Work out the indicative budget first: the plan is costed against it."
    else:
        missing = ""
    return {
        "case": case,
        "person": case.person,
        "assessment": assessment,
        "outcomes": starting_outcomes(assessment) if eligible else [],
        "budget": budget,
        "charge": ras_selectors.charges_on(case).first(),
        "missing": missing,
        "title": carers.title(for_a_carer=for_a_carer),
        "cared_for": people_cared_for(case) if for_a_carer else None,
    }


def plan_for_the_person(case) -> SupportPlan | None:
    """The plan the person sees: the latest version that has been written with them and sent on (a draft may
    still change under the worker's hands), with everything in it."""
    plan = (
        SupportPlan.objects.filter(case=case)
        .exclude(status=SupportPlan.Status.DRAFT)
        .order_by("-number")
        .first()
    )
    return plan_with_everything(plan.pk) if plan else None


def return_it_came_from(plan: SupportPlan) -> CaseEvent | None:
    """When the plan is the draft made from a version returned at sign-off: the return, as sign-off logged it
    (who, when, the reasons in `facts["reasons"]`)."""
    if plan.previous_id is None:
        return None
    return (
        CaseEvent.objects.filter(
            milestone=Milestone.PLAN_RETURNED,
            subject_type=SupportPlan._meta.label_lower,
            subject_id=plan.previous_id,
        )
        .select_related("actor")
        .first()
    )


def budget_out_of_date(plan: SupportPlan) -> bool:
    """Whether the budget the plan was started from is no longer the case's current one: the assessment was
    revised since, or a new RAS version took effect. The plan still stands against its own figure; the worker is
    told, so the figure can be worked out again."""
    current = ras_selectors.current_budget(plan.case)
    return (current.pk if current else None) != plan.budget_id  # a carer's plan may have none, and stay so


def complex_team():
    """The council's complex support planning team (the first, if it has several), or None."""
    return Team.objects.filter(plans_complex_support=True).order_by("pk").first()


def complex_queue(team) -> list[ComplexReferral]:
    """Referrals waiting on the complex team's queue, oldest first, with what the queue shows."""
    return list(
        ComplexReferral.objects.filter(team=team, status=ComplexReferral.Status.WAITING)
        .select_related("case__person", "case__team", "referred_by", "plan")
        .order_by("referred_at", "pk")
    )


def person_can_sign_in(person) -> bool:
    """Whether the person has an account to sign in with (to draft or read their plan online)."""
    return User.objects.filter(person=person).exists()


def drafting_organisations():
    """The provider and user-led organisations a worker may ask to draft a plan with the person: those in the
    directory with someone who can sign in to do it."""
    return (
        Organization.objects.filter(accounts__role=Role.PROVIDER, accounts__is_active=True)
        .distinct()
        .order_by("name")
    )


def referred_to(organisation_id: int | None) -> dict:
    """The people whose plans the council asked an organisation to draft: drafts it holds now, oldest first, and
    those it has sent back to the council, newest first."""
    plans = SupportPlan.objects.filter(drafting_organisation_id=organisation_id).select_related(
        "case__person", "case__allocated_worker"
    )
    return {
        "drafting": list(
            plans.filter(status=SupportPlan.Status.DRAFT, held_by=Holder.ORGANISATION).order_by("held_since")
        ),
        "sent": list(plans.exclude(sent_to_worker_at=None).order_by("-sent_to_worker_at")[:50]),
    }
