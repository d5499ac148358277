"""Which people a provider or user-led organisation supports: the rule, in one place, that both its list and every
page about one person go by.

An organisation supports a person while support from it is running:

1. an order to it (`ServiceOrder`, as go-live or a change of provider recorded it), on any plan of the person's, has
   not ended (its last day is today or later): the organisation is the order's provider, or the order's item is a
   directory service it runs. A changed plan being written, sent or agreed but not started takes nothing away:
   the plan in place, and its orders, run until the new plan's support starts; or
2. the plan in place (the latest started on the case, while the case is open and its support has not ended as a
   whole) has an item nothing is ordered for (a direct payment buying from it, say) that names the organisation:
   a directory service it runs (`PlanItem.service_id`, the service's Open Referral UK id), or the item's provider
   (`PlanItem.provider`, as the plan names it).

A name matches the organisation's name as the directory lists it, ignoring case, spaces at either end and runs of
spaces within. Nothing looser (a name within a name, a service's own name): a wrong match would show someone's
support to a stranger, while a missed one only leaves the organisation to ask the worker to name them on the plan.
Once its order has ended, an organisation no longer sees the person.
"""

from django.db.models import Exists, F, Func, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Lower, Trim
from django.utils import timezone

from cases.stages import Stage
from directory.models import Organization, Service
from reviews.models import Ending, GoLive, ServiceOrder
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


def plans_in_place(today) -> QuerySet[GoLive]:
    """The go-live of each open case's plan in place: the latest started on it, unless its support has ended as a
    whole before `today`."""
    later = GoLive.objects.filter(case=OuterRef("case"), pk__gt=OuterRef("pk"))
    ended = Ending.objects.filter(go_live=OuterRef("pk"), order__isnull=True, ends_on__lt=today)
    return GoLive.objects.filter(case__closed_at__isnull=True).exclude(Exists(later)).exclude(Exists(ended))


def items_naming(organisation: Organization) -> QuerySet[PlanItem]:
    """The items of the person's plans through which the organisation supports them now (the rule above)."""
    services = [
        str(uuid) for uuid in Service.objects.filter(organization=organisation).values_list("uuid", flat=True)
    ]
    name = provider_key(organisation.name)
    today = timezone.localdate()
    running = (
        ServiceOrder.objects.running(on=today)
        .annotate(order_key=name_key("provider"), service_key=Lower(Trim("item__service_id")))
        .filter(Q(order_key=name) | Q(service_key__in=services))
    )
    unordered = (
        PlanItem.objects.filter(outcome__plan__go_live__in=plans_in_place(today))
        .exclude(Exists(ServiceOrder.objects.filter(item=OuterRef("pk"))))
        .annotate(service_key=Lower(Trim("service_id")), provider_key=name_key("provider"))
        .filter(Q(service_key__in=services) | Q(provider_key=name))
    )
    return PlanItem.objects.filter(Q(pk__in=running.values("item_id")) | Q(pk__in=unordered.values("pk")))
