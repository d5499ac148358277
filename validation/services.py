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
from cases.models import User
from cases.stages import Stage, can_move
from config.access import require
from config.money import display
from support_planning import selectors as plan_selectors
from support_planning import services as plan_services
from support_planning.models import SupportPlan
from validation import delegation, selectors
from validation.models import SignOffDecision

PERMISSION = "validation.sign_off"
NO_REASONS = "Say why the plan is being returned, so it can be put right"
NO_NOTE = "Write a note for whoever decides next: what they should look at"


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
        .select_related("case__person", "budget", "started_by", "submitted_by")
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


def _record(claim: Claim, actor: User, outcome: str, reason: str, to: delegation.Level | None = None):
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
        "annual": str(decision.annual_cost),
        "above_budget": str(decision.above_budget) if decision.above_budget is not None else None,
    }


@transaction.atomic
def agree(*, actor: User, plan_id: int, seen_decisions: int, note: str = "") -> SignOffDecision:
    """Agree the plan within the approver's delegated limit: it becomes the agreed plan and the case moves to
    "plan agreed", ready for go-live."""
    claim = _claim(actor, plan_id, seen_decisions)
    _not_their_own(actor, claim.plan)
    decision = _record(claim, actor, SignOffDecision.Outcome.AGREED, note.strip())
    plan = claim.plan
    plan.status = SupportPlan.Status.AGREED
    plan.save(update_fields=["status"])
    case = plan.case
    if can_move(case.stage, Stage.PLAN_AGREED):
        case = case_services.move_to_stage(
            actor=actor, case_id=case.pk, stage=Stage.PLAN_AGREED, permission=PERMISSION
        )
    log_event(
        case,
        Milestone.PLAN_AGREED,
        actor,
        subject=plan,
        summary=f"Support plan {plan.number} agreed by the {claim.acting.name.lower()}: "
        f"{display(decision.annual_cost)} a year",
        note=decision.reason,
        **_facts(decision),
    )
    return decision


@transaction.atomic
def return_for_changes(*, actor: User, plan_id: int, seen_decisions: int, reasons: str) -> SignOffDecision:
    """Return the plan with reasons: its writer gets it back as a new draft with everything in it, and the case
    goes back to support planning."""
    if not reasons.strip():
        raise CannotDecide(NO_REASONS)
    claim = _claim(actor, plan_id, seen_decisions)
    _not_their_own(actor, claim.plan)
    decision = _record(claim, actor, SignOffDecision.Outcome.RETURNED, reasons.strip())
    log_event(
        claim.plan.case,
        Milestone.PLAN_RETURNED,
        actor,
        subject=claim.plan,
        summary=f"Support plan {claim.plan.number} returned by the {claim.acting.name.lower()}: "
        f"{decision.reason}",
        reasons=decision.reason,
        **_facts(decision),
    )
    plan_services.return_to_writer(actor=actor, plan_id=plan_id, permission=PERMISSION)
    return decision


@transaction.atomic
def escalate(*, actor: User, plan_id: int, seen_decisions: int, note: str) -> SignOffDecision:
    """Pass the plan up to the next level that may agree it, with a note for them (the writer of a plan may do
    this with their own plan: someone else must decide it)."""
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
