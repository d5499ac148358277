"""The demo's support in place for `make run`: one person's plan waiting for sign-off is agreed and its support
started today (a direct payment, and peer support from the user-led organisation, whose `ulo` sees them under
"People you support"), the first review scheduled; and the person can sign in as `citizen2` to tell their worker
how it is going. Another person's plan is agreed and waits on the brokerage queue with two providers' offers;
and one person waiting for their assessment has urgent support at home from a home care agency in the directory,
started after a hospital stay, until their plan's support can start."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from cases.demo import DEMO_PASSWORD
from cases.models import Case, User
from cases.roles import Role
from cases.stages import Stage
from directory import selectors as directory_selectors
from directory.models import Organization, Service
from reviews import brokerage_services, interim_services, services
from reviews.brokerage_models import BrokerageApproach, BrokerageRequest
from reviews.interim_models import InterimSupport
from reviews.models import GoLive
from support_planning.models import PlanItem, SupportPlan
from validation import services as sign_off

CITIZEN = "citizen2"


@transaction.atomic
def load_support_in_place() -> int:
    """Once: the latest plan waiting for sign-off that names the organisation of someone who signs in for one (the
    demo's user-led organisation), agreed by the service manager and started today by the case's worker; returns
    how many (0 or 1)."""
    approver = User.objects.filter(role=Role.SERVICE_MANAGER, is_active=True).order_by("pk").first()
    provider = User.objects.filter(role=Role.PROVIDER, organisation__isnull=False).order_by("pk").first()
    if GoLive.objects.exists() or approver is None or provider is None:
        return 0
    waiting = (
        SupportPlan.objects.filter(
            status=SupportPlan.Status.SUBMITTED,
            outcomes__items__provider=provider.organisation.name,
            case__person__citizen_account__isnull=True,
        )
        .select_related("case__allocated_worker", "case__person")
        .order_by("-pk")
    )
    plan = waiting.first()
    if plan is None:
        return 0
    sign_off.agree(actor=approver, plan_id=plan.pk, seen_decisions=0)
    today = timezone.localdate()
    worker = plan.case.allocated_worker
    if not (worker and worker.has_perm(services.PERMISSION)):
        worker = User.objects.filter(role=Role.PRACTITIONER, is_active=True).order_by("pk").first()
    services.go_live(
        actor=worker,
        plan_id=plan.pk,
        starts_on=today,
        direct_payment=services.DirectPaymentStart(today, today),
        providers={item.pk: "Riverside Home Care" for item in services.ordered_items(plan)},
    )
    person = plan.case.person
    citizen = User.objects.create(
        username=CITIZEN,
        role=Role.CITIZEN,
        person=person,
        first_name=person.given_name,
        last_name=person.family_name,
    )
    citizen.set_password(DEMO_PASSWORD)
    citizen.save(update_fields=["password"])
    return 1


@transaction.atomic
def load_brokerage() -> int:
    """Once: another plan waiting for sign-off agreed, and help asked for to find a provider for its paid support,
    answered by two providers from the directory with offers (one costing more than was agreed) and a third not
    yet heard from, waiting on the brokerage queue for a broker to choose; returns how many (0 or 1)."""
    approver = User.objects.filter(role=Role.SERVICE_MANAGER, is_active=True).order_by("pk").first()
    if BrokerageRequest.objects.exists() or approver is None:
        return 0
    plan = (
        SupportPlan.objects.filter(
            status=SupportPlan.Status.SUBMITTED, outcomes__items__kind=PlanItem.Kind.PAID
        )
        .select_related("case__allocated_worker")
        .order_by("pk")
        .first()
    )
    if plan is None:
        return 0
    sign_off.agree(actor=approver, plan_id=plan.pk, seen_decisions=0)
    worker = plan.case.allocated_worker
    if not (worker and worker.has_perm(brokerage_services.PERMISSION)):
        worker = User.objects.filter(role=Role.PRACTITIONER, is_active=True).order_by("pk").first()
    item = next(item for item in brokerage_services.items_to_broker(plan) if item.kind == PlanItem.Kind.PAID)
    today = timezone.localdate()
    request = brokerage_services.ask(
        actor=worker,
        plan_id=plan.pk,
        item_id=item.pk,
        needed_from=today + datetime.timedelta(days=14),
        what_matters="Mornings before 9, and the same carers each week where they can",
    )
    providers = _paid_providers()
    for number, (provider, service) in enumerate(providers):
        offered = number < 2
        brokerage_services.record(
            actor=worker,
            request_id=request.pk,
            answer=brokerage_services.Answer(
                provider=provider,
                answer=BrokerageApproach.Answer.OFFERED if offered else BrokerageApproach.Answer.WAITING,
                starts_on=today + datetime.timedelta(days=14 + 7 * number) if offered else None,
                held_until=today + datetime.timedelta(days=7) if offered else None,
                hours=item.hours if offered else None,
                rate=item.rate + (Decimal("-0.50") if number == 0 else Decimal("1.25")) if offered else None,
                note="" if offered else "Asked by email; they answer within two working days",
                service_id=str(service.uuid) if service else "",
                service_name=service.name if service else "",
            ),
        )
    return 1


def _paid_providers() -> list[tuple[str, object]]:
    """Three home care providers from the demo directory (their organisation and one service each), or names
    when the directory has none."""
    services = list(
        directory_selectors.in_terms(Service.objects.running(), code="home-care")
        .select_related("organization")
        .order_by("organization__name", "pk")
        .distinct("organization__name")[:3]
    )
    found = [(service.organization.name, service) for service in services]
    for name in ("Riverside Home Care", "Wensum Care Co-operative", "Yare Valley Care"):
        if len(found) < 3 and name not in {provider for provider, _ in found}:
            found.append((name, None))
    return found


@transaction.atomic
def load_interim_support() -> int:
    """Once: urgent support for the earliest open case at assessment with a worker who may arrange it, from the
    directory's first home care agency, started 9 days ago for 4 weeks; returns how many (0 or 1)."""
    if InterimSupport.objects.exists():
        return 0
    case = (
        Case.objects.filter(stage=Stage.ASSESSMENT, allocated_worker__role=Role.PRACTITIONER)
        .select_related("allocated_worker")
        .order_by("pk")
        .first()
    )
    agency = Organization.objects.filter(name__icontains="home care").order_by("name").first()
    if case is None:
        return 0
    today = timezone.localdate()
    starts_on = today - datetime.timedelta(days=9)
    interim_services.start_interim(
        actor=case.allocated_worker,
        case_id=case.pk,
        urgent=interim_services.Urgent(
            provider=agency.name if agency else "Riverside Home Care",
            what="Home care morning and evening after a hospital stay",
            weekly=Decimal("262.50"),
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(weeks=4),
        ),
    )
    return 1
