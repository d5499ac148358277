"""Providers and user-led organisations between reviews: they see only the people whose plans in place name them,
record progress towards the outcomes they support and changes in independence, and ask for a review; all of it
feeds the worker's review."""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.milestones import Milestone
from cases.models import AccessEvent
from cases.roles import Role
from cases.submissions import fresh_token
from cases.tests.factories import UserFactory
from directory.tests.factories import OrganizationFactory, ServiceFactory
from reviews import progress, providers, selectors, services
from reviews.models import ProgressReport, Review, ReviewRequest
from reviews.schedule import Why
from reviews.tests.conftest import ARRANGED, agreed_plan, gone_live
from support_planning.models import Management, PlanItem
from support_planning.tests.factories import budgeted_case
from tests.form_values import missing_answers

pytestmark = pytest.mark.django_db

NILG = "Norwich Independent Living Group"


def way(description: str, provider: str = "", **more) -> dict:
    return {
        "kind": PlanItem.Kind.PAID,
        "description": description,
        "provider": provider,
        "management": Management.COUNCIL_MANAGED,
        "basis": PlanItem.Basis.WEEKLY,
        "amount": D("20.00"),
        **more,
    }


@pytest.fixture
def supported(budgeted, practitioner, manager, delegation_scheme):
    """Margaret's plan in place, naming the provider's organisation (in other capitals and spacing) for help to get
    out, and Riverside Home Care for lunches."""
    case, *_ = budgeted
    return gone_live(
        agreed_plan(
            case,
            practitioner,
            manager,
            ways=(way("Help to get out", "  norwich independent  LIVING group"), ARRANGED),
        ),
        practitioner,
    )


@pytest.fixture
def someone_else(practitioner, manager, citizen_case, delegation_scheme):
    """Another person's plan in place, naming only Riverside Home Care."""
    case, *_ = budgeted_case(practitioner, citizen_case)
    return gone_live(agreed_plan(case, practitioner, manager, ways=(ARRANGED,)), practitioner)


def progress_form(plan, provider, **given) -> dict:
    outcomes = selectors.their_support(provider.organisation, plan.case).outcomes
    data = {"once": str(fresh_token()), "independence": "same", "independence_note": ""}
    for outcome in outcomes:
        data[f"progress_{outcome.pk}"] = "towards"
        data[f"note_{outcome.pk}"] = "Went to the shops with her"
    return {**data, **given}


def test_the_rule_names_an_organisation_by_a_service_it_runs_or_by_its_name_on_the_item_or_its_order(
    budgeted, practitioner, manager, delegation_scheme, provider
):
    case, *_ = budgeted
    service = ServiceFactory(organization=provider.organisation, name="Peer support group")
    ways = (
        way("Peer support", "", service_id=str(service.uuid).upper(), service_name="Peer support group"),
        way("Help to get out", "NORWICH   Independent Living Group "),
        way("Someone to sit with me", ""),  # its provider named at go-live, on the order
        way("Cleaning", f"{NILG} Ltd"),  # another organisation
        ARRANGED,
    )
    plan = agreed_plan(case, practitioner, manager, ways=ways)
    assert not providers.items_naming(provider.organisation).exists()  # agreed, not yet in place
    unnamed = plan.outcomes.first().items.get(description="Someone to sit with me")
    today = timezone.localdate()
    services.go_live(
        actor=practitioner,
        plan_id=plan.pk,
        starts_on=today,
        direct_payment=None,
        providers={unnamed.pk: NILG.lower()},
    )
    named = sorted(providers.items_naming(provider.organisation).values_list("description", flat=True))
    assert named == ["Help to get out", "Peer support", "Someone to sit with me"]
    assert providers.provider_key("  Norwich\tIndependent  Living Group ") == NILG.lower()
    assert selectors.organisation_supports(provider.organisation, case)
    assert not selectors.organisation_supports(OrganizationFactory(name="Riverside"), case)


def test_a_provider_sees_and_reaches_only_the_people_their_organisation_supports(
    client, provider, supported, someone_else
):
    client.force_login(provider)
    listed = client.get(reverse("supported_people")).text
    assert supported.case.person.full_name in listed and "Help to get out" in listed
    assert someone_else.case.person.full_name not in listed
    assert client.get(reverse("record_progress", args=[supported.case.pk])).status_code == 200
    for name in ("record_progress", "ask_for_review"):
        url = reverse(name, args=[someone_else.case.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"because": "x", "independence": "same"}).status_code == 404
        assert client.get(reverse(name, args=[someone_else.case.pk + 1000])).status_code == 404
    assert not ProgressReport.objects.exists() and not ReviewRequest.objects.exists()
    assert AccessEvent.objects.filter(user=provider, case=someone_else.case, action="denied").count() == 4

    # Someone at Riverside Home Care sees the other person, and not Margaret's help to get out.
    riverside = UserFactory(
        username="riverside",
        role=Role.PROVIDER,
        team=None,
        organisation=OrganizationFactory(name="Riverside Home Care"),
    )
    client.force_login(riverside)
    listed = client.get(reverse("supported_people")).text
    assert someone_else.case.person.full_name in listed and supported.case.person.full_name in listed
    page = client.get(reverse("record_progress", args=[supported.case.pk])).text
    assert "Lunch delivered on weekdays" in page and "Help to get out" not in page


def test_a_provider_records_progress_and_the_worker_reads_it_with_the_review(
    client, provider, practitioner, supported
):
    case = supported.case
    client.force_login(provider)
    page = client.get(reverse("record_progress", args=[case.pk])).text
    served = selectors.their_support(provider.organisation, case).outcomes
    assert len(served) == 1 and served[0].in_my_words in page
    data = progress_form(supported, provider, independence="less", independence_note="Falls more often")
    data[f"progress_{served[0].pk}"] = "not"
    response = client.post(reverse("record_progress", args=[case.pk]), data)
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    assert (report.organisation, report.independence, report.review) == (
        provider.organisation,
        "less",
        Review.objects.get(case=case, status="scheduled"),
    )
    assert [(n.outcome_id, n.progress, n.note) for n in report.notes.all()] == [
        (served[0].pk, "not", "Went to the shops with her")
    ]
    event = case.events.get(milestone=Milestone.PROGRESS_RECORDED)
    assert event.facts["not_moving"] == 1 and event.facts["independence"] == "less"
    assert AccessEvent.objects.filter(user=provider, case=case, action="change").exists()
    assert (
        "Falls more often" in client.get(reverse("record_progress", args=[case.pk])).text
    )  # recorded before

    # The same form sent again records nothing more.
    assert client.post(reverse("record_progress", args=[case.pk]), data).status_code == 302
    assert ProgressReport.objects.count() == 1

    # The worker: on the queue (a concern, though the review is weeks off) and beside the outcome on the review.
    client.force_login(practitioner)
    queue = client.get(reverse("review_queue")).text
    assert "Provider concern" in queue and case.person.full_name in queue
    review_page = client.get(reverse("case_review", args=[case.pk])).text
    assert (
        NILG in review_page and "Not moving towards it" in review_page and "Falls more often" in review_page
    )
    start = selectors.review_start(case)
    said = next(one for one in start.outcomes if one.outcome.pk == served[0].pk)
    assert [note.progress for note in said.providers] == ["not"]


def test_bad_progress_is_shown_beside_each_question_and_nothing_typed_is_lost(client, provider, supported):
    case = supported.case
    client.force_login(provider)
    served = selectors.their_support(provider.organisation, case).outcomes[0]
    data = progress_form(supported, provider, independence="", independence_note="Sleeps better")
    del data[f"progress_{served.pk}"]
    data[f"note_{served.pk}"] = "x" * 501
    refused = client.post(reverse("record_progress", args=[case.pk]), data)
    text = refused.text
    assert refused.status_code == 200 and "<title>Error:" in text and "govuk-error-summary" in text
    assert f"Select whether {case.person.known_as} is moving towards outcome 1" in text
    assert f"Select whether {case.person.known_as}’s independence has changed" in text
    assert "Keep the note to 500 characters or fewer" in text
    assert text.count('class="govuk-error-message"') == 3
    assert missing_answers(text, {"independence_note": "Sleeps better"}) == {}
    assert client.post(reverse("record_progress", args=[case.pk]), {}).status_code == 200
    assert not ProgressReport.objects.exists()
    assert (
        "Enter why you are asking for a review"
        in client.post(reverse("ask_for_review", args=[case.pk]), {}).text
    )
    with pytest.raises(progress.CannotRecord):
        progress.record_progress(
            actor=provider, case_id=case.pk, outcomes={}, independence="same"
        )  # an outcome it supports left out


def test_asking_for_a_review_brings_the_one_scheduled_forward_once(client, provider, practitioner, supported):
    case = supported.case
    today = timezone.localdate()
    scheduled = Review.objects.get(case=case, status="scheduled")
    assert scheduled.opens > today
    client.force_login(provider)
    assert "Ask for a review" in client.get(reverse("record_progress", args=[case.pk])).text
    asked = client.post(
        reverse("ask_for_review", args=[case.pk]), {"because": "She is falling more often"}, follow=True
    )
    assert f"It is due by {today:%-d %B %Y}" in asked.text
    again = client.post(reverse("ask_for_review", args=[case.pk]), {"because": "Again"}, follow=True)
    assert "You asked for a review on" in again.text
    assert client.get(reverse("ask_for_review", args=[case.pk])).url == reverse(
        "record_progress", args=[case.pk]
    )
    review = Review.objects.get(case=case, status="scheduled")
    assert review.pk == scheduled.pk and (review.opens, review.due_by, review.why) == (
        today,
        today,
        Why.ASKED_FOR,
    )
    assert Review.objects.filter(case=case).count() == 1
    request = ReviewRequest.objects.get()
    assert request.because == "She is falling more often" and request.review == review
    assert case.events.filter(milestone=Milestone.REVIEW_ASKED_FOR).count() == 1
    _, new = progress.ask_for_review(actor=provider, case_id=case.pk, because="And again")
    assert not new and ReviewRequest.objects.count() == 1

    client.force_login(practitioner)
    review_page = client.get(reverse("case_review", args=[case.pk])).text
    assert "She is falling more often" in review_page and "Asked for" in review_page


def test_asking_with_no_review_scheduled_schedules_one_due_at_once(provider, supported):
    case = supported.case
    Review.objects.filter(case=case).update(status=Review.Status.CANCELLED)
    request, new = progress.ask_for_review(actor=provider, case_id=case.pk, because="Needs have changed")
    today = timezone.localdate()
    assert new and (request.review.opens, request.review.due_by, request.review.why) == (
        today,
        today,
        Why.ASKED_FOR,
    )
    assert Review.objects.filter(case=case, status="scheduled").count() == 1


def test_a_review_already_due_sooner_is_left_as_it_is(provider, supported):
    case = supported.case
    overdue = timezone.localdate() - datetime.timedelta(days=3)
    Review.objects.filter(case=case).update(opens=overdue, due_by=overdue)
    request, new = progress.ask_for_review(actor=provider, case_id=case.pk, because="Needs have changed")
    assert new and request.review.due_by == overdue and request.review.why != Why.ASKED_FOR


def test_someone_at_a_provider_with_no_organisation_sees_no_one(client, supported):
    nobody = UserFactory(username="unlinked", role=Role.PROVIDER, team=None)
    client.force_login(nobody)
    assert "No one’s support plan names your organisation" in client.get(reverse("supported_people")).text
    assert client.get(reverse("record_progress", args=[supported.case.pk])).status_code == 404
