"""The letter telling the person their plan is agreed: their personal budget, who pays what, how the money is
managed and what happens next. Fixed when it is asked for, from the personal budget sign-off fixed, so a letter
rendered again still says what was agreed then. Written to the person ("you"), with none of the office's words:
no scheme, level or RAS."""

from decimal import Decimal

from config.money import display
from support_planning.models import Management, Recipient, SupportPlan
from validation.models import PersonalBudget

# How the money for support other than a direct payment is managed, said to the person about a weekly amount.
MANAGED = {
    Management.COUNCIL_MANAGED: "We arrange and pay for {amount} a week of the support in your plan, with the "
    "services it names.",
    Management.SERVICE_FUND: "Your provider holds {amount} a week for you, to pay for the support they give you. "
    "This is called an individual service fund.",
}


def paid_to(plan: SupportPlan) -> str:
    """Who the direct payment is paid to, said to the person."""
    name = plan.direct_payment_recipient_name.strip()
    recipient = plan.direct_payment_recipient
    if recipient == Recipient.NOMINATED:
        return (
            f"{name}, who you chose to receive it for you" if name else "the person you chose to receive it"
        )
    if recipient == Recipient.AUTHORISED:
        return f"{name}, who manages it for you" if name else "the person who manages it for you"
    if recipient == Recipient.MANAGED_ACCOUNT:
        return f"a managed account ({name})" if name else "a managed account that looks after it for you"
    return "you"


def agreed_content(
    budget: PersonalBudget,
    plan: SupportPlan,
    figures,
    *,
    worker: str,
    large_print: bool = False,
    before: PersonalBudget | None = None,
) -> dict:
    """What the letter says. `figures` are the plan's (support_planning.selectors.Figures), for a carer's plan's
    support to the person they care for; `worker` is the name of the person's worker, or empty; `before` is the
    personal budget of the plan this one changes, when it changes one."""
    carer = figures.carer
    return {
        "large_print": large_print,
        # A change to an agreed plan: what the person's budget was a week, and whether it is different now.
        "changed_from": {
            "weekly": str(before.weekly_cost),
            "changed": before.weekly_cost != budget.weekly_cost,
        }
        if before
        else None,
        "carer": bool(carer),
        "cared_for": [person.full_name for person in carer.cared_for] if carer else [],
        "carer_budget": carer.budget_in_words if carer else "",
        "to_cared_for": [
            {
                "name": part.person.known_as,
                "weekly": str(part.totals.weekly),
                "once": str(part.totals.one_off) if part.totals.one_off else None,
                "who_pays": part.who_pays,
            }
            for part in carer.to_cared_for
        ]
        if carer
        else [],
        "agreed_on": f"{budget.agreed_on:%-d %B %Y}",
        "weekly": str(budget.weekly_cost),
        "annual": str(budget.annual_cost),
        "one_off": str(budget.one_off_cost) if budget.one_off_cost else None,
        "contribution": str(budget.weekly_contribution) if budget.contribution_assessed else None,
        "council_weekly": str(budget.council_weekly),
        "council_annual": str(budget.council_annual),
        "from_direct_payment": str(budget.contribution_from_direct_payment)
        if budget.contribution_from_direct_payment
        else None,
        "billed": str(budget.contribution_billed) if budget.contribution_billed else None,
        "direct_payment": {
            "each": str(budget.direct_payment_each) if budget.direct_payment_each is not None else None,
            "how_often": budget.get_direct_payment_frequency_display().lower(),
            "once": str(budget.direct_payment_once) if budget.direct_payment_once else None,
            "to": paid_to(plan),
        }
        if budget.has_direct_payment
        else None,
        "managed": [
            sentence.format(amount=display(Decimal(budget.managed_weekly[way])))
            for way, sentence in MANAGED.items()
            if budget.managed_weekly.get(way)
        ],
        "worker": worker,
    }
