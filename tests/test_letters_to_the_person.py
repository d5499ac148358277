"""Every letter the council sends, read as the person reads it: written to them in plain words, saying what
happens next and how to disagree or complain, with each bullet read beside its item."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from assessment.tests import factories
from cases import letters
from cases.models import LETTERS_TO_OTHERS, CouncilSettings, Letter, LetterType
from cases.stages import Stage, next_step_for_the_person
from cases.tests.factories import CaseFactory, PersonFactory
from contact.tests import test_recording_a_contact as call
from directory.tests.factories import ServiceFactory, district
from reviews import ending_services, invitations
from reviews import services as golive_services
from reviews.models import Review
from support_planning.models import SupportPlan
from support_planning.tests import carer_factories

pytestmark = pytest.mark.django_db

# Words from the record, the rules or the office that mean nothing to the person, or talk about them rather than
# to them.
STAFF_WORDS = [
    "episode",
    "on the same record",
    "the case is",
    "opens a new",
    "practitioner recorded",
    "the practitioner",
    "the person",
    "an adviser is",
    "their needs",
    "unable to achieve",
    "refer for an",
    "referral",
    "supported self-assessment now",
    "signposting",
    "no further action",
    "resource allocation system",
    "ras version",
    "not met",
]


def pdf_text(letter: Letter) -> str:
    letters.produce_letter(letter_id=letter.pk)
    letter.refresh_from_db()
    pages = PdfReader(io.BytesIO(bytes(letter.pdf))).pages
    return "\n".join(page.extract_text() for page in pages)


# One item free, one dearer: the letter says which, and what happens to the dearer one.
EQUIPMENT_ITEMS = [
    {"description": "Bath board", "kind": "equipment", "cost": "45"},
    {"description": "Ceiling hoist", "kind": "equipment", "cost": "2400"},
]


def contact_ending(client, adviser, *, kinds: list[str], **notes) -> Letter:
    """A call from the person's daughter, recorded screen by screen, ending with the outcomes given."""
    client.force_login(adviser)
    person = PersonFactory(given_name="Margaret", family_name="Ellis")
    contact = call.start(client, person)
    call.about(client, contact, reason="Struggling to get out since a fall")
    call.outcomes(client, contact, kinds, **notes)
    if "equipment" in kinds:
        for item in EQUIPMENT_ITEMS:
            client.post(reverse("contact_step", args=[contact.pk, "equipment"]), {**item, "add": "yes"})
    if "advice" in kinds:
        district("NR1")
        lunch = ServiceFactory(name="Riverside Lunch Club", at="NR1", categories=["lunch-clubs"])
        client.post(reverse("contact_step_signposting", args=[contact.pk]), {"add": str(lunch.uuid)})
    call.complete(client, contact)
    return Letter.objects.get(case__person=person, letter_type=LetterType.CONTACT_SUMMARY)


def signed_off(request, letter_type, *, kind="adult", unable: dict[str, list[str]], **answers) -> Letter:
    """An assessment decided and signed off, which sends the summary and the decision: one of them."""
    request.getfixturevalue("questionnaire")
    client, practitioner = request.getfixturevalue("client"), request.getfixturevalue("practitioner")
    case = CaseFactory(person=PersonFactory(given_name="Margaret"), team=practitioner.team)
    needs = (
        {"the_caring_role", "carer_health"} if kind == "carer" else {"personal_care", "eating_and_drinking"}
    )
    assessment = factories.completed(actor=practitioner, case=case, needs_in=needs, kind=kind)
    client.force_login(practitioner)
    data = {"needs_from_condition": "yes", "wellbeing_impact": "yes", "version": 0, **answers}
    data.setdefault("wellbeing_notes", "Not washing has left her ashamed to see friends")
    for outcome, reasons in unable.items():
        data[f"reasons_{outcome}"] = reasons
    client.post(reverse("assessment_eligibility", args=[assessment.pk]), data)
    client.post(reverse("assessment_sign_off", args=[assessment.pk]))
    return the_letter(case, letter_type)


def the_letter(case, letter_type) -> Letter:
    return Letter.objects.get(case=case, letter_type=letter_type)


def case_reference(request) -> Letter:
    return Letter.objects.create(case=CaseFactory(), letter_type=LetterType.CASE_REFERENCE)


def contact_summary_resolved(request) -> Letter:
    return contact_ending(
        request.getfixturevalue("client"), request.getfixturevalue("adviser"), kinds=["advice"]
    )


def contact_summary_for_assessment(request) -> Letter:
    return contact_ending(
        request.getfixturevalue("client"),
        request.getfixturevalue("adviser"),
        kinds=["assessment", "equipment"],
        note_other="Needs help washing",
    )


def test_the_contact_summary_lists_the_equipment_with_its_cost_and_what_happens_to_the_dearer_item(
    client, adviser
):
    CouncilSettings.objects.create(name="Northbrook Council")
    letter = contact_ending(
        client, adviser, kinds=["assessment", "equipment"], note_other="Needs help washing"
    )
    flat = " ".join(pdf_text(letter).split())
    assert "Bath board, £45. Free: it costs £1,000 or less." in flat
    assert "Ceiling hoist, £2,400. You may be asked to pay towards it." in flat


def assessment_summary(request) -> Letter:
    return signed_off(request, LetterType.ASSESSMENT_SUMMARY, unable={"hygiene": ["endangers"]})


def decision_eligible(request) -> Letter:
    return signed_off(
        request,
        LetterType.ELIGIBILITY_DECISION,
        unable={"hygiene": ["without_assistance"], "nutrition": ["takes_longer"]},
    )


def decision_not_eligible(request) -> Letter:
    return signed_off(
        request,
        LetterType.ELIGIBILITY_DECISION,
        unable={"hygiene": ["without_assistance"]},
        needs_from_condition="no",
    )


def decision_for_a_carer(request) -> Letter:
    return signed_off(
        request,
        LetterType.ELIGIBILITY_DECISION,
        kind="carer",
        unable={"carer_work": ["pain_distress"]},
        carer_health_at_risk="yes",
    )


def indicative_budget(request) -> Letter:
    request.getfixturevalue("ras_version")
    request.getfixturevalue("questionnaire")
    client, practitioner = request.getfixturevalue("client"), request.getfixturevalue("practitioner")
    case = CaseFactory(team=practitioner.team)
    assessment = factories.start(actor=practitioner, case=case)
    factories.answer_all(assessment, actor=practitioner, needs_in={"personal_care", "home"})
    client.force_login(practitioner)
    client.post(reverse("assessment_complete", args=[assessment.pk]))
    factories.decided(assessment, actor=practitioner, eligible=True)  # a budget is only for eligible needs
    client.post(reverse("work_out_indicative_budget", args=[assessment.pk]))
    client.post(reverse("indicative_budget_letter", args=[assessment.pk]))
    return the_letter(case, LetterType.INDICATIVE_BUDGET)


MEANS = {
    "capital": "14251",
    "income_state_pension": "221.20",
    "income_pension_credit": "78.80",
    "dre": "25.50",
    "housing_costs": "12",
    "weekly_cost": "250",
    "version": 0,
}


def financial(request, **means) -> Letter:
    request.getfixturevalue("charging_year")
    request.getfixturevalue("questionnaire")
    client, practitioner = request.getfixturevalue("client"), request.getfixturevalue("practitioner")
    case = CaseFactory(team=practitioner.team)
    # A charge is only for needs decided eligible.
    assessment = factories.completed(actor=practitioner, case=case, needs_in={"personal_care"})
    factories.decided(assessment, actor=practitioner, eligible=True, sign_off=True)
    client.force_login(request.getfixturevalue("finance_officer"))
    url = reverse("financial_assessment", args=[case.pk])
    client.post(url, {**MEANS, **means})
    client.post(url, {"confirm": "1"})
    return the_letter(case, LetterType.FINANCIAL_ASSESSMENT)


def financial_assessment(request) -> Letter:
    return financial(request)


def financial_assessment_full_cost(request) -> Letter:
    return financial(request, capital="30000")


def support_plan(request, *, large_print=False) -> Letter:
    """A plan written on the visit, with help from family and paid support by direct payment, sent in writing."""
    request.getfixturevalue("ras_version")
    request.getfixturevalue("questionnaire")
    client, practitioner = request.getfixturevalue("client"), request.getfixturevalue("practitioner")
    case = CaseFactory(team=practitioner.team)
    assessment = factories.completed(
        actor=practitioner, case=case, needs_in={"personal_care", "eating_and_drinking"}
    )
    factories.decided(assessment, actor=practitioner, eligible=True, sign_off=True)
    client.force_login(practitioner)
    client.post(reverse("work_out_indicative_budget", args=[assessment.pk]))
    client.post(reverse("support_plan", args=[case.pk]))
    plan = SupportPlan.objects.get(case=case)
    for outcome, item in zip(plan.outcomes.all(), PLAN_ITEMS, strict=False):
        plan.refresh_from_db()
        client.post(reverse("plan_item_new", args=[plan.pk, outcome.pk]), {**item, "version": plan.version})
    plan.refresh_from_db()
    client.post(
        reverse("plan_money", args=[plan.pk]),
        {
            "direct_payment_recipient": "person",
            "direct_payment_frequency": "four_weekly",
            "version": plan.version,
        },
    )
    plan.refresh_from_db()
    client.post(reverse("plan_submit", args=[plan.pk]), {"version": plan.version, "gap_reason": "Two carers"})
    client.post(reverse("plan_letter", args=[plan.pk]), {"large_print": "yes"} if large_print else {})
    return the_letter(case, LetterType.SUPPORT_PLAN)


def support_plan_in_large_print(request) -> Letter:
    return support_plan(request, large_print=True)


def carers_support_plan(request) -> Letter:
    """A carer's plan: a one-off payment for a break for her, and a sitting service for the person she cares for."""
    request.getfixturevalue("questionnaire")
    client, practitioner = request.getfixturevalue("client"), request.getfixturevalue("practitioner")
    case, grace = carer_factories.carers_case(PersonFactory(), actor=practitioner)
    plan = carer_factories.a_carers_plan_sent(client, practitioner, case, grace)
    client.post(reverse("plan_letter", args=[plan.pk]), {})
    return the_letter(case, LetterType.CARERS_SUPPORT_PLAN)


def agreed(request, make) -> Letter:
    """The plan `make` sends in writing, then agreed by the team manager on the sign-off screen: its letter."""
    request.getfixturevalue("delegation_scheme")
    case = make(request).case
    client = request.getfixturevalue("client")
    client.force_login(request.getfixturevalue("manager"))
    plan = SupportPlan.objects.get(case=case)
    client.post(reverse("plan_sign_off", args=[plan.pk]), {"decision": "agree", "seen_decisions": 0})
    return the_letter(case, LetterType.PLAN_AGREED)


def plan_agreed(request) -> Letter:
    return agreed(request, support_plan)


def carers_plan_agreed(request) -> Letter:
    return agreed(request, carers_support_plan)


def support_started(request):
    """The agreed plan's support started, with its direct payment (which sends its letter): the case."""
    case = plan_agreed(request).case
    plan = SupportPlan.objects.get(case=case, status=SupportPlan.Status.AGREED)
    today = timezone.localdate()
    going = golive_services.DirectPaymentStart(signed_on=today, first_payment_on=today)
    golive_services.go_live(
        actor=request.getfixturevalue("practitioner"), plan_id=plan.pk, starts_on=today, direct_payment=going
    )
    return case


def direct_payment(request) -> Letter:
    return the_letter(support_started(request), LetterType.DIRECT_PAYMENT)


def review_invitation(request) -> Letter:
    """The morning job invites the person to the first review of the support started."""
    case = support_started(request)
    invitations.invite_to_reviews(today=Review.objects.get(case=case, status=Review.Status.SCHEDULED).opens)
    return the_letter(case, LetterType.REVIEW_INVITATION)


def review_outcome(request) -> Letter:
    """The first review of the support started, recorded: the plan needs changing."""
    case = support_started(request)
    practitioner = request.getfixturevalue("practitioner")
    review = golive_services.start_review(
        actor=practitioner, review_id=Review.objects.get(case=case, status=Review.Status.SCHEDULED).pk
    )
    golive_services.hold_review(
        actor=practitioner,
        review_id=review.pk,
        findings=[
            golive_services.Finding(outcome.pk, achieved, note)
            for outcome, (achieved, note) in zip(
                review.plan.outcomes.all(),
                [("partly", "Mornings are rushed"), ("not_met", "")] * 5,
                strict=False,
            )
        ],
        what_changed="Your daughter has moved away, so you have less help at weekends.",
        result=Review.Result.PLAN_CHANGE,
    )
    return the_letter(case, LetterType.REVIEW_OUTCOME)


def support_ending(request) -> Letter:
    """The person's support ends today because they are moving away: the letter about what stops."""
    case = support_started(request)
    ending_services.end_plan(
        actor=request.getfixturevalue("practitioner"),
        case_id=case.pk,
        ends_on=timezone.localdate(),
        reason="moved_away",
    )
    return the_letter(case, LetterType.SUPPORT_ENDING)


PLAN_ITEMS = [
    {
        "kind": "paid",
        "description": "Help to wash and dress each morning",
        "provider": "Riverside Home Care",
        "management": "direct_payment",
        "basis": "hourly",
        "hours": "7",
        "rate": "25",
    },
    {"kind": "family", "description": "Meals cooked with me", "who_and_when": "My son Dev, on weekdays"},
]


EVERY_LETTER = [
    (LetterType.CASE_REFERENCE, case_reference),
    (LetterType.CONTACT_SUMMARY, contact_summary_resolved),
    (LetterType.CONTACT_SUMMARY, contact_summary_for_assessment),
    (LetterType.ASSESSMENT_SUMMARY, assessment_summary),
    (LetterType.ELIGIBILITY_DECISION, decision_eligible),
    (LetterType.ELIGIBILITY_DECISION, decision_not_eligible),
    (LetterType.ELIGIBILITY_DECISION, decision_for_a_carer),
    (LetterType.INDICATIVE_BUDGET, indicative_budget),
    (LetterType.FINANCIAL_ASSESSMENT, financial_assessment),
    (LetterType.FINANCIAL_ASSESSMENT, financial_assessment_full_cost),
    (LetterType.SUPPORT_PLAN, support_plan),
    (LetterType.SUPPORT_PLAN, support_plan_in_large_print),
    (LetterType.CARERS_SUPPORT_PLAN, carers_support_plan),
    (LetterType.PLAN_AGREED, plan_agreed),
    (LetterType.PLAN_AGREED, carers_plan_agreed),
    (LetterType.REVIEW_INVITATION, review_invitation),
    (LetterType.REVIEW_OUTCOME, review_outcome),
    (LetterType.DIRECT_PAYMENT, direct_payment),
    (LetterType.SUPPORT_ENDING, support_ending),
]


@pytest.fixture(params=EVERY_LETTER, ids=[make.__name__ for _, make in EVERY_LETTER])
def letter(request):
    CouncilSettings.objects.create(
        name="Northbrook Council", phone="0300 123 4567", email="adultcare@northbrook.example.gov.uk"
    )
    letter_type, make = request.param
    made = make(request)
    assert made.letter_type == letter_type
    return made


@pytest.mark.parametrize("stage", Stage.values)
def test_what_happens_next_at_every_stage_is_told_to_the_person(stage):
    said = next_step_for_the_person(stage)
    assert "you" in said.lower().split() or "your" in said.lower().split()
    assert [word for word in STAFF_WORDS if word in said.lower()] == []


def test_every_kind_of_letter_is_read_here():
    # Letters to someone else about the person (a provider's order) are read in reviews/tests/test_go_live_letters.py.
    assert {letter_type for letter_type, _ in EVERY_LETTER} | LETTERS_TO_OTHERS == set(LetterType.values)


def test_a_letter_speaks_to_its_reader_and_says_what_happens_next_and_how_to_disagree_or_complain(letter):
    text = pdf_text(letter)
    flat = " ".join(text.split()).lower()
    assert [word for word in STAFF_WORDS if word in flat] == []
    for wanted in [
        "What happens next",
        "If you disagree or want to complain",
        "0300 123 4567",
        "adultcare@northbrook.example.gov.uk",
        "Local Government and Social Care Ombudsman",
        letter.case.reference,
    ]:
        assert wanted.lower() in flat
    assert re.search(r"Dear \w+,", text)


def test_each_bullet_in_a_letter_is_read_with_its_item(letter):
    lines = [line.strip() for line in pdf_text(letter).splitlines()]
    items = [line for line in lines if re.match(r"(•|\d+\.) \S", line)]
    assert items, "the letter has a list"
    lone = [
        line for line in lines if re.fullmatch(r"(•|\d{1,2}\.)( *(•|\d{1,2}\.))*", line) or "•" in line[1:]
    ]
    assert lone == []


@pytest.mark.parametrize(
    ("letter_type", "also"),
    [
        (LetterType.DIRECT_PAYMENT, ""),
        (LetterType.REVIEW_INVITATION, ""),
        (LetterType.REVIEW_OUTCOME, ""),
        (LetterType.PLAN_AGREED, " You can also see your plan and your letters online."),
    ],
)
@pytest.mark.parametrize("worker", ["Sam Okafor", ""])
def test_a_letter_tells_the_person_who_to_contact_in_the_same_words(letter_type, also, worker):
    CouncilSettings.objects.create(
        name="Northbrook Council", phone="0300 123 4567", email="adultcare@northbrook.example.gov.uk"
    )
    case = CaseFactory()
    html = letters.letter_html(Letter(case=case, letter_type=letter_type, content={"worker": worker}))
    [said] = re.findall(r"<h2>Who to contact</h2>\s*<p>(.*?)</p>", html, re.DOTALL)
    assert said == (
        (f"Your worker is {worker}. " if worker else "")
        + "Call us on 0300 123 4567 or email adultcare@northbrook.example.gov.uk, "
        + f"and quote your reference {case.reference}.{also}"
    )
