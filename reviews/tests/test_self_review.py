"""The person's self-review online: once their support is in place they answer for each outcome of their plan, say
what has changed and how their direct payment is working, check and send it once; it lands with their worker as the
start of the review scheduled, or asks for one."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.milestones import Milestone
from cases.models import AccessEvent
from reviews import schedule, selectors, self_review
from reviews.citizen_views import WHAT
from reviews.models import Met, Review, SelfReview
from reviews.schedule import Why
from reviews.tests.conftest import ARRANGED, agreed_plan, gone_live
from support_planning.tests.factories import budgeted_case
from tests.form_values import missing_answers

pytestmark = pytest.mark.django_db


def pages(case):
    pk = case.pk
    return {
        "start": reverse("self_review", args=[pk]),
        "outcome": lambda n: reverse("self_review_outcome", args=[pk, n]),
        "changes": reverse("self_review_changes", args=[pk]),
        "money": reverse("self_review_money", args=[pk]),
        "else": reverse("self_review_anything_else", args=[pk]),
        "check": reverse("self_review_check", args=[pk]),
        "sent": reverse("self_review_sent", args=[pk]),
    }


def answer_everything(client, case, outcomes: int = 2):
    page = pages(case)
    client.post(page["start"])
    for number, met in zip(range(1, outcomes + 1), ["met", "partly", "not_met"], strict=False):
        client.post(page["outcome"](number), {"met": met, "in_my_words": f"About outcome {number}"})
    client.post(page["changes"], {"what_changed": "My knee is worse since the winter"})
    client.post(page["money"], {"money": "problems", "money_words": "The payroll is confusing"})
    client.post(page["else"], {"anything_else": ""})


def test_the_person_answers_one_question_a_page_and_sends_it_to_their_worker(
    client, citizen, practitioner, citizens_live_plan
):
    case, plan = citizens_live_plan.case, citizens_live_plan
    outcomes = selectors.outcomes_of(plan)
    page = pages(case)
    client.force_login(citizen)
    own = client.get(reverse("citizen_case", args=[case.pk])).text
    assert "Tell us how your support is going" in own

    start = client.get(page["start"]).text
    assert f"Your review is due by {Review.objects.get(case=case).due_by:%-d %B %Y}" in start
    assert "how your direct payment is working" in start
    assert client.post(page["start"]).url == page["outcome"](1)
    first = client.get(page["outcome"](1)).text
    assert outcomes[0].in_my_words in first and "Your outcomes, 1 of 2" in first
    assert client.post(page["outcome"](1), {"met": "partly", "in_my_words": "Mornings are rushed"}).url == (
        page["outcome"](2)
    )
    assert client.post(page["outcome"](2), {"met": "met"}).url == page["changes"]
    assert client.post(page["changes"], {"what_changed": "My daughter moved away"}).url == page["money"]
    assert client.post(page["money"], {"money": "well"}).url == page["else"]
    assert client.post(page["else"], {"anything_else": "Thank you"}).url == page["check"]

    check = client.get(page["check"]).text
    assert "Mornings are rushed" in check and "My daughter moved away" in check and "It works well" in check
    # Changing an answer from the check page comes back to it.
    change = f"{page['outcome'](2)}?then=check"
    assert change.replace("&", "&amp;") in check
    assert client.post(change, {"met": "not_met", "in_my_words": "Lunch is often late"}).url == page["check"]

    assert client.post(page["check"]).url == page["sent"]
    sent = SelfReview.objects.get(case=case)
    review = Review.objects.get(case=case, status=Review.Status.SCHEDULED)
    assert sent.review == review and sent.is_sent and sent.written_by == citizen
    assert {answer.outcome_id: answer.met for answer in sent.answers.all()} == {
        outcomes[0].pk: Met.PARTLY,
        outcomes[1].pk: Met.NOT_MET,
    }
    event = case.events.get(milestone=Milestone.SELF_REVIEW_RECEIVED)
    assert event.facts["review"] == review.pk and event.facts["outcomes_not_met"] == 1
    assert event.facts["review_scheduled_now"] is False
    confirmation = client.get(page["sent"]).text
    assert "Sent to your worker" in confirmation and "Lunch is often late" in confirmation
    assert AccessEvent.objects.filter(case=case, user=citizen, action="change", what=WHAT).exists()

    # The worker finds it on the queue (the review is weeks off, but there is something to read) and the case.
    client.force_login(practitioner)
    queue = client.get(reverse("review_queue")).text
    assert "Self-review received" in queue and case.person.full_name in queue
    assert reverse("case_review", args=[case.pk]) in client.get(reverse("case", args=[case.pk])).text
    review_page = client.get(reverse("case_review", args=[case.pk])).text
    assert "Mornings are rushed" in review_page and "Lunch is often late" in review_page
    assert "My daughter moved away" in review_page and "Thank you" in review_page
    start_from = selectors.review_start(case)
    assert [said.person.met for said in start_from.outcomes] == [Met.PARTLY, Met.NOT_MET]


def test_another_persons_case_is_not_found_on_any_page(client, other_citizen, citizens_live_plan):
    case = citizens_live_plan.case
    client.force_login(other_citizen)
    page = pages(case)
    for url in [page["start"], page["outcome"](1), page["changes"], page["check"]]:
        assert client.get(url).status_code == 404
        assert client.post(url, {"met": "met", "what_changed": "x"}).status_code == 404
    assert client.get(page["sent"]).status_code == 404
    assert not SelfReview.objects.exists()


def test_sending_it_twice_makes_one_self_review_and_one_event(client, citizen, citizens_live_plan):
    case = citizens_live_plan.case
    client.force_login(citizen)
    answer_everything(client, case)
    page = pages(case)
    first, second = client.post(page["check"]), client.post(page["check"])
    assert first.url == second.url == page["sent"]
    draft = SelfReview.objects.get(case=case)
    assert self_review.send(actor=citizen, self_review_id=draft.pk) == draft
    assert SelfReview.objects.count() == 1
    assert case.events.filter(milestone=Milestone.SELF_REVIEW_RECEIVED).count() == 1
    # Starting again for the same review shows what was sent rather than a new one.
    assert client.post(page["start"]).url == page["sent"]
    assert client.get(page["start"]).url == page["sent"]
    assert client.get(page["outcome"](1)).url == page["sent"]
    assert SelfReview.objects.count() == 1


def test_with_no_review_scheduled_sending_it_asks_for_one_due_at_once(client, citizen, citizens_live_plan):
    case = citizens_live_plan.case
    Review.objects.filter(case=case).update(status=Review.Status.CANCELLED)
    client.force_login(citizen)
    assert "Sending this asks us to review your support" in client.get(pages(case)["start"]).text
    answer_everything(client, case)
    client.post(pages(case)["check"])
    review = Review.objects.get(case=case, status=Review.Status.SCHEDULED)
    today = timezone.localdate()
    assert (review.opens, review.due_by, review.why) == (today, today, Why.ASKED_FOR)
    assert SelfReview.objects.get(case=case).review == review
    event = case.events.get(milestone=Milestone.SELF_REVIEW_RECEIVED)
    assert event.facts["review_scheduled_now"] is True
    assert review.standing(today) == schedule.Standing.DUE


def test_a_question_left_unanswered_is_shown_beside_it_and_nothing_typed_is_lost(
    client, citizen, citizens_live_plan
):
    case = citizens_live_plan.case
    page = pages(case)
    client.force_login(citizen)
    client.post(page["start"])
    refused = client.post(page["outcome"](1), {"in_my_words": "The carer is often late"})
    assert refused.status_code == 200
    text = refused.text
    assert "govuk-error-summary" in text and 'href="#id_met"' in text
    assert 'class="govuk-error-message"' in text and "Select yes, partly or no" in text
    assert "The carer is often late" in text and text.startswith("<!DOCTYPE html>")
    assert "<title>Error:" in text

    too_long = client.post(page["changes"], {"what_changed": "x" * 4001})
    assert "must be 4,000 characters or fewer" in too_long.text
    assert "Tell us what has changed, or that nothing has" in client.post(page["changes"], {}).text
    assert "Select how your direct payment is working" in client.post(page["money"], {}).text
    assert client.post(page["outcome"](99), {"met": "met"}).status_code == 404
    assert client.post(page["outcome"](1), {"met": "sometimes"}).status_code == 200

    # Sending before everything is answered says what is missing, linked to its page; nothing is sent.
    check = client.post(page["check"])
    assert check.status_code == 200
    assert "Tell us whether your support is helping with outcome 1" in check.text
    assert page["outcome"](1) in check.text
    assert not SelfReview.objects.filter(sent_at__isnull=False).exists()


def test_before_support_is_in_place_the_person_is_told_and_taken_to_their_case(
    client, citizen, practitioner, manager, citizen_case, questionnaire, ras_version, delegation_scheme
):
    case, *_ = budgeted_case(practitioner, citizen_case)
    agreed_plan(case, practitioner, manager)
    client.force_login(citizen)
    for url in [pages(case)["start"], pages(case)["outcome"](1)]:
        response = client.get(url, follow=True)
        assert response.redirect_chain[-1][0] == reverse("citizen_case", args=[case.pk])
        assert self_review.NOT_IN_PLACE in response.text
    assert "Tell us how your support is going" not in client.get(reverse("citizen_case", args=[case.pk])).text
    with pytest.raises(self_review.CannotSelfReview):
        self_review.start(actor=citizen, case_id=case.pk)


def test_without_a_direct_payment_there_is_no_question_about_one(
    client, citizen, practitioner, manager, citizen_case, questionnaire, ras_version, delegation_scheme
):
    case, *_ = budgeted_case(practitioner, citizen_case)
    gone_live(agreed_plan(case, practitioner, manager, ways=(ARRANGED,)), practitioner)
    page = pages(case)
    client.force_login(citizen)
    assert "direct payment" not in client.get(page["start"]).text
    client.post(page["start"])
    assert client.post(page["changes"], {"what_changed": "Nothing"}).url == page["else"]
    assert client.get(page["money"]).status_code == 404


def test_what_is_still_to_answer_follows_the_pages():
    missing = self_review.still_to_answer(
        outcome_ids=[7, 8, 9], answered={8}, what_changed=" ", direct_payment=True, money=""
    )
    assert [(m.page, m.number) for m in missing] == [
        ("outcome", 1),
        ("outcome", 3),
        ("changes", 0),
        ("money", 0),
    ]
    assert (
        self_review.still_to_answer(
            outcome_ids=[7], answered={7}, what_changed="Nothing", direct_payment=False, money=""
        )
        == []
    )


def test_an_answer_about_an_outcome_not_in_the_plan_is_refused(citizen, citizens_live_plan):
    case = citizens_live_plan.case
    draft = self_review.start(actor=citizen, case_id=case.pk)
    assert self_review.start(actor=citizen, case_id=case.pk) == draft  # the one under way, carried on
    outcome = selectors.outcomes_of(citizens_live_plan)[0]
    with pytest.raises(self_review.CannotSelfReview):
        self_review.answer_outcome(
            actor=citizen, self_review_id=draft.pk, outcome_id=outcome.pk + 1000, met="met", in_my_words=""
        )


def test_each_page_shows_its_answer_again_and_every_change_link_opens_it_with_the_answer_kept(
    client, citizen, citizens_live_plan
):
    case = citizens_live_plan.case
    page = pages(case)
    given = {
        page["outcome"](1): {"met": "partly", "in_my_words": "Mornings are rushed"},
        page["outcome"](2): {"met": "met", "in_my_words": ""},
        page["changes"]: {"what_changed": "My daughter moved away"},
        page["money"]: {"money": "problems", "money_words": "Payroll"},
        page["else"]: {"anything_else": "Thank you"},
    }
    client.force_login(citizen)
    client.post(page["start"])
    for url, data in given.items():
        assert client.post(url, data).status_code == 302, url
    for url, data in given.items():
        again = client.get(url)
        assert again.status_code == 200 and missing_answers(again.text, data) == {}, url
    rows = client.get(page["check"]).context["rows"]
    assert [row["href"] for row in rows] == [f"{url}?then=check" for url in given]
    for url, data in given.items():
        assert missing_answers(client.get(f"{url}?then=check").text, data) == {}
        assert client.post(f"{url}?then=check", data).url == page["check"]


def test_the_worker_records_the_review_starting_from_what_the_person_said(
    client, citizen, practitioner, citizens_live_plan
):
    case = citizens_live_plan.case
    client.force_login(citizen)
    answer_everything(client, case)
    client.post(pages(case)["check"])
    review = Review.objects.get(case=case, status=Review.Status.SCHEDULED)
    first, second = selectors.outcomes_of(citizens_live_plan)
    client.force_login(practitioner)
    client.post(reverse("hold_review", args=[review.pk]), {"start": "1"})
    form = client.get(reverse("hold_review", args=[review.pk])).text
    assert "sent their self-review on" in form
    assert (
        missing_answers(
            form,
            {
                f"achieved_{first.pk}": "met",
                f"note_{first.pk}": "About outcome 1",
                f"achieved_{second.pk}": "partly",
                f"note_{second.pk}": "About outcome 2",
                "what_changed": "My knee is worse since the winter",
            },
        )
        == {}
    )
