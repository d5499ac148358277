"""After a plan is agreed: its personal budget fixed in the same transaction as the agreement (an adult's, with a
contribution taken from the direct payment first, and a carer's, with no indicative budget), shown to staff and
to the person, and written to the person in a letter; a return or an escalation writes nothing to them."""

import io
from decimal import Decimal as D

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from cases import letters as letter_engine
from cases.milestones import Milestone
from cases.models import CouncilSettings, Letter, LetterType
from cases.tests.factories import CaseFactory, PersonFactory
from ras import selectors as ras_selectors
from ras.tests.test_financial_assessment import MEANS
from support_planning import services as plan_services
from support_planning.models import Management, SupportPlan
from support_planning.tests import carer_factories
from support_planning.tests.factories import PAID_CARE, budgeted_case
from validation import services
from validation.models import PersonalBudget
from validation.tests.conftest import sent_for_sign_off

pytestmark = pytest.mark.django_db

JARGON = ["RAS", "Resource Allocation", "delegation", "scheme", "level", "sign-off", "the person"]


def pdf_text(letter: Letter) -> str:
    letter_engine.produce_letter(letter_id=letter.pk)
    letter.refresh_from_db()
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(bytes(letter.pdf))).pages
    )


def contribution_assessed(client, finance_officer, case) -> D:
    """The person's means assessed and confirmed by the finance officer: their weekly contribution."""
    client.force_login(finance_officer)
    client.post(reverse("financial_assessment", args=[case.pk]), MEANS)
    client.post(reverse("financial_assessment", args=[case.pk]), {"confirm": "1"})
    return ras_selectors.charges_on(case).get().weekly_contribution


def paid_by_direct_payment(case, practitioner) -> SupportPlan:
    """Seven hours of care a week at £25 an hour by direct payment, paid to the person every four weeks, and
    family help for the other outcome; sent for sign-off."""
    plan = plan_services.start_plan(actor=practitioner, case_id=case.pk)
    care, meals = plan.outcomes.all()
    for outcome, details in [
        (care, PAID_CARE),
        (meals, {"kind": "family", "description": "My son cooks", "management": Management.NOT_PAID}),
    ]:
        plan.refresh_from_db()
        plan_services.save_item(
            actor=practitioner,
            plan_id=plan.pk,
            seen_version=plan.version,
            outcome_id=outcome.pk,
            details=details,
        )
    plan.refresh_from_db()
    plan_services.save_money(
        actor=practitioner,
        plan_id=plan.pk,
        seen_version=plan.version,
        details={"direct_payment_recipient": "person", "direct_payment_frequency": "four_weekly"},
    )
    plan.refresh_from_db()
    plan_services.submit(
        actor=practitioner, plan_id=plan.pk, seen_version=plan.version, gap_reason="Mornings"
    )
    plan.refresh_from_db()
    return plan


@pytest.fixture
def council(db):
    return CouncilSettings.objects.create(
        name="Northbrook Council", phone="0300 123 4567", email="adultcare@northbrook.example.gov.uk"
    )


def test_agreeing_fixes_the_personal_budget_with_the_contribution_taken_from_the_direct_payment(
    client, case_to_sign_off, practitioner, manager, finance_officer, charging_year, delegation_scheme
):
    contribution = contribution_assessed(client, finance_officer, case_to_sign_off)
    plan = paid_by_direct_payment(case_to_sign_off, practitioner)
    decision = services.agree(actor=manager, plan_id=plan.pk, seen_decisions=0)

    budget = PersonalBudget.objects.get(plan=plan)
    assert (budget.decision, budget.case, budget.scheme_version) == (decision, case_to_sign_off, 1)
    assert (budget.weekly_cost, budget.annual_cost, budget.one_off_cost) == (
        D("175.00"),
        D("9100.00"),
        D("0"),
    )
    assert budget.weekly_contribution == contribution and budget.contribution_assessed
    assert budget.council_weekly == D("175.00") - contribution
    assert budget.council_annual == D("9100.00") - contribution * 52
    assert budget.contribution_from_direct_payment == contribution  # taken off the payment, not billed
    assert budget.direct_payment_each == (D("175.00") - contribution) * 4
    assert budget.direct_payment_frequency == "four_weekly"
    assert budget.managed_weekly == {Management.DIRECT_PAYMENT: "175.00"}
    assert budget.agreed_on == decision.decided_at.date() and not budget.for_a_carer

    event = case_to_sign_off.events.get(milestone=Milestone.PLAN_AGREED)
    assert event.facts["personal_budget"] == budget.pk
    assert (event.facts["weekly"], event.facts["contribution"]) == ("175.00", str(contribution))
    assert event.facts["council_weekly"] == str(budget.council_weekly)


def test_a_plan_has_one_personal_budget(case_to_sign_off, practitioner, manager):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("12000"))
    services.agree(actor=manager, plan_id=plan.pk, seen_decisions=0)
    budget = PersonalBudget.objects.get(plan=plan)
    with pytest.raises(IntegrityError):
        PersonalBudget.objects.create(
            plan=plan,
            case=budget.case,
            decision=budget.decision,
            weekly_cost=0,
            annual_cost=0,
            weekly_contribution=0,
            contribution_assessed=False,
            council_weekly=0,
            agreed_on=budget.agreed_on,
            scheme_version=1,
        )


def test_a_refused_agreement_fixes_no_budget_and_sends_no_letter(case_to_sign_off, practitioner, manager):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("45000"))
    with pytest.raises(services.CannotDecide):
        services.agree(actor=manager, plan_id=plan.pk, seen_decisions=0)
    assert not PersonalBudget.objects.exists()
    assert not Letter.objects.filter(letter_type=LetterType.PLAN_AGREED).exists()


def test_the_person_is_sent_the_letter_once_and_not_for_a_return_or_an_escalation(
    case_to_sign_off, practitioner, manager, service_manager
):
    returned = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("12000"))
    services.return_for_changes(actor=manager, plan_id=returned.pk, seen_decisions=0, reasons="Weekends?")
    other, _, _ = budgeted_case(practitioner, CaseFactory(team=case_to_sign_off.team))
    escalated = sent_for_sign_off(other, practitioner, annual=D("12000"))
    services.escalate(actor=manager, plan_id=escalated.pk, seen_decisions=0, note="A new provider")
    assert not Letter.objects.filter(letter_type=LetterType.PLAN_AGREED).exists()

    services.agree(actor=service_manager, plan_id=escalated.pk, seen_decisions=1)
    letter = Letter.objects.get(letter_type=LetterType.PLAN_AGREED)
    assert letter.case == other and not letter.content["large_print"]
    assert letter.content["annual"] == "12000.00" and letter.content["contribution"] is None


def test_the_letter_tells_the_person_their_budget_who_pays_how_it_is_managed_and_what_next_in_plain_words(
    client,
    council,
    case_to_sign_off,
    practitioner,
    manager,
    finance_officer,
    charging_year,
    delegation_scheme,
):
    contribution = contribution_assessed(client, finance_officer, case_to_sign_off)
    plan = paid_by_direct_payment(case_to_sign_off, practitioner)
    case_to_sign_off.allocated_worker = practitioner
    case_to_sign_off.save(update_fields=["allocated_worker"])
    services.agree(actor=manager, plan_id=plan.pk, seen_decisions=0)
    text = pdf_text(Letter.objects.get(letter_type=LetterType.PLAN_AGREED))
    net = D("175.00") - contribution
    for said in [
        "Your support plan is agreed",
        "the money for the support in your plan: £175.00 a week. That is £9,100.00 a year.",
        f"You pay £{contribution} a week",
        f"The council pays £{net} a week",
        f"You get a direct payment of £{net * 4:,} every four weeks. It is paid to you",
        f"What you pay each week (£{contribution}) is taken off your direct payment before it is paid",
        f"{practitioner.display_name}, your worker, will now arrange your support",
        "6 to 8 weeks after your support starts",
        "Who to contact",
        "0300 123 4567",
        case_to_sign_off.reference,
    ]:
        assert said in text
    assert [word for word in JARGON if word.lower() in text.lower()] == []


def test_a_carers_plan_is_agreed_with_the_plans_cost_as_the_budget_and_nothing_charged_for_the_person_cared_for(
    client, council, practitioner, manager, finance_officer, charging_year, questionnaire, delegation_scheme
):
    case, grace = carer_factories.carers_case(PersonFactory(), actor=practitioner)
    plan = carer_factories.a_carers_plan_sent(client, practitioner, case, grace)
    contribution_assessed(client, finance_officer, case)
    assert plan.budget is None

    services.agree(actor=manager, plan_id=plan.pk, seen_decisions=0)
    budget = PersonalBudget.objects.get(plan=plan)
    assert budget.for_a_carer and budget.annual_cost == plan.annual_cost
    assert (budget.weekly_cost, budget.one_off_cost) == (
        D("66.00"),
        D("350.00"),
    )  # the sitting service, the break
    assert budget.weekly_contribution == D(
        "0.00"
    )  # her own support is all one-off; Grace's is never hers to pay
    assert budget.council_weekly == D("66.00")

    text = pdf_text(Letter.objects.get(letter_type=LetterType.PLAN_AGREED))
    assert "Your carer’s support plan is agreed" in text
    assert "For you: a one-off payment of £350.00." in text
    assert (
        "For Grace: £66.00 a week. This is support for Grace, to help you as a carer. You are not charged"
        in text
    )
    assert "You pay £0.00 a week towards your own support" in text
    assert "You get a direct payment of £350.00, paid once." in text
    assert "We arrange and pay for £66.00 a week of the support in your plan" in text
    assert [word for word in JARGON if word.lower() in text.lower()] == []


def test_a_large_print_letter_is_sent_from_the_plan_page_once(
    client, case_to_sign_off, practitioner, manager
):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("12000"))
    services.agree(actor=manager, plan_id=plan.pk, seen_decisions=0)
    client.force_login(practitioner)
    page = client.get(reverse("support_plan", args=[case_to_sign_off.pk])).text
    assert reverse("plan_agreed_letter", args=[plan.pk]) in page
    for _ in range(2):
        client.post(reverse("plan_agreed_letter", args=[plan.pk]), {"large_print": "yes"})
    sent = Letter.objects.filter(letter_type=LetterType.PLAN_AGREED).order_by("pk")
    assert [letter.content["large_print"] for letter in sent] == [False, True]


def test_no_agreed_letter_for_a_plan_not_agreed(client, case_to_sign_off, practitioner):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("12000"))
    client.force_login(practitioner)
    response = client.post(reverse("plan_agreed_letter", args=[plan.pk]), {"large_print": "yes"}, follow=True)
    assert "Only an agreed plan has a personal budget" in response.text
    assert not Letter.objects.filter(letter_type=LetterType.PLAN_AGREED).exists()


def test_staff_see_the_personal_budget_on_the_plan_the_case_and_the_sign_off_screen(
    client, case_to_sign_off, practitioner, manager
):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("12000"))
    services.agree(actor=manager, plan_id=plan.pk, seen_decisions=0)
    known_as = case_to_sign_off.person.known_as
    client.force_login(practitioner)
    for url in [
        reverse("support_plan", args=[case_to_sign_off.pk]),
        reverse("case", args=[case_to_sign_off.pk]),
    ]:
        page = " ".join(client.get(url).text.split())
        assert "Personal budget: £12,000.00 a year" in page
        assert f"{known_as} pays</dt>" in page and "Not yet assessed" in page
        assert "The council pays</dt>" in page
    client.force_login(manager)
    screen = " ".join(client.get(reverse("plan_sign_off", args=[plan.pk])).text.split())
    assert "£12,000.00 a year" in screen and "under delegation scheme version 1" in screen


def test_the_person_reads_their_personal_budget_on_their_own_case_in_plain_words(
    client, citizen, practitioner, manager, questionnaire, ras_version, delegation_scheme, team
):
    case, _, _ = budgeted_case(practitioner, CaseFactory(person=citizen.person, team=team))
    plan = sent_for_sign_off(case, practitioner, annual=D("12000"))
    services.agree(actor=manager, plan_id=plan.pk, seen_decisions=0)
    client.force_login(citizen)
    page = " ".join(client.get(reverse("citizen_case", args=[case.pk])).text.split())
    assert "Your personal budget" in page and "£12,000.00 a year" in page
    assert "the money for the support in your plan: £230.00 a week, and £40.00 once" in page
    assert "We have not yet worked out whether you pay anything towards it." in page
    assert f"Read your support plan</a>, agreed on {timezone.localdate():%-d %B %Y}." in page
    assert "draft it yourself online" not in page  # the plan is agreed: nothing left to draft
