"""Demo support plans for `make run`: each case at support planning has its plan being written (family help and
paid support against the budget), and each case waiting for sign-off has one sent, so the plan pages have
something to show; and the demo carer's case has a carer's support plan sent for sign-off (a one-off payment for a
break, and a sitting service for the person they care for); and a user-led organisation, with a sign-in, has been
asked to draft one person's plan with them."""

from decimal import Decimal

from django.db import transaction

from assessment import selectors as assessment_selectors
from cases.demo import DEMO_PASSWORD
from cases.models import Case, User
from cases.roles import Role
from cases.stages import Stage
from directory.models import Organization
from ras import selectors as ras_selectors
from support_planning import carers, drafting, selectors, services
from support_planning.models import Holder, PlanItem, SupportPlan
from support_planning.money_management import Management

# How each demo outcome is met: help from family, and paid support by hours at a rate, by direct payment.
FAMILY = {
    "kind": PlanItem.Kind.FAMILY,
    "description": "Help from my family",
    "who_and_when": "My son, at weekends",
}
PAID = {
    "kind": PlanItem.Kind.PAID,
    "description": "Help at home each morning",
    "provider": "Riverside Home Care",
    "management": Management.DIRECT_PAYMENT,
    "basis": PlanItem.Basis.HOURLY,
    "rate": Decimal("24.50"),
}
USER_LED_ORGANISATION = "Norwich Independent Living Group"
# Beside the paid support, peer support from the user-led organisation: at no cost to the budget, and it names the
# organisation, so once the plan's support is in place its people see the person under "People you support".
PEER_SUPPORT = {
    "kind": PlanItem.Kind.COMMUNITY,
    "description": "Peer support: a monthly group, and someone who has been there to talk to",
    "who_and_when": "The first Tuesday of each month",
    "provider": USER_LED_ORGANISATION,
}


@transaction.atomic
def load_plans() -> int:
    """A plan for each demo case at support planning or sign-off that has a budget and no plan (paid support and
    peer support from the user-led organisation for the first outcome, family help for the next); returns how
    many."""
    made = 0
    waiting = Case.objects.open().filter(stage__in=[Stage.SUPPORT_PLANNING, Stage.VALIDATION])
    for case in waiting.exclude(pk__in=SupportPlan.objects.values("case")).select_related("allocated_worker"):
        actor = _actor(case)
        budget = ras_selectors.current_budget(case)
        if actor is None or budget is None:
            continue
        going_for_sign_off = case.stage == Stage.VALIDATION
        plan = services.start_plan(actor=actor, case_id=case.pk)
        hours = (budget.weekly / PAID["rate"]).quantize(Decimal("0.5"))
        for number, outcome in enumerate(plan.outcomes.all()):
            details = FAMILY if number % 2 else {**PAID, "hours": max(Decimal("1"), hours / 2)}
            for way in [details] if number else [details, PEER_SUPPORT]:
                plan.refresh_from_db()
                services.save_item(
                    actor=actor,
                    plan_id=plan.pk,
                    seen_version=plan.version,
                    outcome_id=outcome.pk,
                    details=way,
                )
        _direct_payment_to_the_person(actor, plan)
        if going_for_sign_off:
            plan.refresh_from_db()
            services.submit(
                actor=actor,
                plan_id=plan.pk,
                seen_version=plan.version,
                gap_reason="Family help at weekends means less paid support than the budget allows",
            )
        made += 1
    return made


def _direct_payment_to_the_person(actor: User, plan: SupportPlan) -> None:
    plan.refresh_from_db()
    services.save_money(
        actor=actor,
        plan_id=plan.pk,
        seen_version=plan.version,
        details={"direct_payment_recipient": "person", "direct_payment_frequency": "four_weekly"},
    )


def _actor(case: Case) -> User | None:
    worker = case.allocated_worker
    if worker and worker.has_perm("support_planning.plan"):
        return worker
    return User.objects.filter(role="practitioner", is_active=True).order_by("pk").first()


@transaction.atomic
def load_carer_plans() -> int:
    """A carer's support plan, sent for sign-off, for each open case whose assessment in force is a carer's decided
    eligible and that has no plan yet; returns how many."""
    made = 0
    carers_cases = Case.objects.open().filter(
        assessments__questionnaire__kind="carer", assessments__status="signed_off"
    )
    for case in carers_cases.exclude(pk__in=SupportPlan.objects.values("case")).distinct():
        assessment = assessment_selectors.assessment_in_force(case)
        cared_for = selectors.people_cared_for(case)
        actor = _actor(case)
        ready = assessment and assessment.is_for_a_carer and assessment.needs_are_eligible
        if actor is None or not (ready and cared_for):
            continue
        plan = services.start_plan(actor=actor, case_id=case.pk)
        name = cared_for[0].known_as
        for outcome in plan.outcomes.all():
            plan.refresh_from_db()
            services.save_item(
                actor=actor,
                plan_id=plan.pk,
                seen_version=plan.version,
                outcome_id=outcome.pk,
                details=_carer_item(outcome.outcome, cared_for[0]),
            )
        plan.refresh_from_db()
        services.save_about(
            actor=actor,
            plan_id=plan.pk,
            seen_version=plan.version,
            details={
                "contingency": f"If the sitter cannot come, I call the carers' centre for another. My brother "
                f"can sit with {name} at short notice.",
            },
        )
        _direct_payment_to_the_person(actor, plan)
        plan.refresh_from_db()
        services.submit(actor=actor, plan_id=plan.pk, seen_version=plan.version)
        made += 1
    return made


def _carer_item(outcome: str, cared_for: carers.CaredFor) -> dict:
    """How the demo carer's outcomes are met: a one-off payment for a break for their health, a sitting service for
    the person they care for (with their agreement) for their free time, and family help for their friendships."""
    if outcome == carers.HEALTH:
        return {
            "kind": PlanItem.Kind.PAID,
            "description": "A short break away, to rest my back and sleep",
            "who_and_when": "A week in the spring",
            "management": Management.DIRECT_PAYMENT,
            "basis": PlanItem.Basis.ONE_OFF,
            "amount": Decimal("350.00"),
        }
    if outcome == "carer_recreation":
        return {
            "kind": PlanItem.Kind.PAID,
            "description": "A sitting service, so I can go to my choir",
            "who_and_when": f"A sitter with {cared_for.known_as}, Tuesday evenings",
            "provider": "Crossroads Care Northbrook",
            "management": Management.COUNCIL_MANAGED,
            "basis": PlanItem.Basis.HOURLY,
            "hours": Decimal("3"),
            "rate": Decimal("22.00"),
            "cared_for_id": cared_for.pk,
            "cared_for_agrees": True,
        }
    return {
        "kind": PlanItem.Kind.FAMILY,
        "description": f"My brother sits with {cared_for.known_as} one Saturday a month, so I can see friends",
        "who_and_when": "My brother, the first Saturday of the month",
    }


@transaction.atomic
def load_organisation_draft() -> int:
    """A user-led organisation with someone who signs in to it (`ulo`), asked to draft the plan of one demo case at
    support planning that has a budget and no plan yet; returns how many plans it was asked to draft (0 or 1)."""
    organisation, _ = Organization.objects.get_or_create(
        name=USER_LED_ORGANISATION,
        defaults={
            "description": "Run by and for disabled people: support planning, peer support and advice."
        },
    )
    user, created = User.objects.get_or_create(
        username="ulo",
        defaults={
            "first_name": "Jo",
            "last_name": "Pearce",
            "role": Role.PROVIDER,
            "team": None,
            "organisation": organisation,
            "email": "jo.pearce@nilg.example.org",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    if SupportPlan.objects.filter(drafting_organisation=organisation).exists():
        return 0
    waiting = (
        Case.objects.open()
        .filter(stage=Stage.SUPPORT_PLANNING)
        .exclude(pk__in=SupportPlan.objects.values("case"))
    )
    for case in waiting.select_related("allocated_worker").order_by("pk"):
        actor = _actor(case)
        if actor is None or ras_selectors.current_budget(case) is None:
            continue
        plan = services.start_plan(actor=actor, case_id=case.pk)
        drafting.hand_over(
            actor=actor, plan_id=plan.pk, to=Holder.ORGANISATION, organisation_id=organisation.pk
        )
        return 1
    return 0
