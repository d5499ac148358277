"""A carer's support plan on a carer's own case: from the carer's assessment, with no indicative budget from the
RAS, to a plan in the carer's words with a one-off payment for the carer and a sitting service for the person they
care for, sent for sign-off, written to the carer, read by them online and compared across versions."""

import pytest
from django.urls import reverse

from cases import letters
from cases.milestones import Milestone
from cases.models import LetterType
from cases.stages import Stage
from cases.tests.factories import PersonFactory
from ras import selectors as ras_selectors
from ras.tests.test_financial_assessment import (
    MEANS,
)  # the person's means, as the finance officer enters them
from support_planning import carers, selectors, services
from support_planning.models import SupportPlan
from support_planning.tests.carer_factories import (
    A_BREAK,
    SITTING,
    a_carers_plan_sent,
    add,
    assessed_as_a_carer,
    carers_case,
    paid_to_ann,
)
from support_planning.tests.factories import PAID_CARE

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_and_grace(citizen, practitioner, questionnaire):
    """Ann (the citizen) cares for Grace; Ann's own case, waiting for her carer's assessment."""
    return carers_case(citizen.person, actor=practitioner)


def test_an_eligible_carer_gets_a_carers_support_plan_from_assessment_to_sign_off(
    client, practitioner, finance_officer, citizen, charging_year, case_and_grace
):
    case, grace = case_and_grace
    assessment = assessed_as_a_carer(client, practitioner, case)
    overview = client.get(reverse("assessment", args=[assessment.pk]))
    assert "Carer’s support plan" in overview.text

    # Ann's own means are assessed: she may pay towards her own support, never towards Grace's.
    client.force_login(finance_officer)
    client.post(reverse("financial_assessment", args=[case.pk]), MEANS)
    client.post(reverse("financial_assessment", args=[case.pk]), {"confirm": "1"})
    assert ras_selectors.charges_on(case).get().weekly_contribution > 0

    client.force_login(practitioner)
    start = client.get(reverse("support_plan", args=[case.pk]))
    assert "Work out the indicative budget first" not in start.text
    assert "Ann cares for Grace Okafor" in start.text
    assert "The RAS gives no indicative budget for a carer’s assessment" in start.text
    client.post(reverse("support_plan", args=[case.pk]))
    plan = SupportPlan.objects.get(case=case)
    assert plan.is_for_a_carer and plan.budget is None and plan.title == "Carer’s support plan"
    health, recreation = plan.outcomes.all()
    assert (health.outcome, health.in_my_words) == (
        carers.HEALTH,
        "I look after Grace day and night\n\nMy back hurts and I hardly sleep",
    )
    assert (recreation.outcome, recreation.in_my_words) == (
        "carer_recreation",
        "I miss my choir on Tuesday evenings",
    )
    case.refresh_from_db()
    assert case.stage == Stage.SUPPORT_PLANNING
    assert case.events.filter(
        milestone=Milestone.PLAN_STARTED, summary="Carer’s support plan started"
    ).exists()

    assert add(client, plan, health, A_BREAK).status_code == 302
    # Support to Grace needs her agreement, and is named from the relationship, never typed.
    unagreed = add(client, plan, recreation, {**SITTING, "cared_for_id": str(grace.pk)})
    assert (
        "Confirm that Grace Okafor agrees to this support, or choose support for the carer" in unagreed.text
    )
    assert "Grace Okafor, whom Ann cares for" in unagreed.text
    agreed = add(
        client, plan, recreation, {**SITTING, "cared_for_id": str(grace.pk), "cared_for_agrees": "on"}
    )
    assert agreed.status_code == 302
    sitting = recreation.items.get()
    assert sitting.cared_for == grace and sitting.cared_for_agrees

    page = client.get(reverse("support_plan", args=[case.pk]))
    assert "Carer’s support plan" in page.text
    assert "For Grace Okafor" in page.text
    assert (
        "Ann is not charged for it; any charge is Grace’s, under their own financial assessment" in page.text
    )
    assert "A one-off payment of £350.00" in page.text
    assert "Not charged to Ann" in page.text
    assert "£0.00 a week towards their own support" in page.text  # she pays nothing towards Grace's sitting
    figures = selectors.figures(selectors.plan_with_everything(plan.pk))
    assert figures.gap is None and figures.totals.weekly == 66 and figures.money.contribution == 0
    assert [part.totals.weekly for part in figures.carer.to_cared_for] == [66]

    paid_to_ann(client, plan)
    plan.refresh_from_db()
    check = client.get(reverse("plan_submit", args=[plan.pk]))
    assert "Carer’s personal budget" in check.text and "For Grace Okafor" in check.text
    sent = client.post(reverse("plan_submit", args=[plan.pk]), {"version": plan.version})
    assert sent.status_code == 302
    plan.refresh_from_db()
    case.refresh_from_db()
    assert plan.status == SupportPlan.Status.SUBMITTED and plan.annual_cost == 66 * 52 + 350
    assert case.stage == Stage.VALIDATION

    # Ann reads her plan online, as a carer.
    client.force_login(citizen)
    yours = client.get(reverse("your_plan", args=[case.pk]))
    assert "Your carer’s support plan" in yours.text
    assert "for you as a carer of Grace Okafor" in yours.text
    assert "What I want to achieve as a carer, and how" in yours.text
    assert "For Grace: A sitting service" in yours.text
    assert "My carer’s personal budget is a one-off payment of £350.00." in yours.text
    assert "You are not charged for it." in yours.text
    assert "See your carer’s support plan" in client.get(reverse("citizen_case", args=[case.pk])).text


def test_the_carers_letter_speaks_to_the_carer_about_her_plan_and_who_pays_for_support_to_grace(
    client, practitioner, case_and_grace
):
    plan = a_carers_plan_sent(client, practitioner, *case_and_grace)
    letter = services.send_plan_letter(actor=practitioner, plan_id=plan.pk)
    assert letter.letter_type == LetterType.CARERS_SUPPORT_PLAN
    assert letter.get_letter_type_display() == "Your carer’s support plan"
    html = letters.letter_html(letter)
    for said in (
        "My carer’s support plan",
        "for you as a carer of Grace Okafor",
        "What I want to achieve as a carer, and how",
        "For Grace: A sitting service, so I can go to my choir",
        "My carer’s personal budget is a one-off payment of £350.00.",
        "The support for Grace in my plan costs £66.00 a week. This is support for Grace, to help you as a carer. "
        "You are not charged for it.",
        "All the support in my plan costs £66.00 a week",
    ):
        assert said in html


def test_a_new_version_shows_who_each_item_is_for_and_when_that_changed(client, practitioner, case_and_grace):
    case, grace = case_and_grace
    plan = a_carers_plan_sent(client, practitioner, case, grace)
    draft = services.new_version(actor=practitioner, plan_id=plan.pk)
    sitting = draft.outcomes.get(outcome="carer_recreation").items.get()
    assert sitting.cared_for == grace and sitting.cared_for_agrees
    services.save_item(
        actor=practitioner,
        plan_id=draft.pk,
        seen_version=draft.version,
        outcome_id=sitting.outcome_id,
        item_id=sitting.pk,
        details={"cared_for_id": None, "cared_for_agrees": False, "description": "A choir subscription"},
    )
    client.force_login(practitioner)
    compared = client.get(reverse("plan_compare", args=[draft.pk]))
    assert "For Grace Okafor" in compared.text
    assert "What the support is, who the support is for" in compared.text


def test_support_to_someone_is_refused_unless_a_carer_is_recorded_as_caring_for_them(
    client, practitioner, case_and_grace, budgeted
):
    stranger = PersonFactory()
    plan = a_carers_plan_sent(client, practitioner, *case_and_grace)
    draft = services.new_version(actor=practitioner, plan_id=plan.pk)
    outcome = draft.outcomes.first()
    with pytest.raises(services.CannotPlan, match="not recorded as caring for"):
        services.save_item(
            actor=practitioner,
            plan_id=draft.pk,
            seen_version=draft.version,
            outcome_id=outcome.pk,
            details={**PAID_CARE, "cared_for_id": stranger.pk, "cared_for_agrees": True},
        )
    adults = services.start_plan(actor=practitioner, case_id=budgeted[0].pk)
    with pytest.raises(services.CannotPlan, match="Only a carer’s support plan"):
        services.save_item(
            actor=practitioner,
            plan_id=adults.pk,
            seen_version=adults.version,
            outcome_id=adults.outcomes.first().pk,
            details={**PAID_CARE, "cared_for_id": stranger.pk, "cared_for_agrees": True},
        )
