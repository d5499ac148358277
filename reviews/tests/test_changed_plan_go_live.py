"""A plan changed at a review going live: the earlier plan's support ends the day before the new support starts (each
provider whose service ends sent a notice, the direct payment agreement ended), a service carried on unchanged keeps
its order and is sent nothing, and the new plan's direct payment and orders start as any go-live's. Providers keep
sight of the person while the changed plan is written, sent and agreed, and lose it once their order has ended."""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.milestones import Milestone
from cases.models import Case, Letter, LetterType
from cases.stages import Stage
from reviews import ending_services, providers, replacing, selectors, services
from reviews.ending import EndReason
from reviews.models import DirectPaymentAgreement, Review, ServiceOrder
from reviews.tests.conftest import DIRECT_PAYMENT, agreed_plan, gone_live
from support_planning import services as plan_services
from support_planning.models import Management, PlanItem, SupportPlan
from validation import services as sign_off

pytestmark = pytest.mark.django_db

RIVERSIDE = "Riverside Home Care"
LUNCHES = {
    "kind": PlanItem.Kind.PAID,
    "description": "Lunch delivered on weekdays",
    "provider": RIVERSIDE,
    "management": Management.COUNCIL_MANAGED,
    "basis": PlanItem.Basis.WEEKLY,
    "amount": D("35.00"),
}


@pytest.fixture
def in_place(budgeted, practitioner, manager, delegation_scheme):
    """Margaret's plan (a £140 a week direct payment, and lunches from Riverside Home Care at £35 a week) in place
    since four weeks ago."""
    case, *_ = budgeted
    plan = agreed_plan(case, practitioner, manager, ways=(DIRECT_PAYMENT, LUNCHES))
    return gone_live(plan, practitioner, starts_on=timezone.localdate() - datetime.timedelta(weeks=4))


def draft_at_review(plan, practitioner) -> SupportPlan:
    """The plan's review held, finding it needs changing: the new draft, copied from it."""
    review = Review.objects.get(case=plan.case, status=Review.Status.SCHEDULED)
    services.start_review(actor=practitioner, review_id=review.pk)
    services.hold_review(
        actor=practitioner,
        review_id=review.pk,
        findings=[services.Finding(outcome.pk, "partly") for outcome in plan.outcomes.all()],
        what_changed="She wants a hot meal at weekends too",
        result=Review.Result.PLAN_CHANGE,
    )
    return SupportPlan.objects.get(case=plan.case, status=SupportPlan.Status.DRAFT)


def changed(draft, practitioner, description: str, **details) -> SupportPlan:
    """The draft's item `description` changed by `details` (its other fields as they were)."""
    item = PlanItem.objects.get(outcome__plan=draft, description=description)
    fields = ("kind", "description", "provider", "management", "basis", "amount", "hours", "rate")
    return saved(draft, practitioner, item, {**{name: getattr(item, name) for name in fields}, **details})


def saved(draft, practitioner, item: PlanItem, details: dict, *, anew: bool = False) -> SupportPlan:
    """`details` saved as the draft's `item` (or, `anew`, as a new item for the same outcome)."""
    draft.refresh_from_db()
    plan_services.save_item(
        actor=practitioner,
        plan_id=draft.pk,
        seen_version=draft.version,
        outcome_id=item.outcome_id,
        item_id=None if anew else item.pk,
        details=details,
    )
    draft.refresh_from_db()
    return draft


def sent(draft, practitioner) -> SupportPlan:
    draft.refresh_from_db()
    plan_services.submit(
        actor=practitioner, plan_id=draft.pk, seen_version=draft.version, gap_reason="Family help"
    )
    draft.refresh_from_db()
    return draft


def agreed(draft, practitioner, manager) -> SupportPlan:
    sign_off.agree(actor=manager, plan_id=sent(draft, practitioner).pk, seen_decisions=0)
    draft.refresh_from_db()
    return draft


def started(plan, practitioner, starts_on: datetime.date):
    return services.go_live(
        actor=practitioner,
        plan_id=plan.pk,
        starts_on=starts_on,
        direct_payment=services.DirectPaymentStart(timezone.localdate(), starts_on),
    )


def letters_of(case, letter_type) -> list[Letter]:
    return list(Letter.objects.filter(case=case, letter_type=letter_type).order_by("pk"))


# The rule


def offered(item: int, provider=RIVERSIDE, weekly="35.00", terms=("Lunch",)) -> replacing.Offered:
    return replacing.Offered(item, provider, D(weekly), D("0"), False, terms)


def ordered(order: int, item: int, provider=RIVERSIDE, weekly="35.00", terms=("Lunch",)) -> replacing.Ordered:
    return replacing.Ordered(item, provider, D(weekly), D("0"), False, terms, order=order)


def test_an_order_the_new_plan_carries_on_unchanged_is_kept_and_any_other_ends_with_why():
    orders = [
        ordered(1, 11),
        ordered(2, 12, provider="Riverside  HOME care"),
        ordered(3, 13),
        ordered(4, 14),
        ordered(5, 15),
    ]
    later = [
        offered(21),  # the same
        offered(22),  # the same provider, spelt differently on the plan
        offered(23, weekly="40.00"),  # costs more
        offered(24, provider="Lakeside Meals"),  # another provider
    ]  # 15 dropped

    decided = replacing.replacing(orders, later, {11: 21, 12: 22, 13: 23, 14: 24})

    assert decided.carried == {1: 21, 2: 22}
    assert decided.ended == {
        3: EndReason.PLAN_CHANGED,
        4: EndReason.NEW_PROVIDER,
        5: EndReason.PLAN_CHANGED,
    }
    assert replacing.replacing([ordered(1, 11)], [offered(21, terms=("Lunch and tea",))], {11: 21}).ended == {
        1: EndReason.PLAN_CHANGED
    }


def test_an_item_carries_on_the_one_it_was_copied_from_through_any_versions_between():
    sources = {31: 21, 21: 11, 32: None, 33: 99, 99: None}  # 31 from 21 from 11; 32 typed anew

    assert replacing.carried_to({11, 12}, sources, [31, 32, 33]) == {11: 31}
    assert replacing.last_day(
        starts_on=datetime.date(2026, 12, 7), earlier_started=datetime.date(2026, 11, 1)
    ) == datetime.date(2026, 12, 6)
    assert replacing.last_day(
        starts_on=datetime.date(2026, 12, 7), earlier_started=datetime.date(2026, 12, 7)
    ) == datetime.date(2026, 12, 7)


# Going live


def test_a_changed_plan_going_live_ends_a_changed_service_and_the_direct_payment_the_day_before(
    practitioner, manager, in_place, django_capture_on_commit_callbacks
):
    case = in_place.case
    old_order = ServiceOrder.objects.get(go_live__plan=in_place)
    old_payment = DirectPaymentAgreement.objects.get(go_live__plan=in_place)
    draft = changed(
        draft_at_review(in_place, practitioner), practitioner, LUNCHES["description"], amount=D("40.00")
    )
    plan = agreed(draft, practitioner, manager)
    starts_on = timezone.localdate() + datetime.timedelta(days=7)

    new = started(plan, practitioner, starts_on)

    day_before = starts_on - datetime.timedelta(days=1)
    old_order.refresh_from_db()
    assert old_order.ends_on == day_before and old_order.ending.reason == EndReason.PLAN_CHANGED
    old_payment.refresh_from_db()
    assert old_payment.ends_on == day_before
    order = new.orders.get()
    assert (order.provider, order.weekly, order.starts_on, order.ends_on) == (RIVERSIDE, 40, starts_on, None)
    assert new.direct_payment.ends_on is None
    (notice,) = letters_of(case, LetterType.PROVIDER_ENDING)
    assert notice.content["order"] == old_order.pk and notice.content["ends_on"] == f"{day_before:%-d %B %Y}"
    assert "support plan has changed" in notice.content["because"]
    assert [letter.content["order"] for letter in letters_of(case, LetterType.PROVIDER_ORDER)] == [
        old_order.pk,
        order.pk,
    ]
    assert len(letters_of(case, LetterType.DIRECT_PAYMENT)) == 2
    assert not letters_of(case, LetterType.SUPPORT_ENDING)  # the person's support carries on
    ended = case.events.get(milestone=Milestone.SERVICE_ENDED)
    assert ended.summary == (
        f"Lunch delivered on weekdays from {RIVERSIDE} ends on {day_before:%-d %B %Y}: the plan changed"
    )
    began = case.events.filter(milestone=Milestone.SERVICES_STARTED).latest("pk")
    assert began.summary.endswith(
        f"; it replaces version 1’s support: 1 service ended the day before, the direct payment agreed before ends "
        f"on {day_before:%-d %B %Y}"
    )
    assert began.facts["orders_ended"] == [old_order.pk] and began.facts["replaces_plan"] == in_place.pk
    case.refresh_from_db()
    assert case.stage == Stage.LIVE


def test_a_service_carried_on_unchanged_keeps_its_order_and_its_provider_is_sent_nothing(
    practitioner, manager, in_place
):
    case = in_place.case
    old_order = ServiceOrder.objects.get(go_live__plan=in_place)
    draft = changed(
        draft_at_review(in_place, practitioner), practitioner, DIRECT_PAYMENT["description"], hours=D("8")
    )
    plan = agreed(draft, practitioner, manager)
    starts_on = timezone.localdate()

    new = started(plan, practitioner, starts_on)

    old_order.refresh_from_db()
    assert old_order.ends_on is None and old_order.go_live == new  # the same order, number and all
    assert old_order.item.outcome.plan == plan and old_order.starts_on == in_place.go_live.starts_on
    assert new.orders.get() == old_order
    assert not letters_of(case, LetterType.PROVIDER_ENDING)
    assert len(letters_of(case, LetterType.PROVIDER_ORDER)) == 1  # the one sent when it first started
    payments = letters_of(case, LetterType.DIRECT_PAYMENT)
    assert [letter.content["each"] for letter in payments] == ["560.00", "640.00"]  # every four weeks
    assert payments[0].content["replaces"] is None
    assert payments[1].content["replaces"] == {
        "each": "560.00",
        "how_often": "every four weeks",
        "last_day": f"{starts_on - datetime.timedelta(days=1):%-d %B %Y}",
    }
    assert DirectPaymentAgreement.objects.get(
        go_live__plan=in_place
    ).ends_on == starts_on - datetime.timedelta(days=1)
    began = case.events.filter(milestone=Milestone.SERVICES_STARTED).latest("pk")
    assert "1 service carried on unchanged" in began.summary
    assert began.facts["orders_carried_on"] == [old_order.pk] and began.facts["orders_ended"] == []
    assert not case.events.filter(milestone=Milestone.SERVICE_ENDED).exists()


def test_another_provider_under_the_new_plan_takes_over_and_the_old_one_is_told_why(
    practitioner, manager, in_place
):
    case = in_place.case
    old_order = ServiceOrder.objects.get(go_live__plan=in_place)
    draft = changed(
        draft_at_review(in_place, practitioner),
        practitioner,
        LUNCHES["description"],
        provider="Lakeside Meals",
    )
    new = started(agreed(draft, practitioner, manager), practitioner, timezone.localdate())

    old_order.refresh_from_db()
    assert old_order.ending.reason == EndReason.NEW_PROVIDER
    assert old_order.ends_on == timezone.localdate() - datetime.timedelta(days=1)
    assert new.orders.get().provider == "Lakeside Meals"
    (notice,) = letters_of(case, LetterType.PROVIDER_ENDING)
    assert notice.content["provider"] == RIVERSIDE and "another provider" in notice.content["because"]


def test_a_service_typed_anew_in_the_changed_plan_is_a_new_order_and_the_old_one_ends(
    practitioner, manager, in_place
):
    draft = draft_at_review(in_place, practitioner)
    lunches = PlanItem.objects.get(outcome__plan=draft, description=LUNCHES["description"])
    plan_services.remove_item(
        actor=practitioner, plan_id=draft.pk, seen_version=draft.version, item_id=lunches.pk
    )
    draft = saved(draft, practitioner, lunches, {**LUNCHES, "description": "A hot meal every day"}, anew=True)
    new = started(agreed(draft, practitioner, manager), practitioner, timezone.localdate())

    old_order = ServiceOrder.objects.get(go_live__plan=in_place)
    assert old_order.ending.reason == EndReason.PLAN_CHANGED
    assert new.orders.get().item.description == "A hot meal every day"


def test_a_plan_going_live_a_second_time_changes_nothing_more(practitioner, manager, in_place):
    draft = changed(
        draft_at_review(in_place, practitioner), practitioner, LUNCHES["description"], amount=D("40.00")
    )
    plan = agreed(draft, practitioner, manager)
    first = started(plan, practitioner, timezone.localdate())

    assert started(plan, practitioner, timezone.localdate()) == first
    assert len(letters_of(plan.case, LetterType.PROVIDER_ENDING)) == 1
    assert ServiceOrder.objects.filter(ends_on__isnull=True, go_live__case=plan.case).count() == 1


# What providers see


def test_a_provider_keeps_sight_of_the_person_while_a_changed_plan_waits_and_loses_it_once_its_order_ends(
    client, practitioner, manager, in_place, provider, time_machine
):
    """The provider of the lunches is the user's organisation; the changed plan gives the lunches to another."""
    ours = provider.organisation.name
    ServiceOrder.objects.filter(go_live__plan=in_place).update(provider=ours)
    PlanItem.objects.filter(outcome__plan=in_place, description=LUNCHES["description"]).update(provider=ours)
    case = in_place.case
    client.force_login(provider)
    page = reverse("record_progress", args=[case.pk])

    def sees_them() -> bool:
        listed = case.person.full_name in client.get(reverse("supported_people")).text
        reached = client.get(page).status_code == 200
        assert listed == reached == selectors.organisation_supports(provider.organisation, case)
        return listed

    draft = draft_at_review(in_place, practitioner)
    assert Case.objects.get(pk=case.pk).stage == Stage.SUPPORT_PLANNING
    assert sees_them()  # drafted
    draft = changed(draft, practitioner, LUNCHES["description"], provider="Lakeside Meals")
    draft = sent(draft, practitioner)
    assert Case.objects.get(pk=case.pk).stage == Stage.VALIDATION
    assert sees_them()  # sent for sign-off
    sign_off.agree(actor=manager, plan_id=draft.pk, seen_decisions=0)
    assert Case.objects.get(pk=case.pk).stage == Stage.PLAN_AGREED
    assert sees_them()  # agreed, not started
    form = client.get(page).text
    assert "Lunch delivered on weekdays" in form

    started(draft, practitioner, timezone.localdate() + datetime.timedelta(days=3))
    assert sees_them()  # its order runs until the day before the new support starts
    support = selectors.their_support(provider.organisation, case)
    assert support.live.plan == in_place  # what it provides now, and records progress towards

    time_machine.move_to(timezone.now() + datetime.timedelta(days=3))  # the new plan's support has started
    client.force_login(provider)
    assert not sees_them()
    assert client.get(page).status_code == 404
    assert not providers.items_naming(provider.organisation).exists()


def test_a_provider_carried_on_unchanged_sees_the_person_through_the_new_plan(
    practitioner, manager, in_place, provider
):
    ours = provider.organisation.name
    ServiceOrder.objects.filter(go_live__plan=in_place).update(provider=ours)
    PlanItem.objects.filter(outcome__plan=in_place, description=LUNCHES["description"]).update(provider=ours)
    draft = changed(
        draft_at_review(in_place, practitioner), practitioner, DIRECT_PAYMENT["description"], hours=D("8")
    )
    plan = agreed(draft, practitioner, manager)
    started(plan, practitioner, timezone.localdate())

    support = selectors.their_support(provider.organisation, plan.case)
    assert support.live.plan == plan and [item.outcome.plan for item in support.items] == [plan]
    (person,) = selectors.people_supported_by(provider.organisation)
    assert person.case == plan.case and [item.description for item in person.items] == [
        LUNCHES["description"]
    ]


def test_a_provider_whose_service_a_worker_ended_no_longer_sees_the_person(
    client, practitioner, in_place, provider, time_machine
):
    ours = provider.organisation.name
    ServiceOrder.objects.filter(go_live__plan=in_place).update(provider=ours)
    PlanItem.objects.filter(outcome__plan=in_place, description=LUNCHES["description"]).update(provider=ours)
    order = ServiceOrder.objects.get(go_live__plan=in_place)
    assert selectors.organisation_supports(provider.organisation, in_place.case)

    ending_services.end_service(
        actor=practitioner, order_id=order.pk, ends_on=timezone.localdate(), reason=EndReason.NEEDS_MET
    )
    assert selectors.organisation_supports(provider.organisation, in_place.case)  # its last day is today
    time_machine.move_to(timezone.now() + datetime.timedelta(days=1))
    client.force_login(provider)

    assert not selectors.organisation_supports(provider.organisation, in_place.case)
    client.force_login(provider)
    assert client.get(reverse("record_progress", args=[in_place.case.pk])).status_code == 404


def test_the_worker_sees_what_starting_a_changed_plan_does_to_the_support_in_place_before_pressing(
    client, practitioner, manager, in_place
):
    draft = changed(
        draft_at_review(in_place, practitioner), practitioner, LUNCHES["description"], amount=D("40.00")
    )
    plan = agreed(draft, practitioner, manager)
    order = ServiceOrder.objects.get(go_live__plan=in_place)
    client.force_login(practitioner)

    page = client.get(reverse("go_live", args=[plan.pk])).text

    assert "The support in place now" in page
    assert f"Version 1 of the plan has been in place since {in_place.go_live.starts_on:%-d %B %Y}" in page
    assert f"{RIVERSIDE}, order {plan.case.reference}-{order.pk}" in page
    assert "The plan changed it, or no longer has it: Riverside Home Care is sent a notice" in page
    assert "The direct payment agreed before: £560.00 every four weeks" in page
    assert "Carries on unchanged" not in page
    assert not ServiceOrder.objects.filter(ends_on__isnull=False).exists()  # nothing changed by looking


def test_a_first_plan_s_go_live_page_has_no_support_to_replace(
    client, budgeted, practitioner, manager, delegation_scheme
):
    case, *_ = budgeted
    first = agreed_plan(case, practitioner, manager, ways=(DIRECT_PAYMENT, LUNCHES))
    client.force_login(practitioner)
    assert "The support in place now" not in client.get(reverse("go_live", args=[first.pk])).text
