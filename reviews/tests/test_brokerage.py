"""Brokerage: help to find a provider for an item of an agreed plan asked for (by the worker, or online by someone
who pays the full cost), providers' offers recorded, and the one chosen on the plan, so starting the support orders
it without anyone typing it again."""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.milestones import Milestone
from ras.tests.factories import pays_the_full_cost
from reviews import brokerage
from reviews import brokerage_services as services
from reviews.brokerage_models import BrokerageApproach, BrokerageRequest
from reviews.models import GoLive
from reviews.tests.conftest import agreed_plan
from reviews.tests.test_go_live import date_fields
from support_planning.models import Management, PlanItem

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 3, 1)
HOME_CARE = {
    "kind": PlanItem.Kind.PAID,
    "description": "Help to wash and dress each morning",
    "management": Management.COUNCIL_MANAGED,
    "basis": PlanItem.Basis.HOURLY,
    "hours": D("7"),
    "rate": D("22.00"),
}


# The rules, without a request.


def test_support_paid_week_by_week_can_be_brokered_and_a_one_off_or_free_support_cannot():
    assert brokerage.can_be_brokered(PlanItem(**HOME_CARE))
    assert not brokerage.can_be_brokered(PlanItem(**{**HOME_CARE, "basis": PlanItem.Basis.ONE_OFF}))
    assert not brokerage.can_be_brokered(PlanItem(kind=PlanItem.Kind.FAMILY, management=Management.NOT_PAID))


def test_the_area_is_the_postcode_district_never_the_full_postcode():
    assert brokerage.area_of("nr3 1ab") == "NR3"
    assert brokerage.area_of(" ") == ""


def test_the_area_is_the_district_of_a_postcode_stored_without_its_space():
    assert brokerage.area_of("NR31AB") == "NR3"
    assert brokerage.area_of("sw1a1aa") == "SW1A"
    assert brokerage.area_of(" nr3  1ab ") == "NR3"


def test_an_offer_starts_today_or_later_is_held_no_later_than_it_starts_and_has_hours_and_a_rate():
    def problems(**given):
        offer = {"starts_on": TODAY, "held_until": None, "hours": D("7"), "rate": D("22"), **given}
        return brokerage.offer_problems(**offer, today=TODAY)

    assert problems() == {}
    assert problems(starts_on=TODAY - datetime.timedelta(days=1)) == {
        "starts_on": "The start date must be today or in the future"
    }
    assert "within the next 6 months" in problems(starts_on=TODAY + datetime.timedelta(days=200))["starts_on"]
    assert problems(held_until=TODAY + datetime.timedelta(days=1)) == {
        "held_until": "The date they hold the offer until must be on or before the start date"
    }
    assert problems(starts_on=None, hours=D(0), rate=None) == {
        "starts_on": "Enter the day the provider can start",
        "hours": "Hours a week must be more than 0",
        "rate": "Enter their hourly rate",
    }


def test_an_offer_costing_more_than_was_agreed_cannot_be_chosen_until_the_plan_changes():
    assert brokerage.choice_problem(weekly=D("154.00"), agreed_weekly=D("154.00")) == ""
    assert "more than the £154.00 a week agreed" in brokerage.choice_problem(
        weekly=D("161.00"), agreed_weekly=D("154.00")
    )


def test_only_someone_paying_the_full_cost_with_a_plan_agreed_or_in_place_may_ask_online_for_a_provider():
    from cases.stages import Stage, may_ask_online_for_a_provider

    def may(stage, agreed=True, full_cost=True):
        return may_ask_online_for_a_provider(stage=stage, has_agreed_plan=agreed, pays_full_cost=full_cost)

    assert may(Stage.PLAN_AGREED) and may(Stage.LIVE) and may(Stage.REVIEW)
    assert not may(Stage.SUPPORT_PLANNING) and not may(Stage.VALIDATION) and not may(Stage.CLOSED)
    assert not may(Stage.LIVE, full_cost=False) and not may(Stage.LIVE, agreed=False)


def test_support_is_needed_from_today_or_later():
    assert brokerage.needed_from_problems(needed_from=TODAY, today=TODAY) == {}
    assert brokerage.needed_from_problems(needed_from=TODAY - datetime.timedelta(days=1), today=TODAY)


# Through the pages.


@pytest.fixture
def home_care_plan(budgeted, practitioner, manager, delegation_scheme):
    """An agreed plan with home care the council arranges, 7 hours a week at £22.00 (£154.00 a week), no
    provider named yet."""
    case, *_ = budgeted
    return agreed_plan(case, practitioner, manager, ways=(HOME_CARE,))


def ask(client, plan, item, **more):
    return client.post(
        reverse("brokerage_ask", args=[plan.pk]),
        {"item": item.pk, **date_fields("needed_from", timezone.localdate()), **more},
    )


def offer(client, request, provider, *, hours="7", rate="21.50", starts_in=7, approach=None, **more):
    url = (
        reverse("brokerage_approach", args=[request.pk, approach.pk])
        if approach
        else reverse("brokerage_approach_new", args=[request.pk])
    )
    return client.post(
        url,
        {
            "provider": provider,
            "answer": "offered",
            **date_fields("starts_on", timezone.localdate() + datetime.timedelta(days=starts_in)),
            "hours": hours,
            "rate": rate,
            **more,
        },
    )


def test_a_request_answered_by_two_offers_one_chosen_puts_it_on_the_plan_and_go_live_orders_it(
    client, practitioner, home_care_plan
):
    item = PlanItem.objects.get(outcome__plan=home_care_plan, description=HOME_CARE["description"])
    client.force_login(practitioner)
    page = client.get(reverse("support_plan", args=[home_care_plan.case_id])).text
    assert reverse("brokerage_ask", args=[home_care_plan.pk]) in page
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    too_soon = ask(client, home_care_plan, item, **date_fields("needed_from", yesterday)).text
    assert "The date the support is needed from must be today or in the future" in too_soon
    assert not BrokerageRequest.objects.exists()
    asked = ask(client, home_care_plan, item, what_matters="Before 9, a woman carer")
    request = BrokerageRequest.objects.get()
    assert asked.url == reverse("brokerage_request", args=[request.pk])
    assert ask(client, home_care_plan, item).status_code == 200  # asked again: nothing more
    assert BrokerageRequest.objects.count() == 1
    assert (request.hours, request.agreed_weekly, request.area) == (D("7"), D("154.00"), "NR1")

    queue = client.get(reverse("brokerage_queue")).text
    assert "Help to wash and dress each morning" in queue and "£154.00" in queue and "NR1" in queue
    assert offer(client, request, "Wensum Care Co-operative", rate="23.00").status_code == 302
    assert offer(client, request, "Riverside Home Care", rate="21.50", starts_in=10).status_code == 302
    wensum, riverside = request.approaches.order_by("pk")
    waiting = client.get(reverse("go_live", args=[home_care_plan.pk])).text
    assert "A broker is still finding a provider for" in waiting
    shown = client.get(reverse("brokerage_request", args=[request.pk])).text
    assert (
        "This offer costs £161.00 a week, more than the £154.00 a week agreed for this in the plan" in shown
    )
    assert "£150.50 a week" in shown and "Choose this offer" in shown

    refused = client.post(reverse("brokerage_choose", args=[request.pk, wensum.pk]), follow=True)
    assert "more than the £154.00 a week agreed" in refused.text
    client.post(reverse("brokerage_choose", args=[request.pk, riverside.pk]))
    client.post(reverse("brokerage_choose", args=[request.pk, riverside.pk]))  # a second press
    item.refresh_from_db()
    assert (item.provider, item.hours, item.rate) == ("Riverside Home Care", D("7.00"), D("21.50"))
    request.refresh_from_db()
    assert (request.status, request.chosen) == (BrokerageRequest.Status.CHOSEN, riverside)
    events = home_care_plan.case.events
    assert events.filter(milestone=Milestone.BROKERAGE_REQUESTED).count() == 1
    assert events.filter(milestone=Milestone.BROKERAGE_OFFER_RECORDED).count() == 2
    chosen = events.get(milestone=Milestone.BROKERAGE_OFFER_CHOSEN)
    assert chosen.facts["provider"] == "Riverside Home Care" and chosen.facts["offers"] == 2

    go_live = client.get(reverse("go_live", args=[home_care_plan.pk])).text
    assert "Riverside Home Care" in go_live and f"provider_{item.pk}" not in go_live  # not asked again
    client.post(reverse("go_live", args=[home_care_plan.pk]), date_fields("starts_on", timezone.localdate()))
    order = GoLive.objects.get(plan=home_care_plan).orders.get()
    assert (order.provider, order.weekly) == ("Riverside Home Care", D("150.50"))


def two_offers(broker, request) -> list[BrokerageApproach]:
    """Riverside Home Care and Wensum Care Co-operative each offer 7 hours a week at £20.00, from 3 days on."""
    start = timezone.localdate() + datetime.timedelta(days=3)
    return [
        services.record(
            actor=broker,
            request_id=request.pk,
            answer=services.Answer(name, "offered", starts_on=start, hours=D("7"), rate=D("20")),
        )
        for name in ("Riverside Home Care", "Wensum Care Co-operative")
    ]


def asked_for_home_care(client, worker, plan) -> tuple[PlanItem, BrokerageRequest]:
    """The worker, signed in, asked for help to find a provider for the plan's home care."""
    item = PlanItem.objects.get(outcome__plan=plan, description=HOME_CARE["description"])
    client.force_login(worker)
    ask(client, plan, item)
    return item, BrokerageRequest.objects.get()


def test_another_offer_cannot_be_chosen_once_one_is_and_the_broker_is_told_which(
    practitioner, manager, home_care_plan
):
    item = PlanItem.objects.get(outcome__plan=home_care_plan, description=HOME_CARE["description"])
    request = services.ask(
        actor=practitioner, plan_id=home_care_plan.pk, item_id=item.pk, needed_from=timezone.localdate()
    )
    first, second = two_offers(practitioner, request)
    services.choose(actor=manager, request_id=request.pk, approach_id=first.pk)
    with pytest.raises(services.CannotBroker, match="Riverside Home Care"):
        services.choose(actor=practitioner, request_id=request.pk, approach_id=second.pk)
    with pytest.raises(services.CannotBroker, match="chosen already"):
        services.record(
            actor=practitioner,
            request_id=request.pk,
            answer=services.Answer("Another", "waiting"),
        )


def test_bad_offers_are_refused_beside_their_fields_and_nothing_typed_is_lost(
    client, practitioner, home_care_plan
):
    _, request = asked_for_home_care(client, practitioner, home_care_plan)
    not_numbers = offer(client, request, "Riverside Home Care", hours="seven", rate="a lot").text
    assert "govuk-error-summary" in not_numbers
    assert "Hours a week must be a number, like 7.5" in not_numbers
    assert "Hourly rate must be an amount of money, like 120.50" in not_numbers
    assert 'value="Riverside Home Care"' in not_numbers and 'value="seven"' in not_numbers
    past = offer(client, request, "Riverside Home Care", starts_in=-1).text
    assert "The start date must be today or in the future" in past
    held = offer(
        client,
        request,
        "Riverside Home Care",
        **date_fields("held_until", timezone.localdate() + datetime.timedelta(days=9)),
    ).text
    assert "The date they hold the offer until must be on or before the start date" in held
    nothing = client.post(reverse("brokerage_approach_new", args=[request.pk]), {"answer": "offered"}).text
    assert "Enter the provider&#x27;s name" in nothing and "Enter the day the provider can start" in nothing
    assert not BrokerageApproach.objects.exists()


def test_an_offer_refused_by_the_service_says_each_problem_as_a_sentence(practitioner, home_care_plan):
    item = PlanItem.objects.get(outcome__plan=home_care_plan, description=HOME_CARE["description"])
    request = services.ask(
        actor=practitioner, plan_id=home_care_plan.pk, item_id=item.pk, needed_from=timezone.localdate()
    )
    with pytest.raises(services.CannotBroker) as refused:
        services.record(
            actor=practitioner,
            request_id=request.pk,
            answer=services.Answer("Riverside Home Care", "offered", hours=D("7")),
        )
    assert str(refused.value) == "Enter the day the provider can start. Enter their hourly rate"


def test_a_provider_approached_and_waiting_is_answered_later_with_its_offer(
    client, practitioner, home_care_plan
):
    _, request = asked_for_home_care(client, practitioner, home_care_plan)
    client.post(
        reverse("brokerage_approach_new", args=[request.pk]),
        {"provider": "Riverside Home Care", "answer": "waiting", "note": "Calling back on Friday"},
    )
    approach = BrokerageApproach.objects.get()
    assert approach.answer == "waiting" and not request.case.events.filter(
        milestone=Milestone.BROKERAGE_OFFER_RECORDED
    )
    offer(client, request, "Riverside Home Care", approach=approach)
    approach.refresh_from_db()
    assert (approach.answer, approach.rate) == ("offered", D("21.50"))
    assert BrokerageApproach.objects.count() == 1


@pytest.fixture
def citizens_agreed_plan(
    practitioner, manager, citizen_case, questionnaire, ras_version, delegation_scheme, charging_year
):
    from support_planning.tests.factories import budgeted_case

    case, *_ = budgeted_case(practitioner, citizen_case)
    return agreed_plan(case, practitioner, manager, ways=(HOME_CARE,))


def test_someone_paying_the_full_cost_asks_online_and_sees_the_offer_chosen_on_their_case(
    client, citizen, practitioner, finance_officer, citizens_agreed_plan
):
    case = citizens_agreed_plan.case
    item = PlanItem.objects.get(outcome__plan=citizens_agreed_plan, description=HOME_CARE["description"])
    client.force_login(citizen)
    before = client.get(reverse("your_brokerage", args=[case.pk])).text
    assert "Your worker arranges the support in your plan with you" in before
    assert client.post(reverse("your_brokerage", args=[case.pk]), {"item": item.pk}).status_code == 200
    assert not BrokerageRequest.objects.exists()

    assert "Help to find your support" not in client.get(reverse("citizen_case", args=[case.pk])).text
    pays_the_full_cost(case, finance_officer)
    theirs = client.get(reverse("citizen_case", args=[case.pk])).text
    assert (
        "Help to find your support" in theirs
        and "Ask us to find a provider for the support in your plan" in theirs
    )
    past = client.post(
        reverse("your_brokerage", args=[case.pk]),
        {"item": item.pk, **date_fields("needed_from", timezone.localdate() - datetime.timedelta(days=2))},
    ).text
    assert "The date the support is needed from must be today or in the future" in past
    client.post(
        reverse("your_brokerage", args=[case.pk]),
        {"item": item.pk, **date_fields("needed_from", timezone.localdate())},
    )
    request = BrokerageRequest.objects.get()
    assert request.by_the_person and request.self_funder
    start = timezone.localdate() + datetime.timedelta(days=5)
    chosen = services.record(
        actor=practitioner,
        request_id=request.pk,
        answer=services.Answer("Riverside Home Care", "offered", starts_on=start, hours=D("7"), rate=D("21")),
    )
    services.choose(actor=practitioner, request_id=request.pk, approach_id=chosen.pk)
    theirs = client.get(reverse("citizen_case", args=[case.pk])).text
    assert "Riverside Home Care will provide “Help to wash and dress each morning”" in theirs
    assert f"{start:%-d %B %Y}" in theirs


def test_an_offer_by_name_replaces_the_directory_service_the_plan_named_so_its_order_goes_to_the_new_provider(
    practitioner, manager, home_care_plan
):
    from directory.tests.factories import ServiceFactory, district
    from reviews import letters

    district("NR1")
    old = ServiceFactory(name="Old Mill Home Care", at="NR1")
    item = PlanItem.objects.get(outcome__plan=home_care_plan, description=HOME_CARE["description"])
    item.service_id, item.service_name = str(old.uuid), old.name
    item.save(update_fields=["service_id", "service_name"])
    assert letters.provider_addresses([item])  # an order would be written to the Old Mill
    request = services.ask(
        actor=practitioner, plan_id=home_care_plan.pk, item_id=item.pk, needed_from=timezone.localdate()
    )
    _, wensum = two_offers(practitioner, request)  # named, not found in the directory
    services.choose(actor=manager, request_id=request.pk, approach_id=wensum.pk)
    item.refresh_from_db()
    assert (item.provider, item.service_id, item.service_name) == ("Wensum Care Co-operative", "", "")
    assert letters.provider_addresses([item]) == {}  # nothing written to the Old Mill's address


def test_someone_else_cannot_see_or_ask_for_a_persons_brokerage(client, other_citizen, citizens_agreed_plan):
    client.force_login(other_citizen)
    case = citizens_agreed_plan.case
    assert client.get(reverse("your_brokerage", args=[case.pk])).status_code == 404
    assert client.post(reverse("your_brokerage", args=[case.pk]), {}).status_code == 404


def test_a_new_provider_found_at_a_review_takes_over_with_its_own_order_and_the_old_one_is_told_it_ends(
    practitioner, manager, home_care_plan, time_machine
):
    from cases.models import Letter, LetterType
    from reviews import services as review_services
    from reviews.models import Review, ServiceOrder
    from reviews.tests.conftest import gone_live

    item = PlanItem.objects.get(outcome__plan=home_care_plan, description=HOME_CARE["description"])
    item.provider = "Riverside Home Care"
    item.save(update_fields=["provider"])
    gone_live(home_care_plan, practitioner)
    case = home_care_plan.case
    first = ServiceOrder.objects.get(item=item)
    review = Review.objects.get(case=case, status=Review.Status.SCHEDULED)
    review_services.start_review(actor=practitioner, review_id=review.pk)
    request = services.ask(
        actor=practitioner, plan_id=home_care_plan.pk, item_id=item.pk, needed_from=timezone.localdate()
    )
    assert request.at_review
    _, wensum = two_offers(practitioner, request)
    services.choose(actor=practitioner, request_id=request.pk, approach_id=wensum.pk)

    old, new = ServiceOrder.objects.filter(item=item).order_by("pk")
    assert old.pk == first.pk
    assert (old.provider, old.weekly, old.ends_on) == (
        "Riverside Home Care",
        first.weekly,
        wensum.starts_on - datetime.timedelta(days=1),
    )
    assert (new.provider, new.weekly, new.starts_on, new.ends_on) == (
        "Wensum Care Co-operative",
        D("140.00"),
        wensum.starts_on,
        None,
    )
    # Riverside keeps its order as it was sent, and is told it ends; Wensum gets its own order, numbered anew.
    orders = Letter.objects.filter(case=case, letter_type=LetterType.PROVIDER_ORDER).order_by("pk")
    assert [(o.content["provider"], o.content["order"]) for o in orders] == [
        ("Riverside Home Care", old.pk),
        ("Wensum Care Co-operative", new.pk),
    ]
    notice = Letter.objects.get(case=case, letter_type=LetterType.PROVIDER_ENDING)
    assert (notice.content["provider"], notice.content["order"]) == ("Riverside Home Care", old.pk)
    assert "another provider will provide this support" in notice.content["because"]
    changed = case.events.get(milestone=Milestone.PROVIDER_CHANGED)
    assert "Wensum Care Co-operative takes over from Riverside Home Care" in changed.summary
    assert (changed.facts["ended_order"], changed.facts["order"]) == (old.pk, new.pk)
    # Choosing again changes nothing more.
    services.choose(actor=practitioner, request_id=request.pk, approach_id=wensum.pk)
    assert ServiceOrder.objects.filter(item=item).count() == 2
    # Riverside sees the person under "People you support" until its last day, and not once Wensum has started.
    from directory.tests.factories import OrganizationFactory
    from reviews import providers

    riverside = OrganizationFactory(name="Riverside Home Care")
    assert providers.items_naming(riverside).filter(pk=item.pk).exists()
    time_machine.move_to(datetime.datetime.combine(wensum.starts_on, datetime.time(12), tzinfo=datetime.UTC))
    assert not providers.items_naming(riverside).filter(pk=item.pk).exists()


def replaced(plan, practitioner, manager):
    """A later version of the plan, with the same support, agreed in its place; its support not started yet."""
    from support_planning import services as plan_services
    from support_planning.models import SupportPlan
    from validation import services as sign_off

    new = plan_services.start_plan(actor=practitioner, case_id=plan.case_id)
    plan_services.submit(
        actor=practitioner, plan_id=new.pk, seen_version=new.version, gap_reason="Family help"
    )
    new.refresh_from_db()
    if new.status == SupportPlan.Status.SUBMITTED:
        sign_off.agree(actor=manager, plan_id=new.pk, seen_decisions=0)
        new.refresh_from_db()
    assert new.status == SupportPlan.Status.AGREED
    return new


def test_a_request_for_a_plan_replaced_by_a_later_version_is_refused_beside_the_offer_and_withdrawn_when_its_support_starts(
    client, practitioner, manager, home_care_plan
):
    from cases.selectors import brokerage_on
    from reviews import services as review_services

    item, request = asked_for_home_care(client, practitioner, home_care_plan)
    riverside, _ = two_offers(practitioner, request)
    new = replaced(home_care_plan, practitioner, manager)

    with pytest.raises(services.CannotBroker, match="replaced by a later version"):
        services.choose(actor=practitioner, request_id=request.pk, approach_id=riverside.pk)
    refused = client.post(reverse("brokerage_choose", args=[request.pk, riverside.pk]))
    assert refused.status_code == 200
    assert "There is a problem" in refused.text and f'href="#offer-{riverside.pk}"' in refused.text
    assert "The plan this was asked for has been replaced by a later version" in refused.text
    assert "Choose this offer" not in refused.text
    item.refresh_from_db()
    assert item.provider == ""
    assert "Plan replaced: nothing to choose" in client.get(reverse("brokerage_queue")).text

    new_item = PlanItem.objects.get(outcome__plan=new, description=HOME_CARE["description"])
    review_services.go_live(
        actor=practitioner,
        plan_id=new.pk,
        starts_on=timezone.localdate(),
        providers={new_item.pk: "Riverside Home Care"},
    )
    request.refresh_from_db()
    assert request.status == BrokerageRequest.Status.WITHDRAWN
    assert "Nothing is waiting for a provider" in client.get(reverse("brokerage_queue")).text
    assert "No longer needed" in client.get(reverse("brokerage_request", args=[request.pk])).text
    assert request.case.events.filter(milestone=Milestone.BROKERAGE_WITHDRAWN).count() == 1
    assert brokerage_on(request.case) == []
    with pytest.raises(services.CannotBroker, match="replaced by a later version"):
        services.record(
            actor=practitioner, request_id=request.pk, answer=services.Answer("Another", "waiting")
        )
