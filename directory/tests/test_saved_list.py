"""A person's list of services: add and remove from the results or a service's page (with or without JavaScript),
read it with how to get in touch, print it, and email it to themselves, a few times an hour at most."""

import datetime
import re
import uuid

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory import saved_list, tasks
from directory.models import Phone, Schedule, Service
from directory.saved_list import Added, SavedList
from directory.tests.factories import ServiceFactory, district

SEARCH = reverse("directory_search")
LIST = reverse("directory_list")
ADD = reverse("directory_list_add")
REMOVE = reverse("directory_list_remove")
EMAIL = reverse("directory_list_email")
SENT = reverse("directory_list_email_sent")


# The rules, on a plain dict standing in for the session


def test_a_list_keeps_services_in_the_order_they_were_added_and_each_only_once():
    saved = SavedList({})
    first, second = uuid.uuid4(), uuid.uuid4()
    assert saved.add(first) is Added.ADDED
    assert saved.add(second) is Added.ADDED
    assert saved.add(first) is Added.ALREADY_THERE
    assert saved.uuids == [str(first), str(second)]
    assert first in saved
    assert len(saved) == 2


def test_a_full_list_takes_no_more_until_one_is_taken_off():
    saved = SavedList({})
    kept = [uuid.uuid4() for _ in range(saved_list.MOST_SERVICES)]
    for service_uuid in kept:
        saved.add(service_uuid)
    one_more = uuid.uuid4()
    assert saved.add(one_more) is Added.LIST_FULL
    assert one_more not in saved
    assert saved.remove(kept[0])
    assert saved.add(one_more) is Added.ADDED
    assert len(saved) == saved_list.MOST_SERVICES


def test_taking_off_a_service_that_is_not_on_the_list_changes_nothing():
    session = {}
    saved = SavedList(session)
    saved.add(kept := uuid.uuid4())
    assert not saved.remove(uuid.uuid4())
    assert saved.uuids == [str(kept)]


def test_services_no_longer_in_the_directory_drop_off_the_list():
    saved = SavedList({})
    still_there, gone = uuid.uuid4(), uuid.uuid4()
    saved.add(gone)
    saved.add(still_there)
    saved.keep_only([still_there])
    assert saved.uuids == [str(still_there)]


# The email itself


@pytest.fixture
def two_services(db):
    district("NR1")
    lunch = ServiceFactory(
        name="Lakenham Lunch Club",
        organization__name="Lakenham Volunteers",
        email="lunch@lakenham.example.org",
        url="https://lakenham.example.org",
        at="NR1",
    )
    Phone.objects.create(service=lunch, number="01632 960001", description="Tuesdays only")
    Schedule.objects.create(
        service=lunch,
        weekday=Schedule.Weekday.TUESDAY,
        opens_at=datetime.time(12),
        closes_at=datetime.time(14),
    )
    care = ServiceFactory(
        name="Bluebell Home Care",
        organization__name="Bluebell Care Ltd",
        organization__email="hello@bluebell.example.org",
        organization__url="https://bluebell.example.org",
        status=Service.Status.TEMPORARILY_CLOSED,
    )
    return lunch, care


@pytest.mark.django_db
def test_the_email_lists_each_service_with_how_to_get_in_touch_and_links_back_to_the_site(two_services):
    lunch, care = two_services
    count = saved_list.email_saved_list(
        to="ann@example.org",
        service_uuids=[str(care.uuid), str(lunch.uuid)],
        site_url="https://fd.example.gov.uk/",
    )
    assert count == 2
    [email] = mail.outbox
    assert email.to == ["ann@example.org"]
    assert "Your list of local services" in email.subject
    text = email.body
    for expected in [
        "Bluebell Home Care",
        "Temporarily closed. Contact them before you go.",
        "Email: hello@bluebell.example.org",
        "Website: https://bluebell.example.org",
        "Opening times: contact them to ask when they are open",
        "Lakenham Lunch Club",
        "Phone (Tuesdays only): 01632 960001",
        "Email: lunch@lakenham.example.org",
        "Address: Norwich Village Hall, 1 Church Lane, Norwich, NR1 1AA",
        "Opening times: Tuesday midday to 2pm",
        f"More about this service: https://fd.example.gov.uk/directory/services/{lunch.uuid}/",
        "Find more local services: https://fd.example.gov.uk/directory/",
    ]:
        assert expected in text
    assert text.index("Bluebell Home Care") < text.index("Lakenham Lunch Club")  # the order they were added
    assert "\n\n\n" not in text
    [(html, kind)] = email.alternatives
    assert kind == "text/html"
    assert (
        f'<a href="https://fd.example.gov.uk/directory/services/{lunch.uuid}/">Lakenham Lunch Club</a>'
        in html
    )
    assert 'href="tel:01632960001"' in html


@pytest.mark.django_db
def test_no_email_is_sent_when_none_of_the_services_is_still_listed(two_services):
    lunch, _ = two_services
    Service.objects.filter(pk=lunch.pk).update(status=Service.Status.DEFUNCT)
    assert (
        saved_list.email_saved_list(
            to="ann@example.org", service_uuids=[str(lunch.uuid)], site_url="https://x"
        )
        == 0
    )
    assert mail.outbox == []


# Adding and taking off, on the search results and a service's page


def add(client, service, *, htmx=False, **data):
    return client.post(
        ADD, {"service": str(service.uuid), **data}, headers={"HX-Request": "true"} if htmx else {}
    )


@pytest.mark.django_db
def test_without_javascript_adding_a_service_goes_back_to_the_same_search_at_that_service(
    client, two_services
):
    lunch, _ = two_services
    came_from = f"{SEARCH}?q=lunch&page=1"
    response = add(client, lunch, next=came_from)
    assert response.status_code == 302
    assert response.url == f"{came_from}#list-button-{lunch.uuid}"
    page = client.get(SEARCH, {"q": "lunch"}).content.decode()
    assert 'Remove from your list<span class="govuk-visually-hidden">: Lakenham Lunch Club' in page
    assert re.search(r"Your list \(1<span[^>]*> service</span>\)", page)


@pytest.mark.django_db
def test_a_service_page_offers_to_add_it_and_then_to_take_it_off(client, two_services):
    lunch, _ = two_services
    service_page = reverse("directory_service", args=[lunch.uuid])
    assert "Add to your list" in client.get(service_page).content.decode()
    add(client, lunch, next=service_page)
    page = client.get(service_page).content.decode()
    assert "Remove from your list" in page
    response = client.post(REMOVE, {"service": str(lunch.uuid), "next": service_page})
    assert response.url == f"{service_page}#list-button-{lunch.uuid}"
    assert "Add to your list" in client.get(service_page).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "elsewhere", ["https://evil.example.org/", "//evil.example.org/", "javascript:alert(1)"]
)
def test_going_back_never_leaves_the_site(client, two_services, elsewhere):
    lunch, _ = two_services
    response = add(client, lunch, next=elsewhere)
    assert response.url == f"{lunch.get_absolute_url()}#list-button-{lunch.uuid}"


@pytest.mark.django_db
def test_with_htmx_only_the_button_and_the_size_of_the_list_change(client, two_services):
    lunch, care = two_services
    add(client, care)
    response = add(client, lunch, next=f"{SEARCH}?q=lunch", htmx=True)
    assert response.status_code == 200
    fragment = response.content.decode()
    assert "<html" not in fragment
    assert f'id="list-button-{lunch.uuid}"' in fragment
    assert "Remove from your list" in fragment
    assert f'value="{SEARCH}?q=lunch"' in fragment  # the search is still where a plain form would go back to
    assert 'hx-swap-oob="innerHTML"' in fragment
    assert re.search(r"Your list \(2<span[^>]*> services</span>\)", fragment)


@pytest.mark.django_db
def test_a_full_list_says_so_and_keeps_what_it_has(client, two_services, monkeypatch):
    lunch, care = two_services
    monkeypatch.setattr(saved_list, "MOST_SERVICES", 1)
    add(client, care)
    page = client.get(add(client, lunch, next=SEARCH).url).content.decode()
    assert "Your list is full" in page
    assert [service.name for service in client.get(LIST).context["services"]] == ["Bluebell Home Care"]
    fragment = add(client, lunch, htmx=True).content.decode()
    assert "Your list is full" in fragment
    assert "Add to your list" in fragment


@pytest.mark.django_db
def test_only_services_still_in_the_directory_can_be_added(client, two_services):
    gone = ServiceFactory(status=Service.Status.DEFUNCT)
    assert add(client, gone).status_code == 404
    assert client.post(ADD, {"service": "not-a-uuid"}).status_code == 404
    assert client.post(ADD, {}).status_code == 404


@pytest.mark.django_db
def test_adding_and_taking_off_need_a_post(client):
    assert client.get(ADD).status_code == 405
    assert client.get(REMOVE).status_code == 405


# The list page


@pytest.mark.django_db
def test_the_list_shows_each_service_with_how_to_get_in_touch_ready_to_print(client, two_services):
    lunch, care = two_services
    add(client, lunch)
    add(client, care)
    response = client.get(LIST)
    page = response.content.decode()
    assert [service.name for service in response.context["services"]] == [
        "Lakenham Lunch Club",
        "Bluebell Home Care",
    ]
    for expected in [
        "2 services you chose",
        'href="tel:01632960001"',
        "mailto:lunch@lakenham.example.org",
        "https://lakenham.example.org",
        "Norwich Village Hall",
        "Tuesday: midday to 2pm",
        "mailto:hello@bluebell.example.org",  # the organisation's, when the service has none
        "Temporarily closed. Contact them before you go.",
        "Contact them to ask when they are open",
        "fd-print-list",
        "data-print-button",
        "use your browser’s print option",
        f'href="{EMAIL}"',
    ]:
        assert expected in page


@pytest.mark.django_db
def test_the_list_page_takes_the_same_number_of_queries_however_long_the_list(client, two_services):
    def queries_for_a_list_of(size):
        client.cookies.clear()
        for service in ServiceFactory.create_batch(size, at="NR1"):
            Phone.objects.create(service=service, number="01632 960000")
            add(client, service)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        return len(queries)

    assert queries_for_a_list_of(2) == queries_for_a_list_of(12)


@pytest.mark.django_db
def test_an_empty_list_says_how_to_fill_it(client):
    page = client.get(LIST).content.decode()
    assert "Your list is empty" in page
    assert "data-print-button" not in page


@pytest.mark.django_db
def test_a_service_that_closes_for_good_drops_off_the_list(client, two_services):
    lunch, care = two_services
    add(client, lunch)
    add(client, care)
    Service.objects.filter(pk=care.pk).update(status=Service.Status.DEFUNCT)
    assert [service.name for service in client.get(LIST).context["services"]] == ["Lakenham Lunch Club"]
    assert re.search(r"Your list \(1<span", client.get(SEARCH).content.decode())


@pytest.mark.django_db
def test_taking_a_service_off_the_list_page_goes_back_to_the_list(client, two_services):
    lunch, care = two_services
    add(client, lunch)
    add(client, care)
    response = client.post(REMOVE, {"service": str(lunch.uuid), "next": f"{LIST}#saved-services"})
    assert response.url == f"{LIST}#saved-services"
    assert [service.name for service in client.get(LIST).context["services"]] == ["Bluebell Home Care"]


# Emailing the list


@pytest.fixture
def sent_by_the_worker(monkeypatch):
    """Run the email task in this process as the worker would, and note each time it was queued."""
    queued = []

    def delay(to, service_uuids, site_url):
        queued.append(to)
        tasks.email_saved_list_task.apply(args=[to, service_uuids, site_url])

    monkeypatch.setattr(tasks.email_saved_list_task, "delay", delay)
    return queued


@pytest.mark.django_db
def test_emailing_the_list_sends_it_and_says_where_it_went(
    client, two_services, sent_by_the_worker, django_capture_on_commit_callbacks
):
    lunch, care = two_services
    add(client, lunch)
    add(client, care)
    assert "Send the list" in client.get(EMAIL).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(EMAIL, {"email": "ann@example.org"})
    assert response.status_code == 302
    assert response.url == SENT
    assert sent_by_the_worker == ["ann@example.org"]
    [email] = mail.outbox
    assert email.to == ["ann@example.org"]
    assert "Lakenham Lunch Club" in email.body
    assert f"http://testserver/directory/services/{lunch.uuid}/" in email.body
    confirmation = client.get(SENT).content.decode()
    assert "We’ve sent your list" in confirmation
    # A long address wraps inside the green panel rather than running out of it on a tablet.
    assert '<strong id="sent-to" class="govuk-!-text-break-word">ann@example.org</strong>' in confirmation


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter your email address"),
        ("ann at example", "Enter an email address in the correct format, like name@example.com"),
    ],
)
def test_a_missing_or_wrong_email_address_is_explained_and_what_was_typed_is_kept(
    client, two_services, sent_by_the_worker, typed, message
):
    add(client, two_services[0])
    response = client.post(EMAIL, {"email": typed})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: Email your list to yourself" in page
    assert f'<a href="#id_email">{message}</a>' in page  # in the error summary
    assert re.search(
        r'id="id_email_\d+_error"[^>]*>\s*<span class="govuk-visually-hidden">Error:</span>\s*' + message,
        page,
    )
    assert f'value="{typed}"' in page or not typed
    assert sent_by_the_worker == []


@pytest.mark.django_db
def test_a_fourth_email_within_the_hour_is_refused_saying_when_to_try_again(
    client, two_services, sent_by_the_worker, django_capture_on_commit_callbacks
):
    add(client, two_services[0])
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(saved_list.EMAILS.per_session):
            assert client.post(EMAIL, {"email": "ann@example.org"}).status_code == 302
        refused = client.post(EMAIL, {"email": "ann@example.org"})
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "You have emailed your list 3 times in the last hour" in page
    assert "You can email it again from" in page
    assert len(sent_by_the_worker) == saved_list.EMAILS.per_session
    assert "You have emailed your list 3 times" in client.get(EMAIL).content.decode()


@pytest.mark.django_db
def test_an_empty_list_cannot_be_emailed(client, sent_by_the_worker):
    response = client.post(EMAIL, {"email": "ann@example.org"})
    assert response.status_code == 200
    assert "Your list is empty, so there is nothing to send" in response.content.decode()
    assert sent_by_the_worker == []


@pytest.mark.django_db
def test_the_confirmation_page_before_anything_was_sent_goes_to_the_list(client):
    assert client.get(SENT).url == LIST


# The search form's cost question


@pytest.mark.django_db
def test_a_search_link_that_does_not_say_which_cost_ticks_free_or_paid(client):
    page = client.get(SEARCH, {"q": "lunch"}).content.decode()
    ticked = re.findall(r'<input\s+type="radio"\s+name="cost"[^>]*?value="([^"]*)"\s+checked', page)
    assert ticked == [""]
    paid = client.get(SEARCH, {"q": "lunch", "cost": "paid"}).content.decode()
    assert re.findall(r'<input\s+type="radio"\s+name="cost"[^>]*?value="([^"]*)"\s+checked', paid) == ["paid"]
