"""The letters go-live sends: the person's direct payment agreement, and an order to each provider, addressed to the
provider by name (an individual service fund saying the provider holds it); once each, on the person's case, and
not among the person's own letters."""

import datetime
import io
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from cases import letters as engine
from cases.models import CouncilSettings, Letter, LetterType
from directory.tests.factories import ServiceFactory, district
from reviews import services
from reviews.tests.conftest import ARRANGED, DIRECT_PAYMENT, agreed_plan
from support_planning.models import Management, PlanItem

pytestmark = pytest.mark.django_db

FUND = {
    "kind": PlanItem.Kind.PAID,
    "description": "Support to go swimming on Saturdays",
    "provider": "Brightside Support",
    "management": Management.SERVICE_FUND,
    "basis": PlanItem.Basis.HOURLY,
    "hours": D("3"),
    "rate": D("22.50"),
}


@pytest.fixture(autouse=True)
def council(db):
    return CouncilSettings.objects.create(
        name="Northbrook Council", phone="0300 123 4567", email="adultcare@northbrook.example.gov.uk"
    )


def go_live(plan, actor, on: datetime.date | None = None):
    on = on or timezone.localdate()
    return services.go_live(
        actor=actor,
        plan_id=plan.pk,
        starts_on=on,
        direct_payment=services.DirectPaymentStart(on, on + datetime.timedelta(days=7)),
    )


def pages_of(letter: Letter) -> list:
    engine.produce_letter(letter_id=letter.pk)
    letter.refresh_from_db()
    return PdfReader(io.BytesIO(bytes(letter.pdf))).pages


def text_of(letter: Letter) -> str:
    return " ".join("\n".join(page.extract_text() for page in pages_of(letter)).split())


def test_the_person_gets_their_direct_payments_letter_and_the_provider_its_order_once(
    practitioner, agreed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as sent:
        started = go_live(agreed, practitioner)
    assert len(sent) == 1  # the letters go to the worker after commit, together
    go_live(agreed, practitioner)  # a second press
    sent_at_go_live = Letter.objects.filter(case=agreed.case, requested_at__gte=started.recorded_at)
    kinds = sorted(sent_at_go_live.values_list("letter_type", flat=True))
    assert kinds == [LetterType.DIRECT_PAYMENT, LetterType.PROVIDER_ORDER]

    agreement = started.direct_payment
    text = text_of(Letter.objects.get(letter_type=LetterType.DIRECT_PAYMENT))
    assert f"Dear {agreed.case.person.known_as}," in text
    assert f"£{agreement.amount:,}, every four weeks" in text
    assert f"First payment {agreement.first_payment_on:%-d %B %Y}" in text
    assert "A personal assistant each morning: 7 hours a week at £20.00 an hour: £140.00 a week." in text
    assert "Alcohol, tobacco or gambling." in text  # from the spending guidance in force
    assert "a stay in a care home" in text
    assert "bank statements, receipts, invoices and any timesheets" in text
    review = agreed.case.reviews.get()
    assert f"working by {review.due_by:%-d %B %Y}" in text

    order = started.orders.get()
    letter = Letter.objects.get(letter_type=LetterType.PROVIDER_ORDER)
    text = text_of(letter)
    person = agreed.case.person
    assert "Dear Riverside Home Care," in text
    assert f"Dear {person.known_as}," not in text
    assert person.full_name in text and person.address_line_1 in text and person.postcode in text
    assert f"Order number {agreed.case.reference}-{order.pk}" in text
    assert "Lunch delivered on weekdays" in text and "£35.00 a week" in text
    assert f"Starts on {order.starts_on:%-d %B %Y}" in text
    assert "individual service fund" not in text.lower()
    assert "Ombudsman" not in text  # the person's rights to complain are not the provider's
    assert len(pages_of(letter)) == 1  # one sheet to the provider


def test_a_provider_holding_an_individual_service_fund_is_told_it_holds_the_money(
    budgeted, practitioner, manager, delegation_scheme
):
    case, *_ = budgeted
    plan = agreed_plan(case, practitioner, manager, ways=(FUND,))
    services.go_live(actor=practitioner, plan_id=plan.pk, starts_on=timezone.localdate())
    letter = Letter.objects.get(letter_type=LetterType.PROVIDER_ORDER)
    assert len(pages_of(letter)) == 1
    text = text_of(letter)
    assert "Individual service fund for" in text
    assert "Dear Brightside Support," in text
    assert "3 hours a week at £22.50 an hour: £67.50 a week" in text
    assert "We will pay you £67.50 a week. You hold it for" in text
    assert not Letter.objects.filter(letter_type=LetterType.DIRECT_PAYMENT).exists()  # no direct payment


def test_an_order_is_addressed_where_the_directory_lists_the_provider(
    budgeted, practitioner, manager, delegation_scheme
):
    district("NR1")
    service = ServiceFactory(name="Riverside Meals", at="NR1")
    location = service.locations.first()
    location.address_1, location.city, location.postcode = "4 Quay Side", "Norwich", "NR1 3QQ"
    location.save()
    case, *_ = budgeted
    ordered = {**ARRANGED, "service_id": str(service.uuid), "service_name": service.name, "provider": ""}
    plan = agreed_plan(case, practitioner, manager, ways=(ordered,))
    services.go_live(actor=practitioner, plan_id=plan.pk, starts_on=timezone.localdate())
    letter = Letter.objects.get(letter_type=LetterType.PROVIDER_ORDER)
    assert letter.content["provider_address"] == ["4 Quay Side", "Norwich", "NR1 3QQ"]
    assert "Riverside Meals 4 Quay Side Norwich NR1 3QQ" in text_of(letter)


def test_the_order_is_on_the_case_by_provider_and_not_among_the_persons_own_letters(
    client, practitioner, citizen, agreed
):
    go_live(agreed, practitioner)
    for letter in Letter.objects.all():
        engine.produce_letter(letter_id=letter.pk)
    client.force_login(practitioner)
    page = client.get(reverse("case", args=[agreed.case.pk])).text
    assert "Order for support, to the provider Riverside Home Care" in page
    assert "Your direct payment" in page

    person = agreed.case.person
    citizen.person = person
    citizen.save()
    client.force_login(citizen)
    own = client.get(reverse("citizen_case", args=[agreed.case.pk])).text
    assert "Your direct payment" in own
    assert "Order for support" not in own


@pytest.mark.parametrize("ways", [(DIRECT_PAYMENT,)])
def test_a_plan_paid_only_by_direct_payment_sends_no_order(
    budgeted, practitioner, manager, delegation_scheme, ways
):
    case, *_ = budgeted
    plan = agreed_plan(case, practitioner, manager, ways=ways)
    go_live(plan, practitioner)
    assert not Letter.objects.filter(letter_type=LetterType.PROVIDER_ORDER).exists()
    assert Letter.objects.filter(letter_type=LetterType.DIRECT_PAYMENT).count() == 1
