"""The reviews queue: due soon, due and overdue, for the team or the worker's own cases."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.models import Case
from cases.roles import Role
from cases.tests.factories import CaseFactory, PersonFactory, UserFactory
from reviews import selectors, services
from reviews.models import Review, SelfReview
from reviews.schedule import Standing, Why

pytestmark = pytest.mark.django_db


def test_the_queue_shows_each_review_by_how_pressing_it_is(client, practitioner, manager, agreed):
    today = timezone.localdate()
    services.go_live(
        actor=practitioner,
        plan_id=agreed.pk,
        starts_on=today,
        direct_payment=services.DirectPaymentStart(today, today),
    )
    review = Review.objects.get(case=agreed.case)
    assert list(selectors.reviews_for(practitioner, today)) == []  # 6 weeks away: not yet on the queue

    Review.objects.filter(pk=review.pk).update(
        opens=today + datetime.timedelta(days=20), due_by=today + datetime.timedelta(days=34)
    )
    [listed] = selectors.reviews_for(practitioner, today)
    assert listed == review and listed.standing(today) == Standing.SOON
    Review.objects.filter(pk=review.pk).update(
        opens=today - datetime.timedelta(days=20), due_by=today - datetime.timedelta(days=1)
    )
    assert list(selectors.reviews_for(manager, today)) == [review]
    assert selectors.standing_counts(selectors.reviews_for(manager, today), today)[Standing.OVERDUE] == 1

    client.force_login(practitioner)
    page = client.get(reverse("review_queue")).text
    assert agreed.case.person.full_name in page and "Overdue" in page
    Case.objects.filter(pk=agreed.case_id).update(allocated_worker=practitioner)
    assert agreed.case.person.full_name in client.get(reverse("review_queue") + "?whose=mine").text
    colleague = UserFactory(username="colleague", role=Role.PRACTITIONER, team=practitioner.team)
    client.force_login(colleague)
    assert agreed.case.person.full_name not in client.get(reverse("review_queue") + "?whose=mine").text
    assert agreed.case.person.full_name in client.get(reverse("review_queue")).text  # their team's


def review_in(days: int, plan, team, family_name: str) -> Review:
    """A review of someone in `team` whose two-week window opens `days` from today."""
    opens = timezone.localdate() + datetime.timedelta(days=days)
    case = CaseFactory(team=team, person=PersonFactory(family_name=family_name))
    return Review.objects.create(
        case=case, plan=plan, opens=opens, due_by=opens + datetime.timedelta(days=14), why=Why.FIRST
    )


def test_a_long_queue_is_shown_25_at_a_time_the_most_pressing_first(client, manager, citizen, agreed):
    for n in range(20):
        review_in(10, agreed, manager.team, f"Soonby{n}")
    for n in range(10):
        review_in(-30, agreed, manager.team, f"Latterly{n}")
    far_off = review_in(200, agreed, manager.team, "Farrant")
    SelfReview.objects.create(
        case=far_off.case, plan=agreed, review=far_off, written_by=citizen, sent_at=timezone.now()
    )
    client.force_login(manager)
    first = client.get(reverse("review_queue")).text
    assert first.count('<tr class="govuk-table__row">') == 2 + 25  # two headings' header rows, 25 reviews
    assert "<strong>10</strong> overdue" in first and "<strong>20</strong> due soon" in first
    assert "<strong>1</strong> not yet due, with something to read now" in first
    assert first.index("Overdue (10)") < first.index("Latterly9") < first.index("Due soon (20)")
    assert "Showing 1 to 25 of 31 reviews." in first and 'rel="next"' in first
    second = client.get(reverse("review_queue"), {"page": 2}).text
    assert "Showing 26 to 31 of 31 reviews." in second and "Overdue (10)" not in second
    assert second.index("Due soon (20)") < second.index("Not yet due, with something to read now (1)")
    assert "Farrant" in second and "Self-review received" in second


def test_the_queue_costs_the_same_queries_however_many_reviews_it_holds(client, manager, agreed):
    client.force_login(manager)
    client.get(reverse("review_queue"))  # the session in use, as on every request but the first

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("review_queue")).status_code == 200
        return len(captured)

    review_in(-30, agreed, manager.team, "Latterly")
    few = queries()
    for n in range(40):
        review_in(n - 30, agreed, manager.team, f"Many{n}")
    assert queries() == few


def test_a_worker_with_nothing_on_the_queue_is_told_so(client, practitioner):
    client.force_login(practitioner)
    page = client.get(reverse("review_queue"), {"whose": "mine", "page": "9"})
    assert page.status_code == 200
    assert "No reviews are due soon, due or overdue on the cases allocated to you." in page.text


@pytest.mark.parametrize("window_days", [14, 0])
def test_the_queue_counts_each_review_where_the_schedule_says_it_stands_to_the_day(
    manager, agreed, window_days
):
    opens = timezone.localdate()
    review = Review.objects.create(
        case=CaseFactory(team=manager.team),
        plan=agreed,
        opens=opens,
        due_by=opens + datetime.timedelta(days=window_days),
        why=Why.FIRST,
    )
    seen = set()
    for offset in range(-30, window_days + 3):  # from before "due soon" to after the last day
        today = opens + datetime.timedelta(days=offset)
        in_python = review.standing(today)
        counts = selectors.standing_counts(Review.objects.filter(pk=review.pk), today)
        assert counts == {standing: int(standing == in_python) for standing in selectors.PRESSING}, today
        seen.add(in_python)
    assert seen == set(Standing)
