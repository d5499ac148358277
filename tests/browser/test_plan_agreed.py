"""After sign-off, in a browser: a team manager agrees one plan, returns another with a reason and escalates a
third, which the service manager passes on to the head of service, who agrees it. The practitioner who wrote them
sees each decision on their home page (a return with its reason) and is emailed; the personal budget is on the
plan and the case, and every decision on the timeline; the person reads theirs on their own case, and the letter
a real Celery worker renders says it in plain words. Every page passes axe."""

import io
import re
import time
from decimal import Decimal as D

import pytest
from django.core import mail
from playwright.sync_api import expect
from pypdf import PdfReader

from cases.models import Letter, LetterType
from cases.tests.factories import CaseFactory
from support_planning.tests.factories import budgeted_case
from validation.models import PersonalBudget, SignOffDecision
from validation.tests.conftest import sent_for_sign_off

from .conftest import accessibility_violations, sign_in
from .test_sign_off import decide

pytestmark = pytest.mark.django_db(transaction=True)

JARGON = re.compile(r"\bRAS\b|delegation|scheme|level|sign-off", re.IGNORECASE)


def switch_to(page, user) -> None:
    page.context.clear_cookies()
    sign_in(page, user.username)


def ready(letter_type: str, case) -> Letter:
    """The standard print letter, once the Celery worker has rendered it (a minute at most)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        letter = Letter.objects.filter(
            case=case, letter_type=letter_type, status=Letter.Status.READY, content__large_print=False
        ).first()
        if letter:
            return letter
        time.sleep(0.25)
    raise AssertionError(f"no {letter_type} letter was rendered")


def test_after_sign_off_the_workers_are_told_the_budget_is_fixed_and_the_person_gets_their_letter(
    page,
    practitioner,
    manager,
    service_manager,
    head_of_service,
    citizen,
    questionnaire,
    ras_version,
    delegation_scheme,
    celery_worker_on_redis,
):
    practitioner.email = "deb.george@northbrook.example.gov.uk"
    practitioner.save(update_fields=["email"])
    cases = [
        CaseFactory(person=citizen.person, team=practitioner.team, allocated_worker=practitioner),
        CaseFactory(team=practitioner.team),
        CaseFactory(team=practitioner.team),
    ]
    plans = [
        sent_for_sign_off(budgeted_case(practitioner, case)[0], practitioner, annual=annual)
        for case, annual in zip(cases, (D("12000"), D("15000"), D("18000")), strict=True)
    ]
    agreed, returned, escalated = (plan.case.person for plan in plans)

    sign_in(page, manager.username)
    page.get_by_role("link", name="Sign-off").click()
    decide(page, agreed, "Agree the plan")
    expect(page.locator("main")).to_contain_text(f"{agreed.full_name}’s support plan is agreed")
    decide(
        page,
        returned,
        "Return it to be changed",
        "Say who helps at weekends",
        "It does not meet every eligible need",
    )
    decide(page, escalated, "Escalate it to the service manager", "A provider we have not used before")

    switch_to(page, service_manager)
    page.get_by_role("link", name="Sign-off").click()
    decide(page, escalated, "Escalate it to the head of service", "A new provider, and a precedent")

    switch_to(page, head_of_service)
    page.get_by_role("link", name="Sign-off").click()
    page.get_by_role("link", name=re.compile(escalated.full_name)).click()
    expect(page.locator("#decisions")).to_contain_text("A new provider, and a precedent")
    page.get_by_label("Agree the plan").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator("main")).to_contain_text(f"{escalated.full_name}’s support plan is agreed")
    page.goto(f"/sign-off/plans/{plans[2].pk}/")
    expect(page.locator("#personal-budget")).to_contain_text("£18,000.00 a year")
    expect(page.locator("#personal-budget")).to_contain_text("under delegation scheme version 1")
    assert accessibility_violations(page) == []

    assert [(d.plan_id, d.outcome, d.decided_by_id) for d in SignOffDecision.objects.order_by("pk")] == [
        (plans[0].pk, "agreed", manager.pk),
        (plans[1].pk, "returned", manager.pk),
        (plans[2].pk, "escalated", manager.pk),
        (plans[2].pk, "escalated", service_manager.pk),
        (plans[2].pk, "agreed", head_of_service.pk),
    ]
    assert {budget.plan_id for budget in PersonalBudget.objects.all()} == {plans[0].pk, plans[2].pk}

    # The practitioner who wrote them is told, on their home page and by email.
    switch_to(page, practitioner)
    notices = page.locator("#plan-decisions")
    expect(notices).to_contain_text(f"Plan agreed for {agreed.full_name}")
    expect(notices).to_contain_text(f"Plan agreed for {escalated.full_name}")
    expect(notices).to_contain_text(f"Plan returned for {returned.full_name}")
    expect(notices).to_contain_text("Reasons: Say who helps at weekends")
    assert accessibility_violations(page) == []
    deadline = time.monotonic() + 60
    while len(mail.outbox) < 3 and time.monotonic() < deadline:
        time.sleep(0.25)
    assert sorted(email.subject.split(":")[0] for email in mail.outbox) == [
        "Support plan agreed",
        "Support plan agreed",
        "Support plan returned",
    ]

    notices.get_by_role("link", name=f"Plan returned for {returned.full_name}").click()
    expect(page.locator("#returned")).to_contain_text("Say who helps at weekends")
    assert accessibility_violations(page) == []

    page.goto("/")
    notices.get_by_role("link", name=f"Plan agreed for {agreed.full_name}").click()
    budget = page.locator("#personal-budget")
    expect(budget).to_contain_text("Personal budget: £12,000.00 a year")
    expect(budget).to_contain_text(f"{agreed.known_as} pays")
    expect(budget).to_contain_text("The council pays")
    assert accessibility_violations(page) == []
    page.get_by_role("button", name="Send that letter in large print").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Letter requested")

    page.goto(f"/cases/{cases[0].pk}/")
    expect(page.locator("#personal-budget")).to_contain_text("£12,000.00 a year")
    expect(page.locator("#timeline")).to_be_visible()
    expect(page.locator(".moj-timeline")).to_contain_text(
        "As the team manager, under delegation scheme version 1, on £12,000.00 a year"
    )
    letter_link = page.locator("#letters").get_by_role(
        "link", name=re.compile("Your agreed plan and personal budget")
    )
    expect(letter_link.first).to_be_visible(timeout=60000)
    assert accessibility_violations(page) == []
    page.goto("/")
    expect(page.locator("#plan-decisions")).not_to_contain_text(agreed.full_name)  # seen now

    # The person reads their personal budget on their own case, and their letter.
    switch_to(page, citizen)
    page.goto(f"/your-case/{cases[0].pk}/")
    own = page.locator("main")
    expect(own).to_contain_text("Your personal budget")
    expect(own).to_contain_text("£12,000.00 a year")
    expect(own).to_contain_text("We have not yet worked out whether you pay anything towards it")
    assert accessibility_violations(page) == []

    letter = ready(LetterType.PLAN_AGREED, cases[0])
    assert not letter.content["large_print"]
    link = page.get_by_role("link", name=re.compile("Your agreed plan and personal budget"))
    expect(link.first).to_be_visible()
    pdf = page.request.get(f"/cases/{cases[0].pk}/letters/{letter.pk}/")
    assert pdf.headers["content-type"] == "application/pdf"
    text = " ".join(
        " ".join(sheet.extract_text().split()) for sheet in PdfReader(io.BytesIO(pdf.body())).pages
    )
    for said in [
        "Your support plan is agreed",
        f"Dear {agreed.known_as},",
        "Your personal budget is the money for the support in your plan: £230.00 a week, and £40.00 once",
        "That is £12,000.00 in the first year.",
        "We have not yet worked out whether you pay anything towards it.",
        "We arrange and pay for £230.00 a week of the support in your plan",
        f"{practitioner.display_name}, your worker, will now arrange your support",
        "What happens next",
        "Who to contact",
        cases[0].reference,
    ]:
        assert said in text
    assert JARGON.findall(text) == []
    assert ready(LetterType.PLAN_AGREED, cases[2]).content["annual"] == "18000.00"
    assert not Letter.objects.filter(case=cases[1], letter_type=LetterType.PLAN_AGREED).exists()
