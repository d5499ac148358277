"""How long sign-off takes: decisions per level, the time from sending to the decision (median and 90th percentile)
against the target, returns by reason and escalations, worked out in a fixed number of queries; and the page that
shows them, its period chosen with dates refused beside their fields."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.tests.factories import start
from cases.models import CaseEvent
from cases.tests.factories import CaseFactory
from support_planning.models import SupportPlan
from validation import past_sign_offs
from validation.models import DelegationScheme, SignOffDecision
from validation.tests.factories import decided_plan
from validation.turnaround import Period, turnaround

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
AGREED, RETURNED = SignOffDecision.Outcome.AGREED, SignOffDecision.Outcome.RETURNED
# Summer, so that London is an hour ahead of UTC and a day's edges are not UTC midnight.
JUNE = Period(datetime.date(2026, 6, 1), datetime.date(2026, 6, 30))


def at(day: int, hour: int = 10, month: int = 6, minute: int = 0, second: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, minute, second, tzinfo=LONDON)


@pytest.fixture
def record(questionnaire, practitioner, manager, delegation_scheme, team):
    """Plans sent and decided on one assessed case, each a new version: record(sent=..., decided=..., ...)."""
    case = CaseFactory(team=team)
    start(actor=practitioner, case=case)

    def make(**kwargs):
        return decided_plan(case, by=manager, scheme=kwargs.pop("scheme", delegation_scheme), **kwargs)

    return make


def waited(days: float, *, sent: datetime.datetime | None = None) -> dict:
    sent = sent or at(1)
    return {"sent": sent, "decided": sent + datetime.timedelta(days=days)}


# The figures ----------------------------------------------------------------------------------------------------


def test_with_no_decisions_every_figure_is_empty_rather_than_nought():
    figures = turnaround(JUNE)
    assert (figures.decisions, figures.levels, figures.returns, figures.escalations) == (0, [], [], [])
    overall = figures.overall
    assert (overall.decided, overall.median_days, overall.p90_days, overall.within_target_rate) == (
        0,
        None,
        None,
        None,
    )


def test_a_change_agreed_as_it_was_sent_is_not_a_sign_off_and_is_not_counted(record):
    record(**waited(2))
    record(**waited(0, sent=at(3)), outcome=SignOffDecision.Outcome.WITHIN_TOLERANCE, place=0)
    figures = turnaround(JUNE)
    assert (figures.decisions, figures.overall.decided, figures.overall.median_days) == (1, 1, 2)
    assert [level.name for level in figures.levels] == ["Team manager"]


def test_one_decision_is_its_own_median_and_90th_percentile(record):
    record(**waited(2.5))
    overall = turnaround(JUNE).overall
    assert (overall.decided, overall.median_days, overall.p90_days) == (1, 2.5, 2.5)


def test_the_median_of_an_even_count_is_halfway_between_the_middle_two(record):
    for days in (1, 2, 3, 4):
        record(**waited(days))
    assert turnaround(JUNE).overall.median_days == 2.5


def test_the_90th_percentile_of_ten_waits_is_interpolated_between_the_ninth_and_tenth(record):
    for days in range(1, 11):
        record(**waited(days))
    overall = turnaround(JUNE).overall
    assert overall.median_days == 5.5
    assert overall.p90_days == pytest.approx(9.1)


def test_an_escalated_plan_counts_once_from_being_sent_to_its_final_decision(record):
    record(sent=at(1), escalated=(at(3),), decided=at(6))  # team manager escalates, service manager agrees
    figures = turnaround(JUNE)
    assert (figures.overall.decided, figures.overall.median_days, figures.overall.escalated_first) == (
        1,
        5,
        1,
    )
    team_manager, service_manager = figures.levels
    assert (team_manager.name, team_manager.escalated, team_manager.times.decided) == ("Team manager", 1, 0)
    assert (service_manager.name, service_manager.agreed, service_manager.times.median_days) == (
        "Service manager",
        1,
        5,
    )
    assert [(step.from_level, step.to_level, step.count) for step in figures.escalations] == [
        ("Team manager", "Service manager", 1)
    ]
    assert figures.decisions == 2


def test_a_plan_escalated_but_still_waiting_has_an_escalation_and_no_time(record):
    record(sent=at(1), escalated=(at(3),), decided=None)
    figures = turnaround(JUNE)
    assert (figures.escalated, figures.overall.decided, figures.overall.median_days) == (1, 0, None)


def test_decisions_count_from_the_first_day_s_london_midnight_to_the_last_day_s_end(record):
    first = datetime.datetime(2026, 6, 1, 0, 0, tzinfo=LONDON)  # 23:00 UTC on 31 May
    record(sent=first - datetime.timedelta(days=2), decided=first)
    record(sent=at(28), decided=at(30, 23, minute=59, second=59))
    record(sent=at(20, month=5), decided=first - datetime.timedelta(microseconds=1))  # 31 May: before
    record(sent=at(28), decided=datetime.datetime(2026, 7, 1, 0, 0, tzinfo=LONDON))  # 1 July: after
    figures = turnaround(JUNE)
    assert figures.overall.decided == 2 and figures.agreed == 2
    assert turnaround(Period(datetime.date(2026, 5, 31), datetime.date(2026, 7, 1))).overall.decided == 4


def test_a_decision_on_the_target_day_is_within_it_and_a_second_later_is_not(record, delegation_scheme):
    record(**waited(7))  # the seeded scheme's target: 7 days
    record(sent=at(1), decided=at(8, second=1))
    overall = turnaround(JUNE).overall
    assert (overall.within_target, overall.decided, overall.within_target_rate) == (1, 2, 0.5)
    assert overall.targets == (7,)


def test_each_decision_is_measured_against_the_target_of_the_scheme_it_was_made_under(
    record, delegation_scheme
):
    stricter = DelegationScheme.objects.create(
        version=2, decision_days=3, effective_from=datetime.date(2026, 6, 15)
    )
    record(**waited(5))  # under version 1: within 7 days
    record(**waited(5, sent=at(16)), scheme=stricter)  # under version 2: beyond 3 days
    overall = turnaround(JUNE).overall
    assert (overall.within_target, overall.targets) == (1, (3, 7))


def test_returns_are_counted_by_what_most_needed_to_change_and_those_without_one_as_other(record):
    reasons = SignOffDecision.ReturnReason
    for category in (reasons.NEEDS, reasons.NEEDS, reasons.RISKS, reasons.OTHER, ""):
        record(**waited(1), outcome=RETURNED, category=category)
    record(**waited(1))
    figures = turnaround(JUNE)
    assert [(tally.label, tally.count) for tally in figures.returns] == [
        ("It does not meet every eligible need", 2),
        ("Other", 2),
        ("Risks are not addressed", 1),
    ]
    assert (figures.returned, figures.agreed, figures.overall.decided) == (5, 1, 6)


def test_the_figures_take_three_queries_however_many_decisions(record, django_assert_num_queries):
    record(**waited(1))
    with django_assert_num_queries(3):
        turnaround(JUNE)
    for days in range(2, 12):
        record(sent=at(1), escalated=(at(1, 12),), decided=at(1) + datetime.timedelta(days=days))
        record(**waited(days), outcome=RETURNED, category="cost")
    with django_assert_num_queries(3):
        figures = turnaround(JUNE)
    assert figures.decisions == 31


# The page ---------------------------------------------------------------------------------------------------------

URL = "/sign-off/turnaround/"


@pytest.mark.parametrize("persona", ["manager", "service_manager", "head_of_service", "council_admin"])
def test_managers_and_council_admins_see_the_figures_and_no_one_named(client, request, record, persona):
    person = record(sent=at(1), decided=at(3)).case.person
    client.force_login(request.getfixturevalue(persona))
    response = client.get(
        URL,
        {"first_0": "1", "first_1": "6", "first_2": "2026", "last_0": "30", "last_1": "6", "last_2": "2026"},
    )
    assert response.status_code == 200
    page = response.text
    assert "1 June 2026 to 30 June 2026: 1 decision" in page
    assert 'id="chart-decisions-heading"' in page and 'id="chart-time-to-decision-heading"' in page
    assert "<svg" in page and "Show as a table" in page
    assert person.family_name not in page
    assert ("Waiting for you" in page) is (persona != "council_admin")


@pytest.mark.parametrize("persona", ["practitioner", "adviser", "finance_officer", "citizen"])
def test_caseworkers_and_citizens_are_refused(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403


def test_the_page_opens_on_the_last_twelve_weeks(client, manager, delegation_scheme):
    client.force_login(manager)
    page = client.get(reverse("sign_off_turnaround")).text
    assert "No decisions in this period" in page
    assert "The delegation scheme in force today sets a target of 7 days" in page


BAD_DATES = [
    ({"first_0": "31", "first_1": "2", "first_2": "2026"}, "first", "The start date must be a real date"),
    (
        {"first_0": "1", "first_1": "", "first_2": "2026"},
        "first",
        "The start date must include a month",
    ),
    ({"last_0": "1", "last_1": "1", "last_2": "2999"}, "last", "The end date must be today or in the past"),
    ({"first_0": "x", "first_1": "y", "first_2": "z"}, "first", "The start date must be a real date"),
    ({"first_0": "1", "first_1": "1", "first_2": "26"}, "first", "The start date must be in 2000 or later"),
    (
        {"first_0": "2", "first_1": "6", "first_2": "2026", "last_0": "1", "last_1": "6", "last_2": "2026"},
        "last",
        "The end date must be the same as or after the start date",
    ),
]


@pytest.mark.parametrize(("query", "field", "message"), BAD_DATES)
def test_dates_that_cannot_be_used_are_refused_beside_their_field(
    client, manager, delegation_scheme, query, field, message
):
    client.force_login(manager)
    response = client.get(URL, query)
    assert response.status_code == 200
    page = response.text
    assert "<title>Error:" in page and "govuk-error-summary" in page
    assert page.count(message) == 2  # in the summary and beside the field
    assert f'href="#id_{field}' in page
    assert "chart-decisions-heading" not in page and "No decisions in this period" not in page


def test_one_date_given_fills_in_the_other(client, manager, record):
    record(sent=at(1), decided=at(2))
    client.force_login(manager)
    page = client.get(URL, {"first_0": "1", "first_1": "6", "first_2": "2026"}).text
    assert "1 June 2026 to 23 August 2026: 1 decision" in page


def test_invented_history_is_read_like_decisions_the_services_record(
    questionnaire, practitioner, manager, service_manager, head_of_service, delegation_scheme, team
):
    cases = [CaseFactory(team=team) for _ in range(12)]
    for case in cases:
        start(actor=practitioner, case=case)
    made = past_sign_offs.invent(
        cases, scheme=delegation_scheme, staff=past_sign_offs.cast(), now=timezone.now(), weeks=4
    )
    assert made == SignOffDecision.objects.count() > len(cases) // 2
    today = timezone.localdate()
    figures = turnaround(Period(today - datetime.timedelta(weeks=5), today))
    assert figures.decisions == made
    assert figures.overall.decided == figures.agreed + figures.returned
    agreed = SignOffDecision.objects.filter(outcome=AGREED)
    assert all(hasattr(decision, "personal_budget") for decision in agreed)
    assert CaseEvent.objects.filter(milestone="plan_agreed", facts__has_key="personal_budget").count() == len(
        agreed
    )
    assert not SupportPlan.objects.filter(status=SupportPlan.Status.SUBMITTED).exists()
