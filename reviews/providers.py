"""Which people a provider or user-led organisation supports: the rule, in one place, that both its list and every
page about one person go by.

An organisation supports a person when the plan whose support the person has now (the case live or under review,
its latest go-live) has an item that names the organisation:

1. the item is a directory service (`PlanItem.service_id`, the service's Open Referral UK id) that the organisation
   runs; or, failing that,
2. the item's provider (`PlanItem.provider`, as the plan names it) or the provider on an order for it still running
   (`ServiceOrder.provider`, as go-live or a change of provider recorded it) is the organisation's name as the directory lists it,
   ignoring case, spaces at either end and runs of spaces within.

Nothing looser (a name within a name, a service's own name): a wrong match would show someone's support to a
stranger, while a missed one only leaves the organisation to ask the worker to name them on the plan.
"""

from django.db.models import Exists, F, Func, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Lower, Trim
from django.utils import timezone

from cases.stages import Stage
from directory.models import Organization, Service
from reviews.models import GoLive, ServiceOrder
from support_planning.models import PlanItem

# The stages at which the person has support in place: live, and while it is being reviewed.
IN_PLACE = (Stage.LIVE, Stage.REVIEW)


def provider_key(name: str) -> str:
    """A provider's name as the rule compares it: lower case, single spaces, none at either end."""
    return " ".join(name.split()).lower()


def name_key(field: str):
    """`provider_key` in SQL."""
    spaced = Func(F(field), Value(r"\s+"), Value(" "), Value("g"), function="REGEXP_REPLACE")
    return Lower(Trim(spaced))


def live_go_lives() -> QuerySet[GoLive]:
    """The go-live of each case's plan in place now: the latest on a case live or under review."""
    later = GoLive.objects.filter(case=OuterRef("case"), pk__gt=OuterRef("pk"))
    return GoLive.objects.filter(case__stage__in=IN_PLACE).exclude(Exists(later))


def items_naming(organisation: Organization) -> QuerySet[PlanItem]:
    """The items of the plans in place now that name the organisation (the rule above)."""
    services = [
        str(uuid) for uuid in Service.objects.filter(organization=organisation).values_list("uuid", flat=True)
    ]
    name = provider_key(organisation.name)
    ordered = (
        ServiceOrder.objects.running(on=timezone.localdate())
        .filter(item=OuterRef("pk"))
        .annotate(order_key=name_key("provider"))
        .filter(order_key=name)
    )
    return (
        PlanItem.objects.filter(outcome__plan__go_live__in=live_go_lives())
        .annotate(service_key=Lower(Trim("service_id")), provider_key=name_key("provider"))
        .filter(Q(service_key__in=services) | Q(provider_key=name) | Exists(ordered))
    )
