"""The front door measures a team manager reads: contacts by week, channel and route, resolved at first contact,
failure demand, referrals accepted, and time to the next step; worked out in a fixed handful of queries and
shown as charts with the same figures as tables."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.journey import new_event
from cases.milestones import Milestone
from cases.tests.factories import CaseFactory, TeamFactory
from config.charts import Bar, bar_chart, listed
from config.figures import PercentileCont, days_text, in_days, midnight, percent
from contact import rules
from contact.measures import Period, ReferralCounts, front_door_measures
from contact.models import Contact, EquipmentItem, FreeSupportLimits, Outcome, OutcomeKind, Referral

LONDON = ZoneInfo("Europe/London")
# A Wednesday, the week British Summer Time began: the last 12 whole weeks are 6 January to 30 March 2025.
TODAY = datetime.datetime(2025, 4, 2, 10, 0, tzinfo=LONDON)


def london(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2025, month, day, hour, minute, tzinfo=LONDON)


# Without a database ------------------------------------------------------------------------------------------


def test_the_period_is_whole_monday_to_sunday_weeks_before_this_one():
    period = Period.last_full_weeks(12, today=datetime.date(2025, 4, 2))
    assert (period.start, period.last_day) == (datetime.date(2025, 1, 6), datetime.date(2025, 3, 30))
    assert len(period.weeks) == 12
    assert all(week.weekday() == 0 for week in period.weeks)
    # On a Monday the week just ended is the last whole one.
    assert Period.last_full_weeks(4, today=datetime.date(2025, 3, 31)).last_day == datetime.date(2025, 3, 30)


def test_the_period_starts_and_ends_at_midnight_in_london_whatever_the_clocks_do():
    period = Period.last_full_weeks(12, today=datetime.date(2025, 4, 2))
    assert period.start_at == datetime.datetime(2025, 1, 6, 0, 0, tzinfo=datetime.UTC)
    # Clocks went forward on 30 March: midnight on the 31st in London is 11pm on the 30th in UTC.
    assert period.end_at == datetime.datetime(2025, 3, 30, 23, 0, tzinfo=datetime.UTC)


def test_shares_are_whole_percentages_with_halves_rounded_up_and_none_when_nothing_to_share():
    assert percent(0.125) == "13%"
    assert percent(2 / 3) == "67%"
    assert percent(0) == "0%"
    assert percent(None) == "No figure"


def test_waiting_times_read_as_a_person_would_say_them():
    assert days_text(10 / 24 / 60) == "within the hour"
    assert days_text(1 / 24) == "1 hour"
    assert days_text(5 / 24) == "5 hours"
    assert days_text(1) == "1 day"
    assert days_text(2.45) == "2.5 days"
    assert days_text(7) == "7 days"
    assert days_text(None) == "No figure"


def test_referral_acceptance_counts_only_referrals_that_have_been_decided():
    waiting_only = ReferralCounts("ot", "Occupational therapy referral", made=3, accepted=0, declined=0)
    assert waiting_only.waiting == 3
    assert waiting_only.acceptance_rate is None
    decided = ReferralCounts("reablement", "Reablement referral", made=5, accepted=3, declined=1)
    assert (decided.waiting, decided.acceptance_rate) == (1, 0.75)


def test_a_day_starts_at_midnight_in_london_summer_or_winter_and_times_are_read_in_days():
    assert midnight(datetime.date(2026, 1, 5)).isoformat() == "2026-01-05T00:00:00+00:00"
    assert midnight(datetime.date(2026, 7, 6)).isoformat() == "2026-07-06T00:00:00+01:00"
    assert in_days(datetime.timedelta(hours=36)) == 1.5 and in_days(None) is None


def test_a_chart_summary_reads_out_every_bar():
    assert listed([Bar("Phone", 12, "12 contacts"), Bar("Email", 3, "3 contacts")]) == (
        "Phone: 12 contacts; Email: 3 contacts."
    )


def test_a_percentile_must_be_a_fraction():
    with pytest.raises(ValueError, match="fraction"):
        PercentileCont(90, "completed_at")


def test_the_longest_bar_fills_the_chart_and_each_bar_carries_its_figure():
    chart = bar_chart(
        key="example",
        title="Example",
        summary="Two bars",
        bars=[Bar("Phone", 30, "30"), Bar("Email", 15, "15"), Bar("Walk-in", 0, "0")],
        table={"caption": "Example", "head": ["Channel", "Contacts"], "rows": []},
    )
    phone, email, walk_in = chart["rows"]
    assert phone["bar_width"] == 2 * email["bar_width"] > 0
    assert walk_in["bar_width"] == 0
    assert phone["value_x"] > phone["bar_width"]
    assert phone["value_x"] + 200 <= chart["width"] + 8
    assert chart["height"] == 3 * (email["label_y"] - phone["label_y"])
    assert [row["text"] for row in chart["rows"]] == ["30", "15", "0"]


def test_short_labels_can_sit_beside_their_bars_to_keep_a_long_chart_short():
    bars = [Bar("6 Jan 2025", 3, "3"), Bar("13 Jan 2025", 6, "6")]
    above = bar_chart(key="above", title="", summary="", bars=bars, table={})
    beside = bar_chart(key="beside", title="", summary="", bars=bars, table={}, label_width=100)
    first, second = beside["rows"]
    assert beside["height"] < above["height"] / 2 + 1
    assert (first["label_x"], first["label_anchor"]) == (100, "end")
    assert first["bar_x"] > first["label_x"]
    assert first["label_y"] == first["value_y"]
    assert second["value_x"] + 200 <= beside["width"] + 8


def test_percentage_bars_are_drawn_against_a_full_hundred():
    chart = bar_chart(
        key="example", title="Example", summary="", bars=[Bar("A", 50, "50%")], table={}, top=100
    )
    full = bar_chart(key="full", title="Full", summary="", bars=[Bar("A", 100, "100%")], table={}, top=100)
    assert chart["rows"][0]["bar_width"] * 2 == full["rows"][0]["bar_width"]


# Against Postgres ----------------------------------------------------------------------------------------------


@pytest.fixture
def today(time_machine):
    time_machine.move_to(TODAY, tick=False)
    return TODAY.date()


@pytest.fixture
def period(today):
    return Period.last_full_weeks(12, today=today)


def record(
    at: datetime.datetime,
    *kinds: str,
    case=None,
    channel: str = "phone",
    route: str = "community",
    failure: str = "",
    status: str = Contact.Status.COMPLETED,
) -> Contact:
    """A contact as the adviser completed it: `failure` is the reason when it was about a known matter."""
    contact = Contact.objects.create(
        status=status,
        person=case.person if case else None,
        anonymous=case is None,
        case=case,
        channel=channel,
        route_of_access=route,
        about_known_matter=bool(failure) if case else None,
        failure_reason=failure,
        started_at=at - datetime.timedelta(minutes=12),
        completed_at=at if status == Contact.Status.COMPLETED else None,
    )
    Outcome.objects.bulk_create([Outcome(contact=contact, kind=kind) for kind in kinds])
    return contact


def refer(contact: Contact, kind: str, status: str = Referral.Status.MADE) -> Referral:
    return Referral.objects.create(
        contact=contact, case=contact.case, kind=kind, status=status, made_at=contact.completed_at
    )


def move(case, stage: str, at: datetime.datetime) -> None:
    milestone = Milestone.CASE_CLOSED if stage == "closed" else Milestone.STAGE_CHANGED
    new_event(case, milestone, None, stage=stage, occurred_at=at, summary=f"Moved to {stage}").save()


@pytest.fixture
def south(db):
    return TeamFactory(name="South locality team")


@pytest.fixture
def a_quarter_at_the_front_door(today, team, south):
    """Five contacts completed in the period, and three that are not in it."""
    day = datetime.timedelta(days=1)

    advice = record(london(1, 6, 9), OutcomeKind.ADVICE, case=CaseFactory(team=team))
    move(advice.case, "closed", advice.completed_at + day)

    reablement = record(
        london(1, 13),
        OutcomeKind.REABLEMENT,
        OutcomeKind.ADVICE,
        case=CaseFactory(team=team),
        route="hospital_discharge",
    )
    move(
        reablement.case, "assessment", reablement.completed_at - 3 * day
    )  # before the contact: not its next step
    move(reablement.case, "reablement", reablement.completed_at + day)
    refer(reablement, OutcomeKind.REABLEMENT, Referral.Status.ACCEPTED)

    kit = record(
        london(1, 15),
        OutcomeKind.EQUIPMENT,
        OutcomeKind.TELECARE,
        case=CaseFactory(team=team),
        channel="online",
        failure="chasing",
    )
    move(kit.case, "closed", kit.completed_at + 3 * day)
    refer(kit, OutcomeKind.EQUIPMENT, Referral.Status.COMPLETED)
    refer(kit, OutcomeKind.TELECARE)

    # Late on the last Sunday, after the clocks went forward: still in the period.
    assessment = record(
        london(3, 30, 23, 30),
        OutcomeKind.ASSESSMENT,
        case=CaseFactory(team=team),
        channel="email",
        route="",
        failure="not_called_back",
    )
    move(assessment.case, "assessment", assessment.completed_at + 2 * day)
    move(assessment.case, "indicative_budget", assessment.completed_at + 10 * day)  # a later step
    refer(assessment, OutcomeKind.ASSESSMENT, Referral.Status.DECLINED)

    record(
        london(2, 4),
        OutcomeKind.SAFEGUARDING,
        case=CaseFactory(team=south),
        channel="walk_in",
        failure="chasing",
    )

    # Not in the period: the current week, the Sunday before it started, and a contact still being recorded.
    this_week = record(london(3, 31, 0, 30), OutcomeKind.NO_FURTHER_ACTION, case=CaseFactory(team=team))
    refer(this_week, OutcomeKind.OCCUPATIONAL_THERAPY, Referral.Status.DECLINED)
    record(london(1, 5, 23, 59), OutcomeKind.ADVICE)
    record(london(2, 10), OutcomeKind.ADVICE, status=Contact.Status.DRAFT)


def test_a_manager_reads_the_quarters_contacts_by_week_channel_and_route(a_quarter_at_the_front_door, period):
    contacts = front_door_measures(period=period).contacts

    assert contacts.total == 5
    by_week = {week.start: week.contacts for week in contacts.weeks if week.contacts}
    assert by_week == {
        datetime.date(2025, 1, 6): 1,
        datetime.date(2025, 1, 13): 2,
        datetime.date(2025, 2, 3): 1,
        datetime.date(2025, 3, 24): 1,
    }
    assert len(contacts.weeks) == 12
    assert {tally.key: tally.count for tally in contacts.by_channel} == {
        "phone": 2,
        "online": 1,
        "email": 1,
        "walk_in": 1,
        "professional": 0,
    }
    routes = {tally.label: tally.count for tally in contacts.by_route if tally.count}
    assert routes == {"Community": 3, "Discharge from hospital": 1, "Not recorded": 1}


def test_resolved_at_first_contact_means_every_outcome_settled_it_there_and_then(
    a_quarter_at_the_front_door, period
):
    contacts = front_door_measures(period=period).contacts
    # Advice alone; not reablement with advice, an assessment or safeguarding, nor equipment with telecare
    # given to someone chasing progress (failure demand is never resolution).
    assert (contacts.resolved, percent(contacts.resolved_rate)) == (1, "20%")
    weekly = {week.start: (week.resolved, week.contacts) for week in contacts.weeks if week.contacts}
    assert weekly[datetime.date(2025, 1, 13)] == (0, 2)


def test_a_contact_chasing_progress_is_failure_demand_and_never_resolved_at_first_contact(db, today, period):
    chase = record(london(2, 3), OutcomeKind.ADVICE, case=CaseFactory(), failure="chasing")
    contacts = front_door_measures(period=period).contacts
    assert (contacts.total, contacts.known_matter, contacts.resolved) == (1, 1, 0)
    chase.about_known_matter, chase.failure_reason = False, ""
    chase.save()
    assert front_door_measures(period=period).contacts.resolved == 1


def test_this_week_so_far_is_shown_beside_the_whole_weeks_and_never_mixed_into_them(
    a_quarter_at_the_front_door, period
):
    contacts = front_door_measures(period=period).contacts
    this_week = contacts.this_week
    assert this_week.start == datetime.date(2025, 3, 31)
    assert (this_week.contacts, this_week.resolved, this_week.known_matter) == (1, 1, 0)
    assert contacts.total == 5
    assert this_week.start not in {week.start for week in contacts.weeks}


def test_failure_demand_is_the_share_about_a_known_matter_with_the_reasons(
    a_quarter_at_the_front_door, period
):
    measures = front_door_measures(period=period)
    assert (measures.contacts.known_matter, percent(measures.contacts.failure_rate)) == (3, "60%")
    assert [(tally.label, tally.count) for tally in measures.failure_reasons] == [
        ("Chasing progress", 2),
        ("We did not call back", 1),
    ]


def test_referrals_are_counted_by_destination_with_how_many_were_accepted(
    a_quarter_at_the_front_door, period
):
    measures = front_door_measures(period=period)
    referrals = {
        referral.kind: (referral.made, referral.accepted, referral.declined, referral.waiting)
        for referral in measures.referrals
    }
    assert referrals == {
        "reablement": (1, 1, 0, 0),
        "equipment": (1, 1, 0, 0),  # completed counts as accepted
        "telecare": (1, 0, 0, 1),
        "assessment": (1, 0, 1, 0),
    }
    assert measures.referrals_made == 4
    assert percent(measures.referral_acceptance_rate) == "67%"  # 2 of the 3 decided


def test_time_to_next_step_is_from_the_contact_to_the_cases_first_move_after_it(
    a_quarter_at_the_front_door, period
):
    steps = {step.stage: step for step in front_door_measures(period=period).next_steps}

    assert list(steps) == ["reablement", "assessment", "closed"]  # in journey order
    assert (steps["reablement"].contacts, steps["reablement"].median_days) == (1, 1)
    assert (steps["assessment"].contacts, steps["assessment"].median_days) == (1, 2)
    # Closed after 1 day and after 3 days; the safeguarding case has not moved, so it has no time.
    closed = steps["closed"]
    assert (closed.contacts, closed.median_days) == (2, 2)
    assert closed.p90_days == pytest.approx(2.8)


def test_the_median_and_90th_percentile_interpolate_between_waits(today, period, team):
    for days in (1, 2, 3, 10):
        contact = record(london(2, 3), OutcomeKind.ASSESSMENT, case=CaseFactory(team=team))
        move(contact.case, "assessment", contact.completed_at + datetime.timedelta(days=days))

    (step,) = front_door_measures(period=period).next_steps
    assert (step.median_days, step.p90_days) == (pytest.approx(2.5), pytest.approx(7.9))


def test_a_team_sees_only_contacts_recorded_on_its_own_cases(
    a_quarter_at_the_front_door, period, team, south
):
    assert front_door_measures(period=period, team=team).contacts.total == 4
    southern = front_door_measures(period=period, team=south)
    assert southern.contacts.total == 1
    assert southern.referrals == []
    assert southern.next_steps == []


@pytest.mark.parametrize(
    "kinds",
    [
        {OutcomeKind.ADVICE},
        {OutcomeKind.EQUIPMENT, OutcomeKind.TELECARE, OutcomeKind.ADVICE},
        {OutcomeKind.NO_FURTHER_ACTION},
        {OutcomeKind.ADVICE, OutcomeKind.CARER},
        {OutcomeKind.SAFEGUARDING},
        set(),
    ],
)
def test_the_database_agrees_with_the_rule_for_resolved_at_first_contact(db, today, period, kinds):
    record(london(2, 3), *kinds)
    assert front_door_measures(period=period).contacts.resolved == int(
        rules.is_resolved_at_first_contact(kinds)
    )


@pytest.mark.parametrize(("costs", "resolved"), [(["45", "1000"], 1), (["45", "1000.01"], 0), ([], 1)])
def test_equipment_sent_on_is_not_resolved_at_first_contact_in_the_database_either(
    db, today, period, costs, resolved
):
    kit = record(london(2, 3), OutcomeKind.EQUIPMENT, case=CaseFactory())
    for cost in costs:
        EquipmentItem.objects.create(contact=kit, description="Item", kind="equipment", cost=cost)
    assert front_door_measures(period=period).contacts.resolved == resolved


def a_busy_quarter(teams, count: int) -> None:
    channels = ["phone", "online", "email", "walk_in", "professional"]
    for n in range(count):
        at = london(1, 6) + datetime.timedelta(days=n % 84, hours=n % 7)
        contact = record(
            at,
            OutcomeKind.ADVICE if n % 2 else OutcomeKind.REABLEMENT,
            case=CaseFactory(team=teams[n % len(teams)]),
            channel=channels[n % len(channels)],
            failure="chasing" if n % 3 == 0 else "",
        )
        refer(contact, OutcomeKind.REABLEMENT, [Referral.Status.MADE, Referral.Status.ACCEPTED][n % 2])
        move(contact.case, "reablement", at + datetime.timedelta(hours=n))


@pytest.mark.parametrize("count", [1, 40])
def test_the_measures_take_five_queries_however_many_contacts_there_are(
    today, period, team, south, count, django_assert_num_queries
):
    a_busy_quarter([team, south], count)
    with django_assert_num_queries(5):
        front_door_measures(period=period)
    with django_assert_num_queries(5):
        front_door_measures(period=period, team=south)


def test_equipment_and_minor_adaptations_count_as_low_level_support_free_up_to_the_limit_of_their_day(
    today, period, team
):
    kit = record(london(1, 15), OutcomeKind.EQUIPMENT, case=CaseFactory(team=team))
    # From February the council made items up to £1,500 free.
    FreeSupportLimits.objects.create(
        effective_from=datetime.date(2025, 2, 1), equipment_free_up_to=1500, reablement_free_weeks=6
    )
    later = record(london(2, 10), OutcomeKind.EQUIPMENT, OutcomeKind.ADVICE, case=CaseFactory(team=team))
    this_week = record(london(3, 31, 9), OutcomeKind.EQUIPMENT, case=CaseFactory(team=team))  # not counted
    for contact, description, kind, cost in [
        (kit, "Bath board", "equipment", "45.50"),
        (kit, "Riser recliner chair", "equipment", "1200"),
        (kit, "Level access shower", "minor_adaptation", "6000"),
        (later, "Riser recliner chair", "equipment", "1200"),
        (later, "Grab rails", "minor_adaptation", "80"),
        (this_week, "Commode", "equipment", "60"),
    ]:
        EquipmentItem.objects.create(contact=contact, description=description, kind=kind, cost=cost)

    support = front_door_measures(period=period).low_level_support
    assert (support.contacts, support.items) == (2, 5)
    assert (support.free, support.free_cost) == (3, Decimal("1325.50"))
    assert (support.financial_assessment, support.disabled_facilities_grant) == (1, 1)


def test_the_page_shows_equipment_as_low_level_support(client, manager, today, team):
    kit = record(london(2, 10), OutcomeKind.EQUIPMENT, case=CaseFactory(team=team))
    EquipmentItem.objects.create(contact=kit, description="Bath board", kind="equipment", cost="1045.50")
    EquipmentItem.objects.create(contact=kit, description="Stair rail", kind="minor_adaptation", cost="95")
    client.force_login(manager)
    page = client.get(reverse("contact_measures")).content.decode()
    assert "2 items arranged for 1 person at the front door" in page
    assert "Free (£95.00 in all)" in page


# The page --------------------------------------------------------------------------------------------------------


def test_a_team_manager_sees_headline_figures_charts_and_tables(client, manager, a_quarter_at_the_front_door):
    client.force_login(manager)
    response = client.get(reverse("contact_measures"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "6 January 2025 to 30 March 2025" in page
    headlines = {headline["label"]: headline["figure"] for headline in response.context["headlines"]}
    assert headlines == {
        "Contacts": "5",
        "Resolved at first contact": "20%",
        "Failure demand": "60%",
        "Referrals accepted": "67%",
    }
    # Every chart is an image with a summary, and the same figures follow as a table.
    assert page.count('role="img"') == 7
    assert page.count("Show as a table") == 7
    assert '<title id="chart-failure-reasons-title">Bar chart of failure demand by reason, out of 3.' in page
    assert '<th scope="row" class="govuk-table__header">Chasing progress</th>' in page
    assert "0% (0 of 1)" in page  # assessment referrals: the one decided was declined
    # The week under way is shown on its own, so nobody reads a half-week as a quiet one.
    assert "This week so far" in page
    assert response.context["this_week"] == [
        {"label": "Contacts", "figure": "1"},
        {"label": "Resolved at first contact", "figure": "100%"},
        {"label": "Failure demand", "figure": "0%"},
    ]
    assert "none decided yet (1 waiting)" in page  # telecare
    # The Content Security Policy allows no inline styles.
    assert "style=" not in page.split("<main", 1)[1]


def test_a_manager_can_narrow_the_measures_to_one_team_and_another_period(
    client, manager, a_quarter_at_the_front_door, south
):
    client.force_login(manager)
    response = client.get(reverse("contact_measures"), {"weeks": "26", "team": south.pk})
    assert response.context["period"].start == datetime.date(2024, 9, 30)
    assert response.context["team"] == south
    assert response.context["headlines"][0]["figure"] == "1"
    assert "contacts on South locality team cases" in response.content.decode()


def test_a_period_with_no_contacts_says_so_instead_of_drawing_empty_charts(client, manager, today):
    client.force_login(manager)
    response = client.get(reverse("contact_measures"), {"weeks": "26"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "No contacts in this period" in page
    assert "<svg" not in page.split("<main", 1)[1]


def test_an_unknown_period_or_team_falls_back_to_the_last_12_weeks_for_all_teams(client, manager, today):
    client.force_login(manager)
    response = client.get(reverse("contact_measures"), {"weeks": "1000", "team": "nonsense"})
    assert response.status_code == 200
    assert (response.context["weeks"], response.context["team"]) == (12, None)


def test_the_page_takes_the_same_queries_however_many_contacts_there_are(client, manager, today, team, south):
    client.force_login(manager)
    a_busy_quarter([team, south], 2)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("contact_measures"))
    a_busy_quarter([team, south], 40)
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("contact_measures")).status_code == 200
    assert len(many) == len(few)


@pytest.mark.parametrize("persona", ["manager", "service_manager", "head_of_service"])
def test_every_kind_of_manager_may_see_the_measures(client, persona, request, today):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("contact_measures")).status_code == 200


@pytest.mark.parametrize(
    "persona", ["adviser", "practitioner", "finance_officer", "council_admin", "citizen"]
)
def test_advisers_other_staff_and_citizens_may_not_see_the_measures(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("contact_measures")).status_code == 403


def test_someone_not_signed_in_is_asked_to_sign_in(client, db):
    response = client.get(reverse("contact_measures"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
