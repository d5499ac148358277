"""The letter engine: a tagged PDF on the case, made once however often it is asked for."""

import io
import time
import uuid

import pytest
from django.urls import reverse
from pypdf import PdfReader

from cases import letters, services
from cases.milestones import Milestone
from cases.models import CouncilSettings, Letter

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_case_reference_letter_is_an_accessible_pdf_addressed_to_the_person(someones_case):
    CouncilSettings.objects.create(name="Northbrook Council", phone="0300 123 4567")
    letter = Letter.objects.create(case=someones_case, letter_type="case_reference")
    letters.produce_letter(letter_id=letter.pk)
    letter.refresh_from_db()
    assert letter.status == "ready"
    text = pdf_text(bytes(letter.pdf))
    assert someones_case.reference in text
    assert "Dear Margaret" in text
    assert "0300 123 4567" in text
    reader = PdfReader(io.BytesIO(bytes(letter.pdf)))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog, "tagged for screen readers"
    assert catalog["/MarkInfo"]["/Marked"]
    assert catalog["/Lang"] == "en-GB"


def test_rendering_again_or_retrying_never_makes_a_second_letter(someones_case):
    letter = Letter.objects.create(case=someones_case, letter_type="case_reference")
    letters.produce_letter(letter_id=letter.pk)
    letters.produce_letter(letter_id=letter.pk)
    assert Letter.objects.count() == 1
    assert someones_case.events.filter(milestone=Milestone.LETTER_READY).count() == 1


def test_asking_twice_with_the_same_key_returns_the_same_letter(adviser, someones_case):
    key = uuid.uuid4()
    first = services.request_letter(actor=adviser, case=someones_case, letter_type="case_reference", once=key)
    second = services.request_letter(
        actor=adviser, case=someones_case, letter_type="case_reference", once=key
    )
    assert first.pk == second.pk
    assert someones_case.events.filter(milestone=Milestone.LETTER_REQUESTED).count() == 1


@pytest.mark.parametrize(
    ("about", "key"),
    [  # keys of letters already sent: made the same way, a letter asked for again is not sent twice
        ("review-outcome/12", "a24abd1b-cac8-5d27-8907-077b6882611b"),
        ("support-plan/7/large", "a9f5fe25-a781-5b24-ac96-cc89169a5339"),
        ("plan-agreed/3/standard", "05cdc5c3-eed6-525b-8b65-4e067d386ff6"),
        ("indicative-budget/5", "0984fe28-ad7b-5ae1-bb21-312eccc3621d"),
        ("service-order/12", "575e28b7-8bab-593b-b9ce-4491017175c0"),
    ],
)
def test_a_letter_about_the_same_thing_keeps_the_key_it_was_sent_with(about, key):
    assert services.letter_key(about) == uuid.UUID(key) == uuid.uuid5(uuid.NAMESPACE_URL, about)


def test_asking_twice_for_a_letter_about_the_same_thing_returns_the_same_letter(adviser, someones_case):
    def ask(about):
        return services.request_letter(
            actor=adviser, case=someones_case, letter_type="case_reference", about=about
        )

    first = ask("case-reference/1")
    assert ask("case-reference/1").pk == first.pk
    assert first.idempotency_key == services.letter_key("case-reference/1")
    assert ask("case-reference/2").pk != first.pk
    assert someones_case.events.filter(milestone=Milestone.LETTER_REQUESTED).count() == 2
    with pytest.raises(ValueError):
        services.request_letter(
            actor=adviser, case=someones_case, letter_type="case_reference", once=uuid.uuid4(), about="x"
        )


def test_a_letter_that_keeps_failing_is_marked_failed_on_the_timeline(client, practitioner, someones_case):
    letter = Letter.objects.create(case=someones_case, letter_type="case_reference")
    letters.record_failure(letter_id=letter.pk, error="OSError: disk full", final=False)
    letter.refresh_from_db()
    assert letter.status == "queued"
    letters.record_failure(letter_id=letter.pk, error="OSError: disk full", final=True)
    letter.refresh_from_db()
    assert letter.status == "failed"
    client.force_login(practitioner)
    page = client.get(reverse("case", args=[someones_case.pk])).content.decode()
    assert "Letter failed: Your case reference" in page


def test_only_ready_letters_can_be_downloaded(client, practitioner, someones_case):
    letter = Letter.objects.create(case=someones_case, letter_type="case_reference")
    client.force_login(practitioner)
    assert client.get(reverse("letter_download", args=[someones_case.pk, letter.pk])).status_code == 404


@pytest.mark.worker
def test_a_new_person_gets_their_letter_from_the_worker_and_staff_can_open_it(
    celery_worker_on_redis, client, adviser
):
    client.force_login(adviser)
    response = client.post(
        reverse("person_new"),
        {
            "given_name": "Winston",
            "family_name": "Okafor",
            "date_of_birth_0": "2",
            "date_of_birth_1": "11",
            "date_of_birth_2": "1938",
            "address_line_1": "7 Elm Grove",
            "town": "Northbrook",
            "postcode": "NR2 4AB",
            "once": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302
    letter = Letter.objects.get()
    deadline = time.monotonic() + 60
    while letter.status == "queued" and time.monotonic() < deadline:
        time.sleep(0.2)
        letter.refresh_from_db()
    assert letter.status == "ready"
    case_page = client.get(reverse("case", args=[letter.case_id])).content.decode()
    assert "Letter ready: Your case reference" in case_page
    download = client.get(reverse("letter_download", args=[letter.case_id, letter.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert letter.case.reference in pdf_text(download.content)


def test_a_failed_letter_can_be_sent_back_to_the_worker_once(client, practitioner, someones_case):
    letter = Letter.objects.create(
        case=someones_case, letter_type="case_reference", status="failed", attempts=5
    )
    client.force_login(practitioner)
    page = client.get(reverse("case", args=[someones_case.pk])).content.decode()
    assert "Could not be prepared" in page
    url = reverse("letter_retry", args=[someones_case.pk, letter.pk])
    client.post(url)
    client.post(url)
    letter.refresh_from_db()
    assert (letter.status, letter.attempts) == ("queued", 0)
    assert someones_case.events.filter(summary__startswith="Letter requested again").count() == 1


def test_the_timeline_links_to_a_ready_letter(client, practitioner, someones_case):
    letter = Letter.objects.create(case=someones_case, letter_type="case_reference")
    letters.produce_letter(letter_id=letter.pk)
    client.force_login(practitioner)
    page = client.get(reverse("case", args=[someones_case.pk])).content.decode()
    assert page.count(reverse("letter_download", args=[someones_case.pk, letter.pk])) == 2


def test_the_case_reference_letter_fits_on_one_sheet(someones_case):
    letter = Letter.objects.create(case=someones_case, letter_type="case_reference")
    letters.produce_letter(letter_id=letter.pk)
    letter.refresh_from_db()
    assert len(PdfReader(io.BytesIO(bytes(letter.pdf))).pages) == 1
