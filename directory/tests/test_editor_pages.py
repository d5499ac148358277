"""Directory editors at work: finding listings that need attention, correcting them, checking them, and the
public's suggested corrections reaching them."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from directory.models import CostOption, Location, Phone, Schedule, Service, Suggestion
from directory.tests.factories import ServiceFactory, TaxonomyTermFactory, district

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, directory_editor):
    client.force_login(directory_editor)
    return client


def manage(service, name="directory_manage_service"):
    return reverse(name, kwargs={"service_uuid": service.uuid})


def details_of(service, **changes):
    return {
        "name": service.name,
        "organization_name": service.organization.name,
        "description": service.description,
        "url": service.url,
        "email": service.email,
        "status": service.status,
        "is_free": "yes" if service.is_free else "no",
        "fees_description": service.fees_description,
        "eligibility_description": service.eligibility_description,
        "version": service.version,
        **changes,
    }


def test_an_editor_adds_a_service_and_it_is_found_by_the_public(editor):
    lunch = TaxonomyTermFactory(code="lunch-clubs")
    form = editor.get(reverse("directory_manage_new")).context["form"]
    listing_uuid = form.initial["listing_uuid"]
    data = {
        "name": "Mile Cross Lunch Club",
        "organization_name": "Mile Cross Community Association",
        "description": "A hot two-course lunch every Tuesday.",
        "status": "active",
        "is_free": "no",
        "fees_description": "£4.50 a lunch",
        "terms": [lunch.pk],
        "listing_uuid": listing_uuid,
    }
    response = editor.post(reverse("directory_manage_new"), data)
    service = Service.objects.get(uuid=listing_uuid)
    assert response.status_code == 302 and response.url == manage(service)
    editor.post(reverse("directory_manage_new"), data)  # pressed twice
    assert Service.objects.filter(name="Mile Cross Lunch Club").count() == 1
    assert service.organization.name == "Mile Cross Community Association"
    assert list(service.terms.all()) == [lunch]
    found = editor.get(reverse("directory_search"), {"q": "mile cross lunch"})
    assert "Mile Cross Lunch Club" in found.content.decode()


def test_a_paid_service_needs_its_cost_and_errors_keep_what_was_typed(editor):
    response = editor.post(
        reverse("directory_manage_new"),
        {
            "name": "Handy Help",
            "organization_name": "",
            "description": "Odd jobs",
            "status": "active",
            "is_free": "no",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the name of the organisation that runs the service" in page
    assert "Enter what the service costs" in page
    assert 'value="Handy Help"' in page
    assert 'class="govuk-error-summary"' in page
    assert not Service.objects.filter(name="Handy Help").exists()


def test_an_editor_corrects_a_listing_and_the_history_says_who(editor, directory_editor):
    service = ServiceFactory(name="Tea Dance", description="Dancing on Fridays.")
    response = editor.post(
        manage(service, "directory_manage_details"), details_of(service, name="Friday Tea Dance")
    )
    assert response.status_code == 302
    assert Service.objects.get(pk=service.pk).name == "Friday Tea Dance"
    history = editor.get(manage(service, "directory_manage_history")).content.decode()
    assert "Tea Dance → Friday Tea Dance" in history
    assert escape(directory_editor.display_name) in history


def test_the_history_reads_as_english_not_database_columns(editor):
    district("NR2")
    service = ServiceFactory(name="Tea Dance", is_free=False, open_on=[Schedule.Weekday.MONDAY])
    CostOption.objects.create(service=service, option="Per session", amount=Decimal("4.50"))
    editor.post(
        manage(service, "directory_manage_location_new"),
        {
            "name": "The Forum",
            "address_1": "Millennium Plain",
            "city": "Norwich",
            "postcode": "NR2",
            "version": 1,
        },
    )
    page = editor.get(manage(service, "directory_manage_history")).content.decode()
    history = re.search(r'<table[^>]*id="history".*?</table>', page, re.DOTALL)[0]
    for internal in (
        "CostOption",
        "ServiceAtLocation",
        "Schedule",
        "is_free",
        "weekday",
        "opens_at",
        "latitude",
        "version",
        "uuid",
        "10:00:00",
        "False",
        "4.5 ",
    ):
        assert internal not in history
    for words in (
        "Service added",
        "Free</span>: No",
        "Cost added",
        "£4.50",
        "Opening time added",
        "Day</span>: Monday",
        "Opens</span>: 10am",
        "Closes</span>: midday",
        "Place added",
        "Address line 1</span>: Millennium Plain",
    ):
        assert words in history
    assert history.count("Place added") == 1  # the place, not also its link to the service


def test_two_editors_at_once_the_second_is_told_and_keeps_their_words(editor):
    service = ServiceFactory(name="Tea Dance")
    first = details_of(service, name="Friday Tea Dance")
    second = details_of(service, description="Now on Saturdays too.")
    editor.post(manage(service, "directory_manage_details"), first)
    response = editor.post(manage(service, "directory_manage_details"), second)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this listing while you were editing it" in page
    assert "Now on Saturdays too." in page
    assert 'name="version" value="2"' in page
    assert Service.objects.get(pk=service.pk).name == "Friday Tea Dance"


def test_phone_numbers_are_checked_and_saved(editor):
    service = ServiceFactory()
    url = manage(service, "directory_manage_phones")
    bad = editor.post(url, {"number_1": "call us", "description_2": "Bookings", "version": 1})
    assert "Enter a phone number, like 01632 960 001" in bad.content.decode()
    assert "Enter the phone number this description is for" in bad.content.decode()
    editor.post(
        url,
        {"number_1": "01632  960001", "number_2": "07700 900982", "description_2": "Mobile", "version": 1},
    )
    assert list(
        Phone.objects.filter(service=service).order_by("number").values_list("number", "description")
    ) == [
        ("01632 960001", ""),
        ("07700 900982", "Mobile"),
    ]


def test_opening_times_as_people_type_them(editor):
    service = ServiceFactory(open_on=[Schedule.Weekday.SUNDAY])
    url = manage(service, "directory_manage_times")
    bad = editor.post(
        url, {"opens_1": "9am", "closes_1": "8am", "opens_2": "soon", "closes_2": "5pm", "version": 1}
    )
    page = bad.content.decode()
    assert "The closing time on Monday must be after the opening time" in page
    assert "Enter the time it opens on Tuesday like 9am, 1:30pm or 17:00" in page
    assert 'value="soon"' in page
    editor.post(
        url, {"opens_1": "9am", "closes_1": "5:30pm", "opens_3": "10:00", "closes_3": "midday", "version": 1}
    )
    assert [(s.weekday, s.opens_at, s.closes_at) for s in service.schedules.all()] == [
        (1, datetime.time(9), datetime.time(17, 30)),
        (3, datetime.time(10), datetime.time(12)),
    ]
    # Saved times come back written as the hint asks for them, under short labels lined up day by day.
    form = editor.get(url).content.decode()
    assert 'name="opens_1" value="9am"' in form and 'name="closes_1" value="5:30pm"' in form
    assert 'name="closes_3" value="midday"' in form
    assert re.search(r'<label[^>]*for="id_opens_1"[^>]*>\s*Opens\s*</label>', form)
    assert re.search(r'<label[^>]*for="id_closes_1"[^>]*>\s*Closes\s*</label>', form)


def test_an_address_gets_its_coordinates_from_the_postcode(editor):
    district("NR18")
    service = ServiceFactory(at="NR1")
    location = service.locations.get()
    url = reverse(
        "directory_manage_location", kwargs={"service_uuid": service.uuid, "location_uuid": location.uuid}
    )
    unknown = editor.post(url, {"address_1": "2 Market Place", "city": "Wymondham", "postcode": "ZZ99 9ZZ"})
    assert "We do not know the postcode area ZZ99" in unknown.content.decode()
    editor.post(
        url, {"address_1": "2 Market Place", "city": "Wymondham", "postcode": "nr18 0aa", "version": 1}
    )
    location = Location.objects.get(pk=location.pk)
    assert (location.address_1, location.postcode) == ("2 Market Place", "NR18 0AA")
    assert round(location.latitude, 1) == 52.6 and round(location.longitude, 1) == 1.1
    near_wymondham = editor.get(reverse("directory_search"), {"postcode": "NR18", "radius": 1})
    assert service.name in near_wymondham.content.decode()


def test_a_place_is_added_and_removed(editor):
    district("NR2")
    service = ServiceFactory()
    editor.post(
        manage(service, "directory_manage_location_new"),
        {
            "name": "The Forum",
            "address_1": "Millennium Plain",
            "city": "Norwich",
            "postcode": "NR2",
            "version": 1,
        },
    )
    location = service.locations.get()
    assert location.name == "The Forum"
    editor.post(
        reverse(
            "directory_manage_location_remove",
            kwargs={"service_uuid": service.uuid, "location_uuid": location.uuid},
        ),
        {"version": 2},
    )
    assert not service.locations.exists() and not Location.objects.filter(pk=location.pk).exists()


def test_checking_a_listing_takes_it_off_the_review_list(editor):
    service = ServiceFactory(name="Old Listing", assured_date=datetime.date(2024, 1, 1))
    due = editor.get(reverse("directory_manage"), {"view": "review"}).content.decode()
    assert "Old Listing" in due
    editor.post(manage(service, "directory_manage_checked"), {"version": 1})
    assert Service.objects.get(pk=service.pk).assured_date == timezone.localdate()
    assert "Old Listing" not in editor.get(reverse("directory_manage"), {"view": "review"}).content.decode()


def test_anyone_suggests_a_correction_and_an_editor_acts_on_it(client, editor, directory_editor):
    service = ServiceFactory(name="Wensum Lunch Club")
    public = client.__class__()
    page = public.get(reverse("directory_suggest", kwargs={"service_uuid": service.uuid}))
    assert page.status_code == 200
    empty = public.post(reverse("directory_suggest", kwargs={"service_uuid": service.uuid}), {})
    assert "Select what needs correcting" in empty.content.decode()
    # The question and its error say the same thing.
    assert "What is wrong, and what should it say?" in empty.content.decode()
    assert "Enter what is wrong with the listing" in empty.content.decode()
    sent = public.post(
        reverse("directory_suggest", kwargs={"service_uuid": service.uuid}),
        {"topic": "times", "details": "It meets on Wednesdays now", "email": "sam@example.com"},
    )
    assert sent.status_code == 302
    assert "Correction sent" in public.get(sent.url).content.decode()
    suggestion = Suggestion.objects.get(service=service)
    listing = editor.get(manage(service)).content.decode()
    assert "It meets on Wednesdays now" in listing
    assert (
        '<dt class="govuk-summary-list__key">Status</dt><dd class="govuk-summary-list__value">Running</dd>'
        in listing
    )
    editor.post(
        reverse("directory_manage_suggestion", args=[suggestion.pk]),
        {"status": "acted_on", "note": "Rang them"},
    )
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.resolved_by) == ("acted_on", directory_editor)
    assert "It meets on Wednesdays now" not in editor.get(manage(service)).content.decode()


def test_a_visitor_cannot_flood_the_editors_with_suggestions(client):
    service = ServiceFactory()
    url = reverse("directory_suggest", kwargs={"service_uuid": service.uuid})
    for _ in range(5):
        assert client.post(url, {"topic": "other", "details": "Wrong"}).status_code == 302
    refused = client.post(url, {"topic": "other", "details": "Wrong again"})
    assert "You have sent several corrections in the last hour" in refused.content.decode()
    assert "Wrong again" in refused.content.decode()
    assert Suggestion.objects.count() == 5


def test_other_staff_cannot_edit_the_directory(client, adviser):
    service = ServiceFactory()
    client.force_login(adviser)
    assert client.get(manage(service, "directory_manage_details")).status_code == 403
    assert client.post(manage(service, "directory_manage_checked"), {"version": 1}).status_code == 403
    assert Service.objects.get(pk=service.pk).version == 1


def test_the_history_page_costs_the_same_however_often_a_listing_changed(
    editor, django_assert_max_num_queries
):
    service = ServiceFactory(name="Tea Dance", at="NR1")
    url = manage(service, "directory_manage_history")
    editor.get(url)
    for number in range(8):
        editor.post(
            manage(service, "directory_manage_details"),
            details_of(
                Service.objects.get(pk=service.pk),
                name=f"Tea Dance {number}",
                organization_name="Mile Cross Club" if number % 2 else "Earlham Club",
            ),
        )
    with django_assert_max_num_queries(20):
        assert "Tea Dance 7" in editor.get(url).content.decode()
