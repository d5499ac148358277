"""The person's own case as they see it: where it has got to, every decision made about them (eligibility, the
indicative budget, what they pay, the personal budget of their agreed plan) and every letter sent. Here, not in `cases`, because it reads the later stages'
decisions; the case page sends a citizen here by URL."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from assessment.selectors import decisions_on
from cases.access import get_case_for
from cases.models import LETTERS_TO_OTHERS, Letter
from cases.selectors import agreed_budget, brokerage_on, letters_context, paid_by_direct_payment, panel_on
from cases.stages import may_ask_online_for_a_provider
from config.access import requires
from ras.selectors import budgets_on, charges_on


@requires("cases.follow_own_case")
@require_GET
def citizen_case(request, pk: int):
    case = get_case_for(request, pk, "follow_own", what="their own case: decisions and letters")
    letters = [
        letter
        for letter in letters_context(case)["letters"]
        if letter.status != Letter.Status.FAILED and letter.letter_type not in LETTERS_TO_OTHERS
    ]
    decisions = decisions_on(case)
    charges = list(charges_on(case))
    budget = agreed_budget(case)
    return render(
        request,
        "ras/citizen_case.html",
        {
            "case": case,
            "decisions": decisions,
            # Found not eligible at the latest decision: no budget and no charge to speak of.
            "not_eligible": bool(decisions) and not decisions[0].decision.eligible,
            "budgets": list(budgets_on(case)),
            "charges": charges,
            "agreed_budget": budget,
            "letters": letters,
            # The risk enablement panel, from the journey log: it is kept by validation, above this stage.
            "panel": panel_on(case),
            # Help to find a provider, from the journey log: it is kept by reviews, above this stage.
            "brokerage": brokerage_on(case),
            "direct_payment": paid_by_direct_payment(case),
            "may_ask_for_a_provider": may_ask_online_for_a_provider(
                stage=case.stage,
                has_agreed_plan=budget is not None,
                pays_full_cost=bool(charges) and charges[0].full_cost,
            ),
        },
    )
