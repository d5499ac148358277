"""Every change to a support plan: permission, one transaction, the plan's version claimed so two people editing
never silently lose a change, and the journey logged.

A plan starts from the case (the outcomes the person is unable to achieve in their words, what matters to them,
the indicative budget); a submitted plan is frozen with the figures the approver decides on, and the case moves
to sign-off.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from assessment import selectors as assessment_selectors
from cases import services as case_services
from cases.journey import log_event
from cases.milestones import Milestone
from cases.models import Case, LetterType, User
from cases.stages import Stage, can_move
from config.access import require
from config.money import display
from ras import selectors as ras_selectors
from support_planning import carers, letters, selectors, versions
from support_planning.models import ComplexReferral, PlanItem, PlanOutcome, PlanRisk, Route, SupportPlan


class CannotPlan(Exception):
    """The case is not ready for a plan, or the plan not ready to submit: the message says why, in words."""


class PlanConflict(Exception):
    """Someone saved the plan after this edit began: nothing was saved."""


# What may decide a plan as it is sent, inside the sending's transaction, before the case moves: called with the
# frozen `plan`, its `figures`, the `actor` and the `site_url` for links in emails, it returns the decision it made
# or None. Sign-off's `agree_within_tolerance` is wired to the send page in config/urls.py, where the project is put
# together: support planning sits below sign-off and does not know it.
Decide = Callable[..., object | None]


@transaction.atomic
def start_plan(*, actor: User, case_id: int) -> SupportPlan:
    """The case's plan, started from what the case knows; the open plan when there is one already (a second press
    of the button, or someone else started it)."""
    case = Case.objects.select_for_update().select_related("person").get(pk=case_id)
    require(actor, "support_planning.plan", case)
    return selectors.open_plan(case) or begin(case, actor)


def begin(case: Case, actor: User, **fields) -> SupportPlan:
    """A new plan for a case (locked by the caller) that has none open, started from what the case knows: each
    eligible outcome and what matters in the person's words, and the indicative budget. `fields` say who holds
    the draft when the worker does not."""
    assessment = assessment_selectors.assessment_in_force(case)
    if assessment is None or not assessment.needs_are_eligible:
        raise CannotPlan("A support plan needs a signed-off assessment of eligible needs")
    budget = ras_selectors.current_budget(case)
    if budget is None and not assessment.is_for_a_carer:  # the RAS gives carers none: support_planning.carers
        raise CannotPlan("Work out the indicative budget first: the plan is costed against it")
    latest = selectors.latest_plan(case)
    number = (latest.number + 1) if latest else 1
    agreed = selectors.agreed_plan(case)
    if agreed is not None:
        plan = _from_the_agreed_plan(agreed, assessment, budget, actor, number=number, **fields)
    else:
        plan = SupportPlan.objects.create(
            case=case,
            assessment=assessment,
            budget=budget,
            number=number,
            what_matters=assessment.what_matters,
            started_by=actor,
            **fields,
        )
        PlanOutcome.objects.bulk_create(
            PlanOutcome(plan=plan, outcome=start.outcome, order=order, in_my_words=start.in_my_words)
            for order, start in enumerate(selectors.starting_outcomes(assessment))
        )
    if can_move(case.stage, Stage.SUPPORT_PLANNING):  # a plan revised at a review starts from there too
        # The person drafting their own plan moves their case on as the council's own step.
        mover = None if actor.has_perm("support_planning.draft_plan") else actor
        case_services.move_to_stage(actor=mover, case_id=case.pk, stage=Stage.SUPPORT_PLANNING)
    log_event(
        case,
        Milestone.PLAN_STARTED,
        actor,
        subject=plan,
        summary=f"{plan.title} started"
        + (f" from an indicative budget of {display(budget.weekly)} a week" if budget else ""),
        number=plan.number,
        budget_weekly=str(budget.weekly) if budget else None,
        held_by=plan.held_by,
    )
    return plan


def _from_the_agreed_plan(agreed: SupportPlan, assessment, budget, actor: User, **fields) -> SupportPlan:
    """After a reassessment, the new plan starts from the agreed one (its outcomes, items, risks and how the money
    is managed: the support the person has), costed against the new assessment's indicative budget, with any
    outcome the new assessment found and the agreed plan lacks added in the person's words. An outcome the new
    assessment no longer finds stays until the worker takes it out with the person: nothing is dropped unseen."""
    previous = None if hasattr(agreed, "next_version") else agreed
    plan = versions.copy_as_draft(
        agreed, actor=actor, assessment=assessment, budget=budget, previous=previous, **fields
    )
    held = {outcome.outcome for outcome in plan.outcomes.all() if outcome.outcome}
    after = len(held)
    PlanOutcome.objects.bulk_create(
        PlanOutcome(plan=plan, outcome=start.outcome, order=after + order, in_my_words=start.in_my_words)
        for order, start in enumerate(
            start for start in selectors.starting_outcomes(assessment) if start.outcome not in held
        )
    )
    return plan


def claim(actor: User, plan_id: int, seen_version: int) -> SupportPlan:
    """The plan locked for a change made from version `seen_version`, by whoever holds the draft: the worker, or
    the person or organisation drafting it (see support_planning.drafting)."""
    plan = SupportPlan.objects.select_for_update().select_related("case").get(pk=plan_id)
    if actor.has_perm("support_planning.draft_plan"):
        require(actor, "support_planning.draft_plan", plan)
    else:
        require(actor, "support_planning.plan", plan.case)
        if plan.is_draft and not plan.with_the_worker:
            raise CannotPlan(held_elsewhere(plan))
    if not plan.is_draft:
        raise CannotPlan("This version of the plan has been sent for sign-off and can no longer be changed")
    if plan.version != seen_version:
        raise PlanConflict
    plan.version += 1
    plan.save(update_fields=["version"])
    return plan


def held_elsewhere(plan: SupportPlan) -> str:
    return (
        f"{plan.drafter_name} is drafting this plan. It comes to you when they send it, or take it back to "
        "write it yourself"
    )


@transaction.atomic
def save_about(*, actor: User, plan_id: int, seen_version: int, details: dict) -> SupportPlan:
    """What matters to the person, and what to do if support fails."""
    plan = claim(actor, plan_id, seen_version)
    fields = [field for field in ("what_matters", "contingency") if field in details]
    for field in fields:
        setattr(plan, field, details[field])
    plan.save(update_fields=fields)
    return plan


@transaction.atomic
def save_outcome(
    *, actor: User, plan_id: int, seen_version: int, outcome_id: int, in_my_words: str
) -> PlanOutcome:
    claim(actor, plan_id, seen_version)
    outcome = PlanOutcome.objects.get(pk=outcome_id, plan_id=plan_id)
    outcome.in_my_words = in_my_words
    outcome.save(update_fields=["in_my_words"])
    return outcome


@transaction.atomic
def add_outcome(*, actor: User, plan_id: int, seen_version: int, in_my_words: str) -> PlanOutcome:
    """An outcome of the person's own, beyond those the assessment found."""
    plan = claim(actor, plan_id, seen_version)
    return PlanOutcome.objects.create(plan=plan, order=plan.outcomes.count(), in_my_words=in_my_words)


ITEM_FIELDS = versions.ITEM_FIELDS


@transaction.atomic
def save_item(
    *,
    actor: User,
    plan_id: int,
    seen_version: int,
    outcome_id: int,
    details: dict,
    item_id: int | None = None,
) -> PlanItem:
    """Add a way of meeting an outcome, or change one."""
    plan = claim(actor, plan_id, seen_version)
    outcome = PlanOutcome.objects.get(pk=outcome_id, plan_id=plan_id)
    item = (
        PlanItem.objects.get(pk=item_id, outcome__plan_id=plan_id) if item_id else PlanItem(outcome=outcome)
    )
    for field in ITEM_FIELDS:
        if field in details:
            setattr(item, field, details[field])
    item.outcome = outcome
    if item.cared_for_id and (refusal := _carer_refusal(plan, item.cared_for_id)):
        raise CannotPlan(refusal)
    _ = item.cost  # refuses a cost no plan could have (costing.ImpossibleCost) before anything is saved
    item.save()
    return item


def _carer_refusal(plan: SupportPlan, cared_for_id: int) -> str:
    return carers.item_refusal(
        for_a_carer=plan.is_for_a_carer,
        cared_for_id=cared_for_id,
        cared_for_ids=[person.pk for person in selectors.people_cared_for(plan.case)],
    )


@transaction.atomic
def remove_item(*, actor: User, plan_id: int, seen_version: int, item_id: int) -> None:
    claim(actor, plan_id, seen_version)
    PlanItem.objects.filter(pk=item_id, outcome__plan_id=plan_id).delete()


@transaction.atomic
def save_risk(
    *, actor: User, plan_id: int, seen_version: int, details: dict, risk_id: int | None = None
) -> PlanRisk:
    plan = claim(actor, plan_id, seen_version)
    risk = PlanRisk.objects.get(pk=risk_id, plan=plan) if risk_id else PlanRisk(plan=plan)
    for field in ("in_my_words", "how_reduced", "for_panel"):
        if field in details:
            setattr(risk, field, details[field])
    risk.save()
    return risk


@transaction.atomic
def remove_risk(*, actor: User, plan_id: int, seen_version: int, risk_id: int) -> None:
    claim(actor, plan_id, seen_version)
    PlanRisk.objects.filter(pk=risk_id, plan_id=plan_id).delete()


@transaction.atomic
def save_money(*, actor: User, plan_id: int, seen_version: int, details: dict) -> SupportPlan:
    """Who receives a direct payment and how often."""
    plan = claim(actor, plan_id, seen_version)
    fields = ["direct_payment_recipient", "direct_payment_recipient_name", "direct_payment_frequency"]
    for field in fields:
        setattr(plan, field, details.get(field, getattr(plan, field)))
    plan.save(update_fields=fields)
    return plan


@dataclass(frozen=True)
class Submitted:
    plan: SupportPlan
    already: bool  # a second press of the button: nothing new happened
    decided: bool = False  # decided as it was sent (a change within the tolerance for changes, agreed)


@transaction.atomic
def submit(
    *,
    actor: User,
    plan_id: int,
    seen_version: int,
    gap_reason: str = "",
    decide: Decide | None = None,
    site_url: str = "",
) -> Submitted:
    """Freeze this version with its figures and send it: `decide` may decide it there and then, and otherwise the
    case moves to sign-off. A plan sent already is left as it is (a double press makes one submission)."""
    locked = SupportPlan.objects.select_for_update().get(pk=plan_id)
    if locked.status in (SupportPlan.Status.SUBMITTED, SupportPlan.Status.AGREED):
        require(actor, "support_planning.plan", locked.case)
        return Submitted(locked, already=True)
    plan = claim(actor, plan_id, seen_version)
    figures = selectors.figures(selectors.fill_in(plan))
    problems = figures.problems_before_submission(gap_reason)
    if problems:
        raise CannotPlan(" ".join(problems))
    plan.status = SupportPlan.Status.SUBMITTED
    beyond = bool(figures.gap and figures.gap.beyond_tolerance)
    plan.gap_reason = gap_reason.strip() if beyond else ""
    plan.weekly_cost, plan.annual_cost = figures.totals.weekly, figures.totals.annual
    plan.beyond_tolerance = beyond
    plan.spending_flags = [flag.as_record() for flag in figures.spending_flags]  # flags, never a refusal
    plan.submitted_at, plan.submitted_by = timezone.now(), actor
    plan.save()
    gap = figures.gap
    log_event(
        plan.case,
        Milestone.PLAN_SUBMITTED,
        actor,
        subject=plan,
        summary=f"{plan.title} {plan.number} sent for sign-off: {display(plan.annual_cost)} a year",
        number=plan.number,
        weekly=str(plan.weekly_cost),
        annual=str(plan.annual_cost),
        gap=str(gap.pounds) if gap else None,
        gap_percent=str(gap.percent) if gap and gap.percent is not None else None,
        beyond_tolerance=plan.beyond_tolerance,
        spending_flags=len(plan.spending_flags),
        route=plan.route,
        change=str(figures.change.pounds) if figures.change else None,
        change_within_tolerance=figures.change.within_tolerance if figures.change else None,
    )
    decided = decide(plan=plan, figures=figures, actor=actor, site_url=site_url) if decide else None
    if decided is None and can_move(plan.case.stage, Stage.VALIDATION):
        case_services.move_to_stage(actor=actor, case_id=plan.case_id, stage=Stage.VALIDATION)
    return Submitted(plan, already=False, decided=decided is not None)


@transaction.atomic
def answer_as_the_person(*, actor: User, plan_id: int, agrees: bool, would_change: str = "") -> SupportPlan:
    """The person, on their own case, agrees to their plan or says what they would change; their worker sees it
    on the plan. A later answer replaces an earlier one (they may change their mind)."""
    plan = SupportPlan.objects.select_for_update().select_related("case").get(pk=plan_id)
    require(actor, "support_planning.answer_own_plan", plan.case)
    if plan.status in (SupportPlan.Status.SUPERSEDED,):
        raise CannotPlan("This version of your plan has been replaced by a newer one")
    plan.person_agrees = agrees
    plan.person_would_change = "" if agrees else would_change.strip()
    plan.person_answered_at = timezone.now()
    plan.save(update_fields=["person_agrees", "person_would_change", "person_answered_at"])
    log_event(
        plan.case,
        Milestone.PLAN_ANSWERED,
        actor,
        subject=plan,
        summary="The person agreed to their support plan"
        if agrees
        else "The person said what they would change",
        agrees=agrees,
        number=plan.number,
    )
    return plan


def send_plan_letter(*, actor: User, plan_id: int, large_print: bool = False):
    """The plan written to the person, as a letter; asking again for the same version and print size sends
    nothing more."""
    plan = selectors.plan_with_everything(plan_id)
    require(actor, "support_planning.plan", plan.case)
    if plan.is_draft:
        raise CannotPlan("Send the plan once it has gone for sign-off: a draft may still change")
    return case_services.request_letter(
        actor=actor,
        case=plan.case,
        letter_type=LetterType.CARERS_SUPPORT_PLAN if plan.is_for_a_carer else LetterType.SUPPORT_PLAN,
        about=f"support-plan/{plan.pk}/{'large' if large_print else 'standard'}",
        content=letters.plan_content(plan, selectors.figures(plan), large_print=large_print),
    )


@transaction.atomic
def new_version(*, actor: User, plan_id: int) -> SupportPlan:
    """A new draft copied from a version sent for sign-off (withdrawn to change it) or returned with reasons, with
    everything in it, so nothing is typed again; each outcome and item remembers what it was copied from, so the
    two versions can be compared. Asking again gives the same draft."""
    plan = SupportPlan.objects.select_for_update().select_related("case").get(pk=plan_id)
    require(actor, "support_planning.plan", plan.case)
    return _next_draft(plan, actor=actor, writer=actor)


@transaction.atomic
def revise_at_review(*, actor: User, plan_id: int, permission: str) -> SupportPlan:
    """A new draft from the agreed plan when a review finds it needs changing, made as `new_version` makes one
    (nothing typed again); the agreed plan stands until the new version is agreed. The case moves from its review
    to support planning under the review's `permission`."""
    plan = SupportPlan.objects.select_for_update().select_related("case").get(pk=plan_id)
    require(actor, "support_planning.plan", plan.case)
    return _next_draft(plan, actor=actor, writer=actor, permission=permission, at_review=True)


@transaction.atomic
def return_to_writer(*, actor: User, plan_id: int, permission: str) -> SupportPlan:
    """A plan sent for sign-off and returned with reasons: marked returned, and back with whoever wrote it as a new
    draft made as `new_version` makes one (nothing typed again), the case back at support planning. Sign-off
    decides who may return a plan, and logs the return with its reasons: the actor must hold its `permission` on
    the case."""
    plan = (
        SupportPlan.objects.select_for_update(of=("self",))
        .select_related("case", "started_by")
        .get(pk=plan_id)
    )
    require(actor, permission, plan.case)
    if plan.status != SupportPlan.Status.SUBMITTED:
        raise CannotPlan("Only a plan waiting for sign-off can be returned")
    plan.status = SupportPlan.Status.RETURNED
    plan.save(update_fields=["status"])
    return _next_draft(plan, actor=actor, writer=plan.started_by or actor, permission=permission)


def mark_agreed(*, actor: User, plan: SupportPlan, permission: str) -> SupportPlan:
    """The plan (the caller holds its lock) agreed: the case's agreed plan from now on, any plan agreed before it
    superseded. Sign-off decides who may agree a plan, and fixes its budget, logs the decision and writes to the
    person: the actor must hold its `permission` on the case."""
    require(actor, permission, plan.case)
    with transaction.atomic():
        SupportPlan.objects.filter(case_id=plan.case_id, status=SupportPlan.Status.AGREED).update(
            status=SupportPlan.Status.SUPERSEDED
        )
        plan.status = SupportPlan.Status.AGREED
        plan.save(update_fields=["status"])
    return plan


def _next_draft(
    plan: SupportPlan,
    *,
    actor: User,
    writer: User,
    permission: str = "cases.change_case",
    at_review: bool = False,
) -> SupportPlan:
    if plan.is_draft:
        return plan
    if hasattr(plan, "next_version"):
        return plan.next_version
    if not (plan.can_become_a_new_version or (at_review and plan.status == SupportPlan.Status.AGREED)):
        raise CannotPlan("Only a plan sent for sign-off or returned can be changed as a new version")
    if plan.status == SupportPlan.Status.SUBMITTED:
        plan.status = SupportPlan.Status.SUPERSEDED  # withdrawn: one plan waits for sign-off at a time
        plan.save(update_fields=["status"])
    draft = versions.copy_as_draft(plan, actor=writer)
    if can_move(plan.case.stage, Stage.SUPPORT_PLANNING):
        case_services.move_to_stage(
            actor=actor, case_id=plan.case_id, stage=Stage.SUPPORT_PLANNING, permission=permission
        )
    log_event(
        plan.case,
        Milestone.PLAN_STARTED,
        actor,
        subject=draft,
        summary=f"Support plan version {draft.number} started from version {plan.number}",
        number=draft.number,
        copied_from=plan.number,
    )
    return draft


@transaction.atomic
def refer_to_complex_team(*, actor: User, plan_id: int, note: str = "") -> ComplexReferral:
    """Refer the plan to the complex support planning team's queue, with the criteria it meets; a second press
    gives the same referral. The case stays with its team; the plan moves with it as it stands."""
    plan = SupportPlan.objects.select_for_update().select_related("case").get(pk=plan_id)
    require(actor, "support_planning.plan", plan.case)
    if not plan.is_draft:
        raise CannotPlan("Only a plan being written can be referred")
    waiting = plan.case.complex_referrals.filter(status=ComplexReferral.Status.WAITING).first()
    if waiting:
        return waiting
    team = selectors.complex_team()
    if team is None:
        raise CannotPlan("The council has no complex support planning team set up")
    reasons = [reason.text for reason in selectors.figures(selectors.fill_in(plan)).complex_reasons]
    referral = ComplexReferral.objects.create(
        plan=plan, case=plan.case, team=team, reasons=reasons, note=note.strip(), referred_by=actor
    )
    plan.route = Route.COMPLEX
    plan.save(update_fields=["route"])
    log_event(
        plan.case,
        Milestone.REFERRAL_MADE,
        actor,
        subject=referral,
        summary=f"Support plan referred to {team.name}",
        to_team=team.pk,
        reasons=reasons,
    )
    return referral


@transaction.atomic
def pick_up_complex_referral(*, actor: User, referral_id: int) -> ComplexReferral:
    """A worker of the complex team picks the referral up and writes the plan on from where it stands. Someone who
    picked it up first keeps it: the second is told who has it."""
    referral = ComplexReferral.objects.select_for_update().select_related("case", "team").get(pk=referral_id)
    require(actor, "support_planning.plan_complex", referral.team)
    if referral.status == ComplexReferral.Status.TAKEN:
        if referral.taken_by_id == actor.pk:
            return referral
        raise CannotPlan(f"{referral.taken_by.display_name} has already picked this plan up")
    referral.status, referral.taken_by, referral.taken_at = (
        ComplexReferral.Status.TAKEN,
        actor,
        timezone.now(),
    )
    referral.save(update_fields=["status", "taken_by", "taken_at"])
    log_event(
        referral.case,
        Milestone.REFERRAL_DECIDED,
        actor,
        subject=referral,
        summary=f"Support plan picked up by {actor.display_name}, {referral.team.name}",
        taken_by=actor.pk,
        team=referral.team_id,
    )
    return referral


@dataclass(frozen=True)
class Arranged:
    """A provider found for an item of an agreed plan: who, for how many hours a week at what hourly rate, and the
    directory service it was found by (its Open Referral UK id and name), when it was."""

    provider: str
    hours: object
    rate: object
    service_id: str = ""
    service_name: str = ""


@transaction.atomic
def arrange_item(*, actor: User, item_id: int, arranged: Arranged, permission: str) -> PlanItem:
    """The provider found for an item of an agreed plan (brokerage, above this stage, decides which and checks it
    costs no more than was agreed): it becomes the item's provider, hours and hourly rate, so starting the support
    orders it without anyone typing it again. The plan stays agreed; the actor must hold `permission` on the
    case."""
    item = (
        PlanItem.objects.select_for_update(of=("self",)).select_related("outcome__plan__case").get(pk=item_id)
    )
    require(actor, permission, item.outcome.plan.case)
    if item.outcome.plan.status != SupportPlan.Status.AGREED:
        raise CannotPlan("A provider is found only for an item of an agreed plan")
    item.provider, item.hours, item.rate = arranged.provider, arranged.hours, arranged.rate
    item.basis, item.amount = PlanItem.Basis.HOURLY, 0
    # The directory service goes with the provider: a provider named without one leaves none, never the service of
    # the provider it replaces (whose organisation would go on seeing the person, and be written to).
    item.service_id, item.service_name = arranged.service_id, arranged.service_name
    item.save(update_fields=["provider", "hours", "rate", "basis", "amount", "service_id", "service_name"])
    return item
