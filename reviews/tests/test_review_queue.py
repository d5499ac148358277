"""The reviews queue: due soon, due and overdue, for the team or the worker's own cases."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case
from cases.roles import Role
from cases.tests.factories import UserFactory
from reviews import selectors, services
from reviews.models import Review
from reviews.schedule import Standing

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
    assert (
        selectors.reviews_for(practitioner, today)[Standing.SOON] == []
    )  # 6 weeks away: not yet on the queue

    Review.objects.filter(pk=review.pk).update(
        opens=today + datetime.timedelta(days=20), due_by=today + datetime.timedelta(days=34)
    )
    assert selectors.reviews_for(practitioner, today)[Standing.SOON] == [review]
    Review.objects.filter(pk=review.pk).update(
        opens=today - datetime.timedelta(days=20), due_by=today - datetime.timedelta(days=1)
    )
    assert selectors.reviews_for(manager, today)[Standing.OVERDUE] == [review]

    client.force_login(practitioner)
    page = client.get(reverse("review_queue")).text
    assert agreed.case.person.full_name in page and "Overdue" in page
    Case.objects.filter(pk=agreed.case_id).update(allocated_worker=practitioner)
    assert agreed.case.person.full_name in client.get(reverse("review_queue") + "?whose=mine").text
    colleague = UserFactory(username="colleague", role=Role.PRACTITIONER, team=practitioner.team)
    client.force_login(colleague)
    assert agreed.case.person.full_name not in client.get(reverse("review_queue") + "?whose=mine").text
    assert agreed.case.person.full_name in client.get(reverse("review_queue")).text  # their team's
