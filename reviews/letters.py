"""What the letters of go-live and review say, fixed when they are asked for: a letter rendered again still says
what was true then. Each is written to its reader in plain words, with none of the office's."""

import datetime
import uuid
from collections.abc import Collection

from cases import services as case_services
from cases.models import Letter, LetterType
from directory import selectors as directory_selectors
from reviews import schedule
from reviews.models import DirectPaymentAgreement, GoLive, Review, ServiceOrder
from support_planning import selectors as plan_selectors
from support_planning.models import Management, PlanItem, Recipient, SpendingRule, SupportPlan

# Why the review is due, said to the person.
REASONS = {
    schedule.Why.FIRST: "Your support started {started}. We check with everyone, 6 to 8 weeks after their "
    "support starts, that it is working as it should.",
    schedule.Why.YEARLY: "We look at everyone’s support with them at least once a year, and it is nearly a year "
    "since we last looked at yours.",
    schedule.Why.DIRECT_PAYMENT_FIRST: "You get a direct payment. We check how it is working within 6 months of "
    "the first payment, and at least once a year after that.",
    schedule.Why.ASKED_FOR: "You, or someone on your behalf, asked us to look at your support again.",
}


def large_print_for(person) -> bool:
    """Whether the person's recorded communication needs ask for large print."""
    return "large print" in person.communication_needs.lower()


def invitation_content(
    review,
    *,
    today: datetime.date,
    started: datetime.date | None,
    worker: str,
    online: bool,
    told_us_online: bool = False,
    direct_payment: bool,
    providers: list[str],
    large_print: bool = False,
) -> dict:
    """The review invitation: why the review is due, when, what to think about beforehand (their direct payment's
    records, how each provider's support is going) and how it happens. `online`: the person has an account to
    sign in with (and can tell us online how their support is going); `told_us_online`: they already have, for
    this review; `worker`: the name of their worker, or empty."""
    due = review.due
    return {
        "large_print": large_print,
        "reason": REASONS[due.why].format(started=f"on {started:%-d %B %Y}" if started else "recently"),
        "when": schedule.when_in_words(due, today),
        "due_by": f"{due.by:%-d %B %Y}",
        "worker": worker,
        "online": online,
        "told_us_online": told_us_online,
        "direct_payment": direct_payment,
        "providers": providers,
    }


# Who a direct payment is paid to, said to the person.
PAID_TO = {
    Recipient.PERSON: "you",
    Recipient.NOMINATED: "{name}, who you chose to receive it for you",
    Recipient.AUTHORISED: "{name}, who manages it for you",
    Recipient.MANAGED_ACCOUNT: "{name}, a managed account that looks after it for you",
}
# When the agreement names nobody: the same, without the name.
PAID_TO_UNNAMED = {
    Recipient.NOMINATED: "the person you chose to receive it for you",
    Recipient.AUTHORISED: "the person who manages it for you",
    Recipient.MANAGED_ACCOUNT: "a managed account that looks after it for you",
}
# How many of the things that need a word first the letter names, before pointing to the guidance.
CHECK_FIRST_NAMED = 2


def _day(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


def paid_to(agreement: DirectPaymentAgreement) -> str:
    name = (agreement.managed_account_provider or agreement.recipient_name).strip()
    if agreement.recipient == Recipient.PERSON:
        return PAID_TO[Recipient.PERSON]
    if not name:
        return PAID_TO_UNNAMED[agreement.recipient]
    return PAID_TO[agreement.recipient].format(name=name)


def direct_payment_content(
    agreement: DirectPaymentAgreement,
    *,
    pays_for: list[PlanItem],
    cannot: list[str],
    check_first: list[str],
    review_by: datetime.date,
    worker: str,
    large_print: bool = False,
    replaces: DirectPaymentAgreement | None = None,
) -> dict:
    """The direct payment agreement, to the person: how much, how often, from when and to whom; what it pays for
    (`pays_for`, the plan's items paid by direct payment) and, from the spending guidance in force, what it
    `cannot` pay for and what to `check_first`; keeping records; when we check how it is going (`review_by`). For
    a changed plan, the agreement it `replaces`: how much that paid, and up to when."""
    return {
        "replaces": {
            "each": str(replaces.amount),
            "how_often": replaces.get_frequency_display().lower(),
            "last_day": _day(replaces.ends_on),
        }
        if replaces is not None and replaces.ends_on
        else None,
        "large_print": large_print,
        "each": str(agreement.amount),
        "how_often": agreement.get_frequency_display().lower(),
        "once": str(agreement.once) if agreement.once else None,
        "first_payment_on": _day(agreement.first_payment_on),
        "signed_on": _day(agreement.signed_on),
        "paid_to": paid_to(agreement),
        "to_you": agreement.recipient == Recipient.PERSON,
        "pays_for": [{"what": item.description, "cost": item.cost_in_words} for item in pays_for],
        "cannot": cannot,
        "check_first": [what[:1].lower() + what[1:] for what in check_first[:CHECK_FIRST_NAMED]],
        "review_by": _day(review_by),
        "worker": worker,
    }


def order_content(order: ServiceOrder, *, person, worker: str, provider_address: list[str]) -> dict:
    """The order to a provider for one item of the person's plan, to the provider: who it is for and where they
    live, from when, what is ordered and what it costs, and for an individual service fund that the provider holds
    the money."""
    item = order.item
    return {
        "provider": order.provider,
        "provider_address": provider_address,
        "order": order.pk,
        "person": person.full_name,
        "person_address": person.address_lines,
        "person_phone": person.phone,
        "starts_on": _day(order.starts_on),
        "what": item.description,
        "when": item.who_and_when,
        "cost": item.cost.in_words,
        "weekly": str(order.weekly) if order.weekly else None,
        "once": str(order.once) if order.once else None,
        "fund_holder": order.fund_holder,
        "worker": worker,
    }


# What happens after the review, said to the person.
NEXT = {
    Review.Result.NO_CHANGE: "Your support carries on as it is.",
    Review.Result.PLAN_CHANGE: "We will change your support plan with you. When the changes are agreed, we will "
    "write to you with your personal budget and the date they start. Until then your support carries on as it is.",
    Review.Result.REASSESS: "What you need has changed, so we will look at it again with you. This is called a "
    "reassessment. We start from what you told us last time, so we will not ask you everything again. Your "
    "support carries on as it is until we have agreed any changes with you.",
}
MET = {"met": "Yes", "partly": "Partly", "not_met": "Not yet"}


def outcome_content(review: Review, *, next_review_by: datetime.date, worker: str, large_print: bool) -> dict:
    """The review's outcome: how far each outcome of the plan was met (in the person's words, with what they said),
    what changed, what happens next and when we look again."""
    found = review.outcomes.select_related("outcome").order_by("outcome__order", "outcome__pk")
    return {
        "large_print": large_print,
        "held_on": _day(review.held_on),
        "outcomes": [
            {"outcome": f.outcome.in_my_words or f.outcome.label, "met": MET[f.achieved], "note": f.note}
            for f in found
        ],
        "what_changed": review.what_changed,
        "next": NEXT[review.result],
        "carries_on": review.result == Review.Result.NO_CHANGE,
        "next_review_by": _day(next_review_by),
        "worker": worker,
    }


def once(case, letter_type: str, about: str, content: dict) -> Letter:
    """A letter to be queued that goes only once: its key is made from what it is `about` ("service-order/12")."""
    return Letter(
        case=case,
        letter_type=letter_type,
        idempotency_key=case_services.letter_key(about),
        content=content,
    )


def go_live_letters(
    started: GoLive,
    plan: SupportPlan,
    review: Review,
    *,
    carried: Collection[int] = (),
    replaces: DirectPaymentAgreement | None = None,
) -> list[Letter]:
    """The letters a plan's support starting sends, to be queued: the direct payment's to the person (saying which
    agreement it `replaces`, for a changed plan), and each provider's order; once each, their keys made from the
    agreement and the orders. The orders `carried` on unchanged from the plan this one replaces are held already,
    and sent nothing."""
    case = plan.case
    worker = case.allocated_worker.display_name if case.allocated_worker else ""
    wanted = []
    agreement = DirectPaymentAgreement.objects.filter(go_live=started).first()
    if agreement is not None:
        rules = plan_selectors.rules_in_force(started.starts_on)
        guidance = list(rules.spending.all()) if rules.pk else []  # none published: no guidance to point to
        wanted.append(
            once(
                case,
                LetterType.DIRECT_PAYMENT,
                f"direct-payment/{agreement.pk}",
                direct_payment_content(
                    agreement,
                    pays_for=[
                        item
                        for item in plan_selectors.items_of(plan)
                        if item.management == Management.DIRECT_PAYMENT
                    ],
                    cannot=[rule.what for rule in guidance if rule.kind == SpendingRule.Kind.CANNOT],
                    check_first=[rule.what for rule in guidance if rule.kind == SpendingRule.Kind.CHECK],
                    review_by=review.due_by,
                    worker=worker,
                    large_print=large_print_for(case.person),
                    replaces=replaces,
                ),
            )
        )
    orders = list(started.orders.select_related("item").exclude(pk__in=carried))
    addresses = provider_addresses([order.item for order in orders])
    return wanted + [
        once(
            case,
            LetterType.PROVIDER_ORDER,
            f"service-order/{order.pk}",
            order_content(
                order,
                person=case.person,
                worker=worker,
                provider_address=addresses.get(order.item.service_id, []),
            ),
        )
        for order in orders
    ]


def provider_addresses(items: list[PlanItem]) -> dict[str, list[str]]:
    """Where to write to each provider the directory lists, by the item's service id: its first location's
    address."""
    found = directory_selectors.saved_services(
        [item.service_id for item in items if _is_uuid(item.service_id)]
    )
    addresses = {}
    for service in found:
        location = next(iter(service.locations.all()), None)
        if location is not None:
            lines = [location.address_1, location.address_2, location.city, location.postcode]
            addresses[str(service.uuid)] = [line for line in lines if line]
    return addresses


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True
