"""Urgent interim support: started at once before the plan, with its provider, cost and end date within the council's
limit; shown on the case until the plan's support replaces it; extended only with a reason; seen by the provider it
names and nobody else; and counted, so that it cannot quietly become the person's support for good."""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.milestones import Milestone
from cases.roles import Role
from cases.tests.factories import UserFactory
from directory.tests.factories import OrganizationFactory
from reviews import interim, interim_figures, interim_services
from reviews.interim_models import InterimSupport
from reviews.tests.conftest import gone_live
from reviews.tests.test_go_live import date_fields

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 3, 10)
DAY = datetime.timedelta(days=1)


# The rules, to the day


def start(starts_on, ends_on, weeks=6):
    return interim.start_problems(starts_on=starts_on, ends_on=ends_on, today=TODAY, weeks=weeks)


def test_it_runs_up_to_the_councils_limit_of_weeks_and_no_further():
    assert interim.last_day_allowed(TODAY, 6) == TODAY + datetime.timedelta(days=41)
    assert start(TODAY, TODAY + datetime.timedelta(days=41)) == {}
    assert start(TODAY, TODAY + datetime.timedelta(days=42)) == {
        "ends_on": "The end date must be no more than 6 weeks after the start, by 20 April 2027: extend it later, "
        "with a reason, if it is needed"
    }
    assert start(TODAY, TODAY + datetime.timedelta(days=27), weeks=4) == {}


def test_it_ends_on_or_after_it_starts():
    assert start(TODAY, TODAY) == {}
    assert start(TODAY, TODAY - DAY) == {"ends_on": "The end date must be on or after the start date"}


def test_urgent_support_starts_within_the_week_or_is_recorded_late_within_the_limit():
    assert start(TODAY + datetime.timedelta(days=7), TODAY + datetime.timedelta(days=20)) == {}
    assert "starts_on" in start(TODAY + datetime.timedelta(days=8), TODAY + datetime.timedelta(days=20))
    assert start(TODAY - datetime.timedelta(weeks=6), TODAY - DAY) == {}
    assert start(TODAY - datetime.timedelta(weeks=6, days=1), TODAY - datetime.timedelta(days=2)) == {
        "starts_on": "The start date must be within the last 6 weeks"
    }


def test_an_extension_runs_later_by_at_most_the_limit_at_a_time():
    assert (
        interim.extension_problems(ends_on=TODAY, new_end=TODAY + datetime.timedelta(weeks=6), weeks=6) == {}
    )
    assert interim.extension_problems(ends_on=TODAY, new_end=TODAY, weeks=6) == {
        "ends_on": "The new end date must be after the current one, 10 March 2027"
    }
    assert (
        "up to 6 weeks at a time"
        in interim.extension_problems(
            ends_on=TODAY, new_end=TODAY + datetime.timedelta(weeks=6, days=1), weeks=6
        )["ends_on"]
    )


def test_the_plan_carries_it_on_unchanged_only_with_the_same_provider_at_the_same_weekly_cost():
    orders = [interim.Ordered("Riverside  Home care", D("35.00"))]
    assert interim.kept_as_it_was(provider="riverside home care", weekly=D("35"), orders=orders)
    assert not interim.kept_as_it_was(provider="Riverside Home Care", weekly=D("36"), orders=orders)
    assert not interim.kept_as_it_was(provider="Brightside Support", weekly=D("35"), orders=orders)


# On a case


def form(provider="Riverside Home Care", weekly="35.00", starts_on=None, ends_on=None, **more):
    today = timezone.localdate()
    return {
        "provider": provider,
        "what": "Home care twice a day after leaving hospital",
        "weekly": weekly,
        **date_fields("starts_on", starts_on or today),
        **date_fields("ends_on", ends_on or today + datetime.timedelta(weeks=4)),
        **more,
    }


@pytest.fixture
def at_assessment(budgeted):
    case, *_ = budgeted
    return case


def test_urgent_support_is_shown_on_the_case_and_a_form_sent_twice_starts_it_once(
    client, practitioner, at_assessment
):
    case = at_assessment
    client.force_login(practitioner)
    page = client.get(reverse("case", args=[case.pk])).text
    assert reverse("interim_new", args=[case.pk]) in page
    once = "2f1e6a3c-64b6-4c1f-9f25-0d0b1f3c9a11"
    first = client.post(reverse("interim_new", args=[case.pk]), form(once=once), follow=True)
    ends = timezone.localdate() + datetime.timedelta(weeks=4)
    assert f"Urgent support from Riverside Home Care recorded, until {ends:%-d %B %Y}" in first.text
    again = client.post(reverse("interim_new", args=[case.pk]), form(once=once))
    assert again.status_code == 302
    support = InterimSupport.objects.get()
    assert (support.provider, support.weekly, support.ends_on) == ("Riverside Home Care", D("35.00"), ends)

    shown = client.get(reverse("case", args=[case.pk])).text
    assert "Urgent support before the plan" in shown
    assert "Home care twice a day after leaving hospital, from Riverside Home Care" in shown
    assert "£35.00 a week" in shown
    event = case.events.get(milestone=Milestone.INTERIM_STARTED)
    assert event.facts["interim"] == support.pk and event.facts["weekly"] == "35.00"


def test_dates_out_of_order_or_past_the_limit_are_refused_beside_the_field_and_nothing_typed_is_lost(
    client, practitioner, at_assessment
):
    today = timezone.localdate()
    client.force_login(practitioner)
    refused = client.post(
        reverse("interim_new", args=[at_assessment.pk]),
        form(provider="Brightside Support", ends_on=today + datetime.timedelta(weeks=7)),
    ).text
    assert "govuk-error-summary" in refused
    assert "The end date must be no more than 6 weeks after the start" in refused
    assert 'value="Brightside Support"' in refused
    backwards = client.post(reverse("interim_new", args=[at_assessment.pk]), form(ends_on=today - DAY)).text
    assert "The end date must be on or after the start date" in backwards
    assert not InterimSupport.objects.exists()


def test_it_is_extended_only_with_a_reason_and_past_its_end_date_it_says_so(
    client, practitioner, at_assessment
):
    today = timezone.localdate()
    support = interim_services.start_interim(
        actor=practitioner,
        case_id=at_assessment.pk,
        urgent=interim_services.Urgent(
            "Riverside Home Care", "Home care", D("120"), today - datetime.timedelta(days=20), today - DAY
        ),
    )
    client.force_login(practitioner)
    assert "Past its end date" in client.get(reverse("case", args=[at_assessment.pk])).text
    url = reverse("interim_support", args=[support.pk])
    new_end = today + datetime.timedelta(weeks=2)
    refused = client.post(url, date_fields("extend-ends_on", new_end)).text
    assert "Enter why the urgent support needs to run on" in refused
    done = client.post(
        url,
        {**date_fields("extend-ends_on", new_end), "extend-because": "Waiting for the care home"},
        follow=True,
    )
    assert f"The urgent support now runs to {new_end:%-d %B %Y}" in done.text
    support.refresh_from_db()
    assert (support.ends_on, support.extensions, support.first_ends_on) == (new_end, 1, today - DAY)
    event = at_assessment.events.get(milestone=Milestone.INTERIM_EXTENDED)
    assert event.facts["because"] == "Waiting for the care home"
    assert "Past its end date" not in client.get(reverse("case", args=[at_assessment.pk])).text


def test_the_plans_support_starting_replaces_it_and_says_whether_it_carried_it_on_unchanged(
    client, practitioner, agreed
):
    case = agreed.case
    today = timezone.localdate()
    interim_services.start_interim(
        actor=practitioner,
        case_id=case.pk,
        urgent=interim_services.Urgent(
            "riverside home care", "Lunches", D("35.00"), today - datetime.timedelta(days=10), today + DAY
        ),
    )
    gone_live(agreed, practitioner, starts_on=today)
    support = InterimSupport.objects.get()
    assert support.status == InterimSupport.Status.REPLACED
    assert support.ended_on == today - DAY and support.kept_as_it_was is True
    ended = case.events.get(milestone=Milestone.INTERIM_ENDED)
    assert ended.facts["replaced_by_plan"] is True and ended.facts["kept_as_it_was"] is True
    client.force_login(practitioner)
    assert "Urgent support before the plan" not in client.get(reverse("case", args=[case.pk])).text
    assert reverse("interim_new", args=[case.pk]) not in client.get(reverse("case", args=[case.pk])).text


def test_the_provider_it_names_sees_it_and_no_other(client, provider, practitioner, at_assessment):
    interim_services.start_interim(
        actor=practitioner,
        case_id=at_assessment.pk,
        urgent=interim_services.Urgent(
            "Norwich  independent living group",
            "Sitting service",
            D("80"),
            timezone.localdate(),
            timezone.localdate() + datetime.timedelta(weeks=2),
        ),
    )
    assert InterimSupport.objects.get().organisation == provider.organisation
    client.force_login(provider)
    page = client.get(reverse("supported_people")).text
    assert "Sitting service" in page and at_assessment.person.full_name in page

    stranger = UserFactory(
        username="stranger",
        role=Role.PROVIDER,
        team=None,
        organisation=OrganizationFactory(name="Other Care"),
    )
    client.force_login(stranger)
    page = client.get(reverse("supported_people")).text
    assert "Sitting service" not in page and at_assessment.person.full_name not in page


@pytest.mark.parametrize("role", ["adviser", "service_manager", "finance_officer", "provider"])
def test_only_those_who_plan_support_may_arrange_it(client, request, role, at_assessment):
    client.force_login(request.getfixturevalue(role))
    assert client.post(reverse("interim_new", args=[at_assessment.pk]), form()).status_code == 403
    assert not InterimSupport.objects.exists()


def test_managers_see_how_much_there_is_and_whether_it_stays_interim(
    client, manager, practitioner, at_assessment
):
    today = timezone.localdate()
    make = interim_services.Urgent(
        "Riverside Home Care", "Home care", D("90"), today - datetime.timedelta(days=30), today - DAY
    )
    past = interim_services.start_interim(actor=practitioner, case_id=at_assessment.pk, urgent=make)
    running = interim_services.start_interim(
        actor=practitioner,
        case_id=at_assessment.pk,
        urgent=interim_services.Urgent("Brightside Support", "Meals", D("40"), today, today + DAY),
    )
    ended = interim_services.start_interim(
        actor=practitioner,
        case_id=at_assessment.pk,
        urgent=interim_services.Urgent(
            "Brightside Support",
            "Sitting",
            D("40"),
            today - datetime.timedelta(days=9),
            today - datetime.timedelta(days=5),
        ),
    )
    interim_services.end_interim(
        actor=practitioner, interim_id=ended.pk, ended_on=today - DAY, because="No longer needed"
    )
    found = interim_figures.figures(today=today)
    assert (found.running, found.past_its_end, found.ended, found.ran_past_its_end) == (2, 1, 1, 1)
    assert {past.pk, running.pk} == set(
        InterimSupport.objects.filter(status="running").values_list("pk", flat=True)
    )

    client.force_login(manager)
    page = client.get(reverse("interim_figures")).text
    assert "Past their end date" in page and "Became the plan unchanged" in page and "No figure" in page
    assert at_assessment.person.full_name not in page  # figures only
    client.force_login(practitioner)
    assert client.get(reverse("interim_figures")).status_code == 403
