"""Brokerage's reads: the queue of requests waiting for a provider, and one request with everything a broker needs
to find one (the plan's outcomes, the hours, the area and the budget) and every approach made. Each in a fixed
number of queries, however many requests, outcomes and approaches."""

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from reviews.brokerage_models import BrokerageApproach, BrokerageRequest
from support_planning.models import PlanOutcome

REQUEST_DETAILS = ("case__person", "case__allocated_worker", "item__outcome", "plan", "asked_by")


def queue() -> QuerySet[BrokerageRequest]:
    """The requests still waiting for a provider to be chosen, oldest first, each with how many providers were
    approached and how many offered (`approached`, `offered`)."""
    # Counted per request by a subquery, not by grouping the queue: only the page's requests are counted.
    approaches = BrokerageApproach.objects.filter(request=OuterRef("pk")).order_by().values("request")
    counted = approaches.annotate(n=Count("pk")).values("n")
    offers = approaches.filter(answer=BrokerageApproach.Answer.OFFERED).annotate(n=Count("pk")).values("n")
    return (
        BrokerageRequest.objects.filter(status=BrokerageRequest.Status.OPEN)
        .select_related(*REQUEST_DETAILS)
        .annotate(
            approached=Coalesce(Subquery(counted), 0),
            offered=Coalesce(Subquery(offers), 0),
        )
        .order_by("asked_at", "pk")
    )


def request_for_broker(pk: int) -> BrokerageRequest:
    """One request with its plan's outcomes (each with its items) and its approaches, offers first."""
    outcomes = PlanOutcome.objects.prefetch_related("items").order_by("order", "pk")
    try:
        return (
            BrokerageRequest.objects.select_related(*REQUEST_DETAILS, "chosen", "plan__personal_budget")
            .prefetch_related(
                Prefetch("plan__outcomes", queryset=outcomes),
                Prefetch("approaches", queryset=BrokerageApproach.objects.order_by("recorded_at", "pk")),
            )
            .get(pk=pk)
        )
    except BrokerageRequest.DoesNotExist as missing:
        raise Http404 from missing


def requests_on(case) -> list[BrokerageRequest]:
    """Every request on the case, newest first, with the offer chosen: what the person sees of it."""
    return list(
        BrokerageRequest.objects.filter(case=case)
        .select_related("item", "chosen")
        .prefetch_related("approaches")
        .order_by("-asked_at", "-pk")
    )


def being_found_for(plan) -> list[BrokerageRequest]:
    """The plan's items a broker is still finding a provider for (what starting the support would otherwise ask)."""
    return list(
        BrokerageRequest.objects.filter(plan=plan, status=BrokerageRequest.Status.OPEN)
        .select_related("item")
        .order_by("asked_at", "pk")
    )
