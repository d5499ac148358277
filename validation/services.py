"""Sign-off decisions on support plans: agree, return with reasons, escalate with a note. Each locks the plan, so two
approvers pressing at once make one decision and the second is told who decided first; each is checked against the
delegation scheme in force whatever the browser sent (the level the plan waits at, the approver's limits, that they
neither wrote nor sent it); each records the scheme version, the level, the amount, who and when, and is logged on
the case."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from cases import services as case_services
from cases.journey import log_event
from cases.milestones import Milestone
from cases.models import Letter, LetterType, User
from cases.stages import Stage, can_move
from config.access import require
from config.money import display, display_change
from support_planning import selectors as plan_selectors
from support_planning import services as plan_services
from support_planning.models import SupportPlan
from validation import delegation, letters, selectors, tasks
from validation.models import PersonalBudget, SignOffDecision

PERMISSION = "validation.sign_off"
CHANGE_PERMISSION = "support_planning.plan"  # a change within the tolerance is agreed by whoever may send it
WITHIN_TOLERANCE = "agreed as it was sent, within the tolerance for changes"
NO_REASONS = "Say why the plan is being returned, so it can be put right"
NO_NOTE = "Write a note for whoever decides next: what they should look at"
NO_CATEGORY = "Select what most needs to change"


class CannotDecide(Exception):
    """The decision was refused and nothing was recorded; the message says why, in words for the approver."""


@dataclass(frozen=True)
class Claim:
    """A plan locked for a decision, with where it waits and the level the approver acts at."""

    plan: SupportPlan
    waiting: selectors.Waiting
    acting: delegation.Level
    to_decide: delegation.Plan


def _when(moment) -> str:
    return f"{timezone.localtime(moment):%-d %B %Y at %-I:%M%p}".replace("AM", "am").replace("PM", "pm")


def _claim(actor: User, plan_id: int, seen_decisions: int) -> Claim:
    """Lock the plan and check that `actor` may decide it now, as it was when they opened it (`seen_decisions`
    decisions on it then)."""
    plan = (
        SupportPlan.objects.select_for_update(of=("self",))
        .select_related("case__person", "case__allocated_worker", "budget", "started_by", "submitted_by")
        .get(pk=plan_id)
    )
    require(actor, PERMISSION, plan.case)
    decisions = selectors.decisions_on(plan)
    if plan.status != SupportPlan.Status.SUBMITTED:
        final = next((d for d in decisions if d.outcome in SignOffDecision.FINAL), None)
        if final:
            raise CannotDecide(
                f"{final.decided_by.display_name} {final.get_outcome_display().lower()} this plan on "
                f"{_when(final.decided_at)}: your decision was not recorded"
            )
        raise CannotDecide(
            "This version of the plan was withdrawn to be changed after it was sent for sign-off: "
            "decide on the version sent since"
        )
    if len(decisions) != seen_decisions:
        last = decisions[-1]
        raise CannotDecide(
            f"{last.decided_by.display_name} escalated this plan to {last.escalated_to_name} on "
            f"{_when(last.decided_at)}, while you had it open: your decision was not recorded"
        )
    scheme = selectors.scheme_in_force()
    if scheme is None:
        raise CannotDecide("No delegation scheme is in force: a council admin must publish one first")
    plan_selectors.fill_in(plan)
    try:
        waiting = selectors.where_it_waits(plan, scheme, decisions)
    except delegation.NoOneMayAgree as refused:
        raise CannotDecide(str(refused)) from refused
    to_decide = selectors.plan_to_decide(plan)
    acting = delegation.acting_level(waiting.route, waiting.level, actor.role)
    if acting is None:
        raise CannotDecide(_why_not_yours(scheme.as_rule(), actor, to_decide, waiting))
    return Claim(plan=plan, waiting=waiting, acting=acting, to_decide=to_decide)


def _why_not_yours(rule, actor: User, to_decide: delegation.Plan, waiting: selectors.Waiting) -> str:
    if not any(level.may_agree(to_decide) for level in rule.levels if level.role == actor.role):
        limit = delegation.highest_limit(rule, actor.role, to_decide)
        within = f"your limit of {display(limit)} a year" if limit is not None else "your limits"
        return (
            f"This plan costs {display(to_decide.annual_cost)} a year, beyond {within}: "
            f"it waits for the {waiting.level.name.lower()} to decide"
        )
    return f"This plan was escalated to the {waiting.level.name.lower()}: it is theirs to decide now"


def _not_their_own(actor: User, plan: SupportPlan) -> None:
    if actor.pk in (plan.started_by_id, plan.submitted_by_id):
        raise CannotDecide(
            "You wrote or sent this plan, so someone else must decide it: escalate it with a note instead"
        )


def _record(
    claim: Claim,
    actor: User,
    outcome: str,
    reason: str,
    to: delegation.Level | None = None,
    category: str = "",
):
    plan = claim.plan
    try:
        with transaction.atomic():
            return SignOffDecision.objects.create(
                plan=plan,
                case=plan.case,
                outcome=outcome,
                scheme=claim.waiting.scheme,
                level_place=claim.acting.place,
                level_name=claim.acting.name,
                escalated_to_place=to.place if to else None,
                escalated_to_name=to.name if to else "",
                annual_cost=claim.to_decide.annual_cost,
                above_budget=claim.to_decide.above_budget if plan.budget_id else None,
                reason=reason,
                reason_category=category,
                decided_by=actor,
            )
    except IntegrityError as taken:  # the lock makes this unreachable; the constraint makes it certain
        raise CannotDecide(
            "Someone else decided this plan at the same moment: yours was not recorded"
        ) from taken


def _facts(decision: SignOffDecision) -> dict:
    return {
        "decision": decision.pk,
        "number": decision.plan.number,
        "scheme_version": decision.scheme.version,
        "level": decision.level_name,
        "within_tolerance": decision.outcome == SignOffDecision.Outcome.WITHIN_TOLERANCE,
        "annual": str(decision.annual_cost),
        "above_budget": str(decision.above_budget) if decision.above_budget is not None else None,
    }


def _fix_personal_budget(plan: SupportPlan, decision: SignOffDecision, figures) -> PersonalBudget:
    """The agreed plan's personal budget, from its frozen cost and its figures now: what the person pays each week
    (their assessed contribution, capped as support_planning's rules cap it) and the council the rest."""
    money = figures.money
    return PersonalBudget.objects.create(
        plan=plan,
        case=plan.case,
        decision=decision,
        weekly_cost=plan.weekly_cost,
        annual_cost=plan.annual_cost,
        one_off_cost=figures.totals.one_off,
        weekly_contribution=money.contribution,
        contribution_assessed=figures.contribution_assessed,
        council_weekly=money.council_share,
        contribution_from_direct_payment=money.contribution_from_direct_payment,
        managed_weekly={way: str(amount) for way, amount in money.weekly_by_management.items()},
        direct_payment_each=figures.direct_payment_each
        if money.direct_payment_weekly or not money.direct_payment_once
        else None,  # only paid once: "£0.00 every four weeks" would say nothing true
        direct_payment_frequency=plan.direct_payment_frequency if money.has_direct_payment else "",
        direct_payment_once=money.direct_payment_once,
        for_a_carer=plan.is_for_a_carer,
        agreed_on=timezone.localdate(decision.decided_at),
        scheme_version=decision.scheme.version,
    )


def _budget_facts(budget: PersonalBudget) -> dict:
    """The personal budget in the journey log, for the analytics and for the pages below validation that show it
    (cases.selectors.agreed_budget)."""
    return {
        "personal_budget": budget.pk,
        "weekly": str(budget.weekly_cost),
        "one_off": str(budget.one_off_cost),
        "contribution": str(budget.weekly_contribution) if budget.contribution_assessed else None,
        "council_weekly": str(budget.council_weekly),
        "council_annual": str(budget.council_annual),
        "for_a_carer": budget.for_a_carer,
    }


def _tell_workers(decision: SignOffDecision, tell: list[int], site_url: str) -> None:
    if tell:
        transaction.on_commit(lambda: tasks.tell_workers_task.delay(decision.pk, tell, site_url))


@transaction.atomic
def agree(
    *, actor: User, plan_id: int, seen_decisions: int, note: str = "", site_url: str = ""
) -> SignOffDecision:
    """Agree the plan within the approver's delegated limit: it becomes the agreed plan with its personal budget
    fixed (replacing any plan agreed before it), the case moves to "plan agreed", ready for go-live, the person is
    sent a letter and the plan's workers are told."""
    claim = _claim(actor, plan_id, seen_decisions)
    _not_their_own(actor, claim.plan)
    decision = _record(claim, actor, SignOffDecision.Outcome.AGREED, note.strip())
    _agreed(
        decision,
        actor,
        permission=PERMISSION,
        summary=f"agreed by the {claim.acting.name.lower()}",
        site_url=site_url,
    )
    return decision


def _agreed(decision: SignOffDecision, actor: User, *, permission: str, summary: str, site_url: str) -> None:
    """What follows an agreement: the plan agreed in place of any agreed before it, its personal budget fixed, the
    case at "plan agreed", the decision on the timeline, the person's letter (saying what changed, when it
    replaces a plan) and the workers told."""
    plan = plan_services.mark_agreed(actor=actor, plan=decision.plan, permission=permission)
    figures = plan_selectors.figures(plan)
    budget = _fix_personal_budget(plan, decision, figures)
    case = plan.case
    if can_move(case.stage, Stage.PLAN_AGREED):
        case = case_services.move_to_stage(
            actor=actor, case_id=case.pk, stage=Stage.PLAN_AGREED, permission=permission
        )
    tell = selectors.workers_to_tell(plan, actor)
    log_event(
        case,
        Milestone.PLAN_AGREED,
        actor,
        subject=plan,
        summary=f"Support plan {plan.number} {summary}: {display(decision.annual_cost)} a year",
        note=decision.reason,
        tell=tell,
        **_facts(decision),
        **_budget_facts(budget),
    )
    _agreed_letter(actor, plan, budget, figures, large_print=False)
    _tell_workers(decision, tell, site_url)


def agree_within_tolerance(
    *, plan: SupportPlan, figures, actor: User, site_url: str = ""
) -> SignOffDecision | None:
    """A changed plan, as it is sent (support_planning.services.submit's `decide`, wired in config/urls.py), agreed
    when its change is within the council's tolerance for changes (support_planning.changes): nobody signs it off,
    and the decision records that, with no level, the scheme in force, the amount and who sent it. A larger change,
    or one with no delegation scheme in force to record it under, waits for sign-off as any plan does."""
    change = figures.change
    scheme = selectors.scheme_in_force()
    if change is None or not change.agreed_at_once or scheme is None:
        return None
    decision = SignOffDecision.objects.create(
        plan=plan,
        case=plan.case,
        outcome=SignOffDecision.Outcome.WITHIN_TOLERANCE,
        scheme=scheme,
        level_place=0,
        level_name="",
        annual_cost=plan.annual_cost,
        above_budget=selectors.plan_to_decide(plan).above_budget if plan.budget_id else None,
        reason=f"{display_change(change.pounds)} a year against version {change.agreed_number}",
        decided_by=actor,
    )
    _agreed(decision, actor, permission=CHANGE_PERMISSION, summary=WITHIN_TOLERANCE, site_url=site_url)
    return decision


def _agreed_letter(actor: User, plan: SupportPlan, budget: PersonalBudget, figures, *, large_print: bool):
    worker = plan.case.allocated_worker
    return case_services.request_letter(
        actor=actor,
        case=plan.case,
        letter_type=LetterType.PLAN_AGREED,
        about=f"plan-agreed/{plan.pk}/{'large' if large_print else 'standard'}",
        content=letters.agreed_content(
            budget,
            plan,
            figures,
            worker=worker.display_name if worker else "",
            large_print=large_print,
            before=selectors.personal_budget_replaced_by(plan),
        ),
    )


LETTER_PERMISSION = "support_planning.plan"


def send_agreed_letter(*, actor: User, plan_id: int, large_print: bool = False) -> Letter:
    """The letter of an agreed plan and its personal budget, again (in large print, say); asking again for the
    same print size sends nothing more."""
    try:
        budget = PersonalBudget.objects.select_related("case", "decision__scheme").get(plan_id=plan_id)
    except PersonalBudget.DoesNotExist as missing:
        raise CannotDecide("Only an agreed plan has a personal budget to write about") from missing
    require(actor, LETTER_PERMISSION, budget.case)
    plan = plan_selectors.plan_with_everything(plan_id)
    return _agreed_letter(actor, plan, budget, plan_selectors.figures(plan), large_print=large_print)


@transaction.atomic
def return_for_changes(
    *,
    actor: User,
    plan_id: int,
    seen_decisions: int,
    reasons: str,
    category: str = SignOffDecision.ReturnReason.OTHER,
    site_url: str = "",
) -> SignOffDecision:
    """Return the plan with reasons, and what most needs to change (`category`, one of
    SignOffDecision.ReturnReason, so returns can be counted by why): its writer gets it back as a new draft with
    everything in it and is told, with the plan's other workers, and the case goes back to support planning. The
    person is sent nothing: the plan is still being written with them."""
    if not reasons.strip():
        raise CannotDecide(NO_REASONS)
    if category not in SignOffDecision.ReturnReason.values:
        raise CannotDecide(NO_CATEGORY)
    claim = _claim(actor, plan_id, seen_decisions)
    _not_their_own(actor, claim.plan)
    decision = _record(claim, actor, SignOffDecision.Outcome.RETURNED, reasons.strip(), category=category)
    tell = selectors.workers_to_tell(claim.plan, actor)
    log_event(
        claim.plan.case,
        Milestone.PLAN_RETURNED,
        actor,
        subject=claim.plan,
        summary=f"Support plan {claim.plan.number} returned by the {claim.acting.name.lower()}: "
        f"{decision.reason}",
        reasons=decision.reason,
        tell=tell,
        reason_category=decision.reason_category,
        **_facts(decision),
    )
    plan_services.return_to_writer(actor=actor, plan_id=plan_id, permission=PERMISSION)
    _tell_workers(decision, tell, site_url)
    return decision


@transaction.atomic
def escalate(*, actor: User, plan_id: int, seen_decisions: int, note: str) -> SignOffDecision:
    """Pass the plan up to the next level that may agree it, with a note for them (the writer of a plan may do
    this with their own plan: someone else must decide it). Nobody else is told: the plan waits in the next
    level's queue."""
    if not note.strip():
        raise CannotDecide(NO_NOTE)
    claim = _claim(actor, plan_id, seen_decisions)
    above = delegation.next_above(claim.waiting.route, claim.acting)
    if above is None:
        raise CannotDecide(
            f"No one above the {claim.acting.name.lower()} may agree this plan: agree it or return it"
        )
    decision = _record(claim, actor, SignOffDecision.Outcome.ESCALATED, note.strip(), to=above)
    log_event(
        claim.plan.case,
        Milestone.PLAN_ESCALATED,
        actor,
        subject=claim.plan,
        summary=f"Support plan {claim.plan.number} escalated by the {claim.acting.name.lower()} "
        f"to the {above.name.lower()}: {decision.reason}",
        to=above.name,
        note=decision.reason,
        **_facts(decision),
    )
    return decision
