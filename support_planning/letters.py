"""The plan written to the person: what the letter says, fixed when it is asked for, so a letter rendered again
still says what the plan said then. In the person's words ("what matters to me", "my budget"), never the
record's."""

from support_planning import carers
from support_planning.models import SupportPlan
from support_planning.money_management import Management

# How the money for one part of the plan is managed, said to the person.
PAID_BY = {
    Management.DIRECT_PAYMENT: "paid from my direct payment",
    Management.COUNCIL_MANAGED: "arranged and paid for by the council",
    Management.SERVICE_FUND: "paid from the money my provider holds for me",
    Management.NOT_PAID: "",
}


def plan_content(plan: SupportPlan, figures, *, large_print: bool = False) -> dict:
    money = figures.money
    return {
        "large_print": large_print,
        "number": plan.number,
        "agreed": plan.status == SupportPlan.Status.AGREED,
        "what_matters": plan.what_matters,
        "outcomes": [
            {
                "words": outcome.in_my_words or outcome.label,
                "ways": [
                    {
                        "what": item.description,
                        "who_and_when": item.who_and_when,
                        "provider": item.provider,
                        "cost": item.cost_in_words,
                        "paid_by": PAID_BY[item.management],
                        "for": item.cared_for.known_as if item.cared_for_id else "",
                    }
                    for item in outcome.items.all()
                ],
            }
            for outcome in plan.outcomes.all()
        ],
        "weekly": str(figures.totals.weekly),
        "annual": str(figures.totals.annual),
        "one_off": str(figures.totals.one_off) if figures.totals.one_off else None,
        "budget_weekly": str(plan.budget.weekly) if plan.budget_id else None,
        "contribution": str(money.contribution) if figures.contribution_assessed else None,
        "council_share": str(money.council_share),
        "direct_payment": (
            {
                # None when it is only paid once: "£0.00 every four weeks" would say nothing true.
                "each": str(figures.direct_payment_each)
                if money.direct_payment_weekly or not money.direct_payment_once
                else None,
                "how_often": plan.get_direct_payment_frequency_display().lower(),
                "once": str(money.direct_payment_once) if money.direct_payment_once else None,
            }
            if money.has_direct_payment
            else None
        ),
        "risks": [{"words": risk.in_my_words, "how": risk.how_reduced} for risk in plan.risks.all()],
        "contingency": plan.contingency,
        "carer": carer_content(figures.carer) if figures.carer else None,
    }


def carer_content(carer) -> dict:
    """What a carer's letter adds: whom they care for, their carer's personal budget, and the support to each
    person they care for with who pays for it."""
    return {
        "cared_for": [person.full_name for person in carer.cared_for],
        "budget": carer.budget_in_words,
        "to_cared_for": [
            {
                "name": part.person.known_as,
                "weekly": str(part.totals.weekly),
                "once": str(part.totals.one_off) if part.totals.one_off else None,
                "who_pays": carers.charging_note_to_the_carer(part.person.known_as),
            }
            for part in carer.to_cared_for
        ],
    }
