"""Who is told of a decision, and where every decision can be read afterwards: the plan's workers emailed and shown
it on their home page and caseload until they open the case, a returned plan's reasons on the new draft, every
decision on the case's timeline, and read-only, with each read in the audit trail, in the configuration screens."""

from decimal import Decimal as D

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from cases.models import AccessEvent
from cases.roles import Role
from cases.tests.factories import UserFactory
from validation import notices, services
from validation.models import SignOffDecision
from validation.tests.conftest import sent_for_sign_off

pytestmark = pytest.mark.django_db

SITE = "https://frontdoor.example/"


def flat(response) -> str:
    return " ".join(response.text.split())


@pytest.fixture
def worker(case_to_sign_off, practitioner, team):
    """Another practitioner of the team, who holds the case someone else wrote the plan on."""
    holder = UserFactory(
        username="worker", role=Role.PRACTITIONER, team=team, email="sam.patel@northbrook.example.gov.uk"
    )
    case_to_sign_off.allocated_worker = holder
    case_to_sign_off.save(update_fields=["allocated_worker"])
    practitioner.email = "deb.george@northbrook.example.gov.uk"
    practitioner.save(update_fields=["email"])
    return holder


def test_the_writer_and_the_case_s_worker_are_emailed_when_the_plan_is_agreed(
    case_to_sign_off, practitioner, manager, worker, django_capture_on_commit_callbacks
):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("12000"))
    with django_capture_on_commit_callbacks(execute=False) as queued:
        decision = services.agree(actor=manager, plan_id=plan.pk, seen_decisions=0, site_url=SITE)
    assert len(queued) == 2  # the letter to the person, and the email to the workers, once it is saved
    tell = case_to_sign_off.events.get(milestone="plan_agreed").facts["tell"]
    assert tell == [practitioner.pk, worker.pk]  # never the manager who decided

    assert notices.tell_workers_of_decision(decision.pk, tell, base_url=SITE.rstrip("/")) == 2
    assert sorted(email.to[0] for email in mail.outbox) == [practitioner.email, worker.email]
    email = mail.outbox[0]
    assert email.subject == f"Support plan agreed: case {case_to_sign_off.reference}"
    assert f"{SITE}plans/cases/{case_to_sign_off.pk}/" in email.body
    assert f"agreed by {manager.display_name} (team manager)" in email.body
    person = case_to_sign_off.person
    assert person.family_name not in email.body + email.subject  # no personal details in an email


def test_a_change_agreed_within_the_tolerance_is_emailed_as_agreed_as_it_was_sent(
    case_to_sign_off, practitioner, manager, worker
):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("12000"))
    decision = services.agree(actor=manager, plan_id=plan.pk, seen_decisions=0, site_url=SITE)
    SignOffDecision.objects.filter(pk=decision.pk).update(  # as a change within the tolerance records it
        outcome=SignOffDecision.Outcome.WITHIN_TOLERANCE,
        level_place=0,
        level_name="",
        decided_by=practitioner,
    )

    assert notices.tell_workers_of_decision(decision.pk, [worker.pk], base_url=SITE.rstrip("/")) == 1
    [email] = mail.outbox
    assert email.subject == f"Support plan agreed: case {case_to_sign_off.reference}"
    assert "agreed as it was sent, a change within the council's tolerance for changes" in email.body
    assert "returned" not in email.body


def test_the_writer_is_emailed_when_the_plan_is_returned_and_nobody_when_it_is_escalated(
    case_to_sign_off, practitioner, manager, worker, django_capture_on_commit_callbacks
):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("12000"))
    with django_capture_on_commit_callbacks(execute=False) as queued:
        decision = services.return_for_changes(
            actor=manager,
            plan_id=plan.pk,
            seen_decisions=0,
            reasons="Say who helps at weekends",
            site_url=SITE,
        )
    assert len(queued) == 1
    notices.tell_workers_of_decision(decision.pk, [practitioner.pk], base_url="")
    [email] = mail.outbox
    assert email.subject == f"Support plan returned: case {case_to_sign_off.reference}"
    assert "A new draft is waiting" in email.body and "weekends" not in email.body  # reasons read signed in

    draft = plan.next_version
    plan_services_submit(practitioner, draft)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        services.escalate(actor=manager, plan_id=draft.pk, seen_decisions=0, note="A new provider")
    assert queued == []


def plan_services_submit(actor, plan):
    from support_planning import services as plan_services

    plan.refresh_from_db()
    plan_services.submit(actor=actor, plan_id=plan.pk, seen_version=plan.version, gap_reason="Two carers")


def test_the_workers_see_the_decision_on_their_home_page_and_caseload_until_they_open_the_case(
    client, case_to_sign_off, practitioner, manager, worker
):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("12000"))
    services.agree(actor=manager, plan_id=plan.pk, seen_decisions=0)
    name = case_to_sign_off.person.full_name
    for who in (practitioner, worker):
        client.force_login(who)
        for page in ("home", "caseload"):
            assert f"Plan agreed for {name}" in flat(client.get(reverse(page)))
    client.get(reverse("support_plan", args=[case_to_sign_off.pk]))  # the worker opens it
    assert "Plan agreed for" not in client.get(reverse("home")).text
    client.force_login(practitioner)
    assert f"Plan agreed for {name}" in flat(client.get(reverse("home")))
    client.force_login(manager)
    assert "Plan agreed for" not in client.get(reverse("home")).text


def test_the_writer_reads_why_the_plan_was_returned_on_their_home_page_and_on_the_new_draft(
    client, case_to_sign_off, practitioner, manager
):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("12000"))
    services.return_for_changes(
        actor=manager, plan_id=plan.pk, seen_decisions=0, reasons="Say who helps on Sundays"
    )
    client.force_login(practitioner)
    home = flat(client.get(reverse("home")))
    assert f"Plan returned for {case_to_sign_off.person.full_name}" in home
    assert "Reasons: Say who helps on Sundays" in home
    draft = flat(client.get(reverse("support_plan", args=[case_to_sign_off.pk])))
    assert f"Version 1 was returned to be changed by {escape(manager.display_name)} (team manager)" in draft
    assert "“Say who helps on Sundays”" in draft


def test_every_decision_is_on_the_case_s_timeline_with_its_level_scheme_version_amount_and_words(
    client, case_to_sign_off, practitioner, manager, service_manager
):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("20000"))
    services.return_for_changes(actor=manager, plan_id=plan.pk, seen_decisions=0, reasons="Sundays?")
    draft = plan.next_version
    plan_services_submit(practitioner, draft)
    services.escalate(actor=manager, plan_id=draft.pk, seen_decisions=0, note="A new provider")
    services.agree(actor=service_manager, plan_id=draft.pk, seen_decisions=1, note="Sound")
    client.force_login(practitioner)
    timeline = flat(client.get(reverse("case", args=[case_to_sign_off.pk])))
    for said in [
        "As the team manager, under delegation scheme version 1, on £20,000.00 a year",
        "Reasons: “Sundays?”",
        "Note: “A new provider”",
        "As the service manager, under delegation scheme version 1, on £20,000.00 a year",
        "Note: “Sound”",
        "against the indicative budget",
        f"by {escape(service_manager.display_name)}",  # a name like O’Brien is escaped in the page
    ]:
        assert said in timeline


def test_council_admins_read_every_decision_and_its_budget_in_the_configuration_screens_and_change_nothing(
    client, case_to_sign_off, practitioner, manager, council_admin
):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("12000"))
    decision = services.agree(actor=manager, plan_id=plan.pk, seen_decisions=0, note="Sound")
    client.force_login(council_admin)
    listing = flat(client.get(reverse("admin:validation_signoffdecision_changelist")))
    assert case_to_sign_off.reference in listing and "Team manager" in listing and "£12,000.00" in listing
    url = reverse("admin:validation_signoffdecision_change", args=[decision.pk])
    page = flat(client.get(url))
    assert "Sound" in page and "Delegation scheme version" in page and "Agreed on" in page
    assert 'name="_save"' not in page
    assert client.post(url, {"reason": "Changed"}).status_code == 403
    assert client.get(reverse("admin:validation_signoffdecision_add")).status_code == 403
    assert SignOffDecision.objects.get().reason == "Sound"
    read = AccessEvent.objects.filter(user=council_admin, case=case_to_sign_off).get()
    assert (read.action, read.what) == ("view", "sign-off decision")
    assert AccessEvent.objects.filter(user=council_admin, case=None, what="sign-off decisions").exists()


def test_staff_other_than_council_admins_cannot_read_decisions_in_the_configuration_screens(client, manager):
    client.force_login(manager)
    response = client.get(reverse("admin:validation_signoffdecision_changelist"))
    assert response.status_code == 302 and not AccessEvent.objects.exists()


def test_opening_the_sign_off_screen_is_in_the_audit_trail(client, case_to_sign_off, practitioner, manager):
    plan = sent_for_sign_off(case_to_sign_off, practitioner, annual=D("12000"))
    services.agree(actor=manager, plan_id=plan.pk, seen_decisions=0)
    client.force_login(manager)
    client.get(reverse("plan_sign_off", args=[plan.pk]))
    assert AccessEvent.objects.filter(
        user=manager, case=case_to_sign_off, action="view", what="support plan for sign-off"
    ).exists()
