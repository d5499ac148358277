"""Importing an Open Referral UK feed: services, organisations and places are matched by their ORUK id, a second
import changes nothing, bad rows are rejected with a reason while good ones import, and a feed that cannot be
read leaves the directory as it was."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory import api_selectors, importing, serializers
from directory.models import (
    CostOption,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from directory.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

FEEDS = Path(__file__).resolve().parent / "feeds"
SAMPLE = FEEDS / "sample.json"
LUNCH = "ac148810-d857-441c-9679-408f346de14b"
COFFEE = "0f6e6a6c-7d7b-4c8e-9f10-111213141516"
MODELS = (
    Organization,
    Service,
    Location,
    ServiceAtLocation,
    Phone,
    Schedule,
    CostOption,
    ServiceArea,
    Taxonomy,
    TaxonomyTerm,
    Service.terms.through,
)


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_oruk", *[str(arg) for arg in args], stdout=out)
    return out.getvalue()


def feed_file(tmp_path, services) -> Path:
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(services))
    return path


def test_importing_the_sample_feed_creates_its_services_with_their_organisation_places_hours_and_categories():
    report = importing.import_feed(str(SAMPLE))

    assert (report.created, report.updated, report.unchanged, report.rejected) == (2, 0, 0, [])
    lunch = Service.objects.get(uuid=LUNCH)
    assert lunch.name == "Wymondham Lunch Club"
    assert lunch.url == "https://wymondham.example.org/lunch"
    assert lunch.email == "lunch@wymondham.example.org"
    assert lunch.status == Service.Status.ACTIVE
    assert lunch.fees_description == "£4 a lunch"
    assert lunch.is_free is False
    assert lunch.assured_date == datetime.date(2026, 3, 1)
    assert lunch.organization.name == "Wensum Valley Volunteers"
    assert lunch.organization.url == "https://wensum.example.org"
    place = lunch.locations.get()
    assert (place.name, place.address_1, place.city, place.postcode) == (
        "Wymondham Village Hall",
        "1 Church Lane",
        "Wymondham",
        "NR18 0AA",
    )
    assert (place.latitude, place.longitude) == (52.57095, 1.11105)
    assert list(lunch.phones.values_list("number", "description")) == [("01632 960001", "Bookings")]
    assert list(lunch.cost_options.values_list("option", "amount")) == [("Per lunch", Decimal("4.00"))]
    # "byday": "TH,FR" with "10:00:00"–"18:00:00": a row per day
    assert [str(schedule) for schedule in lunch.schedules.all()] == [
        "Thursday 10:00–18:00",
        "Friday 10:00–18:00",
    ]
    assert [term.term for term in lunch.terms.all()] == ["Lunch clubs"]
    assert lunch.terms.get().taxonomy.name == "Test categories"

    coffee = Service.objects.get(uuid=COFFEE)
    assert coffee.status == Service.Status.TEMPORARILY_CLOSED
    assert coffee.organization == lunch.organization
    assert coffee.is_free is True
    # the HSDS 2.0 form ("weekday": "Tuesday") and the 3.0 one ("byday": "MO,WE") both give rows per day
    assert [str(schedule) for schedule in coffee.schedules.all()] == [
        "Monday 09:30–11:30",
        "Tuesday 10:00–12:00",
        "Wednesday 09:30–11:30",
    ]
    assert coffee.terms.get().code == "social-groups"
    assert Organization.objects.count() == 1


def test_importing_the_same_feed_twice_changes_nothing_the_second_time():
    importing.import_feed(str(SAMPLE))
    before = row_counts()
    stamps = dict(Service.objects.values_list("uuid", "updated_at"))

    report = importing.import_feed(str(SAMPLE))

    assert (report.created, report.updated, report.unchanged, report.rejected) == (0, 0, 2, [])
    assert report.organizations == {"unchanged": 2}
    assert report.locations == {"unchanged": 2}
    assert row_counts() == before
    assert dict(Service.objects.values_list("uuid", "updated_at")) == stamps


def test_a_changed_field_is_reported_as_updated_and_applied(tmp_path):
    importing.import_feed(str(SAMPLE))
    feed = json.loads(SAMPLE.read_text())
    feed["contents"][0]["name"] = "Wymondham Friday Lunch Club"
    feed["contents"][1]["phones"] = [{"number": "01632 960002"}]

    report = importing.import_feed(str(feed_file(tmp_path, feed)))

    assert (report.created, report.updated, report.unchanged) == (0, 2, 0)
    assert Service.objects.get(uuid=LUNCH).name == "Wymondham Friday Lunch Club"
    assert list(Service.objects.get(uuid=COFFEE).phones.values_list("number", flat=True)) == ["01632 960002"]
    assert importing.import_feed(str(feed_file(tmp_path, feed))).unchanged == 2


def test_bad_rows_are_rejected_with_a_reason_while_the_good_rows_import():
    output = run(FEEDS / "some_bad_rows.json")

    assert list(Service.objects.values_list("name", flat=True)) == ["Aylsham Walking Group"]
    assert "Services: 1 created, 0 updated, 0 unchanged, 4 rejected" in output
    assert "service 1234: id '1234' is not a valid uuid" in output
    assert "service 2d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a: missing name" in output
    assert (
        "service 3d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a: status 'open' is not one of "
        "active, inactive, defunct, temporarily closed"
    ) in output
    assert "service 4d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a: schema: minimum_age:" in output


def test_a_malformed_or_missing_file_raises_a_command_error_and_leaves_the_directory_untouched(tmp_path):
    ServiceFactory(name="Already here")
    before = row_counts()

    with pytest.raises(CommandError, match="Cannot read"):
        run(FEEDS / "malformed.json")
    with pytest.raises(CommandError, match="Cannot read"):
        run(tmp_path / "nowhere.json")
    with pytest.raises(CommandError, match="Not an Open Referral UK feed"):
        run(feed_file(tmp_path, {"hello": "world"}))

    assert row_counts() == before


def test_a_crash_part_way_rolls_back_everything_imported_before_it(monkeypatch):
    real_apply = importing._apply

    def apply_then_crash(record, report, cache):
        if record["id"] == COFFEE:
            raise RuntimeError("power cut")
        return real_apply(record, report, cache)

    monkeypatch.setattr(importing, "_apply", apply_then_crash)
    with pytest.raises(RuntimeError):
        importing.import_feed(str(SAMPLE))

    assert not Service.objects.exists()
    assert not Organization.objects.exists()


def test_a_dry_run_counts_everything_and_leaves_nothing_behind():
    output = run(SAMPLE, "--dry-run")

    assert "Services: 2 created, 0 updated, 0 unchanged, 0 rejected" in output
    assert "Dry run: nothing was saved." in output
    assert set(row_counts().values()) == {0}


def test_a_directory_exported_by_our_api_imports_into_an_empty_one_as_the_same_services(tmp_path):
    ServiceFactory(
        at="NR1", categories=["lunch-clubs"], open_on=[2, 4], is_free=False, fees_description="£4 a lunch"
    )
    ServiceFactory(at="NR27", categories=["lunch-clubs", "social-groups"], status=Service.Status.INACTIVE)
    lunch = ServiceFactory(url="https://example.org/lunch", email="a@example.org")
    Phone.objects.create(service=lunch, number="01603 000000", description="Bookings")
    CostOption.objects.create(service=lunch, option="Per lunch", amount=Decimal("4.00"))
    ServiceArea.objects.create(service=lunch, service_area="Norwich")

    def exported() -> list[dict]:
        services = api_selectors.with_full_nesting(Service.objects.order_by("uuid"))
        return [
            serializers.service_full(service, uris=serializers.Uris("http://testserver/directory/api/"))
            | {"last_modified": "2026-01-01T00:00:00+00:00"}
            for service in services
        ]

    feed = exported()
    counts = row_counts()
    for model in (
        Service.terms.through,
        ServiceAtLocation,
        Service,
        Location,
        Organization,
        TaxonomyTerm,
        Taxonomy,
    ):
        model.objects.all().delete()

    path = tmp_path / "export.json"
    path.write_text(json.dumps({"contents": feed, "total_pages": 1, "page_number": 1}))
    report = importing.import_feed(str(path))

    assert (report.created, report.rejected) == (3, [])
    assert exported() == feed
    assert row_counts() == counts
    assert importing.import_feed(str(path)).unchanged == 3


def test_the_queries_per_imported_service_stay_a_small_fixed_number(tmp_path):
    feed = json.loads(SAMPLE.read_text())["contents"][1]
    many = []
    for number in range(10):
        service = json.loads(json.dumps(feed))
        service["id"] = f"0f6e6a6c-7d7b-4c8e-9f10-{number:012d}"
        service["service_at_locations"][0]["id"] = f"7c1d2e3f-4a5b-4c6d-8e7f-{number:012d}"
        service["service_at_locations"][0]["location"]["id"] = f"6c1d2e3f-4a5b-4c6d-8e7f-{number:012d}"
        service["schedules"] = [
            dict(schedule, id=f"{day}a0b1c2d-3e4f-4a5b-8c6d-{number:012d}")
            for day, schedule in enumerate(service["schedules"])
        ]
        service["attributes"][0]["id"] = f"4c1d2e3f-4a5b-4c6d-8e7f-{number:012d}"
        many.append(service)

    with CaptureQueriesContext(connection) as first:
        importing.import_services(many[:1])
    with CaptureQueriesContext(connection) as rest:
        importing.import_services(many[1:])

    assert Service.objects.count() == 10
    assert len(rest) <= 9 * len(first)
    assert len(rest) / 9 < 40


def test_an_editor_working_from_before_an_import_is_told_the_listing_changed(tmp_path):
    from directory import curation

    importing.import_feed(str(SAMPLE))
    opened = Service.objects.get(uuid=LUNCH)
    feed = json.loads(SAMPLE.read_text())
    feed["contents"][0]["name"] = "Wymondham Friday Lunch Club"
    importing.import_feed(str(feed_file(tmp_path, feed)))
    with pytest.raises(curation.ListingChanged):
        curation.mark_checked(opened, seen_version=opened.version, today=datetime.date(2026, 11, 23))
