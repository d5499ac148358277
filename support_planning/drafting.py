"""Self-directed plans: the person drafts their own plan online from their outcomes and budget, one outcome at a
time, and sends it to their worker, who picks it up as the draft of the plan (nothing is typed again). The worker
may also hand a draft they started to the person to carry on, and take a draft back (the person phoned, say).

While someone other than the worker holds the draft, the worker reads it but changes nothing
(`services.claim` refuses); whoever holds it changes it through the same services as the worker, with the same
version claim, so two people never silently overwrite each other.
"""

from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from assessment import selectors as assessment_selectors
from cases.journey import log_event
from cases.milestones import Milestone
from cases.models import Case, User
from config.access import require
from support_planning import selectors, services
from support_planning.models import Holder, PlanItem, PlanOutcome, Route, SupportPlan

CannotPlan = services.CannotPlan
WITH_THE_WORKER = (
    "Your worker writes your carer’s support plan with you. Ask them if you would like to draft it yourself."
)


def offered_online(case: Case) -> bool:
    """Whether the person is offered to draft their own plan online. Not a carer: a carer's plan has no indicative
    budget to plan against (support_planning.carers), so their worker writes it with them."""
    assessment = assessment_selectors.assessment_in_force(case)
    return not (assessment and assessment.is_for_a_carer)


@transaction.atomic
def start_own_draft(*, actor: User, case_id: int) -> SupportPlan:
    """The person's own draft, started from their case; their draft again if they started one already."""
    case = Case.objects.select_for_update().select_related("person").get(pk=case_id)
    require(actor, "support_planning.draft_own_plan", case)
    plan = selectors.open_plan(case)
    if plan is None:
        if not offered_online(case):
            raise CannotPlan(WITH_THE_WORKER)
        return services.begin(
            case, actor, route=Route.SELF_DIRECTED, held_by=Holder.PERSON, held_since=timezone.now()
        )
    if plan.is_draft and plan.held_by == Holder.PERSON:
        return plan
    raise CannotPlan("Your worker already has your support plan. They will go through it with you.")


@transaction.atomic
def save_outcome_page(
    *, actor: User, plan_id: int, seen_version: int, outcome_id: int, in_my_words: str, way: dict | None
) -> PlanOutcome:
    """One outcome's page: what the person wants to achieve, in their words, and a way it could be met if they
    added one."""
    services.claim(actor, plan_id, seen_version)
    outcome = PlanOutcome.objects.get(pk=outcome_id, plan_id=plan_id)
    outcome.in_my_words = in_my_words
    outcome.save(update_fields=["in_my_words"])
    if way:
        item = PlanItem(outcome=outcome, **way)
        _ = item.cost  # refuses a cost no plan could have (costing.ImpossibleCost) before anything is saved
        item.save()
    return outcome


@transaction.atomic
def send_to_worker(*, actor: User, plan_id: int) -> SupportPlan:
    """The draft goes to the worker, who carries on from it; a second press sends nothing more."""
    plan = SupportPlan.objects.select_for_update().select_related("case__person").get(pk=plan_id)
    if plan.is_draft and plan.with_the_worker and plan.sent_to_worker_at:
        if not drafted_it(actor, plan):
            require(actor, "support_planning.view_own_plan", plan.case)
        return plan
    require(actor, "support_planning.draft_plan", plan)
    drafter = plan.drafter_name
    plan.held_by, plan.sent_to_worker_at = Holder.WORKER, timezone.now()
    plan.version += 1
    plan.save(update_fields=["held_by", "sent_to_worker_at", "version"])
    log_event(
        plan.case,
        Milestone.PLAN_SENT_TO_WORKER,
        actor,
        subject=plan,
        summary=f"Draft support plan sent to the worker by {drafter}",
        number=plan.number,
    )
    return plan


def drafted_it(actor: User, plan: SupportPlan) -> bool:
    """Someone at the organisation that drafted the plan (pressing Send a second time, or back on a page of it)."""
    return actor.organisation_id is not None and actor.organisation_id == plan.drafting_organisation_id


@transaction.atomic
def hand_over(*, actor: User, plan_id: int, to: str, organisation_id: int | None = None) -> SupportPlan:
    """The worker hands their draft to the person to carry on online (`to` is Holder.PERSON) or to a provider or
    user-led organisation to draft with them (Holder.ORGANISATION, `organisation_id` saying which), or takes back
    a draft someone else holds (Holder.WORKER). Asking for what is already so changes nothing."""
    plan = SupportPlan.objects.select_for_update().select_related("case__person").get(pk=plan_id)
    require(actor, "support_planning.plan", plan.case)
    if not plan.is_draft:
        raise CannotPlan("Only a draft plan can be handed over")
    if plan.held_by == to and (to != Holder.ORGANISATION or plan.drafting_organisation_id == organisation_id):
        return plan
    if to != Holder.WORKER and plan.is_for_a_carer:
        raise CannotPlan("A carer’s support plan is written with the carer, not drafted online")
    if to == Holder.PERSON and not selectors.person_can_sign_in(plan.case.person):
        raise CannotPlan(f"{plan.case.person.full_name} has no account to sign in with and draft online")
    before = plan.drafter_name
    # Taken back, or handed to the person: no longer the organisation's to draft, nor on its list.
    plan.drafting_organisation = (
        _drafting_organisation(organisation_id) if to == Holder.ORGANISATION else None
    )
    plan.held_by, plan.held_since = to, timezone.now()
    plan.version += 1
    plan.save(update_fields=["held_by", "held_since", "drafting_organisation", "version"])
    log_event(
        plan.case,
        Milestone.PLAN_HANDED_OVER,
        actor,
        subject=plan,
        summary=_handed_over(plan, before, actor),
        number=plan.number,
        held_by=to,
    )
    return plan


def _drafting_organisation(organisation_id: int | None):
    organisation = selectors.drafting_organisations().filter(pk=organisation_id).first()
    if organisation is None:
        raise CannotPlan("Choose an organisation that drafts plans with people online")
    return organisation


def _handed_over(plan: SupportPlan, before: str, actor: User) -> str:
    if plan.held_by == Holder.WORKER:
        return f"Draft support plan taken back from {before} by {actor.display_name}"
    if plan.held_by == Holder.ORGANISATION:
        return f"Draft support plan handed to {plan.drafter_name} to draft with {plan.case.person.full_name}"
    return f"Draft support plan handed to {plan.drafter_name} to carry on online"


@dataclass(frozen=True)
class Voice:
    """How the drafting pages speak: to the person about their own plan, or to someone at an organisation
    drafting it with them. The plan itself stays in the person's words ("What I want to achieve")."""

    own: bool  # speaking to the person about their own plan
    plan_name: str  # "your support plan", "Margaret Ellis’s support plan"
    whose: str  # "you", "Margaret"
    leave_to: str  # where the drafter goes when they leave the draft or have sent it
    leave_text: str
    send_heading: str
    send_button: str
    sent: str


def voice(plan: SupportPlan, user: User) -> Voice:
    if user.is_citizen:
        return Voice(
            own=True,
            plan_name="your support plan",
            whose="you",
            leave_to=reverse("your_plan", args=[plan.case_id]),
            leave_text="Your support plan",
            send_heading="Send your plan to your worker",
            send_button="Send my plan to my worker",
            sent="Your draft plan has been sent to your worker",
        )
    person = plan.case.person
    return Voice(
        own=False,
        plan_name=f"{person.full_name}’s support plan",
        whose=person.known_as,
        leave_to=reverse("referred_plans"),
        leave_text="People referred to you",
        send_heading=f"Send the plan to {person.known_as}’s worker",
        send_button="Send the plan to the council",
        sent=f"{person.full_name}’s draft plan has been sent to their worker at the council",
    )


def drafters_for(plan: SupportPlan) -> list[tuple[str, str]]:
    """Who the worker may ask to draft the plan instead, as (choice, label): the person online, when they have an
    account, and each organisation that drafts plans with people. Nobody, for a carer's plan."""
    if plan.is_for_a_carer:
        return []
    person = plan.case.person
    choices = (
        [(Holder.PERSON.value, f"{person.full_name}, online")] if selectors.person_can_sign_in(person) else []
    )
    return choices + [
        (f"{Holder.ORGANISATION}-{organisation.pk}", organisation.name)
        for organisation in selectors.drafting_organisations()
    ]


def chosen_drafter(choice: str) -> tuple[str, int | None]:
    """A choice from `drafters_for`, as who holds the draft and which organisation."""
    holder, _, organisation = choice.partition("-")
    return holder, int(organisation) if organisation.isdigit() else None
