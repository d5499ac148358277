"""Every read and change of a person's record leaves a trace a council admin can follow."""

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse
from django.utils.html import escape
from pghistory.models import MiddlewareEvents

from cases.models import AccessEvent

pytestmark = pytest.mark.django_db


def test_viewing_a_case_records_who_looked_when_and_from_where(client, practitioner, someones_case):
    client.force_login(practitioner)
    client.get(reverse("case", args=[someones_case.pk]), REMOTE_ADDR="10.1.2.3", HTTP_USER_AGENT="Tablet")
    event = AccessEvent.objects.get()
    assert (event.user, event.action, event.case, event.person) == (
        practitioner,
        "view",
        someones_case,
        someones_case.person,
    )
    assert event.ip_address == "10.1.2.3"
    assert event.user_agent == "Tablet"


def test_a_directory_editor_is_refused_before_any_record_is_loaded(client, directory_editor, someones_case):
    client.force_login(directory_editor)
    response = client.get(reverse("person", args=[someones_case.person_id]))
    assert response.status_code == 403
    assert not AccessEvent.objects.exists()


def test_changes_are_captured_by_the_database_with_the_user_who_made_them(client, practitioner, someone):
    client.force_login(practitioner)
    response = client.post(
        reverse("person_edit", args=[someone.pk]),
        {
            "given_name": someone.given_name,
            "family_name": "Ellis-Brown",
            "date_of_birth_0": someone.date_of_birth.day,
            "date_of_birth_1": someone.date_of_birth.month,
            "date_of_birth_2": someone.date_of_birth.year,
            "nhs_number": someone.nhs_number,
            "address_line_1": someone.address_line_1,
            "town": someone.town,
            "postcode": someone.postcode,
            "version": someone.version,
        },
    )
    assert response.status_code == 302
    update = MiddlewareEvents.objects.references(someone).filter(pgh_label="update").get()
    assert update.pgh_diff["family_name"] == ["Ellis", "Ellis-Brown"]
    assert update.user == practitioner
    assert update.pgh_context["ip"] == "127.0.0.1"


def test_a_write_outside_the_app_is_still_captured(someone):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cases_person SET phone = '01603 000000' WHERE id = %s", [someone.pk])
    labels = list(MiddlewareEvents.objects.references(someone).values_list("pgh_label", flat=True))
    assert labels.count("update") == 1


def test_the_audit_log_cannot_be_edited_or_deleted(client, practitioner, someones_case):
    client.force_login(practitioner)
    client.get(reverse("case", args=[someones_case.pk]))
    event = AccessEvent.objects.get()
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessEvent.objects.filter(pk=event.pk).update(what="nothing to see")
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessEvent.objects.filter(pk=event.pk).delete()


def test_a_council_admin_reads_a_persons_audit_trail(client, practitioner, council_admin, someones_case):
    client.force_login(practitioner)
    client.get(reverse("case", args=[someones_case.pk]))
    client.force_login(council_admin)
    page = client.get(reverse("person_audit", args=[someones_case.person_id])).content.decode()
    assert escape(practitioner.display_name) in page  # names like O'Connor arrive HTML-escaped
    assert "Viewed case overview" in page
    assert AccessEvent.objects.filter(user=council_admin, what="audit trail").exists()


def test_searches_are_recorded_with_what_was_asked(client, adviser, someone):
    client.force_login(adviser)
    client.get(reverse("person_search"), {"q": "Ellis"})
    event = AccessEvent.objects.get()
    assert (event.user, event.what) == (adviser, "search for ‘Ellis’ (1 found)")
