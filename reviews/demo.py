"""The demo's support in place for `make run`: one person's plan waiting for sign-off is agreed and its support
started today (a direct payment, and peer support from the user-led organisation, whose `ulo` sees them under
"People you support"), the first review scheduled; and the person can sign in as `citizen2` to tell their worker
how it is going."""

from django.db import transaction
from django.utils import timezone

from cases.demo import DEMO_PASSWORD
from cases.models import User
from cases.roles import Role
from reviews import services
from reviews.models import GoLive
from support_planning.models import SupportPlan
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
