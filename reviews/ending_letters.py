"""What the letters of support ending say, fixed when they are asked for: a notice to each provider whose service
ends, and a letter to the person (never after they have died: reviews.ending.writes_to_the_person)."""

import datetime

from cases.models import Letter, LetterType
from reviews import ending, letters
from reviews.ending_models import Ending
from reviews.models import DirectPaymentAgreement, ServiceOrder


def _day(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


def provider_notice_content(
    order: ServiceOrder, *, reason: str, ends_on: datetime.date, person, worker: str, address: list[str]
) -> dict:
    """To the provider: which support ends, on which day (the last day to provide it and to invoice for), and
    why in a plain sentence."""
    return {
        "provider": order.provider,
        "provider_address": address,
        "order": order.pk,
        "person": person.full_name,
        "person_address": person.address_lines,
        "what": order.item.description,
        "started_on": _day(order.starts_on),
        "ends_on": _day(ends_on),
        "because": ending.TO_THE_PROVIDER[reason].format(name=person.full_name),
        "deceased": reason == ending.EndReason.DECEASED,
        "fund_holder": order.fund_holder,
        "worker": worker,
    }


def person_content(
    *,
    reason: str,
    ends_on: datetime.date,
    services: list[str],
    direct_payment: DirectPaymentAgreement | None,
    worker: str,
    large_print: bool,
) -> dict:
    """To the person: their support ends on a day, why as they told us, what stops (each service, their direct
    payment) and that they can come back to us."""
    return {
        "large_print": large_print,
        "ends_on": _day(ends_on),
        "because": ending.TO_THE_PERSON[reason],
        "services": services,
        "direct_payment": bool(direct_payment),
        "moved_away": reason == ending.EndReason.MOVED_AWAY,
        "worker": worker,
    }


def ending_letters(
    end: Ending, orders: list[ServiceOrder], agreement: DirectPaymentAgreement | None
) -> list[Letter]:
    """The letters an ending sends, to be queued, once each (keys made from the ending and each order): a notice to
    the provider of each service that ends and, unless the person has died, a letter to them when all of their
    support ends."""
    case = end.case
    worker = case.allocated_worker.display_name if case.allocated_worker else ""
    addresses = letters.provider_addresses([order.item for order in orders])
    wanted = [
        letters.once(
            case,
            LetterType.PROVIDER_ENDING,
            f"ending/order/{order.pk}",
            provider_notice_content(
                order,
                reason=end.reason,
                ends_on=end.ends_on,
                person=case.person,
                worker=worker,
                address=addresses.get(order.item.service_id, []),
            ),
        )
        for order in orders
    ]
    if end.is_whole_plan and ending.writes_to_the_person(end.reason):
        wanted.append(
            letters.once(
                case,
                LetterType.SUPPORT_ENDING,
                f"ending/{end.pk}",
                person_content(
                    reason=end.reason,
                    ends_on=end.ends_on,
                    services=[f"{order.item.description} from {order.provider}" for order in orders],
                    direct_payment=agreement,
                    worker=worker,
                    large_print=letters.large_print_for(case.person),
                ),
            )
        )
    return wanted
