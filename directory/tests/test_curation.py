"""The rules for keeping listings right: versions, checks, opening times, phone numbers and suggestions."""

import datetime
import uuid

import pytest
from django.utils import timezone

from directory import curation
from directory.models import Phone, Schedule, Service, Suggestion
from directory.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("9am", datetime.time(9)),
        ("9:30am", datetime.time(9, 30)),
        ("5.30pm", datetime.time(17, 30)),
        ("12pm", datetime.time(12)),
        ("12am", datetime.time(0)),
        ("17:00", datetime.time(17)),
        ("0900", datetime.time(9)),
        (" Midday ", datetime.time(12)),
        ("9 AM", datetime.time(9)),
    ],
)
def test_times_are_read_as_people_type_them(typed, expected):
    assert curation.parse_clock(typed) == expected


@pytest.mark.parametrize("typed", ["9", "25:00", "13pm", "9:75", "soon", ""])
def test_a_time_that_is_not_one_is_refused(typed):
    assert curation.parse_clock(typed) is None


def test_a_listing_is_due_for_review_a_year_after_it_was_last_checked():
    checked_a_year_ago = ServiceFactory(assured_date=TODAY - datetime.timedelta(days=365))
    checked_recently = ServiceFactory(assured_date=TODAY - datetime.timedelta(days=364))
    never_checked = ServiceFactory(assured_date=None)
    closed = ServiceFactory(assured_date=None, status=Service.Status.DEFUNCT)
    due = set(Service.objects.due_for_review(TODAY))
    assert due == {checked_a_year_ago, never_checked}
    assert checked_a_year_ago.is_due_for_review(TODAY) and not checked_recently.is_due_for_review(TODAY)
    assert closed not in due


def test_a_save_from_an_older_copy_of_the_listing_is_refused_and_changes_nothing():
    service = ServiceFactory(name="Tuesday Lunch Club")
    details = {field: getattr(service, field) for field in curation.DETAIL_FIELDS}
    curation.save_details(
        service, details=details | {"name": "Tuesday Lunch"}, organization_name="A", terms=[], seen_version=1
    )
    stale = Service.objects.get(pk=service.pk)
    stale.version = 1
    with pytest.raises(curation.ListingChanged) as refused:
        curation.save_details(
            stale, details=details | {"name": "Wrong"}, organization_name="A", terms=[], seen_version=1
        )
    assert refused.value.current_version == 2
    assert Service.objects.get(pk=service.pk).name == "Tuesday Lunch"


def test_an_organisation_is_found_by_name_whatever_its_case_or_added():
    service = ServiceFactory(organization__name="Age Concern Norwich")
    assert curation.organization_named("age concern  norwich") == service.organization
    assert curation.organization_named("Norwich Men's Shed").name == "Norwich Men's Shed"


def test_a_new_listing_submitted_twice_is_one_listing():
    listing_uuid = uuid.uuid4()
    details = {
        "name": "Carers' Coffee Morning",
        "description": "A chat",
        "url": "",
        "email": "",
        "status": "active",
        "is_free": True,
        "fees_description": "",
        "eligibility_description": "",
    }
    first = curation.create_service(
        listing_uuid=listing_uuid, details=details, organization_name="X", terms=[]
    )
    again = curation.create_service(
        listing_uuid=listing_uuid, details=details, organization_name="X", terms=[]
    )
    assert first == again
    assert Service.objects.filter(name="Carers' Coffee Morning").count() == 1
    assert first.assured_date == timezone.localdate()


def test_phone_numbers_are_replaced_and_unchanged_ones_kept():
    service = ServiceFactory()
    kept = Phone.objects.create(service=service, number="01632 960001", description="Bookings")
    Phone.objects.create(service=service, number="01632 960999")
    curation.save_phones(
        service,
        phones=[("01632 960001", "Bookings"), ("07700 900982", "Out of hours"), ("", "")],
        seen_version=1,
    )
    assert list(service.phones.order_by("number").values_list("number", "description")) == [
        ("01632 960001", "Bookings"),
        ("07700 900982", "Out of hours"),
    ]
    assert service.phones.filter(pk=kept.pk).exists()


def test_opening_times_replace_the_old_ones():
    service = ServiceFactory(open_on=[Schedule.Weekday.MONDAY, Schedule.Weekday.FRIDAY])
    curation.save_opening_times(
        service,
        openings=[curation.Opening(Schedule.Weekday.TUESDAY, datetime.time(9), datetime.time(13))],
        note="Closed on bank holidays",
        seen_version=1,
    )
    assert [(s.weekday, s.opens_at, s.description) for s in service.schedules.all()] == [
        (Schedule.Weekday.TUESDAY, datetime.time(9), "Closed on bank holidays")
    ]
    assert Service.objects.get(pk=service.pk).version == 2


def test_marking_a_listing_checked_takes_it_off_the_review_list():
    service = ServiceFactory(assured_date=TODAY - datetime.timedelta(days=500))
    curation.mark_checked(service, seen_version=1, today=TODAY)
    assert not Service.objects.due_for_review(TODAY).filter(pk=service.pk).exists()


def test_a_suggestion_is_resolved_once(directory_editor):
    suggestion = curation.record_suggestion(
        ServiceFactory(), topic="times", details="It opens at 10 now", name="", email=""
    )
    curation.resolve_suggestion(
        suggestion.pk, by=directory_editor, status=Suggestion.Status.ACTED_ON, note=""
    )
    with pytest.raises(curation.AlreadyResolved):
        curation.resolve_suggestion(
            suggestion.pk, by=directory_editor, status=Suggestion.Status.SET_ASIDE, note=""
        )
    assert Suggestion.objects.get(pk=suggestion.pk).status == Suggestion.Status.ACTED_ON


def test_the_editors_list_shows_what_needs_attention():
    due = ServiceFactory(name="Old listing", assured_date=TODAY - datetime.timedelta(days=400))
    fresh = ServiceFactory(name="Fresh listing", assured_date=TODAY)
    curation.record_suggestion(fresh, topic="cost", details="It is £5 now", name="", email="")
    review = list(curation.listings_for_editors(text="", view="review", today=TODAY))
    assert review == [due] and review[0].is_due
    with_suggestions = list(curation.listings_for_editors(text="", view="suggestions", today=TODAY))
    assert with_suggestions == [fresh] and with_suggestions[0].suggestions_to_do == 1
    assert list(curation.listings_for_editors(text="fresh", view="all", today=TODAY)) == [fresh]
    summary = curation.editors_summary(TODAY)
    assert summary["due_for_review"] == 1 and summary["suggestions_to_do"] == 1


# The history page, in an editor's words.


def test_a_new_opening_time_reads_as_a_day_and_times():
    data = {"id": 7, "uuid": str(uuid.uuid4()), "service_id": 3, "weekday": 1, "description": ""}
    data |= {"opens_at": "09:00:00", "closes_at": "17:30:00"}
    assert curation.change_what("directory.Schedule", "insert") == "Opening time added"
    assert curation.change_lines("directory.Schedule", "insert", data, None) == [
        ("Day", "", "Monday"),
        ("Opens", "", "9am"),
        ("Closes", "", "5:30pm"),
    ]


def test_a_cost_is_in_pounds_and_a_place_has_no_coordinates():
    cost = {"id": 1, "service_id": 3, "option": "Per hour", "amount": 83.0, "amount_description": ""}
    assert curation.change_what("directory.CostOption", "delete") == "Cost removed"
    assert curation.change_lines("directory.CostOption", "delete", cost, None) == [
        ("What it is for", "Per hour", ""),
        ("Amount", "£83", ""),
    ]
    place = {
        "id": 2,
        "name": "",
        "address_1": "1 Church Lane",
        "city": "Cromer",
        "latitude": 52.9,
        "longitude": 1.3,
    }
    assert curation.change_what("directory.Location", "insert") == "Place added"
    assert curation.change_lines("directory.Location", "insert", place, None) == [
        ("Address line 1", "", "1 Church Lane"),
        ("Town or city", "", "Cromer"),
    ]


def test_a_change_shows_labels_and_words_and_leaves_out_bookkeeping():
    diff = {
        "is_free": [True, False],
        "status": ["active", "defunct"],
        "assured_date": [None, "2026-06-01"],
        "version": [1, 2],
        "updated_at": ["2026-06-01T10:00:00", "2026-06-01T11:00:00"],
    }
    assert curation.change_lines("directory.Service", "update", {}, diff) == [
        ("Status", "Running", dict(Service.Status.choices)["defunct"]),
        ("Free", "Yes", "No"),
        ("Last checked", "", "1 June 2026"),
    ]
    assert curation.change_lines("directory.Service", "update", {}, {"version": [1, 2]}) == []


def test_the_history_leaves_out_changes_with_nothing_to_read():
    service = ServiceFactory(name="Tea Dance")
    curation.save_phones(service, phones=[("01632 960001", "")], seen_version=1)
    changes = curation.history_of(service)
    # In a test everything happens in one transaction, at one time, so the order is not the point here.
    assert sorted(change.what for change in changes) == ["Phone number added", "Service added"]
    assert all(change.lines for change in changes)
