"""The plan written to the person: what the letter says, fixed when it is asked for, so a letter rendered again
still says what the plan said then. In the person's words ("what matters to me", "my budget"), never the
record's."""

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
                    }
                    for item in outcome.items.all()
                ],
            }
            for outcome in plan.outcomes.all()
        ],
        "weekly": str(figures.totals.weekly),
        "annual": str(figures.totals.annual),
        "budget_weekly": str(plan.budget.weekly) if plan.budget_id else None,
        "contribution": str(money.contribution) if figures.contribution_assessed else None,
        "council_share": str(money.council_share),
        "direct_payment": (
            {
                "each": str(figures.direct_payment_each),
                "how_often": plan.get_direct_payment_frequency_display().lower(),
                "once": str(money.direct_payment_once) if money.direct_payment_once else None,
            }
            if money.has_direct_payment
            else None
        ),
        "risks": [{"words": risk.in_my_words, "how": risk.how_reduced} for risk in plan.risks.all()],
        "contingency": plan.contingency,
    }
