"""The daily invitations run by two workers at the same moment, in two real database sessions (beat sent it twice,
or a worker restarted while another had picked it up): everyone waiting is invited once, with one letter."""

import threading

import pytest
from django.db import connection

from cases.milestones import Milestone
from cases.models import CaseEvent, Letter, LetterType
from cases.tests.factories import CaseFactory
from reviews import invitations, schedule
from reviews.models import Review, ReviewInvitation
from reviews.tests.test_invitations import started

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_workers_inviting_at_once_invite_everyone_once(practitioner, agreed):
    today = started(agreed, practitioner).opens
    for case in [CaseFactory() for _ in range(40)]:
        Review.objects.create(case=case, plan=agreed, opens=today, due_by=today, why=schedule.Why.ASKED_FOR)
    start = threading.Barrier(2)
    invited: dict[str, int] = {}
    failed: dict[str, BaseException] = {}

    def run(name):
        try:
            start.wait(timeout=10)
            invited[name] = invitations.invite_to_reviews(today=today, batch_size=5)
        except BaseException as error:
            failed[name] = error
        finally:
            connection.close()

    workers = [threading.Thread(target=run, args=(name,)) for name in ("one", "two")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)

    assert failed == {}
    assert sum(invited.values()) == 41
    assert ReviewInvitation.objects.count() == 41
    assert ReviewInvitation.objects.values("review").distinct().count() == 41
    assert Letter.objects.filter(letter_type=LetterType.REVIEW_INVITATION).count() == 41
    assert CaseEvent.objects.filter(milestone=Milestone.REVIEW_DUE).count() == 41
    assert invitations.invite_to_reviews(today=today) == 0
