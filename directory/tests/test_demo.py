"""The invented directory a newcomer sees after `make run`, and the bulk maker benchmarks use."""

import datetime
import io

import pytest
from django.core.management import call_command

from directory import demo
from directory.geo import haversine_miles
from directory.models import (
    Location,
    Organization,
    Postcode,
    PostcodeDistrict,
    Schedule,
    Service,
    Suggestion,
    TaxonomyTerm,
)
from directory.tests.factories import POSTCODES, full_postcode

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (PostcodeDistrict, Postcode, Organization, Service, Location, Schedule, TaxonomyTerm)
    )


def test_postcode_districts_load_with_their_source_and_loading_twice_changes_nothing():
    call_command("load_postcodes", stdout=io.StringIO())
    # The outcode file's 2,848 districts, and NR7, which is newer, from its full postcodes.
    assert PostcodeDistrict.objects.count() == 2849
    norwich = PostcodeDistrict.objects.get(outcode="NR1")
    assert (norwich.latitude, norwich.longitude, norwich.town) == (52.62671, 1.31012, "Norwich")
    assert "Code-Point Open" in norwich.source
    postcodes = Postcode.objects.count()
    assert postcodes > 24_000
    call_command("load_postcodes", stdout=io.StringIO())
    assert PostcodeDistrict.objects.count() == 2849
    assert Postcode.objects.count() == postcodes


def test_the_demo_directory_has_hundreds_of_services_across_every_category():
    call_command("load_directory_demo", stdout=io.StringIO())
    assert Service.objects.count() == demo.DEMO_SERVICES >= 300
    assert TaxonomyTerm.objects.count() == len(demo.CATEGORIES)
    assert all(term.services.count() >= 20 for term in TaxonomyTerm.objects.all())
    assert Service.objects.filter(is_free=True).count() > 100
    assert Service.objects.filter(is_free=False).count() > 100
    assert not Location.objects.filter(latitude__isnull=True).exists()
    assert Service.objects.filter(schedules__isnull=True).count() == 0
    # Editors have work to show: listings due for review and corrections sent by the public.
    assert Service.objects.due_for_review(datetime.date.today()).count() > 30
    assert Suggestion.objects.filter(status="new").count() == len(demo.DEMO_SUGGESTIONS)


def test_loading_the_demo_directory_twice_adds_nothing_new():
    call_command("load_directory_demo", stdout=io.StringIO())
    first = counts()
    names = set(Service.objects.values_list("name", "uuid"))
    out = io.StringIO()
    call_command("load_directory_demo", stdout=out)
    assert counts() == first
    assert set(Service.objects.values_list("name", "uuid")) == names
    assert "already loaded" in out.getvalue()


def test_the_demo_is_the_same_every_time_it_is_made():
    demo.load_demo_directory(count=30)
    first = list(Service.objects.order_by("uuid").values_list("uuid", "name", "is_free"))
    for model in (Service, Organization, Location):
        model.objects.all().delete()
    demo.load_demo_directory(count=30)
    assert list(Service.objects.order_by("uuid").values_list("uuid", "name", "is_free")) == first


def test_benchmarks_can_make_many_services_in_a_few_queries(django_assert_max_num_queries):
    demo.ensure_taxonomy()
    with django_assert_max_num_queries(30):
        assert demo.make_services(500, seed=1) == 500


def test_the_demo_directory_is_at_real_postcodes_with_their_own_coordinates():
    call_command("load_directory_demo", stdout=io.StringIO())
    real = {
        postcode: (lat, lon)
        for postcode, lat, lon in Postcode.objects.values_list("postcode", "latitude", "longitude")
    }
    locations = list(Location.objects.values_list("postcode", "latitude", "longitude"))
    assert len({postcode for postcode, *_ in locations}) > 200
    for postcode, *coordinates in locations:
        assert real[postcode] == tuple(coordinates)


def test_the_demo_picks_the_same_real_postcodes_every_time():
    for postcode in POSTCODES:
        full_postcode(postcode)
    demo.load_demo_directory(count=40)
    first = list(Location.objects.order_by("uuid").values_list("postcode", "latitude", "longitude"))
    assert {postcode for postcode, *_ in first} & set(POSTCODES) == {"NR1 2NY", "NR1 3QQ"}
    for model in (Service, Organization, Location):
        model.objects.all().delete()
    demo.load_demo_directory(count=40)
    assert list(Location.objects.order_by("uuid").values_list("postcode", "latitude", "longitude")) == first


def test_without_full_postcodes_the_demo_invents_them_near_the_centre_of_each_district():
    demo.load_demo_directory(count=40)
    centres = demo.outcode_centres()
    for location in Location.objects.all():
        outcode = location.postcode.split()[0]
        assert haversine_miles(location.latitude, location.longitude, *centres[outcode]) < 2
