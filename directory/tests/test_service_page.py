"""A service's public page: how to get in touch, where, when, what it costs and who it is for."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from directory.models import CostOption, Phone, Schedule, Service
from directory.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def test_the_service_page_shows_contact_details_address_hours_costs_and_eligibility(client):
    service = ServiceFactory(
        name="Bluebell Home Care",
        organization__name="Bluebell Care Ltd",
        email="care@bluebell.example.org",
        url="https://bluebell.example.org",
        is_free=False,
        eligibility_description="Adults who need help with personal care.",
        assured_date=datetime.date(2026, 3, 14),
        at="NR18",
        categories=["home-care"],
    )
    Phone.objects.create(service=service, number="01632 960123")
    Schedule.objects.create(
        service=service,
        weekday=Schedule.Weekday.MONDAY,
        opens_at=datetime.time(9),
        closes_at=datetime.time(17, 30),
    )
    CostOption.objects.create(service=service, option="Per hour", amount=Decimal("26.50"))
    response = client.get(reverse("directory_service", args=[service.uuid]))
    assert response.status_code == 200
    page = response.content.decode()
    for text in [
        "<title>Bluebell Home Care",
        "Bluebell Care Ltd",
        'href="tel:01632960123"',
        "mailto:care@bluebell.example.org",
        "https://bluebell.example.org",
        "Wymondham Village Hall<br>1 Church Lane<br>Wymondham<br>NR18 1AA",
        "Monday",
        "9am",
        "5:30pm",
        "£26.50 per hour",
        "Adults who need help with personal care.",
        "Home care",
        "14 March 2026",
    ]:
        assert text in page, text


def test_a_free_service_says_so(client):
    service = ServiceFactory(is_free=True)
    response = client.get(reverse("directory_service", args=[service.uuid]))
    assert "Free" in response.content.decode()


def test_a_temporarily_closed_service_warns_people_to_check_first(client):
    service = ServiceFactory(status=Service.Status.TEMPORARILY_CLOSED)
    response = client.get(reverse("directory_service", args=[service.uuid]))
    assert "Temporarily closed. Contact them before you go." in response.content.decode()


def test_an_unknown_service_is_not_found(client):
    assert client.get(reverse("directory_service", args=[uuid.uuid4()])).status_code == 404


def test_a_service_that_has_closed_for_good_is_not_found(client):
    service = ServiceFactory(status=Service.Status.DEFUNCT)
    assert client.get(reverse("directory_service", args=[service.uuid])).status_code == 404


def test_a_malformed_service_id_is_not_found(client):
    assert client.get("/directory/services/not-a-uuid/").status_code == 404
